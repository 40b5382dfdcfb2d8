"""Reading LinkedIn's Connections.csv (domain/linkedin.py) on hand-written fixtures.

The fixtures in tests/fixtures/linkedin/ are committed as bytes, so the BOM, the CRLF line
ends and the cp1252 encoding are exactly what a real export carries:

* connections_modern.csv: BOM, CRLF, a preamble padded with commas (header on line 4), URL
  column, "30 May 2024" dates, quoted commas, doubled quotes, emoji, trailing spaces,
  percent-encoded URLs, one email out of seven, a ghost row (line 9), an extra unquoted comma
  (line 10), a bad date (line 11), a quoted cell over two lines (12-13) and a padded blank
  line (15).
* connections_modern_changed.csv: the same, with Priya and Dana at new companies.
* connections_2018.csv: LF, no BOM, an unpadded preamble, no URL column, "1/8/18, 6:14 PM"
  dates, a ghost row (line 7) and a bad date (line 9).
* connections_cp1252.csv: a Windows-1252 file without preamble.
* not_connections.csv: a CSV that is not a Connections.csv.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_tui.formats.connections import (
    MAX_CELL,
    Connection,
    LinkedInError,
    Skipped,
    decode,
    normalize_url,
    parse_date,
    read,
)

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
MODERN = FIXTURES / "connections_modern.csv"
CHANGED = FIXTURES / "connections_modern_changed.csv"
OLDER = FIXTURES / "connections_2018.csv"
CP1252 = FIXTURES / "connections_cp1252.csv"
NOT_CONNECTIONS = FIXTURES / "not_connections.csv"

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
OLD_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On"


def rows_of(path: Path) -> list[Connection | Skipped]:
    return list(read(decode(path.read_bytes())))


def people(rows: list[Connection | Skipped]) -> dict[str, Connection]:
    return {r.name: r for r in rows if isinstance(r, Connection)}


def skipped(rows: list[Connection | Skipped]) -> dict[int, str]:
    return {r.line: r.reason for r in rows if isinstance(r, Skipped)}


# -- the fixtures really carry the traits -----------------------------------------------


def test_modern_fixture_carries_bom_crlf_preamble_and_header_on_line_4() -> None:
    raw = MODERN.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNotes:,,,,,,\r\n")
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[1].startswith('"When exporting your connection data') and lines[1].endswith('",,,,,,')
    assert lines[3] == HEADER
    assert "🚀" in lines[7] and "%C3%A9" in lines[6] and '""Labs""' in lines[7]
    assert lines[6].split(",")[1] == "Müller-Łukasz ", "a trailing space"


def test_older_fixture_has_lf_no_bom_no_url_and_old_dates() -> None:
    raw = OLDER.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    lines = raw.decode("utf-8").split("\n")
    assert lines[0] == "Notes:" and lines[2] == "" and lines[3] == OLD_HEADER
    assert lines[4].endswith('"1/8/18, 6:14 PM"')


def test_cp1252_fixture_is_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        CP1252.read_bytes().decode("utf-8")


# -- the modern export ------------------------------------------------------------------


def test_modern_export_reads_every_person_with_clean_values() -> None:
    rows = rows_of(MODERN)
    found = people(rows)
    assert list(found) == [
        "Priya Shah",
        "Bo Chen",
        "José Müller-Łukasz",
        "Li Wei 🚀",
        "Kim Park",
        "Dana Scully",
        "Ravi Iyer",
    ]
    priya = found["Priya Shah"]
    assert priya == Connection(
        line=5,
        first="Priya",
        last="Shah",
        url="https://www.linkedin.com/in/priya-shah-1a2b3c",
        email="",
        company="Stripe",
        position="Staff Engineer",
        connected_on="2024-05-30",
    )
    bo = found["Bo Chen"]
    assert bo.position == "Site Reliability Engineer, Payments"  # a quoted comma
    assert bo.email == "bo.chen@example.com"
    assert [r.email for r in found.values()].count("") == 6  # mostly empty emails
    jose = found["José Müller-Łukasz"]
    assert (jose.first, jose.last, jose.company, jose.position) == (
        "José",
        "Müller-Łukasz",
        "Acme",
        "Engineering Manager",
    )
    # Percent-encoded URLs are kept as written; only the matching key decodes them.
    assert jose.url == "https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-%C5%82ukasz"
    li = found["Li Wei 🚀"]
    assert li.last == "Wei 🚀"
    assert li.company == 'Globex "Labs"'  # doubled quotes unescaped
    assert li.position == 'The "Fixer", Platform'
    assert li.url == "https://www.linkedin.com/in/li-wei-%F0%9F%9A%80"
    ravi = found["Ravi Iyer"]  # every cell padded with spaces
    assert (ravi.first, ravi.last, ravi.company, ravi.position, ravi.connected_on) == (
        "Ravi",
        "Iyer",
        "Stripe",
        "Data Scientist",
        "2025-11-07",
    )
    assert ravi.url == "https://www.linkedin.com/in/ravi-iyer/"
    assert {r.connected_on for r in found.values()} >= {"2024-05-30", "2023-01-12", "2022-02-02", "2021-03-15"}


def test_line_numbers_are_physical_lines_of_the_file() -> None:
    rows = rows_of(MODERN)
    lines = {r.name: r.line for r in rows if isinstance(r, Connection)}
    assert lines == {
        "Priya Shah": 5,
        "Bo Chen": 6,
        "José Müller-Łukasz": 7,
        "Li Wei 🚀": 8,
        "Kim Park": 12,  # its Position spans lines 12 and 13
        "Dana Scully": 14,
        "Ravi Iyer": 16,
    }
    physical = MODERN.read_bytes().decode("utf-8-sig").split("\r\n")
    for name, line in lines.items():
        assert name.split()[0] in physical[line - 1]


def test_a_quoted_cell_over_two_lines_keeps_its_line_break() -> None:
    kim = people(rows_of(MODERN))["Kim Park"]
    assert kim.position == "Head of\r\nDeveloper Relations"
    assert kim.connected_on == "2024-09-09"


def test_ghost_and_malformed_rows_are_reported_by_line_and_the_rest_is_read() -> None:
    rows = rows_of(MODERN)
    reasons = skipped(rows)
    assert set(reasons) == {9, 10, 11}
    assert "ghost row" in reasons[9]
    assert "8 fields" in reasons[10] and "7" in reasons[10] and "unquoted comma" in reasons[10]
    assert "Connected On" in reasons[11] and "31 Feb 2024" in reasons[11]
    # The blank line padded with commas (line 15) is skipped without a word.
    assert 15 not in reasons
    # Rows after the bad ones are still read, in file order.
    assert [r.line for r in rows] == [5, 6, 7, 8, 9, 10, 11, 12, 14, 16]


def test_changed_export_differs_only_in_two_employers() -> None:
    before, after = people(rows_of(MODERN)), people(rows_of(CHANGED))
    assert list(before) == list(after)
    moved = {name: (before[name].company, after[name].company) for name in before if before[name] != after[name]}
    assert moved == {"Priya Shah": ("Stripe", "Globex"), "Dana Scully": ("Stripe", "Acme")}
    assert after["Priya Shah"].position == "Principal Engineer"


# -- the older export -------------------------------------------------------------------


def test_older_export_without_url_and_with_us_dates() -> None:
    rows = rows_of(OLDER)
    found = people(rows)
    assert list(found) == ["Maria Garcia", "Tom O'Brien", "Chen Li", "Leap Day"]
    assert all(r.url == "" for r in found.values())
    assert found["Maria Garcia"].connected_on == "2018-01-08"  # 1/8/18 is 8 January (US order)
    assert found["Maria Garcia"].line == 5
    assert found["Tom O'Brien"].connected_on == "2017-12-25"
    assert found["Tom O'Brien"].company == "Wayne Enterprises, Inc."
    assert found["Tom O'Brien"].email == "tom@example.org"
    assert found["Chen Li"].last == "Li"
    assert found["Chen Li"].position == 'VP, "Growth" 📈'
    assert found["Chen Li"].connected_on == "2017-11-30"
    assert found["Leap Day"].connected_on == "2016-02-29"
    reasons = skipped(rows)
    assert set(reasons) == {7, 9}
    assert "ghost row" in reasons[7]
    assert "13/45/18, 1:00 PM" in reasons[9]


# -- the header is found by its names ---------------------------------------------------

ROW = "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,Engineer,30 May 2024"


@pytest.mark.parametrize(
    "preamble",
    [
        [],
        ["Notes:"],
        ["Notes:", '"A paragraph, with commas, that mentions First Name and Last Name."', ""],
        ["Notes:,,,,,,", '"Padded, paragraph",,,,,,', ",,,,,,", ",,,,,,", ""],
        ["Notes:", "First Name is what we call you", "sort by Last Name or First Name; see the help", ""],
    ],
    ids=["none", "notes-only", "paragraph-naming-the-columns", "padded-five-lines", "prose-with-column-words"],
)
def test_header_is_found_whatever_the_preamble(preamble: list[str]) -> None:
    text = "\r\n".join([*preamble, HEADER, ROW, "Bo,Chen,,,Acme,SRE,xx"]) + "\r\n"
    rows = list(read(text))
    header_line = len(preamble) + 1
    assert rows == [
        Connection(
            header_line + 1, "Ann", "Lee", "https://www.linkedin.com/in/ann-lee", "", "Acme", "Engineer", "2024-05-30"
        ),
        Skipped(header_line + 2, "'Connected On' is not a date: 'xx'"),
    ]


def test_columns_are_mapped_by_name_not_position() -> None:
    text = (
        '"Company","Connected On","Position","Last Name","First Name",Extra,,\n'
        "Acme,30 May 2024,Engineer,Lee,Ann,whatever,,\n"
    )
    [row] = read(text)
    assert isinstance(row, Connection)
    assert (row.first, row.last, row.company, row.position, row.url, row.connected_on) == (
        "Ann",
        "Lee",
        "Acme",
        "Engineer",
        "",
        "2024-05-30",
    )


def test_header_cells_with_spaces_and_padding_commas_are_found() -> None:
    text = " First Name , Last Name ,Company,Connected On,,,\nAnn,Lee,Acme,30 May 2024\n"
    [row] = read(text)
    assert isinstance(row, Connection) and row.name == "Ann Lee" and row.company == "Acme"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\r\n\r\n",
        "Notes:\r\nName,Email\r\nPriya,p@example.com\r\n",
        "First Name,Surname\nAnn,Lee\n",
        '"First Name and Last Name are columns we would expect"\n',
    ],
    ids=["empty", "blank-lines", "other-csv", "only-first-name", "prose"],
)
def test_no_header_raises_a_helpful_error(text: str) -> None:
    with pytest.raises(LinkedInError) as info:
        list(read(text))
    message = str(info.value)
    assert "First Name" in message and "Last Name" in message
    assert "Connections.csv" in message


def test_not_connections_fixture_has_no_header() -> None:
    with pytest.raises(LinkedInError, match="no header line"):
        rows_of(NOT_CONNECTIONS)


def test_header_only_reads_nothing() -> None:
    assert list(read(HEADER + "\r\n")) == []
    assert list(read(HEADER)) == []


# -- other rows -------------------------------------------------------------------------


def test_a_row_with_too_few_fields_is_padded() -> None:
    text = f"{HEADER}\nAnn,Lee\nBo,Chen,,,Acme\n"
    ann, bo = read(text)
    assert isinstance(ann, Connection) and (ann.name, ann.company, ann.connected_on) == ("Ann Lee", "", "")
    assert isinstance(bo, Connection) and (bo.name, bo.company) == ("Bo Chen", "Acme")


def test_an_extra_empty_field_is_tolerated() -> None:
    [row] = read(f"{HEADER}\n{ROW},\n")
    assert isinstance(row, Connection) and row.name == "Ann Lee"


def test_a_name_only_in_last_name_is_kept() -> None:
    [row] = read(f"{HEADER}\n,Cher,,,,Singer,1 Jan 2020\n")
    assert isinstance(row, Connection) and row.name == "Cher"


def test_a_nameless_row_with_other_cells_is_skipped_without_ghost_wording() -> None:
    [row] = read(f"{HEADER}\n,,,,Acme,Engineer,\n")
    assert row == Skipped(2, "no name")


def test_an_overlong_cell_is_skipped_by_line() -> None:
    long_title = "x" * (MAX_CELL + 1)
    rows = list(read(f"{HEADER}\n{ROW}\nBo,Chen,,,Acme,{long_title},1 Jan 2020\nCy,Dee,,,Acme,SRE,2 Jan 2020\n"))
    assert [type(r).__name__ for r in rows] == ["Connection", "Skipped", "Connection"]
    assert rows[1] == Skipped(3, f"'Position' is over {MAX_CELL} characters")
    assert rows[2].line == 4


def test_line_numbers_count_crlf_lf_and_cr_line_ends_alike() -> None:
    body = ["Notes:", "", HEADER, ROW, "Bo,Chen,,,Acme,SRE,bad", ROW.replace("Ann", "Cy")]
    for end in ("\r\n", "\n", "\r"):
        rows = list(read(end.join(body) + end))
        assert [r.line for r in rows] == [4, 5, 6], repr(end)
        assert isinstance(rows[1], Skipped)


def test_line_numbers_after_a_multi_line_cell_in_a_skipped_row() -> None:
    text = f'{HEADER}\nBo,Chen,,,Acme,"two\nlines",not a date\n{ROW}\n'
    bad, ann = read(text)
    assert bad == Skipped(2, "'Connected On' is not a date: 'not a date'")
    assert isinstance(ann, Connection) and ann.line == 4


def test_an_unbalanced_quote_is_reported_and_later_rows_are_still_read() -> None:
    text = f'{HEADER}\nJo,"Smith,,,Acme,Eng,1 Jan 2020\nAl,Bee,,,Acme,Eng,2 Jan 2020\nCy,Dee,,,Acme,Eng,3 Jan 2020\n'
    rows = list(read(text))
    assert not any(isinstance(r, Connection) and "\n" in r.name for r in rows), rows
    assert any(isinstance(r, Skipped) and r.line == 2 for r in rows), rows
    assert {r.name for r in rows if isinstance(r, Connection)} == {"Al Bee", "Cy Dee"}


def test_line_numbers_ignore_unicode_line_separators_in_the_preamble() -> None:
    text = f"Notes: see\u2028the help page\n{HEADER}\nAnn,Lee,,,Acme,Eng,bad\n"
    [row] = read(text)
    assert row == Skipped(3, "'Connected On' is not a date: 'bad'")


# -- decode -----------------------------------------------------------------------------


def test_decode_strips_the_bom() -> None:
    text = decode(MODERN.read_bytes())
    assert text.startswith("Notes:")
    assert "\ufeff" not in text


def test_decode_falls_back_to_cp1252() -> None:
    text = decode(CP1252.read_bytes())
    assert "José" in text and "Café Société" in text and "Directeur – R&D" in text and "Chef €" in text
    found = people(list(read(text)))
    assert list(found) == ["José Müller", "Zoë Brontë"]
    assert found["José Müller"].company == "Café Société"
    assert found["José Müller"].position == "Directeur – R&D"
    assert found["Zoë Brontë"].position == "Chef €"
    assert found["Zoë Brontë"].connected_on == "2020-01-01"


def test_decode_prefers_utf8() -> None:
    assert decode("Zoë 🚀".encode()) == "Zoë 🚀"
    assert decode(b"\xef\xbb\xbfAnn") == "Ann"


def test_decode_refuses_bytes_that_are_neither_utf8_nor_cp1252() -> None:
    with pytest.raises(LinkedInError, match="not text"):
        decode(b"First Name,Last Name\n\x81\x8d\x8f\x90\x9d\xff\xfe\n")


# -- parse_date and normalize_url -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("30 May 2024", "2024-05-30"),
        ("02 Feb 2022", "2022-02-02"),
        ("1 Mar 2026", "2026-03-01"),
        ("  7 Nov 2025  ", "2025-11-07"),
        ("1/8/18, 6:14 PM", "2018-01-08"),
        ("12/25/17, 9:05 AM", "2017-12-25"),
        ("1/8/18,  6:14 PM", "2018-01-08"),  # runs of spaces collapse
        ("1/8/2018, 6:14 PM", "2018-01-08"),
        ("1/8/18", "2018-01-08"),
        ("2024-05-30", "2024-05-30"),
        ("30-May-24", "2024-05-30"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text", ["31 Feb 2024", "13/45/18, 1:00 PM", "yesterday", "May 2024", "2024-13-01", "30 Mai 2024"]
)
def test_parse_date_refuses_non_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/priya-shah-1a2b3c", "linkedin.com/in/priya-shah-1a2b3c"),
        ("http://linkedin.com/in/Priya-Shah-1a2b3c/", "linkedin.com/in/priya-shah-1a2b3c"),
        ("  HTTPS://WWW.LinkedIn.com/in/priya-shah-1a2b3c//  ", "linkedin.com/in/priya-shah-1a2b3c"),
        ("https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller", "linkedin.com/in/josé-müller"),
        ("https://www.linkedin.com/in/li-wei-%F0%9F%9A%80", "linkedin.com/in/li-wei-🚀"),
        ("", ""),
    ],
)
def test_normalize_url(url: str, key: str) -> None:
    assert normalize_url(url) == key


def test_percent_encoded_and_decoded_urls_share_a_key() -> None:
    assert normalize_url("https://www.linkedin.com/in/jos%C3%A9") == normalize_url("linkedin.com/in/José/")
