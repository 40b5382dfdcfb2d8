"""Pilot tests for the four-week plan screen: the start date, the week, the figures, the next step."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from referral_tui.domain.campaign import Plan, company_rows, four_week_plan
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, Interaction, InteractionKind
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.audit import AuditEntryForm
from referral_tui.ui.forms.prompt import DatePrompt
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.plan import PlanScreen
from tests.helpers import (
    edit_company,
    fresh,
    notices,
    on_screen,
    open_from_board,
    option_prompts,
    saved,
    text_of,
    wait_for,
)

TODAY = date(2026, 3, 9)
SIZE = (120, 40)
TARGETS = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta")
RESEARCH = {"fit": "fits", "decision_makers": "VP Eng", "challenges": "scale", "my_angle": "I scaled"}


@pytest.fixture
def plan_repo(tmp_path: Path) -> Repository:
    """Six targets with two referrers each, a paused company, some research, scores and contact.

    Expected figures: targets 6 of 5-10; referrers at targets 12 of 12-18; research 2 of 6;
    scored 3 of 13; relationships started 3; value given to 1; conversations 1;
    first ask 05 Mar (Beta P2); no follow-up overdue.
    """
    repo = Repository(tmp_path / "plan.json", FixedClock(TODAY))
    for company in TARGETS:
        for n in (1, 2):
            repo.quick_add(f"{company} P{n} @ {company}", target=True)
    repo.quick_add("Hooli P1 @ Hooli", target=True)
    people = {c.name: c for c in repo.contacts()}
    companies = {c.name: c for c in repo.companies()}
    edit_company(repo, companies["Hooli"].id, status="paused")
    for name in ("Alpha", "Beta"):
        edit_company(repo, companies[name].id, **RESEARCH)
    for name in ("Alpha P1", "Alpha P2", "Hooli P1"):
        repo.score(people[name].id, ScoreEntry(TODAY, 3, 3, 3, 3))
    repo.log_interaction(Interaction(people["Alpha P1"].id, date(2026, 3, 2), kind=InteractionKind.ENGAGED))
    repo.log_interaction(
        Interaction(people["Alpha P2"].id, date(2026, 3, 3), kind=InteractionKind.MESSAGE, gave_value=True)
    )
    repo.log_interaction(Interaction(people["Beta P1"].id, date(2026, 3, 4), kind=InteractionKind.CALL))
    repo.add_ask(Ask(people["Beta P2"].id, date(2026, 3, 5), role_title="Staff Engineer"))  # logs an 'asked'
    repo.undo_stack.clear()
    return repo


def plan_screen(app: App[Any]) -> PlanScreen:
    return on_screen(app, PlanScreen)


async def open_plan(pilot: Pilot[Any]) -> PlanScreen:
    """p, then wait for the worker's plan."""
    return await open_from_board(pilot, "p", PlanScreen, lambda s: s.view is not None, "plan")


def weeks_text(app: App[Any]) -> str:
    """Every line of the plan's list, as shown."""
    return "\n".join(option_prompts(plan_screen(app).query_one("#plan-list", OptionList)))


async def set_start(pilot: Pilot[Any], text: str, *, open_prompt: bool = True) -> None:
    """d (unless the prompt is open already), the date, enter."""
    if open_prompt:
        await pilot.press("d")
        await pilot.pause()
    assert isinstance(pilot.app.screen, DatePrompt)
    pilot.app.screen.query_one("#prompt-input", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def domain_plan(repo: Repository, start: date | None = None) -> Plan:
    rows = company_rows(repo.companies(), repo.contacts(), repo.asks(), repo.followups())
    return four_week_plan(TODAY, start, rows, repo.contacts(), repo.interactions(), repo.asks(), repo.followups())


async def test_p_opens_the_plan_and_asks_for_a_start_date(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        head = text_of(app, "#plan-head")
        assert "The four-week plan" in head
        assert "No campaign start date yet: press d to set it" in head
        assert "you are here" not in weeks_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_setting_the_start_date_stores_it_and_shows_the_week(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await pilot.press("d")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, DatePrompt)
        assert prompt.query_one("#prompt-input", Input).value == "2026-03-09"  # today, to edit
        prompt.query_one("#prompt-input", Input).value = "2026-03-02"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert fresh(plan_repo).profile()["campaign_start"] == "2026-03-02"
        await wait_for(pilot, lambda: "you are in week 2." in text_of(app, "#plan-head"), "the new week")
        head = text_of(app, "#plan-head")
        assert "Started Mon 02 Mar 2026; you are in week 2." in head
        weeks = weeks_text(app)
        marked = [line for line in weeks.splitlines() if "you are here" in line]
        assert len(marked) == 1 and "Week 2: Research and target" in marked[0]
        # it survives leaving and coming back
        await pilot.press("escape")
        await pilot.pause()
        await open_plan(pilot)
        assert "you are in week 2." in text_of(app, "#plan-head")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-03-09", "Started Mon 09 Mar 2026; you are in week 1."),
        ("2026-02-23", "Started Mon 23 Feb 2026; you are in week 3."),
        ("2026-02-01", "you are in week 6 (past the four weeks: keep the rhythm going)."),
        ("2026-03-16", "The campaign starts on Mon 16 Mar 2026."),
    ],
)
async def test_head_for_stored_start_dates(plan_repo: Repository, start: str, expected: str) -> None:
    plan_repo.save_profile(campaign_start=start)
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        assert expected in text_of(app, "#plan-head")


