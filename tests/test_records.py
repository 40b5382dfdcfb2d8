"""Records: lossless dict round trips, defaults, and the small rules on each record."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import orjson
import pytest

from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import (
    PHASES,
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
    Record,
    from_dict,
    to_dict,
)

SCORES = [ScoreEntry(date(2026, 1, 5), 2, 3, 4, 1), ScoreEntry(date(2026, 3, 9), 4, 3, 4, 2)]

SAMPLES: list[Record] = [
    Company(
        name="Stripe",
        status=CompanyStatus.PAUSED,
        fit="payments infra",
        decision_makers="VP Eng",
        challenges="scale",
        my_angle="I scaled X",
        careers_url="https://stripe.com/jobs",
        notes="n",
        open_roles=[{"title": "Staff Engineer", "url": "https://x", "day": "2026-03-01"}],
        archived=True,
        created_at="2026-03-09T12:00:00+00:00",
        updated_at="2026-03-10T12:00:00+00:00",
        id=7,
    ),
    Contact(
        name="Priya Shah",
        company_id=7,
        title="Staff Engineer",
        phase=Phase.TIMING,
        tags=["alumni", "ml"],
        links=["https://linkedin.com/in/p"],
        email="p@example.com",
        how_found="alumni",
        notes="met at X",
        scores=list(SCORES),
        archived=False,
        created_at="c",
        updated_at="u",
        id=3,
    ),
    Contact(name="Network Only", phase=None, id=4),
    Interaction(
        contact_id=3,
        day=date(2026, 3, 9),
        kind=InteractionKind.VALUE,
        summary="sent an article",
        gave_value=True,
        insider=True,
        insider_text="team is hiring",
        id=11,
    ),
    Ask(
        contact_id=3,
        day=date(2026, 3, 2),
        role_title="Staff Engineer",
        role_url="https://x/role",
        req_id="R-1",
        why_role="fits",
        points=["a", "b", "c"],
        resume_url="https://x/cv",
        blurb="short",
        status=AskStatus.SCREENING,
        status_history=[{"status": "requested", "day": "2026-03-02"}],
        screening_quality=4,
        insider_info="stack",
        id=2,
    ),
    FollowUp(
        contact_id=3,
        kind=FollowUpKind.WEEK2,
        due=date(2026, 3, 9),
        ask_id=2,
        status=FollowUpStatus.DONE,
        original_due=date(2026, 3, 8),
        done_on=date(2026, 3, 10),
        skip_reason="",
        template="week2_checkin",
        id=5,
    ),
    FollowUp(contact_id=3, kind=FollowUpKind.MONTHLY, due=date(2026, 4, 23), id=6),
]


@pytest.mark.parametrize("record", SAMPLES, ids=lambda r: f"{type(r).__name__}-{r.id}")
def test_round_trip_through_json(record: Any) -> None:
    data = to_dict(record)
    assert "id" not in data
    restored = from_dict(type(record), orjson.loads(orjson.dumps(data)), record.id)
    assert restored == record


@pytest.mark.parametrize("record", SAMPLES, ids=lambda r: f"{type(r).__name__}-{r.id}")
def test_to_dict_is_plain_json(record: Record) -> None:
    data = to_dict(record)
    assert orjson.loads(orjson.dumps(data)) == data  # nothing that JSON would change


def test_dates_become_iso_strings() -> None:
    assert to_dict(SAMPLES[3])["day"] == "2026-03-09"
    assert to_dict(SAMPLES[4])["day"] == "2026-03-02"
    fu = to_dict(SAMPLES[5])
    assert (fu["due"], fu["original_due"], fu["done_on"]) == ("2026-03-09", "2026-03-08", "2026-03-10")
    open_fu = to_dict(SAMPLES[6])
    assert open_fu["original_due"] is None and open_fu["done_on"] is None


def test_contact_phase_and_scores_serialised() -> None:
    data = to_dict(SAMPLES[1])
    assert data["phase"] == "timing"
    assert data["scores"] == [s.to_dict() for s in SCORES]
    assert to_dict(SAMPLES[2])["phase"] is None


def test_phase_none_round_trips() -> None:
    restored = from_dict(Contact, to_dict(Contact(name="N", phase=None)), 1)
    assert restored.phase is None


@pytest.mark.parametrize("phase", PHASES)
def test_every_phase_round_trips(phase: Phase) -> None:
    assert from_dict(Contact, to_dict(Contact(name="N", phase=phase)), 1).phase is phase


def test_scores_round_trip_and_give_total() -> None:
    restored = from_dict(Contact, to_dict(SAMPLES[1]), 3)
    assert restored.scores == SCORES
    assert restored.score == SCORES[-1]
    assert restored.total == SCORES[-1].total


def test_unscored_contact_has_no_total() -> None:
    assert Contact(name="x").score is None
    assert Contact(name="x").total is None


def test_record_id_comes_from_the_argument_not_the_data() -> None:
    assert from_dict(Company, {"name": "A", "id": 99}, 5).id == 5


# -- missing and unknown keys ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "data", "expected"),
    [
        (Company, {"name": "Acme"}, Company(name="Acme", id=1)),
        (Interaction, {"contact_id": 2, "day": "2026-03-09"}, Interaction(contact_id=2, day=date(2026, 3, 9), id=1)),
        (Ask, {"contact_id": 2, "day": "2026-03-09"}, Ask(contact_id=2, day=date(2026, 3, 9), id=1)),
        (
            FollowUp,
            {"contact_id": 2, "kind": "monthly", "due": "2026-03-09"},
            FollowUp(contact_id=2, kind=FollowUpKind.MONTHLY, due=date(2026, 3, 9), id=1),
        ),
    ],
)
def test_missing_keys_take_defaults(cls: Any, data: dict[str, Any], expected: Record) -> None:
    assert from_dict(cls, data, 1) == expected


def test_contact_missing_keys_other_than_phase_take_defaults() -> None:
    got = from_dict(Contact, {"name": "Li", "phase": "research"}, 1)
    assert got == Contact(name="Li", id=1)


def test_contact_missing_phase_takes_the_default_research() -> None:
    assert from_dict(Contact, {"name": "Li"}, 1).phase is Phase.RESEARCH


def test_contact_null_scores_load_as_empty() -> None:
    assert from_dict(Contact, {"name": "Li", "phase": "ask", "scores": None}, 1).scores == []


def test_unknown_keys_are_ignored() -> None:
    data = to_dict(SAMPLES[1]) | {"favourite_colour": "blue", "_legacy": 1}
    assert from_dict(Contact, data, 3) == SAMPLES[1]
    assert from_dict(Company, {"name": "A", "zzz": []}, 1) == Company(name="A", id=1)


# -- small rules ----------------------------------------------------------------------


def test_phase_order_next_previous() -> None:
    assert PHASES == (Phase.RESEARCH, Phase.RELATIONSHIP, Phase.TIMING, Phase.ASK)
    assert Phase.RESEARCH.next() is Phase.RELATIONSHIP
    assert Phase.RELATIONSHIP.next() is Phase.TIMING
    assert Phase.TIMING.next() is Phase.ASK
    assert Phase.ASK.next() is None
    assert Phase.ASK.previous() is Phase.TIMING
    assert Phase.TIMING.previous() is Phase.RELATIONSHIP
    assert Phase.RELATIONSHIP.previous() is Phase.RESEARCH
    assert Phase.RESEARCH.previous() is None


def test_phase_label_and_index() -> None:
    assert [p.label for p in PHASES] == ["Research", "Relationship", "Timing", "Ask"]
    assert [p.position for p in PHASES] == [0, 1, 2, 3]


def full_company(**changes: str) -> Company:
    base: dict[str, Any] = {"fit": "fit", "decision_makers": "VP", "challenges": "scale", "my_angle": "angle"}
    return replace(Company(name="A"), **(base | changes))


def test_research_complete_when_all_four_fields_filled() -> None:
    assert full_company().research_complete is True


@pytest.mark.parametrize("field", ["fit", "decision_makers", "challenges", "my_angle"])
@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_research_incomplete_when_any_field_blank(field: str, blank: str) -> None:
    assert full_company(**{field: blank}).research_complete is False


def test_research_complete_ignores_notes_and_url() -> None:
    assert full_company().careers_url == "" and full_company().notes == ""
    assert Company(name="A").research_complete is False


def packet(**changes: Any) -> Ask:
    base: dict[str, Any] = {
        "role_url": "https://jobs.example/1",
        "why_role": "fits my background",
        "points": ["a", "b", "c"],
        "resume_url": "https://cv",
        "blurb": "short blurb",
    }
    return replace(Ask(contact_id=1, day=date(2026, 3, 9)), **(base | changes))


def test_context_packet_complete() -> None:
    assert packet().has_context_packet is True
    assert packet().packet_gaps == []
    assert packet(points=["a", "b", "c", "d", "e"]).has_context_packet is True


@pytest.mark.parametrize(
    "changes",
    [
        {"role_url": ""},
        {"why_role": ""},
        {"why_role": "   "},
        {"points": []},
        {"points": ["a", "b"]},
        {"points": ["a", "b", "c", "d", "e", "f"]},
        {"resume_url": ""},
        {"blurb": ""},
        {"resume_url": "  ", "blurb": " \n"},
    ],
)
def test_context_packet_incomplete(changes: dict[str, Any]) -> None:
    assert packet(**changes).has_context_packet is False
    assert packet(**changes).packet_gaps


def test_followup_is_open() -> None:
    assert FollowUp(contact_id=1, kind=FollowUpKind.MONTHLY, due=date(2026, 3, 9)).is_open
    assert not FollowUp(
        contact_id=1, kind=FollowUpKind.MONTHLY, due=date(2026, 3, 9), status=FollowUpStatus.DONE
    ).is_open
    assert not FollowUp(
        contact_id=1, kind=FollowUpKind.MONTHLY, due=date(2026, 3, 9), status=FollowUpStatus.SKIPPED
    ).is_open
