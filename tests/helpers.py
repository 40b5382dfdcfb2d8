"""Helpers shared by the tests: opening repositories, editing records, waiting on conditions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

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