async def test_weeks_and_next_step_show_the_figures_of_a_known_data_set(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        weeks = weeks_text(app)
        for title in (
            "Week 1: Audit your approach",
            "Week 2: Research and target",
            "Week 3: Begin relationship building",
            "Week 4: First strategic ask",
        ):
            assert title in weeks
        for figure in (
            "referrers scored on the matrix: 3 of 13",
            "interactions logged: 4",
            "targets 6 of 5-10",
            "referrers at targets 12 of 12-18",
            "company research complete 2 of 6",
            "relationships started 3",
            "referrers you gave value to 1",
            "first conversations (calls, events) 1",
            "first ask: 05 Mar (Beta P2)",
            "asks made 1; follow-ups overdue 0",
        ):
            assert figure in weeks, figure
        # every progress line of the domain's plan is on the screen
        for week in domain_plan(plan_repo).weeks:
            for line in week.progress:
                assert line in weeks
        # and the next step is the domain's
        expected = domain_plan(plan_repo).next_step
        assert expected == "Finish the research on Gamma: fit, decision makers, challenges, your angle (c, enter)."
        assert text_of(app, "#plan-step") == f"Next step\n{expected}"


async def test_next_step_puts_an_overdue_follow_up_first(plan_repo: Repository) -> None:
    beta_p1 = next(c for c in plan_repo.contacts() if c.name == "Beta P1")
    plan_repo.add_ask(Ask(beta_p1.id, date(2026, 2, 20)))  # week 2 due 27 Feb, week 3 due 6 Mar
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        expected = domain_plan(plan_repo).next_step
        assert expected == "Follow up with Beta P1: due 10 days ago (f opens the list)."
        assert expected in text_of(app, "#plan-step")
        weeks = weeks_text(app)
        assert "first ask: 20 Feb (Beta P1)" in weeks
        assert "asks made 2; follow-ups overdue 2" in weeks


async def test_bad_start_date_shows_an_error_and_saves_nothing(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        before = plan_repo.path.read_bytes()
        for n, (bad, message) in enumerate(
            [
                ("2026-02-30", "'2026-02-30' is not a date: February 2026 has no day 30"),
                ("someday", "'someday' is not a date; use today, yesterday"),
                ("", "is empty; use today, yesterday"),
            ]
        ):
            await set_start(pilot, bad, open_prompt=n == 0)
            assert isinstance(app.screen, DatePrompt), bad
            error = text_of(app, "#prompt-note")  # the line under the date says what is wrong
            assert message in error, (bad, error)
            assert plan_repo.path.read_bytes() == before, bad
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert "campaign_start" not in fresh(plan_repo).profile()
        assert "No campaign start date yet" in text_of(app, "#plan-head")


async def test_fixing_a_bad_date_then_saves(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        await set_start(pilot, "2026/03/02")
        assert isinstance(app.screen, DatePrompt)
        app.screen.query_one("#prompt-input", Input).value = " 2026-02-16 "
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert fresh(plan_repo).profile()["campaign_start"] == "2026-02-16"
        await wait_for(pilot, lambda: "you are in week 4." in text_of(app, "#plan-head"), "week 4")
        # the plan's start date is undoable from the board
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await saved(pilot)
        assert "campaign_start" not in fresh(plan_repo).profile()


# -- the checklist and the week-1 audit --------------------------------------------------------


def current_id(app: App[Any]) -> str | None:
    return plan_screen(app).current_id


def line_of(app: App[Any], option_id: str) -> str:
    listing = plan_screen(app).query_one("#plan-list", OptionList)
    return str(listing.get_option(option_id).prompt)


async def test_space_ticks_an_item_shown_without_colour_and_undo_unticks(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_plan(pilot)
        listing = screen.query_one("#plan-list", OptionList)
        assert listing.has_focus  # keys work without Tab
        assert current_id(app) == "tick:w1.attempts"  # the first item, past the titles and counters
        assert line_of(app, "tick:w1.attempts").startswith("  [ ] List your past referral attempts")
        await pilot.press("j")
        assert current_id(app) == "tick:w1.lessons"
        await pilot.press("space")
        await saved(pilot)
        assert line_of(app, "tick:w1.lessons").startswith("  [x] For each attempt")
        assert "(done 09 Mar)" in line_of(app, "tick:w1.lessons")
        stored = {t.item: t.done for t in fresh(plan_repo).plan_ticks()}
        assert stored == {"w1.lessons": True}
        await wait_for(
            pilot,
            lambda: screen.view is not None and screen.view.plan.weeks[0].checklist[1].ticked,
            "the plan computed again",
        )
        assert current_id(app) == "tick:w1.lessons"  # the cursor stays on the item
        # enter ticks too (here: unticks), and two quick presses are a tick and an untick
        await pilot.press("enter", "enter")
        await saved(pilot)
        assert {t.item: t.done for t in fresh(plan_repo).plan_ticks()} == {"w1.lessons": True}
        # u undoes the last one, then the one before
        await pilot.press("u")
        await saved(pilot)
        assert {t.item: t.done for t in fresh(plan_repo).plan_ticks()} == {"w1.lessons": False}
        await wait_for(pilot, lambda: line_of(app, "tick:w1.lessons").startswith("  [ ]"), "the item unticked")
        # the highlighted item is marked without colour
        assert listing.render_line(listing._lines.index((listing.highlighted or 0, 0))).text.startswith("▶")


async def test_audit_add_edit_delete_with_undo(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(pilot)
        assert "none yet: a adds the first" in weeks_text(app)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AuditEntryForm), "the audit form")
        form = app.screen
        form.query_one("#f-who", Input).value = "Ana [Labs] Ruiz"
        form.query_one("#f-company", Input).value = "Initech"
        form.query_one("#f-what_happened", TextArea).load_text("Asked cold; no answer")
        form.query_one("#f-what_to_change", TextArea).load_text("Build the relationship first")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.screen is screen
        [entry] = fresh(plan_repo).audit_entries()  # as saved, under its real id
        assert (entry.who, entry.company, entry.what_happened, entry.what_to_change) == (
            "Ana [Labs] Ruiz",
            "Initech",
            "Asked cold; no answer",
            "Build the relationship first",
        )
        await wait_for(pilot, lambda: f"audit:{entry.id}" in weeks_ids(app), "the entry listed")
        text = line_of(app, f"audit:{entry.id}")
        assert "Ana [Labs] Ruiz at Initech: Asked cold; no answer" in text
        assert "change: Build the relationship first" in text
        assert "past referral attempts audited: 1" in weeks_text(app)
        # e on it edits it
        screen.query_one("#plan-list", OptionList).highlighted = weeks_ids(app).index(f"audit:{entry.id}")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AuditEntryForm), "the audit form")
        assert app.screen.query_one("#f-who", Input).value == "Ana [Labs] Ruiz"
        app.screen.query_one("#f-what_happened", TextArea).load_text("Asked cold; she said no")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert fresh(plan_repo).audit_entries()[0].what_happened == "Asked cold; she said no"
        await wait_for(pilot, lambda: "she said no" in line_of(app, f"audit:{entry.id}"), "the edit shown")
        assert current_id(app) == f"audit:{entry.id}"
        # x deletes it; u brings it back
        await pilot.press("x")
        await saved(pilot)
        assert fresh(plan_repo).audit_entries() == []
        await wait_for(pilot, lambda: f"audit:{entry.id}" not in weeks_ids(app), "the entry gone")
        assert "past referral attempts audited: 0" in weeks_text(app)
        await pilot.press("u")
        await saved(pilot)
        assert [e.what_happened for e in fresh(plan_repo).audit_entries()] == ["Asked cold; she said no"]
        await wait_for(pilot, lambda: f"audit:{entry.id}" in weeks_ids(app), "the entry back")


async def test_e_and_x_off_an_attempt_say_what_to_do(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        before = plan_repo.path.read_bytes()
        await pilot.press("e", "x")
        await saved(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert plan_repo.path.read_bytes() == before
        assert any("Move to a past attempt" in m for m in notices(app))


def weeks_ids(app: App[Any]) -> list[str | None]:
    listing = plan_screen(app).query_one("#plan-list", OptionList)
    return [listing.get_option_at_index(n).id for n in range(listing.option_count)]


async def test_a_prospect_from_quick_add_does_not_count_in_the_plan(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#quick-add-input", Input).value = "New Person @ Umbrella Corp"
        await pilot.press("enter")
        await saved(pilot)
        umbrella = fresh(plan_repo).find_company("Umbrella Corp")
        assert umbrella is not None and umbrella.status == "prospect"
        await open_plan(pilot)
        assert "targets 6 of 5-10" in weeks_text(app)
        assert "referrers at targets 12 of 12-18" in weeks_text(app)
