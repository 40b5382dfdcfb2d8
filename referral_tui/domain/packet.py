"""The context packet: what a referrer needs to say something useful about the user.

METHOD.md: a role link, why this role, 3 to 5 points the referrer can say about the user,
a resume link and a short blurb. The packet is complete when none of the five is missing
(and the points are 3 to 5 of them); ``gaps`` names what is missing, in that order. The ask
form, the coach, the detail screen and the CLI all read this one rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

MIN_POINTS = 3
MAX_POINTS = 5

ROLE_LINK = "role link"
WHY_ROLE = "why this role"
RESUME_LINK = "resume link"
BLURB = "a short blurb"


def points_gap(count: int) -> str:
    """How the points fall short (or over), in the words every screen uses."""
    return f"{MIN_POINTS}-{MAX_POINTS} points they can say about you (have {count})"


def gaps(role_url: str, why_role: str, points: Sequence[str], resume_url: str, blurb: str) -> list[str]:
    """What the context packet still lacks, in the method's order (empty when complete)."""
    missing = []
    if not role_url.strip():
        missing.append(ROLE_LINK)
    if not why_role.strip():
        missing.append(WHY_ROLE)
    count = sum(1 for p in points if p.strip())
    if not MIN_POINTS <= count <= MAX_POINTS:
        missing.append(points_gap(count))
    if not resume_url.strip():
        missing.append(RESUME_LINK)
    if not blurb.strip():
        missing.append(BLURB)
    return missing


def complete(role_url: str, why_role: str, points: Sequence[str], resume_url: str, blurb: str) -> bool:
    return not gaps(role_url, why_role, points, resume_url, blurb)


@dataclass(frozen=True)
class Packet:
    """An ask's context packet on its own, as a form edits it after the ask."""

    role_url: str = ""
    why_role: str = ""
    points: list[str] = field(default_factory=list)
    resume_url: str = ""
    blurb: str = ""

    @property
    def gaps(self) -> list[str]:
        return gaps(self.role_url, self.why_role, self.points, self.resume_url, self.blurb)

    @property
    def complete(self) -> bool:
        return not self.gaps
