"""Calendar export: RFC 5545 text escaping and line folding, and ``referral-tui export ics``
through the installed command, parsed back with the real ``icalendar`` package."""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Component

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Ask
from referral_tui.formats.ics import LINE_LIMIT, Event, calendar, escape_text, fold
from referral_tui.store.repository import Repository
from tests.helpers import assert_one_error_line, snapshot

TODAY = date(2026, 3, 9)
ASK_DAY = date(2026, 3, 2)
CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def physical_lines(text: str) -> list[bytes]:
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def parse_summary(value_text: str) -> str:
    """What a real parser makes of ``SUMMARY:<value_text>``."""
    text = calendar([], "x", "p", datetime(2026, 3, 9, tzinfo=UTC))
    body = text.replace(
        "END:VCALENDAR\r\n",
        "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260309T000000Z\r\nDTSTART;VALUE=DATE:20260309\r\n"
        f"{fold('SUMMARY:' + value_text)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    [event] = Calendar.from_ical(body).walk("VEVENT")
    return str(event["SUMMARY"])


# -- escape_text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain text", "plain text"),
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("crlf\r\nline", "crlf\\nline"),
        ("cr\rline", "cr\\nline"),
        ('colon: and "quotes"', 'colon: and "quotes"'),  # not escaped in TEXT values
        ("\\n is not a newline", "\\\\n is not a newline"),
        ("Zoë, Ångström; café", "Zoë\\, Ångström\\; café"),
    ],
)
def test_escape_text(raw: str, escaped: str) -> None:
    assert escape_text(raw) == escaped


def test_escape_text_escapes_backslash_before_the_others() -> None:
    # A backslash written before a comma must not merge with the comma's escape.
    assert escape_text("\\,") == "\\\\\\,"
    assert parse_summary(escape_text("\\,")) == "\\,"


@given(st.text(alphabet=st.sampled_from(list('ab \\;,:"\nçé€😀')), max_size=60))
def test_escape_round_trips_through_a_real_parser(raw: str) -> None:
    assert parse_summary(escape_text(raw)) == raw


# -- fold --------------------------------------------------------------------------------


def test_short_line_is_not_folded() -> None:
    line = "X" * LINE_LIMIT
    assert LINE_LIMIT == 75
    assert fold(line) == line


def test_ascii_line_folds_at_75_octets_and_continuations_start_with_a_space() -> None:
    line = "SUMMARY:" + "x" * 300
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts[0]) == 75
    assert all(p.startswith(" ") for p in parts[1:])
    assert all(len(p.encode()) == 75 for p in parts[1:-1])
    assert 1 < len(parts[-1].encode()) <= 75
    assert unfold(folded) == line


@pytest.mark.parametrize("char", ["é", "€", "😀", "中"])
def test_multibyte_line_folds_within_75_octets_without_splitting_a_character(char: str) -> None:
    line = "DESCRIPTION:" + char * 120
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    for i, part in enumerate(parts):
        data = part.encode("utf-8")  # every part is whole characters (str, so always decodable)
        assert len(data) <= LINE_LIMIT, (i, len(data))
        if i:
            assert part.startswith(" ") and part[1:2] == char
    # Each full part is as long as possible: one more character would not fit.
    width = len(char.encode())
    for part in parts[:-1]:
        assert len(part.encode()) + width > LINE_LIMIT
    assert unfold(folded) == line


def test_fold_at_the_exact_boundary() -> None:
    # 74 ASCII octets + a 2-octet character = 76: the character moves to the next line.
    line = "a" * 74 + "é"
    assert fold(line) == "a" * 74 + "\r\n é"
    # 73 + 2 = 75 fits.
    assert fold("a" * 73 + "é") == "a" * 73 + "é"


@given(st.text(alphabet=st.sampled_from(list("abc ,;\\é€😀中")), min_size=0, max_size=400))
def test_fold_property(line: str) -> None:
    folded = fold(line)
    assert unfold(folded) == line
    for i, part in enumerate(folded.split("\r\n")):
        assert len(part.encode("utf-8")) <= LINE_LIMIT
        assert (i == 0) or part.startswith(" ")


def test_calendar_text_is_crlf_folded_and_parses() -> None:
    event = Event(
        uid="followup-1-2026-03-09@referral-tui",
        day=date(2026, 3, 16),
        summary="Week-2 check-in: Zoë Ångström @ Café Ünïcode",
        description="Hi Zoë,\n\n" + "A long line with commas, semicolons; and accents: éàü. " * 6,
    )
    text = calendar([event], "Referral follow-ups", "referral-tui//test", datetime(2026, 3, 9, 12, tzinfo=UTC))
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line) <= LINE_LIMIT for line in physical_lines(text))
    [parsed] = Calendar.from_ical(text).walk("VEVENT")
    assert str(parsed["SUMMARY"]) == event.summary
    assert str(parsed["DESCRIPTION"]) == event.description
    assert parsed.decoded("DTSTART") == date(2026, 3, 16)
    assert parsed.decoded("DTEND") == date(2026, 3, 17)


