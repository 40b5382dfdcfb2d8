"""Unit tests for the coach: each rule fires on a minimal data set and stays silent on a near miss.

Every data set is built by hand from records with explicit ids. The base campaign is "clean":
Priya Shah at Stripe (research done), scored 16 on 1 Feb, two contacts before the ask (one of
them gave value), asked on Wed 4 Mar with a complete, specific context packet (role link, why,
three points, resume, blurb), follow-ups as the schedule makes them. Today is Mon 9 Mar 2026. Each test changes one thing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from referral_tui.domain import coach, schedule
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import (
    Ask,
    AskStatus,
    Company,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Phase,
)

TODAY = date(2026, 3, 9)
ASK_DAY = date(2026, 3, 4)
SCORED_ON = date(2026, 2, 1)

STRIPE = Company(
    "Stripe",
    fit="payments infrastructure at scale",
    decision_makers="Ana Ruiz (EM, ledger team)",
    challenges="ledger migration, latency",
    my_angle="I ran a ledger migration",
    id=1,
)
WHY = "I built a double-entry ledger at my last job; Stripe's ledger team needs that"


def person(
    name: str = "Priya Shah",
    cid: int = 1,
    *,
    company_id: int | None = 1,
    phase: Phase | None = Phase.ASK,
    scores: tuple[tuple[int, int, int, int], ...] = ((4, 4, 4, 4),),
    scored_on: tuple[date, ...] = (SCORED_ON,),
    archived: bool = False,
) -> Contact:
    return Contact(
        name,
        company_id=company_id,
        phase=phase,
        scores=[ScoreEntry(day, *s) for day, s in zip(scored_on, scores, strict=True)],
        archived=archived,
        id=cid,
    )


def ask(cid: int = 1, aid: int = 1, day: date = ASK_DAY, **changes: object) -> Ask:
    base = Ask(
        cid,
        day,
        role_title="Staff Engineer, Ledger",
        role_url="https://stripe.example/jobs/ledger",
        why_role=WHY,
        points=["Led the 2024 ledger migration", "On call for payments", "Mentored four engineers"],
        resume_url="https://example.com/resume.pdf",
        blurb="Engineer with eight years on payments.",
        id=aid,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def warm(cid: int = 1, before: date = ASK_DAY, first_id: int = 1) -> list[Interaction]:
    """Two contacts before the ask (a week and two weeks before), the first one giving value."""
    return [
        Interaction(
            cid, before - timedelta(days=14), InteractionKind.MESSAGE, "sent an article", gave_value=True, id=first_id
        ),
        Interaction(cid, before - timedelta(days=7), InteractionKind.CALL, "coffee chat", id=first_id + 1),
    ]


def asked(cid: int, day: date, iid: int) -> Interaction:
    """The 'asked' interaction the repository logs with every ask."""
    return Interaction(cid, day, InteractionKind.ASKED, "Asked for a referral", id=iid)


def scheduled(a: Ask, *, first_id: int = 1, status: dict[str, str] | None = None) -> list[FollowUp]:
    """The follow-ups an ask creates; ``status`` maps a kind to done/skipped."""
    status = status or {}
    items = []
    for n, (step, due) in enumerate(schedule.ask_schedule(a.day)):
        f = FollowUp(a.contact_id, step.kind, due, ask_id=a.id, id=first_id + n)
        if step.kind in status:
            f = replace(f, status=FollowUpStatus(status[step.kind]), done_on=due)
        items.append(f)
    return items


def build(
    *,
    today: date = TODAY,
    companies: list[Company] | None = None,
    contacts: list[Contact] | None = None,
    interactions: list[Interaction] | None = None,
    asks: list[Ask] | None = None,
    followups: list[FollowUp] | None = None,
) -> coach.Data:
    """The clean campaign, with any part replaced."""
    a = ask()
    return coach.Data.build(
        today,
        [STRIPE] if companies is None else companies,
        [person()] if contacts is None else contacts,
        [*warm(), asked(1, ASK_DAY, 9)] if interactions is None else interactions,
        [a] if asks is None else asks,
        scheduled(a) if followups is None else followups,
    )


def rule_keys(d: coach.Data) -> list[str]:
    return [f.rule for f in coach.review(d)]


def only(findings: list[coach.Finding]) -> coach.Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_the_clean_campaign_has_no_findings() -> None:
    assert coach.review(build()) == []


def test_every_rule_is_listed() -> None:
    assert [r.__name__ for r in coach.RULES] == [
        "passive_referral",
        "spray_and_pray",
        "information_gap",
        "wrong_people",
        "no_context_packet",
        "one_and_done",
        "entitled",
        "generic_ask",
    ]


# -- passive referral --------------------------------------------------------------------


def issue_example(today: date, status: dict[str, str] | None = None) -> coach.Data:
    """The issue's example: Priya asked on 3 Nov 2025; her week-2 check-in falls due on 10 Nov."""
    a = ask(day=date(2025, 11, 3))
    return build(
        today=today,
        contacts=[person(scored_on=(date(2025, 10, 1),))],
        interactions=[*warm(before=a.day), asked(1, a.day, 9)],
        asks=[a],
        followups=scheduled(a, status=status),
    )


