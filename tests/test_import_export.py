"""`referral-tui import linkedin|json` and `export json|csv` through the INSTALLED command.

Every run uses the hermetic REFERRAL_TUI_DB and REFERRAL_TUI_TODAY from conftest; the
Connections.csv fixtures are described in test_linkedin.py.
"""

from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Company, Contact, Interaction, InteractionKind, Phase
from referral_tui.exports import write_json
from referral_tui.imports import import_linkedin
from referral_tui.store.migrations import SCHEMA_VERSION, TABLES
from referral_tui.store.repository import Repository
from tests.helpers import assert_one_error_line, edit_company, fresh, snapshot, undo_text

TODAY = date(2026, 3, 9)
CliRunner = Callable[..., subprocess.CompletedProcess[str]]

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
MODERN = FIXTURES / "connections_modern.csv"
CHANGED = FIXTURES / "connections_modern_changed.csv"
OLDER = FIXTURES / "connections_2018.csv"
CP1252 = FIXTURES / "connections_cp1252.csv"
NOT_CONNECTIONS = FIXTURES / "not_connections.csv"

MODERN_PEOPLE = ["Priya Shah", "Bo Chen", "José Müller-Łukasz", "Li Wei 🚀", "Kim Park", "Dana Scully", "Ravi Iyer"]
AT_STRIPE = {"Priya Shah", "Bo Chen", "Dana Scully", "Ravi Iyer"}


def by_name(path: Path) -> dict[str, Contact]:
    contacts = fresh(path).contacts(include_archived=True)
    found = {c.name: c for c in contacts}
    assert len(found) == len(contacts), "two contacts share a name"
    return found


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Traceback" not in proc.stdout
    return proc.stdout


def summary_line(out: str) -> str:
    return next(line.strip() for line in out.splitlines() if line.strip().startswith("added "))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A permissive umask, inherited by the command, so 0600/0700 must come from the code."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# -- import linkedin ----------------------------------------------------------------------


def test_import_modern_prints_the_summary_and_fills_the_network(cli: CliRunner, db_path: Path) -> None:
    out = ok(cli("import", "linkedin", str(MODERN)))
    lines = out.splitlines()
    assert lines[0] == "Imported connections_modern.csv into your network (n in the app):"
    assert summary_line(out) == "added 7, updated 0, unchanged 0, changed company 0, skipped 3"
    assert "at one of your target companies (candidate referrers): 0" in out
    skipped = [line.strip() for line in lines if line.strip().startswith("skipped line")]
    assert skipped == [
        "skipped line 9: no name (a ghost row with only a date)",
        "skipped line 10: 8 fields where the header has 7 (an unquoted comma?)",
        "skipped line 11: 'Connected On' is not a date: '31 Feb 2024'",
    ]

    people = by_name(db_path)
    assert list(people) == MODERN_PEOPLE
    assert all(c.phase is None for c in people.values()), "imported people belong to the network"
    assert fresh(db_path).contacts(on_board=True) == []
    assert fresh(db_path).companies() == [], "an import does not invent companies"
    for contact in people.values():
        assert contact.tags == ["linkedin"]
        assert contact.how_found == "existing"
        assert contact.company_id is None
        assert contact.previous_employer == ""
        assert contact.created_at.startswith("2026-03-09")
    li = people["Li Wei 🚀"]
    assert (li.employer, li.title, li.connected_on) == ('Globex "Labs"', 'The "Fixer", Platform', "2021-03-15")
    assert li.linkedin_url == "https://www.linkedin.com/in/li-wei-%F0%9F%9A%80"
    jose = people["José Müller-Łukasz"]
    assert (jose.employer, jose.title) == ("Acme", "Engineering Manager")
    assert people["Bo Chen"].email == "bo.chen@example.com"
    assert people["Bo Chen"].title == "Site Reliability Engineer, Payments"
    assert people["Priya Shah"].connected_on == "2024-05-30"
    assert people["Kim Park"].title == "Head of\r\nDeveloper Relations"
    assert people["Ravi Iyer"].employer == "Stripe"


