"""Helpers shared by the tests: opening repositories, editing records, waiting on conditions."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Company, Contact
from referral_tui.store.repository import Repository

TODAY = date(2026, 3, 9)


def fresh(path: Path, today: date = TODAY) -> Repository:
    """A new session on ``path`` (another SSH login, or the same one after a restart)."""
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


# -- waiting on conditions (never on fixed sleeps) -----------------------------------------

POLL = 0.01


async def wait_for(pilot: Pilot[Any], condition: Callable[[], object], what: str = "", timeout: float = 10.0) -> None:
    """Let the app (and its writer thread) run until ``condition()`` holds, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what or condition}")
        await pilot.pause(POLL)


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