def test_passive_referral_fires_with_the_days_overdue() -> None:
    f = only(list(coach.passive_referral(issue_example(date(2025, 11, 15)))))
    assert (f.rule, f.title, f.contact_id, f.ask_id) == ("passive", "Passive referral", 1, 1)
    assert f.evidence == "asked Priya Shah on 3 Nov; week-2 check-in overdue by 5 days; no follow-up done since"
    assert "week-2 check-in" in f.next_step


def test_passive_referral_one_day_late_is_singular() -> None:
    f = only(list(coach.passive_referral(issue_example(date(2025, 11, 11)))))
    assert "overdue by 1 day;" in f.evidence


def test_passive_referral_is_silent_on_the_week2_day_itself() -> None:
    d = issue_example(date(2025, 11, 10))
    assert list(coach.passive_referral(d)) == []
    assert coach.review(d) == []


def test_passive_referral_is_silent_once_a_follow_up_is_done() -> None:
    d = issue_example(date(2025, 11, 15), {"week2_checkin": "done"})
    assert list(coach.passive_referral(d)) == []
    assert coach.review(d) == []


def test_passive_referral_without_follow_up_records_counts_from_the_ask_day() -> None:
    f = only(list(coach.passive_referral(build(followups=[], today=date(2026, 3, 20)))))
    # asked Wed 4 Mar, week-2 date Wed 11 Mar, 9 days before 20 Mar
    assert f.evidence == "asked Priya Shah on 4 Mar; week-2 check-in overdue by 9 days; no follow-up done since"


def test_passive_referral_names_a_skipped_check_in() -> None:
    d = issue_example(date(2025, 11, 15), {"week2_checkin": "skipped"})
    f = only(list(coach.passive_referral(d)))
    assert f.evidence == "asked Priya Shah on 3 Nov; week-2 check-in skipped; no follow-up done since"


def test_a_snooze_does_not_hide_the_passive_referral() -> None:
    """Rule: passive referral counts from the week-2 date; snoozing the check-in hides nothing."""
    a = ask(day=date(2026, 2, 20))  # week-2 date Fri 27 Feb, snoozed to 12 Mar
    week2 = FollowUp(1, schedule.WEEK2.kind, date(2026, 3, 12), ask_id=1, original_due=date(2026, 2, 27), id=1)
    d = build(interactions=[*warm(before=a.day), asked(1, a.day, 9)], asks=[a], followups=[week2])
    f = only(list(coach.passive_referral(d)))
    assert f.evidence == "asked Priya Shah on 20 Feb; week-2 check-in overdue by 10 days; no follow-up done since"
    assert not re.search(r"overdue by -\d", f.evidence)


def test_a_later_follow_up_done_also_ends_the_passive_referral() -> None:
    """Rule: passive referral is an ask with no follow-up done after its week-2 date: any
    follow-up of the ask done counts, not only the week-2 check-in."""
    d = issue_example(date(2025, 11, 20), {"week2_checkin": "skipped", "week3_update": "done"})
    assert list(coach.passive_referral(d)) == []
    nothing_done = issue_example(date(2025, 11, 20), {"week2_checkin": "skipped"})
    assert [f.rule for f in coach.passive_referral(nothing_done)] == ["passive"]


def test_the_week2_thank_you_is_the_week2_check_in_to_the_passive_rule() -> None:
    """Rule: passive referral; a submitted ask's week-2 step (a thank-you) is still week 2."""
    a = ask(day=date(2025, 11, 3))
    items = [replace(f, kind=FollowUpKind.WEEK2_THANKS) if f.kind == FollowUpKind.WEEK2 else f for f in scheduled(a)]
    d = build(today=date(2025, 11, 15), asks=[a], followups=items, interactions=[*warm(before=a.day)])
    f = only(list(coach.passive_referral(d)))
    assert "overdue by 5 days" in f.evidence
    assert list(coach.one_and_done(d)) == []  # left to the passive rule, as the week-2 check-in is


