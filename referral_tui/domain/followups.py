"""What happens when a follow-up is done, snoozed or skipped, when the user logs contact, and
when an ask's outcome changes.

Pure rules: each function returns the records to save; the repository saves them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from referral_tui.domain import schedule
from referral_tui.domain.records import (
    Ask,
    AskStatus,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    order_key,
)

#: The interaction that doing each follow-up amounts to: (kind, summary, value given).
DONE_AS: dict[str, tuple[InteractionKind, str, bool]] = {
    schedule.WEEK2.kind: (InteractionKind.CHECKIN, "Week-2 check-in: asked whether the referral was submitted", False),
    schedule.WEEK2_THANKS.kind: (InteractionKind.CHECKIN, "Week-2 check-in: thanked them, said where it stands", False),
    schedule.WEEK3.kind: (InteractionKind.UPDATE, "Week-3 update on the application, and thanks", False),
    schedule.WEEK4.kind: (InteractionKind.VALUE, "Week-4: shared an insight or resource", True),
    schedule.MONTHLY.kind: (InteractionKind.CHECKIN, "Monthly check-in", False),
    schedule.OUTCOME.kind: (InteractionKind.THANKS, "Told them how it ended, and thanked them", False),
    schedule.EVENT.kind: (InteractionKind.MESSAGE, "Followed up after the event", True),
}

MAX_SNOOZE_DAYS = 90

#: ``skip_reason`` of the follow-ups the program closes (status CANCELLED), by cause.
ASK_DELETED = "the ask was deleted"
OUTCOME_MOOT = "the outcome made it moot"

#: The answers a week-2 check-in asks for ("was the referral submitted?") and the ask status
#: each records (None: no change).
WEEK2_ANSWERS: tuple[tuple[str, AskStatus | None], ...] = (
    ("Yes, it was submitted", AskStatus.SUBMITTED),
    ("Not yet", None),
    ("They could not refer me", AskStatus.WITHDRAWN),
)

#: The template of the note on how it ended, by outcome.
OUTCOME_TEMPLATES: dict[AskStatus, str] = {
    AskStatus.OFFER: "outcome_offer",
    AskStatus.REJECTED: "outcome_closed",
    AskStatus.NO_RESPONSE: "outcome_closed",
    AskStatus.WITHDRAWN: "outcome_closed",
}


class FollowUpError(ValueError):
    """A follow-up action that does not apply (already done, bad snooze length...)."""


def _require_open(followup: FollowUp) -> None:
    if not followup.is_open:
        raise FollowUpError(f"this follow-up is already {followup.status}")


def by_due(items: Iterable[FollowUp]) -> list[FollowUp]:
    """Follow-ups in date order (ties in the order they were made): every list of them shows so."""
    return sorted(items, key=lambda f: (f.due, order_key(f.id)))


def needs_answer(followup: FollowUp) -> bool:
    """Marking this done asks the user a question (the week-2 "was it submitted?")."""
    return followup.kind is FollowUpKind.WEEK2 and followup.ask_id is not None


def done(followup: FollowUp, day: date) -> tuple[FollowUp, Interaction, FollowUp | None]:
    """The follow-up marked done, the interaction it logs, and the next monthly check-in if due."""
    _require_open(followup)
    kind, summary, gave_value = DONE_AS.get(followup.kind, (InteractionKind.CHECKIN, "Follow-up done", False))
    closed = replace(followup, status=FollowUpStatus.DONE, done_on=day)
    interaction = Interaction(
        contact_id=followup.contact_id, day=day, kind=kind, summary=summary, gave_value=gave_value
    )
    return closed, interaction, next_monthly(followup, day)


def skip(followup: FollowUp, reason: str, day: date) -> tuple[FollowUp, FollowUp | None]:
    """The follow-up marked skipped (a reason is required) and, for a monthly one, the next."""
    _require_open(followup)
    if not reason.strip():
        raise FollowUpError("say why you skip it (the coach uses the reason)")
    return replace(followup, status=FollowUpStatus.SKIPPED, skip_reason=reason.strip(), done_on=day), next_monthly(
        followup, day
    )


def snooze(followup: FollowUp, today: date, days: int) -> FollowUp:
    """Push the follow-up ``days`` past today (or past its due day if that is later)."""
    _require_open(followup)
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise FollowUpError(f"snooze for 1 to {MAX_SNOOZE_DAYS} days, not {days}")
    start = max(followup.due, today)
    return replace(followup, due=start + timedelta(days=days), original_due=followup.original_due or followup.due)


def next_monthly(followup: FollowUp, day: date) -> FollowUp | None:
    """The monthly check-in that follows a monthly one closed on ``day`` (None for other kinds):
    the monthly clock, a month after the contact like any contact (``reset_monthly_clock``)."""
    if followup.kind != schedule.MONTHLY.kind:
        return None
    step = schedule.MONTHLY
    return FollowUp(
        contact_id=followup.contact_id,
        ask_id=followup.ask_id,
        kind=step.kind,
        due=schedule.next_monthly(day),
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


def _as(followup: FollowUp, step: schedule.Step, template: str | None = None) -> FollowUp:
    return replace(followup, kind=step.kind, template=template or step.template)


def adapt(items: Iterable[FollowUp], ask: Ask) -> list[FollowUp]:
    """The open follow-ups of ``ask`` that its outcome changes (only the changed ones).

    * requested: the week-2 step asks whether the referral was submitted (``WEEK2``);
    * submitted, a recruiter response, screening, interviewing: the week-2 step thanks them
      and says where it stands (``WEEK2_THANKS``);
    * an offer, a rejection, no response or withdrawn: the earliest open weekly step becomes
      the note on how it ended (``OUTCOME``, with the outcome's template), the other weekly
      steps are cancelled, and the monthly rhythm goes on as it was.
    """
    mine = by_due(f for f in items if f.ask_id == ask.id and f.is_open)
    changed: list[FollowUp] = []
    if ask.status.closed:
        template = OUTCOME_TEMPLATES[ask.status]
        note = next((f for f in mine if f.kind is FollowUpKind.OUTCOME), None)
        weekly = [f for f in mine if f.kind in schedule.WEEKLY]
        if note is None and weekly:
            note, weekly = weekly[0], weekly[1:]
        if note is not None and (note.kind is not FollowUpKind.OUTCOME or note.template != template):
            changed.append(_as(note, schedule.OUTCOME, template))
        changed += [replace(f, status=FollowUpStatus.CANCELLED, skip_reason=OUTCOME_MOOT) for f in weekly]
        return changed
    wanted, other = (
        (schedule.WEEK2_THANKS, FollowUpKind.WEEK2)
        if ask.status.submitted
        else (schedule.WEEK2, FollowUpKind.WEEK2_THANKS)
    )
    return [_as(f, wanted) for f in mine if f.kind is other]


def cancel_for_deleted_ask(items: Iterable[FollowUp], ask_id: int) -> list[FollowUp]:
    """An ask deleted (archived): its open follow-ups are cancelled, marked so restore finds them."""
    return [
        replace(f, status=FollowUpStatus.CANCELLED, skip_reason=ASK_DELETED)
        for f in items
        if f.ask_id == ask_id and f.is_open
    ]


def reopen_for_restored_ask(items: Iterable[FollowUp], ask_id: int) -> list[FollowUp]:
    """An ask restored: the follow-ups its deletion cancelled are open again."""
    return [
        replace(f, status=FollowUpStatus.OPEN, skip_reason="")
        for f in items
        if f.ask_id == ask_id and f.status is FollowUpStatus.CANCELLED and f.skip_reason == ASK_DELETED
    ]


def reschedule(items: Iterable[FollowUp], ask: Ask) -> list[FollowUp]:
    """The ask's open follow-ups moved to its (edited) day, as the schedule would have placed
    them: the weekly steps, and the first monthly one while no monthly check-in is closed.
    A snoozed follow-up (``original_due`` set) keeps the day the user chose."""
    mine = [f for f in items if f.ask_id == ask.id]
    monthly_closed = any(f.kind is FollowUpKind.MONTHLY and not f.is_open for f in mine)
    first_monthly = schedule.add_months(schedule.step_due(FollowUpKind.WEEK4, ask.day), 1)
    moved = []
    for f in mine:
        if not f.is_open or f.original_due is not None:
            continue
        if f.kind in schedule.STEP_DAYS:
            due = schedule.step_due(f.kind, ask.day)
        elif f.kind is FollowUpKind.MONTHLY and not monthly_closed:
            due = first_monthly
        else:
            continue
        if due != f.due:
            moved.append(replace(f, due=due))
    return moved
