"""Today: one ordered list of what to do now, for the ``T`` screen and ``referral-tui today``.

The rows, in this order (``GROUPS``), each group sorted as its comment says:

1. follow-ups overdue (oldest first);
2. follow-ups due today;
3. event follow-ups inside their 48 hours (due today or tomorrow);
4. coach findings with a one-step fix (in the coach's rule order);
5. timing signals: a current open role at a company where a referrer is in Timing (newest
   role first), then Relationship referrers built enough to move on (``rhythm``; newest
   interaction first);
6. job changes an import found and the user has not acknowledged (newest first);
7. board referrers with no interaction for ``stay_in_touch_days`` (longest silence first).

A row says why it is there in one line, whom it acts on, its date, what "do" means for it
(``Do``), which template drafts its message, and a stable ``key``. Follow-up rows are
snoozed and skipped as follow-ups; any other row through a ``TodaySnooze`` on its key. A
key names the row's occasion (the role, the change, the last interaction), so a skipped
row comes back only when something new happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from referral_tui.domain import followups as followup_rules
from referral_tui.domain import rhythm, schedule
from referral_tui.domain.coach import review
from referral_tui.domain.coach_data import Data, Finding, Fix, plural, when
from referral_tui.domain.matrix import clears_threshold, gate_reason
from referral_tui.domain.records import (
    AskStatus,
    CompanyStatus,
    Contact,
    FollowUp,
    FollowUpKind,
    InteractionKind,
    Phase,
    TodaySnooze,
    order_key,
)
from referral_tui.domain.rhythm import STAY_IN_TOUCH_DAYS
from referral_tui.domain.roles import ROLE_MAX_AGE_DAYS, current_roles


class RowKind(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    EVENT = "event"
    COACH = "coach"
    ROLE = "role"
    READY = "ready"
    JOB_CHANGE = "job_change"
    STAY_IN_TOUCH = "stay_in_touch"

    @property
    def label(self) -> str:
        """What kind of thing to do, in a word or two (the first column of ``referral-tui today``)."""
        return _ROW_LABELS[self]


_ROW_LABELS: dict[RowKind, str] = {
    RowKind.OVERDUE: "Overdue",
    RowKind.DUE: "Due today",
    RowKind.EVENT: "After event",
    RowKind.COACH: "Coach",
    RowKind.ROLE: "Open role",
    RowKind.READY: "Move on",
    RowKind.JOB_CHANGE: "New job",
    RowKind.STAY_IN_TOUCH: "Stay in touch",
}

#: The order of the groups on Today.
GROUPS: tuple[RowKind, ...] = tuple(RowKind)


class Do(StrEnum):
    """What "do" (``d``) means for a row."""

    DONE = "done"  # mark the follow-up done (repo.complete_followup; ``answers`` if any)
    LOG = "log"  # log an interaction of ``log_kind`` (repo.log_interaction)
    ASK = "ask"  # open the ask form, offering ``role_title`` / ``role_url``
    PACKET = "packet"  # open the ask's context packet (repo.edit_packet)
    RESEARCH = "research"  # open the company's research form
    SCORE = "score"  # open the scoring form
    MOVE = "move"  # move the referrer to ``target`` (with coach.before_move)
    SEEN = "seen"  # acknowledge the job change (repo.acknowledge_job_change)


_FIX_DO: dict[Fix, tuple[Do, str, InteractionKind | None]] = {
    Fix.PACKET: (Do.PACKET, "referral_ask", None),
    Fix.RESEARCH: (Do.RESEARCH, "", None),
    Fix.LOG_VALUE: (Do.LOG, "week4_insight", InteractionKind.VALUE),
    Fix.SCORE: (Do.SCORE, "", None),
}


@dataclass(frozen=True)
class Row:
    kind: RowKind
    key: str
    why: str
    day: date
    do: Do
    contact_id: int | None
    name: str = ""
    ask_id: int | None = None
    followup_id: int | None = None
    company_id: int | None = None
    template: str = ""
    log_kind: InteractionKind | None = None
    role_title: str = ""
    role_url: str = ""
    target: Phase | None = None
    #: For a week-2 check-in: the answers marking it done asks for, and the status each records.
    answers: tuple[tuple[str, AskStatus | None], ...] = ()

    @property
    def snoozable(self) -> bool:
        """Snoozed and skipped through a TodaySnooze (a follow-up row is snoozed as a follow-up)."""
        return self.followup_id is None


def _ref(uid: str, record_id: int) -> str:
    return uid or str(record_id)


def hidden_keys(snoozes: Iterable[TodaySnooze], today: date) -> set[str]:
    """Keys of rows put off past today or skipped for good."""
    return {s.key for s in snoozes if s.until is None or s.until > today}


def _followup_row(d: Data, f: FollowUp, kind: RowKind) -> Row:
    label = schedule.label(f.kind)
    name = d.name(f.contact_id)
    if kind is RowKind.OVERDUE:
        why = f"{name} · {label} (due {when(f.due)}, {plural((d.today - f.due).days, 'day')} late)"
    elif kind is RowKind.EVENT:
        why = f"Follow up with {name} within 48 hours of meeting them (by {when(f.due)})"
    else:
        why = f"{name} · {label} (due today)"
    step = schedule.STEPS.get(f.kind)
    answers = followup_rules.WEEK2_ANSWERS if followup_rules.needs_answer(f) else ()
    return Row(
        kind,
        f"followup:{_ref(f.uid, f.id)}",
        why,
        f.due,
        Do.DONE,
        f.contact_id,
        name=name,
        ask_id=f.ask_id,
        followup_id=f.id,
        template=f.template or (step.template if step else ""),
        answers=answers,
    )


def followup_rows(d: Data) -> list[Row]:
    """Groups 1-3: follow-ups overdue, due today, and event follow-ups inside their 48 hours."""
    open_items = followup_rules.by_due(f for f in d.all_followups() if f.is_open)
    tomorrow = d.today + timedelta(days=1)
    overdue = [_followup_row(d, f, RowKind.OVERDUE) for f in open_items if f.due < d.today]
    due = [
        _followup_row(d, f, RowKind.DUE) for f in open_items if f.due == d.today and f.kind is not FollowUpKind.EVENT
    ]
    event = [
        _followup_row(d, f, RowKind.EVENT)
        for f in open_items
        if f.kind is FollowUpKind.EVENT and d.today <= f.due <= tomorrow
    ]
    return overdue + due + event


def coach_rows(d: Data, findings: Iterable[Finding]) -> list[Row]:
    """Group 4: each finding that has a one-step fix, once."""
    rows: dict[str, Row] = {}
    asks = {a.id: a for a in d.asks}
    for f in findings:
        if f.fix is None:
            continue
        do, template, log_kind = _FIX_DO[f.fix]
        ask = asks.get(f.ask_id) if f.ask_id is not None else None
        contact = d.contacts.get(f.contact_id) if f.contact_id is not None else None
        subject = _ref(ask.uid, ask.id) if ask else (_ref(contact.uid, contact.id) if contact else "campaign")
        key = f"coach:{f.rule}:{subject}"
        rows.setdefault(
            key,
            Row(
                RowKind.COACH,
                key,
                f"{f.title}: {f.evidence}",
                ask.day if ask else d.today,
                do,
                f.contact_id,
                name=contact.name if contact else "",
                ask_id=f.ask_id,
                company_id=f.company_id,
                template=template,
                log_kind=log_kind,
            ),
        )
    return list(rows.values())


def _asked_for(d: Data, contact_id: int, title: str, url: str) -> bool:
    return any(
        a.contact_id == contact_id and (a.role_title.casefold() == title.casefold() or (url and a.role_url == url))
        for a in d.asks
    )


def role_rows(d: Data, max_age: int = ROLE_MAX_AGE_DAYS) -> list[Row]:
    """Group 5a: for each referrer in Timing, the newest current open role at their company
    that they have not been asked about."""
    rows: list[Row] = []
    for c in sorted(d.contacts.values(), key=lambda c: order_key(c.id)):
        company = d.company_of(c.id)
        if c.phase is not Phase.TIMING or company is None or company.archived:
            continue
        if company.status is CompanyStatus.DROPPED:
            continue
        roles = [
            r for r in current_roles(company.open_roles, d.today, max_age) if not _asked_for(d, c.id, r.title, r.url)
        ]
        role = roles[0] if roles else None
        if role is None or role.seen is None:
            continue
        ready = clears_threshold(c.total)
        score = f"scores {c.total}: ask them about it" if ready else f"{gate_reason(c.total)}: score them before asking"
        rows.append(
            Row(
                RowKind.ROLE,
                f"role:{_ref(c.uid, c.id)}:{role.url or role.title.casefold()}",
                f"{role.title} is open at {company.name} (seen {when(role.seen)}); {c.name} is in Timing and {score}",
                role.seen,
                Do.ASK if ready else Do.SCORE,
                c.id,
                name=c.name,
                company_id=company.id,
                template="referral_ask" if ready else "",
                role_title=role.title,
                role_url=role.url,
            )
        )
    return sorted(rows, key=lambda r: r.day, reverse=True)


def ready_rows(d: Data) -> list[Row]:
    """Group 5b: Relationship referrers whose engagement is enough to move on to Timing."""
    rows: list[tuple[date, Row]] = []
    for c in sorted(d.contacts.values(), key=lambda c: order_key(c.id)):
        if c.phase is not Phase.RELATIONSHIP:
            continue
        built = rhythm.engagement(d.interactions.get(c.id, []))
        if not built.ready or built.last is None:
            continue
        row = Row(
            RowKind.READY,
            f"ready:{_ref(c.uid, c.id)}",
            f"{c.name}: {built.text()}, enough to move to Timing and watch for an opening",
            built.last,
            Do.MOVE,
            c.id,
            name=c.name,
            company_id=c.company_id,
            target=Phase.TIMING,
        )
        rows.append((built.last, row))
    return [r for _, r in sorted(rows, key=lambda pair: pair[0], reverse=True)]


def _changed_on(c: Contact) -> date | None:
    try:
        return date.fromisoformat(c.employer_changed_on)
    except ValueError:
        return None


def job_change_rows(d: Data) -> list[Row]:
    """Group 6: people an import found at a new employer, not acknowledged yet."""
    rows = []
    for c in d.contacts.values():
        day = _changed_on(c)
        if not c.job_change_unseen or day is None:
            continue
        was = f" from {c.previous_employer}" if c.previous_employer else ""
        rows.append(
            Row(
                RowKind.JOB_CHANGE,
                f"job:{_ref(c.uid, c.id)}:{c.employer_changed_on}",
                f"{c.name} moved{was} to {c.employer or 'a new employer'}: congratulate them",
                day,
                Do.SEEN,
                c.id,
                name=c.name,
                company_id=c.company_id,
                template="job_change",
            )
        )
    return sorted(rows, key=lambda r: (r.day, r.name), reverse=True)


def stay_in_touch_rows(d: Data, days: int = STAY_IN_TOUCH_DAYS, skip: set[int] | None = None) -> list[Row]:
    """Group 7: referrers on the board past Research, with no open follow-up (the schedule
    covers those) and no interaction for ``days`` days; ``skip`` holds people already on Today."""
    skip = skip or set()
    covered = {f.contact_id for f in d.all_followups() if f.is_open}
    rows: list[tuple[date, Row]] = []
    for c in d.contacts.values():
        if c.phase in (None, Phase.RESEARCH) or c.id in covered or c.id in skip:
            continue
        last = rhythm.last_contact(d.interactions.get(c.id, []))
        if last is None or (d.today - last).days < days:
            continue
        row = Row(
            RowKind.STAY_IN_TOUCH,
            f"stay:{_ref(c.uid, c.id)}:{last.isoformat()}",
            f"No contact with {c.name} for {plural((d.today - last).days, 'day')} (last on {when(last)}): say hello",
            last + timedelta(days=days),
            Do.LOG,
            c.id,
            name=c.name,
            company_id=c.company_id,
            template="monthly_checkin",
            log_kind=InteractionKind.CHECKIN,
        )
        rows.append((last, row))
    return [r for _, r in sorted(rows, key=lambda pair: (pair[0], order_key(pair[1].contact_id or 0)))]


def agenda(
    d: Data,
    snoozes: Iterable[TodaySnooze] = (),
    *,
    stay_in_touch_days: int = STAY_IN_TOUCH_DAYS,
    role_max_age: int = ROLE_MAX_AGE_DAYS,
    findings: Iterable[Finding] | None = None,
) -> list[Row]:
    """Today's rows in the order of the module docstring, without the snoozed and skipped
    ones. ``findings`` is the coach's review when the caller has it already."""
    hidden = hidden_keys(snoozes, d.today)
    found = review(d) if findings is None else findings
    first = [
        *followup_rows(d),
        *coach_rows(d, found),
        *role_rows(d, role_max_age),
        *ready_rows(d),
        *job_change_rows(d),
    ]
    busy = {r.contact_id for r in first if r.contact_id is not None}  # a snoozed row still speaks for them
    out = [*first, *stay_in_touch_rows(d, stay_in_touch_days, busy)]
    return [r for r in out if r.key not in hidden]
