"""The 12+ gate in front of the Ask column, for every way a person can get there.

A move on the board asks the user to confirm a referrer under 12 (``matrix.gate_reason``);
quick-add's ``!ask`` and ``import ... --phase ask`` have nobody to ask, so they refuse unless
forced. A person quick-added or imported is new, so never scored: always under the gate.
"""

from __future__ import annotations

from referral_tui.domain.enums import Phase
from referral_tui.domain.matrix import ASK_THRESHOLD, gate_reason


class BelowThreshold(ValueError):
    """Putting someone in Ask who does not clear the 12+ gate, without forcing it."""


def move_reason(total: int | None, target: Phase | None) -> str | None:
    """Why moving a referrer with ``total`` into ``target`` needs the user's say-so, or None."""
    return gate_reason(total) if target is Phase.ASK else None


def check(name: str, total: int | None, target: Phase | None, force: bool = False) -> None:
    """Raise BelowThreshold when ``name`` would land in Ask under the gate and ``force`` is off."""
    why = move_reason(total, target)
    if why is not None and not force:
        raise BelowThreshold(
            f"{name} {why}: the method asks only referrers who total {ASK_THRESHOLD} or more. "
            "Add them in Timing and score them first (or force it)"
        )


def check_new_people(target: Phase | None, force: bool = False) -> None:
    """New people (an import, a quick-add) are not scored: refuse Ask unless forced."""
    if target is Phase.ASK and not force:
        raise BelowThreshold(
            f"new contacts are not scored yet, and the {ASK_THRESHOLD}+ gate lets into Ask only referrers who "
            f"total {ASK_THRESHOLD} or more: import them into timing (or the network), score them, then move them to Ask"
        )
