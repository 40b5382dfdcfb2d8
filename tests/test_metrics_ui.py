"""Pilot tests for the metrics screen, the coach tab and the coach's marks on the board.

The campaign is built through the repository, as the product would store it. Today is
Mon 9 Mar 2026.

    Priya Shah @ Stripe  scored 2 Feb (relationship 2, total 14) and 16 Feb (4, total 16);
                         a call on 10 Feb with insider information; asked 16 Feb ->
                         submitted 17 Feb -> responded 20 Feb -> screening 24 Feb (quality 4).
                         No follow-up done: week-2 (23 Feb) and week-3 (2 Mar) are overdue.
    Bo Chen @ Stripe     scored 9 Feb (total 12); asked 23 Feb -> submitted 24 Feb ->
                         no response 8 Mar. Week-2 check-in (due 2 Mar) done 4 Mar: late.
    Li Wei @ Acme        scored 9 Feb (total 14); asked 23 Feb -> submitted 25 Feb ->
                         screening 1 Mar (quality 2) -> rejected 2 Mar, with insider info.
                         Week-2 done 2 Mar (on time); week-3 skipped.
    Sam Jones @ Globex   unscored; asked 6 Mar, still requested.
    Ana Lima @ Initech   in Research, nothing else: the coach has nothing to say about her.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TabbedContent, TextArea

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, AskStatus, FollowUpKind, Interaction, InteractionKind, Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.detail import DetailScreen
from referral_tui.ui.screens.metrics import MetricsScreen
from referral_tui.ui.widgets.card_column import CardColumn
from referral_tui.ui.widgets.row_table import RowTable
from tests.helpers import board, on_screen, open_from_board, option_prompts, text_of, wait_for

TODAY = date(2026, 3, 9)
SIZE = (120, 50)
D = date


def packet(contact_id: int, day: date, role: str) -> Ask:
    return Ask(
        contact_id,
        day,
        role_title=role,
        why_role="I built and ran a payments ledger for four years, which this team needs",
        points=["Led the ledger migration", "On call for payments"],
        resume_url="https://example.com/resume.pdf",
    )


def followup(repo: Repository, contact_id: int, kind: FollowUpKind) -> int:
    return next(f.id for f in repo.followups() if f.contact_id == contact_id and f.kind == kind)


@pytest.fixture
def campaign(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "metrics.json", FixedClock(TODAY))
    priya = repo.quick_add("Priya Shah @ Stripe, Staff Engineer !timing")
    bo = repo.quick_add("Bo Chen @ Stripe, SRE !timing")
    li = repo.quick_add("Li Wei @ Acme !timing")
    sam = repo.quick_add("Sam Jones @ Globex !timing")
    repo.quick_add("Ana Lima @ Initech")

    repo.score(priya.id, ScoreEntry(D(2026, 2, 2), 2, 4, 4, 4))
    repo.score(priya.id, ScoreEntry(D(2026, 2, 16), 4, 4, 4, 4))
    repo.score(bo.id, ScoreEntry(D(2026, 2, 9), 3, 3, 3, 3))
    repo.score(li.id, ScoreEntry(D(2026, 2, 9), 5, 3, 3, 3))
    repo.log_interaction(
        Interaction(
            priya.id,
            D(2026, 2, 10),
            InteractionKind.CALL,
            "coffee",
            gave_value=True,
            insider=True,
            insider_text="reorg",
        )
    )

    a1 = repo.add_ask(packet(priya.id, D(2026, 2, 16), "Staff Engineer"))
    repo.update_ask(a1.id, status=AskStatus.SUBMITTED, day=D(2026, 2, 17))
    repo.update_ask(a1.id, status=AskStatus.RESPONDED, day=D(2026, 2, 20))
    repo.update_ask(a1.id, status=AskStatus.SCREENING, day=D(2026, 2, 24), screening_quality=4)

    a2 = repo.add_ask(packet(bo.id, D(2026, 2, 23), "Site Reliability Engineer"))
    repo.update_ask(a2.id, status=AskStatus.SUBMITTED, day=D(2026, 2, 24))  # week 2 becomes a thank-you
    repo.complete_followup(followup(repo, bo.id, FollowUpKind.WEEK2_THANKS), D(2026, 3, 4))
    repo.update_ask(a2.id, status=AskStatus.NO_RESPONSE, day=D(2026, 3, 8))

    a3 = repo.add_ask(packet(li.id, D(2026, 2, 23), "Engineering Manager"))
    repo.update_ask(a3.id, status=AskStatus.SUBMITTED, day=D(2026, 2, 25))
    repo.update_ask(a3.id, status=AskStatus.SCREENING, day=D(2026, 3, 1), screening_quality=2)
    repo.complete_followup(followup(repo, li.id, FollowUpKind.WEEK2_THANKS), D(2026, 3, 2))
    repo.skip_followup(followup(repo, li.id, FollowUpKind.WEEK3), "rejected")
    repo.update_ask(  # the weekly steps left become one closing note
        a3.id, status=AskStatus.REJECTED, day=D(2026, 3, 2), screening_quality=2, insider_info="reorg in April"
    )

    repo.add_ask(packet(sam.id, D(2026, 3, 6), "Platform Engineer"))
    repo.undo_stack.clear()
    return repo


def metrics_screen(app: App[Any]) -> MetricsScreen:
    return on_screen(app, MetricsScreen)


async def open_metrics(pilot: Pilot[Any]) -> MetricsScreen:
    """m, then wait for the worker's figures."""
    return await open_from_board(pilot, "m", MetricsScreen, lambda s: s.figures is not None, "metrics")


