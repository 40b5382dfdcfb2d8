"""The Referral Tracking Matrix: four 1-5 ratings, total, the 12+ rule and score history."""

from __future__ import annotations

from datetime import date

import pytest

from referral_tui.domain.matrix import (
    ASK_THRESHOLD,
    CRITERIA,
    CRITERIA_FIELDS,
    ScoreEntry,
    ScoreError,
    add_score,
    clears_threshold,
    series,
)

DAY = date(2026, 3, 9)
LABELS = {name: label for name, label, *_ in CRITERIA}


def entry(day: date = DAY, **ratings: object) -> ScoreEntry:
    values = {"relationship": 3, "influence": 3, "relevance": 3, "timing": 3, **ratings}
    return ScoreEntry(day, **values)  # type: ignore[arg-type]


# -- bounds ---------------------------------------------------------------------------


def test_criteria_are_the_four_method_ratings() -> None:
    assert CRITERIA_FIELDS == ("relationship", "influence", "relevance", "timing")


@pytest.mark.parametrize("name", CRITERIA_FIELDS)
@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_every_rating_from_1_to_5_is_accepted(name: str, value: int) -> None:
    assert getattr(entry(DAY, **{name: value}), name) == value


@pytest.mark.parametrize("name", CRITERIA_FIELDS)
@pytest.mark.parametrize("value", [0, 6, -1, 100, None, True, False, 3.0, 2.5, "3"])
def test_out_of_range_or_non_integer_rating_is_rejected(name: str, value: object) -> None:
    with pytest.raises(ScoreError) as info:
        entry(DAY, **{name: value})
    message = str(info.value)
    assert LABELS[name] in message, message
    assert "from 1 to 5" in message, message


@pytest.mark.parametrize("value", [0, 6])
def test_out_of_range_message_gives_the_value(value: int) -> None:
    with pytest.raises(ScoreError, match=rf"Timing is {value}; it must be from 1 to 5"):
        entry(timing=value)


@pytest.mark.parametrize("name", CRITERIA_FIELDS)
def test_missing_rating_in_stored_data_is_rejected(name: str) -> None:
    data = entry().to_dict()
    del data[name]
    with pytest.raises(ScoreError) as info:
        ScoreEntry.from_dict(data)
    assert LABELS[name] in str(info.value)
    assert "missing" in str(info.value)
    assert "from 1 to 5" in str(info.value)


def test_score_error_is_a_value_error() -> None:
    assert issubclass(ScoreError, ValueError)


@pytest.mark.parametrize("value", [2.5, True])
def test_non_integer_rating_message_does_not_call_it_missing(value: object) -> None:
    with pytest.raises(ScoreError) as info:
        entry(influence=value)
    assert "missing" not in str(info.value)


# -- total and threshold --------------------------------------------------------------


def test_total_is_the_sum_of_the_four_ratings() -> None:
    assert entry(relationship=1, influence=2, relevance=4, timing=5).total == 12
    assert entry(relationship=1, influence=1, relevance=1, timing=1).total == 4
    assert entry(relationship=5, influence=5, relevance=5, timing=5).total == 20


def test_threshold_is_12() -> None:
    assert ASK_THRESHOLD == 12


@pytest.mark.parametrize(
    ("total", "expected"), [(None, False), (4, False), (11, False), (12, True), (13, True), (20, True)]
)
def test_clears_threshold(total: int | None, expected: bool) -> None:
    assert clears_threshold(total) is expected


def test_entry_worth_asking_at_12_not_11() -> None:
    assert entry(relationship=3, influence=3, relevance=3, timing=2).worth_asking is False  # 11
    assert entry(relationship=3, influence=3, relevance=3, timing=3).worth_asking is True  # 12


# -- history --------------------------------------------------------------------------


def test_add_score_keeps_date_order_whatever_the_insertion_order() -> None:
    d1, d2, d3 = date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)
    history: list[ScoreEntry] = []
    for d in (d2, d3, d1):
        history = add_score(history, entry(d))
    assert [s.day for s in history] == [d1, d2, d3]


def test_add_score_same_day_replaces_the_earlier_scoring() -> None:
    first = entry(DAY, relationship=1)
    other = entry(date(2026, 3, 1), relationship=2)
    second = entry(DAY, relationship=5)
    history = add_score(add_score([first], other), second)
    assert history == [other, second]


def test_add_score_does_not_change_the_given_list() -> None:
    history = [entry(date(2026, 1, 1))]
    add_score(history, entry(DAY))
    assert len(history) == 1


def test_series_of_each_rating_and_total_oldest_first() -> None:
    a = entry(date(2026, 1, 1), relationship=1, influence=2)
    b = entry(date(2026, 2, 1), relationship=4, influence=3)
    history = add_score(add_score([], b), a)
    assert series(history, "relationship") == [(a.day, 1), (b.day, 4)]
    assert series(history, "influence") == [(a.day, 2), (b.day, 3)]
    assert series(history, "total") == [(a.day, a.total), (b.day, b.total)]
    assert series([], "timing") == []


def test_series_unknown_rating_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        series([entry()], "charisma")


# -- persistence ----------------------------------------------------------------------


def test_to_dict_from_dict_round_trip() -> None:
    original = entry(date(2028, 2, 29), relationship=1, influence=2, relevance=4, timing=5)
    data = original.to_dict()
    assert data == {"day": "2028-02-29", "relationship": 1, "influence": 2, "relevance": 4, "timing": 5}
    assert ScoreEntry.from_dict(data) == original


def test_from_dict_rejects_out_of_range_stored_value() -> None:
    data = entry().to_dict() | {"relevance": 9}
    with pytest.raises(ScoreError, match="Role relevance"):
        ScoreEntry.from_dict(data)
