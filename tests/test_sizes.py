"""Terminal sizes: below 80x24 one line says what is needed, and the screen underneath comes
back as it was when the terminal grows; wide terminals give the board's columns the room."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from referral_tui.domain.records import Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.screens.board import BoardScreen, header_line
from referral_tui.ui.screens.too_small import TooSmallScreen
from tests.helpers import board, column, wait_for

LONG = "Maximiliana Oyelaran"  # cut at 80 columns, whole at 120


@pytest.fixture
def board_repo(repo: Repository) -> Repository:
    repo.quick_add(f"{LONG} @ Brightfold Health Systems, Principal Engineer")
    repo.quick_add("Bo Chen @ Stripe, SRE")
    repo.undo_stack.clear()
    return repo


def notice_text(screen: object) -> str:
    assert isinstance(screen, TooSmallScreen), screen
    return str(screen.query_one("#too-small-notice", Static).render())


async def test_below_80x24_one_line_names_the_size_and_the_board_returns(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(60, 15)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TooSmallScreen), "the too-small notice")
        assert notice_text(app.screen) == "make the terminal at least 80x24 (now 60x15)"
        await pilot.resize_terminal(79, 30)
        await wait_for(pilot, lambda: "now 79x30" in notice_text(app.screen), "the notice to follow the size")
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "the board back")
        assert [c.name for c in column(app, Phase.RESEARCH).cards] == [LONG, "Bo Chen"]


async def test_a_form_open_when_the_terminal_shrinks_is_still_there_after(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, QuickAddDialog), "quick-add")
        await pilot.press("Z", "o", "e")
        await pilot.resize_terminal(70, 20)
        await wait_for(pilot, lambda: isinstance(app.screen, TooSmallScreen), "the notice")
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: isinstance(app.screen, QuickAddDialog), "the form back")
        assert "Zoe" in str(app.screen.query_one("Input").value)  # type: ignore[attr-defined]


async def test_q_still_quits_below_80x24(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(40, 10)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TooSmallScreen), "the notice")
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running, "the app to quit")


async def test_at_120_columns_names_and_companies_show_whole(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        col = column(app, Phase.RESEARCH)
        await wait_for(pilot, lambda: col.size.width > 0, "the board")
        assert not board(app).sidebar.display, "the columns get the room below 140 columns"
        lines = [col.render_line(y).text for y in range(1, 4)]
        assert LONG in lines[0] and "Brightfold Health Systems" in lines[1], lines


def test_the_header_drops_whole_parts_to_fit() -> None:
    parts = [
        ("referral-tui", ""),
        ("24 referrers", ""),
        ("! 3 overdue", ""),
        ("demo-campaign.json (? shows where)", ""),
    ]
    assert header_line(parts, 200).plain.endswith("(? shows where)")
    narrow = header_line(parts, 50).plain
    assert narrow == "referral-tui · 24 referrers · ! 3 overdue"


async def test_at_80_columns_the_header_says_what_is_due_without_cutting_a_word(board_repo: Repository) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: board(app).extras_ready, "the board's extras")
        text = str(board(app).query_one("#board-header", Static).render())
        assert len(text.rstrip()) <= 78 and not text.rstrip().endswith("…"), text


async def test_below_140_columns_f_lays_the_follow_ups_over_the_board_and_esc_takes_them_away(
    board_repo: Repository,
) -> None:
    app = make_app(board_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = board(app)
        widths = [c.size.width for c in screen.columns]
        await pilot.press("f")
        await wait_for(pilot, lambda: screen.sidebar.display and screen.sidebar.has_focus_within, "the follow-ups")
        await pilot.pause()
        assert [c.size.width for c in screen.columns] == widths, "the columns keep their width"
        await pilot.press("escape")
        await wait_for(pilot, lambda: not screen.sidebar.display, "the follow-ups to go")
        assert app.focused is screen.board_columns
