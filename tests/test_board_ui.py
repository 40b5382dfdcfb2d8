"""Pilot tests for the board: real keys in, stored data and screen state checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.detail import DetailScreen
from referral_tui.ui.widgets.board_columns import BoardColumns
from referral_tui.ui.widgets.card_column import CardColumn
from tests.helpers import notices, saved, wait_for

TODAY = date(2026, 3, 9)


@pytest.fixture
def board_repo(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "board.json", FixedClock(TODAY))
    for text in (
        "Priya Shah @ Stripe, Staff Engineer #alumni",
        "Bo Chen @ Stripe, SRE",
        "Li Wei @ Acme, Engineering Manager !relationship",
        "Sam Jones @ Globex !timing",
    ):
        repo.quick_add(text)
    repo.undo_stack.clear()
    return repo


def fresh(repo: Repository) -> Repository:
    """A second view of the same file, as another process would see it."""
    return Repository(repo.path, FixedClock(TODAY))


def board(app) -> BoardScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def column(app, phase: Phase) -> CardColumn:  # type: ignore[no-untyped-def]
    return board(app).column_for(phase)


def names(app, phase: Phase) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.name for c in column(app, phase).cards]


def focused_card(app) -> str | None:  # type: ignore[no-untyped-def]
    """The card the keys act on: the active column's cursor, with the board holding focus."""
    assert isinstance(app.focused, BoardColumns)
    column = board(app).focused_column
    return column.current.name if column.current else None


