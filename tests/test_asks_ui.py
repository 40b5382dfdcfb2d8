"""Pilot tests for asks and follow-ups: the ask form, the due sidebar's keys, the ask outcome.

Real keys go in; the stored data (read back through a second Repository, as another
process would) and the screen are checked. Today is frozen at Mon 9 Mar 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, FollowUp, Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.ask import AskForm
from referral_tui.ui.forms.ask_outcome import AskOutcomeForm
from referral_tui.ui.forms.interaction import InteractionForm
from referral_tui.ui.forms.prompt import DatePrompt, PromptDialog
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.detail import DetailScreen
from referral_tui.ui.widgets.board_columns import BoardColumns
from referral_tui.ui.widgets.card_column import CardColumn
from referral_tui.ui.widgets.sidebar import AnswerDialog, FollowUpList
from tests.helpers import board, fresh, notices, saved, text_of, wait_for

TODAY = date(2026, 3, 9)
SIZE = (150, 40)  # wide enough for the follow-ups sidebar to show beside the board


def focused_card(app: App[Any]) -> str | None:
    """The card the keys act on: the active column's cursor, with the board holding focus."""
    assert isinstance(app.focused, BoardColumns), app.focused
    column = board(app).focused_column
    return column.current.name if column.current else None


def column_text(column: CardColumn) -> str:
    """What a column shows on screen, line by line."""
    return "\n".join(column.render_line(y).text for y in range(column.size.height))


def followup_list(app: App[Any]) -> FollowUpList:
    return board(app).query_one("#followup-list", FollowUpList)


def option_texts(app: App[Any]) -> list[tuple[str | None, str]]:
    """(option id, its text) for every line of the sidebar, headers included."""
    listing = followup_list(app)
    return [
        (listing.get_option_at_index(i).id, str(listing.get_option_at_index(i).prompt))
        for i in range(listing.option_count)
    ]


def option_index(app: App[Any], followup: FollowUp) -> int | None:
    for i, (option_id, _) in enumerate(option_texts(app)):
        if option_id == str(followup.id):
            return i
    return None


def section_of(app: App[Any], followup: FollowUp) -> str:
    """The header ("Overdue (2)", "Today (1)", "Next 7 days (1)") a follow-up is listed under."""
    header = ""
    for option_id, text in option_texts(app):
        if option_id is None:
            header = text
        elif option_id == str(followup.id):
            return header
    raise AssertionError(f"follow-up {followup.id} is not in the sidebar")


async def highlight(app: App[Any], pilot: Pilot[Any], followup: FollowUp) -> None:
    """Focus the sidebar with f and put its highlight on ``followup``."""
    await pilot.press("f")
    await pilot.pause()
    listing = followup_list(app)
    assert app.focused is listing
    index = option_index(app, followup)
    assert index is not None, option_texts(app)
    listing.highlighted = index
    await pilot.pause()


def open_of(repo: Repository, contact_id: int) -> dict[str, FollowUp]:
    return {f.kind: f for f in fresh(repo).followups() if f.contact_id == contact_id}


# -- the ask form ------------------------------------------------------------------------


@pytest.fixture
def scored(tmp_path: Path) -> Repository:
    """Priya (unscored) and Bo (scored 13) in Research; Li (scored 10) in Timing."""
    repo = Repository(tmp_path / "asks.json", FixedClock(TODAY))
    repo.quick_add("Priya Shah @ Stripe, Staff Engineer")
    bo = repo.quick_add("Bo Chen @ Stripe, SRE Manager")
    li = repo.quick_add("Li Wei @ Acme !timing")
    repo.score(bo.id, ScoreEntry(TODAY, 4, 3, 3, 3))
    repo.score(li.id, ScoreEntry(TODAY, 3, 3, 2, 2))
    repo.save_profile(my_name="Sam Rivera")
    repo.undo_stack.clear()
    return repo


