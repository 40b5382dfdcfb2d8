"""CRUD through the Repository, with undo, on a real file in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import (
    Ask,
    AskStatus,
    Company,
    Contact,
    FollowUp,
    FollowUpKind,
    Interaction,
    InteractionKind,
    Phase,
)
from referral_tui.store.errors import NotFound
from referral_tui.store.repository import Change, Repository
from tests.helpers import edit_company, edit_contact, undo_text

TODAY = date(2026, 3, 9)
NOON = "2026-03-09T12:00:00+00:00"


@dataclass
class SteppingClock:
    """A clock the test can move forward."""

    day: date

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 12, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "campaign" / "referrals.json"


@pytest.fixture
def repo(db_path: Path) -> Repository:
    return Repository(db_path, FixedClock(TODAY))


def snapshot(repo: Repository) -> dict[str, list[tuple[int, str]]]:
    """Every record in every table, as stored (ids included)."""
    return {
        "companies": sorted((c.id, repr(c)) for c in repo.companies(include_archived=True)),
        "contacts": sorted((c.id, repr(c)) for c in repo.contacts(include_archived=True)),
        "interactions": sorted((i.id, repr(i)) for i in repo.interactions()),
        "asks": sorted((a.id, repr(a)) for a in repo.asks()),
        "followups": sorted((f.id, repr(f)) for f in repo.followups(open_only=False)),
    }


def on_disk(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    data.pop("meta", None)
    return data


# -- quick add and companies ----------------------------------------------------------


def test_new_file_is_empty(repo: Repository) -> None:
    assert repo.companies() == [] and repo.contacts() == [] and repo.followups() == []
    assert repo.undo() is None


def test_quick_add_creates_company_and_contact(repo: Repository) -> None:
    contact = repo.quick_add("Priya Shah @ Stripe, Staff Engineer #alumni !rel")
    assert contact.id > 0
    assert (contact.name, contact.title, contact.tags, contact.phase) == (
        "Priya Shah",
        "Staff Engineer",
        ["alumni"],
        Phase.RELATIONSHIP,
    )
    [company] = repo.companies()
    assert company.name == "Stripe" and company.status == "prospect"  # known, not pursued (#19)
    assert contact.company_id == company.id
    assert repo.contact(contact.id) == contact
    assert repo.company_names() == {company.id: "Stripe"}


def test_quick_add_reuses_company_case_insensitively(repo: Repository) -> None:
    a = repo.quick_add("A One @ Stripe")
    b = repo.quick_add("B Two @ stripe")
    c = repo.quick_add("C Three @ STRIPE, CTO")
    assert len(repo.companies()) == 1
    assert a.company_id == b.company_id == c.company_id
    assert repo.companies()[0].name == "Stripe"  # the first spelling is kept
    d = repo.quick_add("D Four @ Acme")
    assert d.company_id != a.company_id
    assert len(repo.companies()) == 2


def test_quick_add_unarchives_an_archived_company(repo: Repository) -> None:
    company = repo.add_company(Company(name="Acme", archived=True))
    assert repo.companies() == []
    contact = repo.quick_add("Li @ acme")
    assert contact.company_id == company.id
    assert repo.company(company.id).archived is False
    assert len(repo.companies(include_archived=True)) == 1


def test_quick_add_bad_text_changes_nothing(repo: Repository, db_path: Path) -> None:
    from referral_tui.domain.quickadd import QuickAddError

    with pytest.raises(QuickAddError):
        repo.quick_add("no at sign")
    assert repo.undo_stack == []
    assert repo.contacts() == []


def test_find_company(repo: Repository) -> None:
    company = repo.add_company(Company(name="Big Co"))
    assert repo.find_company("  big co ") == company
    assert repo.find_company("Big") is None


def test_update_company_and_undo(repo: Repository) -> None:
    company = repo.add_company(Company(name="Acme"))
    before = snapshot(repo)
    updated = edit_company(repo, company.id, fit="good fit", status="paused")
    assert repo.company(company.id) == updated
    assert (updated.fit, updated.status) == ("good fit", "paused")
    assert undo_text(repo) == "edited Acme"
    assert snapshot(repo) == before


def test_created_at_and_updated_at(db_path: Path) -> None:
    clock = SteppingClock(TODAY)
    repo = Repository(db_path, clock)
    contact = repo.quick_add("Li @ Acme")
    assert contact.created_at == contact.updated_at == NOON
    assert contact.company_id is not None and repo.company(contact.company_id).created_at == NOON
    clock.day = date(2026, 3, 12)
    moved = repo.move(contact.id, Phase.TIMING)
    assert moved.created_at == NOON
    assert moved.updated_at == "2026-03-12T12:00:00+00:00"
    assert repo.contact(contact.id).updated_at == "2026-03-12T12:00:00+00:00"


def test_insert_keeps_a_given_created_at(repo: Repository) -> None:
    company = repo.add_company(Company(name="Old", created_at="2020-01-01T00:00:00+00:00"))
    assert company.created_at == "2020-01-01T00:00:00+00:00"
    assert company.updated_at == NOON


# -- contacts ---------------------------------------------------------------------------


def test_contacts_on_board_filter(repo: Repository) -> None:
    board = repo.quick_add("On Board @ Acme")
    network = repo.add_contact(Contact(name="Network", phase=None))
    archived = repo.quick_add("Gone @ Acme")
    repo.archive(archived.id)

    def ids(cs: list[Contact]) -> list[int]:
        return sorted(c.id for c in cs)

    assert ids(repo.contacts()) == sorted([board.id, network.id])
    assert ids(repo.contacts(on_board=True)) == [board.id]
    assert ids(repo.contacts(on_board=False)) == [network.id]
    assert ids(repo.contacts(include_archived=True)) == sorted([board.id, network.id, archived.id])
    assert ids(repo.contacts(include_archived=True, on_board=True)) == sorted([board.id, archived.id])


def test_move_and_undo(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    before = snapshot(repo)
    assert repo.move(contact.id, Phase.TIMING).phase is Phase.TIMING
    assert repo.contact(contact.id).phase is Phase.TIMING
    assert undo_text(repo) == "moved Li to Timing"
    assert snapshot(repo) == before
    repo.move(contact.id, None)
    assert repo.contact(contact.id).phase is None
    assert repo.contacts(on_board=False)[0].id == contact.id
    assert undo_text(repo) == "moved Li to the network"
    assert repo.contact(contact.id).phase is Phase.RESEARCH


def test_archive_and_undo(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    before = snapshot(repo)
    assert repo.archive(contact.id).archived is True
    assert repo.contacts() == []
    assert undo_text(repo) == "archived Li"
    assert snapshot(repo) == before
    assert [c.id for c in repo.contacts()] == [contact.id]


def test_score_keeps_history_and_undo(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    first = ScoreEntry(date(2026, 3, 1), 2, 2, 2, 2)
    second = ScoreEntry(TODAY, 4, 3, 3, 3)
    replacement = ScoreEntry(TODAY, 5, 5, 5, 5)
    repo.score(contact.id, second)
    repo.score(contact.id, first)
    assert repo.contact(contact.id).scores == [first, second]
    assert repo.contact(contact.id).total == 13
    before = snapshot(repo)
    repo.score(contact.id, replacement)
    assert repo.contact(contact.id).scores == [first, replacement]
    assert undo_text(repo) == "scored Li 20/20"
    assert snapshot(repo) == before
    assert repo.contact(contact.id).scores == [first, second]


def test_update_contact_and_undo(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    before = snapshot(repo)
    updated = edit_contact(repo, contact.id, title="CTO", tags=["x"], notes="hello")
    assert repo.contact(contact.id) == updated
    assert (updated.title, updated.tags, updated.notes) == ("CTO", ["x"], "hello")
    assert undo_text(repo) == "edited Li"
    assert snapshot(repo) == before
    edit_contact(repo, contact.id, name="Li Wei")
    assert undo_text(repo) == "edited Li Wei"


def test_edit_contact_by_company_name_and_undo(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    before = snapshot(repo)
    edited = repo.edit_contact(contact, replace(contact, title="CTO"), "  New Co ")
    company = repo.find_company("new co")
    assert company is not None and company.name == "New Co"
    assert (edited.company_id, edited.title) == (company.id, "CTO")
    assert repo.contact(contact.id) == edited
    assert repo.edit_contact(edited, edited, "ACME").company_id == contact.company_id
    assert repo.edit_contact(repo.contact(contact.id), repo.contact(contact.id), "  ").company_id is None
    assert len(repo.companies()) == 2
    for _ in range(3):
        repo.undo()
    assert snapshot(repo) == before


# -- interactions, asks, follow-ups -----------------------------------------------------


def test_log_interaction(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    saved = repo.log_interaction(
        Interaction(contact_id=contact.id, day=TODAY, kind=InteractionKind.MESSAGE, summary="hi")
    )
    assert saved.id > 0
    assert repo.interactions(contact.id) == [saved]
    assert repo.interactions(contact.id + 100) == []
    assert repo.followups() == []


def test_log_event_creates_a_48_hour_followup_and_undo_removes_both(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    before = snapshot(repo)
    saved = repo.log_interaction(Interaction(contact_id=contact.id, day=date(2026, 3, 30), kind=InteractionKind.EVENT))
    [fu] = repo.followups()
    assert (fu.contact_id, fu.kind, fu.due, fu.template, fu.status, fu.ask_id) == (
        contact.id,
        "event_48h",
        date(2026, 4, 1),
        "event_followup",
        "open",
        None,
    )
    assert repo.interactions() == [saved]
    assert undo_text(repo) == "logged event meeting with Li"
    assert snapshot(repo) == before
    assert repo.interactions() == [] and repo.followups(open_only=False) == []


def test_log_interaction_for_missing_contact(repo: Repository) -> None:
    with pytest.raises(NotFound):
        repo.log_interaction(Interaction(contact_id=42, day=TODAY))
    assert repo.interactions() == []


def test_add_ask_moves_to_ask_and_schedules_four_followups(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme !timing")
    ask = repo.add_ask(Ask(contact_id=contact.id, day=TODAY, role_title="Staff Engineer"))
    assert ask.id > 0
    assert ask.status_history == [{"status": "requested", "day": "2026-03-09"}]
    assert repo.asks(contact.id) == [ask]
    assert repo.contact(contact.id).phase is Phase.ASK
    followups = sorted(repo.followups(), key=lambda f: f.due)
    assert [(f.kind, f.due) for f in followups] == [
        ("week2_checkin", date(2026, 3, 16)),
        ("week3_update", date(2026, 3, 23)),
        ("week4_insight", date(2026, 3, 30)),
        ("monthly", date(2026, 4, 30)),
    ]
    assert {(f.contact_id, f.ask_id, f.status) for f in followups} == {(contact.id, ask.id, "open")}
    assert [f.template for f in followups] == ["week2_checkin", "week3_update", "week4_insight", "monthly_checkin"]


def test_add_ask_keeps_a_given_status_history(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme !timing")
    history = [{"status": "submitted", "day": "2026-03-01"}]
    ask = repo.add_ask(Ask(contact_id=contact.id, day=TODAY, status=AskStatus.SUBMITTED, status_history=history))
    assert ask.status_history == history


def test_add_ask_undo_restores_phase_and_removes_ask_and_followups(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme !timing")
    before = snapshot(repo)
    repo.add_ask(Ask(contact_id=contact.id, day=TODAY))
    assert undo_text(repo) == "asked Li for a referral"
    assert snapshot(repo) == before
    assert repo.contact(contact.id).phase is Phase.TIMING
    assert repo.asks() == [] and repo.followups(open_only=False) == []


def test_add_ask_for_missing_contact(repo: Repository) -> None:
    with pytest.raises(NotFound):
        repo.add_ask(Ask(contact_id=99, day=TODAY))
    assert repo.asks() == [] and repo.followups() == []


def test_due_groups_open_followups_of_active_referrers(repo: Repository) -> None:
    kept = repo.quick_add("Kept @ Acme")
    gone = repo.quick_add("Gone @ Acme")
    repo.add_ask(Ask(contact_id=kept.id, day=date(2026, 3, 1)))  # week2 3-8 overdue, week3 3-15 upcoming
    repo.add_ask(Ask(contact_id=gone.id, day=date(2026, 3, 1)))
    repo.archive(gone.id)
    groups = repo.due(days=7)
    assert [(d, f.kind) for d, f in groups.overdue] == [(date(2026, 3, 8), "week2_checkin")]
    assert groups.today == []
    assert [(d, f.kind) for d, f in groups.upcoming] == [(date(2026, 3, 15), "week3_update")]
    assert all(f.contact_id == kept.id for _, f in groups.overdue + groups.upcoming)


# -- undo -----------------------------------------------------------------------------


def test_undo_many_levels_deep_restores_each_state_exactly(repo: Repository, db_path: Path) -> None:
    states = [(snapshot(repo), on_disk(db_path) if db_path.exists() else None)]
    contact = repo.quick_add("Li @ Acme, CTO #alumni")
    states.append((snapshot(repo), on_disk(db_path)))
    other = repo.quick_add("Sam @ acme")
    states.append((snapshot(repo), on_disk(db_path)))
    repo.move(contact.id, Phase.RELATIONSHIP)
    states.append((snapshot(repo), on_disk(db_path)))
    repo.score(contact.id, ScoreEntry(TODAY, 4, 4, 3, 3))
    states.append((snapshot(repo), on_disk(db_path)))
    repo.log_interaction(Interaction(contact_id=contact.id, day=TODAY, kind=InteractionKind.EVENT))
    states.append((snapshot(repo), on_disk(db_path)))
    edit_contact(repo, contact.id, notes="notes")
    states.append((snapshot(repo), on_disk(db_path)))
    repo.add_ask(Ask(contact_id=contact.id, day=TODAY))
    states.append((snapshot(repo), on_disk(db_path)))
    repo.archive(other.id)
    states.append((snapshot(repo), on_disk(db_path)))
    assert len(repo.undo_stack) == 8

    for expected_snapshot, expected_disk in reversed(states[:-1]):
        assert repo.undo() is not None
        assert snapshot(repo) == expected_snapshot
        if expected_disk is not None:
            assert on_disk(db_path) == expected_disk
    assert repo.undo() is None
    assert snapshot(repo) == states[0][0]
    assert repo.companies(include_archived=True) == []


def test_undo_then_new_changes_work(repo: Repository) -> None:
    first = repo.quick_add("Li @ Acme")
    repo.undo()
    second = repo.quick_add("Sam @ Beta")
    assert [c.name for c in repo.contacts()] == ["Sam"]
    assert [c.name for c in repo.companies()] == ["Beta"]
    assert repo.contact(second.id).name == "Sam"
    del first


def test_failed_change_records_no_undo_step(repo: Repository) -> None:
    with pytest.raises(NotFound):
        edit_contact(repo, 123, title="x")
    with pytest.raises(NotFound):
        repo.move(123, Phase.ASK)
    assert repo.undo_stack == []


# -- persistence ----------------------------------------------------------------------


def test_reopening_the_file_sees_the_same_data(repo: Repository, db_path: Path) -> None:
    contact = repo.quick_add("Li @ Acme, CTO #alumni !timing")
    repo.score(contact.id, ScoreEntry(TODAY, 3, 3, 3, 3))
    repo.log_interaction(Interaction(contact_id=contact.id, day=TODAY, kind=InteractionKind.EVENT, gave_value=True))
    repo.add_ask(Ask(contact_id=contact.id, day=TODAY, points=["a"]))
    repo.add_contact(Contact(name="Network", phase=None))
    expected = snapshot(repo)

    again = Repository(db_path, FixedClock(TODAY))
    assert snapshot(again) == expected
    assert again.undo_stack == []  # undo is per session
    assert again.contact(contact.id).scores == [ScoreEntry(TODAY, 3, 3, 3, 3)]


def test_another_session_sees_changes_and_continues_ids(repo: Repository, db_path: Path) -> None:
    a = repo.quick_add("Li @ Acme")
    other = Repository(db_path, FixedClock(TODAY))
    b = other.quick_add("Sam @ Acme")
    assert b.id != a.id
    assert b.company_id == a.company_id
    assert sorted(c.name for c in repo.contacts()) == ["Li", "Sam"]
    c = repo.quick_add("Kim @ Beta")
    assert len({a.id, b.id, c.id}) == 3


# -- not found ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.contact(999),
        lambda r: r.company(999),
        lambda r: r.move(999, Phase.ASK),
        lambda r: r.archive(999),
        lambda r: r.score(999, ScoreEntry(TODAY, 3, 3, 3, 3)),
        lambda r: edit_contact(r, 999, title="x"),
        lambda r: edit_company(r, 999, fit="x"),
        lambda r: r.save(FollowUp(contact_id=1, kind=FollowUpKind.MONTHLY, due=TODAY, id=999)),
    ],
)
def test_missing_id_raises_not_found(repo: Repository, call: Callable[[Repository], object]) -> None:
    with pytest.raises(NotFound, match="999"):
        call(repo)


def test_not_found_after_undoing_the_insert(repo: Repository) -> None:
    contact = repo.quick_add("Li @ Acme")
    repo.undo()
    with pytest.raises(NotFound):
        repo.contact(contact.id)


# -- two sessions ---------------------------------------------------------------------


def _race(repo: Repository, monkeypatch: pytest.MonkeyPatch, write: Callable[[], object]) -> None:
    """Make another session's ``write`` land after ``repo`` read a record but before it took the lock."""
    from contextlib import contextmanager

    original = repo.change
    fired: list[bool] = []

    @contextmanager
    def racing(description: str) -> Iterator[Change]:
        if not fired:
            fired.append(True)
            write()
        with original(description) as change:
            yield change

    monkeypatch.setattr(repo, "change", racing)


