"""The board at 10,000 referrers builds only what it shows and updates only what a change touches.

Counted, not timed (speed is measured in benchmarks/): how many cards the board built,
how many column lists it replaced, and which lines a key repainted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Company, Contact, Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import ReferralApp, make_app
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.widgets.card_column import CARD_HEIGHT, CardColumn
from tests.helpers import TODAY, wait_for

SIZE = (120, 40)
PEOPLE = 10_000
MARGIN = 2  # cards per column the board may build beyond the ones on screen


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "board.json"
    repo = Repository(path, FixedClock(TODAY))
    with repo.change("10,000 referrers"):
        companies = [repo.insert(Company(name=f"Company {n:03d}")).id for n in range(100)]
        for n in range(PEOPLE):
            phase = list(Phase)[n % 4]
            repo.add(Contact(name=f"Person {n:05d}", company_id=companies[n % 100], phase=phase))
    return path


@pytest.fixture
def board_file(big_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # saving is not what is tested here
    copy = tmp_path / "board.json"
    copy.write_bytes(big_file.read_bytes())
    yield copy


def board(app: ReferralApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def on_screen(column: CardColumn) -> int:
    return column.size.height // CARD_HEIGHT + 1


async def test_a_10000_board_builds_the_cards_on_screen_only(board_file: Path) -> None:
    app = make_app(Repository(board_file, FixedClock(TODAY), validate=False), poll_interval=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        assert [c.title for c in screen.columns] == [
            "Research (2500)",
            "Relationship (2500)",
            "Timing (2500)",
            "Ask (2500)",
        ]
        visible = sum(on_screen(c) for c in screen.columns)
        assert screen.model.built <= visible + MARGIN * 4, f"built {screen.model.built} for {visible} on screen"
        assert screen.model.built >= 4 * (on_screen(screen.columns[0]) - 1), "the visible cards are drawn"
        # Scrolling a page builds the page it reveals, not the column.
        before = screen.model.built
        await pilot.press("pagedown")
        assert screen.model.built - before <= on_screen(screen.columns[0]) + MARGIN


async def test_a_move_updates_two_columns_and_builds_one_card(board_file: Path) -> None:
    app = make_app(Repository(board_file, FixedClock(TODAY), validate=False), poll_interval=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        await wait_for(pilot, lambda: screen.extras_ready, "the first extras")
        updates, built = screen.column_updates, screen.model.built
        await pilot.press("L")  # the first Research referrer to Relationship
        assert [c.title for c in screen.columns][:2] == ["Research (2499)", "Relationship (2501)"]
        assert screen.column_updates - updates == 2, "only the two columns of the move got new lists"
        # The moved card is built anew; the rest were built before (one more may scroll into view).
        assert screen.model.built - built <= 2
        assert screen.focused_column is screen.column_for(Phase.RELATIONSHIP)
        assert screen.focused_column.current is not None
        assert screen.focused_column.current.name == "Person 00000"
        await pilot.press("H")
        assert screen.columns[0].title == "Research (2500)" and screen.columns[0].ids[0] == 1
        assert screen.column_updates - updates == 4


async def test_the_moved_card_lands_in_board_order(board_file: Path) -> None:
    """Rule: a column lists referrers in the order they were added, also after a move (a quick
    move once appended the card at the end instead)."""
    app = make_app(Repository(board_file, FixedClock(TODAY), validate=False), poll_interval=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        await pilot.press("j", "L")  # the second Research referrer (id 5) into Relationship (2, 6, ...)
        ids = screen.column_for(Phase.RELATIONSHIP).ids
        assert ids[:3] == [2, 5, 6] and ids == sorted(ids)
        assert screen.column_for(Phase.RELATIONSHIP).cursor == 1


async def test_a_cursor_move_repaints_two_cards_only(board_file: Path) -> None:
    app = make_app(Repository(board_file, FixedClock(TODAY), validate=False), poll_interval=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = board(app).columns[0]
        painted: list[tuple[int, ...]] = []
        original = column.refresh

        def spy(*regions: object, **kwargs: object) -> object:
            painted.append(tuple(getattr(r, "y", -1) for r in regions))
            return original(*regions, **kwargs)  # type: ignore[arg-type]

        column.refresh = spy  # type: ignore[method-assign, assignment]
        await pilot.press("j")
        assert painted and all(regions for regions in painted), "the whole column was repainted"
        rows = sorted({y for regions in painted for y in regions})
        assert rows == [1, 1 + CARD_HEIGHT], rows


async def test_the_cursor_card_stays_whole_on_screen_as_j_scrolls_the_column(board_file: Path) -> None:
    """The column's title line is fixed: scrolling leaves room for it (the row tables lost
    their cursor row under the bottom edge; a card's blank spacer line used to hide it here)."""
    app = make_app(Repository(board_file, FixedClock(TODAY), validate=False), poll_interval=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = board(app).columns[0]
        for presses in range(1, 2 * on_screen(column) + 2):
            await pilot.press("j")
            marked = [y for y in range(column.size.height) if column.render_line(y).text.startswith("▌")]
            assert len(marked) == CARD_HEIGHT - 1, f"after {presses} j: the cursor card's lines at {marked}"
            assert marked[0] >= 1 and marked[-1] < column.size.height