def fill_ask_form(app: App[Any], **overrides: str) -> None:
    values = {
        "role_title": "Senior Platform Engineer",
        "role_url": "https://stripe.example/jobs/123",
        "why_role": "I built the platform this team is now scaling",
        "resume_url": "https://example.com/resume.pdf",
    }
    values.update(overrides)
    screen = app.screen
    for key, value in values.items():
        screen.query_one(f"#f-{key}", Input).value = value
    screen.query_one("#f-points", TextArea).load_text(
        "Led the 2024 migration\nMentored four engineers\nOn call for payments"
    )
    screen.query_one("#f-blurb", TextArea).load_text("Platform engineer with eight years on payments infrastructure.")


async def open_ask_form_for_bo(app: App[Any], pilot: Pilot[Any]) -> AskForm:
    await pilot.pause()
    await pilot.press("j")
    assert focused_card(app) == "Bo Chen"
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, AskForm)
    return app.screen


async def test_make_an_ask_with_the_form(scored: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(scored)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ask_form_for_bo(app, pilot)
        # Bo scores 13: the coach may have other advice, but nothing about the score.
        for coach in form.query("#ask-coach"):
            advice = str(coach.render())
            assert "scores" not in advice and "not scored" not in advice and "12+" not in advice, advice
        assert form.query_one("#f-day", Input).value == "today"
        assert text_of(app, "#e-day") == "→ Mon 9 Mar 2026 (today)"
        assert "Packet still needs" in text_of(app, "#packet-status")
        fill_ask_form(app)
        await pilot.pause()
        status = text_of(app, "#packet-status")
        assert "Context packet complete" in status, status
        preview = text_of(app, "#ask-preview")
        assert "Hi Bo," in preview and "Senior Platform Engineer" in preview and "- Mentored four engineers" in preview

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(copied) == 1
        assert "Senior Platform Engineer" in copied[0]
        assert copied[0].startswith("Hi Bo,") and copied[0].rstrip().endswith("Sam Rivera")
        assert "https://example.com/resume.pdf" in copied[0]
        assert any(n.startswith("Copied the ask message") for n in notices(app))

        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)

        stored = fresh(scored)
        bo = next(c for c in stored.contacts() if c.name == "Bo Chen")
        [ask] = stored.asks(bo.id)
        assert ask.day == TODAY
        assert ask.role_title == "Senior Platform Engineer"
        assert ask.role_url == "https://stripe.example/jobs/123"
        assert ask.points == ["Led the 2024 migration", "Mentored four engineers", "On call for payments"]
        assert ask.has_context_packet
        assert ask.status_history == [{"status": "requested", "day": "2026-03-09"}]
        assert bo.phase is Phase.ASK
        found = sorted(stored.followups(), key=lambda f: f.due)
        assert [(f.kind, f.due) for f in found] == [
            ("week2_checkin", date(2026, 3, 16)),
            ("week3_update", date(2026, 3, 23)),
            ("week4_insight", date(2026, 3, 30)),
            ("monthly", date(2026, 4, 30)),
        ]
        assert all(f.contact_id == bo.id and f.ask_id == ask.id for f in found)
        assert [i.kind for i in stored.interactions(bo.id)] == ["asked"]

        # On the board: the card is in Ask, focused, and its follow-up is in the sidebar.
        assert [c.name for c in board(app).column_for(Phase.ASK).cards] == ["Bo Chen"]
        assert focused_card(app) == "Bo Chen"
        assert board(app).sidebar.display
        assert section_of(app, found[0]) == "Next 7 days (1)"
        listed = [text for option_id, text in option_texts(app) if option_id is not None]
        assert len(listed) == 1 and "Bo Chen" in listed[0] and "Mon 16 Mar" in listed[0]
        assert "Week-2 check-in" in listed[0]
        message = next(n for n in notices(app) if n.startswith("Asked Bo Chen"))
        assert "16 Mar, 23 Mar, 30 Mar, 30 Apr" in message


async def test_ask_saved_with_enter_in_a_field(scored: Repository) -> None:
    app = make_app(scored)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ask_form_for_bo(app, pilot)
        assert app.focused is form.query_one("#f-role_title", Input)
        form.query_one("#f-role_title", Input).value = "Staff SRE"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        [ask] = fresh(scored).asks()
        assert ask.role_title == "Staff SRE" and not ask.has_context_packet
        assert any("context packet is incomplete" in n for n in notices(app))