# -- export through the installed command ------------------------------------------------


@pytest.fixture
def campaign(repo: Repository) -> dict[str, int]:
    """Two asks made on Mon 2 Mar 2026; today is Mon 9 Mar. Alice's week-2 is done."""
    repo.save_profile(my_name="Sam Rivera")
    alice = repo.quick_add("Alice Smith @ Acme, Staff Engineer")
    bob = repo.quick_add("Bob Jones @ Beta Corp")
    repo.add_ask(Ask(contact_id=alice.id, day=ASK_DAY, role_title="Senior Platform Engineer"))
    repo.add_ask(Ask(contact_id=bob.id, day=ASK_DAY, role_title="Data Lead"))
    week2 = next(f for f in repo.followups() if f.contact_id == alice.id and f.kind == "week2_checkin")
    repo.complete_followup(week2.id)
    return {"alice": alice.id, "bob": bob.id, "done": week2.id}


def events_of(path: Path) -> list[Component]:
    cal = Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_export_writes_one_event_per_open_followup(
    cli: CliRunner, campaign: dict[str, int], tmp_path: Path, db_path: Path
) -> None:
    out = tmp_path / "followups.ics"
    before = db_path.read_bytes()
    proc = cli("export", "ics", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.strip() == f"Wrote 7 follow-ups to {out}"
    assert db_path.read_bytes() == before, "export must not change the data file"

    cal = Calendar.from_ical(out.read_bytes())
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    got = sorted((e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events)
    assert got == sorted(
        [
            (date(2026, 3, 9), "Week-2 check-in: Bob Jones @ Beta Corp"),
            (date(2026, 3, 16), "Week-3 update, thanks: Alice Smith @ Acme"),
            (date(2026, 3, 16), "Week-3 update, thanks: Bob Jones @ Beta Corp"),
            (date(2026, 3, 23), "Week-4 insight: Alice Smith @ Acme"),
            (date(2026, 3, 23), "Week-4 insight: Bob Jones @ Beta Corp"),
            (date(2026, 4, 23), "Monthly check-in: Alice Smith @ Acme"),
            (date(2026, 4, 23), "Monthly check-in: Bob Jones @ Beta Corp"),
        ]
    )
    # Alice's week-2 check-in was done: it is not in the calendar.
    assert not any(e.decoded("DTSTART") == date(2026, 3, 9) and "Alice" in str(e["SUMMARY"]) for e in events)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) == 7
    assert not any(f"followup-{campaign['done']}-" in uid for uid in uids)
    for e in events:
        assert isinstance(e.decoded("DTSTART"), date) and not isinstance(e.decoded("DTSTART"), datetime)
        assert (e.decoded("DTEND") - e.decoded("DTSTART")).days == 1
        assert e.get("DTSTAMP") is not None
    # The raw file follows the line rules: CRLF endings, no line over 75 octets.
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line) <= LINE_LIMIT for line in physical_lines(text))


def test_export_descriptions_hold_the_rendered_message(
    cli: CliRunner, campaign: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "followups.ics"
    assert cli("export", "ics", str(out)).returncode == 0
    by_summary = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events_of(out)}

    bob_week2 = by_summary["Week-2 check-in: Bob Jones @ Beta Corp"]
    assert "Bob Jones @ Beta Corp" in bob_week2
    assert "Hi Bob,\n" in bob_week2
    assert "Data Lead referral" in bob_week2
    assert bob_week2.rstrip().endswith("Sam Rivera")

    alice_week3 = by_summary["Week-3 update, thanks: Alice Smith @ Acme"]
    assert "Hi Alice,\n" in alice_week3 and "Senior Platform Engineer" in alice_week3
    alice_week4 = by_summary["Week-4 insight: Alice Smith @ Acme"]
    assert "Hi Alice,\n" in alice_week4 and "Acme" in alice_week4
    for description in by_summary.values():
        assert "\n\nHi " in description, "each description holds its message after the what-and-who line"