def test_import_older_export_and_cp1252(cli: CliRunner, db_path: Path) -> None:
    out = ok(cli("import", "linkedin", str(OLDER)))
    assert summary_line(out) == "added 4, updated 0, unchanged 0, changed company 0, skipped 2"
    assert "skipped line 7: no name (a ghost row with only a date)" in out
    assert "skipped line 9: 'Connected On' is not a date: '13/45/18, 1:00 PM'" in out
    out = ok(cli("import", "linkedin", str(CP1252)))
    assert summary_line(out) == "added 2, updated 0, unchanged 0, changed company 0, skipped 0"
    people = by_name(db_path)
    assert people["Maria Garcia"].connected_on == "2018-01-08"
    assert people["Maria Garcia"].linkedin_url == ""
    assert people["Tom O'Brien"].employer == "Wayne Enterprises, Inc."
    assert people["José Müller"].employer == "Café Société"
    assert people["Zoë Brontë"].title == "Chef €"


def test_import_with_phase_puts_everyone_on_the_board(cli: CliRunner, db_path: Path) -> None:
    out = ok(cli("import", "linkedin", str(MODERN), "--phase", "relationship"))
    assert out.splitlines()[0] == "Imported connections_modern.csv into the board (Relationship):"
    assert summary_line(out).startswith("added 7,")
    people = by_name(db_path)
    assert {c.phase for c in people.values()} == {Phase.RELATIONSHIP}
    assert fresh(db_path).contacts(on_board=False) == []


def test_people_at_your_companies_are_linked_and_counted_as_candidates(cli: CliRunner, db_path: Path) -> None:
    ok(cli("add", "--target", "Xavier Ng @ Stripe"))
    ok(cli("add", "Yara Haddad @ acme !target"))
    repo = fresh(db_path)
    stripe, acme = repo.find_company("Stripe"), repo.find_company("Acme")
    assert stripe is not None and acme is not None

    out = ok(cli("import", "linkedin", str(MODERN)))
    assert summary_line(out) == "added 7, updated 0, unchanged 0, changed company 0, skipped 3"
    assert "at one of your target companies (candidate referrers): 5" in out
    people = by_name(db_path)
    for name in AT_STRIPE:
        assert people[name].company_id == stripe.id, name
    assert people["José Müller-Łukasz"].company_id == acme.id  # "Acme " in the file, "acme" typed
    assert people["Li Wei 🚀"].company_id is None
    assert people["Kim Park"].company_id is None
    assert len(fresh(db_path).companies()) == 2
    # Still the network: being at a target company makes a candidate, not a referrer.
    assert {c.name for c in fresh(db_path).contacts(on_board=True)} == {"Xavier Ng", "Yara Haddad"}


def test_a_paused_company_does_not_make_candidates(cli: CliRunner, repo: Repository, db_path: Path) -> None:
    repo.quick_add("Xavier Ng @ Stripe !target")
    stripe = repo.find_company("Stripe")
    assert stripe is not None
    edit_company(repo, stripe.id, status="paused")
    out = ok(cli("import", "linkedin", str(MODERN)))
    assert "(candidate referrers): 0" in out
    assert by_name(db_path)["Bo Chen"].company_id == stripe.id  # still linked to the company


def test_a_prospect_company_links_people_but_makes_no_candidates(
    cli: CliRunner, repo: Repository, db_path: Path
) -> None:
    """#19.1: a company quick-added without !target is a prospect, not one of the targets."""
    repo.quick_add("Xavier Ng @ Stripe")
    stripe = repo.find_company("Stripe")
    assert stripe is not None and stripe.status == "prospect"
    out = ok(cli("import", "linkedin", str(MODERN)))
    assert "(candidate referrers): 0" in out
    assert by_name(db_path)["Bo Chen"].company_id == stripe.id


def test_reimporting_the_same_file_adds_nothing(cli: CliRunner, repo: Repository, db_path: Path) -> None:
    repo.quick_add("Xavier Ng @ Stripe !target")
    ok(cli("import", "linkedin", str(MODERN)))
    before = db_path.read_bytes()
    out = ok(cli("import", "linkedin", str(MODERN)))
    assert summary_line(out) == "added 0, updated 0, unchanged 7, changed company 0, skipped 3"
    assert "(candidate referrers): 4" in out
    assert db_path.read_bytes() == before, "nothing changed, so nothing was written"
    assert len(fresh(db_path).contacts()) == 8


def test_reimporting_the_older_file_matches_on_name_and_company(cli: CliRunner, db_path: Path) -> None:
    ok(cli("import", "linkedin", str(OLDER)))
    out = ok(cli("import", "linkedin", str(OLDER)))
    assert summary_line(out) == "added 0, updated 0, unchanged 4, changed company 0, skipped 2"
    assert len(fresh(db_path).contacts()) == 4


