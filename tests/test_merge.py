"""`referral-tui merge OTHER`: two copies of one campaign that diverged from one base.

Each test makes the copies the way they really diverge: one session writes the base (on an
earlier wall-clock day, so today's first write of each copy backs the base up), the file and
its backups folder are copied to a laptop, each copy is changed by its own session, and the
laptop's file comes back beside the data file as a Syncthing conflict copy. Then the merged
file is read back field by field.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from referral_tui import commands
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Ask, Interaction, InteractionKind, Phase
from referral_tui.exports import write_json
from referral_tui.imports.jsonfile import import_json, read_copy
from referral_tui.store import backups
from referral_tui.store.conflict_copies import conflict_copies
from referral_tui.store.merge import merge_copy
from referral_tui.store.repository import Repository
from referral_tui.store.threeway import FieldConflict, Side
from tests.helpers import TODAY

CliRunner = Callable[..., subprocess.CompletedProcess[str]]
CONFLICT = "referrals.sync-conflict-20260309-091502-ABCDEFG.json"
BASE_DAY, LATER = TODAY - timedelta(days=1), TODAY + timedelta(days=1)


def session(path: Path, day: date = TODAY) -> Repository:
    return Repository(path, FixedClock(day))


@dataclass
class Copies:
    mine: Path  # the data file
    laptop: Path  # the other machine's file (its own folder, its own backups)
    ids: dict[str, int]  # the base's records: "ana", "bo", "acme", "beta"

    def arrive(self) -> Path:
        """The laptop's version syncs back as a conflict copy beside the data file."""
        copy = self.mine.parent / CONFLICT
        shutil.copyfile(self.laptop, copy)
        return copy


@pytest.fixture
def copies(tmp_path: Path) -> Iterator[Copies]:
    mine = tmp_path / "referrals.json"
    backups.wall_clock = lambda: datetime.now() - timedelta(days=1)
    try:
        base = session(mine, BASE_DAY)
        ana = base.quick_add("Ana Ruiz @ Acme, Engineer !relationship")
        bo = base.quick_add("Bo Chen @ Beta, SRE !timing")
        base.log_interaction(Interaction(contact_id=ana.id, day=BASE_DAY, kind=InteractionKind.CALL, summary="coffee"))
        base.save_template("thanks", "Thanks", "Thank you, {first_name}!")
    finally:
        backups.wall_clock = datetime.now
    laptop = tmp_path / "laptop" / "referrals.json"
    laptop.parent.mkdir()
    shutil.copyfile(mine, laptop)
    shutil.copytree(backups.backup_dir(mine), backups.backup_dir(laptop))
    ids = {"ana": ana.id, "bo": bo.id, "acme": ana.company_id or 0, "beta": bo.company_id or 0}
    yield Copies(mine, laptop, ids)


