"""The Referral Tracking Matrix: four 1-5 ratings, a total of 4-20, worth an ask at 12+."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

RATING_MIN = 1
RATING_MAX = 5
ASK_THRESHOLD = 12

#: (field, label, what a 1 means, what a 5 means)
CRITERIA: tuple[tuple[str, str, str, str], ...] = (
    ("relationship", "Relationship strength", "a stranger or a single like", "a trusted friend who vouches for you"),
    (
        "influence",
        "Internal influence",
        "no say in hiring, far from the team",
        "the hiring manager or someone they rely on",
    ),
    ("relevance", "Role relevance", "works far from your target role", "works on the very team you want to join"),
    ("timing", "Timing", "no roles open, hiring frozen", "the team is hiring now and they know it"),
)
CRITERIA_FIELDS: tuple[str, ...] = tuple(c[0] for c in CRITERIA)


class ScoreError(ValueError):
    """A rating is missing or outside 1-5."""


@dataclass(frozen=True)
class ScoreEntry:
    """One dated scoring of a referrer."""

    day: date
    relationship: int
    influence: int
    relevance: int
    timing: int

    def __post_init__(self) -> None:
        for name, label, *_ in CRITERIA:
            value = getattr(self, name)
            if value is None:
                raise ScoreError(f"{label} is missing; give a whole number from {RATING_MIN} to {RATING_MAX}")
            if not isinstance(value, int) or isinstance(value, bool):
                raise ScoreError(f"{label} is {value!r}; give a whole number from {RATING_MIN} to {RATING_MAX}")
            if not RATING_MIN <= value <= RATING_MAX:
                raise ScoreError(f"{label} is {value}; it must be from {RATING_MIN} to {RATING_MAX}")

    @property
    def total(self) -> int:
        return self.relationship + self.influence + self.relevance + self.timing

    @property
    def worth_asking(self) -> bool:
        return clears_threshold(self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), **{name: getattr(self, name) for name in CRITERIA_FIELDS}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreEntry:
        return cls(date.fromisoformat(data["day"]), *(data.get(name) for name in CRITERIA_FIELDS))  # type: ignore[arg-type]


def clears_threshold(total: int | None) -> bool:
    """The method's rule: only referrers totalling 12 or more are worth an ask."""
    return total is not None and total >= ASK_THRESHOLD


#: The board badge's marks: (clears the gate, under it, not scored), Unicode and ASCII.
BADGE_MARKS = {"unicode": ("✓", "✗", "–"), "ascii": ("+", "x", "-")}


def badge(total: int | None, glyphs: str = "unicode") -> str:
    """The matrix badge on a card: a mark as well as a colour, so it reads without colour
    (`` ✓14 ``, `` ✗9 ``, `` – `` unscored); ``glyphs`` "ascii" for the Linux console."""
    good, low, none = BADGE_MARKS.get(glyphs, BADGE_MARKS["unicode"])
    if total is None:
        return f" {none} "
    return f" {good if clears_threshold(total) else low}{total} "


def gate_reason(total: int | None) -> str | None:
    """Why asking this referrer goes against the 12+ rule ("is not scored yet", "scores 9/20"),
    or None when the total clears it. The board's move, quick-add's ``!ask`` and
    ``import --phase ask`` all ask by this."""
    if clears_threshold(total):
        return None
    return "is not scored yet" if total is None else f"scores {total}/20"


def verdict(total: int) -> str:
    """A total against the gate, in a few words ("clears 12", "is under 12")."""
    return f"clears {ASK_THRESHOLD}" if clears_threshold(total) else f"is under {ASK_THRESHOLD}"


THRESHOLD_RULE = f"the method asks only referrers who total {ASK_THRESHOLD} or more on the matrix"


def add_score(history: list[ScoreEntry], entry: ScoreEntry) -> list[ScoreEntry]:
    """A new history with ``entry`` added in date order; a second scoring on one day replaces the first."""
    kept = [s for s in history if s.day != entry.day]
    return sorted([*kept, entry], key=lambda s: s.day)


def series(history: list[ScoreEntry], name: str) -> list[tuple[date, int]]:
    """One rating over time, oldest first (e.g. relationship strength)."""
    if name not in CRITERIA_FIELDS and name != "total":
        raise KeyError(name)
    return [(s.day, s.total if name == "total" else getattr(s, name)) for s in history]