def test_export_file_is_owner_only_even_when_replacing(
    cli: CliRunner, campaign: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "followups.ics"
    out.write_text("old")
    out.chmod(0o644)
    proc = cli("export", "ics", str(out))
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert len(events_of(out)) == 7


def test_export_skips_skipped_followups_and_archived_referrers(
    cli: CliRunner, repo: Repository, campaign: dict[str, int], tmp_path: Path
) -> None:
    bob_week3 = next(f for f in repo.followups() if f.contact_id == campaign["bob"] and f.kind == "week3_update")
    repo.skip_followup(bob_week3.id, "they changed teams")
    out = tmp_path / "a.ics"
    assert cli("export", "ics", str(out)).returncode == 0
    summaries = [str(e["SUMMARY"]) for e in events_of(out)]
    assert "Week-3 update, thanks: Bob Jones @ Beta Corp" not in summaries
    assert len(summaries) == 6
    repo.archive(campaign["alice"])
    assert cli("export", "ics", str(out)).returncode == 0
    assert all("Bob Jones" in str(e["SUMMARY"]) for e in events_of(out))
    assert len(events_of(out)) == 3


def test_export_with_nothing_open_is_a_valid_empty_calendar(cli: CliRunner, tmp_path: Path, db_path: Path) -> None:
    out = tmp_path / "empty.ics"
    proc = cli("export", "ics", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"Wrote 0 follow-ups to {out}"
    assert events_of(out) == []
    assert not db_path.exists(), "exporting must not create the data file"


def test_export_names_with_accents_and_punctuation(cli: CliRunner, repo: Repository, tmp_path: Path) -> None:
    zoe = repo.quick_add("Zoë Ångström @ Café, Ünïcode; Lead")
    repo.add_ask(Ask(contact_id=zoe.id, day=ASK_DAY, role_title="Staff, Backend; Payments"))
    out = tmp_path / "z.ics"
    assert cli("export", "ics", str(out)).returncode == 0
    events = events_of(out)
    assert len(events) == 4
    week2 = next(e for e in events if str(e["SUMMARY"]).startswith("Week-2"))
    assert str(week2["SUMMARY"]).endswith(": Zoë Ångström @ Café")
    assert "Hi Zoë,\n" in str(week2["DESCRIPTION"])
    assert "Staff, Backend; Payments" in str(week2["DESCRIPTION"])
    assert all(len(line) <= LINE_LIMIT for line in physical_lines(out.read_bytes().decode("utf-8")))


def test_export_each_followup_message_names_its_own_asks_role(cli: CliRunner, repo: Repository, tmp_path: Path) -> None:
    alice = repo.quick_add("Alice Smith @ Acme")
    repo.add_ask(Ask(contact_id=alice.id, day=date(2026, 2, 2), role_title="Role One"))
    repo.add_ask(Ask(contact_id=alice.id, day=ASK_DAY, role_title="Role Two"))
    out = tmp_path / "two.ics"
    assert cli("export", "ics", str(out)).returncode == 0
    week2 = {e.decoded("DTSTART"): str(e["DESCRIPTION"]) for e in events_of(out) if "Week-2" in str(e["SUMMARY"])}
    assert set(week2) == {date(2026, 2, 9), date(2026, 3, 9)}
    assert "Role One" in week2[date(2026, 2, 9)]
    assert "Role Two" in week2[date(2026, 3, 9)]


# -- bad input: one line on stderr, exit != 0, nothing changed ---------------------------


@pytest.mark.parametrize("case", ["folder", "missing folder", "under a file", "unknown format", "no file"])
def test_bad_export_is_one_error_line_and_touches_nothing(
    cli: CliRunner, campaign: dict[str, int], tmp_path: Path, db_path: Path, case: str
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    blocker = tmp_path / "plainfile"
    blocker.write_bytes(b"x")
    args = {
        "folder": ["export", "ics", str(folder)],
        "missing folder": ["export", "ics", str(tmp_path / "nowhere" / "f.ics")],
        "under a file": ["export", "ics", str(blocker / "f.ics")],
        "unknown format": ["export", "bogus", str(tmp_path / "f.bogus")],
        "no file": ["export", "ics"],
    }[case]
    before = snapshot(tmp_path, with_locks=True)
    proc = cli(*args)
    line = assert_one_error_line(proc)
    assert proc.stdout == ""
    assert snapshot(tmp_path, with_locks=True) == before, "bad input changed a file"
    assert list(folder.iterdir()) == []
    if case == "folder":
        assert str(folder) in line and "folder" in line
    elif case == "missing folder":
        assert str(tmp_path / "nowhere") in line
    elif case == "unknown format":
        assert "bogus" in line and "ics" in line


def test_export_over_the_data_file_is_refused(cli: CliRunner, campaign: dict[str, int], db_path: Path) -> None:
    before = db_path.read_bytes()
    proc = cli("export", "ics", str(db_path))
    try:
        assert_one_error_line(proc)
        assert db_path.read_bytes() == before
    finally:
        Repository(db_path, FixedClock(TODAY))  # the data file must still open


def test_export_ics_on_the_demo_holds_no_placeholder(cli: CliRunner, tmp_path: Path) -> None:
    """#19.4: a placeholder the data cannot fill is never exported; the facts logged fill the rest."""
    demo = tmp_path / "demo.json"
    assert cli("demo", "--out", str(demo)).returncode == 0
    out = tmp_path / "demo.ics"
    proc = cli("--db", str(demo), "export", "ics", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "{" not in out.read_text(encoding="utf-8")
    descriptions = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events_of(out)}
    assert all("{" not in d and "}" not in d for d in descriptions.values())
    hannah = next(d for s, d in descriptions.items() if "Hannah Reuter" in s)  # met at an event yesterday
    assert "the conversation at the event about ETA accuracy and backfills." in hannah
    kwame_week4 = next(d for s, d in descriptions.items() if s.startswith("Week-4") and "Kwame Mensah" in s)
    assert "Sent him our lag-based alert rules with the false-positive numbers." in kwame_week4  # the value given
    assert any("To add before sending: a line of your own news." in d for d in descriptions.values())
