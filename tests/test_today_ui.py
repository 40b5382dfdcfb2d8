"""Pilot tests for Today (``T``), on the demo campaign frozen at Mon 9 Mar 2026.

The demo's Today (see ``referral_tui/demo.py``): three overdue follow-ups (Dana, Priya,
Aisha), Nadia's week-2 check-in due today (it asks whether the referral went in), Hannah's
event follow-up, three coach findings on Nadia's ask (research, packet, value given), an
open role for Chloe and two relationships ready to move on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from referral_tui.config import Config
from referral_tui.demo import write_demo
from referral_tui.domain import coach
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import AskStatus, FollowUpKind, FollowUpStatus, InteractionKind
from referral_tui.domain.today import Do, Row, RowKind
from referral_tui.store.repository import Repository
from referral_tui.ui.app import ReferralApp, make_app
from referral_tui.ui.forms.ask_outcome import AskOutcomeForm
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.interaction import InteractionForm
from referral_tui.ui.forms.packet import PacketForm
from referral_tui.ui.forms.prompt import DatePrompt
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.detail import DetailScreen
from referral_tui.ui.screens.messages import MessageScreen
from referral_tui.ui.screens.today import TodayScreen
from referral_tui.ui.widgets.item_view import ItemView
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.sidebar import AnswerDialog, FollowUpList
from tests.helpers import TODAY, fresh, notices, on_screen, open_from_board, saved, wait_for

SIZE = (120, 36)


@pytest.fixture
def demo(tmp_path: Path) -> Repository:
    return write_demo(tmp_path / "referrals.json", FixedClock(TODAY))


def demo_app(repo: Repository) -> ReferralApp:
    return make_app(repo, config=Config(animations=False, smooth_scroll=False))


def today(app: App[Any]) -> TodayScreen:
    return on_screen(app, TodayScreen)


async def open_today(pilot: Pilot[Any]) -> TodayScreen:
    """T, then wait for Today's rows to be read."""
    return await open_from_board(pilot, "T", TodayScreen, lambda s: s.loaded, "Today")


async def back_to_today(pilot: Pilot[Any], screen: TodayScreen) -> None:
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.loaded, "Today again, read anew")


async def select(pilot: Pilot[Any], screen: TodayScreen, wanted: Row) -> None:
    """Move the selection with j (or k) until it is on ``wanted`` (by key)."""
    keys = [r.key for r in screen.shown]
    for _ in range(len(keys) + 1):
        current = screen.view.current
        assert isinstance(current, Row)
        if current.key == wanted.key:
            return
        await pilot.press("j" if keys.index(current.key) < keys.index(wanted.key) else "k")
    raise AssertionError(f"never reached {wanted.key}")


def screen_lines(view: ItemView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def row_of(screen: TodayScreen, kind: RowKind, name: str = "", do: Do | None = None) -> Row:
    return next(
        r for r in screen.shown if r.kind is kind and (not name or r.name == name) and (do is None or r.do is do)
    )


async def test_today_lists_the_overdue_first_and_the_coach(demo: Repository) -> None:
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        rows = screen.shown
        assert [r.key for r in rows] == [r.key for r in demo.today()]  # the domain's rows, in its order
        kinds = [r.kind for r in rows]
        assert kinds[:3] == [RowKind.OVERDUE] * 3
        assert [r.name for r in rows[:3]] == ["Dana Okafor", "Priya Venkataraman", "Aisha Bello"]
        assert RowKind.COACH in kinds
        text = screen.view.text
        assert text.index("Overdue follow-ups (3)") < text.index("The coach: one step fixes each (3)")
        assert "Information gap: asked Nadia Haddad at Quarrystone Energy" in text
        assert "(d marks it done)" in text and "(d opens the context packet)" in text
        assert "Today, Mon 9 Mar 2026" in str(screen.query_one("#today-header").render())
        # The selected row is marked without colour: a mark on its first line, in reverse.
        lines = screen_lines(screen.view)
        marked = [line for line in lines if line.startswith("▶ ")]
        assert marked == [next(line for line in lines if "Dana Okafor" in line)]
        await pilot.press("j")
        lines = screen_lines(screen.view)
        assert [line for line in lines if line.startswith("▶ ")][0].startswith("▶ Priya Venkataraman")
        # Every key of the screen is in the footer.
        footer = str(screen.query_one(KeyFooter).render())
        for key, word in (("d", "Do it"), ("z", "Snooze"), ("x", "Skip"), ("t", "Draft"), ("u", "Undo")):
            assert f" {key}  {word}" in footer, footer


async def test_enter_opens_the_person_or_the_place_that_fixes_it(demo: Repository) -> None:
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        dana = screen.shown[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "Dana's detail")
        assert isinstance(app.screen, DetailScreen) and app.screen.contact_id == dana.contact_id
        await pilot.press("escape")
        await back_to_today(pilot, screen)

        research = row_of(screen, RowKind.COACH, do=Do.RESEARCH)
        await select(pilot, screen, research)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CompanyForm), "the research form")
        assert isinstance(app.screen, CompanyForm)
        assert app.screen.company is not None and app.screen.company.id == research.company_id
        assert app.screen.company.name == "Quarrystone Energy"
        await pilot.press("escape")
        await back_to_today(pilot, screen)

        value = row_of(screen, RowKind.COACH, do=Do.LOG)
        await select(pilot, screen, value)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, InteractionForm), "the interaction form")
        assert isinstance(app.screen, InteractionForm)
        assert app.screen.kind == InteractionKind.VALUE and app.screen.person == "Nadia Haddad"
        await pilot.press("escape")
        await back_to_today(pilot, screen)

        await pilot.press("t")  # the message for the row, from its template
        await wait_for(pilot, lambda: isinstance(app.screen, MessageScreen), "the messages screen")
        assert isinstance(app.screen, MessageScreen)
        assert app.screen.contact_id == value.contact_id and app.screen.current.key == "week4_insight"


