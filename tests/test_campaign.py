"""Unit tests for the campaign rules: per-company coverage, the shape warnings, the four-week plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from referral_tui.domain.campaign import (
    CompanyRow,
    Plan,
    company_rows,
    coverage_warnings,
    four_week_plan,
)
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import (
    ASK_STATUSES,
    CLOSED_ASK_STATUSES,
    Ask,
    AskStatus,
    Company,
    CompanyStatus,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Phase,
)

TODAY = date(2026, 3, 9)


# -- builders ------------------------------------------------------------------------------


def score(total: int) -> list[ScoreEntry]:
    """One score entry with the given total (4-20)."""
    parts = [total // 4] * 4
    for i in range(total % 4):
        parts[i] += 1
    return [ScoreEntry(TODAY, *parts)]


def company(cid: int, name: str, status: str = "target", researched: bool = False, archived: bool = False) -> Company:
    base = Company(name=name, status=CompanyStatus(status), archived=archived, id=cid)
    if not researched:
        return base
    return replace(base, fit="fits", decision_makers="VP Eng", challenges="scale", my_angle="I scaled")


def person(
    pid: int,
    name: str,
    company_id: int | None,
    phase: Phase | None = Phase.RESEARCH,
    total: int | None = None,
    archived: bool = False,
) -> Contact:
    return Contact(
        name=name,
        company_id=company_id,
        phase=phase,
        scores=score(total) if total is not None else [],
        archived=archived,
        id=pid,
    )


def row_of(rows: list[CompanyRow], name: str) -> CompanyRow:
    return next(r for r in rows if r.company.name == name)


def shaped(
    targets: int, referrers_each: int = 2, total: int | None = 12, researched: bool = True
) -> tuple[list[Company], list[Contact]]:
    """``targets`` target companies, each with ``referrers_each`` referrers scoring ``total``."""
    companies = [company(i, f"Co{i}", researched=researched) for i in range(1, targets + 1)]
    people = [
        person(c.id * 100 + n, f"P{c.id}-{n}", c.id, total=total) for c in companies for n in range(referrers_each)
    ]
    return companies, people


# -- company_rows ----------------------------------------------------------------------------


def test_rows_count_board_referrers_only() -> None:
    companies = [company(1, "Acme"), company(2, "Globex")]
    people = [
        person(1, "On board", 1),
        person(2, "In timing", 1, phase=Phase.TIMING),
        person(3, "Archived", 1, archived=True),
        person(4, "Network", 1, phase=None),
        person(5, "Elsewhere", 2),
        person(6, "No company", None),
    ]
    rows = company_rows(companies, people, [], [])
    assert [r.company.name for r in rows] == ["Acme", "Globex"]
    assert row_of(rows, "Acme").referrers == 2
    assert row_of(rows, "Globex").referrers == 1


def test_rows_count_referrers_scoring_12_or_more() -> None:
    companies = [company(1, "Acme")]
    people = [
        person(1, "Eleven", 1, total=11),
        person(2, "Twelve", 1, total=12),
        person(3, "Twenty", 1, total=20),
        person(4, "Unscored", 1),
        person(5, "Archived twenty", 1, total=20, archived=True),
        person(6, "Network twenty", 1, phase=None, total=20),
    ]
    row = company_rows(companies, people, [], [])[0]
    assert row.referrers == 4
    assert row.strong == 2


def test_rows_research_complete_needs_all_four_areas() -> None:
    done = company(1, "Done", researched=True)
    partial = Company(name="Partial", fit="fits", decision_makers="VP", challenges="scale", my_angle="  ", id=2)
    rows = company_rows([done, partial, company(3, "Empty")], [], [], [])
    assert [r.research_complete for r in rows] == [True, False, False]


def test_rows_open_asks_exclude_closed_statuses() -> None:
    companies = [company(1, "Acme"), company(2, "Globex")]
    people = [
        person(1, "Ann", 1, phase=Phase.ASK),
        person(2, "Ben", 1, phase=Phase.ASK),
        person(3, "Net", 2, phase=None),
    ]
    asks = [Ask(contact_id=1, day=TODAY, status=s, id=n) for n, s in enumerate(AskStatus, 1)]
    asks.append(Ask(contact_id=2, day=TODAY, status=AskStatus.REQUESTED, id=50))
    asks.append(Ask(contact_id=3, day=TODAY, status=AskStatus.REQUESTED, id=51))  # network contact: not counted
    rows = company_rows(companies, people, asks, [])
    open_statuses = len(ASK_STATUSES) - len(CLOSED_ASK_STATUSES)
    assert open_statuses == 5
    assert row_of(rows, "Acme").open_asks == open_statuses + 1
    assert row_of(rows, "Globex").open_asks == 0


@pytest.mark.parametrize("status", sorted(CLOSED_ASK_STATUSES))
def test_rows_each_closed_status_is_not_open(status: AskStatus) -> None:
    rows = company_rows(
        [company(1, "Acme")], [person(1, "Ann", 1, phase=Phase.ASK)], [Ask(1, TODAY, status=status, id=1)], []
    )
    assert rows[0].open_asks == 0


def test_rows_next_due_is_earliest_open_followup() -> None:
    companies = [company(1, "Acme"), company(2, "Globex"), company(3, "Initech")]
    people = [
        person(1, "Ann", 1),
        person(2, "Ben", 1),
        person(3, "Gone", 2, archived=True),
        person(4, "Cat", 3),
    ]
    followups = [
        FollowUp(1, FollowUpKind.WEEK2, date(2026, 3, 20), id=1),
        FollowUp(2, FollowUpKind.WEEK3, date(2026, 3, 12), id=2),
        FollowUp(2, FollowUpKind.WEEK2, date(2026, 3, 1), status=FollowUpStatus.DONE, id=3),  # closed: ignored
        FollowUp(1, FollowUpKind.WEEK4, date(2026, 3, 2), status=FollowUpStatus.SKIPPED, id=4),  # closed: ignored
        FollowUp(3, FollowUpKind.WEEK2, date(2026, 3, 3), id=5),  # archived referrer: ignored
        FollowUp(4, FollowUpKind.WEEK2, date(2026, 3, 5), id=6),  # overdue still counts
    ]
    rows = company_rows(companies, people, [], followups)
    assert row_of(rows, "Acme").next_due == date(2026, 3, 12)
    assert row_of(rows, "Globex").next_due is None
    assert row_of(rows, "Initech").next_due == date(2026, 3, 5)


def test_rows_for_company_without_referrers() -> None:
    row = company_rows([company(1, "Lonely")], [], [], [])[0]
    assert (row.referrers, row.strong, row.research_complete, row.open_asks, row.next_due) == (0, 0, False, 0, None)


# -- coverage_warnings -----------------------------------------------------------------------


def warnings_for(companies: list[Company], people: list[Contact]) -> list[str]:
    return coverage_warnings(company_rows(companies, people, [], []))


def test_fewer_than_five_targets_warned() -> None:
    assert warnings_for(*shaped(4)) == ["4 active targets; the method works with 5-10"]
    assert warnings_for([], []) == ["0 active targets; the method works with 5-10"]


def test_more_than_ten_targets_warned() -> None:
    assert warnings_for(*shaped(11)) == ["11 active targets; focus on 5-10 (pause some)"]


@pytest.mark.parametrize("count", [5, 7, 10])
def test_five_to_ten_well_covered_targets_are_silent(count: int) -> None:
    assert warnings_for(*shaped(count)) == []


@pytest.mark.parametrize(("referrers", "message"), [(0, "0 referrers"), (1, "1 referrer;")])
def test_target_with_fewer_than_two_referrers_warned(referrers: int, message: str) -> None:
    companies, people = shaped(5)
    companies.append(company(99, "Thin"))
    people += [person(9900 + n, f"T{n}", 99, total=15) for n in range(referrers)]
    warnings = warnings_for(companies, people)
    # six targets is fine; only Thin is off (its lone referrer scores 15, so no 12+ warning)
    assert warnings == [f"Thin: {referrers} referrer{'s' if referrers != 1 else ''}; find 2-3"]
    assert message in warnings[0]


def test_target_with_two_referrers_is_silent_on_count() -> None:
    companies, people = shaped(5)
    people = [p for p in people if p.company_id != 1] + [person(1, "A", 1, total=12), person(2, "B", 1, total=9)]
    assert warnings_for(companies, people) == []


def test_target_with_referrers_but_none_at_12_warned() -> None:
    companies, people = shaped(5)
    people = [p for p in people if p.company_id != 3] + [person(1, "A", 3, total=11), person(2, "B", 3)]
    assert warnings_for(companies, people) == ["Co3: nobody scores 12+ yet"]


def test_one_weak_referrer_gives_both_warnings() -> None:
    companies, people = shaped(5)
    people = [p for p in people if p.company_id != 2] + [person(1, "A", 2, total=8)]
    assert warnings_for(companies, people) == ["Co2: 1 referrer; find 2-3", "Co2: nobody scores 12+ yet"]


def test_target_without_referrers_has_no_12_warning() -> None:
    companies, people = shaped(5)
    people = [p for p in people if p.company_id != 4]
    assert warnings_for(companies, people) == ["Co4: 0 referrers; find 2-3"]


def test_paused_dropped_and_archived_companies_are_ignored() -> None:
    companies, people = shaped(5)
    companies += [
        company(50, "Paused", status="paused"),
        company(51, "Dropped", status="dropped"),
        company(52, "Archived", archived=True),
    ]
    people.append(person(5000, "Weak", 50, total=5))
    assert warnings_for(companies, people) == []
    # ...and they do not count toward the 5-10 targets either
    companies, people = shaped(4)
    companies += [company(50, "Paused", status="paused"), company(52, "Archived", archived=True)]
    assert warnings_for(companies, people) == ["4 active targets; the method works with 5-10"]


# -- four_week_plan on a known data set --------------------------------------------------------


def data_set() -> dict[str, list]:  # type: ignore[type-arg]
    companies = [
        company(1, "Acme", researched=True),
        company(2, "Globex"),
        company(3, "Initech", researched=True),
        company(4, "Hooli", status="paused"),
        company(5, "Umbrella", researched=True, archived=True),
    ]
    contacts = [
        person(1, "Ann", 1, phase=Phase.RELATIONSHIP, total=12),
        person(2, "Ben", 1, phase=Phase.ASK, total=14),
        person(3, "Cat", 2),
        person(4, "Dan", 4, total=8),
        person(5, "Eve", 3, phase=None),  # network
        person(6, "Fay", 1, archived=True),
        person(7, "Gus", 5),  # at an archived company
    ]
    interactions = [
        Interaction(1, date(2026, 3, 1), kind=InteractionKind.ENGAGED, id=1),
        Interaction(2, date(2026, 3, 5), kind=InteractionKind.ASKED, id=2),  # an ask alone starts nothing
        Interaction(3, date(2026, 3, 3), kind=InteractionKind.MESSAGE, gave_value=True, id=3),
        Interaction(4, date(2026, 3, 4), kind=InteractionKind.CALL, id=4),
        Interaction(5, date(2026, 3, 6), kind=InteractionKind.EVENT, id=5),  # network contact
    ]
    asks = [
        Ask(1, date(2026, 3, 7), status=AskStatus.REJECTED, id=2),
        Ask(2, date(2026, 3, 5), status=AskStatus.REQUESTED, id=1),
    ]
    followups = [
        FollowUp(2, FollowUpKind.WEEK2, date(2026, 3, 8), id=1),  # overdue by one day
        FollowUp(1, FollowUpKind.WEEK2, date(2026, 3, 1), status=FollowUpStatus.DONE, id=2),  # closed
        FollowUp(1, FollowUpKind.MONTHLY, date(2026, 3, 12), id=3),
        FollowUp(3, FollowUpKind.WEEK2, TODAY, id=4),  # due today: not overdue
    ]
    return {
        "companies": companies,
        "contacts": contacts,
        "interactions": interactions,
        "asks": asks,
        "followups": followups,
    }


def plan_for(data: dict[str, list[Any]], start: date | None = None, today: date = TODAY) -> Plan:
    rows = company_rows(data["companies"], data["contacts"], data["asks"], data["followups"])
    return four_week_plan(today, start, rows, data["contacts"], data["interactions"], data["asks"], data["followups"])


def progress(plan: Plan, week: int) -> list[str]:
    return next(w.progress for w in plan.weeks if w.week == week)


def test_plan_has_the_four_weeks_in_order() -> None:
    plan = plan_for(data_set())
    assert [(w.week, w.title) for w in plan.weeks] == [
        (1, "Audit your approach"),
        (2, "Research and target"),
        (3, "Begin relationship building"),
        (4, "First strategic ask"),
    ]


def test_plan_week1_audit_figures() -> None:
    plan = plan_for(data_set())
    # board: Ann, Ben, Cat, Dan, Gus (not the network Eve, not the archived Fay); scored: Ann, Ben, Dan
    assert progress(plan, 1) == [
        "referrers scored on the matrix: 3 of 5",
        "interactions logged: 5",
        "past referral attempts audited: 0",
    ]
    assert not plan.weeks[0].done


def test_plan_week2_research_and_target_figures() -> None:
    plan = plan_for(data_set())
    # targets: Acme, Globex, Initech; referrers there on the board: Ann, Ben, Cat; n = max(3, 5)
    assert progress(plan, 2) == [
        "targets 3 of 5-10",
        "referrers at targets 3 of 10-15",
        "company research complete 2 of 3",
    ]
    assert plan.facts["targets"] == 3 and plan.facts["referrers_at_targets"] == 3
    assert not plan.weeks[1].done


def test_plan_referrer_range_follows_the_number_of_targets() -> None:
    companies, people = shaped(7)
    plan = plan_for({"companies": companies, "contacts": people, "interactions": [], "asks": [], "followups": []})
    assert progress(plan, 2)[:2] == ["targets 7 of 5-10", "referrers at targets 14 of 14-21"]
    assert plan.weeks[1].done


def test_plan_week3_relationship_figures() -> None:
    plan = plan_for(data_set())
    # started: Ann (engaged), Cat (message), Dan (call); Ben only 'asked'; Eve is not on the board
    assert progress(plan, 3) == [
        "relationships started 3",
        "referrers you gave value to 1",
        "first conversations (calls, events) 2",
    ]
    assert plan.facts["started"] == 3


def test_plan_relationships_started_excludes_asked_interactions() -> None:
    data = data_set()
    data["interactions"] = [Interaction(2, TODAY, kind=InteractionKind.ASKED, id=1)]
    plan = plan_for(data)
    assert progress(plan, 3)[0] == "relationships started 0"
    data["interactions"].append(Interaction(2, TODAY, kind=InteractionKind.THANKS, id=2))
    assert progress(plan_for(data), 3)[0] == "relationships started 1"


def test_plan_week4_first_ask_and_overdue() -> None:
    plan = plan_for(data_set())
    assert progress(plan, 4) == ["first ask: 05 Mar (Ben)", "asks made 2; follow-ups overdue 1"]
    assert not plan.weeks[3].done


def test_plan_week4_without_asks_says_not_yet() -> None:
    data = data_set()
    data["asks"] = []
    data["followups"] = []
    plan = plan_for(data)
    assert progress(plan, 4) == ["first ask: not yet", "asks made 0; follow-ups overdue 0"]
    assert not plan.weeks[3].done


@pytest.mark.parametrize(
    ("start", "week"),
    [
        (TODAY, 1),
        (TODAY - timedelta(days=6), 1),
        (TODAY - timedelta(days=7), 2),
        (TODAY - timedelta(days=13), 2),
        (TODAY - timedelta(days=14), 3),
        (TODAY - timedelta(days=28), 5),
        (TODAY + timedelta(days=1), None),
        (None, None),
    ],
)
def test_current_week_from_start(start: date | None, week: int | None) -> None:
    plan = plan_for(data_set(), start=start)
    assert plan.start == start
    assert plan.current_week == week


# -- next_step, branch by branch in the method's order ----------------------------------------


def step(
    companies: list[Company],
    contacts: list[Contact],
    interactions: list[Interaction] | None = None,
    asks: list[Ask] | None = None,
    followups: list[FollowUp] | None = None,
) -> str:
    data: dict[str, list[Any]] = {
        "companies": companies,
        "contacts": contacts,
        "interactions": interactions or [],
        "asks": asks or [],
        "followups": followups or [],
    }
    return plan_for(data).next_step


def engaged_all(people: list[Contact], gave_value: bool = True) -> list[Interaction]:
    return [
        Interaction(p.id, TODAY, kind=InteractionKind.MESSAGE, gave_value=gave_value, id=n)
        for n, p in enumerate(people, 1)
    ]


def test_next_step_overdue_comes_first() -> None:
    # even with no targets at all, an overdue follow-up is the first thing to do
    people = [person(1, "Ann", None), person(2, "Ben", None)]
    followups = [
        FollowUp(2, FollowUpKind.WEEK2, date(2026, 3, 6), id=1),
        FollowUp(1, FollowUpKind.WEEK2, date(2026, 3, 4), id=2),  # the worst
        FollowUp(1, FollowUpKind.WEEK3, date(2026, 3, 1), status=FollowUpStatus.DONE, id=3),
    ]
    assert step([], people, followups=followups) == "Follow up with Ann: due 5 days ago (f opens the list)."
    one_day = [FollowUp(2, FollowUpKind.WEEK2, date(2026, 3, 8), id=1)]
    assert step([], people, followups=one_day) == "Follow up with Ben: due 1 day ago (f opens the list)."


def test_next_step_due_today_is_not_overdue() -> None:
    companies, people = shaped(3)
    followups = [FollowUp(people[0].id, FollowUpKind.WEEK2, TODAY, id=1)]
    assert step(companies, people, followups=followups).startswith("Add target companies")


def test_next_step_too_few_targets() -> None:
    companies, people = shaped(4)
    assert step(companies, people) == "Add target companies until you have 5 to 10 (c, then a)."


def test_next_step_thin_target() -> None:
    companies, people = shaped(5, researched=False)
    people = [p for p in people if p.company_id != 2 or p.id == 200]
    assert step(companies, people) == "Find 2-3 referrers at Co2 (a on the board: Name @ Co2)."


def test_next_step_research() -> None:
    companies, people = shaped(5)
    companies[3] = company(4, "Co4")
    assert step(companies, people) == (
        "Finish the research on Co4: fit, decision makers, challenges, your angle (c, enter)."
    )


def test_next_step_not_started() -> None:
    companies, people = shaped(5)
    interactions = engaged_all(people[:3])
    assert step(companies, people, interactions) == (
        f"Start building a relationship with {people[3].name}: engage with their posts, then log it (i)."
    )
    # an 'asked' interaction does not count as having started
    interactions.append(Interaction(people[3].id, TODAY, kind=InteractionKind.ASKED, id=99))
    assert f"with {people[3].name}:" in step(companies, people, interactions)


def test_next_step_no_value_given() -> None:
    companies, people = shaped(5)
    interactions = engaged_all(people)
    interactions[4] = Interaction(people[4].id, TODAY, kind=InteractionKind.ENGAGED, gave_value=False, id=5)
    assert step(companies, people, interactions) == (
        f"Give {people[4].name} something useful (an insight, a resource, an intro) before any ask."
    )


def test_next_step_ready_to_ask() -> None:
    companies, people = shaped(5)
    people[6] = person(people[6].id, "Ready Rita", people[6].company_id, phase=Phase.TIMING, total=14)
    interactions = engaged_all(people)
    assert step(companies, people, interactions) == (
        "Ready Rita scores 14: when they know of an opening, make the ask (r)."
    )
    # a timing referrer below 12 is not ready
    people[6] = person(people[6].id, "Ready Rita", people[6].company_id, phase=Phase.TIMING, total=11)
    assert step(companies, people, interactions).startswith("Keep the follow-up rhythm")


def test_next_step_after_the_ask_keeps_the_rhythm() -> None:
    companies, people = shaped(5)
    people[6] = person(people[6].id, "Ready Rita", people[6].company_id, phase=Phase.TIMING, total=14)
    asks = [Ask(people[6].id, TODAY, id=1)]
    assert step(companies, people, engaged_all(people), asks) == (
        "Keep the follow-up rhythm: week 2, 3, 4, then monthly; log every contact (i)."
    )


def test_next_step_order_each_fix_reveals_the_next() -> None:
    """Start with every problem at once and fix them one by one, in the method's order."""
    companies, people = shaped(4, researched=False)
    people = [p for p in people if p.id != 101]  # Co1 has a single referrer
    followups = [FollowUp(people[0].id, FollowUpKind.WEEK2, date(2026, 3, 1), id=1)]
    assert step(companies, people, followups=followups).startswith("Follow up with")
    assert step(companies, people).startswith("Add target companies")
    companies.append(company(5, "Co5"))
    people += [person(500, "P5-0", 5, total=12), person(501, "P5-1", 5, total=12)]
    assert step(companies, people).startswith("Find 2-3 referrers at Co1")
    people.append(person(101, "P1-1", 1, total=12))
    assert step(companies, people).startswith("Finish the research on Co1")
    companies = [company(c.id, c.name, researched=True) for c in companies]
    assert step(companies, people).startswith("Start building a relationship")
    assert step(companies, people, engaged_all(people, gave_value=False)).startswith("Give ")
    assert step(companies, people, engaged_all(people)).startswith("Keep the follow-up rhythm")


def test_archived_referrers_followups_are_not_overdue() -> None:
    companies, people = shaped(5)
    people.append(person(900, "Gone Gina", 1, archived=True))
    followups = [FollowUp(900, FollowUpKind.WEEK2, date(2026, 3, 1), id=1)]
    plan = plan_for(
        {"companies": companies, "contacts": people, "interactions": [], "asks": [], "followups": followups}
    )
    assert "follow-ups overdue 0" in progress(plan, 4)[1]
    assert "Gone Gina" not in plan.next_step
