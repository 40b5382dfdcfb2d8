"""Open roles seen at a company: the timing signals of METHOD.md.

``Company.open_roles`` holds dicts (``title``, ``url``, ``seen`` as YYYY-MM-DD, ``status``);
that stored shape stays. A role counts as a *current* signal while it is open and was seen
in the last ``ROLE_MAX_AGE_DAYS`` days: postings older than that are usually filled or stale.
The company form writes roles one per line, ``title | link | YYYY-MM-DD | status``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from referral_tui.domain.clock import ClockError, parse_day
from referral_tui.domain.fields import link_problem

#: Days after which an open role stops counting as a timing signal.
ROLE_MAX_AGE_DAYS = 45


class RoleStatus(StrEnum):
    OPEN = "open"
    APPLIED = "applied"
    CLOSED = "closed"


ROLE_STATUSES: tuple[str, ...] = tuple(s.value for s in RoleStatus)


@dataclass(frozen=True)
class Role:
    """One open role, read from its stored dict."""

    title: str
    url: str
    seen: date | None
    status: RoleStatus

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Role:
        try:
            seen: date | None = date.fromisoformat(str(data.get("seen", "")))
        except ValueError:
            seen = None
        status = RoleStatus._value2member_map_.get(str(data.get("status", "") or RoleStatus.OPEN))
        return cls(
            title=str(data.get("title", "")),
            url=str(data.get("url", "")),
            seen=seen,
            status=status if isinstance(status, RoleStatus) else RoleStatus.OPEN,
        )


def current_roles(open_roles: list[dict[str, str]], today: date, max_age: int = ROLE_MAX_AGE_DAYS) -> list[Role]:
    """The company's roles that still count as timing signals, newest first: open, and seen in
    the last ``max_age`` days (a role with no date seen does not count). The ask form offers
    these as the role."""
    oldest = today - timedelta(days=max_age)
    roles = [Role.from_dict(r) for r in open_roles]
    current = [r for r in roles if r.status is RoleStatus.OPEN and r.seen is not None and r.seen >= oldest]
    return sorted(current, key=lambda r: r.seen or today, reverse=True)


def parse_roles(text: str, today: date) -> tuple[list[dict[str, str]], str | None]:
    """Open roles, one per line: ``title | link | YYYY-MM-DD | status`` (only the title is required)."""
    roles: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 4:
            return [], f"line {number}: use at most 4 parts: title | link | date seen | status"
        title, url, seen, status = (parts + ["", "", "", ""])[:4]
        if not title:
            return [], f"line {number}: the role title is empty"
        if link_problem(url):
            return [], f"line {number}: '{url}' is not a web link (https://...)"
        try:
            seen_day = parse_day(seen, "the date seen") if seen else today
        except ClockError as exc:
            return [], f"line {number}: {exc}"
        status = status.lower() or RoleStatus.OPEN.value
        if status not in ROLE_STATUSES:
            return [], f"line {number}: status '{status}' is not one of {', '.join(ROLE_STATUSES)}"
        roles.append({"title": title, "url": url, "seen": seen_day.isoformat(), "status": status})
    return roles, None


def roles_text(roles: list[dict[str, Any]]) -> str:
    """The stored roles as the company form's lines (``parse_roles`` reads them back)."""
    return "\n".join(
        " | ".join(
            [str(r.get("title", "")), str(r.get("url", "")), str(r.get("seen", "")), str(r.get("status", "open"))]
        )
        for r in roles
    )