@pytest.mark.parametrize("action", ["move", "archive", "score", "add_ask", "edit_contact"])
def test_change_does_not_overwrite_another_sessions_edit(
    repo: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    contact = repo.quick_add("Li @ Acme")
    other = Repository(db_path, FixedClock(TODAY))
    _race(repo, monkeypatch, lambda: edit_contact(other, contact.id, title="CTO"))
    if action == "move":
        repo.move(contact.id, Phase.TIMING)
    elif action == "archive":
        repo.archive(contact.id)
    elif action == "score":
        repo.score(contact.id, ScoreEntry(TODAY, 3, 3, 3, 3))
    elif action == "add_ask":
        repo.add_ask(Ask(contact_id=contact.id, day=TODAY))
    else:
        repo.edit_contact(contact, replace(contact, notes="n"), "Acme")
    assert Repository(db_path, FixedClock(TODAY)).contact(contact.id).title == "CTO"


def test_update_contact_keeps_another_sessions_edit(
    repo: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """update_contact reads inside the lock, so it merges with a concurrent edit (the control case)."""
    contact = repo.quick_add("Li @ Acme")
    other = Repository(db_path, FixedClock(TODAY))
    _race(repo, monkeypatch, lambda: edit_contact(other, contact.id, title="CTO"))
    edit_contact(repo, contact.id, notes="n")
    fresh = Repository(db_path, FixedClock(TODAY)).contact(contact.id)
    assert (fresh.title, fresh.notes) == ("CTO", "n")


def test_quick_add_reads_a_known_company_with_a_comma_without_quotes(repo: Repository) -> None:
    first = repo.quick_add('Ann Lee @ "Tidal Labs, Inc.", Staff SRE')
    second = repo.quick_add("Bo Chen @ tidal labs, inc., Recruiter")
    assert second.company_id == first.company_id and second.title == "Recruiter"
    assert [c.name for c in repo.companies()] == ["Tidal Labs, Inc."]
    third = repo.quick_add("Cy Wu @ Tidal Labs, Europe")  # not a known name: the first comma ends it
    assert third.company_id is not None and repo.company(third.company_id).name == "Tidal Labs"
    assert third.title == "Europe"
