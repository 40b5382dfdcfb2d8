"""What every screen shares: the repository, the clock, and one way to save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from referral_tui.config import Config
from referral_tui.domain.clock import Clock
from referral_tui.store.errors import StoreError
from referral_tui.store.repository import Repository

T = TypeVar("T")


@dataclass
class Session:
    repo: Repository
    clock: Clock
    notify: Callable[..., Any]
    config: Config = field(default_factory=Config)
    #: Saves queued by a screen that already showed their result (see ``defer``).
    pending: list[tuple[Callable[[Repository], Any], Callable[[], None]]] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.clock.today()

    def defer(self, change: Callable[[Repository], Any], undo_screen: Callable[[], None]) -> None:
        """Queue a change whose result the screen shows already; ``flush`` saves it.

        The board moves a card on screen first and saves right after the repaint, so the
        key feels instant. Every other save, read for an action, and quitting flush first,
        so the order of changes is kept; if a queued save fails, ``undo_screen`` puts the
        screen back to what is stored.
        """
        self.pending.append((change, undo_screen))

    def flush(self) -> bool:
        """Save every queued change in order; False (and the queue dropped) if one failed."""
        while self.pending:
            change, undo_screen = self.pending.pop(0)
            if self._run(change) is None:
                self.pending.clear()
                undo_screen()
                return False
        return True

    def save(self, change: Callable[[Repository], T]) -> T | None:
        """Run one change (after any queued ones); a store error (busy, damaged, disk full)
        becomes a notification. Returns None when nothing was saved, so callers leave the
        screen as it was.
        """
        if not self.flush():
            return None
        return self._run(change)

    def _run(self, change: Callable[[Repository], T]) -> T | None:
        try:
            return change(self.repo)
        except (StoreError, OSError) as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return None

    def undo(self) -> bool:
        """Undo the newest change and say what it was; True if something was undone."""
        what = self.save(lambda repo: repo.undo() or "")
        if what:
            self.notify(f"Undid: {what}.")
            return True
        if what == "":
            self.notify("Nothing to undo.", severity="warning")
        return False