def coach_text(app: App[Any]) -> str:
    """Every finding on the coach tab, as shown."""
    return "\n\n".join(option_prompts(metrics_screen(app).query_one("#coach-list", OptionList)))


def line(column: CardColumn, y: int) -> str:
    return "".join(segment.text for segment in column.render_line(y))


def focused_name(app: App[Any]) -> str:
    """The name on the focused card."""
    card = board(app).focused_column.current
    assert card is not None
    return card.name


async def test_metrics_screen_shows_the_figures(campaign: Repository) -> None:
    app = make_app(campaign)
    async with app.run_test(size=SIZE) as pilot:
        await open_metrics(pilot)
        assert app.screen.query_one(TabbedContent).active == "metrics"

        # submitted: Priya, Bo, Li (Sam is only requested); answered: Priya (responded), Li (rejection)
        response = text_of(app, "#m-response")
        assert "Response rate from recruiting teams  2/3 (67%)" in response
        assert "Acme" in response and "1/1 (100%)" in response
        assert "Stripe" in response and "1/2 (50%)" in response
        assert "Globex" not in response
        # (4 + 2) / 2
        assert "mean 3.0 of 5 over 2" in text_of(app, "#m-screening")
        # asks: Li's of 4; referrers: Priya (interaction) and Li (ask) of the 5 on the board
        assert "asks 1/4 (25%) · referrers 2/5 (40%)" in text_of(app, "#m-insider")
        strength = text_of(app, "#m-strength")
        assert "rose most: Priya Shah +2" in strength
        funnel = text_of(app, "#m-funnel")
        for label, n in (("Research", 1), ("Relationship", 0), ("Timing", 0), ("Ask", 4)):
            assert any(row.strip().startswith(label) and row.rstrip().endswith(f" {n}") for row in funnel.splitlines())
        for label in ("Requested", "Screening", "Rejected", "No response"):
            assert any(row.strip().startswith(label) and row.rstrip().endswith(" 1") for row in funnel.splitlines())
        # Priya 16 Feb -> 20 Feb = 4 days; Li 23 Feb -> screening 1 Mar = 6 days; median 5
        assert "Days from ask to recruiter response: median 5" in funnel
        # on time: Li's week-2; late: Bo's week-2; skipped: Li's week-3; overdue: Priya's week-2 and week-3
        assert "on time 1 · late 1 · skipped 1 (of 3 closed) · overdue now 2" in text_of(app, "#m-discipline")
        for key in ("response", "screening", "insider", "strength", "funnel", "discipline"):
            assert "How:" in text_of(app, f"#m-{key}"), key

        await pilot.press("l")
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "coach"
        coach_list = coach_text(app)
        assert "Passive referral" in coach_list
        assert "asked Priya Shah on 16 Feb; week-2 check-in overdue by 14 days" in coach_list
        assert "Ana Lima" not in coach_list
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_an_empty_campaign_shows_no_data_yet(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_metrics(pilot)
        assert "no data yet" in text_of(app, "#m-response")
        assert "no screening rated yet" in text_of(app, "#m-screening")
        await pilot.press("l")
        await pilot.pause()
        assert "none of the usual referral mistakes" in coach_text(app)


async def test_coached_cards_carry_the_marker_and_the_detail_screen_the_coach(campaign: Repository) -> None:
    app = make_app(campaign)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ask_column = board(app).column_for(Phase.ASK)
        research = board(app).column_for(Phase.RESEARCH)
        priya = ask_column.cards[0]
        ana = research.cards[0]
        assert (priya.name, priya.coached) == ("Priya Shah", True)
        assert (ana.name, ana.coached) == ("Ana Lima", False)
        assert "Priya Shah" in line(ask_column, 1) and "⚑" in line(ask_column, 1)  # line 0 is the title
        assert "Ana Lima" in line(research, 1) and "⚑" not in line(research, 1)
        assert "⚑" in app.export_screenshot()

        # Ana (focused at start) has no findings: her detail screen hides the coach.
        assert focused_name(app) == "Ana Lima"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert not app.screen.query_one("#detail-coach", Static).display
        await pilot.press("escape")
        await pilot.pause()
        # Priya's shows it.
        await pilot.press("l", "l", "l")  # Research -> Relationship -> Timing -> Ask
        assert focused_name(app) == "Priya Shah"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        coach = app.screen.query_one("#detail-coach", Static)
        assert coach.display
        text = str(coach.render())
        assert "Passive referral" in text
        assert "asked Priya Shah on 16 Feb; week-2 check-in overdue by 14 days" in text
        assert "Next:" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_moving_an_unscored_referrer_into_ask_shows_coach_notes(repo: Repository) -> None:
    kai = repo.quick_add("Kai Ito @ Acme, Engineering Manager !timing")
    repo.undo_stack.clear()
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert board(app).focused_column is board(app).column_for(Phase.TIMING)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = str(app.screen.body)
        assert "Kai Ito is not scored yet" in body
        assert "⚑ You have not logged giving them any value yet." in body
        assert "⚑ The research on Acme is not complete." in body
        assert body.count("not scored") == 1  # the score note is not repeated as a coach note
        await pilot.press("escape")
        await pilot.pause()
        assert repo.contact(kai.id).phase is Phase.TIMING


# -- relationship strength per referrer ------------------------------------------------------


@pytest.fixture
def strengths(tmp_path: Path) -> Repository:
    """Four scored referrers: Rise +2 (2 -> 4), Fall -2 (4 -> 2), Flat 0 (one scoring), Climb +3
    (1 -> 2 -> 4), and Nobody (unscored, not in the table)."""
    repo = Repository(tmp_path / "strength.json", FixedClock(TODAY))
    history = {
        "Rise [Labs] Ruiz": [(D(2026, 2, 2), 2), (D(2026, 3, 2), 4)],
        "Fall Lee": [(D(2026, 2, 2), 4), (D(2026, 3, 2), 2)],
        "Flat Ono": [(D(2026, 2, 9), 3)],
        "Climb Day": [(D(2026, 1, 5), 1), (D(2026, 2, 2), 2), (D(2026, 3, 2), 4)],
    }
    for name, scores in history.items():
        contact = repo.quick_add(f"{name} @ Acme")
        for day, relationship in scores:
            repo.score(contact.id, ScoreEntry(day, relationship, 3, 3, 3))
    repo.quick_add("Nobody Yet @ Acme")
    repo.undo_stack.clear()
    return repo


def strength_names(app: App[Any]) -> list[str]:
    return [cells[0] for cells in metrics_screen(app).query_one(RowTable).rows]


async def test_strength_table_sorts_by_change_and_flips(strengths: Repository) -> None:
    app = make_app(strengths)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_metrics(pilot)
        assert "Sort by change" in str(screen.query_one("KeyFooter", Static).render())
        await pilot.press("c")  # from the metrics tab: shows the table, biggest rise first
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "strength"
        assert screen.query_one(RowTable).has_focus
        assert strength_names(app) == ["Climb Day", "Rise [Labs] Ruiz", "Flat Ono", "Fall Lee"]
        rows = {cells[0]: cells for cells in screen.query_one(RowTable).rows}
        assert rows["Climb Day"][2:5] == ("1 05 Jan", "4 02 Mar", "+3")
        assert rows["Climb Day"][5].startswith("▁▂▆") and rows["Climb Day"][5].endswith("1→2→4")
        assert rows["Fall Lee"][4] == "-2" and rows["Flat Ono"][4] == "0"
        assert "biggest rise first" in text_of(app, "#strength-head")
        # the name with brackets is shown as typed
        assert "Rise [Labs] Ruiz" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("c")
        await pilot.pause()
        assert strength_names(app) == ["Fall Lee", "Flat Ono", "Rise [Labs] Ruiz", "Climb Day"]
        assert "biggest fall first" in text_of(app, "#strength-head")
        # the cursor stays on its referrer; home, j move it; enter opens that person
        current = screen.current_strength
        assert current is not None and current.name == "Climb Day"
        await pilot.press("home", "j")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail screen")
        assert isinstance(app.screen, DetailScreen)
        assert strengths.contact(app.screen.contact_id).name == "Flat Ono"


# -- the coach tab is actionable ---------------------------------------------------------------


async def highlight_finding(pilot: Pilot[Any], title: str, evidence: str) -> None:
    """j down the coach list to the finding with ``title`` and ``evidence``."""
    screen = metrics_screen(pilot.app)
    for _ in range(len(screen.findings)):
        finding = screen.current_finding
        if finding is not None and finding.title == title and evidence in finding.evidence:
            return
        await pilot.press("j")
    raise AssertionError(f"no finding {title!r} with {evidence!r}")


async def test_enter_on_an_information_gap_opens_the_research_and_saving_clears_it(campaign: Repository) -> None:
    app = make_app(campaign)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert screen.query_one("#coach-list", OptionList).has_focus  # keys work without Tab
        assert "enter: finish the company's research" in coach_text(app)
        await highlight_finding(pilot, "Information gap", "Li Wei at Acme")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CompanyForm), "the research form")
        form = app.screen
        assert isinstance(form, CompanyForm)
        assert form.query_one("#f-name", Input).value == "Acme"
        form.query_one("#f-decision_makers", Input).value = "VP Eng"
        for field in ("fit", "challenges", "my_angle"):
            form.query_one(f"#f-{field}", TextArea).load_text(f"the {field}")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen, "back on the metrics screen")
        await wait_for(pilot, lambda: "Li Wei at Acme with research missing" not in coach_text(app), "the gap gone")
        assert "Priya Shah at Stripe with research missing" in coach_text(app)
        assert campaign.find_company("Acme") is not None
        acme = campaign.find_company("Acme")
        assert acme is not None and acme.research_complete


async def test_enter_on_a_finding_without_a_form_opens_the_person(campaign: Repository) -> None:
    app = make_app(campaign)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("l")
        await highlight_finding(pilot, "Passive referral", "Priya Shah")
        assert "enter: open the person" in coach_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail screen")
        assert isinstance(app.screen, DetailScreen)
        assert campaign.contact(app.screen.contact_id).name == "Priya Shah"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back on the metrics screen")


async def test_metrics_scroll_with_j_and_page_keys_without_tab(campaign: Repository) -> None:
    app = make_app(campaign)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_metrics(pilot)
        scroll = screen.query_one("#metrics-scroll")
        assert scroll.has_focus
        await pilot.press("j", "j", "j")
        await wait_for(pilot, lambda: scroll.scroll_y >= 3, "j to scroll")
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: scroll.scroll_y > 3, "pagedown to scroll")
        await pilot.press("k")
        await pilot.press("home")
        await wait_for(pilot, lambda: scroll.scroll_y == 0, "home to go back up")