def test_a_referrer_added_by_hand_is_matched_not_duplicated(cli: CliRunner, repo: Repository, db_path: Path) -> None:
    repo.quick_add("Priya Shah @ Stripe, Staff Engineer !relationship")
    out = ok(cli("import", "linkedin", str(MODERN)))
    assert summary_line(out) == "added 6, updated 1, unchanged 0, changed company 0, skipped 3"
    priya = by_name(db_path)["Priya Shah"]
    assert priya.phase is Phase.RELATIONSHIP, "an import never takes a referrer off the board"
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-shah-1a2b3c"
    assert priya.employer == "Stripe" and priya.company_id is not None


def test_reimporting_the_changed_file_flags_changed_companies(cli: CliRunner, repo: Repository, db_path: Path) -> None:
    repo.quick_add("Xavier Ng @ Stripe !target")
    repo.quick_add("Yara Haddad @ Acme !target")
    stripe, acme = repo.find_company("Stripe"), repo.find_company("Acme")
    assert stripe is not None and acme is not None
    ok(cli("import", "linkedin", str(MODERN)))
    ids = {name: c.id for name, c in by_name(db_path).items()}

    out = ok(cli("import", "linkedin", str(CHANGED)))
    assert summary_line(out) == "added 0, updated 2, unchanged 5, changed company 2, skipped 3"
    changed = [line.strip() for line in out.splitlines() if line.strip().startswith("changed company:")]
    assert changed == ["changed company: Priya Shah: Stripe → Globex", "changed company: Dana Scully: Stripe → Acme"]
    assert "(candidate referrers): 4" in out  # Bo, José, Dana (now at Acme) and Ravi

    people = by_name(db_path)
    assert {name: c.id for name, c in people.items()} == ids, "updated in place, not added again"
    priya, dana = people["Priya Shah"], people["Dana Scully"]
    assert (priya.employer, priya.previous_employer, priya.title) == ("Globex", "Stripe", "Principal Engineer")
    assert priya.company_id is None, "Globex is not one of your companies"
    assert (dana.employer, dana.previous_employer, dana.company_id) == ("Acme", "Stripe", acme.id)
    assert people["Bo Chen"].previous_employer == "" and people["Bo Chen"].company_id == stripe.id

    # Importing the changed file again changes nothing and keeps the previous employer.
    out = ok(cli("import", "linkedin", str(CHANGED)))
    assert summary_line(out) == "added 0, updated 0, unchanged 7, changed company 0, skipped 3"
    assert by_name(db_path)["Priya Shah"].previous_employer == "Stripe"


def test_an_import_is_one_undo_step(repo: Repository) -> None:
    repo.quick_add("Xavier Ng @ Stripe")
    import_linkedin(repo, MODERN)
    assert len(repo.contacts()) == 8
    assert undo_text(repo) == "imported connections_modern.csv"
    assert [c.name for c in repo.contacts()] == ["Xavier Ng"]