# -- spray and pray ----------------------------------------------------------------------


def test_asking_a_referrer_under_12_fires() -> None:
    d = build(contacts=[person(scores=((3, 3, 3, 2),))])  # 11
    f = only(list(coach.spray_and_pray(d)))
    assert (f.rule, f.contact_id, f.ask_id) == ("quality", 1, 1)
    assert f.evidence == "asked Priya Shah on 4 Mar who scored 11/20 (the method asks at 12+)"


def test_asking_an_unscored_referrer_fires() -> None:
    d = build(contacts=[person(scores=(), scored_on=())])
    f = only(list(coach.spray_and_pray(d)))
    assert f.rule == "quality"
    assert f.evidence == "asked Priya Shah on 4 Mar who was not scored (the method asks at 12+)"


def test_asking_a_referrer_at_exactly_12_is_silent() -> None:
    d = build(contacts=[person(scores=((3, 3, 3, 3),))])
    assert list(coach.spray_and_pray(d)) == []
    assert coach.review(d) == []


def test_the_score_at_the_time_of_the_ask_counts() -> None:
    later = (SCORED_ON, date(2026, 3, 6))
    rescored_after = build(contacts=[person(scores=((3, 3, 3, 2), (4, 4, 3, 3)), scored_on=later)])
    assert "scored 11/20" in only(list(coach.spray_and_pray(rescored_after))).evidence
    earlier = (SCORED_ON, date(2026, 3, 3))
    rescored_before = build(contacts=[person(scores=((3, 3, 3, 2), (4, 4, 3, 3)), scored_on=earlier)])
    assert list(coach.spray_and_pray(rescored_before)) == []


def test_asking_someone_barely_known_fires_on_relationship_2() -> None:
    d = build(contacts=[person(scores=((2, 5, 5, 5),))])  # 17, but relationship 2
    f = only(list(coach.spray_and_pray(d)))
    assert (f.rule, f.contact_id, f.ask_id) == ("barely_known", 1, 1)
    assert f.evidence == "asked Priya Shah on 4 Mar with relationship 2/5 and 2 logged contacts before"


def test_relationship_3_is_not_barely_known() -> None:
    d = build(contacts=[person(scores=((3, 5, 5, 5),))])
    assert list(coach.spray_and_pray(d)) == []


def test_asking_after_one_contact_fires() -> None:
    # one contact before, one the day after the ask (does not count), and the 'asked' entry
    interactions = [
        Interaction(1, date(2026, 2, 18), InteractionKind.MESSAGE, gave_value=True, id=1),
        Interaction(1, date(2026, 3, 5), InteractionKind.CALL, id=2),
        asked(1, ASK_DAY, 3),
    ]
    f = only(list(coach.spray_and_pray(build(interactions=interactions))))
    assert f.rule == "barely_known"
    assert f.evidence == "asked Priya Shah on 4 Mar with relationship 4/5 and 1 logged contact before"


def test_a_contact_on_the_ask_day_counts_but_the_asks_own_entry_does_not() -> None:
    """Rule: barely known counts the contacts on or before the ask day, leaving out the ask's
    own 'referral asked' entry: value given the morning of the ask is a contact."""
    interactions = [
        Interaction(1, date(2026, 2, 18), InteractionKind.MESSAGE, id=1),
        Interaction(1, ASK_DAY, InteractionKind.VALUE, "sent the benchmark", id=2),
        asked(1, ASK_DAY, 3),
    ]
    assert list(coach.spray_and_pray(build(interactions=interactions))) == []
    only_asked = [
        Interaction(1, date(2026, 2, 18), InteractionKind.MESSAGE, gave_value=True, id=1),
        asked(1, ASK_DAY, 3),
    ]
    f = only(list(coach.spray_and_pray(build(interactions=only_asked))))
    assert "and 1 logged contact before" in f.evidence


def test_deleted_interactions_are_not_contacts() -> None:
    """Rule: barely known; a deleted (archived) interaction is not a contact."""
    interactions = [*warm(), replace(warm()[1], id=5, archived=True), asked(1, ASK_DAY, 9)]
    interactions[1] = replace(interactions[1], archived=True)
    f = only(list(coach.spray_and_pray(build(interactions=interactions))))
    assert "and 1 logged contact before" in f.evidence


