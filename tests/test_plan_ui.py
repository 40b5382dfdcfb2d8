"""Pilot tests for the four-week plan screen: the start date, the week, the figures, the next step."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from referral_tui.domain.campaign import Plan, company_rows, four_week_plan
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, Interaction, InteractionKind
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.plan import PlanScreen
from tests.helpers import edit_company, fresh, saved, text_of

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
            repo.quick_add(f"{company} P{n} @ {company}")
    repo.quick_add("Hooli P1 @ Hooli")
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


async def open_plan(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PlanScreen)


async def set_start(pilot: Pilot[Any], text: str, *, open_prompt: bool = True) -> None:
    """d (unless the prompt is open already), the date, enter."""
    if open_prompt:
        await pilot.press("d")
        await pilot.pause()
    assert isinstance(pilot.app.screen, PromptDialog)
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
        assert "you are here" not in text_of(app, "#plan-weeks")
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
        assert isinstance(prompt, PromptDialog)
        assert prompt.query_one("#prompt-input", Input).value == "2026-03-09"  # today, to edit
        prompt.query_one("#prompt-input", Input).value = "2026-03-02"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert fresh(plan_repo).profile()["campaign_start"] == "2026-03-02"
        head = text_of(app, "#plan-head")
        assert "Started Mon 02 Mar 2026; you are in week 2." in head
        weeks = text_of(app, "#plan-weeks")
        marked = [line for line in weeks.splitlines() if "you are here" in line]
        assert len(marked) == 1 and "Week 2: Research and target" in marked[0]
        # it survives leaving and coming back
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
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
        weeks = text_of(app, "#plan-weeks")
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
        assert text_of(app, "#plan-next") == f"Next step\n{expected}"


async def test_next_step_puts_an_overdue_follow_up_first(plan_repo: Repository) -> None:
    beta_p1 = next(c for c in plan_repo.contacts() if c.name == "Beta P1")
    plan_repo.add_ask(Ask(beta_p1.id, date(2026, 2, 20)))  # week 2 due 27 Feb, week 3 due 6 Mar
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        expected = domain_plan(plan_repo).next_step
        assert expected == "Follow up with Beta P1: due 10 days ago (f opens the list)."
        assert expected in text_of(app, "#plan-next")
        weeks = text_of(app, "#plan-weeks")
        assert "first ask: 20 Feb (Beta P1)" in weeks
        assert "asks made 2; follow-ups overdue 2" in weeks


async def test_bad_start_date_shows_an_error_and_saves_nothing(plan_repo: Repository) -> None:
    app = make_app(plan_repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_plan(pilot)
        before = plan_repo.path.read_bytes()
        for n, bad in enumerate(["2026-02-30", "next monday", ""]):
            await set_start(pilot, bad, open_prompt=n == 0)
            assert isinstance(app.screen, PromptDialog), bad
            error = text_of(app, "#prompt-error")
            assert "the start date" in error and "is not a date; use YYYY-MM-DD" in error, (bad, error)
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
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one("#prompt-input", Input).value = " 2026-02-16 "
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert fresh(plan_repo).profile()["campaign_start"] == "2026-02-16"
        assert "you are in week 4." in text_of(app, "#plan-head")
        # the plan's start date is undoable from the board
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await saved(pilot)
        assert "campaign_start" not in fresh(plan_repo).profile()