async def test_done_leaves_at_once_and_undo_brings_it_back(demo: Repository) -> None:
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        dana = screen.shown[0]
        assert dana.followup_id is not None and dana.do is Do.DONE
        await pilot.press("d")
        assert dana.key not in [r.key for r in screen.shown]  # gone before the list is read again
        assert "Dana Okafor" not in screen.view.text.split("\n")[1]
        await saved(pilot)
        assert fresh(demo).followup(dana.followup_id).status is FollowUpStatus.DONE
        await wait_for(pilot, lambda: screen.loaded, "Today read again")
        assert dana.key not in [r.key for r in screen.shown]
        current = screen.view.current
        assert isinstance(current, Row) and current.key == screen.shown[0].key

        await pilot.press("u")
        await wait_for(pilot, lambda: dana.key in [r.key for r in screen.shown], "the row back after undo")
        await saved(pilot)
        assert fresh(demo).followup(dana.followup_id).status is FollowUpStatus.OPEN
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: dana.key not in [r.key for r in screen.shown], "the row gone after redo")


async def test_snooze_and_skip_put_rows_off(demo: Repository) -> None:
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        dana = screen.shown[0]
        assert dana.followup_id is not None
        await pilot.press("z")
        assert dana.key not in [r.key for r in screen.shown]
        await saved(pilot)
        assert fresh(demo).followup(dana.followup_id).due == TODAY.replace(day=10)
        await back_to_today(pilot, screen)

        ready = row_of(screen, RowKind.READY)  # not a follow-up: put off on Today itself
        await select(pilot, screen, ready)
        await pilot.press("Z")
        await wait_for(pilot, lambda: isinstance(app.screen, DatePrompt), "the snooze prompt")
        await pilot.press("ctrl+a", "ctrl+k", *"someday", "enter")
        assert isinstance(app.screen, DatePrompt)  # refused, with what is accepted
        assert "YYYY-MM-DD" in str(app.screen.query_one("#prompt-note").render())
        await pilot.press("ctrl+a", "ctrl+k", *"2026-03-16", "enter")
        await back_to_today(pilot, screen)
        assert ready.key not in [r.key for r in screen.shown]
        [snooze] = [s for s in demo.today_snoozes() if s.key == ready.key]
        assert snooze.until == TODAY.replace(day=16)

        role = row_of(screen, RowKind.ROLE)
        await select(pilot, screen, role)
        await pilot.press("x")
        await back_to_today(pilot, screen)
        assert role.key not in [r.key for r in screen.shown]
        assert any(s.key == role.key and s.until is None for s in demo.today_snoozes())


async def test_a_week2_check_in_done_asks_the_answer_and_records_it(demo: Repository) -> None:
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        week2 = row_of(screen, RowKind.DUE, "Nadia Haddad")
        assert week2.answers and week2.ask_id is not None and week2.followup_id is not None
        await select(pilot, screen, week2)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerDialog), "the question")
        assert week2.key in [r.key for r in screen.shown]  # not done until answered
        await pilot.press("enter")  # "Yes, it was submitted"
        await back_to_today(pilot, screen)
        assert week2.key not in [r.key for r in screen.shown]
        await saved(pilot)
        after = fresh(demo)
        assert after.ask(week2.ask_id).status is AskStatus.SUBMITTED
        assert after.followup(week2.followup_id).status is FollowUpStatus.DONE
        assert any("Ask status: Submitted" in n for n in notices(app))


async def test_recruiter_responded_ends_the_week2_question(demo: Repository) -> None:
    """Set Nadia's ask to "recruiter responded" in her detail: the sidebar and Today stop
    asking whether the referral was submitted."""
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        week2 = row_of(screen, RowKind.DUE, "Nadia Haddad")
        assert "was the referral submitted?" in week2.why and week2.followup_id is not None
        await select(pilot, screen, week2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "Nadia's detail")
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, AskOutcomeForm), "the outcome form")
        form = app.screen
        assert isinstance(form, AskOutcomeForm)
        form.query_one("#f-status").value = AskStatus.RESPONDED.value  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen), "back in the detail")
        await pilot.press("escape")
        await back_to_today(pilot, screen)
        now = row_of(screen, RowKind.DUE, "Nadia Haddad")
        assert now.followup_id == week2.followup_id
        assert "was the referral submitted?" not in now.why and "thank them" in now.why
        assert not now.answers
        assert "was the referral submitted?" not in screen.view.text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")
        listing = app.screen.query_one(FollowUpList)
        await wait_for(pilot, lambda: listing.option_count > 0, "the sidebar")
        texts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        nadia = next(t for t in texts if "Nadia Haddad" in t)
        assert "Week-2 thanks" in nadia and "Week-2 check-in" not in nadia
        assert fresh(demo).followup(week2.followup_id).kind is FollowUpKind.WEEK2_THANKS


