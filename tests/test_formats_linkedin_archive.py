"""Opening LinkedIn's data export (formats/linkedin_archive.py) on hand-written fixtures.

The fixtures in tests/fixtures/linkedin_archive/ are committed as bytes:

* export/: an unpacked export (the tests also ZIP it). BOM and CRLF everywhere.
  - messages.csv: the newer layout, every field quoted, with RECIPIENT PROFILE URLS,
    ATTACHMENTS, IS MESSAGE DRAFT and IS CONVERSATION DRAFT. Line 2-5 a body over four
    lines; 6 the owner's reply in INBOX; 7 a sender "Jane Doe, Ph.D." writing to two people;
    8 the owner writing to "Jane Doe, Ph.D., Bo Chen"; 9 sponsored InMail; 10 "LinkedIn
    Member"; 11 a draft; 12 SPAM; 13 bytes that are not UTF-8; 14 emoji; 15 ARCHIVE; 16 a
    bad date; 17 the owner opening a conversation nobody answered.
  - Invitations.csv: OUTGOING (2), INCOMING (3), INCOMING over two lines (4-5), a bad
    direction (6), a bad date (7).
  - Jobs/Job Applications.csv, Jobs/Saved Jobs.csv: two good rows and one bad each (line 4).
  - Connections.csv (a preamble, a row with a byte that is not UTF-8 on line 7),
    Profile.csv (the owner, Alex Rivera) and Skills.csv (ignored).
* messages_2022.csv: the layout before 2023 (no RECIPIENT PROFILE URLS, no draft columns),
  LF, no BOM, minimal quoting, a body over two lines (3-4).
* unknown.csv: a CSV that is no LinkedIn file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from referral_tui.formats.connections import Connection, LinkedInError, Skipped
from referral_tui.formats.csvrows import decode
from referral_tui.formats.linkedin_activity import (
    Direction,
    Invitation,
    JobActivity,
    parse_stamp,
    read_invitations,
    read_jobs,
)
from referral_tui.formats.linkedin_archive import (
    Archive,
    SkippedRow,
    guess_owner,
    kind_of,
    open_archive,
)
from referral_tui.formats.linkedin_messages import (
    Message,
    conversation_counterparts,
    counterparts,
    is_sponsored,
    parse_time,
    read_messages,
    snippet,
)

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin_archive"
EXPORT = FIXTURES / "export"
OLD_MESSAGES = FIXTURES / "messages_2022.csv"
UNKNOWN = FIXTURES / "unknown.csv"
CP1252_CONNECTIONS = Path(__file__).parent / "fixtures" / "linkedin" / "connections_cp1252.csv"

ME = "linkedin.com/in/alex-rivera-42"
PRIYA = "linkedin.com/in/priya-shah-1a2b3c"
JANE = "linkedin.com/in/jane-doe-phd"
BO = "linkedin.com/in/bo-chen"
DANA = "linkedin.com/in/dana-scully"
CONV_A = "2-MzE4ZDVmNzEtYjFhMi00YzQ4LTk2ZTMtNzM5MzQ1ZTA1YjQyXzAxMA=="


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


def messages_of(archive: Archive) -> dict[int, Message]:
    return {m.line: m for m in archive.messages if isinstance(m, Message)}


def skipped(rows: list[object]) -> dict[int, str]:
    return {r.line: r.reason for r in rows if isinstance(r, Skipped)}


@pytest.fixture(scope="module")
def export() -> Archive:
    return open_archive(EXPORT)


# -- the fixtures really carry the traits -----------------------------------------------


def test_messages_fixture_is_quoted_with_bom_crlf_and_a_bad_byte() -> None:
    raw = (EXPORT / "messages.csv").read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf"CONVERSATION ID","CONVERSATION TITLE","FROM"')
    assert raw.count(b"\r\n") == raw.count(b"\n")
    header = raw.split(b"\r\n")[0].decode("utf-8-sig")
    assert '"RECIPIENT PROFILE URLS"' in header and '"IS CONVERSATION DRAFT"' in header
    assert b"caf\xe9 \xff" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    old = OLD_MESSAGES.read_bytes()
    assert b"\r" not in old and not old.startswith(b"\xef\xbb\xbf") and b"RECIPIENT PROFILE URLS" not in old


# -- the folder and the ZIP -------------------------------------------------------------


def test_a_folder_export_finds_every_kind_and_ignores_other_csvs(export: Archive) -> None:
    assert export.source == "export"
    assert export.files == {
        "Connections.csv": "connections",
        "Invitations.csv": "invitations",
        "Jobs/Job Applications.csv": "applications",
        "Jobs/Saved Jobs.csv": "saved_jobs",
        "Profile.csv": "profile",
        "messages.csv": "messages",
    }
    assert export.owner_name == "Alex Rivera"
    assert export.owner_url == ME


def test_a_zip_reads_the_same_as_its_folder(tmp_path: Path, export: Archive) -> None:
    archive = open_archive(zip_folder(EXPORT, tmp_path / "Basic_LinkedInDataExport_03-07-2026.zip"))
    assert archive.source == "Basic_LinkedInDataExport_03-07-2026.zip"
    assert archive.files == export.files
    assert archive.messages == export.messages
    assert archive.invitations == export.invitations
    assert archive.connections == export.connections
    assert archive.skipped == export.skipped


def test_a_zip_of_the_folder_one_level_down_is_found_by_headers(tmp_path: Path) -> None:
    archive = open_archive(zip_folder(EXPORT, tmp_path / "rezipped.zip", prefix="LinkedInDataExport/"))
    assert set(archive.files) >= {"LinkedInDataExport/messages.csv", "LinkedInDataExport/Jobs/Saved Jobs.csv"}
    assert len(messages_of(archive)) == 7


def test_files_are_recognised_by_header_not_by_name(tmp_path: Path) -> None:
    shutil.copy(EXPORT / "messages.csv", tmp_path / "messages_1.csv")
    shutil.copy(OLD_MESSAGES, tmp_path / "older.CSV")
    shutil.copy(OLD_MESSAGES, tmp_path / "guide_messages.csv")  # LinkedIn's assistant, not people
    shutil.copy(OLD_MESSAGES, tmp_path / "learning_coach_messages.csv")
    archive = open_archive(tmp_path)
    assert archive.files == {"messages_1.csv": "messages", "older.CSV": "messages"}
    assert len([m for m in archive.messages if isinstance(m, Message)]) == 7 + 5
    assert {r.file for r in archive.skipped} == {"messages_1.csv"}


def test_kind_of_finds_the_connections_header_after_its_preamble() -> None:
    lines = decode((EXPORT / "Connections.csv").read_bytes()).splitlines()
    assert kind_of(lines) == "connections"
    assert kind_of(["Name", "Python"]) is None
    assert kind_of([]) is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("messages.csv", "messages"),
        ("Invitations.csv", "invitations"),
        ("Jobs/Job Applications.csv", "applications"),
        ("Jobs/Saved Jobs.csv", "saved_jobs"),
        ("Connections.csv", "connections"),
    ],
)
def test_a_single_csv_gives_only_its_kind(name: str, kind: str) -> None:
    archive = open_archive(EXPORT / name)
    assert archive.files == {Path(name).name: kind}
    lists = {
        "connections": archive.connections,
        "messages": archive.messages,
        "invitations": archive.invitations,
        "applications": archive.applications,
        "saved_jobs": archive.saved_jobs,
    }
    assert all(bool(rows) == (key == kind) for key, rows in lists.items())


# -- errors name the file -----------------------------------------------------------------


def test_a_zip_without_linkedin_files_is_refused_by_name(tmp_path: Path) -> None:
    target = tmp_path / "holiday-photos.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("notes.csv", "Title,Author\r\nDune,Herbert\r\n")
        archive.writestr("readme.txt", "hello")
    with pytest.raises(LinkedInError, match=r"holiday-photos\.zip: no LinkedIn export file found") as info:
        open_archive(target)
    assert "messages.csv" in str(info.value) and "Get a copy of your data" in str(info.value)


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LinkedInError, match="no LinkedIn export file found"):
        open_archive(tmp_path)


def test_a_csv_with_unknown_headers_is_refused_by_name() -> None:
    with pytest.raises(LinkedInError, match=r"unknown\.csv: is not a LinkedIn export file we know") as info:
        open_archive(UNKNOWN)
    assert "Invitations.csv" in str(info.value)


def test_profile_csv_alone_is_not_enough() -> None:
    with pytest.raises(LinkedInError, match=r"Profile\.csv: only names the owner"):
        open_archive(EXPORT / "Profile.csv")


def test_a_broken_zip_and_a_missing_path_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(LinkedInError, match=r"export\.zip: not a ZIP file"):
        open_archive(broken)
    with pytest.raises(LinkedInError, match=r"nowhere\.zip: no such file"):
        open_archive(tmp_path / "nowhere.zip")


def test_reading_a_file_with_the_wrong_header_names_it() -> None:
    with pytest.raises(LinkedInError, match=r"inbox\.csv: no messages\.csv header"):
        list(read_messages("From,To\r\nA,B\r\n", name="inbox.csv"))
    with pytest.raises(LinkedInError, match=r"Invitations\.csv: not the header we expected"):
        list(read_invitations(""))
    with pytest.raises(LinkedInError, match=r"Saved Jobs\.csv"):
        list(read_jobs("Job Url\r\n", "saved"))


# -- messages.csv, newer layout -----------------------------------------------------------


def test_messages_are_read_with_clean_values(export: Archive) -> None:
    found = messages_of(export)
    assert sorted(found) == [2, 6, 7, 8, 14, 15, 17]
    priya = found[2]
    assert priya == Message(
        line=2,
        conversation_id=CONV_A,
        conversation_title="",
        sender="Priya Shah",
        sender_url=PRIYA,
        recipients="Alex Rivera",
        recipient_urls=(ME,),
        sent_at=datetime(2026, 2, 20, 16, 5, 11, tzinfo=UTC),
        subject="",
        content="Hi Alex,\n\nHappy to refer you for the Staff role, send me your CV?\nPriya",
        folder="INBOX",
        outgoing=False,
    )
    assert found[14].content == "See you at the café 🚀"
    assert found[15].folder == "ARCHIVE" and found[15].subject == "Re: coffee"
    assert all(m.sent_at.tzinfo is UTC for m in found.values())


def test_sent_messages_in_inbox_are_outgoing_by_sender_url(export: Archive) -> None:
    found = messages_of(export)
    assert {line for line, m in found.items() if m.outgoing} == {6, 8, 17}
    assert all(m.folder == "INBOX" for m in found.values() if m.outgoing)


def test_names_with_commas_are_kept_whole_and_people_matched_by_url(export: Archive) -> None:
    found = messages_of(export)
    assert found[7].sender == "Jane Doe, Ph.D."
    assert found[7].content == 'Hello both, with a comma, and "quotes".'
    assert found[8].recipients == "Jane Doe, Ph.D., Bo Chen"
    assert found[8].recipient_urls == (JANE, BO)


def test_rows_that_are_not_a_conversation_with_a_person_are_skipped(export: Archive) -> None:
    assert skipped(list(export.messages)) == {
        9: "sponsored InMail (an HTML or mail-merge body)",
        10: "sent by 'LinkedIn Member' (a hidden profile)",
        11: "a draft, never sent",
        12: "in the SPAM folder",
        13: "invalid UTF-8",
        16: "'DATE' is not a date and time: 'yesterday'",
    }


def test_skipped_rows_name_their_file_and_line(export: Archive) -> None:
    assert SkippedRow("messages.csv", 13, "invalid UTF-8") in export.skipped
    assert SkippedRow("Connections.csv", 7, "invalid UTF-8") in export.skipped
    assert SkippedRow("Jobs/Saved Jobs.csv", 4, "no company and no job title") in export.skipped
    assert {(r.file, r.line) for r in export.skipped} == {
        ("Connections.csv", 7),
        ("Invitations.csv", 6),
        ("Invitations.csv", 7),
        ("Jobs/Job Applications.csv", 4),
        ("Jobs/Saved Jobs.csv", 4),
        *(("messages.csv", line) for line in (9, 10, 11, 12, 13, 16)),
    }


def test_message_keys_are_unique_and_stable(tmp_path: Path, export: Archive) -> None:
    keys = [m.key for m in messages_of(export).values()]
    assert len(set(keys)) == len(keys)
    assert messages_of(export)[6].key == f"{CONV_A}|2026-02-21T09:30:00+00:00|{ME}"
    again = open_archive(zip_folder(EXPORT, tmp_path / "again.zip"))
    assert [m.key for m in messages_of(again).values()] == keys


def test_counterparts_are_everyone_on_the_row_but_the_owner(export: Archive) -> None:
    found = messages_of(export)
    assert counterparts(found[2], ME) == (PRIYA,)
    assert counterparts(found[6], ME) == (PRIYA,)
    assert counterparts(found[7], ME) == (JANE, BO)
    assert counterparts(found[8], "https://www.linkedin.com/in/alex-rivera-42/") == (JANE, BO)
    assert export.counterparts(found[17]) == (DANA,)


# -- messages.csv before 2023 -------------------------------------------------------------


def test_older_messages_have_no_recipient_urls_and_the_owner_comes_from_conversations() -> None:
    archive = open_archive(OLD_MESSAGES)
    assert archive.owner_url == ME
    found = messages_of(archive)
    assert sorted(found) == [2, 3, 5, 6, 7]
    assert all(m.recipient_urls == () for m in found.values())
    assert found[3].content == "Thanks Maria!\nLet's talk."
    assert found[3].recipients == "Maria Garcia"
    assert {line for line, m in found.items() if m.outgoing} == {3, 6, 7}
    assert found[6].folder == "SENT"


def test_older_outgoing_messages_find_their_counterpart_in_the_conversation() -> None:
    archive = open_archive(OLD_MESSAGES)
    found = messages_of(archive)
    assert counterparts(found[3], ME) == ()  # the row alone names nobody else
    assert archive.counterparts(found[3]) == ("linkedin.com/in/maria-garcia",)
    assert archive.counterparts(found[6]) == ("linkedin.com/in/tom-obrien",)
    assert archive.counterparts(found[7]) == ()  # nobody ever answered Chen's conversation
    by_conversation = conversation_counterparts(archive.messages, ME)
    assert by_conversation["2-b2xkWA=="] == ("linkedin.com/in/maria-garcia",)


def test_an_explicit_owner_wins(tmp_path: Path) -> None:
    archive = open_archive(EXPORT, owner_url="https://www.linkedin.com/in/Priya-Shah-1a2b3c/")
    assert archive.owner_url == PRIYA
    assert {line for line, m in messages_of(archive).items() if m.outgoing} == {2}


def test_read_messages_without_an_owner_marks_nothing_outgoing() -> None:
    rows = list(read_messages(OLD_MESSAGES.read_text(encoding="utf-8")))
    assert [r.outgoing for r in rows if isinstance(r, Message)] == [False] * 5


# -- the owner rule -----------------------------------------------------------------------


def message(conversation: str, sender: str, url: str, to: tuple[str, ...] = ()) -> Message:
    return Message(2, conversation, "", sender, url, "", to, datetime(2026, 1, 1, tzinfo=UTC), "", "", "INBOX", False)


def invitation(direction: Direction, inviter: str, invitee: str) -> Invitation:
    return Invitation(2, "", "", date(2026, 1, 1), "", direction, inviter, invitee)


def test_owner_from_invitations_beats_messages() -> None:
    messages = [message("a", "Bo", BO), message("b", "Bo", BO)]
    invitations = [invitation("outgoing", ME, DANA), invitation("incoming", JANE, ME)]
    assert guess_owner(messages, invitations) == ME


def test_owner_from_the_url_in_most_conversations() -> None:
    messages = [
        message("a", "Priya", PRIYA),
        message("a", "Alex", ME),
        message("b", "Bo", BO, (ME,)),
        message("c", "Jane", JANE),
        message("c", "Alex", ME),
    ]
    assert guess_owner(messages, []) == ME


def test_a_tie_or_a_single_conversation_needs_the_profile_name() -> None:
    one = [message("a", "Priya Shah", PRIYA), message("a", "Alex Rivera", ME)]
    assert guess_owner(one, []) == ""
    assert guess_owner(one, [], owner_name="  alex  RIVERA ") == ME
    assert guess_owner(one, [], owner_name="Someone Else") == ""
    assert guess_owner([], []) == ""


# -- Invitations.csv ----------------------------------------------------------------------


def test_invitations_both_directions(export: Archive) -> None:
    found = [i for i in export.invitations if isinstance(i, Invitation)]
    assert [i.line for i in found] == [2, 3, 4]
    out, ravi, jane = found
    assert out == Invitation(
        line=2,
        sender="Alex Rivera",
        recipient="Dana Scully",
        sent_at=datetime(2026, 3, 7, 9, 41, tzinfo=UTC),
        message="Hi Dana, we met at PyCon.",
        direction="outgoing",
        inviter_url=ME,
        invitee_url=DANA,
    )
    assert (out.counterpart, out.counterpart_url) == ("Dana Scully", DANA)
    assert ravi.direction == "incoming" and ravi.sent_at == datetime(2025, 12, 25, 18, 5, tzinfo=UTC)
    assert (ravi.counterpart, ravi.counterpart_url) == ("Ravi Iyer", "linkedin.com/in/ravi-iyer")
    assert jane.sender == "Jane Doe, Ph.D." and jane.message == "Hello Alex,\nlet's connect."
    assert len({i.key for i in found}) == 3
    assert skipped(list(export.invitations)) == {
        6: "'Direction' is neither INCOMING nor OUTGOING: 'SIDEWAYS'",
        7: "'Sent At' is not a date: 'soon'",
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3/7/26, 9:41 AM", datetime(2026, 3, 7, 9, 41, tzinfo=UTC)),
        ("12/25/2025, 6:05 PM", datetime(2025, 12, 25, 18, 5, tzinfo=UTC)),
        ("2024-03-07 09:41:00 UTC", datetime(2024, 3, 7, 9, 41, tzinfo=UTC)),
        ("3/7/26", date(2026, 3, 7)),
        ("30 May 2024", date(2024, 5, 30)),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_stamp(text: str, value: datetime | date | None) -> None:
    assert parse_stamp(text) == value


# -- Jobs ---------------------------------------------------------------------------------


def test_job_applications_and_saved_jobs(export: Archive) -> None:
    applied = [j for j in export.applications if isinstance(j, JobActivity)]
    assert applied[0] == JobActivity(
        line=2,
        kind="applied",
        company="Stripe",
        title="Staff Engineer, Payments",
        url="http://www.linkedin.com/jobs/view/3812345678",
        date="2026-03-01",
        contact_email="alex@example.com",
        contact_phone="+1 555 0100",
    )
    assert [(j.company, j.date) for j in applied] == [("Stripe", "2026-03-01"), ("Globex", "2026-02-20")]
    assert skipped(list(export.applications)) == {4: "'Application Date' is not a date: 'someday'"}
    saved = [j for j in export.saved_jobs if isinstance(j, JobActivity)]
    assert [(j.kind, j.company, j.title, j.date) for j in saved] == [
        ("saved", "Acme", "Senior SRE", "2026-03-05"),
        ("saved", "Initech", "Engineering Manager, Infra", "2026-01-15"),
    ]
    assert saved[0].key == "saved|linkedin.com/jobs/view/3899999999|2026-03-05"


def test_job_dates_in_the_iso_form_and_keys_without_a_url() -> None:
    text = "Saved Date,Job Url,Job Title,Company Name\n2024-03-07 09:41:00 UTC,,SRE,Acme\n"
    [job] = read_jobs(text, "saved")
    assert isinstance(job, JobActivity) and job.date == "2024-03-07"
    assert job.key == "saved|acme|sre|2024-03-07"


# -- Connections.csv inside the export ------------------------------------------------------


def test_connections_go_through_the_connections_reader(export: Archive) -> None:
    people = [c for c in export.connections if isinstance(c, Connection)]
    assert [c.name for c in people] == ["Priya Shah", "Jane Doe, Ph.D.", "Bo Chen", "José Müller"]
    assert skipped(list(export.connections)) == {7: "invalid UTF-8"}


def test_a_windows_1252_connections_file_is_still_read(tmp_path: Path) -> None:
    shutil.copy(CP1252_CONNECTIONS, tmp_path / "Connections.csv")
    archive = open_archive(tmp_path)
    names = [c.name for c in archive.connections if isinstance(c, Connection)]
    assert names == ["José Müller", "Zoë Brontë"]


# -- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hi Alex,\r\n\r\nHappy to help.\r\nPriya", "Hi Alex,\nHappy to help.\nPriya"),
        ("one\ntwo\nthree\nfour", "one\ntwo\nthree…"),
        ("  spaced   out  \n", "spaced out"),
        ("", ""),
    ],
)
def test_snippet_keeps_the_first_lines(body: str, expected: str) -> None:
    assert snippet(body) == expected


def test_snippet_cuts_long_text_at_a_word() -> None:
    body = "word " * 100
    short = snippet(body, chars=40)
    assert len(short) <= 40 and short.endswith("word…")
    assert snippet("x" * 500, chars=10) == "x" * 9 + "…"
    assert snippet("a\nb\nc", lines=1) == "a…"


@pytest.mark.parametrize(
    ("content", "sponsored"),
    [
        ("<p>Hi %FIRSTNAME%,</p>", True),
        ("Dear %firstName% %LASTNAME%, a great offer", True),
        ("<html><body>Offer</body></html>", True),
        ("Check <b>this</b> and <a href='x'>that</a>", True),
        ("I think 3 < 5 and 7 > 2", False),
        ("Hi Alex, 100% happy to help", False),
    ],
)
def test_is_sponsored(content: str, sponsored: bool) -> None:
    assert is_sponsored(content) is sponsored


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024-03-07 09:41:00 UTC", datetime(2024, 3, 7, 9, 41, tzinfo=UTC)),
        ("2024-03-07T09:41:00Z", datetime(2024, 3, 7, 9, 41, tzinfo=UTC)),
        ("2024-03-07 10:41:00+01:00", datetime(2024, 3, 7, 9, 41, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_time(text: str, value: datetime | None) -> None:
    assert parse_time(text) == value


# -- size -----------------------------------------------------------------------------------


def test_fifty_thousand_messages_read_in_well_under_five_seconds(tmp_path: Path) -> None:
    header = '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER"\r\n'
    rows = [header]
    owner, them = f"https://www.{ME}", "https://www.linkedin.com/in/person-{}"
    for i in range(50_000):
        person = i % 700
        sender, sender_url, to_url = (
            ("Alex Rivera", owner, them.format(person)) if i % 2 else (f"Person {person}", them.format(person), owner)
        )
        rows.append(
            f'"2-conv{person}","","{sender}","{sender_url}","Someone","{to_url}",'
            f'"2024-03-{1 + i % 28:02d} 10:{i % 60:02d}:{i % 59:02d} UTC","",'
            f'"Hi there, message {i}.\r\nA second line, with a comma.","INBOX"\r\n'
        )
    target = tmp_path / "big.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("messages.csv", "\ufeff" + "".join(rows))
    del rows
    started = time.perf_counter()
    result = open_archive(target)
    elapsed = time.perf_counter() - started
    found = [m for m in result.messages if isinstance(m, Message)]
    assert len(found) == 50_000 and result.skipped == []
    assert result.owner_url == ME and sum(m.outgoing for m in found) == 25_000
    assert found[-1].line == 2 + 2 * 49_999
    assert elapsed < 5, f"{elapsed:.2f} s"


# -- broken quoting -------------------------------------------------------------------------

SHORT_HEADER = "CONVERSATION ID,FROM,SENDER PROFILE URL,DATE,CONTENT,FOLDER\r\n"


def row(conversation: str, content: str) -> str:
    return f"{conversation},Bo,https://www.linkedin.com/in/bo,2024-01-02 00:00:00 UTC,{content},INBOX\r\n"


def test_an_unclosed_quote_is_reported_and_the_rows_it_swallowed_still_come_through() -> None:
    text = SHORT_HEADER + row("c2", "hi") + row("c3", '"never closed') + row("c4", "hi") + row("c5", '"two\r\nlines"')
    rows = list(read_messages(text + row("c6", "bye")))
    assert rows[1] == Skipped(3, "5 fields where the header has 6: a quote is never closed")
    found = {r.line: (r.conversation_id, r.content) for r in rows if isinstance(r, Message)}
    assert found == {2: ("c2", "hi"), 4: ("c4", "hi"), 5: ("c5", "two\nlines"), 7: ("c6", "bye")}


def test_a_cell_over_the_csv_field_limit_is_reported_and_reading_goes_on() -> None:
    text = SHORT_HEADER + row("c1", '"' + "x" * 200_000 + '"') + row("c2", "hi")
    first, second = read_messages(text)
    assert isinstance(first, Skipped) and first.line == 2 and "field limit" in first.reason
    assert isinstance(second, Message) and (second.line, second.conversation_id) == (3, "c2")


# -- layers ---------------------------------------------------------------------------------

IMPORTS = """
import json, sys
import referral_tui.formats.google, referral_tui.formats.linkedin_archive, referral_tui.formats.vcard
import referral_tui.domain.strength
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tinydb")
                        or m.startswith("referral_tui.store") or m.startswith("referral_tui.ui"))))
"""


def test_formats_import_neither_textual_nor_the_store() -> None:
    result = subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
