"""Two sessions on one data file (two SSH logins, cron beside the board): the store-v2 scenarios.

Each test replays what a careful user did with two sessions and checks every field both
sessions see after each step. Session A is opened first and acts on what it read; B
changes the file in between.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Contact, Interaction, InteractionKind, Phase
from referral_tui.store.repository import Repository
from tests.helpers import TODAY, fresh

SCORE = ScoreEntry(TODAY, 4, 4, 3, 2)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "referrals.json"


def stored(path: Path, contact_id: int) -> dict[str, object]:
    doc: dict[str, object] = orjson.loads(path.read_bytes())["contacts"][str(contact_id)]
    return doc


def test_undo_keeps_a_score_another_session_gave_since(path: Path) -> None:
    a = fresh(path)
    ana = a.quick_add("Ana Ruiz @ Acme, Staff Engineer")
    b = fresh(path)
    b.score(ana.id, SCORE)  # B scores
    a.move(ana.id, Phase.RELATIONSHIP)  # A (opened earlier) moves her...
    result = a.undo()  # ...and presses u
    assert result is not None and result.description == "moved Ana Ruiz to Relationship"
    assert result.left_alone == []
    for session in (a, b, fresh(path)):
        contact = session.contact(ana.id)
        assert contact.phase is Phase.RESEARCH
        assert contact.scores == [SCORE], "B's score must survive A's undo"
        assert (contact.name, contact.title) == ("Ana Ruiz", "Staff Engineer")


def test_an_edit_form_writes_only_the_fields_the_user_changed(path: Path) -> None:
    a, b = fresh(path), fresh(path)
    seen_by_a = a.quick_add("Ana Ruiz @ Acme, Engineer")
    seen_by_b = b.contact(seen_by_a.id)  # both open the same referrer
    b.edit_contact(seen_by_b, replace(seen_by_b, title="Staff Engineer", email="ana@acme.example"))
    a.edit_contact(seen_by_a, replace(seen_by_a, name="Ana María Ruiz"))  # A changes only the name
    assert a.engine.last_conflicts == []
    for session in (a, b, fresh(path)):
        contact = session.contact(seen_by_a.id)
        assert (contact.name, contact.title, contact.email) == ("Ana María Ruiz", "Staff Engineer", "ana@acme.example")
        assert contact.phase is Phase.RESEARCH and contact.company_id == seen_by_a.company_id


def test_the_same_field_changed_in_both_keeps_the_other_and_says_so(path: Path) -> None:
    a, b = fresh(path), fresh(path)
    seen = a.quick_add("Ana Ruiz @ Acme, Engineer")
    b.edit_contact(b.contact(seen.id), replace(b.contact(seen.id), title="Staff Engineer"))
    a.edit_contact(seen, replace(seen, title="Principal Engineer", notes="met at PyCon"))
    assert a.explain_conflicts(a.engine.last_conflicts) == ["title of Ana Ruiz"]
    contact = fresh(path).contact(seen.id)
    assert (contact.title, contact.notes) == ("Staff Engineer", "met at PyCon")


def test_undo_leaves_alone_a_field_another_session_changed_after_it(path: Path) -> None:
    a = fresh(path)
    ana = a.quick_add("Ana Ruiz @ Acme")
    a.move(ana.id, Phase.TIMING)
    b = fresh(path)
    b.move(ana.id, Phase.ASK)
    result = a.undo()
    assert result is not None
    assert a.explain_conflicts(result.left_alone) == ["phase of Ana Ruiz"]
    assert fresh(path).contact(ana.id).phase is Phase.ASK
    assert a.can_redo is False  # nothing was undone, so there is nothing to redo


def test_ids_are_never_reused_across_sessions_and_redo_brings_the_old_id_back(path: Path) -> None:
    a = fresh(path)
    ana = a.quick_add("Ana Ruiz @ Acme")
    bo = a.quick_add("Bo Chen @ Beta")
    assert a.undo() is not None  # Bo is gone...
    b = fresh(path)
    cy = b.quick_add("Cy Dow @ Beta")  # ...and B's next insert does not get his id
    assert cy.id not in (ana.id, bo.id) and cy.company_id != bo.company_id
    b.log_interaction(Interaction(contact_id=cy.id, day=TODAY, kind=InteractionKind.CALL))
    assert a.redo() is not None  # Bo comes back under his old id and uid
    again = fresh(path)
    assert again.contact(bo.id).name == "Bo Chen" and again.contact(bo.id).uid == bo.uid
    assert again.company(again.contact(bo.id).company_id or 0).name == "Beta"
    assert again.contact(cy.id).name == "Cy Dow"
    (call,) = again.interactions()
    assert call.contact_id == cy.id, "the interaction stays with the person it was logged for"
    names = {c.id: c.name for c in again.contacts()}
    assert names == {ana.id: "Ana Ruiz", bo.id: "Bo Chen", cy.id: "Cy Dow"}
    assert orjson.loads(path.read_bytes())["meta"]["1"]["next_ids"]["contacts"] == 4


def test_undoing_an_insert_another_session_built_on_keeps_the_record(path: Path) -> None:
    a = fresh(path)
    ana = a.quick_add("Ana Ruiz @ Acme")
    b = fresh(path)
    b.log_interaction(Interaction(contact_id=ana.id, day=TODAY, kind=InteractionKind.MESSAGE, summary="hi"))
    result = a.undo()
    assert result is not None and result.left_alone, "Ana must not vanish from under B's interaction"
    again = fresh(path)
    assert again.contact(ana.id).name == "Ana Ruiz"
    assert [i.contact_id for i in again.interactions()] == [ana.id]


def test_redo_reapplies_an_undone_change_by_the_same_rule(path: Path) -> None:
    a = fresh(path)
    ana = a.quick_add("Ana Ruiz @ Acme")
    a.move(ana.id, Phase.RELATIONSHIP)
    a.undo()
    b = fresh(path)
    b.edit_contact(b.contact(ana.id), replace(b.contact(ana.id), title="CTO"))
    result = a.redo()
    assert result is not None and result.left_alone == []
    contact = fresh(path).contact(ana.id)
    assert (contact.phase, contact.title) == (Phase.RELATIONSHIP, "CTO")
    assert a.undo() is not None  # and undo again works after the redo
    assert fresh(path).contact(ana.id).phase is Phase.RESEARCH


def test_a_session_without_autosave_rebases_its_pending_changes(path: Path) -> None:
    """The app's case: changes apply to memory, the writer writes them later onto the newest file."""
    a = fresh(path)
    ana = a.quick_add("Ana Ruiz @ Acme, Engineer")
    app = Repository(path, FixedClock(TODAY), autosave=False)
    seen = app.contact(ana.id)
    app.move(ana.id, Phase.TIMING, seen=Phase.RESEARCH)
    app.edit_contact(seen, replace(seen, title="Principal"))
    assert app.contact(ana.id).phase is Phase.TIMING  # visible at once
    assert stored(path, ana.id)["phase"] == "research"  # not written yet
    b = fresh(path)
    b.edit_contact(b.contact(ana.id), replace(b.contact(ana.id), title="Staff Engineer", email="ana@acme.example"))
    result = app.engine.sync()
    assert result.wrote and a.explain_conflicts(result.conflicts) == ["title of Ana Ruiz"]
    doc = stored(path, ana.id)
    assert (doc["phase"], doc["title"], doc["email"]) == ("timing", "Staff Engineer", "ana@acme.example")
    assert app.contact(ana.id).title == "Staff Engineer", "memory follows the file after the rebase"


