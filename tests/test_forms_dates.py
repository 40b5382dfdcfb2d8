"""Date fields in the forms and the date prompt: typed as people say them, read by the one
parser (domain/dates.py), shown as understood before saving. Today is Mon 9 Mar 2026."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.dates import Direction
from referral_tui.domain.records import Ask
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.ask_outcome import AskOutcome, AskOutcomeForm
from referral_tui.ui.forms.audit import AuditEntryForm
from referral_tui.ui.forms.interaction import InteractionForm
from referral_tui.ui.forms.prompt import DatePrompt
from referral_tui.ui.screens.board import BoardScreen
from tests.form_harness import UNSET, FormHarness, opened
from tests.helpers import fresh, saved, text_of, wait_for

TODAY = date(2026, 3, 9)


async def type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Clear the input at ``selector`` and type ``text`` key by key."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    await pilot.press(*text)


@pytest.fixture
def one(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "dates.json", FixedClock(TODAY))
    repo.quick_add("Priya Shah @ Stripe, Staff Engineer")
    repo.undo_stack.clear()
    return repo


async def test_typing_yesterday_into_an_interactions_date_saves_yesterday(one: Repository) -> None:
    app = make_app(one)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InteractionForm), "the interaction form")
        assert text_of(app, "#e-day") == "→ Mon 9 Mar 2026 (today)"
        await type_into(pilot, "#f-day", "yesterday")
        await pilot.pause()
        assert text_of(app, "#e-day") == "→ Sun 8 Mar 2026 (yesterday)"  # shown before saving
        await type_into(pilot, "#f-summary", "coffee")
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        [logged] = fresh(one).interactions()
        assert (logged.day, logged.summary) == (date(2026, 3, 8), "coffee")


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("3d ago", date(2026, 3, 6)),
        ("fri", date(2026, 3, 6)),
        ("last mon", date(2026, 3, 2)),
        ("2026-3-1", date(2026, 3, 1)),
    ],
)
async def test_an_interactions_date_reads_the_spoken_forms(typed: str, day: date) -> None:
    """A bare weekday in a field about the past is the last one (today included)."""
    app = FormHarness(InteractionForm(1, "Priya", TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await type_into(pilot, "#f-day", typed)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert app.result.day == day


async def test_a_bad_date_lists_the_accepted_forms_and_saves_nothing() -> None:
    app = FormHarness(InteractionForm(1, "Priya", TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await type_into(pilot, "#f-day", "soonish")
        note = text_of(app, "#e-day")
        assert note.startswith("✗ 'soonish' is not a date; use today, yesterday, tomorrow, 3d ago"), note
        assert "YYYY-MM-DD" in note
        await pilot.press("enter")
        await pilot.pause()
        assert app.result is UNSET and app.screen is app.form
        assert app.focused is app.form.query_one("#f-day", Input)  # the invalid field gets the focus
        await type_into(pilot, "#f-day", "tomorrow")
        assert "is in the future" in text_of(app, "#e-day")  # a past field refuses it at once


async def test_the_outcome_date_is_a_spoken_date_too() -> None:
    ask = Ask(contact_id=1, day=date(2026, 2, 20), role_title="SRE", id=4)
    app = FormHarness(AskOutcomeForm([ask], TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        form.query_one("#f-status").value = "submitted"  # type: ignore[attr-defined]
        await type_into(pilot, "#f-day", "2d ago")
        assert text_of(app, "#e-day") == "→ Sat 7 Mar 2026 (2 days ago)"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert app.result == AskOutcome(4, "submitted", date(2026, 3, 7), None, "")  # type: ignore[arg-type]


async def test_the_audit_date_may_stay_empty() -> None:
    app = FormHarness(AuditEntryForm(TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await type_into(pilot, "#f-who", "an ex-colleague")
        assert "optional" in text_of(app, "#e-day")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert app.result.who == "an ex-colleague" and app.result.day is None


# -- the date prompt (snoozes) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [("5", date(2026, 3, 14)), ("+3d", date(2026, 3, 12)), ("fri", date(2026, 3, 13)), ("mon", date(2026, 3, 16))],
)
async def test_snooze_prompt_takes_a_day_or_a_number_of_days(typed: str, day: date) -> None:
    """In a field about the future a bare weekday is the next one (never today)."""
    app = FormHarness(DatePrompt.snooze("Week-2 check-in", TODAY, 1, 90))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        assert app.screen.query_one("#prompt-input", Input).value == "+1d"
        assert text_of(app, "#prompt-note") == "→ Tue 10 Mar 2026 (tomorrow)"
        await type_into(pilot, "#prompt-input", typed)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the prompt to close")
        assert app.result == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("yesterday", "is in the past"),
        ("today", "pick a day after today"),
        ("91", "at most 90 days"),
        ("later", "not a date"),
    ],
)
async def test_snooze_prompt_refuses_what_it_cannot_use(typed: str, message: str) -> None:
    app = FormHarness(DatePrompt.snooze("Week-2 check-in", TODAY, 1, 90))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await type_into(pilot, "#prompt-input", typed)
        await pilot.press("enter")
        await pilot.pause()
        assert app.result is UNSET and app.screen is app.form
        shown = text_of(app, "#prompt-note") + text_of(app, "#prompt-error")
        assert message in shown, shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.result is None, "escape to cancel")


async def test_a_date_prompt_looking_either_way_wants_last_or_next() -> None:
    app = FormHarness(DatePrompt("Campaign start", "The day your campaign began", TODAY, Direction.ANY, "2026-03-02"))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await type_into(pilot, "#prompt-input", "mon")
        assert "type last mon or next mon" in text_of(app, "#prompt-note")
        await type_into(pilot, "#prompt-input", "last mon")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the prompt to close")
        assert app.result == date(2026, 3, 2)
