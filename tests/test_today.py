"""Today (``domain/today.py``): which rows are on it, in what order, and how they are put off.

Every data set is built by hand. Today is Mon 9 Mar 2026; Acme is a researched target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from referral_tui.domain import coach, schedule, today
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import (
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
    TodaySnooze,
)
from referral_tui.domain.today import Do, RowKind
from referral_tui.store.repository import Repository
from tests.helpers import undo_text

TODAY = date(2026, 3, 9)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def company(roles: Sequence[tuple[str, int, str]] = (), **changes: object) -> Company:
    base = Company(
        "Acme",
        fit="f",
        decision_makers="d",
        challenges="c",
        my_angle="a",
        open_roles=[
            {"title": t, "url": f"https://acme.example/{n}", "seen": ago(days).isoformat(), "status": status}
            for n, (t, days, status) in enumerate(roles)
        ],
        uid="acme",
        id=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def person(
    cid: int, phase: Phase | None = Phase.TIMING, total: tuple[int, int, int, int] | None = (4, 4, 4, 4)
) -> Contact:
    scores = [ScoreEntry(ago(60), *total)] if total else []
    return Contact(f"Person {cid}", company_id=1, phase=phase, scores=scores, uid=f"p{cid}", id=cid)


def talk(cid: int, days_ago: int, kind: InteractionKind = InteractionKind.MESSAGE, iid: int = 0) -> Interaction:
    return Interaction(cid, ago(days_ago), kind, gave_value=True, id=iid or cid * 100 + days_ago)


def follow(cid: int, kind: FollowUpKind, due: date, fid: int, ask_id: int | None = None) -> FollowUp:
    return FollowUp(cid, kind, due, ask_id=ask_id, uid=f"f{fid}", id=fid)


def data(
    contacts: list[Contact],
    interactions: Sequence[Interaction] = (),
    asks: Sequence[Ask] = (),
    followups: Sequence[FollowUp] = (),
    companies: list[Company] | None = None,
) -> coach.Data:
    return coach.Data.build(TODAY, companies or [company()], contacts, interactions, asks, followups)


def kinds(rows: list[today.Row]) -> list[RowKind]:
    return [r.kind for r in rows]


def full_ask(cid: int, aid: int, day: date, **changes: object) -> Ask:
    a = Ask(
        cid,
        day,
        role_title="Staff SRE",
        role_url="https://acme.example/sre",
        why_role="I ran the Acme-sized SRE team my last company had",
        points=["one", "two", "three"],
        resume_url="https://cv.example",
        blurb="SRE, nine years.",
        uid=f"a{aid}",
        id=aid,
    )
    return replace(a, **changes)  # type: ignore[arg-type]


def everything() -> coach.Data:
    """One row of every kind, each for its own person."""
    ask1 = full_ask(1, 1, ago(20))  # its week-2 check-in is done, its week-3 update overdue
    ask6 = full_ask(6, 6, ago(3), resume_url="")  # a packet gap: a coach row with a fix
    contacts = [
        person(1, Phase.ASK),
        person(2, Phase.ASK),
        person(3, Phase.RELATIONSHIP),
        person(4),  # Timing at Acme, which has a fresh role
        person(5, Phase.RELATIONSHIP),  # a call: ready to move on
        replace(person(7, None), employer="Globex", previous_employer="Acme", employer_changed_on=ago(2).isoformat()),
        person(8, Phase.RELATIONSHIP),  # quiet for 40 days
        person(6, Phase.ASK),
    ]
    interactions = [
        *(talk(c, 40) for c in (1, 2, 4, 6)),
        talk(5, 10, InteractionKind.CALL),
        talk(8, 40),
        talk(3, 1, InteractionKind.EVENT),
    ]
    items = [
        replace(follow(1, FollowUpKind.WEEK2, ago(13), 1, 1), status=FollowUpStatus.DONE, done_on=ago(13)),
        follow(1, FollowUpKind.WEEK3, ago(6), 2, 1),
        follow(2, FollowUpKind.MONTHLY, TODAY, 3),
        follow(3, FollowUpKind.EVENT, TODAY + timedelta(days=1), 4),
        follow(6, FollowUpKind.WEEK2, TODAY + timedelta(days=4), 5, 6),
    ]
    return data(
        contacts,
        interactions,
        [ask1, ask6],
        items,
        companies=[company([("Platform Engineer", 5, "open")])],
    )


def test_one_row_of_each_kind_in_the_groups_order() -> None:
    rows = today.agenda(everything())
    assert kinds(rows) == list(today.GROUPS)
    assert [r.contact_id for r in rows] == [1, 2, 3, 6, 4, 5, 7, 8]


def test_follow_up_rows_say_what_do_means() -> None:
    overdue, due, event = today.agenda(everything())[:3]
    assert (overdue.do, overdue.followup_id, overdue.ask_id, overdue.template) == (Do.DONE, 2, 1, "week3_update")
    assert overdue.why == "Person 1 · Week-3 update and thanks (due 3 Mar, 6 days late)"
    assert (due.why, due.template, due.day) == ("Person 2 · Monthly check-in (due today)", "monthly_checkin", TODAY)
    assert event.why == "Follow up with Person 3 within 48 hours of meeting them (by 10 Mar)"
    assert not overdue.snoozable and all(r.snoozable for r in today.agenda(everything())[3:])


def test_overdue_rows_oldest_first_then_in_the_order_made() -> None:
    items = [
        follow(1, FollowUpKind.MONTHLY, ago(2), 5),
        follow(1, FollowUpKind.MONTHLY, ago(9), 7),
        follow(2, FollowUpKind.MONTHLY, ago(9), 6),
        follow(2, FollowUpKind.MONTHLY, ago(1), 4),
    ]
    rows = today.followup_rows(data([person(1), person(2)], followups=items))
    assert [r.followup_id for r in rows] == [6, 7, 5, 4]
    assert all(r.kind is RowKind.OVERDUE for r in rows)


def test_event_follow_ups_inside_their_48_hours() -> None:
    items = [
        follow(1, FollowUpKind.EVENT, TODAY + timedelta(days=2), 1),  # not yet
        follow(1, FollowUpKind.EVENT, TODAY + timedelta(days=1), 2),
        follow(1, FollowUpKind.EVENT, TODAY, 3),
        follow(1, FollowUpKind.EVENT, ago(1), 4),  # late: an overdue row
        follow(1, FollowUpKind.MONTHLY, TODAY + timedelta(days=1), 5),  # tomorrow: not today
    ]
    rows = today.followup_rows(data([person(1)], followups=items))
    assert [(r.kind, r.followup_id) for r in rows] == [(RowKind.OVERDUE, 4), (RowKind.EVENT, 3), (RowKind.EVENT, 2)]


def test_closed_or_deleted_follow_ups_and_archived_people_are_not_on_today() -> None:
    items = [
        replace(follow(1, FollowUpKind.MONTHLY, ago(3), 1), status=FollowUpStatus.SKIPPED),
        replace(follow(1, FollowUpKind.MONTHLY, ago(3), 2), status=FollowUpStatus.CANCELLED),
        follow(2, FollowUpKind.MONTHLY, ago(3), 3),
        follow(1, FollowUpKind.WEEK3, ago(3), 4, ask_id=9),
    ]
    deleted = replace(full_ask(1, 9, ago(20)), archived=True)
    d = data([person(1), replace(person(2), archived=True)], asks=[deleted], followups=items)
    assert today.followup_rows(d) == []


def test_a_week2_check_in_asks_for_the_answer() -> None:
    ask = full_ask(1, 1, ago(7))
    rows = today.followup_rows(
        data([person(1, Phase.ASK)], asks=[ask], followups=[follow(1, FollowUpKind.WEEK2, TODAY, 1, 1)])
    )
    [row] = rows
    assert ("Yes, it was submitted", AskStatus.SUBMITTED) in row.answers
    thanks = follow(1, FollowUpKind.WEEK2_THANKS, TODAY, 1, 1)
    [row] = today.followup_rows(data([person(1, Phase.ASK)], asks=[ask], followups=[thanks]))
    assert row.answers == () and row.template == "week2_thanks"


def test_coach_rows_are_the_findings_with_a_fix() -> None:
    ask = full_ask(1, 1, ago(3), role_url="", why_role="")
    d = data([person(1, Phase.ASK, (1, 2, 3, 3))], asks=[ask], companies=[company(fit="")])
    rows = today.coach_rows(d, coach.review(d))
    by_rule = {r.key.split(":")[1]: r for r in rows}
    assert set(by_rule) == {"information_gap", "no_packet", "entitled"}  # not wrong_people, not quality (scored)
    assert (by_rule["no_packet"].do, by_rule["no_packet"].template, by_rule["no_packet"].ask_id) == (
        Do.PACKET,
        "referral_ask",
        1,
    )
    assert (by_rule["information_gap"].do, by_rule["information_gap"].company_id) == (Do.RESEARCH, 1)
    assert (by_rule["entitled"].do, by_rule["entitled"].log_kind) == (Do.LOG, InteractionKind.VALUE)
    assert by_rule["no_packet"].why.startswith("Referrer doesn't know how to help: the ask to Person 1")
    unscored = data(
        [person(1, Phase.ASK, None)], asks=[full_ask(1, 1, ago(3))], interactions=[talk(1, 20), talk(1, 10)]
    )
    assert [r.do for r in today.coach_rows(unscored, coach.review(unscored))] == [Do.SCORE]


def test_role_rows_a_fresh_open_role_and_a_referrer_in_timing() -> None:
    roles = [
        ("Old role", 46, "open"),
        ("Platform Engineer", 10, "open"),
        ("Staff SRE", 2, "open"),
        ("Gone", 1, "closed"),
    ]
    d = data([person(1), person(2, total=(2, 2, 2, 2)), person(3, Phase.RELATIONSHIP)], companies=[company(roles)])
    rows = today.role_rows(d)
    assert [(r.contact_id, r.role_title, r.do) for r in rows] == [(1, "Staff SRE", Do.ASK), (2, "Staff SRE", Do.SCORE)]
    assert (
        rows[0].why == "Staff SRE is open at Acme (seen 7 Mar); Person 1 is in Timing and scores 16: ask them about it"
    )
    assert rows[1].why.endswith("and scores 8/20: score them before asking")
    assert (rows[0].template, rows[0].role_url, rows[0].day) == ("referral_ask", "https://acme.example/2", ago(2))


def test_role_rows_skip_roles_asked_about_and_stale_or_dropped_companies() -> None:
    roles = [("Staff SRE", 2, "open"), ("Platform Engineer", 10, "open")]
    asked = full_ask(1, 1, ago(1), role_title="staff sre")
    d = data([person(1)], asks=[asked], companies=[company(roles)])
    assert [r.role_title for r in today.role_rows(d)] == ["Platform Engineer"]
    for gone in (company(roles, status=CompanyStatus.DROPPED), company(roles, archived=True)):
        assert today.role_rows(data([person(1)], companies=[gone])) == []
    assert today.role_rows(data([person(1)], companies=[company([("Old", 46, "open")])])) == []
    assert [
        r.role_title for r in today.role_rows(data([person(1)], companies=[company([("Old", 46, "open")])]), 50)
    ] == ["Old"]


def test_ready_rows_relationships_built_enough() -> None:
    d = data(
        [person(1, Phase.RELATIONSHIP), person(2, Phase.RELATIONSHIP), person(3, Phase.RELATIONSHIP), person(4)],
        interactions=[
            talk(1, 30), talk(1, 20), talk(1, 16),  # 3 over 14 days
            talk(2, 30), talk(2, 20),  # only two
            talk(3, 5, InteractionKind.CALL),  # a call
            talk(4, 2, InteractionKind.CALL),  # already in Timing
        ],
    )  # fmt: skip
    rows = today.ready_rows(d)
    assert [(r.contact_id, r.do, r.target) for r in rows] == [(3, Do.MOVE, Phase.TIMING), (1, Do.MOVE, Phase.TIMING)]
    assert rows[1].why == "Person 1: 3 interactions over 14 days, enough to move to Timing and watch for an opening"


def test_job_change_rows_until_seen() -> None:
    moved = replace(
        person(1, None), employer="Globex", previous_employer="Acme", employer_changed_on=ago(4).isoformat()
    )
    newer = replace(person(2, None), employer="Initech", employer_changed_on=ago(1).isoformat())
    rows = today.job_change_rows(data([moved, newer, replace(moved, id=3, uid="p3", employer_change_seen=True)]))
    assert [(r.contact_id, r.do, r.template) for r in rows] == [(2, Do.SEEN, "job_change"), (1, Do.SEEN, "job_change")]
    assert rows[1].why == "Person 1 moved from Acme to Globex: congratulate them"
    assert rows[1].key == f"job:p1:{ago(4).isoformat()}"


def test_stay_in_touch_after_30_quiet_days_longest_silence_first() -> None:
    people = [person(1), person(2), person(3), person(4, Phase.RESEARCH), person(5), person(6)]
    interactions = [talk(1, 30), talk(2, 29), talk(3, 45), talk(4, 90), talk(5, 90), talk(6, 60)]
    covered = follow(5, FollowUpKind.MONTHLY, TODAY + timedelta(days=9), 1)  # the schedule has them
    rows = today.stay_in_touch_rows(data(people, interactions, followups=[covered]))
    assert [r.contact_id for r in rows] == [6, 3, 1]
    assert rows[2].why == "No contact with Person 1 for 30 days (last on 7 Feb): say hello"
    assert (rows[2].do, rows[2].log_kind, rows[2].template, rows[2].day) == (
        Do.LOG,
        InteractionKind.CHECKIN,
        "monthly_checkin",
        TODAY,
    )
    assert [r.contact_id for r in today.stay_in_touch_rows(data(people, interactions), days=50)] == [5, 6]


def test_the_stay_in_touch_clock_restarts_at_the_last_interaction() -> None:
    quiet = data([person(1)], [talk(1, 40)])
    [row] = today.agenda(quiet)
    again = data([person(1)], [talk(1, 40), talk(1, 3)])
    assert today.agenda(again) == []
    later = coach.Data.build(TODAY + timedelta(days=30), [company()], [person(1)], [talk(1, 40), talk(1, 3)], [], [])
    [new_row] = today.agenda(later)
    assert new_row.key != row.key  # a new occasion: a skip of the old one does not hide it


def test_a_person_already_on_today_gets_no_stay_in_touch_row() -> None:
    d = data([person(1)], [talk(1, 40)], companies=[company([("Staff SRE", 2, "open")])])
    assert kinds(today.agenda(d)) == [RowKind.ROLE]


def test_snoozed_rows_come_back_on_their_day_and_skipped_ones_never() -> None:
    d = everything()
    rows = today.agenda(d)
    role = next(r for r in rows if r.kind is RowKind.ROLE)
    job = next(r for r in rows if r.kind is RowKind.JOB_CHANGE)
    snoozes = [TodaySnooze(role.key, until=TODAY + timedelta(days=1)), TodaySnooze(job.key, until=None)]
    hidden = today.agenda(d, snoozes)
    assert role not in hidden and job not in hidden and len(hidden) == len(rows) - 2
    tomorrow = replace(d, today=TODAY + timedelta(days=1))
    keys = {r.key for r in today.agenda(tomorrow, snoozes)}
    assert role.key in keys and job.key not in keys
    assert today.agenda(d, [TodaySnooze(role.key, until=TODAY)]) == rows  # due again today


def test_keys_are_stable_and_unique() -> None:
    first, second = today.agenda(everything()), today.agenda(everything())
    assert [r.key for r in first] == [r.key for r in second]
    assert len({r.key for r in first}) == len(first)
    assert first[0].key == "followup:f2"


@pytest.fixture
def campaign_repo(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "today.json", FixedClock(TODAY))
    repo.add_company(company([("Staff SRE", 2, "open")], uid=""))
    li = repo.quick_add("Li Wei @ Acme !timing")
    repo.score(li.id, ScoreEntry(TODAY, 4, 4, 4, 4))
    repo.log_interaction(Interaction(li.id, ago(3), InteractionKind.EVENT, "met at the meetup"))
    repo.undo_stack.clear()
    return repo


def test_the_repository_serves_today_and_puts_rows_off(campaign_repo: Repository) -> None:
    repo = campaign_repo
    rows = repo.today()
    assert kinds(rows) == [RowKind.OVERDUE, RowKind.ROLE]  # the event follow-up was due yesterday
    role = rows[1]
    assert role.name == "Li Wei" and role.role_title == "Staff SRE"
    repo.snooze_today(role.key, 2)
    assert kinds(repo.today()) == [RowKind.OVERDUE]
    assert kinds(repo.today(TODAY + timedelta(days=2))) == [RowKind.OVERDUE, RowKind.ROLE]
    assert undo_text(repo) == "snoozed a Today item 2 days"
    assert kinds(repo.today()) == [RowKind.OVERDUE, RowKind.ROLE]
    repo.skip_today(role.key, "asked already by phone")
    repo.skip_today(role.key, "asked already by phone")  # once per key
    [stored] = repo.today_snoozes()
    assert (stored.key, stored.until, stored.reason) == (role.key, None, "asked already by phone")
    assert kinds(repo.today(TODAY + timedelta(days=300))) == [RowKind.OVERDUE]
    repo.unsnooze_today(role.key)
    assert kinds(repo.today()) == [RowKind.OVERDUE, RowKind.ROLE]
    reopened = Repository(repo.path, FixedClock(TODAY))  # the table loads and validates
    assert [s.key for s in reopened.today_snoozes()] == [role.key]


def test_doing_a_follow_up_row_takes_it_off_today(campaign_repo: Repository) -> None:
    repo = campaign_repo
    row = repo.today()[0]
    assert row.followup_id is not None and row.do is Do.DONE
    repo.complete_followup(row.followup_id)
    assert kinds(repo.today()) == [RowKind.ROLE]


def test_acknowledging_a_job_change(campaign_repo: Repository) -> None:
    repo = campaign_repo
    li = repo.contacts()[0]
    repo.save(replace(li, employer="Globex", previous_employer="Acme", employer_changed_on=ago(1).isoformat()))
    assert RowKind.JOB_CHANGE in kinds(repo.today())
    repo.acknowledge_job_change(li.id)
    assert RowKind.JOB_CHANGE not in kinds(repo.today())
    assert schedule.label(FollowUpKind.EVENT)  # the row's follow-up label comes from the schedule