def test_records_added_without_autosave_get_real_ids_and_links_when_written(path: Path) -> None:
    app = Repository(path, FixedClock(TODAY), autosave=False)
    ana = app.quick_add("Ana Ruiz @ Acme")
    logged = app.log_interaction(Interaction(contact_id=ana.id, day=TODAY, kind=InteractionKind.EVENT))
    assert ana.id < 0 and logged.contact_id == ana.id  # provisional until written
    other = fresh(path)
    other.quick_add("Bo Chen @ Beta")  # another session takes ids 1 meanwhile
    result = app.engine.sync()
    real = app.resolve(Contact, ana.id)
    assert real > 0 and result.aliases[("contacts", ana.id)] == real
    again = fresh(path)
    assert again.contact(real).name == "Ana Ruiz"
    assert {i.contact_id for i in again.interactions()} == {real}
    assert {f.contact_id for f in again.followups()} == {real}, "the event follow-up is linked too"
    assert app.contact(ana.id).id == real, "a provisional id still finds the record"


def test_a_day_change_of_clock_does_not_matter_to_ids(path: Path) -> None:
    Repository(path, FixedClock(date(2030, 1, 1))).quick_add("Ana Ruiz @ Acme")
    assert fresh(path).quick_add("Bo Chen @ Acme").id == 2
