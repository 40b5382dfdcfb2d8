"""`import linkedin` with LinkedIn's whole export: messages, invitations, jobs, job changes.

The fixture export (tests/fixtures/linkedin_archive/export/, described in
test_formats_linkedin_archive.py) belongs to Alex Rivera. Connections.csv holds Priya Shah
(Stripe), Jane Doe, Ph.D. and Bo Chen (Globex), José Müller (Initech) and a row with bytes
that are not UTF-8. Its good messages, by line of messages.csv:

* 2: Priya to Alex, 20 Feb 2026 (conversation A); 6: Alex's reply, 21 Feb;
* 7: Jane to Alex and Bo, 1 Mar, "Referral at Globex" (conversation B); 8: Alex to both, 2 Mar;
* 14: Bo to Alex, 4 Mar (conversation C); 15: Kim Park (no connection) to Alex, 10 Nov 2025;
* 17: Alex to Dana Scully (no connection), 5 Mar.

Invitations: Alex invited Dana; Ravi Iyer and Jane invited Alex (Jane with a two-line note).
Jobs: applied at Stripe and Globex, saved at Acme and Initech.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest

from referral_tui.domain.checks import check_record
from referral_tui.domain.records import (
    Company,
    CompanyStatus,
    Contact,
    Direction,
    Interaction,
    InteractionKind,
    Phase,
)
from referral_tui.domain.strength import Strength
from referral_tui.imports import ImportRefused, import_linkedin
from referral_tui.store.repository import Repository
from tests.helpers import fresh
from tests.importing import CliRunner, assert_one_error_line, ok, snapshot, summary_lines, zip_folder

TODAY = date(2026, 3, 9)
FIXTURES = Path(__file__).parent / "fixtures" / "linkedin_archive"
EXPORT = FIXTURES / "export"
OLD_MESSAGES = FIXTURES / "messages_2022.csv"

CONV_A = "2-MzE4ZDVmNzEtYjFhMi00YzQ4LTk2ZTMtNzM5MzQ1ZTA1YjQyXzAxMA=="
CONV_B = "2-NGQ3YjE5ZTAtOGM2ZC00ZjE3LWE5YzQtMWQ2ZTk4YjM0ZjcwXzEwMA=="
CONV_C = "2-ZjFhYjI4MzQtNTY3OC00OWFiLWJjZGUtZjAxMjM0NTY3ODlhXzAxMA=="
ME = "linkedin.com/in/alex-rivera-42"

NEW_MESSAGES = (
    '"' + CONV_A + '","","Priya Shah","https://www.linkedin.com/in/priya-shah-1a2b3c","Alex Rivera",'
    '"https://www.linkedin.com/in/alex-rivera-42","2026-03-08 10:00:00 UTC","","Any news on the application?",'
    '"INBOX","","No","No"\r\n'
    '"' + CONV_A + '","","Alex Rivera","https://www.linkedin.com/in/alex-rivera-42","Priya Shah",'
    '"https://www.linkedin.com/in/priya-shah-1a2b3c","2026-03-08 11:30:00 UTC","","Not yet, I will keep you posted.",'
    '"INBOX","","No","No"\r\n'
)


def people(repo: Repository) -> dict[str, Contact]:
    return {c.name: c for c in repo.contacts(include_archived=True)}


def history(repo: Repository, name: str) -> list[tuple[date, InteractionKind, Direction, str]]:
    """A contact's interactions as (day, kind, direction, summary), oldest first."""
    found = sorted(repo.interactions(people(repo)[name].id), key=lambda i: i.day)
    return [(i.day, i.kind, i.direction, i.summary) for i in found]


def later_export(tmp_path: Path) -> Path:
    """The fixture export a week on: two new messages with Priya, and Bo now at Initech."""
    folder = tmp_path / "later"
    shutil.copytree(EXPORT, folder)
    with (folder / "messages.csv").open("ab") as handle:
        handle.write(NEW_MESSAGES.encode())
    connections = folder / "Connections.csv"
    old = b"Bo,Chen,https://www.linkedin.com/in/bo-chen,,Globex,SRE"
    assert old in connections.read_bytes()
    connections.write_bytes(
        connections.read_bytes().replace(old, b"Bo,Chen,https://www.linkedin.com/in/bo-chen,,Initech,SRE")
    )
    return folder