def tables(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = orjson.loads(path.read_bytes())
    return doc


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the lock files."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr
    return proc.stdout


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0, proc
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    [line] = proc.stderr.splitlines()
    assert line.startswith("referral-tui: error:"), line
    return line


def edit(repo: Repository, contact_id: int, **changes: Any) -> None:
    repo.save(replace(repo.contact(contact_id), **changes))


# -- adds on both sides ----------------------------------------------------------------------


def test_records_added_on_both_sides_are_all_kept_and_linked_to_the_right_people(
    copies: Copies, cli: CliRunner
) -> None:
    ana, bo = copies.ids["ana"], copies.ids["bo"]
    mine = session(copies.mine)
    cy = mine.quick_add("Cy Diaz @ Gamma !research")
    mine.log_interaction(Interaction(contact_id=ana, day=TODAY, kind=InteractionKind.CALL, summary="my call"))
    laptop = session(copies.laptop)
    di = laptop.quick_add("Di Evans @ Delta !timing")
    laptop.log_interaction(Interaction(contact_id=ana, day=TODAY, kind=InteractionKind.MESSAGE, summary="their note"))
    laptop.add_ask(Ask(contact_id=di.id, day=TODAY, role_title="SRE II", why_role="fits"))
    assert cy.id == di.id == 3, "both copies gave their new referrer the same id"
    theirs = tables(copies.laptop)
    copy = copies.arrive()

    out = ok(cli("merge", str(copy)))
    assert out.splitlines()[0] == f"Merged {CONFLICT} into referrals.json:"
    assert "  base: the backup " in out
    assert "  companies: 1 added" in out and "  contacts: 1 added" in out

    merged = tables(copies.mine)
    people = {doc["name"]: int(key) for key, doc in merged["contacts"].items()}
    assert people == {"Ana Ruiz": ana, "Bo Chen": bo, "Cy Diaz": 3, "Di Evans": 4}, "Di gets a fresh id"
    di_doc = merged["contacts"]["4"]
    their_di = theirs["contacts"][str(di.id)]
    companies = {doc["name"]: int(key) for key, doc in merged["companies"].items()}
    assert companies == {"Acme": 1, "Beta": 2, "Gamma": 3, "Delta": 4}
    expected = {**their_di, "company_id": companies["Delta"]}  # same uid, fields and stamps; re-linked
    assert di_doc == expected
    assert merged["contacts"][str(ana)]["uid"] == theirs["contacts"][str(ana)]["uid"]
    # Interactions added to Ana on both sides: both kept, both hers.
    ana_talks = sorted(d["summary"] for d in merged["interactions"].values() if d["contact_id"] == ana)
    assert ana_talks == ["coffee", "my call", "their note"]
    # Di's ask, its follow-ups and the logged ask point at Di and at the ask, under their new ids.
    [(ask_key, ask)] = merged["asks"].items()
    assert (ask["contact_id"], ask["role_title"]) == (4, "SRE II")
    followups = [f for f in merged["followups"].values() if f["ask_id"] is not None]
    assert followups and all(f["ask_id"] == int(ask_key) and f["contact_id"] == 4 for f in followups)
    asked = [d for d in merged["interactions"].values() if d["kind"] == "asked"]
    assert [d["contact_id"] for d in asked] == [4]
    assert {d["uid"] for d in merged["interactions"].values()} >= {d["uid"] for d in theirs["interactions"].values()}
    # The conflict copy was put aside, not deleted; nothing is reported any more.
    assert not copy.exists()
    aside = backups.conflicts_dir(copies.mine) / CONFLICT
    assert aside.read_bytes() == copies.laptop.read_bytes()
    assert f"  the conflict copy was put aside in {aside.parent}" in out
    assert conflict_copies(copies.mine) == []
    assert aside not in backups.list_backups(copies.mine) and backups.newest_backup(copies.mine) != aside
    again = cli("due")
    assert again.returncode == 0 and again.stderr == ""


def test_merging_the_same_copy_again_changes_nothing(copies: Copies, tmp_path: Path) -> None:
    session(copies.mine).quick_add("Cy Diaz @ Gamma")
    session(copies.laptop).quick_add("Di Evans @ Delta")
    other = tmp_path / "elsewhere.json"  # not a conflict copy: it stays where it is
    shutil.copyfile(copies.laptop, other)
    repo = session(copies.mine)
    first = merge_copy(repo, read_copy(other))
    assert first.applied is not None and first.applied.wrote
    before = copies.mine.read_bytes()
    second = merge_copy(session(copies.mine), read_copy(other))
    assert second.prepared.plan.empty and second.applied is not None and not second.applied.wrote
    assert copies.mine.read_bytes() == before
    assert other.exists()


# -- the same field changed on both sides -----------------------------------------------------


def diverge_title(copies: Copies) -> None:
    ana = copies.ids["ana"]
    edit(session(copies.mine), ana, title="Staff Engineer", notes="met at PyCon")
    edit(session(copies.laptop, LATER), ana, title="Principal Engineer", email="ana@acme.example")


@pytest.mark.parametrize(
    ("prefer", "title", "decided"),
    [
        ("mine", "Staff Engineer", "kept this file's"),
        ("theirs", "Principal Engineer", "took the other copy's"),
        ("newer", "Principal Engineer", "took the other copy's"),  # the laptop saved Ana a day later
    ],
)
def test_a_field_changed_on_both_sides_is_decided_by_prefer(
    copies: Copies, cli: CliRunner, prefer: str, title: str, decided: str
) -> None:
    diverge_title(copies)
    copy = copies.arrive()
    out = ok(cli("merge", str(copy), "--prefer", prefer))
    assert (
        '  conflict: title of Ana Ruiz: this file "Staff Engineer", the other copy "Principal Engineer", '
        f'base "Engineer": {decided}'
    ) in out.splitlines()
    assert "  contacts: 1 changed, 1 conflict" in out
    ana = session(copies.mine).contact(copies.ids["ana"])
    # Fields changed on one side only are taken whatever the preference.
    assert (ana.title, ana.notes, ana.email) == (title, "met at PyCon", "ana@acme.example")
    assert (ana.name, ana.phase, ana.company_id) == ("Ana Ruiz", Phase.RELATIONSHIP, copies.ids["acme"])
    assert session(copies.mine).contact(copies.ids["bo"]).title == "SRE"


def test_newer_keeps_this_file_when_its_record_was_saved_last(copies: Copies) -> None:
    ana = copies.ids["ana"]
    edit(session(copies.mine, LATER), ana, title="Staff Engineer")
    edit(session(copies.laptop), ana, title="Principal Engineer")
    outcome = merge_copy(session(copies.mine), read_copy(copies.arrive()), prefer="newer")
    assert [c.newer for c in outcome.prepared.plan.conflicts] == ["mine"]
    assert session(copies.mine).contact(ana).title == "Staff Engineer"


def test_off_a_terminal_conflicts_need_prefer_and_nothing_is_written(copies: Copies, cli: CliRunner) -> None:
    diverge_title(copies)
    copies.arrive()
    before = snapshot(copies.mine.parent)
    line = one_error_line(cli("merge", str(copies.mine.parent / CONFLICT)))
    assert "1 field changed in both copies (title of Ana Ruiz)" in line
    assert "pass --prefer mine, theirs or newer" in line
    assert snapshot(copies.mine.parent) == before


def test_dry_run_lists_each_conflict_and_the_counts_and_writes_nothing(copies: Copies, cli: CliRunner) -> None:
    diverge_title(copies)
    session(copies.laptop).quick_add("Di Evans @ Delta")
    copy = copies.arrive()
    before = snapshot(copies.mine.parent)
    out = ok(cli("merge", str(copy), "--dry-run"))
    lines = out.splitlines()
    assert lines[0] == f"Would merge {CONFLICT} into referrals.json:"
    assert "  companies: 1 added" in lines
    assert "  contacts: 1 added, 1 changed, 1 conflict" in lines
    assert (
        '  conflict: title of Ana Ruiz: this file "Staff Engineer", the other copy "Principal Engineer", base "Engineer"'
        in lines
    )
    assert lines[-1] == "Dry run: nothing was written."
    assert snapshot(copies.mine.parent) == before, "a dry run writes nothing and moves nothing"
    assert copy.exists()


def test_the_chooser_gets_the_conflicts_and_its_picks_are_applied(copies: Copies) -> None:
    diverge_title(copies)
    edit(session(copies.mine), copies.ids["bo"], notes="mine")
    edit(session(copies.laptop), copies.ids["bo"], notes="theirs")
    asked: list[list[FieldConflict]] = []

    def choose(conflicts: list[FieldConflict]) -> dict[int, Side]:
        asked.append(conflicts)
        return {i: "theirs" if c.label == "Ana Ruiz" else "mine" for i, c in enumerate(conflicts)}

    code = commands.merge(copies.mine, FixedClock(TODAY), copies.arrive(), choose=choose)
    assert code == 0
    [conflicts] = asked
    assert sorted((c.label, c.field, c.mine_text, c.theirs_text, c.base_text) for c in conflicts) == [
        ("Ana Ruiz", "title", "Staff Engineer", "Principal Engineer", "Engineer"),
        ("Bo Chen", "notes", "mine", "theirs", '""'),
    ]
    repo = session(copies.mine)
    assert repo.contact(copies.ids["ana"]).title == "Principal Engineer"
    assert repo.contact(copies.ids["bo"]).notes == "mine"


def test_a_cancelled_pick_writes_nothing(copies: Copies, capsys: pytest.CaptureFixture[str]) -> None:
    diverge_title(copies)
    copy = copies.arrive()
    before = snapshot(copies.mine.parent)
    assert commands.merge(copies.mine, FixedClock(TODAY), copy, choose=lambda conflicts: None) == 1
    assert capsys.readouterr().err.strip() == "referral-tui: merge cancelled; nothing was written"
    assert snapshot(copies.mine.parent) == before


# -- archived on one side, edited on the other --------------------------------------------------


def test_archived_on_one_side_and_edited_on_the_other_stays_archived_with_the_edits(
    copies: Copies, cli: CliRunner
) -> None:
    ana, bo = copies.ids["ana"], copies.ids["bo"]
    mine, laptop = session(copies.mine), session(copies.laptop)
    mine.archive(bo)
    edit(laptop, bo, notes="moved to the platform team", title="Staff SRE")
    laptop.archive(ana)
    edit(mine, ana, notes="likes Rust")
    out = ok(cli("merge", str(copies.arrive())))
    assert (
        "  Bo Chen stays archived (archived in this file) with the other's edits to notes, title: "
        "restore it (A in the app) if it is active again"
    ) in out.splitlines()
    assert "  Ana Ruiz stays archived (archived in the other copy) with the other's edits to notes: " in out
    repo = session(copies.mine)
    b, a = repo.contact(bo), repo.contact(ana)
    assert (b.archived, b.notes, b.title, b.phase) == (True, "moved to the platform team", "Staff SRE", Phase.TIMING)
    assert (a.archived, a.notes, a.title) == (True, "likes Rust", "Engineer")
    assert [c.name for c in repo.contacts()] == [], "both stay off the board"


# -- records removed on one side --------------------------------------------------------------


def test_a_template_deleted_in_one_copy_is_deleted_by_the_merge(copies: Copies) -> None:
    session(copies.mine).quick_add("Cy Diaz @ Gamma")  # this file changed too: the base is a backup
    session(copies.laptop).delete_template("thanks")
    outcome = merge_copy(session(copies.mine), read_copy(copies.arrive()))
    assert outcome.prepared.base is not None and outcome.prepared.base.name.startswith("the backup ")
    assert [(r.table, r.label) for r in outcome.prepared.plan.removals] == [("templates", "the template Thanks")]
    assert tables(copies.mine)["templates"] == {}


def test_a_record_this_file_removed_stays_removed_unless_the_other_copy_changed_it(copies: Copies) -> None:
    session(copies.mine).delete_template("thanks")
    session(copies.laptop).quick_add("Di Evans @ Delta")
    merge_copy(session(copies.mine), read_copy(copies.arrive()))
    assert tables(copies.mine)["templates"] == {}
    assert "Di Evans" in {d["name"] for d in tables(copies.mine)["contacts"].values()}


# -- the base --------------------------------------------------------------------------------


def test_a_copy_made_from_this_file_is_merged_against_this_file_itself(copies: Copies) -> None:
    """This file did not change since the laptop took its copy: everything the laptop did is taken."""
    laptop = session(copies.laptop)
    edit(laptop, copies.ids["ana"], title="Principal Engineer")
    laptop.delete_template("thanks")
    shutil.rmtree(backups.backup_dir(copies.mine))  # no backup is needed for this one
    outcome = merge_copy(session(copies.mine), read_copy(copies.arrive()))
    assert outcome.prepared.base is not None
    assert outcome.prepared.base.name == "this file itself (the other copy was made from it)"
    assert session(copies.mine).contact(copies.ids["ana"]).title == "Principal Engineer"
    assert tables(copies.mine)["templates"] == {}


def test_an_older_copy_of_this_file_brings_nothing(copies: Copies, cli: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    shutil.copyfile(copies.mine, old)
    session(copies.mine).delete_template("thanks")
    edit(session(copies.mine), copies.ids["ana"], title="CTO")
    before = copies.mine.read_bytes()
    out = ok(cli("merge", str(old)))
    assert out.splitlines()[0] == "old.json holds nothing referrals.json lacks: nothing was changed."
    assert copies.mine.read_bytes() == before
    assert old.exists(), "only conflict copies beside the data file are put aside"


def test_without_a_base_the_record_saved_last_wins_and_the_output_says_so(copies: Copies, cli: CliRunner) -> None:
    edit(session(copies.mine), copies.ids["bo"], notes="mine")  # saved today
    edit(session(copies.laptop, LATER), copies.ids["ana"], title="Principal Engineer")  # saved tomorrow
    shutil.rmtree(backups.backup_dir(copies.mine))
    shutil.rmtree(backups.backup_dir(copies.laptop))
    out = ok(cli("merge", str(copies.arrive())))
    assert (
        "  no common base (no backup both copies descend from): where a record differs, "
        "the copy that saved it last wins its fields"
    ) in out.splitlines()
    assert "  by that rule: 1 field taken, 1 kept" in out.splitlines()
    repo = session(copies.mine)
    assert repo.contact(copies.ids["ana"]).title == "Principal Engineer"
    assert repo.contact(copies.ids["bo"]).notes == "mine"


def test_without_a_base_records_saved_at_the_same_moment_are_conflicts(copies: Copies) -> None:
    edit(session(copies.mine), copies.ids["ana"], title="Staff Engineer")
    edit(session(copies.laptop), copies.ids["ana"], title="Principal Engineer")
    shutil.rmtree(backups.backup_dir(copies.mine))
    outcome = merge_copy(session(copies.mine), read_copy(copies.arrive()), dry_run=True)
    [conflict] = outcome.prepared.plan.conflicts
    assert (conflict.field, conflict.base_text) == ("title", "(not set)")


def test_a_merge_is_one_undo_step(copies: Copies) -> None:
    diverge_title(copies)
    session(copies.laptop).quick_add("Di Evans @ Delta")
    before = tables(copies.mine)
    repo = session(copies.mine)
    merge_copy(repo, read_copy(copies.arrive()), prefer="theirs")
    assert repo.contact(copies.ids["ana"]).title == "Principal Engineer"
    result = repo.undo()
    assert result is not None and result.description == f"merged {CONFLICT}"
    after = tables(copies.mine)
    for name in ("companies", "contacts", "interactions", "templates"):
        assert {k: {f: v for f, v in d.items() if f != "updated_at"} for k, d in after[name].items()} == {
            k: {f: v for f, v in d.items() if f != "updated_at"} for k, d in before[name].items()
        }, name


# -- refused merges --------------------------------------------------------------------------


def _newer(doc: dict[str, Any]) -> bytes:
    doc["meta"]["1"]["schema_version"] = 99
    return orjson.dumps(doc)


def _bad_record(doc: dict[str, Any]) -> bytes:
    doc["contacts"]["1"]["name"] = 5
    return orjson.dumps(doc)


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "it is damaged: not valid JSON"),
    "empty": (lambda raw: b"", "it is damaged: not valid JSON (the file is empty)"),
    "newer schema": (lambda raw: _newer(orjson.loads(raw)), "written by a newer referral-tui (data schema 99"),
    "not a campaign": (lambda raw: b'{"hello": "world"}', "not a referral-tui data file or export"),
    "a list": (lambda raw: b"[1, 2]", "not a referral-tui data file or export"),
    "bad record": (lambda raw: _bad_record(orjson.loads(raw)), "record 1 in 'contacts': name is 5, not text"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_refused_merge_is_one_error_line_and_writes_nothing(copies: Copies, cli: CliRunner, case: str) -> None:
    session(copies.laptop).quick_add("Di Evans @ Delta")
    copy = copies.arrive()
    damage, expected = DAMAGE[case]
    copy.write_bytes(damage(copy.read_bytes()))
    before = snapshot(copies.mine.parent)
    line = one_error_line(cli("merge", str(copy), "--prefer", "theirs"))
    assert f"cannot merge {copy}: " in line and expected in line, line
    assert line.endswith("nothing was changed")
    assert snapshot(copies.mine.parent) == before
    assert copy.exists(), "a refused copy is not put aside"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["merge", "{tmp}/nowhere.json"], "no such file"),
        (["merge", "{tmp}"], "it is a folder"),
        (["merge", "{tmp}/referrals.json"], "is the data file itself"),
        (["merge", "{tmp}/other.json", "--prefer", "both"], "invalid choice: 'both'"),
        (["merge"], "the following arguments are required: OTHER.json"),
    ],
)
def test_bad_merge_arguments_are_one_line(copies: Copies, cli: CliRunner, args: list[str], expected: str) -> None:
    folder = copies.mine.parent
    before = snapshot(folder)
    line = one_error_line(cli(*(a.replace("{tmp}", str(folder)) for a in args)))
    assert expected in line
    assert snapshot(folder) == before