def test_two_contacts_before_the_ask_are_enough() -> None:
    assert list(coach.spray_and_pray(build(interactions=warm()))) == []


def spray(days: list[date]) -> coach.Data:
    """One clean, well-known referrer per ask, all at Stripe."""
    names = ["Priya Shah", "Bo Chen", "Li Wei", "Sam Jones", "Ana Lima"]
    contacts = [person(names[n], n + 1) for n in range(len(days))]
    asks = [ask(n + 1, n + 1, day) for n, day in enumerate(days)]
    interactions = [i for n, day in enumerate(days) for i in warm(n + 1, day, first_id=10 * n + 1)]
    followups = [f for n, a in enumerate(asks) for f in scheduled(a, first_id=10 * n + 1)]
    return build(today=date(2026, 3, 9), contacts=contacts, interactions=interactions, asks=asks, followups=followups)


def test_four_asks_within_a_week_fire() -> None:
    d = spray([date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 8)])
    f = only(list(coach.spray_and_pray(d)))
    assert (f.rule, f.title, f.contact_id, f.ask_id) == ("spray", "Spray and pray", None, None)
    assert f.evidence == "4 asks between 2 Mar and 8 Mar"
    assert "3 or fewer" in f.next_step


def test_four_asks_spread_over_eight_days_are_silent() -> None:
    d = spray([date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 9)])
    assert list(coach.spray_and_pray(d)) == []
    assert coach.review(d) == []


def test_exactly_three_asks_in_a_week_are_silent() -> None:
    d = spray([date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 3)])
    assert list(coach.spray_and_pray(d)) == []


# -- information gap ---------------------------------------------------------------------


def test_asking_with_research_missing_fires() -> None:
    half = replace(STRIPE, fit="", challenges="   ")
    f = only(list(coach.information_gap(build(companies=[half]))))
    assert (f.rule, f.contact_id, f.ask_id) == ("information_gap", 1, 1)
    assert f.evidence == "asked Priya Shah at Stripe with research missing: fit, challenges"
    assert "Stripe" in f.next_step


def test_complete_research_or_no_company_is_silent() -> None:
    assert list(coach.information_gap(build())) == []
    loner = build(contacts=[person(company_id=None)])
    assert list(coach.information_gap(loner)) == []


# -- wrong people ------------------------------------------------------------------------


def test_influence_2_fires_without_an_ask() -> None:
    d = build(contacts=[person(phase=Phase.TIMING, scores=((5, 2, 5, 5),))], asks=[], followups=[], interactions=[])
    f = only(list(coach.wrong_people(d)))
    assert (f.rule, f.contact_id, f.ask_id) == ("wrong_people", 1, None)
    assert f.evidence == "Priya Shah at Stripe has internal influence 2/5"
    assert "at Stripe" in f.next_step


def test_influence_3_is_silent() -> None:
    d = build(contacts=[person(scores=((5, 3, 5, 5),))])
    assert list(coach.wrong_people(d)) == []
    assert coach.review(d) == []


def test_wrong_people_uses_the_latest_score_and_the_board_only() -> None:
    rescored = person(scores=((5, 1, 5, 5), (5, 3, 5, 5)), scored_on=(SCORED_ON, date(2026, 2, 20)))
    assert list(coach.wrong_people(build(contacts=[rescored]))) == []
    network = person(phase=None, scores=((5, 1, 5, 5),))
    assert list(coach.wrong_people(build(contacts=[network], asks=[], followups=[]))) == []
    unscored = person(phase=Phase.TIMING, scores=(), scored_on=())
    assert list(coach.wrong_people(build(contacts=[unscored], asks=[], followups=[]))) == []


# -- no context packet -------------------------------------------------------------------


def test_an_ask_without_a_packet_fires() -> None:
    d = build(asks=[ask(points=[], resume_url="", blurb="")])
    f = only(list(coach.no_context_packet(d)))
    assert (f.rule, f.contact_id, f.ask_id, f.fix) == ("no_packet", 1, 1, coach.Fix.PACKET)
    assert f.evidence == (
        "the ask to Priya Shah on 4 Mar is missing: 3-5 points they can say about you (have 0); "
        "resume link; a short blurb"
    )