def targets(repo: Repository) -> tuple[Company, Company]:
    """Two target companies spelt unlike the export ("Stripe, Inc.", "GLOBEX"), a paused Initech."""
    stripe = repo.add_company(Company(name="Stripe, Inc."))
    globex = repo.add_company(Company(name="GLOBEX"))
    repo.add_company(Company(name="Initech", status=CompanyStatus.PAUSED))
    return stripe, globex


# -- what the archive becomes ---------------------------------------------------------------


def test_messages_become_dated_interactions_with_a_direction(repo: Repository) -> None:
    summary = import_linkedin(repo, EXPORT)
    assert (summary.added, summary.messages, summary.messages_unmatched) == (4, 6, 2)
    assert len(summary.message_contacts) == 3
    assert history(repo, "Priya Shah") == [
        (
            date(2026, 2, 20),
            InteractionKind.MESSAGE,
            Direction.IN,
            "Hi Alex, Happy to refer you for the Staff role, send me your CV? Priya",
        ),
        (date(2026, 2, 21), InteractionKind.MESSAGE, Direction.OUT, "Thanks Priya! CV attached."),
    ]
    # A group conversation: Jane's message is hers; Alex's reply went to both of them.
    assert history(repo, "Jane Doe, Ph.D.")[1:] == [
        (
            date(2026, 3, 1),
            InteractionKind.MESSAGE,
            Direction.IN,
            'Referral at Globex — Hello both, with a comma, and "quotes".',
        ),
        (date(2026, 3, 2), InteractionKind.MESSAGE, Direction.OUT, "Referral at Globex — Thank you Jane!"),
    ]
    assert history(repo, "Bo Chen") == [
        (date(2026, 3, 2), InteractionKind.MESSAGE, Direction.OUT, "Referral at Globex — Thank you Jane!"),
        (date(2026, 3, 4), InteractionKind.MESSAGE, Direction.IN, "See you at the café 🚀"),
    ]
    assert history(repo, "José Müller") == []


def test_messages_carry_their_source_key_and_conversation(repo: Repository) -> None:
    import_linkedin(repo, EXPORT)
    priya = people(repo)["Priya Shah"]
    first, reply = sorted(repo.interactions(priya.id), key=lambda i: i.day)
    assert first.source_key == f"linkedin-message:{CONV_A}|2026-02-20T16:05:11+00:00|linkedin.com/in/priya-shah-1a2b3c"
    assert reply.source_key == f"linkedin-message:{CONV_A}|2026-02-21T09:30:00+00:00|{ME}"
    assert {i.conversation for i in repo.interactions() if i.kind is InteractionKind.MESSAGE} == {
        CONV_A,
        CONV_B,
        CONV_C,
    }
    assert all(not i.gave_value and not i.insider for i in repo.interactions())


def test_invitations_become_connected_interactions_with_their_note(repo: Repository) -> None:
    summary = import_linkedin(repo, EXPORT)
    assert (summary.invitations, summary.invitations_unmatched) == (1, 2)  # Dana and Ravi are no contacts
    [connected] = [i for i in repo.interactions() if i.kind is InteractionKind.CONNECTED]
    assert connected.contact_id == people(repo)["Jane Doe, Ph.D."].id
    assert (connected.day, connected.direction) == (date(2026, 1, 2), Direction.IN)
    assert connected.summary == "They invited you to connect: Hello Alex, let's connect."
    assert connected.source_key.startswith("linkedin-invitation:incoming|linkedin.com/in/jane-doe-phd|")
    assert InteractionKind.CONNECTED.label == "Connected on LinkedIn"


def test_a_zip_imports_the_same_as_its_folder(repo: Repository, tmp_path: Path) -> None:
    zipped = zip_folder(EXPORT, tmp_path / "Basic_LinkedInDataExport_03-08-2026.zip", prefix="export/")
    other = fresh(tmp_path / "other.json")
    a, b = import_linkedin(repo, EXPORT), import_linkedin(other, zipped)
    assert (a.added, a.messages, a.invitations) == (b.added, b.messages, b.invitations)
    assert sorted((i.day, i.summary, i.source_key) for i in repo.interactions()) == sorted(
        (i.day, i.summary, i.source_key) for i in other.interactions()
    )