async def test_start_focus_counts_and_navigation(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert focused_card(app) == "Priya Shah"
        assert column(app, Phase.RESEARCH).title == "Research (2)"
        assert "Research (2)" in column(app, Phase.RESEARCH).render_line(0).text
        await pilot.press("j")
        assert focused_card(app) == "Bo Chen"
        await pilot.press("k")
        assert focused_card(app) == "Priya Shah"
        await pilot.press("end")
        assert focused_card(app) == "Bo Chen"
        await pilot.press("home")
        assert focused_card(app) == "Priya Shah"
        await pilot.press("l")
        assert focused_card(app) == "Li Wei"
        await pilot.press("right")
        assert focused_card(app) == "Sam Jones"
        await pilot.press("left", "h")
        assert focused_card(app) == "Priya Shah"


async def test_move_right_and_back_updates_screen_and_file(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("shift+right")
        await pilot.pause()
        assert "Priya Shah" in names(app, Phase.RELATIONSHIP)
        assert "Priya Shah" not in names(app, Phase.RESEARCH)
        assert focused_card(app) == "Priya Shah"
        stored = {c.name: c.phase for c in fresh(board_repo).contacts()}
        assert stored["Priya Shah"] is Phase.RELATIONSHIP
        await pilot.press("L")
        await pilot.pause()
        assert fresh(board_repo).contacts()[0].phase is Phase.TIMING
        await pilot.press("H")
        await pilot.pause()
        assert focused_card(app) == "Priya Shah"
        assert "Priya Shah" in names(app, Phase.RELATIONSHIP)
        assert fresh(board_repo).contacts()[0].phase is Phase.RELATIONSHIP


async def test_a_move_into_timing_with_no_contact_logged_gets_the_coachs_note(board_repo: Repository) -> None:
    """The coach's note on a move runs in a thread started after the move's frame; it still
    arrives, as a toast, and the card has moved already."""
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l")  # Relationship: Li Wei, nothing logged
        await pilot.press("L")
        assert "Li Wei" in names(app, Phase.TIMING)
        await wait_for(pilot, lambda: any("No interaction with Li Wei" in n for n in notices(app)), "the coach")


async def test_move_into_ask_below_12_needs_confirmation(board_repo: Repository) -> None:
    sam = next(c for c in board_repo.contacts() if c.name == "Sam Jones")
    board_repo.score(sam.id, ScoreEntry(TODAY, 2, 3, 3, 2))  # total 10
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l", "l")
        assert focused_card(app) == "Sam Jones"
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "10/20" in app.screen.body and "12" in app.screen.body
        await pilot.press("escape")
        await pilot.pause()
        assert names(app, Phase.ASK) == []
        assert fresh(board_repo).contact(sam.id).phase is Phase.TIMING
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert names(app, Phase.ASK) == ["Sam Jones"]
        assert fresh(board_repo).contact(sam.id).phase is Phase.ASK


async def test_move_into_ask_at_12_needs_no_confirmation(board_repo: Repository) -> None:
    sam = next(c for c in board_repo.contacts() if c.name == "Sam Jones")
    board_repo.score(sam.id, ScoreEntry(TODAY, 3, 3, 3, 3))
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "L")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert names(app, Phase.ASK) == ["Sam Jones"]


async def test_quick_add_focuses_new_card_and_rejects_bad_text(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = board_repo.path.read_bytes()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        await pilot.press(*"Nobody here", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        error = str(app.screen.query_one("#quick-add-error").render())
        assert "missing '@ Company'" in error
        assert board_repo.path.read_bytes() == before
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.press(*"Zed Ko @ Initech, PM #event !timing", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert names(app, Phase.TIMING) == ["Sam Jones", "Zed Ko"]
        assert focused_card(app) == "Zed Ko"
        stored = next(c for c in fresh(board_repo).contacts() if c.name == "Zed Ko")
        assert stored.phase is Phase.TIMING and stored.tags == ["event"] and stored.title == "PM"


async def test_quick_add_of_someone_already_on_the_board_asks_first(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, QuickAddDialog), "quick-add")
        app.screen.query_one("#quick-add-input", Input).value = "Priya Shah @ stripe, Staff Engineer"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "already here?")
        await pilot.press("escape")  # back to the line; nothing added
        await wait_for(pilot, lambda: isinstance(app.screen, QuickAddDialog), "the line again")
        await saved(pilot)
        assert [c.name for c in fresh(board_repo).contacts()].count("Priya Shah") == 1


async def test_detail_opens_and_returns_to_same_card(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        about = str(app.screen.query_one("#detail-about").render())
        assert "Bo Chen" in about and "Stripe" in about and "SRE" in about
        await pilot.press("escape")
        await pilot.pause()
        assert focused_card(app) == "Bo Chen"


async def test_detail_edit_form_saves_and_undo_restores(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "e")
        await pilot.pause()
        title = app.screen.query_one("#f-title", Input)
        title.value = "Principal Engineer"
        email = app.screen.query_one("#f-email", Input)
        email.value = "not-an-email"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not an email" in str(app.screen.query_one("#e-email").render())
        assert fresh(board_repo).contacts()[0].title == "Staff Engineer"
        email.value = "priya@example.com"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        stored = fresh(board_repo).contacts()[0]
        assert stored.title == "Principal Engineer" and stored.email == "priya@example.com"
        assert "Principal Engineer" in str(app.screen.query_one("#detail-about").render())
        await pilot.press("u")
        await pilot.pause()
        assert fresh(board_repo).contacts()[0].title == "Staff Engineer"


async def test_filter_narrows_live_and_escape_clears(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"stripe")
        await pilot.pause()
        assert names(app, Phase.RESEARCH) == ["Priya Shah", "Bo Chen"]
        assert names(app, Phase.RELATIONSHIP) == [] and names(app, Phase.TIMING) == []
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", *"#alumni")
        await pilot.pause()
        assert names(app, Phase.RESEARCH) == ["Priya Shah"]
        await pilot.press("escape")
        await pilot.pause()
        assert names(app, Phase.RESEARCH) == ["Priya Shah", "Bo Chen"]
        assert names(app, Phase.TIMING) == ["Sam Jones"]


async def test_undo_many_levels_with_notification(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("L", "L", "L")
        await pilot.pause()
        # the third move into Ask asks for confirmation (unscored): confirm it
        await pilot.press("y")
        await pilot.pause()
        assert fresh(board_repo).contacts()[0].phase is Phase.ASK
        for expected in (Phase.TIMING, Phase.RELATIONSHIP, Phase.RESEARCH):
            await pilot.press("u")
            await pilot.pause()
            assert fresh(board_repo).contacts()[0].phase is expected
        assert names(app, Phase.RESEARCH)[0] == "Priya Shah"
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Undid: moved Priya Shah to Relationship") for m in messages)
        await pilot.press("u")
        await pilot.pause()
        assert any(n.message == "Nothing to undo." for n in app._notifications)


async def test_archive_hides_and_undo_restores(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert "Priya Shah" in names(app, Phase.RESEARCH)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert names(app, Phase.RESEARCH) == ["Bo Chen"]
        assert fresh(board_repo).contacts(include_archived=True)[0].archived
        await pilot.press("u")
        await pilot.pause()
        assert names(app, Phase.RESEARCH) == ["Priya Shah", "Bo Chen"]
        assert not fresh(board_repo).contacts()[0].archived


async def test_other_session_change_appears_without_losing_focus(board_repo: Repository) -> None:
    app = make_app(board_repo, poll_interval=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        assert focused_card(app) == "Bo Chen"
        other = fresh(board_repo)
        other.quick_add("New Person @ Stripe")
        await wait_for(pilot, lambda: len(names(app, Phase.RESEARCH)) == 3, "the new referrer")
        assert names(app, Phase.RESEARCH) == ["Priya Shah", "Bo Chen", "New Person"]
        assert focused_card(app) == "Bo Chen"


async def test_usable_at_80x24(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = app.export_screenshot()
        for label in ("Research (2)", "Relationship (1)", "Timing (1)", "Ask (0)", "Priya Shah", "Sam Jones"):
            assert label.replace(" ", "&#160;") in text or label in text


async def test_help_lists_keys_and_palette_has_actions(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("Static").render())
        for word in ("Move", "Add", "Filter", "Undo", "Archive", "Quit", str(board_repo.path)):
            assert word in text
        await pilot.press("escape")
        await pilot.pause()
        commands = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Move", "Move back", "Add", "Filter", "Undo", "Archive", "Open"):
            assert title in commands


async def test_long_column_scrolls_to_keep_cursor_visible(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "long.json", FixedClock(TODAY))
    with repo.change("bulk"):
        for i in range(300):
            repo.quick_add(f"Person {i:03d} @ Acme")
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        col = column(app, Phase.RESEARCH)
        assert col.current is not None and col.current.name == "Person 299"
        assert col.scroll_offset.y > 0
        await pilot.press("pageup")
        assert col.cursor < 299
        await pilot.press("home")
        await pilot.pause()
        assert col.cursor == 0 and col.scroll_offset.y == 0


async def test_a_move_that_cannot_be_saved_goes_back_on_screen(board_repo: Repository, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The board shows a move before saving it; if the save fails, the card returns."""
    from referral_tui.store.errors import StoreBusy

    def busy(*args: object, **kwargs: object) -> None:
        raise StoreBusy(board_repo.path, board_repo.storage.lock_path, 5)

    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(board_repo, "move", busy)
        await pilot.press("L")
        await pilot.pause()
        await pilot.pause()
        assert "Priya Shah" in names(app, Phase.RESEARCH)
        assert "Priya Shah" not in names(app, Phase.RELATIONSHIP)
        assert any("Not saved" in n.message and "busy" in n.message for n in app._notifications)
        assert fresh(board_repo).contacts()[0].phase is Phase.RESEARCH


async def test_quitting_right_after_a_move_saves_it(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("L", "q")
    assert fresh(board_repo).contacts()[0].phase is Phase.RELATIONSHIP


# -- Today, the archive and the follow-ups sidebar (issue #16) ---------------------------------


async def test_today_and_the_archive_open_from_the_board_and_the_palette(board_repo: Repository) -> None:
    from referral_tui.ui.screens.archive import ArchiveScreen
    from referral_tui.ui.screens.today import TodayScreen

    app = make_app(board_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ids = {b.id for b in BoardScreen.BINDINGS if isinstance(b, Binding)}
        assert {"board.today", "board.archive_view"} <= ids
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Today" in commands and "Archived" in commands
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        today = app.screen
        assert isinstance(today, TodayScreen)
        await wait_for(pilot, lambda: today.loaded, "Today's rows")
        assert today.shown == board_repo.today()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveScreen), "the archive")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")


@pytest.fixture
def due_board(tmp_path: Path) -> Repository:
    """Two asks: Ann's (2 Feb: its week-2, week-3 and week-4 follow-ups are overdue) and Bo's
    (4 Mar: the week-2 check-in is due in the coming week)."""
    from referral_tui.domain.records import Ask

    repo = Repository(tmp_path / "due.json", FixedClock(TODAY))
    ann = repo.quick_add("Ann Lee @ Stripe !timing")
    bo = repo.quick_add("Bo Chen @ Acme !timing")
    repo.score(ann.id, ScoreEntry(TODAY, 4, 4, 4, 4))
    repo.score(bo.id, ScoreEntry(TODAY, 4, 4, 4, 4))
    repo.add_ask(Ask(ann.id, date(2026, 2, 2), role_title="SRE"))
    repo.add_ask(Ask(bo.id, date(2026, 3, 4), role_title="SRE"))
    repo.undo_stack.clear()
    return repo


async def test_f_then_d_acts_on_the_first_row(due_board: Repository) -> None:
    from referral_tui.ui.widgets.sidebar import AnswerDialog, FollowUpList
    from tests.helpers import saved

    app = make_app(due_board)
    first = min(due_board.followups(), key=lambda f: (f.due, f.id))  # Ann's week-2 check-in
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = board(app)
        await wait_for(pilot, lambda: screen.due is not None, "the sidebar")
        listing = screen.query_one(FollowUpList)
        # The header and the sidebar count with the same function.
        assert screen.due is not None and screen.due.counts.overdue == 3
        assert "Follow-ups (4)" in str(screen.query_one("#sidebar-title").render())
        assert "! 3 overdue" in str(screen.query_one("#board-header").render())
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is listing
        assert listing.highlighted is not None
        assert listing.get_option_at_index(listing.highlighted).id == str(first.id)
        # The selected row is marked without colour.
        lines = [listing.render_line(y).text for y in range(listing.size.height)]
        assert [line for line in lines if line.startswith("▶ ")] == [next(x for x in lines if "Ann Lee" in x)]
        await pilot.press("d")  # a week-2 check-in: what did they say?
        await wait_for(pilot, lambda: isinstance(app.screen, AnswerDialog), "the week-2 question")
        await pilot.press("enter")  # "Yes, it was submitted"
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board")
        assert not any("Nothing due here" in n.message for n in app._notifications)
        await saved(pilot)
        stored = fresh(due_board)
        assert stored.followup(first.id).status == "done"
        assert first.ask_id is not None and stored.ask(first.ask_id).status == "submitted"
        # j moves on without Tab; the list stays in date order.
        await pilot.press("j")
        highlighted = listing.highlighted
        assert highlighted is not None and not listing.get_option_at_index(highlighted).disabled
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        dues = [stored.followup(int(i)).due for i in ids if i and i.isdigit()]
        assert dues == sorted(dues)
        await pilot.press("u")
        await saved(pilot)
        assert fresh(due_board).followup(first.id).status == "open"
        assert fresh(due_board).ask(first.ask_id).status == "requested"
