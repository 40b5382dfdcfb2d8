"""Unit tests for the success metrics: every figure worked out by hand in the comments.

Today is Mon 9 Mar 2026. The campaign:

    id  name        company  phase         scores (day: relationship)
    1   Priya Shah  Stripe   Ask           2 Feb: 2, 16 Feb: 4
    2   Bo Chen     Stripe   Ask           9 Feb: 3,  2 Mar: 1
    3   Li Wei      Acme     Ask           4 Feb: 5
    4   Sam Jones   Globex   Timing        (unscored)
    5   Ana Lima    Acme     Research     23 Feb: 2,  9 Mar: 5
    6   Zed Old     Stripe   Ask, ARCHIVED 5 Jan: 5   (ignored everywhere)
    7   Nia Net     Globex   network       12 Jan: 1  (not on the board)

    ask  who    day     history                                           now
    1    Priya  16 Feb  submitted 17 Feb, responded 20 Feb, screening 24 Feb (4)  screening, insider info
    2    Bo     23 Feb  submitted 24 Feb, no_response 8 Mar                no_response
    3    Li     25 Feb  submitted 26 Feb, rejected 3 Mar                   rejected
    4    Li      5 Mar  (requested only)                                   requested
    5    Priya   2 Mar  submitted 3 Mar, screening 6 Mar (2), interviewing 9 Mar   interviewing
    6    Zed    20 Feb  submitted, responded, screening (5)                (archived: ignored)
    7    Nia    10 Feb  withdrawn 12 Feb                                   withdrawn
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from referral_tui.domain import followups as followup_rules
from referral_tui.domain import metrics
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
from referral_tui.ui.screens.metrics import metrics_markup

TODAY = date(2026, 3, 9)
D = date


def scores(*entries: tuple[date, int]) -> list[ScoreEntry]:
    """Scores whose relationship rating varies; the other three ratings are 3."""
    return [ScoreEntry(day, rel, 3, 3, 3) for day, rel in entries]


def history(start: date, *steps: tuple[str, date]) -> list[dict[str, str]]:
    return [{"status": "requested", "day": start.isoformat()}] + [
        {"status": s, "day": day.isoformat()} for s, day in steps
    ]


COMPANIES = [Company("Stripe", id=1), Company("Acme", id=2), Company("Globex", id=3)]
CONTACTS = [
    Contact("Priya Shah", 1, phase=Phase.ASK, scores=scores((D(2026, 2, 2), 2), (D(2026, 2, 16), 4)), id=1),
    Contact("Bo Chen", 1, phase=Phase.ASK, scores=scores((D(2026, 2, 9), 3), (D(2026, 3, 2), 1)), id=2),
    Contact("Li Wei", 2, phase=Phase.ASK, scores=scores((D(2026, 2, 4), 5)), id=3),
    Contact("Sam Jones", 3, phase=Phase.TIMING, id=4),
    Contact("Ana Lima", 2, phase=Phase.RESEARCH, scores=scores((D(2026, 2, 23), 2), (D(2026, 3, 9), 5)), id=5),
    Contact("Zed Old", 1, phase=Phase.ASK, scores=scores((D(2026, 1, 5), 5)), archived=True, id=6),
    Contact("Nia Net", 3, phase=None, scores=scores((D(2026, 1, 12), 1)), id=7),
]
INTERACTIONS = [
    Interaction(
        3, D(2026, 2, 20), InteractionKind.CALL, insider=True, insider_text="hiring freeze ends in April", id=1
    ),
    Interaction(6, D(2026, 2, 1), InteractionKind.CALL, insider=True, id=2),  # archived
    Interaction(7, D(2026, 2, 1), InteractionKind.CALL, insider=True, id=3),  # network
    Interaction(2, D(2026, 2, 20), InteractionKind.MESSAGE, id=4),
]
ASKS = [
    Ask(
        1,
        D(2026, 2, 16),
        status=AskStatus.SCREENING,
        status_history=history(
            D(2026, 2, 16), ("submitted", D(2026, 2, 17)), ("responded", D(2026, 2, 20)), ("screening", D(2026, 2, 24))
        ),
        screening_quality=4,
        insider_info="team reorg in April",
        id=1,
    ),
    Ask(
        2,
        D(2026, 2, 23),
        status=AskStatus.NO_RESPONSE,
        status_history=history(D(2026, 2, 23), ("submitted", D(2026, 2, 24)), ("no_response", D(2026, 3, 8))),
        id=2,
    ),
    Ask(
        3,
        D(2026, 2, 25),
        status=AskStatus.REJECTED,
        status_history=history(D(2026, 2, 25), ("submitted", D(2026, 2, 26)), ("rejected", D(2026, 3, 3))),
        id=3,
    ),
    Ask(3, D(2026, 3, 5), status_history=history(D(2026, 3, 5)), id=4),
    Ask(
        1,
        D(2026, 3, 2),
        status=AskStatus.INTERVIEWING,
        status_history=history(
            D(2026, 3, 2), ("submitted", D(2026, 3, 3)), ("screening", D(2026, 3, 6)), ("interviewing", D(2026, 3, 9))
        ),
        screening_quality=2,
        id=5,
    ),
    Ask(
        6,
        D(2026, 2, 20),
        status=AskStatus.SCREENING,
        status_history=history(
            D(2026, 2, 20), ("submitted", D(2026, 2, 21)), ("responded", D(2026, 2, 22)), ("screening", D(2026, 2, 23))
        ),
        screening_quality=5,
        insider_info="archived",
        id=6,
    ),
    Ask(
        7,
        D(2026, 2, 10),
        status=AskStatus.WITHDRAWN,
        status_history=history(D(2026, 2, 10), ("withdrawn", D(2026, 2, 12))),
        id=7,
    ),
]
FOLLOWUPS = [
    # on time: done on its due day
    FollowUp(1, FollowUpKind.WEEK2, D(2026, 2, 23), ask_id=1, status=FollowUpStatus.DONE, done_on=D(2026, 2, 23), id=1),
    # late: done two days after its due day
    FollowUp(1, FollowUpKind.WEEK3, D(2026, 3, 2), ask_id=1, status=FollowUpStatus.DONE, done_on=D(2026, 3, 4), id=2),
    # late: snoozed from 2 Mar to 5 Mar and done on 4 Mar, judged against 2 Mar
    FollowUp(
        2,
        FollowUpKind.WEEK2,
        D(2026, 3, 5),
        ask_id=2,
        status=FollowUpStatus.DONE,
        original_due=D(2026, 3, 2),
        done_on=D(2026, 3, 4),
        id=3,
    ),
    # on time: snoozed from 4 Mar to 6 Mar and done on 4 Mar
    FollowUp(
        3,
        FollowUpKind.WEEK2,
        D(2026, 3, 6),
        ask_id=3,
        status=FollowUpStatus.DONE,
        original_due=D(2026, 3, 4),
        done_on=D(2026, 3, 4),
        id=4,
    ),
    # skipped
    FollowUp(
        3,
        FollowUpKind.WEEK3,
        D(2026, 3, 11),
        ask_id=3,
        status=FollowUpStatus.SKIPPED,
        skip_reason="rejected",
        done_on=TODAY,
        id=5,
    ),
    # overdue now: open, due 1 Mar
    FollowUp(4, FollowUpKind.MONTHLY, D(2026, 3, 1), id=6),
    # not overdue: due today
    FollowUp(5, FollowUpKind.EVENT, TODAY, id=7),
    # archived referrer: ignored (would be one late, one skipped, one overdue)
    FollowUp(6, FollowUpKind.WEEK2, D(2026, 2, 27), ask_id=6, status=FollowUpStatus.DONE, done_on=D(2026, 3, 5), id=8),
    FollowUp(6, FollowUpKind.WEEK3, D(2026, 3, 6), ask_id=6, status=FollowUpStatus.SKIPPED, skip_reason="gone", id=9),
    FollowUp(6, FollowUpKind.MONTHLY, D(2026, 3, 1), id=10),
    # the network: still a person the user follows up with; open, due 8 Mar, overdue
    FollowUp(7, FollowUpKind.MONTHLY, D(2026, 3, 8), id=11),
]


@pytest.fixture(scope="module")
def m() -> metrics.Metrics:
    return metrics.compute(TODAY, COMPANIES, CONTACTS, INTERACTIONS, ASKS, FOLLOWUPS)


def test_response_rate_overall(m: metrics.Metrics) -> None:
    # submitted (reached 'submitted' or later): asks 1, 2, 3, 5 = 4; ask 4 is only requested,
    # ask 7 was withdrawn before submission, ask 6 is archived.
    # responded: 1 (responded), 3 (a rejection is a response), 5 (screening) = 3; ask 2's
    # 'no response' is not one.
    assert m.response == metrics.Rate(3, 4)
    assert m.response.share == 0.75
    assert m.response.text() == "3/4 (75%)"


def test_response_rate_per_company(m: metrics.Metrics) -> None:
    # Stripe: asks 1, 2, 5 submitted, 1 and 5 answered -> 2/3; Acme: ask 3 -> 1/1.
    # Globex has no submitted ask, so it is not listed. Sorted by name.
    assert m.response_by_company == {"Acme": metrics.Rate(1, 1), "Stripe": metrics.Rate(2, 3)}
    assert m.response_by_company["Stripe"].text() == "2/3 (67%)"
    assert m.response_by_company["Acme"].text() == "1/1 (100%)"


def test_a_direct_rejection_counts_as_submitted_and_answered() -> None:
    a = Ask(
        1,
        D(2026, 3, 1),
        status=AskStatus.REJECTED,
        status_history=history(D(2026, 3, 1), (AskStatus.REJECTED, D(2026, 3, 2))),
        id=1,
    )
    r = metrics.compute(TODAY, COMPANIES, CONTACTS[:1], [], [a], [])
    assert r.response == metrics.Rate(1, 1)
    assert r.days_to_response == [1]


def test_screening_mean_and_distribution(m: metrics.Metrics) -> None:
    # ratings 4 (ask 1) and 2 (ask 5); the archived 5 is left out. Mean (4 + 2) / 2 = 3.
    assert sorted(m.screening) == [2, 4]
    assert m.screening_mean == 3.0
    assert m.screening_distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}


def test_insider_shares(m: metrics.Metrics) -> None:
    # asks: only ask 1 has insider info, of 6 asks (1, 2, 3, 4, 5, 7) -> 1/6 = 17%
    assert m.insider_asks == metrics.Rate(1, 6)
    assert m.insider_asks.text() == "1/6 (17%)"
    # referrers on the board: Priya, Bo, Li, Sam, Ana = 5; insider from Li (interaction) and
    # Priya (ask 1); Zed is archived and Nia is not on the board -> 2/5 = 40%
    assert m.insider_referrers == metrics.Rate(2, 5)
    assert m.insider_referrers.text() == "2/5 (40%)"


def test_strength_by_week(m: metrics.Metrics) -> None:
    # Mondays from the first board scoring (Mon 2 Feb; Zed's 5 Jan and Nia's 12 Jan do not count)
    # to today. Each week: every scored referrer's latest relationship rating up to its Sunday.
    #   2 Feb (to 8 Feb):   Priya 2, Li 5                 -> 7/2  = 3.5
    #   9 Feb (to 15 Feb):  Priya 2, Bo 3, Li 5           -> 10/3 = 3.33
    #  16 Feb (to 22 Feb):  Priya 4, Bo 3, Li 5           -> 12/3 = 4.0
    #  23 Feb (to 1 Mar):   Priya 4, Bo 3, Li 5, Ana 2    -> 14/4 = 3.5
    #   2 Mar (to 8 Mar):   Priya 4, Bo 1, Li 5, Ana 2    -> 12/4 = 3.0
    #   9 Mar (to 15 Mar):  Priya 4, Bo 1, Li 5, Ana 5    -> 15/4 = 3.75
    assert m.strength_by_week == [
        (D(2026, 2, 2), 3.5),
        (D(2026, 2, 9), 3.33),
        (D(2026, 2, 16), 4.0),
        (D(2026, 2, 23), 3.5),
        (D(2026, 3, 2), 3.0),
        (D(2026, 3, 9), 3.75),
    ]
    assert all(week.weekday() == 0 for week, _ in m.strength_by_week)


def test_strength_weeks_start_on_a_monday_even_mid_week() -> None:
    # one referrer scored Thu 26 Feb (relationship 2) and Wed 4 Mar (4)
    c = Contact("Priya Shah", phase=Phase.ASK, scores=scores((D(2026, 2, 26), 2), (D(2026, 3, 4), 4)), id=1)
    assert metrics.strength_by_week([c], TODAY) == [(D(2026, 2, 23), 2.0), (D(2026, 3, 2), 4.0), (D(2026, 3, 9), 4.0)]


def test_risers_and_fallers(m: metrics.Metrics) -> None:
    # first to last relationship rating: Ana 2 -> 5 (+3), Priya 2 -> 4 (+2), Bo 3 -> 1 (-2);
    # Li has one scoring, Zed is archived, Nia is not on the board.
    assert m.risers == [("Ana Lima", 3), ("Priya Shah", 2)]
    assert m.fallers == [("Bo Chen", -2)]


def test_phases_and_ask_statuses(m: metrics.Metrics) -> None:
    assert m.phases == {"Research": 1, "Relationship": 0, "Timing": 1, "Ask": 3}
    assert m.ask_statuses == {
        "Requested": 1,  # ask 4
        "Submitted": 0,
        "Recruiter responded": 0,
        "Screening": 1,  # ask 1
        "Interviewing": 1,  # ask 5
        "Offer": 0,
        "Rejected": 1,  # ask 3
        "No response": 1,  # ask 2
        "Withdrawn": 1,  # ask 7
    }


def test_days_to_response(m: metrics.Metrics) -> None:
    # ask 1: 16 Feb -> responded 20 Feb = 4; ask 3: 25 Feb -> rejected 3 Mar = 6 (Feb has 28 days);
    # ask 5: 2 Mar -> screening 6 Mar = 4. Ask 2's no response is not a response.
    assert sorted(m.days_to_response) == [4, 4, 6]
    assert m.median_days_to_response == 4


def test_follow_up_discipline(m: metrics.Metrics) -> None:
    # on time: #1 (done on its day), #4 (done on its original day before the snoozed one) = 2
    # late: #2 (two days late), #3 (done before its snoozed day but after the original) = 2
    # skipped: #5 = 1; overdue now: #6 (1 Mar) and #11 (8 Mar) = 2; #7 is due today.
    # The archived referrer's #8-#10 count nowhere.
    assert (m.followups_on_time, m.followups_late, m.followups_skipped, m.followups_overdue) == (2, 2, 1, 2)


def test_a_monthly_check_in_moved_by_contact_and_done_by_its_new_day_is_on_time() -> None:
    monthly = FollowUp(1, FollowUpKind.MONTHLY, D(2026, 4, 9), id=1)
    [moved] = followup_rules.reset_monthly_clock([monthly], D(2026, 3, 20))  # a call on 20 Mar
    assert moved.due == D(2026, 4, 20)
    done, _, _ = followup_rules.done(moved, D(2026, 4, 15))
    r = metrics.compute(D(2026, 4, 16), [], CONTACTS[:1], [], [], [done])
    assert (r.followups_on_time, r.followups_late) == (1, 0)


def test_reached_and_response_day() -> None:
    a = ASKS[0]
    assert metrics.reached(a) == {"requested", "submitted", "responded", "screening"}
    assert metrics.response_day(a) == D(2026, 2, 20)
    assert metrics.response_day(ASKS[1]) is None


def test_rates() -> None:
    assert metrics.Rate(0, 0).share is None
    assert metrics.Rate(0, 0).text() == "no data yet"
    assert metrics.Rate(0, 3).text() == "0/3 (0%)"
    assert metrics.Rate(2, 3).text() == "2/3 (67%)"


def test_every_figure_says_how_it_is_computed(m: metrics.Metrics) -> None:
    assert set(m.notes) == {"response", "screening", "insider", "strength", "funnel", "discipline"}
    assert all(text.strip() for text in m.notes.values())
    markup = metrics_markup(m)
    assert all("How:" in markup[key] for key in m.notes)


def test_empty_data_says_no_data_yet() -> None:
    e = metrics.compute(TODAY, [], [], [], [], [])
    assert e.response.text() == "no data yet"
    assert e.response_by_company == {}
    assert e.screening == [] and e.screening_mean is None
    assert e.screening_distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
    assert e.insider_asks.text() == "no data yet" and e.insider_referrers.text() == "no data yet"
    assert e.strength_by_week == [] and e.risers == [] and e.fallers == []
    assert set(e.phases.values()) == {0} and set(e.ask_statuses.values()) == {0}
    assert e.days_to_response == [] and e.median_days_to_response is None
    assert (e.followups_on_time, e.followups_late, e.followups_skipped, e.followups_overdue) == (0, 0, 0, 0)
    markup = metrics_markup(e)
    assert "no data yet" in markup["response"]
    assert "no screening rated yet" in markup["screening"]
    assert markup["insider"].count("no data yet") == 2
    assert "no scores yet" in markup["strength"]
    assert "No recruiter responses yet" in markup["funnel"]
    assert "on time 0 · late 0 · skipped 0 (of 0 closed) · overdue now 0" in markup["discipline"]


def test_archived_only_data_is_empty_too() -> None:
    gone = [replace(c, archived=True) for c in CONTACTS]
    e = metrics.compute(TODAY, COMPANIES, gone, INTERACTIONS, ASKS, FOLLOWUPS)
    assert e.response.text() == "no data yet"
    assert e.strength_by_week == [] and e.screening == []
    assert (e.followups_on_time, e.followups_late, e.followups_skipped, e.followups_overdue) == (0, 0, 0, 0)


# -- relationship strength per referrer (the Strength tab's rows) ------------------------------

NAMES = {c.id: c.name for c in COMPANIES}


def test_strength_rows_keep_every_scoring_of_each_scored_referrer_on_the_board() -> None:
    # Sam is unscored, Zed archived, Nia in the network: left out. Order as given.
    rows = metrics.strength_rows(CONTACTS, NAMES)
    assert [(r.contact_id, r.name, r.company) for r in rows] == [
        (1, "Priya Shah", "Stripe"),
        (2, "Bo Chen", "Stripe"),
        (3, "Li Wei", "Acme"),
        (5, "Ana Lima", "Acme"),
    ]
    priya = rows[0]
    assert priya.history == ((D(2026, 2, 2), 2), (D(2026, 2, 16), 4))
    assert (priya.first, priya.latest, priya.change) == (2, 4, 2)
    assert [(r.first, r.latest, r.change) for r in rows[1:]] == [(3, 1, -2), (5, 5, 0), (2, 5, 3)]


def test_a_strength_row_compares_the_first_and_latest_scoring_not_the_ones_between() -> None:
    c = Contact(
        "Kim Park", 2, phase=Phase.TIMING, scores=scores((D(2026, 1, 5), 3), (D(2026, 2, 1), 5), (D(2026, 3, 1), 2))
    )
    [row] = metrics.strength_rows([c], NAMES)
    assert (row.first, row.latest, row.change) == (3, 2, -1)
    assert [v for _, v in row.history] == [3, 5, 2]


def test_strength_rows_without_a_known_company_say_none() -> None:
    nowhere = Contact("Lone Wolf", None, phase=Phase.RESEARCH, scores=scores((TODAY, 3)), id=8)
    gone = Contact("Gone Co", 99, phase=Phase.RESEARCH, scores=scores((TODAY, 3)), id=9)
    assert [r.company for r in metrics.strength_rows([nowhere, gone], NAMES)] == ["", ""]
    assert metrics.strength_rows([], NAMES) == []


def test_sort_by_change_both_ways() -> None:
    rows = metrics.strength_rows(CONTACTS, NAMES)
    rise = metrics.sort_by_change(rows, rise_first=True)
    assert [(r.name, r.change) for r in rise] == [("Ana Lima", 3), ("Priya Shah", 2), ("Li Wei", 0), ("Bo Chen", -2)]
    fall = metrics.sort_by_change(rows, rise_first=False)
    assert [(r.name, r.change) for r in fall] == [("Bo Chen", -2), ("Li Wei", 0), ("Priya Shah", 2), ("Ana Lima", 3)]
    assert [r.name for r in rows] == ["Priya Shah", "Bo Chen", "Li Wei", "Ana Lima"]  # the input is left as it was


def test_equal_changes_sort_by_name_ignoring_case_either_way() -> None:
    def row(name: str, first: int, latest: int) -> metrics.StrengthRow:
        return metrics.StrengthRow(len(name), name, "", ((D(2026, 1, 5), first), (D(2026, 2, 5), latest)))

    rows = [row("zoe", 1, 3), row("Adam", 2, 4), row("bea", 4, 4), row("Cy", 3, 3)]
    assert [r.name for r in metrics.sort_by_change(rows, True)] == ["Adam", "zoe", "bea", "Cy"]
    assert [r.name for r in metrics.sort_by_change(rows, False)] == ["bea", "Cy", "Adam", "zoe"]


def test_the_rows_change_agrees_with_the_risers_and_fallers(m: metrics.Metrics) -> None:
    rows = {r.name: r.change for r in metrics.strength_rows(CONTACTS, NAMES)}
    assert all(rows[name] == change for name, change in [*m.risers, *m.fallers])
