"""What every screen shares: the repository, the clock, and one way to save and undo.

A change applies to memory at once and the writer thread saves it (see store/writer.py),
so ``save`` returns at once with the new record; what the writer finds later (a field
another session changed, a disk error) comes back to the app as a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from referral_tui.config import Config
from referral_tui.domain.clock import Clock
from referral_tui.store.errors import StoreError
from referral_tui.store.patches import Conflict
from referral_tui.store.repository import Repository, UndoResult
from referral_tui.store.writer import Writer

T = TypeVar("T")
FLUSH_TIMEOUT = 10.0


@dataclass
class Session:
    repo: Repository
    clock: Clock
    notify: Callable[..., Any]
    config: Config = field(default_factory=Config)
    writer: Writer | None = None

    @property
    def today(self) -> date:
        return self.clock.today()

    def save(self, change: Callable[[Repository], T]) -> T | None:
        """Run one change; a store error (a record gone, or, without a writer, a failed save)
        becomes a notification. Returns None when nothing was saved, so callers leave the
        screen as it was. A field another session changed meanwhile keeps its value, and
        the user is told which."""
        try:
            result = change(self.repo)
        except (StoreError, OSError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return None
        self.report_conflicts(self.repo.engine.last_conflicts)
        return result

    def report_conflicts(self, conflicts: list[Conflict], verb: str = "Kept") -> None:
        lines = self.repo.explain_conflicts(conflicts)
        if lines:
            self.notify(f"{verb} another session's " + "; ".join(lines) + ".", severity="warning", timeout=10)

    def undo(self) -> bool:
        """Undo the newest change and say what it was; True if something was undone."""
        return self._replay(self.repo.undo, "Undid", "Nothing to undo.")

    def redo(self) -> bool:
        """Redo the newest undone change; True if something was redone."""
        return self._replay(self.repo.redo, "Redid", "Nothing to redo.")

    def _replay(self, step: Callable[[], UndoResult | None], verb: str, nothing: str) -> bool:
        try:
            result = step()
        except (StoreError, OSError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return False
        if result is None:
            self.notify(nothing, severity="warning")
            return False
        left = self.repo.explain_conflicts(result.left_alone)
        extra = f" Left alone (another session changed them since): {'; '.join(left)}." if left else ""
        self.notify(f"{verb}: {result.description}.{extra}", severity="warning" if left else "information")
        return True

    def flush(self, timeout: float = FLUSH_TIMEOUT) -> bool:
        """Write every pending change now (quitting); False if some could not be saved."""
        if self.writer is not None:
            return self.writer.flush(timeout)
        try:
            self.repo.flush()
        except (StoreError, OSError):
            return False
        return True