BAD_DAYS = [
    ("2026-02-30", "not a date"),
    ("someday", "use today, yesterday, tomorrow, 3d ago, in 3d"),
    ("next monday", "2026-03-16 is in the future"),
    ("2026-03-10", "in the future"),
]


async def test_bad_ask_date_shows_the_error_and_saves_nothing(scored: Repository) -> None:
    """Each bad date in turn, in one form: its message, nothing saved; a good date then saves."""
    app = make_app(scored)
    before = scored.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await open_ask_form_for_bo(app, pilot)
        for day, message in BAD_DAYS:
            fill_ask_form(app, day=day)
            await pilot.pause()
            await pilot.press("ctrl+s")
            await saved(pilot)
            assert isinstance(app.screen, AskForm), day
            error = text_of(app, "#e-day")
            assert message in error, (day, error)
            assert text_of(app, "#e-role_title") == "", day
            assert scored.path.read_bytes() == before, day
        assert fresh(scored).asks() == [] and fresh(scored).followups() == []
        # Fixing the date saves the ask on that day.
        app.screen.query_one("#f-day", Input).value = "2026-03-02"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        [ask] = fresh(scored).asks()
        assert ask.day == date(2026, 3, 2)
        assert sorted(f.due for f in fresh(scored).followups())[0] == date(2026, 3, 9)


async def test_missing_role_and_bad_links_are_marked(scored: Repository) -> None:
    app = make_app(scored)
    async with app.run_test(size=SIZE) as pilot:
        await open_ask_form_for_bo(app, pilot)
        fill_ask_form(app, role_title="  ", role_url="stripe.com/jobs")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, AskForm)
        assert "name the role" in text_of(app, "#e-role_title")
        assert "not a web link" in text_of(app, "#e-role_url")
        assert fresh(scored).asks() == []


async def test_escape_cancels_the_ask(scored: Repository) -> None:
    app = make_app(scored)
    before = scored.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await open_ask_form_for_bo(app, pilot)
        fill_ask_form(app)
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert scored.path.read_bytes() == before


@pytest.mark.parametrize(
    ("moves", "name", "why"), [((), "Priya Shah", "is not scored"), (("l", "l"), "Li Wei", "scores 10/20")]
)
async def test_referrer_under_12_shows_the_coach(
    scored: Repository, moves: tuple[str, ...], name: str, why: str
) -> None:
    app = make_app(scored)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*moves)
        assert focused_card(app) == name
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, AskForm)
        coach = text_of(app, "#ask-coach")
        assert why in coach and "12+" in coach


