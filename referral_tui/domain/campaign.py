"""The campaign as a whole: per-company coverage, the method's shape warnings, the four-week plan.

Pure functions over records, so the companies screen, the board header and the plan
screen agree, and unit tests reach the rules directly. The plan's counters come from the
data; beside them each week has a checklist the user ticks (``CHECKLIST``, ticks stored as
``PlanTick`` records) and week 1 keeps an audit of past referral attempts (``AuditEntry``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from referral_tui.domain.matrix import ASK_THRESHOLD, clears_threshold
from referral_tui.domain.records import (
    CLOSED_ASK_STATUSES,
    Ask,
    AuditEntry,
    Company,
    Contact,
    FollowUp,
    Interaction,
    InteractionKind,
    Phase,
    PlanTick,
)
from referral_tui.domain.rhythm import CONVERSATIONS
from referral_tui.domain.targets import is_target

MIN_TARGETS, MAX_TARGETS = 5, 10
MIN_REFERRERS, MAX_REFERRERS = 2, 3


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do in a week of the plan; ``key`` is what a PlanTick records."""

    key: str
    text: str


#: Each week's checklist, from METHOD.md's four-week plan, in the plan's words.
CHECKLIST: dict[int, tuple[ChecklistItem, ...]] = {
    1: (
        ChecklistItem("w1.attempts", "List your past referral attempts: who, where, what happened"),
        ChecklistItem("w1.lessons", "For each attempt, note what you would do differently"),
        ChecklistItem("w1.relationships", "Review who you already know at companies you want"),
        ChecklistItem("w1.score", "Score the people you know on the matrix"),
    ),
    2: (
        ChecklistItem("w2.targets", f"Choose {MIN_TARGETS} to {MAX_TARGETS} target companies"),
        ChecklistItem("w2.research", "Research each: fit, who decides, its challenges, your angle"),
        ChecklistItem("w2.referrers", f"Find {MIN_REFERRERS} to {MAX_REFERRERS} possible referrers at each"),
        ChecklistItem("w2.people", "Learn about each person: their role, what they post, what you share"),
    ),
    3: (
        ChecklistItem("w3.engage", "Engage with their posts and work, thoughtfully"),
        ChecklistItem("w3.value", "Give each something useful: an insight, a resource, an intro"),
        ChecklistItem("w3.conversations", "Set up first conversations: a short call or coffee"),
    ),
    4: (
        ChecklistItem("w4.ask", f"Make the first ask, to someone who clears {ASK_THRESHOLD}, when the timing is right"),
        ChecklistItem("w4.packet", "Send the complete context packet with it"),
        ChecklistItem("w4.follow_up", "Follow up on schedule: weeks 2, 3, 4, then monthly"),
        ChecklistItem("w4.adjust", "Track what works and adjust the plan"),
    ),
}
CHECKLIST_KEYS: frozenset[str] = frozenset(item.key for items in CHECKLIST.values() for item in items)


class PlanError(ValueError):
    """A checklist item or an audit entry that does not fit (an unknown item, no name)."""


def checklist_item(key: str) -> ChecklistItem:
    """The checklist item with ``key``, or PlanError naming the weeks' items."""
    for items in CHECKLIST.values():
        for item in items:
            if item.key == key:
                return item
    raise PlanError(f"no checklist item '{key}'; items are: {', '.join(sorted(CHECKLIST_KEYS))}")


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    ticked: bool
    day: date | None = None


def ticked(ticks: Iterable[PlanTick]) -> dict[str, PlanTick]:
    """The newest tick of each item (one record per item, but a merge may bring two)."""
    out: dict[str, PlanTick] = {}
    for t in ticks:
        if t.item not in out or (t.updated_at, t.id) >= (out[t.item].updated_at, out[t.item].id):
            out[t.item] = t
    return out


def checklist(week: int, ticks: Iterable[PlanTick] = ()) -> list[ChecklistRow]:
    """One week's checklist with what the user ticked."""
    done = ticked(ticks)
    return [
        ChecklistRow(item, item.key in done and done[item.key].done, done[item.key].day if item.key in done else None)
        for item in CHECKLIST.get(week, ())
    ]


def audit_problem(entry: AuditEntry) -> str | None:
    """What is wrong with an audit entry (it needs at least who it was), or None."""
    if not entry.who.strip():
        return "say who you asked (a name, or a description such as 'an ex-colleague')"
    return None


