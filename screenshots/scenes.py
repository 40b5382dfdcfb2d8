"""The screens shown in README.md and checked by the snapshot tests, on the demo campaign.

Shared by ``screenshots/make.py`` (writes the SVGs) and ``tests/test_snapshots.py``
(compares against stored snapshots), so both show exactly the same thing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from referral_tui.config import Config
from referral_tui.demo import write_demo
from referral_tui.domain.clock import FixedClock
from referral_tui.ui.app import ReferralApp, make_app
from referral_tui.ui.screens.board import BoardScreen

TODAY = date(2026, 3, 9)
SIZE = (140, 36)  # wide enough for the follow-ups sidebar beside four whole columns
PLAIN_SIZE = (80, 24)

#: name -> (keys pressed after start, what it shows)
SCENES: dict[str, tuple[list[str], str]] = {
    "board": ([], "The board: four phases, scored cards, overdue marks, the follow-ups sidebar"),
    "detail": (["right", "right", "right", "enter"], "A referrer: coach, matrix history, follow-ups, asks, timeline"),
    "scoring": (["s", "4", "4", "3"], "The scoring form, three ratings in"),
    "followups": (["f", "down", "down"], "The follow-ups sidebar, focused"),
    "metrics": (["m"], "Success metrics, each with how it is computed"),
    "companies": (["c"], "Target companies with coverage and research"),
}


#: Checked without colour (NO_COLOR=1) at 80x24, as over a bare SSH console:
#: name -> (keys, terminal size, glyphs, what it shows). The focus must show in each.
PLAIN_SCENES: dict[str, tuple[list[str], tuple[int, int], str, str]] = {
    "board": ([], PLAIN_SIZE, "unicode", "The board, a card focused"),
    "board-ascii": (["l", "j"], PLAIN_SIZE, "ascii", "The board in ASCII marks (TERM=linux)"),
    "detail": (["l", "l", "l", "enter"], PLAIN_SIZE, "unicode", "A referrer's detail screen"),
    "sidebar": (["f", "down"], PLAIN_SIZE, "unicode", "The follow-ups sidebar, second row selected"),
    "help": (["question_mark"], PLAIN_SIZE, "unicode", "Help at 80 columns"),
    "too-small": ([], (60, 15), "unicode", "Below 80x24: one line saying what is needed"),
}


async def settled(pilot: Pilot[None]) -> None:
    """Wait until the board has drawn what it computes after the first frame (the coach
    markers, the coverage warnings, the sidebar) and every change is saved: the same
    picture every time."""
    app = pilot.app
    for _ in range(1000):
        board = next((s for s in app.screen_stack if isinstance(s, BoardScreen)), None)
        if board is not None and board.extras_ready and not app.session.repo.engine.dirty:  # type: ignore[attr-defined]
            return
        await pilot.pause(0.01)
    raise TimeoutError("the board never settled")


def demo_app(folder: Path, glyphs: str = "unicode") -> ReferralApp:
    """The demo campaign on a frozen day, with animations off, in ``folder``."""
    repo = write_demo(folder / "referrals.json", FixedClock(TODAY))
    return make_app(repo, config=Config(animations=False, smooth_scroll=False, glyphs=glyphs))