def test_an_empty_ask_names_all_five_gaps() -> None:
    d = build(asks=[ask(role_url="", why_role=" ", points=[], resume_url="", blurb="")])
    f = only(list(coach.no_context_packet(d)))
    assert f.evidence == (
        "the ask to Priya Shah on 4 Mar is missing: role link; why this role; "
        "3-5 points they can say about you (have 0); resume link; a short blurb"
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"role_url": ""},
        {"why_role": ""},
        {"points": ["one", "two"]},
        {"points": ["one", "two", "  "]},
        {"points": ["1", "2", "3", "4", "5", "6"]},
        {"resume_url": ""},
        {"blurb": " "},
    ],
    ids=["no role link", "no why", "two points", "a blank point", "six points", "no resume", "no blurb"],
)
def test_each_part_of_the_packet_is_required(changes: dict[str, object]) -> None:
    """Rule: the context packet is a role link, why this role, 3-5 points, a resume link and a
    blurb (METHOD.md); missing any one of them fires, and the coach agrees with the ask."""
    bad = replace(ask(), **changes)  # type: ignore[arg-type]
    assert not bad.has_context_packet
    assert [f.rule for f in coach.no_context_packet(build(asks=[bad]))] == ["no_packet"]


def test_three_to_five_points_are_enough() -> None:
    five = ask(points=["1", "2", "3", "4", "5"])
    assert five.has_context_packet
    assert list(coach.no_context_packet(build(asks=[five]))) == []


# -- one and done ------------------------------------------------------------------------


def week3_case(today: date, week3: dict[str, object]) -> coach.Data:
    """Asked 18 Feb; week-2 done on 25 Feb; the week-3 update was due 4 Mar."""
    a = ask(day=date(2026, 2, 18))
    items = scheduled(a, status={"week2_checkin": "done"})
    items = [replace(f, **week3) if f.kind == schedule.WEEK3.kind else f for f in items]  # type: ignore[arg-type]
    return build(today=today, interactions=[*warm(before=a.day), asked(1, a.day, 9)], asks=[a], followups=items)


def test_an_overdue_follow_up_fires() -> None:
    f = only(list(coach.one_and_done(week3_case(TODAY, {}))))
    assert (f.rule, f.title, f.contact_id, f.ask_id) == ("one_and_done", "One-and-done", 1, 1)
    assert f.evidence == "Week-3 update, thanks with Priya Shah overdue by 5 days"


def test_a_follow_up_due_today_is_silent() -> None:
    d = week3_case(date(2026, 3, 4), {})
    assert list(coach.one_and_done(d)) == []
    assert coach.review(d) == []


def test_a_skipped_follow_up_fires_with_its_reason() -> None:
    d = week3_case(TODAY, {"status": "skipped", "skip_reason": "role closed"})
    f = only(list(coach.one_and_done(d)))
    assert f.evidence == "Week-3 update, thanks with Priya Shah skipped (role closed)"
    assert "monthly" in f.next_step


def test_a_done_follow_up_is_silent() -> None:
    assert list(coach.one_and_done(week3_case(TODAY, {"status": "done", "done_on": date(2026, 3, 4)}))) == []


def test_an_overdue_week2_check_in_is_left_to_the_passive_rule() -> None:
    a = ask(day=date(2026, 2, 27))  # week-2 due 6 Mar, 3 days ago
    d = build(interactions=[*warm(before=a.day), asked(1, a.day, 9)], asks=[a], followups=scheduled(a))
    assert list(coach.one_and_done(d)) == []
    assert rule_keys(d) == ["passive"]


def test_follow_ups_without_an_ask_count_too() -> None:
    event = FollowUp(1, schedule.EVENT.kind, date(2026, 3, 8), id=40)  # one day late
    monthly = FollowUp(1, schedule.MONTHLY.kind, date(2026, 3, 2), id=41)  # a week late
    d = build(followups=[*scheduled(ask()), event, monthly])
    evidence = sorted(f.evidence for f in coach.one_and_done(d))
    assert evidence == [
        "Event follow-up (48h) with Priya Shah overdue by 1 day",
        "Monthly check-in with Priya Shah overdue by 7 days",
    ]
    assert all(f.ask_id is None for f in coach.one_and_done(d))


# -- entitled ----------------------------------------------------------------------------


def test_an_ask_with_no_value_given_fires() -> None:
    interactions = [
        Interaction(1, date(2026, 2, 18), InteractionKind.MESSAGE, id=1),
        Interaction(1, date(2026, 2, 25), InteractionKind.CALL, id=2),
        Interaction(1, date(2026, 3, 5), InteractionKind.VALUE, gave_value=True, id=3),  # the day after the ask
    ]
    f = only(list(coach.entitled(build(interactions=interactions))))
    assert (f.rule, f.contact_id, f.ask_id) == ("entitled", 1, 1)
    assert f.evidence == "no value given to Priya Shah before the ask on 4 Mar"


