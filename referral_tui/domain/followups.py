"""What happens when a follow-up is done, snoozed or skipped, and when the user logs contact.

Pure rules: each function returns the records to save; the repository saves them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from referral_tui.domain import schedule
from referral_tui.domain.records import FollowUp, FollowUpStatus, Interaction, InteractionKind

#: The interaction that doing each follow-up amounts to: (kind, summary, value given).
DONE_AS: dict[str, tuple[InteractionKind, str, bool]] = {
    schedule.WEEK2.kind: (InteractionKind.CHECKIN, "Week-2 check-in: asked whether the referral was submitted", False),
    schedule.WEEK3.kind: (InteractionKind.UPDATE, "Week-3 update on the application, and thanks", False),
    schedule.WEEK4.kind: (InteractionKind.VALUE, "Week-4: shared an insight or resource", True),
    schedule.MONTHLY.kind: (InteractionKind.CHECKIN, "Monthly check-in", False),
    schedule.EVENT.kind: (InteractionKind.MESSAGE, "Followed up after the event", True),
}

MAX_SNOOZE_DAYS = 90


class FollowUpError(ValueError):
    """A follow-up action that does not apply (already done, bad snooze length...)."""


def _require_open(followup: FollowUp) -> None:
    if not followup.is_open:
        raise FollowUpError(f"this follow-up is already {followup.status}")


def done(followup: FollowUp, day: date) -> tuple[FollowUp, Interaction, FollowUp | None]:
    """The follow-up marked done, the interaction it logs, and the next monthly check-in if due."""
    _require_open(followup)
    kind, summary, gave_value = DONE_AS.get(followup.kind, (InteractionKind.CHECKIN, "Follow-up done", False))
    closed = replace(followup, status=FollowUpStatus.DONE, done_on=day)
    interaction = Interaction(
        contact_id=followup.contact_id, day=day, kind=kind, summary=summary, gave_value=gave_value
    )
    return closed, interaction, _next_monthly(followup, day)


def skip(followup: FollowUp, reason: str, day: date) -> tuple[FollowUp, FollowUp | None]:
    """The follow-up marked skipped (a reason is required) and, for a monthly one, the next."""
    _require_open(followup)
    if not reason.strip():
        raise FollowUpError("say why you skip it (the coach uses the reason)")
    return replace(followup, status=FollowUpStatus.SKIPPED, skip_reason=reason.strip(), done_on=day), _next_monthly(
        followup, day
    )


def snooze(followup: FollowUp, today: date, days: int) -> FollowUp:
    """Push the follow-up ``days`` past today (or past its due day if that is later)."""
    _require_open(followup)
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise FollowUpError(f"snooze for 1 to {MAX_SNOOZE_DAYS} days, not {days}")
    start = max(followup.due, today)
    return replace(followup, due=start + timedelta(days=days), original_due=followup.original_due or followup.due)


def _next_monthly(followup: FollowUp, day: date) -> FollowUp | None:
    if followup.kind != schedule.MONTHLY.kind:
        return None
    step = schedule.MONTHLY
    return FollowUp(
        contact_id=followup.contact_id,
        ask_id=followup.ask_id,
        kind=step.kind,
        due=schedule.next_monthly(day),  # a month after the contact, like any contact (reset_monthly_clock)
        template=step.template,
    )


def reset_monthly_clock(open_followups: list[FollowUp], contact_day: date) -> list[FollowUp]:
    """Any contact with a referrer restarts their monthly clock: open monthly check-ins move
    to a month after that contact, never earlier than they already were."""
    moved = []
    for f in open_followups:
        if f.kind == schedule.MONTHLY.kind and f.is_open:
            new_due = schedule.next_monthly(contact_day)
            if new_due > f.due:
                moved.append(replace(f, due=new_due))  # a new schedule, not a snooze: no original_due
    return moved
