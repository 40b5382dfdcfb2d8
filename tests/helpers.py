"""Helpers shared by the tests: opening repositories, editing records, checking commands and
screens, waiting on conditions (never on fixed sleeps)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Company, Contact, Phase
from referral_tui.store.repository import Repository
from referral_tui.ui.app import ReferralApp
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.widgets.card_column import CardColumn

TODAY = date(2026, 3, 9)

#: The ``cli`` fixture (conftest.py): runs the installed ``referral-tui`` with these arguments.
CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def fresh(source: Path | Repository, today: date = TODAY) -> Repository:
    """A new session on a data file (another SSH login, or the same one after a restart): what
    another process would read. ``source`` is the file, or a repository open on it."""
    path = source.path if isinstance(source, Repository) else source
    return Repository(path, FixedClock(today))


def undo_text(repo: Repository) -> str | None:
    """What ``repo.undo()`` says it undid (None when there was nothing to undo)."""
    result = repo.undo()
    return None if result is None else result.description


def edit_contact(repo: Repository, contact_id: int, **changes: Any) -> Contact:
    """Save some fields of a referrer, as a form that changed only those would."""
    return repo.save(replace(repo.contact(contact_id), **changes))


def edit_company(repo: Repository, company_id: int, **changes: Any) -> Company:
    return repo.save(replace(repo.company(company_id), **changes))


# -- commands and files ----------------------------------------------------------------------


def assert_one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """A refused command: non-zero exit, no traceback, nothing on stdout, one ``referral-tui: error:`` line."""
    assert proc.returncode != 0, proc
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.stdout == "", proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("referral-tui: error:"), proc.stderr
    return lines[0]


def snapshot(folder: Path, *, with_locks: bool = False) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name -> bytes), to prove nothing was touched.

    Empty ``<file>.lock`` files are left out unless ``with_locks``: opening a data file may
    create one, and it holds no data.
    """
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (with_locks or not (p.name.endswith(".lock") and p.stat().st_size == 0))
    }


# -- the app's screens -----------------------------------------------------------------------


S = TypeVar("S", bound=Screen[Any])


def on_screen(app: App[Any], kind: type[S]) -> S:
    """The screen on top, which must be a ``kind``."""
    screen = app.screen
    assert isinstance(screen, kind), screen
    return screen


async def open_from_board(pilot: Pilot[Any], key: str, kind: type[S], ready: Callable[[S], object], what: str) -> S:
    """Press ``key``, wait for a ``kind`` screen on top, then for ``ready(screen)`` (its
    worker's result): ``what`` names it in a timeout."""
    await pilot.pause()
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), f"the {what} screen")
    screen = on_screen(pilot.app, kind)
    await wait_for(pilot, lambda: ready(screen), f"the {what} to be computed")
    return screen


def board(app: App[Any]) -> BoardScreen:
    """The board, which must be the current screen."""
    return on_screen(app, BoardScreen)


def option_prompts(listing: OptionList) -> list[str]:
    """Every option of a list, as shown."""
    return [str(listing.get_option_at_index(n).prompt) for n in range(listing.option_count)]


def column(app: App[Any], phase: Phase) -> CardColumn:
    """The board's column for ``phase``."""
    return board(app).column_for(phase)


def text_of(app: App[Any], selector: str) -> str:
    """What the Static at ``selector`` on the current screen shows."""
    return str(app.screen.query_one(selector, Static).render())


def notices(app: App[Any]) -> list[str]:
    """Every notification's text, oldest first."""
    return [str(n.message) for n in app._notifications]


# -- waiting on conditions (never on fixed sleeps) -----------------------------------------

POLL = 0.01


async def wait_for(pilot: Pilot[Any], condition: Callable[[], object], what: str = "", timeout: float = 10.0) -> None:
    """Let the app (and its writer thread) run until ``condition()`` holds, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what or condition}")
        await pilot.pause(POLL)


async def saved(pilot: Pilot[Any]) -> None:
    """Wait until the app's writer thread has written every change: what another session reads.

    A change shows on screen at once and is written a moment later (store/writer.py), so a
    test reads the file (``fresh(repo)``) only after this; it does what ``pilot.pause()`` does first.
    """
    app = pilot.app
    assert isinstance(app, ReferralApp), app
    engine = app.session.repo.engine
    await pilot.pause()  # the app handles what is queued (a key's change) first
    await wait_for(pilot, lambda: not engine.dirty or app.writer.fatal, "the writer to save every change")


def wait_until(condition: Callable[[], object], what: str = "", timeout: float = 10.0) -> None:
    """The same outside an app (another process, a thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what or condition}")
        time.sleep(POLL)


# -- another session holding the lock ------------------------------------------------------

HOLDER = """
import sys
from filelock import FileLock

lock = FileLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
"""


@contextmanager
def lock_held_elsewhere(db_path: Path) -> Iterator[None]:
    """Another process holds ``<file>.lock`` until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path.with_name(db_path.name + ".lock"))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        line = holder.stdout.readline()
        assert line.strip() == "locked", holder.stderr.read() if holder.stderr else line
        yield
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.communicate(timeout=30)