def test_value_given_on_the_ask_day_itself_is_silent() -> None:
    interactions = [
        Interaction(1, date(2026, 2, 18), InteractionKind.MESSAGE, id=1),
        Interaction(1, date(2026, 2, 25), InteractionKind.CALL, id=2),
        Interaction(1, ASK_DAY, InteractionKind.VALUE, gave_value=True, id=3),
    ]
    d = build(interactions=interactions)
    assert list(coach.entitled(d)) == []
    assert coach.review(d) == []


# -- generic ask -------------------------------------------------------------------------

NAMES_STRIPE_40 = "Stripe is where payments get done right."
NAMES_STRIPE_39 = "Stripe is where payments get done right"


def test_the_boundary_strings_are_40_and_39_characters() -> None:
    assert len(NAMES_STRIPE_40) == 40 and len(NAMES_STRIPE_39) == 39


def test_a_short_why_fires() -> None:
    d = build(asks=[ask(why_role=NAMES_STRIPE_39)])
    f = only(list(coach.generic_ask(d)))
    assert (f.rule, f.contact_id, f.ask_id) == ("generic", 1, 1)
    assert f.evidence.startswith("'why this role' for Priya Shah is 39 characters and says nothing")


def test_a_40_character_why_naming_the_company_is_silent() -> None:
    d = build(asks=[ask(why_role=NAMES_STRIPE_40)])
    assert list(coach.generic_ask(d)) == []
    assert coach.review(d) == []


def test_a_long_why_with_no_specifics_fires() -> None:
    why = "This looks like a great opportunity and a great team to join."
    f = only(list(coach.generic_ask(build(asks=[ask(why_role=why)]))))
    assert f"is {len(why)} characters" in f.evidence


@pytest.mark.parametrize(
    "why",
    [
        "The ledger work in this posting is exactly what I want to do next.",  # a role word
        "I built and ran a payments reconciliation service for four years.",  # the user's fit
    ],
)
def test_a_role_word_or_the_users_fit_is_specific(why: str) -> None:
    assert list(coach.generic_ask(build(asks=[ask(why_role=why)]))) == []


def test_an_empty_why_is_left_to_the_packet_rule() -> None:
    d = build(asks=[ask(why_role="")])
    assert list(coach.generic_ask(d)) == []
    assert rule_keys(d) == ["no_packet"]


# -- before_ask, for_contact, archived ---------------------------------------------------


def test_before_ask_on_an_unscored_referrer_with_nothing_given() -> None:
    half = replace(STRIPE, decision_makers="")
    d = build(
        companies=[half], contacts=[person(phase=Phase.TIMING, scores=(), scored_on=())], interactions=[], asks=[]
    )
    assert coach.before_ask(d, 1) == [
        "Priya Shah is not scored yet; the method asks at 12+.",
        "You have not logged giving them any value yet.",
        "The research on Stripe is not complete.",
    ]


def test_before_ask_on_a_weak_referrer() -> None:
    d = build(contacts=[person(phase=Phase.TIMING, scores=((2, 2, 4, 3),))], asks=[])
    assert coach.before_ask(d, 1) == [
        "Priya Shah scores 11/20; the method asks at 12+.",
        "Internal influence is 2/5: they may not be able to move your application.",
    ]


def test_before_ask_on_a_referrer_barely_known() -> None:
    d = build(contacts=[person(phase=Phase.TIMING, scores=((2, 5, 5, 5),))], asks=[])
    assert coach.before_ask(d, 1) == ["Relationship strength is 2/5: build it before asking."]
    one_contact = build(contacts=[person(phase=Phase.TIMING)], asks=[], interactions=[warm()[0]], followups=[])
    assert coach.before_ask(one_contact, 1) == [
        "Only 1 logged contact with Priya Shah so far: build the relationship first."
    ]


def test_before_ask_is_empty_for_a_ready_referrer_and_an_unknown_id() -> None:
    d = build(contacts=[person(phase=Phase.TIMING, scores=((3, 3, 3, 3),))], asks=[])
    assert coach.before_ask(d, 1) == []
    assert coach.before_ask(d, 99) == []


