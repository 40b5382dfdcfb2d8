"""The follow-up engine: done / snooze / skip rules, the monthly clock, and the repository
operations that save them (complete, snooze, skip, log an interaction, asks and their outcome).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from referral_tui.domain import followups, schedule
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.followups import MAX_SNOOZE_DAYS, FollowUpError
from referral_tui.domain.records import (
    ASK_STATUSES,
    Ask,
    AskStatus,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Phase,
)
from referral_tui.store.repository import Repository
from tests.helpers import undo_text

TODAY = date(2026, 3, 9)


def open_followup(kind: str = "week2_checkin", due: date = TODAY, **extra: object) -> FollowUp:
    template = schedule.STEPS[kind].template if kind in schedule.STEPS else ""
    return FollowUp(contact_id=7, kind=kind, due=due, ask_id=3, template=template, id=11, **extra)  # type: ignore[arg-type]


def by_kind(repo: Repository, contact_id: int | None = None, open_only: bool = True) -> dict[str, FollowUp]:
    found = [f for f in repo.followups(open_only=open_only) if contact_id is None or f.contact_id == contact_id]
    kinds = [f.kind for f in found]
    assert len(kinds) == len(set(kinds)), f"expected one follow-up per kind, got {kinds}"
    return {f.kind: f for f in found}


def monthlies(repo: Repository, open_only: bool = True) -> list[FollowUp]:
    return sorted((f for f in repo.followups(open_only=open_only) if f.kind == "monthly"), key=lambda f: f.due)


# -- the pure rules: refusing what does not apply ---------------------------------------


@pytest.mark.parametrize("status", ["done", "skipped"])
def test_closed_followup_cannot_be_done_snoozed_or_skipped(status: str) -> None:
    closed = open_followup(status=status, done_on=date(2026, 3, 1))
    with pytest.raises(FollowUpError, match=f"already {status}"):
        followups.done(closed, TODAY)
    with pytest.raises(FollowUpError, match=f"already {status}"):
        followups.snooze(closed, TODAY, 1)
    with pytest.raises(FollowUpError, match=f"already {status}"):
        followups.skip(closed, "no longer relevant", TODAY)


def test_followup_error_is_a_value_error() -> None:
    assert issubclass(FollowUpError, ValueError)


@pytest.mark.parametrize("days", [0, -1, MAX_SNOOZE_DAYS + 1, 365])
def test_snooze_out_of_bounds_is_refused_with_the_range(days: int) -> None:
    with pytest.raises(FollowUpError) as excinfo:
        followups.snooze(open_followup(), TODAY, days)
    assert "1 to 90" in str(excinfo.value) and str(days) in str(excinfo.value)


@pytest.mark.parametrize(("days", "due"), [(1, date(2026, 3, 10)), (MAX_SNOOZE_DAYS, date(2026, 6, 7))])
def test_snooze_bounds_are_inclusive(days: int, due: date) -> None:
    assert MAX_SNOOZE_DAYS == 90
    assert followups.snooze(open_followup(due=TODAY), TODAY, days).due == due


def test_snooze_of_an_overdue_item_counts_from_today() -> None:
    overdue = open_followup(due=date(2026, 2, 27))
    snoozed = followups.snooze(overdue, TODAY, 2)
    assert snoozed.due == date(2026, 3, 11)  # not 1 Mar: two days from today
    assert snoozed.original_due == date(2026, 2, 27)
    assert snoozed.status == "open" and snoozed.id == overdue.id
    assert overdue.due == date(2026, 2, 27), "the input record is left as it was"


def test_snooze_of_a_future_item_counts_from_its_due_day() -> None:
    later = open_followup(due=date(2026, 3, 20))
    assert followups.snooze(later, TODAY, 3).due == date(2026, 3, 23)


def test_snoozing_twice_keeps_the_first_original_due() -> None:
    first = followups.snooze(open_followup(due=date(2026, 3, 1)), TODAY, 1)
    second = followups.snooze(first, TODAY, 5)
    assert second.due == date(2026, 3, 15)
    assert second.original_due == date(2026, 3, 1)


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"])
def test_skip_needs_a_reason(reason: str) -> None:
    with pytest.raises(FollowUpError, match="why"):
        followups.skip(open_followup(), reason, TODAY)


def test_skip_keeps_the_reason_trimmed_and_the_day() -> None:
    skipped, following = followups.skip(open_followup(), "  changed teams ", TODAY)
    assert (skipped.status, skipped.skip_reason, skipped.done_on) == ("skipped", "changed teams", TODAY)
    assert following is None, "only a monthly check-in schedules a next one"


# -- done: the interaction it amounts to -------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "logged_kind", "gave_value"),
    [
        ("week2_checkin", "checkin", False),
        ("week3_update", "update", False),
        ("week4_insight", "value", True),
        ("monthly", "checkin", False),
        ("event_48h", "message", True),
    ],
)
def test_done_logs_the_matching_interaction(kind: str, logged_kind: str, gave_value: bool) -> None:
    closed, interaction, _ = followups.done(open_followup(kind=kind, due=date(2026, 3, 2)), TODAY)
    assert (closed.status, closed.done_on, closed.due) == ("done", TODAY, date(2026, 3, 2))
    assert (interaction.contact_id, interaction.day, interaction.kind) == (7, TODAY, logged_kind)
    assert interaction.gave_value is gave_value
    assert interaction.summary


def test_done_of_a_non_monthly_schedules_nothing() -> None:
    for kind in ("week2_checkin", "week3_update", "week4_insight", "event_48h"):
        assert followups.done(open_followup(kind=kind), TODAY)[2] is None


# -- the monthly cycle -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "done_on", "next_due"),
    [
        (TODAY, TODAY, date(2026, 4, 9)),
        (date(2026, 3, 2), TODAY, date(2026, 4, 9)),  # done late: a month after it was done
        (date(2026, 1, 31), date(2026, 1, 31), date(2026, 2, 28)),  # month-end clamping
        (date(2028, 1, 31), date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 12, 15), date(2026, 12, 15), date(2027, 1, 15)),  # into the next year
    ],
)
def test_monthly_done_schedules_the_next_a_month_later(due: date, done_on: date, next_due: date) -> None:
    monthly = open_followup(kind="monthly", due=due)
    closed, _, following = followups.done(monthly, done_on)
    assert closed.status == "done"
    assert following is not None
    assert following.due == next_due
    assert (following.contact_id, following.ask_id, following.kind) == (7, 3, "monthly")
    assert (following.template, following.status, following.id) == ("monthly_checkin", "open", 0)
    assert following.original_due is None and following.done_on is None


def test_monthly_done_early_schedules_the_next_a_month_after_the_contact() -> None:
    """Like any contact, an early check-in restarts the monthly clock from the day it happened."""
    early = open_followup(kind="monthly", due=date(2026, 3, 20))
    _, _, following = followups.done(early, TODAY)
    assert following is not None and following.due == date(2026, 4, 9)


@pytest.mark.parametrize(
    ("due", "skip_on", "next_due"),
    [(TODAY, TODAY, date(2026, 4, 9)), (date(2026, 1, 31), date(2026, 1, 31), date(2026, 2, 28))],
)
def test_skipping_a_monthly_also_schedules_the_next(due: date, skip_on: date, next_due: date) -> None:
    skipped, following = followups.skip(open_followup(kind="monthly", due=due), "on holiday", skip_on)
    assert skipped.status == "skipped"
    assert following is not None
    assert (following.kind, following.due, following.status, following.template) == (
        "monthly",
        next_due,
        "open",
        "monthly_checkin",
    )


# -- resetting the monthly clock ---------------------------------------------------------


def test_reset_moves_an_open_monthly_to_contact_day_plus_a_month() -> None:
    monthly = open_followup(kind="monthly", due=date(2026, 3, 20))
    [moved] = followups.reset_monthly_clock([monthly], TODAY)
    assert moved.due == date(2026, 4, 9)
    assert moved.original_due is None  # a new schedule, not a snooze: it is judged by its new day
    assert moved.id == monthly.id and moved.status == "open"


def test_reset_never_moves_a_monthly_earlier_or_to_the_same_day() -> None:
    later = open_followup(kind="monthly", due=date(2026, 4, 20))
    same = open_followup(kind="monthly", due=date(2026, 4, 9))
    assert followups.reset_monthly_clock([later, same], TODAY) == []


def test_reset_clamps_at_month_end() -> None:
    monthly = open_followup(kind="monthly", due=date(2026, 2, 1))
    [moved] = followups.reset_monthly_clock([monthly], date(2026, 1, 31))
    assert moved.due == date(2026, 2, 28)


def test_reset_leaves_other_kinds_and_closed_monthlies_alone() -> None:
    items = [
        open_followup(kind="week2_checkin", due=date(2026, 3, 10)),
        open_followup(kind="week4_insight", due=date(2026, 3, 12)),
        open_followup(kind="event_48h", due=date(2026, 3, 11)),
        open_followup(kind="monthly", due=date(2026, 3, 10), status="done", done_on=TODAY),
        open_followup(kind="monthly", due=date(2026, 3, 10), status="skipped", skip_reason="x"),
    ]
    assert followups.reset_monthly_clock(items, TODAY) == []


def test_reset_keeps_an_earlier_original_due() -> None:
    snoozed = open_followup(kind="monthly", due=date(2026, 3, 12), original_due=date(2026, 3, 5))
    [moved] = followups.reset_monthly_clock([snoozed], TODAY)
    assert moved.original_due == date(2026, 3, 5)


# -- the repository ----------------------------------------------------------------------


@pytest.fixture
def asked(repo: Repository) -> tuple[Repository, int, Ask]:
    """Li was asked on 20 Feb: week-2 on 27 Feb, week-3 on 6 Mar (both overdue), week-4 on
    13 Mar, the first monthly on 13 Apr."""
    contact = repo.quick_add("Li Wei @ Acme, Engineering Manager !timing")
    ask = repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 2, 20), role_title="Staff Engineer"))
    repo.undo_stack.clear()
    return repo, contact.id, ask


def fresh(repo: Repository) -> Repository:
    """A second view of the same file, as another process would see it."""
    return Repository(repo.path, FixedClock(TODAY))


def test_add_ask_logs_asked_and_creates_four_templated_followups(repo: Repository) -> None:
    contact = repo.quick_add("Li Wei @ Acme !timing")
    ask = repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 3, 2), role_title="Platform Engineer"))
    [interaction] = repo.interactions(contact.id)
    assert (interaction.kind, interaction.day) == ("asked", date(2026, 3, 2))
    assert "Platform Engineer" in interaction.summary
    found = sorted(repo.followups(), key=lambda f: f.due)
    assert [(f.kind, f.template, f.due) for f in found] == [
        ("week2_checkin", "week2_checkin", date(2026, 3, 9)),
        ("week3_update", "week3_update", date(2026, 3, 16)),
        ("week4_insight", "week4_insight", date(2026, 3, 23)),
        ("monthly", "monthly_checkin", date(2026, 4, 23)),
    ]
    assert all(f.ask_id == ask.id and f.contact_id == contact.id and f.is_open for f in found)
    assert repo.contact(contact.id).phase is Phase.ASK
    # Every template named exists, so the follow-up can render its message.
    for f in found:
        assert repo.template(f.template).body


def test_add_ask_without_log_records_no_interaction(repo: Repository) -> None:
    contact = repo.quick_add("Li Wei @ Acme")
    repo.add_ask(Ask(contact_id=contact.id, day=TODAY), log=False)
    assert repo.interactions() == []
    assert len(repo.followups()) == 4


def test_complete_week2_logs_a_checkin_and_undo_is_one_step(asked: tuple[Repository, int, Ask]) -> None:
    repo, contact_id, _ = asked
    week2 = by_kind(repo)["week2_checkin"]
    before = repo.interactions(contact_id)
    closed = repo.complete_followup(week2.id)
    assert (closed.status, closed.done_on) == ("done", TODAY)
    stored = fresh(repo)
    assert stored.followup(week2.id).status == "done"
    assert stored.followup(week2.id).done_on == TODAY
    new = [i for i in stored.interactions(contact_id) if i not in before]
    assert [(i.kind, i.day, i.gave_value) for i in new] == [("checkin", TODAY, False)]
    assert len(repo.undo_stack) == 1
    assert undo_text(repo) == "marked Week-2 check-in: was the referral submitted? done"
    stored = fresh(repo)
    assert stored.followup(week2.id).status == "open"
    assert stored.followup(week2.id).done_on is None
    assert stored.interactions(contact_id) == before
    assert repo.undo_stack == []


def test_complete_week4_logs_value_given(asked: tuple[Repository, int, Ask]) -> None:
    repo, contact_id, _ = asked
    week4 = by_kind(repo)["week4_insight"]
    repo.complete_followup(week4.id)
    newest = max(repo.interactions(contact_id), key=lambda i: i.id)
    assert (newest.kind, newest.gave_value, newest.day) == ("value", True, TODAY)


def test_complete_followup_on_a_given_day(asked: tuple[Repository, int, Ask]) -> None:
    repo, contact_id, _ = asked
    week3 = by_kind(repo)["week3_update"]
    repo.complete_followup(week3.id, day=date(2026, 3, 7))
    assert repo.followup(week3.id).done_on == date(2026, 3, 7)
    newest = max(repo.interactions(contact_id), key=lambda i: i.id)
    assert (newest.kind, newest.day) == ("update", date(2026, 3, 7))


def test_complete_monthly_schedules_the_next_and_undo_removes_it(repo: Repository) -> None:
    contact = repo.quick_add("Li Wei @ Acme")
    repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 1, 12)))  # monthly due 2 Mar
    [monthly] = monthlies(repo)
    assert monthly.due == date(2026, 3, 2)
    repo.complete_followup(monthly.id)
    [following] = monthlies(repo)
    assert following.id != monthly.id
    assert (following.due, following.template, following.ask_id) == (
        date(2026, 4, 9),
        "monthly_checkin",
        monthly.ask_id,
    )
    repo.undo()
    assert [(f.id, f.due) for f in monthlies(repo)] == [(monthly.id, date(2026, 3, 2))]


def test_skip_monthly_in_the_repository_schedules_the_next(repo: Repository) -> None:
    contact = repo.quick_add("Li Wei @ Acme")
    repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 1, 19)))  # monthly due today
    [monthly] = monthlies(repo)
    assert monthly.due == TODAY
    skipped = repo.skip_followup(monthly.id, "they are on leave")
    assert (skipped.status, skipped.skip_reason) == ("skipped", "they are on leave")
    [following] = monthlies(repo)
    assert following.due == date(2026, 4, 9)
    assert repo.interactions(contact.id)[-1].kind == "asked", "skipping logs no interaction"


def test_repository_refuses_closed_and_bad_actions_and_changes_nothing(
    asked: tuple[Repository, int, Ask], db_path: Path
) -> None:
    repo, _, _ = asked
    week2 = by_kind(repo)["week2_checkin"]
    repo.complete_followup(week2.id)
    before = db_path.read_bytes()
    steps = len(repo.undo_stack)
    week3 = by_kind(repo)["week3_update"]
    calls: list[Callable[[], object]] = [
        lambda: repo.complete_followup(week2.id),
        lambda: repo.snooze_followup(week2.id, 1),
        lambda: repo.skip_followup(week2.id, "why not"),
        lambda: repo.skip_followup(week3.id, "  "),
        lambda: repo.snooze_followup(week3.id, 0),
        lambda: repo.snooze_followup(week3.id, 91),
    ]
    for call in calls:
        with pytest.raises(FollowUpError):
            call()
    assert db_path.read_bytes() == before
    assert len(repo.undo_stack) == steps


def test_snooze_in_the_repository_counts_from_today_and_keeps_original_due(
    asked: tuple[Repository, int, Ask],
) -> None:
    repo, _, _ = asked
    week2 = by_kind(repo)["week2_checkin"]
    repo.snooze_followup(week2.id)
    stored = fresh(repo).followup(week2.id)
    assert (stored.due, stored.original_due) == (date(2026, 3, 10), date(2026, 2, 27))
    repo.snooze_followup(week2.id, 5)
    stored = fresh(repo).followup(week2.id)
    assert (stored.due, stored.original_due) == (date(2026, 3, 15), date(2026, 2, 27))
    repo.undo()
    assert fresh(repo).followup(week2.id).due == date(2026, 3, 10)


def test_log_interaction_resets_the_monthly_clock(repo: Repository) -> None:
    contact = repo.quick_add("Li Wei @ Acme")
    repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 2, 1)))  # monthly due 22 Mar
    [monthly] = monthlies(repo)
    assert monthly.due == date(2026, 3, 22)
    repo.log_interaction(Interaction(contact_id=contact.id, day=TODAY, kind=InteractionKind.CALL, summary="coffee"))
    [moved] = monthlies(fresh(repo))
    assert (moved.id, moved.due, moved.original_due) == (monthly.id, date(2026, 4, 9), None)
    # One undo step puts back both the interaction and the monthly due date.
    repo.undo()
    [back] = monthlies(fresh(repo))
    assert back.due == date(2026, 3, 22)
    assert [i.kind for i in repo.interactions(contact.id)] == ["asked"]


def test_log_interaction_never_moves_the_monthly_earlier(repo: Repository) -> None:
    contact = repo.quick_add("Li Wei @ Acme")
    repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 2, 20)))  # monthly due 13 Apr
    repo.log_interaction(Interaction(contact_id=contact.id, day=TODAY, kind=InteractionKind.MESSAGE))
    assert [f.due for f in monthlies(repo)] == [date(2026, 4, 13)]
    # An interaction dated in the past counts from its own day.
    other = repo.quick_add("Bo Chen @ Acme")
    repo.add_ask(Ask(contact_id=other.id, day=date(2026, 2, 1)))  # monthly due 22 Mar
    repo.log_interaction(Interaction(contact_id=other.id, day=date(2026, 2, 10), kind=InteractionKind.MESSAGE))
    assert [f.due for f in monthlies(repo) if f.contact_id == other.id] == [date(2026, 3, 22)]


def test_log_interaction_resets_only_that_referrers_clock(repo: Repository) -> None:
    li = repo.quick_add("Li Wei @ Acme")
    bo = repo.quick_add("Bo Chen @ Acme")
    repo.add_ask(Ask(contact_id=li.id, day=date(2026, 2, 1)))
    repo.add_ask(Ask(contact_id=bo.id, day=date(2026, 2, 1)))
    repo.log_interaction(Interaction(contact_id=li.id, day=TODAY))
    due = {f.contact_id: f.due for f in monthlies(repo)}
    assert due == {li.id: date(2026, 4, 9), bo.id: date(2026, 3, 22)}


def test_done_followup_logs_an_interaction_that_also_resets_the_monthly_clock(repo: Repository) -> None:
    contact = repo.quick_add("Li Wei @ Acme")
    repo.add_ask(Ask(contact_id=contact.id, day=date(2026, 1, 26)))  # week-2 2 Feb, monthly 16 Mar
    week2 = by_kind(repo)["week2_checkin"]
    repo.complete_followup(week2.id)  # a check-in with Li today, logged as an interaction
    assert [f.due for f in monthlies(repo)] == [date(2026, 4, 9)]


# -- the ask outcome ---------------------------------------------------------------------


def test_update_ask_appends_dated_history_only_when_the_status_changes(asked: tuple[Repository, int, Ask]) -> None:
    repo, _, ask = asked
    assert ask.status_history == [{"status": "requested", "day": "2026-02-20"}]
    repo.update_ask(ask.id, status=AskStatus.SUBMITTED, day=date(2026, 3, 2))
    repo.update_ask(ask.id, status=AskStatus.SUBMITTED, day=TODAY, screening_quality=3, insider_info="team of 6")
    updated = repo.update_ask(ask.id, status=AskStatus.SCREENING, day=TODAY, screening_quality=4)
    stored = fresh(repo).ask(ask.id)
    assert stored == updated
    assert stored.status == "screening"
    assert stored.status_history == [
        {"status": "requested", "day": "2026-02-20"},
        {"status": "submitted", "day": "2026-03-02"},
        {"status": "screening", "day": "2026-03-09"},
    ]
    assert stored.screening_quality == 4
    assert stored.insider_info == "team of 6", "insider_info None keeps what was there"
    repo.update_ask(ask.id, status=AskStatus.SCREENING, day=TODAY, screening_quality=4, insider_info="")
    assert fresh(repo).ask(ask.id).insider_info == ""


def test_update_ask_undo(asked: tuple[Repository, int, Ask]) -> None:
    repo, _, ask = asked
    repo.update_ask(ask.id, status=AskStatus.OFFER, day=TODAY, screening_quality=5, insider_info="great team")
    assert undo_text(repo) == "set ask for Staff Engineer to Offer"
    stored = fresh(repo).ask(ask.id)
    assert (stored.status, stored.screening_quality, stored.insider_info) == ("requested", None, "")
    assert stored.status_history == [{"status": "requested", "day": "2026-02-20"}]


@pytest.mark.parametrize("status", list(ASK_STATUSES))
def test_update_ask_accepts_every_status(asked: tuple[Repository, int, Ask], status: str) -> None:
    repo, _, ask = asked
    assert repo.update_ask(ask.id, status=AskStatus(status), day=TODAY).status == status


@pytest.mark.parametrize("status", ["bogus", "", "Submitted", "no response"])
def test_update_ask_refuses_an_unknown_status(asked: tuple[Repository, int, Ask], db_path: Path, status: str) -> None:
    repo, _, ask = asked
    before = db_path.read_bytes()
    with pytest.raises(ValueError) as excinfo:
        repo.update_ask(ask.id, status=status, day=TODAY)  # type: ignore[arg-type]  # not a status, on purpose
    message = str(excinfo.value)
    assert repr(status) in message and "unknown status" in message
    assert "requested" in message and "no_response" in message and "withdrawn" in message
    assert db_path.read_bytes() == before
    assert repo.undo_stack == []


@pytest.mark.parametrize("quality", [0, 6, -1, 10])
def test_update_ask_refuses_screening_quality_outside_1_to_5(
    asked: tuple[Repository, int, Ask], db_path: Path, quality: int
) -> None:
    repo, _, ask = asked
    before = db_path.read_bytes()
    with pytest.raises(ValueError) as excinfo:
        repo.update_ask(ask.id, status=AskStatus.SCREENING, day=TODAY, screening_quality=quality)
    assert str(quality) in str(excinfo.value) and "1 to 5" in str(excinfo.value)
    assert db_path.read_bytes() == before
    assert fresh(repo).ask(ask.id).status == "requested"


@pytest.mark.parametrize("quality", [1, 5])
def test_update_ask_accepts_quality_bounds(asked: tuple[Repository, int, Ask], quality: int) -> None:
    repo, _, ask = asked
    assert (
        repo.update_ask(ask.id, status=AskStatus.SCREENING, day=TODAY, screening_quality=quality).screening_quality
        == quality
    )


# -- outcome-aware follow-ups ---------------------------------------------------------------


def schedule_of(ask: Ask, first_id: int = 1) -> list[FollowUp]:
    return [
        FollowUp(ask.contact_id, step.kind, due, ask_id=ask.id, template=step.template, id=first_id + n)
        for n, (step, due) in enumerate(schedule.ask_schedule(ask.day))
    ]


ASKED = Ask(contact_id=7, day=date(2026, 2, 27), id=3)


@pytest.mark.parametrize("status", ["submitted", "responded", "screening", "interviewing"])
def test_a_submitted_ask_no_longer_asks_whether_it_was_submitted(status: str) -> None:
    """Rule: outcome-aware follow-ups: once submitted, the week-2 step is a thank-you."""
    items = schedule_of(ASKED)
    [changed] = followups.adapt(items, replace(ASKED, status=AskStatus(status)))
    assert (changed.id, changed.kind, changed.template, changed.due) == (
        1,
        "week2_thanks",
        "week2_thanks",
        items[0].due,
    )
    assert schedule.label(changed.kind) == "Week-2 check-in: thank them, say where it stands"
    back = followups.adapt([changed, *items[1:]], ASKED)  # set back to requested
    assert [(f.id, f.kind) for f in back] == [(1, "week2_checkin")]


def test_adapt_leaves_closed_follow_ups_and_other_asks_alone() -> None:
    items = schedule_of(ASKED)
    items[0] = replace(items[0], status=FollowUpStatus.DONE, done_on=date(2026, 3, 6))
    other = FollowUp(7, FollowUpKind.WEEK2, date(2026, 3, 6), ask_id=99, id=20)
    assert followups.adapt([*items, other], replace(ASKED, status=AskStatus.SUBMITTED)) == []
    assert followups.adapt(schedule_of(ASKED), ASKED) == []  # requested: as scheduled


@pytest.mark.parametrize(
    ("status", "template"),
    [
        ("offer", "outcome_offer"),
        ("rejected", "outcome_closed"),
        ("no_response", "outcome_closed"),
        ("withdrawn", "outcome_closed"),
    ],
)
def test_an_offer_or_a_no_turns_the_weekly_steps_into_one_note_and_the_monthly_rhythm(
    status: str, template: str
) -> None:
    """Rule: outcome-aware follow-ups: once it is over, the weekly steps give way to one note on
    how it ended (with the outcome's template) and the monthly keep-in-touch goes on."""
    items = schedule_of(ASKED)
    items[0] = replace(items[0], status=FollowUpStatus.DONE, done_on=date(2026, 3, 6))
    changed = {f.id: f for f in followups.adapt(items, replace(ASKED, status=AskStatus(status)))}
    assert set(changed) == {2, 3}  # week 3 and week 4; the monthly one is unchanged
    assert (changed[2].kind, changed[2].template, changed[2].is_open) == ("outcome_note", template, True)
    assert (changed[3].status, changed[3].skip_reason) == ("cancelled", followups.OUTCOME_MOOT)
    again = followups.adapt([items[0], changed[2], changed[3], items[3]], replace(ASKED, status=AskStatus(status)))
    assert again == []  # adapting twice changes nothing


def test_an_offer_after_a_rejection_changes_the_notes_template() -> None:
    items = schedule_of(ASKED)
    rejected = {f.id: f for f in followups.adapt(items, replace(ASKED, status=AskStatus.REJECTED))}
    note = rejected[1]
    [changed] = followups.adapt([note, items[3]], replace(ASKED, status=AskStatus.OFFER))
    assert (changed.id, changed.template) == (1, "outcome_offer")


def test_update_ask_adapts_its_follow_ups_in_the_same_change(asked: tuple[Repository, int, Ask]) -> None:
    repo, _, ask = asked
    repo.update_ask(ask.id, status=AskStatus.SUBMITTED, day=TODAY)
    kinds = {f.kind for f in repo.followups() if f.ask_id == ask.id}
    assert kinds == {"week2_thanks", "week3_update", "week4_insight", "monthly"}
    repo.update_ask(ask.id, status=AskStatus.REJECTED, day=TODAY)
    assert [f.kind for f in repo.ask_followups(ask.id, open_only=True)] == ["outcome_note", "monthly"]
    assert undo_text(repo) == "set ask for Staff Engineer to Rejected"
    assert [f.kind for f in fresh(repo).ask_followups(ask.id, open_only=True)] == [
        "week2_thanks",
        "week3_update",
        "week4_insight",
        "monthly",
    ]


def test_marking_the_week2_check_in_done_records_the_answer(asked: tuple[Repository, int, Ask]) -> None:
    repo, contact_id, ask = asked
    week2 = by_kind(repo)["week2_checkin"]
    assert followups.needs_answer(week2)
    repo.complete_followup(week2.id, answer=AskStatus.SUBMITTED)
    stored = fresh(repo).ask(ask.id)
    assert stored.status == "submitted"
    assert stored.status_history[-1] == {"status": "submitted", "day": TODAY.isoformat()}
    assert fresh(repo).followup(week2.id).status == "done"
    assert len(repo.undo_stack) == 1  # done, logged and answered: one step
    assert undo_text(repo) == "marked Week-2 check-in: was the referral submitted? done"
    assert fresh(repo).ask(ask.id).status == "requested"


def test_not_yet_leaves_the_ask_as_it_was(asked: tuple[Repository, int, Ask]) -> None:
    repo, _, ask = asked
    week2 = by_kind(repo)["week2_checkin"]
    answers = dict(followups.WEEK2_ANSWERS)
    repo.complete_followup(week2.id, answer=answers["Not yet"])
    assert fresh(repo).ask(ask.id).status_history == [{"status": "requested", "day": "2026-02-20"}]
    assert not followups.needs_answer(replace(week2, kind=FollowUpKind.WEEK3))


def test_editing_the_ask_day_moves_the_scheduled_follow_ups_not_the_snoozed(asked: tuple[Repository, int, Ask]) -> None:
    repo, _, ask = asked
    week3 = by_kind(repo)["week3_update"]
    repo.snooze_followup(week3.id, 3)
    repo.edit_ask(ask, replace(ask, day=date(2026, 2, 23)))
    due = {f.kind: f.due for f in repo.followups() if f.ask_id == ask.id}
    assert due == {
        "week2_checkin": date(2026, 3, 2),
        "week3_update": date(2026, 3, 12),  # snoozed: the user's day stays
        "week4_insight": date(2026, 3, 16),
        "monthly": date(2026, 4, 16),
    }


def test_editing_the_ask_day_leaves_the_next_monthly_alone_once_one_was_done(
    asked: tuple[Repository, int, Ask],
) -> None:
    repo, _, ask = asked
    first = by_kind(repo)["monthly"]
    repo.complete_followup(first.id)
    (second,) = [f for f in repo.followups() if f.ask_id == ask.id and f.kind == "monthly"]
    assert second.id != first.id
    repo.edit_ask(ask, replace(ask, day=date(2026, 2, 23)))
    assert fresh(repo).followup(second.id).due == second.due  # rolled on from the done one, not the ask day
    assert fresh(repo).followup(first.id).due == first.due  # closed items keep their day
