"""Property: two sessions interleaving changes, undos and redos never lose the other's work.

A hypothesis state machine drives sessions A and B on one file with random adds, moves,
edits, interactions, undos and redos. After every step it checks, on the file itself:

* an undo or redo by one session changes a field only while it holds a value that session
  wrote (the conflict rule), so it never overwrites or removes the other session's work;
* every interaction stays with the person it was logged for (its contact's uid is the one
  it was created with), so no record is ever attached to another record's id;
* an id, once given to a record, always means that record (ids are never reused).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from referral_tui.domain.records import Interaction, InteractionKind, Phase
from referral_tui.store.repository import Repository
from tests.helpers import TODAY, fresh

SESSIONS = ("A", "B")
Doc = dict[str, Any]
Data = dict[str, dict[str, Doc]]


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Durability is tested elsewhere; here thousands of writes should be fast."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    yield


def read(path: Path) -> Data:
    if not path.exists():
        return {}
    data: Data = orjson.loads(path.read_bytes())
    return data


def fields_of(data: Data) -> dict[tuple[str, str, str], Any]:
    """(table, key, field) -> value for every stored field but the bookkeeping ones."""
    out = {}
    for table, records in data.items():
        if table == "meta":
            continue
        for key, doc in records.items():
            for name, value in doc.items():
                if name != "updated_at":
                    out[(table, key, name)] = orjson.dumps(value)
    return out


class TwoSessions(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="sessions-"))
        self.path = self.folder / "referrals.json"
        self.repos = {name: fresh(self.path) for name in SESSIONS}
        #: (table, key, field) -> every (value, writer) it held, oldest first
        self.history: dict[tuple[str, str, str], list[tuple[Any, str]]] = {}
        #: interaction uid -> the uid of the contact it was logged for
        self.logged_for: dict[str, str] = {}
        #: (table, key) -> the uid first seen under that id
        self.identity: dict[tuple[str, str], str] = {}
        self.counter = 0

    def teardown(self) -> None:
        for item in sorted(self.folder.rglob("*"), reverse=True):
            item.unlink() if item.is_file() else item.rmdir()
        self.folder.rmdir()

    # -- bookkeeping around each step -----------------------------------------------------

    def _step(self, who: str, action: Any, replay: bool = False) -> None:
        before = read(self.path)
        action(self.repos[who])
        after = read(self.path)
        old, new = fields_of(before), fields_of(after)
        changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
        if replay:
            # The conflict rule: an undo or redo changes a field only while it still holds a value
            # this session wrote; any other value is the other session's work and stays.
            other = {k for k in changed if k in old and (old[k], who) not in self.history.get(k, [])}
            assert not other, f"{who}'s undo/redo changed fields the other session wrote: {sorted(other)}"
        for key in changed:
            if key in new:
                self.history.setdefault(key, []).append((new[key], who))

    def _contacts(self, who: str) -> list[int]:
        return [c.id for c in self.repos[who].contacts(include_archived=True) if c.id > 0]

    # -- rules --------------------------------------------------------------------------

    @precondition(lambda self: len(read(self.path).get("contacts", {})) < 3)  # few people: many collisions
    @rule(who=st.sampled_from(SESSIONS), company=st.sampled_from(["Acme", "Beta", "acme"]))
    def add(self, who: str, company: str) -> None:
        self.counter += 1
        name = f"Person {self.counter}"
        self._step(who, lambda r: r.quick_add(f"{name} @ {company}"))

    @precondition(lambda self: bool(read(self.path).get("contacts")))
    @rule(who=st.sampled_from(SESSIONS), pick=st.integers(0, 50), phase=st.sampled_from(list(Phase)))
    def move(self, who: str, pick: int, phase: Phase) -> None:
        ids = self._contacts(who)
        if ids:
            self._step(who, lambda r: r.move(ids[pick % len(ids)], phase))

    @precondition(lambda self: bool(read(self.path).get("contacts")))
    @rule(who=st.sampled_from(SESSIONS), pick=st.integers(0, 50), title=st.sampled_from(["CTO", "SRE", ""]))
    def edit(self, who: str, pick: int, title: str) -> None:
        ids = self._contacts(who)
        if ids:
            contact_id = ids[pick % len(ids)]
            self._step(who, lambda r: r.save(replace(r.contact(contact_id), title=title)))

    @precondition(lambda self: bool(read(self.path).get("contacts")))
    @rule(who=st.sampled_from(SESSIONS), pick=st.integers(0, 50))
    def log(self, who: str, pick: int) -> None:
        ids = self._contacts(who)
        if not ids:
            return
        contact = self.repos[who].contact(ids[pick % len(ids)])

        def act(r: Repository) -> None:
            saved = r.log_interaction(Interaction(contact_id=contact.id, day=TODAY, kind=InteractionKind.MESSAGE))
            self.logged_for[saved.uid] = contact.uid

        self._step(who, act)

    @rule(who=st.sampled_from(SESSIONS))
    def undo(self, who: str) -> None:
        self._step(who, lambda r: r.undo(), replay=True)

    @rule(who=st.sampled_from(SESSIONS))
    def redo(self, who: str) -> None:
        self._step(who, lambda r: r.redo(), replay=True)

    # -- invariants ---------------------------------------------------------------------

    @invariant()
    def interactions_stay_with_their_person(self) -> None:
        data = read(self.path)
        contacts = data.get("contacts", {})
        for interaction in data.get("interactions", {}).values():
            expected = self.logged_for.get(interaction["uid"])
            if expected is None:
                continue
            person = contacts.get(str(interaction["contact_id"]))
            assert person is not None and person["uid"] == expected, "an interaction moved to another person"

    @invariant()
    def ids_are_never_reused(self) -> None:
        for table, records in read(self.path).items():
            if table == "meta":
                continue
            for key, doc in records.items():
                first = self.identity.setdefault((table, key), doc["uid"])
                assert first == doc["uid"], f"{table} id {key} was reused"


TwoSessions.TestCase.settings = settings(
    max_examples=int(os.environ.get("REFERRAL_TUI_EXAMPLES", "150")),
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_two_sessions = TwoSessions.TestCase
