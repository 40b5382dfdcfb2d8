"""Pilot tests for the messages screen: j/k in the templates list, copying, logging it as sent."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import InteractionKind
from referral_tui.domain.templates import sent_as
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.screens.messages import MessageScreen
from tests.helpers import fresh, notices, saved, wait_for

TODAY = date(2026, 3, 9)
SIZE = (110, 40)
NAME = "Priya [Labs] Shah"


@pytest.fixture
def one_referrer(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "messages.json", FixedClock(TODAY))
    repo.quick_add(f"{NAME} @ Stripe, Staff Engineer")
    repo.save_template("mine", "My [bold] note", "Hi {first_name}, {my_news}")
    repo.undo_stack.clear()
    return repo


async def open_messages(pilot: Pilot[Any]) -> MessageScreen:
    """t on the board's focused card (the only referrer)."""
    await pilot.pause()
    await pilot.press("t")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MessageScreen), "the messages screen")
    screen = pilot.app.screen
    assert isinstance(screen, MessageScreen)
    return screen


async def choose(pilot: Pilot[Any], screen: MessageScreen, key: str) -> None:
    """j down the templates list to ``key`` (from the top)."""
    await pilot.press("home")
    for _ in screen.templates:
        if screen.current.key == key:
            return
        await pilot.press("j")
    raise AssertionError(f"no template {key}")


def sent_interactions(repo: Repository) -> list[tuple[date, InteractionKind, str, bool]]:
    return [
        (i.day, i.kind, i.summary, i.gave_value)
        for i in fresh(repo).interactions()
        if i.kind is not InteractionKind.ASKED
    ]


async def test_j_and_k_move_in_the_templates_list(one_referrer: Repository) -> None:
    app = make_app(one_referrer)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_messages(pilot)
        options = screen.query_one("#template-list", OptionList)
        assert options.has_focus and options.highlighted == 0
        first = screen.current
        await pilot.press("j", "j")
        await pilot.pause()
        assert options.highlighted == 2
        assert screen.current is screen.templates[2]
        # the message pane follows the highlight
        assert screen.current.title in str(screen.query_one("#message-title").render())
        await pilot.press("k")
        await pilot.pause()
        assert options.highlighted == 1
        await pilot.press("k")
        await pilot.pause()
        assert options.highlighted == 0 and screen.current is first
        # the highlighted template is marked without colour
        assert options.render_line(0).text.startswith("▶ ")
        assert not options.render_line(1).text.startswith("▶")


async def test_copy_then_log_as_sent_logs_the_interaction_and_undo_removes_it(
    one_referrer: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(one_referrer)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    expected = sent_as("value_first")
    assert expected is not None
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_messages(pilot)
        await choose(pilot, screen, "value_first")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the offer to log it")
        assert copied == [screen.rendered.text]
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        body = str(dialog.query_one(".dialog-body", Static).render())
        assert NAME in body and expected.summary in body  # the bracketed name shown as typed
        await pilot.press("y")
        await saved(pilot)
        assert app.screen is screen
        assert sent_interactions(one_referrer) == [(TODAY, expected.kind, expected.summary, expected.gave_value)]
        assert any(f"Logged with {NAME}" in m for m in notices(app))
        # u on the messages screen undoes it
        await pilot.press("u")
        await saved(pilot)
        assert sent_interactions(one_referrer) == []


async def test_a_follow_up_template_logs_what_its_follow_up_logs(
    one_referrer: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(one_referrer)
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: None)
    expected = sent_as("event_followup")
    assert expected is not None
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_messages(pilot)
        await choose(pilot, screen, "event_followup")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the offer to log it")
        await pilot.press("enter")
        await saved(pilot)
        assert sent_interactions(one_referrer) == [(TODAY, expected.kind, expected.summary, expected.gave_value)]


async def test_declining_the_offer_logs_nothing(one_referrer: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(one_referrer)
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_messages(pilot)
        await choose(pilot, screen, "alumni")
        before = one_referrer.path.read_bytes()
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the offer to log it")
        await pilot.press("escape")
        await saved(pilot)
        assert app.screen is screen
        assert one_referrer.path.read_bytes() == before
        assert sent_interactions(one_referrer) == []


async def test_the_referral_ask_is_not_offered_it_logs_itself_when_the_ask_is_saved(
    one_referrer: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(one_referrer)
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_messages(pilot)
        await choose(pilot, screen, "referral_ask")
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        # the copy notice names what is still unfilled
        notice = next(m for m in notices(app) if m.startswith("Copied"))
        assert "still unfilled: {role}, {role_link}" in notice


async def test_unfilled_placeholders_are_named_and_user_titles_are_text(one_referrer: Repository) -> None:
    app = make_app(one_referrer)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_messages(pilot)
        await choose(pilot, screen, "mine")
        unfilled = str(screen.query_one("#message-unfilled", Static).render())
        assert "Unfilled (1): {my_news}" in unfilled
        assert "{my_news}: a line of your own news (editor)" in unfilled
        options = screen.query_one("#template-list", OptionList)
        assert "My [bold] note  (mine)" in str(options.get_option_at_index(options.highlighted or 0).prompt)
        assert "My [bold] note" in app.export_screenshot().replace("&#160;", " ")
