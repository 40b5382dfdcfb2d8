"""Pilot tests for the detail screen: the history listed, selected with j/k, edited and
deleted (soft, undoable), the packet added after the ask, the coach's fixes, open roles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from referral_tui.config import Config
from referral_tui.demo import write_demo
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Contact, InteractionKind
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.forms.contact import ContactForm
from referral_tui.ui.forms.interaction import InteractionForm
from referral_tui.ui.forms.packet import PacketForm
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.detail import DetailScreen, DetailScroll, Entry
from tests.helpers import TODAY, fresh, on_screen, saved, text_of, wait_for

SIZE = (120, 36)


@pytest.fixture
def demo(tmp_path: Path) -> Repository:
    return write_demo(tmp_path / "referrals.json", FixedClock(TODAY))


def person(repo: Repository, name: str) -> Contact:
    return next(c for c in repo.contacts() if c.name == name)


async def open_detail(pilot: Pilot[Any], contact_id: int) -> DetailScreen:
    app = pilot.app
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    screen.open_detail(contact_id)
    await wait_for(pilot, lambda: isinstance(app.focused, DetailScroll), "the detail screen, focused")
    detail = app.screen
    assert isinstance(detail, DetailScreen)
    return detail


def detail(app: App[Any]) -> DetailScreen:
    return on_screen(app, DetailScreen)


async def select(pilot: Pilot[Any], screen: DetailScreen, wanted: Entry) -> None:
    for _ in range(len(screen.entries) + 1):
        if screen.current == wanted:
            return
        await pilot.press("j")
    raise AssertionError(f"never reached {wanted}")


def marked(app: App[Any], section: str) -> list[str]:
    return [line for line in text_of(app, f"#detail-{section}").splitlines() if line.startswith("▶ ")]


async def test_j_and_k_select_the_findings_asks_and_interactions(demo: Repository) -> None:
    nadia = person(demo, "Nadia Haddad")
    app = make_app(demo, config=Config(animations=False, smooth_scroll=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, nadia.id)
        assert isinstance(app.focused, DetailScroll)  # j/k work without Tab
        assert screen.current is None  # nothing selected: e edits the referrer
        sections = [e.section for e in screen.entries]
        assert sections == sorted(sections, key=("coach", "asks", "timeline").index)
        assert sections.count("coach") >= 3 and sections.count("asks") == 1
        await pilot.press("j")
        assert screen.current == screen.entries[0]
        assert marked(app, "coach") and marked(app, "coach")[0].startswith("▶ ⚑")
        first_ask = next(e for e in screen.entries if e.section == "asks")
        await select(pilot, screen, first_ask)
        assert not marked(app, "coach") and len(marked(app, "asks")) == 1
        await pilot.press("j")
        assert screen.current is not None and screen.current.section == "timeline"
        await pilot.press("k", "k")
        assert screen.current is not None and screen.current.section == "coach"
        for _ in screen.entries:
            await pilot.press("k")
        assert screen.current is None and not marked(app, "coach")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm), "the referrer's form")


async def test_enter_on_a_finding_opens_its_fix_and_the_packet_clears_it(demo: Repository) -> None:
    nadia = person(demo, "Nadia Haddad")
    app = make_app(demo, config=Config(animations=False, smooth_scroll=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, nadia.id)
        assert "Referrer doesn't know how to help" in text_of(app, "#detail-coach")
        packet = next(e for e in screen.entries if e.finding is not None and e.finding.rule == "no_packet")
        await select(pilot, screen, packet)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PacketForm), "the packet form")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "the detail again")
        # P on the ask does the same.
        await select(pilot, screen, next(e for e in screen.entries if e.section == "asks"))
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, PacketForm), "the packet form")
        form = app.screen
        assert isinstance(form, PacketForm)
        form.query_one("#f-why_role").value = (  # type: ignore[attr-defined]
            "I have run the data platform this role owns, at twice Quarrystone Energy's scale."
        )
        form.query_one("#f-resume_url").value = "https://files.example/resume.pdf"  # type: ignore[attr-defined]
        form.query_one("#f-points").load_text("One\nTwo\nThree")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, "the detail again")
        assert "Referrer doesn't know how to help" not in text_of(app, "#detail-coach")
        assert "packet complete" in text_of(app, "#detail-asks")
        assert screen.current is not None and screen.current.section == "asks"  # the selection stayed
        await pilot.press("u")
        await pilot.pause()
        assert "Referrer doesn't know how to help" in text_of(app, "#detail-coach")


async def test_edit_and_delete_an_interaction(demo: Repository) -> None:
    dana = person(demo, "Dana Okafor")
    app = make_app(demo, config=Config(animations=False, smooth_scroll=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, dana.id)
        newest = next(e for e in screen.entries if e.section == "timeline")
        original = demo.interaction(newest.record_id)
        await select(pilot, screen, newest)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, InteractionForm), "the interaction form")
        form = app.screen
        assert isinstance(form, InteractionForm) and form.original == original
        form.query_one("#f-summary").value = "Thanked her after round two [and the VP]"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, "the detail again")
        await saved(pilot)
        assert fresh(demo).interaction(original.id).summary == "Thanked her after round two [and the VP]"
        assert "Thanked her after round two [and the VP]" in text_of(app, "#detail-timeline")

        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the delete question")
        await pilot.press("y")
        await saved(pilot)
        assert fresh(demo).interaction(original.id).archived
        assert "round two" not in text_of(app, "#detail-timeline")
        assert all(e.record_id != original.id for e in screen.entries if e.section == "timeline")
        await pilot.press("u")
        await saved(pilot)
        assert not fresh(demo).interaction(original.id).archived
        assert "round two" in text_of(app, "#detail-timeline")
        await pilot.press("ctrl+r")
        await saved(pilot)
        assert fresh(demo).interaction(original.id).archived


async def test_delete_an_ask_cancels_its_follow_ups_and_undo_restores_them(demo: Repository) -> None:
    nadia = person(demo, "Nadia Haddad")
    app = make_app(demo, config=Config(animations=False, smooth_scroll=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, nadia.id)
        ask = next(e for e in screen.entries if e.section == "asks")
        open_before = [f.id for f in demo.ask_followups(ask.record_id, open_only=True)]
        assert open_before
        await select(pilot, screen, ask)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the delete question")
        await pilot.press("y")
        await saved(pilot)
        assert fresh(demo).ask(ask.record_id).archived
        assert fresh(demo).ask_followups(ask.record_id, open_only=True) == []
        assert "No asks yet" in text_of(app, "#detail-asks")
        await pilot.press("u")
        await saved(pilot)
        assert [f.id for f in fresh(demo).ask_followups(ask.record_id, open_only=True)] == open_before


async def test_open_roles_strength_history_and_literal_text(demo: Repository) -> None:
    chloe = person(demo, "Chloe Durand")
    demo.save(replace(chloe, name="Chloe [b]Durand[/b]", notes="Met at [link=x]KubeCon[/link]"))
    app = make_app(demo, config=Config(animations=False, smooth_scroll=False))
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, chloe.id)
        roles = text_of(app, "#detail-roles")
        assert "Open roles at Ossory Cloud (timing signals)" in roles
        assert "Senior Platform Engineer, Build Infrastructure" in roles and "seen 7 Mar" in roles
        matrix = text_of(app, "#detail-matrix")
        assert "Relationship strength over time:" in matrix
        assert "Chloe [b]Durand[/b]" in text_of(app, "#detail-about")
        assert "Met at [link=x]KubeCon[/link]" in text_of(app, "#detail-notes")
        kinds = {demo.interaction(e.record_id).kind for e in detail(app).entries if e.section == "timeline"}
        assert kinds and kinds <= set(InteractionKind)