def audit_lessons(entries: Iterable[AuditEntry]) -> list[str]:
    """What the user said they would change, from the audit (non-empty ones, oldest first)."""
    return [e.what_to_change.strip() for e in entries if not e.archived and e.what_to_change.strip()]


@dataclass(frozen=True)
class CompanyRow:
    company: Company
    referrers: int
    strong: int  # referrers who clear the gate (matrix.clears_threshold)
    research_complete: bool
    open_asks: int
    next_due: date | None


def company_rows(
    companies: Iterable[Company], contacts: Iterable[Contact], asks: Iterable[Ask], followups: Iterable[FollowUp]
) -> list[CompanyRow]:
    board = [c for c in contacts if c.phase is not None and not c.archived]
    by_company: dict[int, list[Contact]] = {}
    for c in board:
        by_company.setdefault(c.company_id or 0, []).append(c)
    company_of = {c.id: c.company_id for c in board}
    open_asks: dict[int, int] = {}
    for a in asks:
        cid = company_of.get(a.contact_id)
        if cid is not None and not a.archived and a.status not in CLOSED_ASK_STATUSES:
            open_asks[cid] = open_asks.get(cid, 0) + 1
    next_due: dict[int, date] = {}
    for f in followups:
        cid = company_of.get(f.contact_id)
        if cid is not None and f.is_open and (cid not in next_due or f.due < next_due[cid]):
            next_due[cid] = f.due
    rows = []
    for company in companies:
        people = by_company.get(company.id, [])
        rows.append(
            CompanyRow(
                company=company,
                referrers=len(people),
                strong=sum(1 for p in people if clears_threshold(p.total)),
                research_complete=company.research_complete,
                open_asks=open_asks.get(company.id, 0),
                next_due=next_due.get(company.id),
            )
        )
    return rows


def active_targets(rows: Iterable[CompanyRow]) -> list[CompanyRow]:
    """The rows of target companies (``targets.is_target``): prospects, paused, dropped and
    archived companies do not count for the plan or the coverage warnings."""
    return [r for r in rows if is_target(r.company)]


def coverage_warnings(rows: list[CompanyRow]) -> list[str]:
    """Where the campaign is off the method's shape (5-10 targets, 2-3 referrers each, a 12+ at each)."""
    targets = active_targets(rows)
    warnings = []
    if len(targets) < MIN_TARGETS:
        warnings.append(f"{len(targets)} active targets; the method works with {MIN_TARGETS}-{MAX_TARGETS}")
    elif len(targets) > MAX_TARGETS:
        warnings.append(f"{len(targets)} active targets; focus on {MIN_TARGETS}-{MAX_TARGETS} (pause some)")
    for r in targets:
        if r.referrers < MIN_REFERRERS:
            warnings.append(
                f"{r.company.name}: {r.referrers} referrer{'s' if r.referrers != 1 else ''}; find {MIN_REFERRERS}-{MAX_REFERRERS}"
            )
        if r.referrers and not r.strong:
            warnings.append(f"{r.company.name}: nobody scores {ASK_THRESHOLD}+ yet")
    return warnings


@dataclass(frozen=True)
class WeekPlan:
    week: int
    title: str
    progress: list[str]
    done: bool
    checklist: list[ChecklistRow] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    start: date | None
    current_week: int | None
    weeks: list[WeekPlan]
    next_step: str
    facts: dict[str, object] = field(default_factory=dict)