# -- import json uses the same merge ----------------------------------------------------------


def test_import_json_into_a_campaign_merges_field_by_field(copies: Copies, cli: CliRunner, tmp_path: Path) -> None:
    diverge_title(copies)
    laptop = session(copies.laptop)
    di = laptop.quick_add("Di Evans @ Delta")
    export = tmp_path / "laptop-export.json"
    write_json(laptop, export)
    out = ok(cli("import", "json", str(export), "--prefer", "theirs"))
    lines = out.splitlines()
    assert lines[0] == "Imported 2 records from laptop-export.json: 1 companies, 1 contacts"
    assert "  base: the backup " in out
    assert "  contacts: 1 added, 1 changed, 1 conflict" in lines
    repo = session(copies.mine)
    ana = repo.contact(copies.ids["ana"])
    assert (ana.title, ana.notes, ana.email) == ("Principal Engineer", "met at PyCon", "ana@acme.example")
    [new] = [c for c in repo.contacts() if c.name == "Di Evans"]
    assert new.uid == di.uid
    assert export.exists()


def test_import_json_with_conflicts_off_a_terminal_needs_prefer(copies: Copies, cli: CliRunner, tmp_path: Path) -> None:
    diverge_title(copies)
    export = tmp_path / "laptop-export.json"
    write_json(session(copies.laptop), export)
    before = copies.mine.read_bytes()
    line = one_error_line(cli("import", "json", str(export)))
    assert f"cannot import {export}: 1 field changed in both copies" in line and "--prefer" in line
    assert copies.mine.read_bytes() == before


def test_an_export_older_than_uids_is_merged_by_names(copies: Copies, tmp_path: Path) -> None:
    laptop = session(copies.laptop)
    laptop.quick_add("Di Evans @ Delta")
    export = tmp_path / "old-export.json"
    write_json(laptop, export)
    doc = orjson.loads(export.read_bytes())
    doc["schema_version"] = 1  # before uids: no uid and no lineage
    doc.pop("revision")
    for table in doc["tables"].values():
        for record in table.values():
            record.pop("uid", None)
    export.write_bytes(orjson.dumps(doc))
    result = import_json(session(copies.mine), export)
    assert result.merge is None
    assert result.added == {"companies": 1, "contacts": 1}, "Ana, Bo, Acme and the rest matched by name"
    names = sorted(d["name"] for d in tables(copies.mine)["contacts"].values())
    assert names == ["Ana Ruiz", "Bo Chen", "Di Evans"]
