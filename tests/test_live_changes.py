"""Another session or a sync tool changes the file under an open, idle board.

The writer thread looks at the file every ``poll_interval`` seconds (injected short here);
the board shows what came in without a key, keeps the focus on the same person, and says
in one line what changed. Conflict copies a sync tool leaves beside the file show in the
header.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Phase
from referral_tui.store.engine import ExternalChange
from referral_tui.store.repository import Repository
from referral_tui.ui.app import ReferralApp, make_app
from referral_tui.ui.screens.board import BoardScreen, describe_external
from tests.helpers import TODAY, fresh, wait_for

SIZE = (120, 36)
ADD_TWO = """
import sys
from datetime import date
from referral_tui.domain.clock import FixedClock
from referral_tui.store.repository import Repository
repo = Repository(sys.argv[1], FixedClock(date(2026, 3, 9)))
repo.quick_add("Eve Fox @ Acme")
repo.quick_add("Finn Gray @ Beta")
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    repo = fresh(tmp_path / "referrals.json")
    for text in ("Ana Ruiz @ Acme", "Bo Chen @ Acme", "Cy Dow @ Beta"):
        repo.quick_add(text)
    return repo.path


def board(app: ReferralApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def notes(app: ReferralApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_referrers_added_by_another_process_appear_without_a_key(path: Path) -> None:
    app = make_app(Repository(path, FixedClock(TODAY)), poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j")  # the focus is on Bo
        screen = board(app)
        assert screen.focused_column.current is not None and screen.focused_column.current.name == "Bo Chen"
        done = subprocess.run([sys.executable, "-c", ADD_TWO, str(path)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        research = screen.column_for(Phase.RESEARCH)
        await wait_for(pilot, lambda: research.title == "Research (5)", "the two new referrers")
        assert [c.name for c in research.cards][-2:] == ["Eve Fox", "Finn Gray"]
        assert screen.focused_column.current is not None and screen.focused_column.current.name == "Bo Chen"
        # one line per look at the file: "2 referrers added", or "1 referrer added" twice
        await wait_for(pilot, lambda: any("added by another session" in n for n in notes(app)), "the note")


async def test_a_conflict_copy_beside_the_file_shows_in_the_header(path: Path) -> None:
    copy = path.with_name("referrals.sync-conflict-20261130-091502-ABCDEFG.json")
    copy.write_bytes(path.read_bytes())
    app = make_app(Repository(path, FixedClock(TODAY)), poll_interval=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        header = screen.query_one("#board-header")
        await wait_for(pilot, lambda: "1 conflict copy" in str(header.render()), "the header mark")
        assert any("referral-tui merge" in n for n in notes(app))


def test_the_one_line_names_what_came_in() -> None:
    change = ExternalChange(
        added={"contacts": {"4", "5"}, "companies": {"3"}},
        changed={"contacts": {"1"}, "followups": {"2", "3"}},
        removed={},
    )
    assert describe_external(change) == (
        "2 referrers added, 1 referrer changed, 1 company added, 2 follow-ups changed by another session."
    )
    assert (
        describe_external(ExternalChange(changed={"interactions": {"9"}})) == "the history changed by another session."
    )
    assert describe_external(ExternalChange()) == ""