def test_progress_is_reported_on_large_files(repo: Repository, tmp_path: Path) -> None:
    rows = [f"Person{i},Example,https://www.linkedin.com/in/p{i},,Acme,Engineer,30 May 2024" for i in range(2500)]
    path = tmp_path / "big.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows) + "\n")
    seen: list[tuple[str, int, int]] = []
    summary = import_linkedin(repo, path, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert summary.added == 2500
    assert [s for s in seen if s[0] == "connections"] == [
        ("connections", 0, 2500),
        ("connections", 1000, 2500),
        ("connections", 2000, 2500),
        ("connections", 2500, 2500),
    ]
    assert seen[-2:] == [("saving", 0, 1), ("saving", 1, 1)]


BAD_IMPORTS: dict[str, tuple[list[str], str]] = {
    "bad phase": (["import", "linkedin", str(MODERN), "--phase", "zzz"], "'zzz' is not a phase"),
    "missing file": (["import", "linkedin", "{tmp}/nowhere/Connections.csv"], "no such file"),
    "a folder": (["import", "linkedin", "{tmp}"], "no LinkedIn export file found"),  # a folder may be the export
    "no header": (["import", "linkedin", str(NOT_CONNECTIONS)], "no header line with 'First Name' and 'Last Name'"),
    "not text": (["import", "linkedin", "{tmp}/binary.csv"], "not text"),
    "no format": (["import"], "required"),
    "json missing": (["import", "json", "{tmp}/nowhere.json"], "no such file"),
}


@pytest.mark.parametrize("case", list(BAD_IMPORTS))
def test_bad_imports_are_one_line_and_change_nothing(
    cli: CliRunner, repo: Repository, db_path: Path, tmp_path: Path, case: str
) -> None:
    repo.quick_add("Ann Lee @ Acme")
    (tmp_path / "binary.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x81\x8d\x8f\x90\x9d\xff")
    before = snapshot(tmp_path)
    args, expected = BAD_IMPORTS[case]
    proc = cli(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    line = assert_one_error_line(proc)
    assert expected in line
    assert proc.stdout == ""
    assert snapshot(tmp_path) == before, "a refused import changed a file"


def test_bad_phase_message_lists_the_phases(cli: CliRunner) -> None:
    line = assert_one_error_line(cli("import", "linkedin", str(MODERN), "--phase", "zzz"))
    assert "research" in line and "relationship" in line


def test_a_refused_import_does_not_create_the_data_file(cli: CliRunner, db_path: Path) -> None:
    assert_one_error_line(cli("import", "linkedin", str(NOT_CONNECTIONS)))
    assert not db_path.exists()


# -- export json / import json -------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo campaign, written once by the installed ``referral-tui demo --out`` (a subprocess
    costs about half a second, so the tests share it and each works on a copy)."""
    folder = tmp_path_factory.mktemp("demo")
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder),
        "XDG_CONFIG_HOME": str(folder),
        "REFERRAL_TUI_DB": str(folder / "unused.json"),
        "REFERRAL_TUI_TODAY": TODAY.isoformat(),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    path = folder / "demo.json"
    found = shutil.which("referral-tui", path=env["PATH"])
    command = [found] if found else [sys.executable, "-m", "referral_tui"]
    proc = subprocess.run([*command, "demo", "--out", str(path)], capture_output=True, text=True, timeout=60, env=env)
    ok(proc)
    return path


@pytest.fixture
def campaign(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo campaign (dated from the frozen today)."""
    path = tmp_path / "demo.json"
    shutil.copyfile(demo_file, path)
    return path


def test_demo_command_writes_the_campaign(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "fresh-demo.json"
    out = ok(cli("demo", "--out", str(path)))
    assert out.startswith(f"Wrote the sample campaign to {path}")
    repo = fresh(path)
    assert repo.contacts(on_board=True) and repo.contacts(on_board=False) and repo.companies()


def export_json(cli: CliRunner, db: Path, out: Path) -> dict[str, Any]:
    text = ok(cli("export", "json", str(out), env={"REFERRAL_TUI_DB": str(db)}))
    assert text.startswith("Wrote ") and str(out) in text
    data: dict[str, Any] = orjson.loads(out.read_bytes())
    return data


def test_export_json_is_everything_with_the_schema_version(
    cli: CliRunner, campaign: Path, tmp_path: Path, open_umask: None
) -> None:
    out = tmp_path / "export.json"
    doc = export_json(cli, campaign, out)
    assert mode(out) == 0o600
    assert doc["format"] == "referral-tui-export"
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["exported_at"].startswith("2026-03-09")
    assert tuple(doc["tables"]) == TABLES[1:]  # every table of records; meta is the file's own
    stored = orjson.loads(campaign.read_bytes())
    assert doc["tables"] == {name: stored[name] for name in TABLES[1:]}
    assert doc["revision"]["revision_id"] == stored["meta"]["1"]["revision_id"]
    records = sum(len(t) for t in doc["tables"].values())
    assert write_json(fresh(campaign), tmp_path / "again.json") == records


def test_round_trip_into_an_empty_file_gives_identical_data(cli: CliRunner, campaign: Path, tmp_path: Path) -> None:
    # Rich enough to be worth the trip: every table but templates has records.
    original = orjson.loads(campaign.read_bytes())
    assert all(original[name] for name in TABLES if name != "templates"), {k: len(v) for k, v in original.items()}
    out = tmp_path / "export.json"
    export_json(cli, campaign, out)
    restored = tmp_path / "restored" / "referrals.json"
    text = ok(cli("import", "json", str(out), env={"REFERRAL_TUI_DB": str(restored)}))
    assert text.startswith("Imported ") and f"{len(original['contacts'])} contacts" in text
    records = {name: original[name] for name in TABLES[1:]}
    back = orjson.loads(restored.read_bytes())
    assert {name: back[name] for name in TABLES[1:]} == records  # ids, uids and timestamps too
    assert back["meta"]["1"]["next_ids"] == original["meta"]["1"]["next_ids"]
    # And back again: the restored file exports the same tables.
    write_json(fresh(restored), tmp_path / "again.json")
    assert orjson.loads((tmp_path / "again.json").read_bytes())["tables"] == records


def test_restore_reports_as_many_records_as_the_export(cli: CliRunner, campaign: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    written = write_json(fresh(campaign), out)  # what 'export json' reports as "Wrote N records"
    text = ok(cli("import", "json", str(out), env={"REFERRAL_TUI_DB": str(tmp_path / "new.json")}))
    assert text.split()[1] == str(written), text


def test_import_json_merges_into_a_campaign_without_duplicates(
    cli: CliRunner, repo: Repository, campaign: Path, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    write_json(fresh(campaign), out)
    doc = orjson.loads(out.read_bytes())
    repo.quick_add("Ann Lee @ Acme")
    import_linkedin(repo, MODERN)
    mine = orjson.loads(db_path.read_bytes())

    text = ok(cli("import", "json", str(out)))
    assert "contacts" in text
    merged = orjson.loads(db_path.read_bytes())
    for name in ("companies", "contacts", "interactions", "asks", "followups"):
        assert len(merged[name]) == len(mine[name]) + len(doc["tables"][name]), name
    # What was there before is kept as it was.
    for name in ("companies", "contacts"):
        for key, record in mine[name].items():
            assert merged[name][key] == record
    # Links point at the new ids: every interaction, ask and follow-up has its contact.
    for name in ("interactions", "asks", "followups"):
        assert all(str(r["contact_id"]) in merged["contacts"] for r in merged[name].values()), name
    demo_names = {r["name"] for r in doc["tables"]["contacts"].values()}
    assert demo_names <= {r["name"] for r in merged["contacts"].values()}

    # Asks and follow-ups stay with the right people after their ids were remapped.
    repo, demo = fresh(db_path), fresh(campaign)
    names = {c.id: c.name for c in repo.contacts(include_archived=True)}
    demo_by_id = {c.id: c.name for c in demo.contacts(include_archived=True)}
    asks = sorted((names[a.contact_id], a.day, a.role_title, a.status) for a in repo.asks())
    assert asks == sorted((demo_by_id[a.contact_id], a.day, a.role_title, a.status) for a in demo.asks())
    ask_owner = {a.id: names[a.contact_id] for a in repo.asks()}
    for f in repo.followups(open_only=False):
        if f.ask_id is not None:
            assert ask_owner[f.ask_id] == names[f.contact_id]

    before = db_path.read_bytes()
    text = ok(cli("import", "json", str(out)))
    assert text.strip() == "Imported 0 records from export.json: nothing new"
    assert db_path.read_bytes() == before


def test_reimport_matches_profile_urls_written_differently(repo: Repository, tmp_path: Path) -> None:
    import_linkedin(repo, MODERN)
    variant = tmp_path / "Connections.csv"
    variant.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Priya,Shah,http://linkedin.com/in/Priya-Shah-1a2b3c/,,Stripe,Staff Engineer,30 May 2024\n"
        "José,Müller-Łukasz,https://www.linkedin.com/in/josé-müller-łukasz,,Acme,Engineering Manager,02 Feb 2022\n",
        encoding="utf-8",
    )
    summary = import_linkedin(repo, variant)
    assert (summary.added, summary.updated) == (0, 2)  # matched; the URL is kept as the new file writes it
    assert len(repo.contacts()) == 7
    people = {c.name: c for c in repo.contacts()}
    assert people["José Müller-Łukasz"].linkedin_url == "https://www.linkedin.com/in/josé-müller-łukasz"


def test_a_merge_keeps_two_identical_interactions_of_the_export(
    cli: CliRunner, repo: Repository, tmp_path: Path
) -> None:
    source = Repository(tmp_path / "source.json", FixedClock(TODAY))
    ann = source.quick_add("Ann Lee @ Acme !relationship")
    for _ in range(2):
        source.log_interaction(Interaction(contact_id=ann.id, day=date(2026, 3, 2), kind=InteractionKind.MESSAGE))
    out = tmp_path / "export.json"
    write_json(source, out)
    repo.quick_add("Bo Chen @ Beta")
    ok(cli("import", "json", str(out)))
    assert len(fresh(repo.path).interactions()) == 2


def test_a_merge_keeps_the_profile_when_the_campaign_has_none(
    cli: CliRunner, repo: Repository, campaign: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    write_json(fresh(campaign), out)
    assert fresh(campaign).profile()
    repo.quick_add("Bo Chen @ Beta")
    assert repo.profile() == {}
    ok(cli("import", "json", str(out)))
    assert fresh(repo.path).profile() == fresh(campaign).profile()


NEWER = 999


@pytest.mark.parametrize("target", ["empty", "campaign"])
def test_import_json_refuses_a_newer_schema(
    cli: CliRunner, campaign: Path, db_path: Path, tmp_path: Path, target: str
) -> None:
    out = tmp_path / "export.json"
    write_json(fresh(campaign), out)
    doc = orjson.loads(out.read_bytes())
    doc["schema_version"] = NEWER
    out.write_bytes(orjson.dumps(doc))
    if target == "campaign":
        fresh(db_path).quick_add("Ann Lee @ Acme")
    before = snapshot(tmp_path)
    line = assert_one_error_line(cli("import", "json", str(out)))
    assert "newer" in line and f"schema {NEWER}" in line and f"up to {SCHEMA_VERSION}" in line
    assert "upgrade" in line
    assert snapshot(tmp_path) == before
    assert db_path.exists() == (target == "campaign")


NOT_EXPORTS = {
    "a data file": None,  # the campaign file itself is not an export
    "another json": b'{"hello": "world"}',
    "a list": b"[1, 2, 3]",
    "no tables": b'{"format": "referral-tui-export", "schema_version": 1}',
    "bad table": b'{"format": "referral-tui-export", "schema_version": 1, "tables": {"contacts": [1]}}',
    "no version": b'{"format": "referral-tui-export", "tables": {}}',
    "not json": b"First Name,Last Name\n",
}


@pytest.mark.parametrize("case", list(NOT_EXPORTS))
def test_import_json_refuses_what_is_not_an_export(
    cli: CliRunner, repo: Repository, db_path: Path, tmp_path: Path, case: str
) -> None:
    repo.quick_add("Ann Lee @ Acme")
    content = NOT_EXPORTS[case]
    source = db_path if content is None else tmp_path / "other.json"
    if content is not None:
        source.write_bytes(content)
    before = snapshot(tmp_path)
    line = assert_one_error_line(cli("import", "json", str(source)))
    assert str(source) in line
    if case in ("a data file", "another json", "a list", "no tables"):
        assert "is not a referral-tui export" in line
    assert snapshot(tmp_path) == before


# -- export csv ----------------------------------------------------------------------------

FORMULAS = {
    "name": '=HYPERLINK("http://evil.example","Priya")',
    "title": "+1 555 0100",
    "email": "@evil",
    "notes": "-2+3",
    "how_found": "\tTabbed",
    "employer": "\rCarriage",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_csv_writes_one_private_file_per_table(
    cli: CliRunner, campaign: Path, tmp_path: Path, open_umask: None
) -> None:
    folder = tmp_path / "tables"
    text = ok(cli("export", "csv", str(folder), env={"REFERRAL_TUI_DB": str(campaign)}))
    expected = [f"{name}.csv" for name in TABLES if name != "meta"]
    assert text.strip() == f"Wrote {len(expected)} CSV files to {folder}: {', '.join(expected)}"
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    assert mode(folder) == 0o700
    data = orjson.loads(campaign.read_bytes())
    for name in expected:
        path = folder / name
        assert mode(path) == 0o600, name
        assert path.read_bytes().startswith(b"\xef\xbb\xbfid"), "BOM then the header"
        rows = read_csv(path)
        table = data[name.removesuffix(".csv")]
        assert [r["id"] for r in rows] == list(table), name
    contacts = {r["name"]: r for r in read_csv(folder / "contacts.csv")}
    demo = {c["name"]: c for c in data["contacts"].values()}
    assert contacts.keys() == demo.keys()
    someone = next(c for c in demo.values() if c["tags"] and c["phase"])
    row = contacts[someone["name"]]
    assert row["tags"] == "; ".join(someone["tags"])
    assert row["phase"] == someone["phase"]
    assert row["archived"] == ("yes" if someone["archived"] else "no")
    assert row["scores"] == (orjson.dumps(someone["scores"]).decode() if someone["scores"] else "")


def test_export_csv_into_an_existing_folder_keeps_its_mode(
    cli: CliRunner, campaign: Path, tmp_path: Path, open_umask: None
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    ok(cli("export", "csv", str(folder), env={"REFERRAL_TUI_DB": str(campaign)}))
    assert mode(folder) == 0o755
    assert all(mode(p) == 0o600 for p in folder.iterdir())


def test_export_csv_neutralises_formulas(cli: CliRunner, repo: Repository, tmp_path: Path) -> None:
    company = repo.add_company(Company(name="=cmd|' /C calc'!A0"))
    repo.add_contact(
        Contact(
            name=FORMULAS["name"],
            company_id=company.id,
            tags=["=bad", "ok"],
            title=FORMULAS["title"],
            email=FORMULAS["email"],
            notes=FORMULAS["notes"],
            how_found=FORMULAS["how_found"],
            employer=FORMULAS["employer"],
        )
    )
    repo.add_contact(Contact(name="Plain Person", title="Engineer = builder", notes="a - b", email="p@example.com"))
    folder = tmp_path / "csv"
    ok(cli("export", "csv", str(folder)))
    rows = {r["id"]: r for r in read_csv(folder / "contacts.csv")}
    evil, plain = rows["1"], rows["2"]
    for column, value in FORMULAS.items():
        assert evil[column] == "'" + value, column
    assert evil["tags"] == "'=bad; ok"
    # Only the first character counts; ordinary text is left alone.
    assert (plain["name"], plain["title"], plain["notes"], plain["email"]) == (
        "Plain Person",
        "Engineer = builder",
        "a - b",
        "p@example.com",
    )
    [company_row] = read_csv(folder / "companies.csv")
    assert company_row["name"] == "'=cmd|' /C calc'!A0"
    # No cell of any table starts like a formula.
    for path in folder.iterdir():
        for row in read_csv(path):
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, value)


def test_export_ics_is_private_too(cli: CliRunner, campaign: Path, tmp_path: Path, open_umask: None) -> None:
    out = tmp_path / "followups.ics"
    ok(cli("export", "ics", str(out), env={"REFERRAL_TUI_DB": str(campaign)}))
    assert mode(out) == 0o600


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "csv", "{tmp}/file.txt"], "is a file"),
        (["export", "json", "{tmp}"], "is a folder"),
        (["export", "json", "{tmp}/nowhere/out.json"], "does not exist"),
        (["export", "csv", "{tmp}/nowhere/deeper/out"], "does not exist"),
        (["export", "xml", "{tmp}/out.xml"], "invalid choice"),
    ],
)
def test_bad_exports_are_one_line_and_write_nothing(
    cli: CliRunner, repo: Repository, tmp_path: Path, args: list[str], expected: str
) -> None:
    repo.quick_add("Ann Lee @ Acme")
    (tmp_path / "file.txt").write_text("keep me")
    before = snapshot(tmp_path)
    line = assert_one_error_line(cli(*(a.replace("{tmp}", str(tmp_path)) for a in args)))
    assert expected in line
    assert snapshot(tmp_path) == before


def test_a_referrer_whose_links_hold_the_profile_is_matched_and_the_job_change_seen(
    repo: Repository, tmp_path: Path
) -> None:
    """A profile URL the user pasted into a referrer's links identifies them as the profile
    field does: no second Dana in the network, and the referrer stays on the board."""
    from tests.helpers import edit_contact

    dana = repo.quick_add("Dana Okafor @ Northwind Analytics, Technical Recruiter !relationship")
    edit_contact(repo, dana.id, links=["https://www.linkedin.com/in/dana-okafor/"])
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dana,Okafor,https://linkedin.com/in/Dana-Okafor,,Fernhollow Games,Recruiter,07 Mar 2026\n",
        encoding="utf-8",
    )
    summary = import_linkedin(repo, csv)
    assert (summary.added, summary.updated) == (0, 1)
    [stored] = fresh(repo).contacts()
    assert stored.id == dana.id and stored.phase is Phase.RELATIONSHIP
    assert stored.linkedin_url == "https://linkedin.com/in/Dana-Okafor"
    assert stored.employer == "Fernhollow Games"