async def test_the_packet_fix_clears_the_coach_finding(demo: Repository) -> None:
    """The coach says Nadia's ask has no context packet: d opens the packet form; once it is
    complete, the finding (and its row) go."""
    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        row = row_of(screen, RowKind.COACH, do=Do.PACKET)
        assert row.ask_id is not None
        await select(pilot, screen, row)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PacketForm), "the packet form")
        form = app.screen
        assert isinstance(form, PacketForm) and form.ask.id == row.ask_id
        form.query_one("#f-why_role").value = (  # type: ignore[attr-defined]
            "I have run the data platform this role owns, at twice Quarrystone Energy's scale."
        )
        form.query_one("#f-resume_url").value = "https://files.example/resume.pdf"  # type: ignore[attr-defined]
        form.query_one("#f-points").load_text(  # type: ignore[attr-defined]
            "Led the move to streaming\nCut the warehouse bill by a third\nMentors three engineers"
        )
        await pilot.pause()
        await pilot.press("ctrl+s")
        await back_to_today(pilot, screen)
        assert row.key not in [r.key for r in screen.shown]
        assert "Referrer doesn't know how to help" not in screen.view.text
        await saved(pilot)
        stored = fresh(demo).ask(row.ask_id)
        assert stored.has_context_packet
        assert not [
            f for f in coach.review(fresh(demo).coach_data()) if f.rule == "no_packet" and f.ask_id == row.ask_id
        ]
        await pilot.press("u")
        await wait_for(pilot, lambda: row.key in [r.key for r in screen.shown], "the finding back after undo")


async def test_d_on_an_open_role_opens_the_ask_form_about_that_role(demo: Repository) -> None:
    from textual.widgets import Input, Select

    from referral_tui.ui.forms.ask import AskForm

    app = demo_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        role = row_of(screen, RowKind.ROLE)
        assert role.do is Do.ASK and role.role_title and role.name == "Chloe Durand"
        await select(pilot, screen, role)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, AskForm), "the ask form")
        form = app.screen
        assert form.query_one("#f-role_title", Input).value == role.role_title
        assert form.query_one("#f-role_url", Input).value == role.role_url
        choice = form.query_one("#f-role_choice", Select)
        assert choice.value == 0  # the open role (the first listed) is the one picked in the list


async def test_an_open_role_under_the_users_max_age_fills_the_ask_form(tmp_path: Path) -> None:
    """``role_max_age_days = 90``: a role seen 60 days ago is a Today row, and the ask form
    (which lists roles under the same setting) has it filled in."""
    from datetime import timedelta

    from textual.widgets import Input, Select

    from referral_tui.domain.matrix import ScoreEntry
    from referral_tui.ui.forms.ask import AskForm
    from tests.helpers import edit_company

    repo = Repository(tmp_path / "roles.json", FixedClock(TODAY))
    chloe = repo.quick_add("Chloe Durand @ Acme, Staff Engineer !timing", target=True)
    repo.score(chloe.id, ScoreEntry(TODAY, 4, 4, 4, 4))
    assert chloe.company_id is not None
    seen = (TODAY - timedelta(days=60)).isoformat()
    role = {"title": "Platform Lead", "url": "https://acme.example/jobs/1", "seen": seen, "status": "open"}
    edit_company(repo, chloe.company_id, open_roles=[role])
    app = make_app(repo, config=Config(animations=False, smooth_scroll=False, role_max_age_days=90))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_today(pilot)
        row = row_of(screen, RowKind.ROLE)
        await select(pilot, screen, row)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, AskForm), "the ask form")
        assert app.screen.query_one("#f-role_title", Input).value == "Platform Lead"
        assert app.screen.query_one("#f-role_url", Input).value == "https://acme.example/jobs/1"
        assert app.screen.query_one("#f-role_choice", Select).value == 0  # listed under the same setting


async def test_at_80x24_todays_wrapped_lines_fit_beside_the_scrollbar(demo: Repository) -> None:
    """The lines are wrapped with the scrollbar's cells kept free: it shows only once the
    lines are counted, and lines wrapped without it lost their last words to it."""
    from referral_tui.ui.widgets.marked_list import GUTTER

    app = demo_app(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_today(pilot)
        view = screen.view
        await wait_for(pilot, lambda: view.show_vertical_scrollbar, "Today's list to need a scrollbar")
        room = view.scrollable_content_region.width
        too_long = [line.plain for line, _ in view._lines if line.cell_len + GUTTER > room]
        assert too_long == []