def test_applications_and_saved_jobs_become_open_roles_on_target_companies(repo: Repository) -> None:
    stripe, globex = targets(repo)
    summary = import_linkedin(repo, EXPORT)
    assert (summary.roles, summary.roles_untracked) == (2, 2)  # Acme is unknown, Initech paused
    assert repo.company(stripe.id).open_roles == [
        {
            "title": "Staff Engineer, Payments",
            "url": "http://www.linkedin.com/jobs/view/3812345678",
            "seen": "2026-03-01",
            "status": "applied",
        }
    ]
    assert repo.company(globex.id).open_roles == [
        {
            "title": "Platform Engineer",
            "url": "http://www.linkedin.com/jobs/view/3800000001",
            "seen": "2026-02-20",
            "status": "applied",
        }
    ]
    assert [c.name for c in repo.companies()] == ["Stripe, Inc.", "GLOBEX", "Initech"], "no company is created"
    # Priya (Stripe), Jane and Bo (Globex) are linked to the targets, José to the paused Initech.
    linked = {c.name: c.company_id for c in repo.contacts()}
    assert linked["Priya Shah"] == stripe.id and linked["Bo Chen"] == globex.id
    assert summary.candidates == 3


def test_a_saved_role_you_then_apply_to_is_marked_applied(repo: Repository, tmp_path: Path) -> None:
    stripe, _ = targets(repo)
    folder = tmp_path / "jobs"
    (folder / "Jobs").mkdir(parents=True)
    (folder / "Jobs" / "Saved Jobs.csv").write_text(
        "Saved Date,Job Url,Job Title,Company Name\r\n"
        '"2/1/26, 8:30 PM",http://www.linkedin.com/jobs/view/3812345678,"Staff Engineer, Payments",stripe\r\n'
        '"2/2/26, 8:30 PM",,Platform Lead,Stripe Inc\r\n'
    )
    first = import_linkedin(repo, folder)
    assert (first.roles, first.roles_applied) == (2, 0)
    assert [r["status"] for r in repo.company(stripe.id).open_roles] == ["open", "open"]
    shutil.copy(EXPORT / "Jobs" / "Job Applications.csv", folder / "Jobs")
    second = import_linkedin(repo, folder)
    assert (second.roles, second.roles_applied, second.roles_known) == (1, 1, 2)  # the new one is at Globex
    roles = repo.company(stripe.id).open_roles
    assert [(r["title"], r["status"], r["seen"]) for r in roles] == [
        ("Staff Engineer, Payments", "applied", "2026-02-01"),
        ("Platform Lead", "open", "2026-02-02"),
    ]


def test_old_messages_reach_the_person_through_the_conversation(repo: Repository) -> None:
    """Before 2023 an outgoing row names no recipient URL: the conversation says who it was."""
    maria = repo.add_contact(
        Contact(name="Maria Garcia", phase=None, linkedin_url="https://linkedin.com/in/maria-garcia/")
    )
    summary = import_linkedin(repo, OLD_MESSAGES)
    assert [(d, k, direction) for d, k, direction, _ in history(repo, "Maria Garcia")] == [
        (date(2021, 6, 1), InteractionKind.MESSAGE, Direction.IN),
        (date(2021, 6, 1), InteractionKind.MESSAGE, Direction.OUT),
    ]
    assert history(repo, "Maria Garcia")[1][3] == "Thanks Maria! Let's talk."
    assert summary.kinds == ("messages",) and summary.unknown_people == ["Tom O'Brien"]
    assert repo.suggested_strength(maria.id) == Strength(
        2, "2: 1 two-way exchange, the last 1742 days ago; they started 1 conversation"
    )


def test_an_import_is_one_undo_step(repo: Repository) -> None:
    repo.quick_add("Xavier Ng @ Stripe")
    import_linkedin(repo, EXPORT)
    assert repo.undo_stack[-1].description == "imported export"
    repo.undo()
    assert [c.name for c in repo.contacts()] == ["Xavier Ng"]
    assert repo.interactions() == [] and repo.companies()[0].open_roles == []