def four_week_plan(
    today: date,
    start: date | None,
    rows: list[CompanyRow],
    contacts: list[Contact],
    interactions: list[Interaction],
    asks: list[Ask],
    followups: list[FollowUp],
    *,
    ticks: Iterable[PlanTick] = (),
    audit: Iterable[AuditEntry] = (),
) -> Plan:
    """Progress through the method's four-week plan, computed from the data, with each week's
    checklist as ticked, and the next step."""
    interactions = [i for i in interactions if not i.archived]
    asks = [a for a in asks if not a.archived]
    attempts = [e for e in audit if not e.archived]
    tick_list = list(ticks)
    targets = active_targets(rows)
    target_ids = {r.company.id for r in targets}
    board = [c for c in contacts if c.phase is not None and not c.archived]
    at_targets = [c for c in board if c.company_id in target_ids]
    scored = [c for c in board if c.scores]
    engaged_ids = {i.contact_id for i in interactions if i.kind is not InteractionKind.ASKED}
    started = [c for c in board if c.id in engaged_ids]
    value_ids = {i.contact_id for i in interactions if i.value_given}
    conversations = {i.contact_id for i in interactions if i.kind in CONVERSATIONS}
    researched = [r for r in targets if r.research_complete]
    first_ask = min(asks, key=lambda a: (a.day, a.id)) if asks else None
    n = max(len(targets), MIN_TARGETS)
    low, high = MIN_REFERRERS * n, MAX_REFERRERS * n
    active = {c.id for c in contacts if not c.archived}
    overdue = [f for f in followups if f.is_open and f.due < today and f.contact_id in active]
    names = {c.id: c.name for c in contacts}

    weeks = [
        WeekPlan(
            1,
            "Audit your approach",
            [
                f"referrers scored on the matrix: {len(scored)} of {len(board)}",
                f"interactions logged: {len(interactions)}",
                f"past referral attempts audited: {len(attempts)}",
            ],
            bool(board) and len(scored) == len(board),
            checklist(1, tick_list),
        ),
        WeekPlan(
            2,
            "Research and target",
            [
                f"targets {len(targets)} of {MIN_TARGETS}-{MAX_TARGETS}",
                f"referrers at targets {len(at_targets)} of {low}-{high}",
                f"company research complete {len(researched)} of {len(targets)}",
            ],
            MIN_TARGETS <= len(targets) <= MAX_TARGETS and len(at_targets) >= low and len(researched) == len(targets),
            checklist(2, tick_list),
        ),
        WeekPlan(
            3,
            "Begin relationship building",
            [
                f"relationships started {len(started)}",
                f"referrers you gave value to {len(value_ids)}",
                f"first conversations (calls, events) {len(conversations)}",
            ],
            len(started) >= max(1, len(at_targets) // 2) and bool(value_ids),
            checklist(3, tick_list),
        ),
        WeekPlan(
            4,
            "First strategic ask",
            [
                f"first ask: {first_ask.day:%d %b} ({names.get(first_ask.contact_id, '?')})"
                if first_ask
                else "first ask: not yet",
                f"asks made {len(asks)}; follow-ups overdue {len(overdue)}",
            ],
            first_ask is not None and not overdue,
            checklist(4, tick_list),
        ),
    ]
    week = (today - start).days // 7 + 1 if start and today >= start else None
    return Plan(
        start=start,
        current_week=week,
        weeks=weeks,
        next_step=next_step(today, rows, targets, board, at_targets, started, value_ids, asks, overdue, names),
        facts={"targets": len(targets), "referrers_at_targets": len(at_targets), "started": len(started)},
    )


def next_step(
    today: date,
    rows: list[CompanyRow],
    targets: list[CompanyRow],
    board: list[Contact],
    at_targets: list[Contact],
    started: list[Contact],
    value_ids: set[int],
    asks: list[Ask],
    overdue: list[FollowUp],
    names: dict[int, str],
) -> str:
    """The single most useful thing to do now, in the method's order."""
    if overdue:
        worst = min(overdue, key=lambda f: f.due)
        late = (today - worst.due).days
        return f"Follow up with {names.get(worst.contact_id, 'a referrer')}: due {late} day{'s' if late != 1 else ''} ago (f opens the list)."
    if len(targets) < MIN_TARGETS:
        return f"Add target companies until you have {MIN_TARGETS} to {MAX_TARGETS} (c, then a)."
    thin = [r for r in targets if r.referrers < MIN_REFERRERS]
    if thin:
        return f"Find {MIN_REFERRERS}-{MAX_REFERRERS} referrers at {thin[0].company.name} (a on the board: Name @ {thin[0].company.name})."
    unresearched = [r for r in targets if not r.research_complete]
    if unresearched:
        return f"Finish the research on {unresearched[0].company.name}: fit, decision makers, challenges, your angle (c, enter)."
    not_started = [c for c in at_targets if c not in started]
    if not_started:
        return f"Start building a relationship with {not_started[0].name}: engage with their posts, then log it (i)."
    no_value = [c for c in started if c.id not in value_ids]
    if no_value:
        return f"Give {no_value[0].name} something useful (an insight, a resource, an intro) before any ask."
    ready = [c for c in board if c.phase is Phase.TIMING and clears_threshold(c.total)]
    if ready and not any(a.contact_id == ready[0].id for a in asks):
        return f"{ready[0].name} scores {ready[0].total}: when they know of an opening, make the ask (r)."
    return "Keep the follow-up rhythm: week 2, 3, 4, then monthly; log every contact (i)."
