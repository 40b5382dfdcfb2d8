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
from textual.widgets import Static, TabbedContent

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, AskStatus, FollowUpKind, Interaction, InteractionKind, Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.detail import DetailScreen
from referral_tui.ui.screens.metrics import MetricsScreen
from referral_tui.ui.widgets.card_column import CardColumn
from tests.helpers import board, text_of

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
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MetricsScreen)
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
        coach_list = text_of(app, "#coach-list")
        assert "Passive referral" in coach_list
        assert "asked Priya Shah on 16 Feb; week-2 check-in overdue by 14 days" in coach_list
        assert "Ana Lima" not in coach_list
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_an_empty_campaign_shows_no_data_yet(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MetricsScreen)
        assert "no data yet" in text_of(app, "#m-response")
        assert "no screening rated yet" in text_of(app, "#m-screening")
        await pilot.press("l")
        await pilot.pause()
        assert "none of the usual referral mistakes" in text_of(app, "#coach-list")


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
        body = app.screen.body
        assert "Kai Ito is not scored yet" in body
        assert "⚑ You have not logged giving them any value yet." in body
        assert "⚑ The research on Acme is not complete." in body
        assert body.count("not scored") == 1  # the score note is not repeated as a coach note
        await pilot.press("escape")
        await pilot.pause()
        assert repo.contact(kai.id).phase is Phase.TIMING