def test_for_contact_keeps_that_referrers_findings() -> None:
    priya = person()
    bo = person("Bo Chen", 2, phase=Phase.TIMING, scores=((5, 1, 5, 5),))
    bad = ask(points=[], resume_url="", blurb="")
    d = build(contacts=[priya, bo], asks=[bad])
    findings = coach.review(d)
    assert {f.rule for f in coach.for_contact(findings, 1)} == {"no_packet"}
    assert [f.rule for f in coach.for_contact(findings, 2)] == ["wrong_people"]
    assert coach.for_contact(findings, 3) == []


def test_archived_referrers_are_ignored() -> None:
    gone = person(scores=((1, 1, 1, 1),), archived=True)
    a = ask(day=date(2026, 2, 2), why_role="", points=[], resume_url="", blurb="")
    skipped = [replace(f, status=FollowUpStatus.SKIPPED, skip_reason="left") for f in scheduled(a)]
    overdue = FollowUp(1, schedule.MONTHLY.kind, date(2026, 3, 1), id=30)
    d = build(
        companies=[replace(STRIPE, fit="")],
        contacts=[gone],
        interactions=[],
        asks=[a],
        followups=[*skipped, overdue],
    )
    assert d.contacts == {} and d.asks == []
    assert coach.review(d) == []
    assert coach.before_ask(d, 1) == []
    # the same data with Priya active trips most rules
    active = coach.Data.build(
        TODAY, [replace(STRIPE, fit="")], [replace(gone, archived=False)], [], [a], [*skipped, overdue]
    )
    assert {"passive", "quality", "information_gap", "wrong_people", "no_packet", "one_and_done", "entitled"} <= set(
        rule_keys(active)
    )


# -- the coach before an ask is saved ----------------------------------------------------


def test_findings_for_a_draft_are_the_rules_on_the_unsaved_ask() -> None:
    """Rule: the coach in the ask form runs the real rules on the data plus the draft."""
    d = build(asks=[], followups=[])
    draft = ask(aid=0, day=TODAY, resume_url="", why_role="too short")
    found = coach.findings_for_draft(d, draft)
    assert {f.rule for f in found} == {"no_packet", "generic"}
    assert all(f.ask_id == coach.DRAFT_ID for f in found)
    assert coach.review(d) == []  # the campaign itself is left as it was


def test_a_draft_that_makes_four_asks_in_a_week_is_spray() -> None:
    """Rule: spray and pray, before the fact: the draft that tips a week over three asks."""
    three = spray([date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7)])
    draft = ask(1, 0, TODAY)
    assert "spray" in {f.rule for f in coach.findings_for_draft(three, draft)}
    assert "This makes 4 asks within a week; the method keeps to 3 or fewer." in coach.before_ask(three, 1, draft)
    four = spray([date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8)])
    [worse] = [f for f in coach.findings_for_draft(four, draft) if f.rule == "spray"]
    assert worse.evidence == "5 asks between 5 Mar and 9 Mar"  # the draft makes it worse
    earlier = spray([date(2026, 2, 2), date(2026, 2, 3), date(2026, 2, 4), date(2026, 2, 5)])
    assert "spray" not in {f.rule for f in coach.findings_for_draft(earlier, draft)}  # not the draft's doing
    two = spray([date(2026, 3, 5), date(2026, 3, 6)])
    assert "spray" not in {f.rule for f in coach.findings_for_draft(two, draft)}


# -- the coach on a stored ask being edited ----------------------------------------------


def unpacked(**changes: Any) -> Ask:
    """Priya's ask with no context packet at all."""
    return ask(role_url="", why_role="", points=[], resume_url="", blurb="", **changes)


def test_completing_the_packet_of_a_stored_ask_drops_the_packet_finding() -> None:
    """Rule: the coach in the edit form runs the real rules on the campaign with the ask edited."""
    stored = unpacked()
    d = build(asks=[stored], followups=scheduled(stored))
    assert [(f.rule, f.ask_id) for f in coach.review(d)] == [("no_packet", 1)]
    assert coach.findings_for_edit(d, ask()) == []  # the complete packet: nothing to say
    still = coach.findings_for_edit(d, replace(stored, role_title="Staff Engineer II"))
    assert [(f.rule, f.ask_id, f.contact_id) for f in still] == [("no_packet", 1, 1)]  # under its own id
    assert coach.review(d) == [only(coach.review(d))]  # the campaign itself is left as it was
    assert d.asks == [stored]


def test_an_edit_that_makes_the_why_generic_says_so() -> None:
    found = coach.findings_for_edit(build(), ask(why_role="I want this job"))
    assert [(f.rule, f.ask_id) for f in found] == [("generic", 1)]


