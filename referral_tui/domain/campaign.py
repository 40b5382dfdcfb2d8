"""The campaign as a whole: per-company coverage, the method's shape warnings, the four-week plan.

Pure functions over records, so the companies screen, the board header and the plan
screen agree, and unit tests reach the rules directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from referral_tui.domain.matrix import clears_threshold
from referral_tui.domain.records import Ask, Company, Contact, FollowUp, Interaction, Phase

MIN_TARGETS, MAX_TARGETS = 5, 10
MIN_REFERRERS, MAX_REFERRERS = 2, 3
CLOSED_ASK_STATUSES = {"offer", "rejected", "no_response", "withdrawn"}


@dataclass(frozen=True)
class CompanyRow:
    company: Company
    referrers: int
    strong: int  # referrers scoring 12+
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
        if cid is not None and a.status not in CLOSED_ASK_STATUSES:
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
    return [r for r in rows if r.company.status == "target" and not r.company.archived]


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
            warnings.append(f"{r.company.name}: nobody scores 12+ yet")
    return warnings


@dataclass(frozen=True)
class WeekPlan:
    week: int
    title: str
    progress: list[str]
    done: bool


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
) -> Plan:
    """Progress through the method's four-week plan, computed from the data, and the next step."""
    targets = active_targets(rows)
    target_ids = {r.company.id for r in targets}
    board = [c for c in contacts if c.phase is not None and not c.archived]
    at_targets = [c for c in board if c.company_id in target_ids]
    scored = [c for c in board if c.scores]
    engaged_ids = {i.contact_id for i in interactions if i.kind != "asked"}
    started = [c for c in board if c.id in engaged_ids]
    value_ids = {i.contact_id for i in interactions if i.gave_value}
    conversations = {i.contact_id for i in interactions if i.kind in ("call", "event")}
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
            ],
            bool(board) and len(scored) == len(board),
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
