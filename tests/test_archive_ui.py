"""Pilot tests for the archive (``A``): archived referrers and companies, restored with r."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.screens.archive import Archived, ArchiveScreen
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.companies import CompaniesScreen
from tests.helpers import TODAY, board, fresh, on_screen, saved, wait_for

SIZE = (100, 30)


@pytest.fixture
def campaign(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "archive.json", FixedClock(TODAY))
    repo.quick_add("Ana [Labs] Ruiz @ Acme [Labs], Staff Engineer")
    repo.quick_add("Bo Chen @ Globex, SRE")
    repo.undo_stack.clear()
    return repo


def archive_screen(app: App[Any]) -> ArchiveScreen:
    return on_screen(app, ArchiveScreen)


async def test_an_empty_archive_says_how_things_get_there(campaign: Repository) -> None:
    app = make_app(campaign)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveScreen), "the archive")
        screen = archive_screen(app)
        assert screen.view.items == []
        lines = [screen.view.render_line(y).text for y in range(3)]
        assert lines[0].startswith("  Nothing is archived.") and "come back here with r" in " ".join(lines)
        assert "Archive · empty" in str(screen.query_one("#archive-header").render())
        await pilot.press("r")  # nothing to restore: a message, no crash
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")


async def test_archive_then_restore_a_referrer_and_a_company(campaign: Repository) -> None:
    app = make_app(campaign)
    ana = next(c for c in campaign.contacts() if c.name.startswith("Ana"))
    acme = campaign.find_company("Acme [Labs]")
    assert acme is not None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        card = board(app).focused_column.current
        assert card is not None and card.name == "Ana [Labs] Ruiz"
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the archive question")
        await pilot.press("y")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CompaniesScreen), "the companies")
        await pilot.press("x")  # Acme [Labs] sorts first
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the archive question")
        await pilot.press("y")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")
        await saved(pilot)
        assert fresh(campaign).contact(ana.id).archived and fresh(campaign).company(acme.id).archived

        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveScreen), "the archive")
        screen = archive_screen(app)
        assert screen.view.items == [Archived("contacts", ana.id), Archived("companies", acme.id)]
        text = screen.view.text
        assert "Archived referrers (1)" in text and "Archived companies (1)" in text
        assert "Ana [Labs] Ruiz  Acme [Labs] · Staff Engineer" in text  # shown as typed, not as markup
        assert "was in Research" in text
        lines = [screen.view.render_line(y).text for y in range(screen.view.size.height)]
        assert [line for line in lines if line.startswith("▶ ")] == [next(x for x in lines if "Ana [Labs]" in x)]

        await pilot.press("r")  # the referrer
        await saved(pilot)
        assert not fresh(campaign).contact(ana.id).archived
        assert screen.view.items == [Archived("companies", acme.id)]
        await pilot.press("r")  # the company, now the only one
        await saved(pilot)
        assert not fresh(campaign).company(acme.id).archived
        assert screen.view.items == []
        assert "Archive · empty" in str(screen.query_one("#archive-header").render())

        await pilot.press("u")  # undo brings the company back into the archive
        await saved(pilot)
        assert fresh(campaign).company(acme.id).archived
        assert screen.view.items == [Archived("companies", acme.id)]
        await pilot.press("ctrl+r")
        await saved(pilot)
        assert not fresh(campaign).company(acme.id).archived

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")
        names = [c.name for c in board(app).column_for(Phase.RESEARCH).cards]
        assert "Ana [Labs] Ruiz" in names