def test_the_edit_shows_the_referrers_findings_and_not_other_peoples() -> None:
    priya = person(scores=((4, 2, 5, 5),))  # influence 2: wrong people, about Priya without an ask
    bo = person("Bo Chen", 2, phase=Phase.TIMING, scores=((5, 1, 5, 5),))
    bos_ask = unpacked(cid=2, aid=2)
    d = build(
        contacts=[priya, bo],
        interactions=[*warm(), asked(1, ASK_DAY, 9), *warm(2, first_id=20), asked(2, ASK_DAY, 29)],
        asks=[ask(), bos_ask],
        followups=[*scheduled(ask()), *scheduled(bos_ask, first_id=40)],
    )
    assert {(f.rule, f.contact_id) for f in coach.review(d)} == {
        ("wrong_people", 1),
        ("wrong_people", 2),
        ("no_packet", 2),
    }
    found = coach.findings_for_edit(d, ask(blurb="Engineer with nine years on payments."))
    assert [(f.rule, f.contact_id, f.ask_id) for f in found] == [("wrong_people", 1, None)]


def test_a_new_day_moves_the_follow_ups_as_saving_does() -> None:
    """Rule: a new ask day moves the open follow-ups the schedule placed (``edit_ask``), so the
    coach counts the check-ins from the new day: asked 16 Feb, week-2 due 23 Feb, 14 days late."""
    d = build()
    assert coach.findings_for_edit(d, ask()) == []
    earlier = date(2026, 2, 16)
    found = coach.findings_for_edit(d, ask(day=earlier))
    passive = only([f for f in found if f.rule == "passive"])
    assert passive.ask_id == 1
    assert passive.evidence == "asked Priya Shah on 16 Feb; week-2 check-in overdue by 14 days; no follow-up done since"
    # the week-3 step (16 Feb + 14 = 2 Mar) is overdue too: the one-and-done rule names it
    late = only([f for f in found if f.rule == "one_and_done"])
    assert (late.ask_id, late.evidence.endswith("overdue by 7 days")) == (1, True)
    changed = coach.edit_data(d, ask(day=earlier))
    assert changed is not None
    with_edit, edited = changed
    assert {f.due for f in with_edit.followups[1]} == {due for _, due in schedule.ask_schedule(earlier)}
    assert {f.due for f in d.followups[1]} == {due for _, due in schedule.ask_schedule(ASK_DAY)}  # d as it was
    assert edited.day == earlier


def test_a_snoozed_follow_up_keeps_its_day_when_the_ask_moves() -> None:
    a = ask()
    items = scheduled(a)
    items[0] = replace(items[0], due=date(2026, 3, 20), original_due=items[0].due)  # week-2 snoozed
    changed = coach.edit_data(build(followups=items), ask(day=date(2026, 3, 2)))
    assert changed is not None
    assert changed[0].followups[1][0].due == date(2026, 3, 20)
    assert changed[0].followups[1][1].due == schedule.ask_schedule(date(2026, 3, 2))[1][1]


def test_the_edit_keeps_the_stored_referrer_and_status() -> None:
    """As ``edit_ask`` saves it: the form cannot move an ask to another person or status."""
    d = build()
    changed = coach.edit_data(d, ask(cid=2, status=AskStatus.OFFER))
    assert changed is not None
    assert (changed[1].contact_id, changed[1].status) == (1, d.asks[0].status)


def test_an_edited_day_that_makes_four_asks_in_a_week_is_spray() -> None:
    """Rule: spray and pray, before the fact, for an edit too; not when the week was full before."""
    d = spray([date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7), date(2026, 2, 2)])
    assert "spray" not in rule_keys(d)
    moved = replace(d.asks[3], day=date(2026, 3, 8))
    [found] = [f for f in coach.findings_for_edit(d, moved) if f.rule == "spray"]
    assert found.evidence == "4 asks between 5 Mar and 8 Mar"
    full = spray([date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8)])
    same = replace(full.asks[0], blurb="Engineer with nine years on payments.")
    assert "spray" in rule_keys(full)
    assert "spray" not in {f.rule for f in coach.findings_for_edit(full, same)}  # not the edit's doing


def test_an_ask_the_campaign_does_not_hold_is_judged_as_a_draft() -> None:
    d = build(asks=[], followups=[])
    found = coach.findings_for_edit(d, unpacked(aid=7))
    assert coach.edit_data(d, unpacked(aid=7)) is None
    assert [(f.rule, f.ask_id) for f in found] == [("no_packet", coach.DRAFT_ID)]