def test_progress_goes_through_every_stage(repo: Repository) -> None:
    seen: list[tuple[str, int, int]] = []
    import_linkedin(repo, EXPORT, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert seen == [
        ("reading", 0, 1),
        ("reading", 1, 1),
        ("connections", 0, 5),
        ("connections", 5, 5),
        ("messages", 0, 13),
        ("messages", 13, 13),
        ("invitations", 0, 5),
        ("invitations", 5, 5),
        ("jobs", 0, 4),
        ("jobs", 4, 4),
        ("saving", 0, 1),
        ("saving", 1, 1),
    ]


# -- importing again --------------------------------------------------------------------------


def test_reimporting_the_same_export_adds_nothing_and_writes_nothing(repo: Repository, db_path: Path) -> None:
    targets(repo)
    import_linkedin(repo, EXPORT)
    before = db_path.read_bytes()
    again = import_linkedin(fresh(db_path), EXPORT)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert (again.messages, again.messages_known, again.invitations, again.invitations_known) == (0, 6, 0, 1)
    assert (again.roles, again.roles_known) == (0, 2)
    assert db_path.read_bytes() == before


def test_a_later_export_adds_only_the_new_messages_and_records_the_job_change(repo: Repository, tmp_path: Path) -> None:
    import_linkedin(repo, EXPORT)
    count = len(repo.interactions())
    later = import_linkedin(repo, later_export(tmp_path))
    assert (later.messages, later.messages_known, later.invitations) == (2, 6, 0)
    assert len(repo.interactions()) == count + 2
    assert history(repo, "Priya Shah")[2:] == [
        (date(2026, 3, 8), InteractionKind.MESSAGE, Direction.IN, "Any news on the application?"),
        (date(2026, 3, 8), InteractionKind.MESSAGE, Direction.OUT, "Not yet, I will keep you posted."),
    ]
    assert later.changed_company == ["Bo Chen: Globex → Initech"]
    bo = people(repo)["Bo Chen"]
    assert (bo.employer, bo.previous_employer, bo.employer_changed_on) == ("Initech", "Globex", "2026-03-09")
    assert bo.job_change_unseen
    assert not people(repo)["Priya Shah"].job_change_unseen


def test_a_job_change_stays_seen_until_the_next_one(repo: Repository, tmp_path: Path) -> None:
    import_linkedin(repo, EXPORT)
    later = later_export(tmp_path)
    import_linkedin(repo, later)
    bo = people(repo)["Bo Chen"]
    repo.save(replace(bo, employer_change_seen=True))
    assert not people(repo)["Bo Chen"].job_change_unseen
    again = import_linkedin(repo, later)
    assert again.changed_company == [] and not people(repo)["Bo Chen"].job_change_unseen
    back = import_linkedin(repo, EXPORT)  # and back at Globex: a new change, not seen yet
    assert back.changed_company == ["Bo Chen: Initech → Globex"]
    assert people(repo)["Bo Chen"].job_change_unseen


def test_the_same_company_spelt_differently_is_no_job_change(repo: Repository, tmp_path: Path) -> None:
    import_linkedin(repo, EXPORT / "Connections.csv")
    folder = tmp_path / "renamed"
    folder.mkdir()
    raw = (EXPORT / "Connections.csv").read_bytes().replace(b",Stripe,", b',"Stripe, Inc.",')
    (folder / "Connections.csv").write_bytes(raw)
    summary = import_linkedin(repo, folder / "Connections.csv")
    assert (summary.updated, summary.changed_company) == (1, [])
    priya = people(repo)["Priya Shah"]
    assert (priya.employer, priya.previous_employer, priya.employer_changed_on) == ("Stripe, Inc.", "", "")


# -- people who wrote but are not connections ----------------------------------------------


def test_people_who_wrote_are_counted_not_added(repo: Repository) -> None:
    summary = import_linkedin(repo, EXPORT)
    assert summary.unknown_people == ["Kim Park"] and summary.unknown_added == 0
    assert "Kim Park" not in people(repo)


def test_add_unknown_puts_them_in_the_network_with_their_messages(repo: Repository) -> None:
    summary = import_linkedin(repo, EXPORT, add_unknown=True)
    assert summary.unknown_added == 1 and summary.messages == 7
    kim = people(repo)["Kim Park"]
    assert (kim.phase, kim.linkedin_url, kim.tags) == (None, "https://www.linkedin.com/in/kim-park", ["linkedin"])
    assert history(repo, "Kim Park") == [
        (date(2025, 11, 10), InteractionKind.MESSAGE, Direction.IN, "Re: coffee — Coffee next week?")
    ]
    again = import_linkedin(repo, EXPORT, add_unknown=True)
    assert (again.unknown_people, again.unknown_added, again.messages) == ([], 0, 0)


def test_a_contact_added_by_hand_without_a_profile_is_matched_by_name(repo: Repository) -> None:
    repo.quick_add("Kim Park @ Hooli")
    summary = import_linkedin(repo, EXPORT)
    assert summary.unknown_people == []
    assert [k for _, k, _, _ in history(repo, "Kim Park")] == [InteractionKind.MESSAGE]


# -- suggested strength -----------------------------------------------------------------------


def test_the_suggested_strength_comes_from_the_message_history(repo: Repository) -> None:
    import_linkedin(repo, EXPORT)
    found = people(repo)
    assert repo.suggested_strength(found["Priya Shah"].id) == Strength(
        4, "4: 1 two-way exchange, the last 16 days ago; they started 1 conversation"
    )
    # Alex wrote in one conversation and Bo in another: nobody answered anybody yet.
    assert repo.suggested_strength(found["Bo Chen"].id) == Strength(
        1, "1: no two-way exchange yet (1 sent, 1 received)"
    )
    assert repo.suggested_strength(found["José Müller"].id) is None
    everyone = repo.suggested_strengths()
    assert set(everyone) == {found[n].id for n in ("Priya Shah", "Jane Doe, Ph.D.", "Bo Chen")}
    assert everyone[found["Priya Shah"].id] == repo.suggested_strength(found["Priya Shah"].id)


def test_the_suggestion_ignores_hand_logged_interactions_and_never_touches_the_score(repo: Repository) -> None:
    referrer = repo.quick_add("Ann Lee @ Acme !relationship")
    repo.log_interaction(Interaction(contact_id=referrer.id, day=date(2026, 3, 1), kind=InteractionKind.MESSAGE))
    assert repo.interactions(referrer.id)[0].direction is Direction.UNKNOWN
    assert repo.suggested_strength(referrer.id) is None
    priya = repo.add_contact(Contact(name="Priya Shah", linkedin_url="https://www.linkedin.com/in/priya-shah-1a2b3c"))
    import_linkedin(repo, EXPORT / "messages.csv")
    before = repo.contact(priya.id)
    assert repo.suggested_strength(priya.id, today=date(2026, 6, 1)) == Strength(
        3, "3: 1 two-way exchange, the last 100 days ago; they started 1 conversation"
    )
    assert repo.contact(priya.id) == before and before.scores == []


# -- the command --------------------------------------------------------------------------------


def test_the_command_reports_every_part_of_the_export(cli: CliRunner, tmp_path: Path) -> None:
    zipped = zip_folder(EXPORT, tmp_path / "export.zip")
    out = ok(cli("import", "linkedin", str(zipped)))
    assert out.splitlines()[0] == "Imported export.zip into your network (n in the app):"
    lines = summary_lines(out)
    assert lines[:7] == [
        "connections: added 4, updated 0, unchanged 0, changed company 0, skipped 1",
        "at one of your target companies (candidate referrers): 0",
        "messages: 6 new on 3 contacts, 0 already imported, 2 with nobody in your contacts",
        "invitations: 1 new, 0 already imported, 2 with nobody in your contacts",
        "open roles: 0 new on your target companies, 0 marked applied, 0 already there, "
        "4 at companies you do not track",
        "not in your contacts: 1 person who wrote to you (Kim Park); add them with --add-unknown",
        "skipped rows: 11",
    ]
    assert "skipped Connections.csv line 7: invalid UTF-8" in lines
    assert "skipped messages.csv line 13: invalid UTF-8" in lines
    assert "skipped Invitations.csv line 7: 'Sent At' is not a date: 'soon'" in lines
    out = ok(cli("import", "linkedin", str(zipped), "--add-unknown"))
    assert "added to your network: 1 person who wrote to you (Kim Park)" in summary_lines(out)
    assert "messages: 1 new on 1 contact, 6 already imported, 1 with nobody in your contacts" in summary_lines(out)


def test_a_single_messages_csv_reports_only_messages(cli: CliRunner, repo: Repository) -> None:
    repo.add_contact(Contact(name="Bo Chen", phase=None, linkedin_url="https://www.linkedin.com/in/bo-chen"))
    lines = summary_lines(ok(cli("import", "linkedin", str(EXPORT / "messages.csv"))))
    assert lines[0] == "messages: 2 new on 1 contact, 0 already imported, 5 with nobody in your contacts"
    assert lines[1].startswith(
        "not in your contacts: 3 people who wrote to you (Priya Shah, Jane Doe, Ph.D., Kim Park)"
    )
    assert lines[2] == "skipped line 9: sponsored InMail (an HTML or mail-merge body)"


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


HEADER = b'"CONVERSATION ID","FROM","SENDER PROFILE URL","DATE","CONTENT","FOLDER"\r\n'
REFUSED: dict[str, tuple[str, bytes | dict[str, bytes], str]] = {
    "a zip that is no export": (
        "holiday.zip",
        {"notes.csv": b"Title,Author\r\nDune,Herbert\r\n", "photo.jpg": b"\xff\xd8"},
        "holiday.zip: no LinkedIn export file found",
    ),
    "a broken zip": ("export.zip", b"PK\x03\x04 cut short", "export.zip: not a ZIP file"),
    "unknown headers": ("books.csv", b"Title,Author,Year\r\nDune,Frank Herbert,1965\r\n", "books.csv: not a LinkedIn"),
    "binary": ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "photo.csv: the file is not text"),
    "only bad rows": (
        "messages.csv",
        HEADER + b'"2-a","Bo","https://www.linkedin.com/in/bo","2026-01-02 08:00:00 UTC","caf\xe9","INBOX"\r\n',
        "messages.csv: nothing could be imported: its only row could not be read (first: line 2: invalid UTF-8)",
    ),
    "no rows": ("Invitations.csv", b"From,To,Sent At,Direction\r\n", "Invitations.csv: nothing to import"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_import_is_one_line_and_leaves_the_file_as_it_was(
    cli: CliRunner, repo: Repository, db_path: Path, tmp_path: Path, case: str
) -> None:
    repo.quick_add("Ann Lee @ Acme")
    name, content, expected = REFUSED[case]
    source = tmp_path / "in" / name
    source.parent.mkdir()
    if isinstance(content, dict):
        write_zip(source, content)
    else:
        source.write_bytes(content)
    before = snapshot(tmp_path)
    line = assert_one_error_line(cli("import", "linkedin", str(source)))
    assert expected in line, line
    assert snapshot(tmp_path) == before


def test_a_refused_import_creates_no_data_file(cli: CliRunner, db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "Invitations.csv"
    source.write_bytes(b"From,To,Sent At,Direction\r\n")
    assert_one_error_line(cli("import", "linkedin", str(source)))
    assert not db_path.exists()


def test_refusals_raise_before_anything_changes(repo: Repository, tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_bytes(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
    with pytest.raises(ImportRefused, match=r"empty\.csv: nothing to import"):
        import_linkedin(repo, source)
    assert repo.contacts() == [] and not repo.undo_stack


def test_stored_records_carry_the_new_fields(repo: Repository, db_path: Path) -> None:
    import_linkedin(repo, EXPORT, phase=Phase.RESEARCH)
    stored = orjson.loads(db_path.read_bytes())
    interaction = next(iter(stored["interactions"].values()))
    assert interaction["direction"] in ("in", "out") and interaction["source_key"].startswith("linkedin-")
    contact = next(iter(stored["contacts"].values()))
    assert (contact["employer_changed_on"], contact["employer_change_seen"], contact["phase"]) == (
        "",
        False,
        "research",
    )


def test_the_new_fields_are_validated_like_every_stored_field() -> None:
    bad = {"contact_id": 1, "day": "2026-01-01", "direction": "sideways", "source_key": 3}
    assert [str(p) for p in check_record("interactions", "1", bad)] == [
        "record 1 in 'interactions': direction is 'sideways'; allowed: \"\" (none), in, out",
        "record 1 in 'interactions': source_key is 3, not text",
    ]
    contact = {"name": "Ann", "employer_change_seen": "yes", "employer_changed_on": 5}
    assert [str(p) for p in check_record("contacts", "1", contact)] == [
        "record 1 in 'contacts': employer_change_seen is 'yes', not true or false",
        "record 1 in 'contacts': employer_changed_on is 5, not text",
    ]
    assert check_record("interactions", "1", {"contact_id": 1, "day": "2026-01-01", "direction": ""}) == []