async def test_f2_copies_while_typing_the_points(scored: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the text boxes ctrl+y is redo, so F2 is the copy key that works in every field."""
    app = make_app(scored)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_ask_form_for_bo(app, pilot)
        fill_ask_form(app)
        form.query_one("#f-points", TextArea).focus()
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert copied and "Senior Platform Engineer" in copied[0]


# -- the due sidebar ---------------------------------------------------------------------


@pytest.fixture
def due_repo(tmp_path: Path) -> Repository:
    """Ann was asked on 20 Feb: week-2 27 Feb and week-3 6 Mar are overdue, week-4 13 Mar is
    in the next 7 days, the monthly 13 Apr is beyond. Bo (in Research) has nothing due."""
    repo = Repository(tmp_path / "due.json", FixedClock(TODAY))
    ann = repo.quick_add("Ann Lee @ Acme, Staff Engineer")
    repo.quick_add("Bo Chen @ Beta")
    repo.add_ask(Ask(contact_id=ann.id, day=date(2026, 2, 20), role_title="Platform Engineer"))
    repo.undo_stack.clear()
    return repo


def ann_id(repo: Repository) -> int:
    return next(c.id for c in repo.contacts() if c.name == "Ann Lee")


async def test_sidebar_lists_overdue_and_upcoming(due_repo: Repository) -> None:
    app = make_app(due_repo)
    async with app.run_test(size=SIZE) as pilot:
        await saved(pilot)
        assert board(app).sidebar.display
        items = open_of(due_repo, ann_id(due_repo))
        assert section_of(app, items["week2_checkin"]) == "Overdue (2)"
        assert section_of(app, items["week3_update"]) == "Overdue (2)"
        assert section_of(app, items["week4_insight"]) == "Next 7 days (1)"
        assert option_index(app, items["monthly"]) is None
        for option_id, text in option_texts(app):
            if option_id is not None:
                assert "Ann Lee" in text and "Acme" in text
        assert "Follow-ups (3)" in str(board(app).query_one("#sidebar-title").render())


async def test_d_marks_done_and_logs_a_checkin(due_repo: Repository) -> None:
    app = make_app(due_repo)
    aid = ann_id(due_repo)
    week2 = open_of(due_repo, aid)["week2_checkin"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(app, pilot, week2)
        await pilot.press("d")
        # A week-2 check-in asks what they said first; "not yet" records no status.
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerDialog), "the answer question")
        await pilot.press("j", "enter")
        await saved(pilot)
        stored = fresh(due_repo)
        done = stored.followup(week2.id)
        assert (done.status, done.done_on) == ("done", TODAY)
        checkins = [i for i in stored.interactions(aid) if i.kind == "checkin"]
        assert [(i.day, i.gave_value) for i in checkins] == [(TODAY, False)]
        assert option_index(app, week2) is None
        assert "Follow-ups (2)" in str(board(app).query_one("#sidebar-title").render())
        assert any(n.startswith("Done: Week-2 check-in") for n in notices(app))
        # u undoes it in one step.
        await pilot.press("u")
        await saved(pilot)
        stored = fresh(due_repo)
        assert stored.followup(week2.id).status == "open"
        assert [i.kind for i in stored.interactions(aid)] == ["asked"]
        assert option_index(app, week2) is not None


async def test_z_snoozes_a_day_and_shift_z_asks_how_long(due_repo: Repository) -> None:
    app = make_app(due_repo)
    items = open_of(due_repo, ann_id(due_repo))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(app, pilot, items["week2_checkin"])
        await pilot.press("z")
        await saved(pilot)
        snoozed = fresh(due_repo).followup(items["week2_checkin"].id)
        assert (snoozed.due, snoozed.original_due, snoozed.status) == (
            date(2026, 3, 10),
            date(2026, 2, 27),
            "open",
        )
        assert section_of(app, snoozed) == "Next 7 days (2)"

        listing = followup_list(app)
        listing.highlighted = option_index(app, items["week3_update"])
        await pilot.pause()
        await pilot.press("Z")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        app.screen.query_one("#prompt-input", Input).value = "5"  # a bare number: days from today
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert fresh(due_repo).followup(items["week3_update"].id).due == date(2026, 3, 14)
        assert app.focused is followup_list(app)


async def test_shift_z_refuses_a_bad_length_and_escape_changes_nothing(due_repo: Repository) -> None:
    app = make_app(due_repo)
    week2 = open_of(due_repo, ann_id(due_repo))["week2_checkin"]
    before = due_repo.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(app, pilot, week2)
        await pilot.press("Z")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = "91"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        assert "at most 90 days" in text_of(app, "#prompt-error")
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert due_repo.path.read_bytes() == before


async def test_x_skips_with_a_reason(due_repo: Repository) -> None:
    app = make_app(due_repo)
    aid = ann_id(due_repo)
    week3 = open_of(due_repo, aid)["week3_update"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight(app, pilot, week3)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, PromptDialog)
        assert "say why you skip it" in text_of(app, "#prompt-error")
        assert fresh(due_repo).followup(week3.id).status == "open"
        app.screen.query_one("#prompt-input", Input).value = "changed teams"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        skipped = fresh(due_repo).followup(week3.id)
        assert (skipped.status, skipped.skip_reason) == ("skipped", "changed teams")
        assert option_index(app, week3) is None
        # The board's x (archive) did not fire: Ann is still on the board.
        assert not fresh(due_repo).contact(aid).archived


async def test_enter_opens_the_referrer(due_repo: Repository) -> None:
    app = make_app(due_repo)
    aid = ann_id(due_repo)
    async with app.run_test(size=SIZE) as pilot:
        await saved(pilot)
        await highlight(app, pilot, open_of(due_repo, aid)["week4_insight"])
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.contact_id == aid
        assert "Ann Lee" in text_of(app, "#detail-about")


async def test_done_on_a_monthly_schedules_the_next(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "monthly.json", FixedClock(TODAY))
    cy = repo.quick_add("Cy Ross @ Acme")
    repo.add_ask(Ask(contact_id=cy.id, day=date(2026, 1, 19)))  # the monthly falls due today
    monthly = open_of(repo, cy.id)["monthly"]
    assert monthly.due == TODAY
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert section_of(app, monthly) == "Today (1)"
        await highlight(app, pilot, monthly)
        await pilot.press("d")
        await saved(pilot)
        stored = fresh(repo)
        assert stored.followup(monthly.id).status == "done"
        following = [f for f in stored.followups() if f.kind == "monthly"]
        assert [(f.due, f.template, f.status) for f in following] == [(date(2026, 4, 9), "monthly_checkin", "open")]
        assert [i.kind for i in stored.interactions(cy.id)] == ["asked", "checkin"]


async def test_logging_an_interaction_resets_the_monthly_clock(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "reset.json", FixedClock(TODAY))
    dee = repo.quick_add("Dee Fox @ Acme")
    repo.add_ask(Ask(contact_id=dee.id, day=date(2026, 2, 1)))  # the monthly is due 22 Mar
    monthly = open_of(repo, dee.id)["monthly"]
    assert monthly.due == date(2026, 3, 22)
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert focused_card(app) == "Dee Fox"
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InteractionForm)
        app.screen.query_one("#f-summary", Input).value = "coffee chat about the platform team"  # the focused field
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        stored = fresh(repo)
        assert [(i.kind, i.day, i.summary) for i in stored.interactions(dee.id)][-1] == (
            "message",
            TODAY,
            "coffee chat about the platform team",
        )
        moved = stored.followup(monthly.id)
        assert (moved.due, moved.original_due, moved.status) == (date(2026, 4, 9), None, "open")


async def test_logging_an_interaction_never_moves_a_later_monthly(due_repo: Repository) -> None:
    monthly = open_of(due_repo, ann_id(due_repo))["monthly"]
    assert monthly.due == date(2026, 4, 13)
    app = make_app(due_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert focused_card(app) == "Bo Chen"  # Research first
        await pilot.press("l", "l", "l")
        assert focused_card(app) == "Ann Lee"
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InteractionForm)
        app.screen.query_one("#f-summary", Input).value = "quick hello"  # the focused field
        await pilot.press("enter")
        await saved(pilot)
        assert fresh(due_repo).followup(monthly.id).due == date(2026, 4, 13)


async def test_shift_f_hides_the_sidebar_and_the_header_shows_the_count(due_repo: Repository) -> None:
    app = make_app(due_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        assert screen.sidebar.display
        assert "(f shows)" not in text_of(app, "#board-header")
        await pilot.press("F")
        await pilot.pause()
        assert not screen.sidebar.display
        header = text_of(app, "#board-header")
        # The same counts as the sidebar (schedule.due_counts): 2 overdue, 1 coming this week.
        assert "! 2 overdue · 1 this week (f shows)" in header, header
        await pilot.press("F")
        await pilot.pause()
        assert screen.sidebar.display
        assert "follow-ups due" not in text_of(app, "#board-header")
        # f on a hidden sidebar shows it and focuses the list.
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert screen.sidebar.display and app.focused is followup_list(app)


async def test_sidebar_hidden_on_a_narrow_terminal_shows_the_count_in_the_header(due_repo: Repository) -> None:
    app = make_app(due_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = board(app)
        assert not screen.sidebar.display
        assert "! 2 overdue · 1 this week (f shows)" in text_of(app, "#board-header")


async def test_f_on_a_narrow_terminal_shows_and_focuses_the_sidebar(due_repo: Repository) -> None:
    app = make_app(due_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = board(app)
        assert not screen.sidebar.display
        await pilot.press("f")
        await pilot.pause()
        assert screen.sidebar.display
        assert isinstance(app.focused, OptionList)
        assert app.focused is followup_list(app)


async def test_on_a_narrow_terminal_the_sidebar_never_covers_cards_that_have_the_focus(due_repo: Repository) -> None:
    """Laid over Timing and Ask, the follow-ups are shown only with the focus in them: F (as f)
    focuses them, l past Ask enters them, and going back to the cards hides them again."""
    app = make_app(due_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = board(app)
        await pilot.press("F")
        await wait_for(pilot, lambda: app.focused is followup_list(app), "F to focus the follow-ups")
        assert screen.sidebar.display
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.focused is screen.board_columns, "back on the cards")
        assert not screen.sidebar.display
        await pilot.press("l", "l", "l")
        assert screen.focused_column is screen.column_for(Phase.ASK)
        await pilot.press("l")  # past Ask: into the follow-ups
        await wait_for(pilot, lambda: app.focused is followup_list(app), "l to enter the follow-ups")
        assert screen.sidebar.display
        await pilot.press("h")
        await wait_for(pilot, lambda: not screen.sidebar.display, "the follow-ups gone again")


# -- the ask outcome ---------------------------------------------------------------------


async def test_ask_outcome_is_saved_and_shown_on_the_card(due_repo: Repository) -> None:
    aid = ann_id(due_repo)
    [ask] = due_repo.asks(aid)
    app = make_app(due_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l")
        assert focused_card(app) == "Ann Lee"
        assert board(app).column_for(Phase.ASK).cards[0].ask_status == "Requested"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, AskOutcomeForm)
        form = app.screen
        assert form.query_one("#f-status", Select).value == "requested"
        form.query_one("#f-status", Select).value = "submitted"
        form.query_one("#f-quality", Select).value = 4
        form.query_one("#f-insider", Input).value = "The team is hiring two more in Q2"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, DetailScreen)
        stored = fresh(due_repo).ask(ask.id)
        assert stored.status == "submitted"
        assert stored.status_history == [
            {"status": "requested", "day": "2026-02-20"},
            {"status": "submitted", "day": "2026-03-09"},
        ]
        assert stored.screening_quality == 4
        assert stored.insider_info == "The team is hiring two more in Q2"
        asks_text = text_of(app, "#detail-asks")
        assert "Submitted" in asks_text and "screening quality 4/5" in asks_text
        assert "The team is hiring two more in Q2" in asks_text
        await pilot.press("escape")
        await pilot.pause()
        [card] = board(app).column_for(Phase.ASK).cards
        assert card.ask_status == "Submitted"
        # On a wide terminal the status fits on the card after the (overdue) due date.
        await pilot.resize_terminal(200, 40)
        await pilot.pause()
        assert "! 27 Feb +10d · Submitted" in column_text(board(app).column_for(Phase.ASK))


async def test_ask_outcome_with_a_future_date_is_refused(due_repo: Repository) -> None:
    [ask] = due_repo.asks()
    before = due_repo.path.read_bytes()
    app = make_app(due_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l", "enter")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-status", Select).value = "interviewing"
        form.query_one("#f-day", Input).value = "2026-03-12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AskOutcomeForm)
        assert "in the future" in text_of(app, "#e-day")
        await pilot.press("escape")
        await saved(pilot)
        assert due_repo.path.read_bytes() == before
        assert fresh(due_repo).ask(ask.id).status == "requested"


async def test_outcome_without_an_ask_says_so(due_repo: Repository) -> None:
    app = make_app(due_repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert focused_card(app) == "Bo Chen"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert any("No ask yet" in n for n in notices(app))
