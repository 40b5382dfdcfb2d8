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

    @property
    def today(self) -> date:
        return self.clock.today()

    def save(self, change: Callable[[Repository], T]) -> T | None:
        """Run one change; a store error (busy, damaged, disk full) becomes a notification.

        Returns None when nothing was saved, so callers leave the screen as it was.
        """
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
