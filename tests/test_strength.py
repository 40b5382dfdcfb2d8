"""The suggested relationship strength (domain/strength.py): every branch and boundary of the rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referral_tui.domain.strength import (
    MANY_EXCHANGES,
    MONTHS_DAYS,
    RECENT_DAYS,
    Direction,
    Exchange,
    Strength,
    recency_points,
    suggest_strength,
)

TODAY = date(2026, 3, 9)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def thread(*steps: tuple[int, Direction], conversation: str = "c") -> list[Exchange]:
    """Exchanges of one conversation from (days ago, direction) pairs."""
    return [Exchange(ago(days), direction, conversation) for days, direction in steps]


def test_no_history_suggests_nothing() -> None:
    assert suggest_strength([], TODAY) is None


@pytest.mark.parametrize(
    ("history", "reason"),
    [
        (thread((10, "out"), (5, "out")), "1: no two-way exchange yet (2 sent, 0 received)"),
        (thread((3, "in")), "1: no two-way exchange yet (0 sent, 1 received)"),
        (
            thread((9, "out"), conversation="a") + thread((4, "in"), conversation="b"),
            "1: no two-way exchange yet (1 sent, 1 received)",
        ),
    ],
    ids=["only-sent", "only-received", "two-one-way-conversations"],
)
def test_without_a_two_way_exchange_the_rating_is_1(history: list[Exchange], reason: str) -> None:
    assert suggest_strength(history, TODAY) == Strength(1, reason)


def test_a_reply_to_you_today() -> None:
    assert suggest_strength(thread((0, "out"), (0, "in")), TODAY) == Strength(
        3, "3: 1 two-way exchange, the last today"
    )


def test_they_started_and_you_replied_yesterday() -> None:
    assert suggest_strength(thread((2, "in"), (1, "out")), TODAY) == Strength(
        4, "4: 1 two-way exchange, the last yesterday; they started 1 conversation"
    )


@pytest.mark.parametrize(
    ("days", "points"),
    [
        (0, 3),
        (RECENT_DAYS, 3),
        (RECENT_DAYS + 1, 2),
        (MONTHS_DAYS, 2),
        (MONTHS_DAYS + 1, 1),
        (3650, 1),
    ],
)
def test_recency_points_at_the_boundaries(days: int, points: int) -> None:
    assert recency_points(days) == points
    rating = suggest_strength(thread((days + 1, "out"), (days, "in")), TODAY)
    assert rating is not None and rating.rating == points
    assert rating.reason.startswith(f"{points}: 1 two-way exchange, the last ")


def test_the_reason_names_the_days() -> None:
    rating = suggest_strength(thread((20, "out"), (12, "in")), TODAY)
    assert rating == Strength(3, "3: 1 two-way exchange, the last 12 days ago")


@pytest.mark.parametrize(("replies", "bonus"), [(MANY_EXCHANGES - 1, 0), (MANY_EXCHANGES, 1), (7, 1)])
def test_many_two_way_exchanges_add_a_point(replies: int, bonus: int) -> None:
    steps: list[tuple[int, Direction]] = [(60, "out")]
    steps += [(50 - i, "in" if i % 2 == 0 else "out") for i in range(replies)]
    rating = suggest_strength(thread(*steps), TODAY)
    last = 50 - (replies - 1)
    assert rating == Strength(2 + bonus, f"{2 + bonus}: {replies} two-way exchanges, the last {last} days ago")


def test_everything_at_once_is_5_and_never_more() -> None:
    history = thread((30, "in"), (29, "out"), (20, "in"), (5, "out"))
    assert suggest_strength(history, TODAY) == Strength(
        5, "5: 3 two-way exchanges, the last 5 days ago; they started 1 conversation"
    )


def test_old_but_rich_history() -> None:
    history = thread((400, "in"), (399, "out"), (398, "in"), (397, "out"))
    assert suggest_strength(history, TODAY) == Strength(
        3, "3: 3 two-way exchanges, the last 397 days ago; they started 1 conversation"
    )


def test_only_answers_within_a_conversation_count() -> None:
    # You wrote in one conversation, they opened another: nobody answered anybody.
    history = thread((10, "out"), conversation="mine") + thread((5, "in"), conversation="theirs")
    rating = suggest_strength(history, TODAY)
    assert rating is not None and rating.rating == 1


def test_several_messages_in_a_row_are_one_turn() -> None:
    history = thread((10, "out"), (9, "out"), (8, "in"), (7, "in"), (6, "out"))
    rating = suggest_strength(history, TODAY)
    assert rating == Strength(3, "3: 2 two-way exchanges, the last 6 days ago")


def test_who_started_counts_conversations_they_opened() -> None:
    history = (
        thread((40, "in"), (39, "out"), conversation="a")
        + thread((20, "in"), (19, "out"), conversation="b")
        + thread((10, "out"), (9, "in"), conversation="c")
    )
    rating = suggest_strength(history, TODAY)
    assert rating == Strength(5, "5: 3 two-way exchanges, the last 9 days ago; they started 2 conversations")


def test_the_order_given_does_not_matter_across_days() -> None:
    history = thread((1, "out"), (3, "in"))  # they wrote three days ago, you answered yesterday
    assert suggest_strength(list(reversed(history)), TODAY) == suggest_strength(history, TODAY)
    rating = suggest_strength(history, TODAY)
    assert rating is not None and "they started 1 conversation" in rating.reason


def test_exchanges_after_today_count_as_today() -> None:
    history = [Exchange(TODAY + timedelta(days=2), "in"), Exchange(TODAY + timedelta(days=3), "out")]
    assert suggest_strength(history, TODAY) == Strength(
        4, "4: 1 two-way exchange, the last today; they started 1 conversation"
    )


_HISTORY = st.lists(
    st.builds(
        Exchange,
        on=st.dates(min_value=date(2015, 1, 1), max_value=date(2027, 1, 1)),
        direction=st.sampled_from(["in", "out"]),
        conversation=st.sampled_from(["", "a", "b"]),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(history=_HISTORY)
def test_the_rating_stays_within_1_and_5(history: list[Exchange]) -> None:
    result = suggest_strength(history, TODAY)
    if not history:
        assert result is None
        return
    assert result is not None
    assert 1 <= result.rating <= 5
    assert result.reason.startswith(f"{result.rating}: ") and "\n" not in result.reason
