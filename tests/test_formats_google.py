"""Reading Google Contacts CSV exports (formats/google.py) on hand-written fixtures.

The fixtures in tests/fixtures/google/ are committed as bytes:

* google_contacts.csv, the Google CSV layout (since 2020), CRLF, no BOM, 38 columns: Priya
  (lines 2-3: a two-line note, ``:::`` in emails and phones, two websites, one of them
  LinkedIn, labels with ``* myContacts`` and ``* starred``), Mary (4: a middle name and
  commas in the last name and the company), a row with only an email (5), an empty row (6),
  a row with only a note (7), a row with a Latin-1 byte (8).
* google_contacts_legacy.csv, the older layout (``Given Name``, ``Family Name``, ``Group
  Membership``, ``Organization 1 - Name``), BOM, LF: Tom (line 2) and Chen (3: two
  organisations in one cell).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referral_tui.formats.address import AddressCard, first_linkedin, is_linkedin_profile, unique
from referral_tui.formats.connections import Skipped
from referral_tui.formats.google import GoogleContact, GoogleCsvError, decode, read_google_csv, split_values

FIXTURES = Path(__file__).parent / "fixtures" / "google"
MODERN = FIXTURES / "google_contacts.csv"
LEGACY = FIXTURES / "google_contacts_legacy.csv"


def read(path: Path) -> list[GoogleContact | Skipped]:
    return read_google_csv(decode(path.read_bytes()))


def people(rows: list[GoogleContact | Skipped]) -> dict[str, GoogleContact]:
    return {r.name: r for r in rows if isinstance(r, AddressCard)}


# -- the fixtures really carry the traits -----------------------------------------------


def test_fixtures_carry_their_layouts() -> None:
    modern = MODERN.read_bytes()
    assert modern.startswith(b"First Name,Middle Name,Last Name,") and not modern.startswith(b"\xef\xbb\xbf")
    header = modern.split(b"\r\n")[0].decode().split(",")
    assert len(header) == 38 and header[-1] == "Website 2 - Value" and "Labels" in header
    assert b"Zo\xeb" in modern
    legacy = LEGACY.read_bytes()
    assert legacy.startswith(b"\xef\xbb\xbfName,Given Name,Additional Name,Family Name,") and b"\r" not in legacy


# -- Google CSV -----------------------------------------------------------------------------


def test_modern_layout_reads_numbered_groups_and_splits_cells() -> None:
    priya = people(read(MODERN))["Priya Shah"]
    assert priya == AddressCard(
        line=2,
        name="Priya Shah",
        first="Priya",
        last="Shah",
        org="Stripe",
        title="Staff Engineer",
        emails=("priya@stripe.example", "priya.shah@stripe.example", "priya@example.com"),
        phones=("+1 555 0100", "+1 555 0101"),
        urls=("https://www.linkedin.com/in/priya-shah-1a2b3c", "https://priya.example"),
        linkedin_url="https://www.linkedin.com/in/priya-shah-1a2b3c",
        note="Met at the Stripe meetup.\nHappy to refer.",
        categories=("Referrers",),
    )


def test_modern_layout_names_commas_and_labels() -> None:
    mary = people(read(MODERN))["Mary Ann O'Neil, Jr."]
    assert (mary.line, mary.first, mary.last, mary.org) == (4, "Mary", "O'Neil, Jr.", "Acme, Inc.")
    assert mary.categories == ("Friends", "Acme alumni")
    assert mary.linkedin_url == "" and mary.urls == ()


def test_modern_layout_skips_what_it_cannot_use() -> None:
    rows = read(MODERN)
    assert [r.line for r in rows] == [2, 4, 5, 7, 8]
    nameless = rows[2]
    assert isinstance(nameless, AddressCard) and nameless.name == "nameless@example.com" and nameless.first == ""
    assert rows[3] == Skipped(7, "no name, email or phone")
    assert rows[4] == Skipped(8, "invalid UTF-8")


# -- the older layout -----------------------------------------------------------------------


def test_legacy_layout_reads_organization_groups_and_group_membership() -> None:
    rows = read(LEGACY)
    tom, chen = rows
    assert tom == AddressCard(
        line=2,
        name="Tom O'Brien",
        first="Tom",
        last="O'Brien",
        org="Wayne Enterprises, Inc.",
        title="VP Engineering",
        emails=("tom@wayne.example", "tom.obrien@wayne.example", "tom@example.org"),
        phones=("+1 555 0400",),
        urls=("http://linkedin.com/in/tom-obrien/",),
        linkedin_url="http://linkedin.com/in/tom-obrien/",
        note="Knows the hiring manager.",
        categories=("Coworkers", "Referrers"),
    )
    assert isinstance(chen, AddressCard)
    assert (chen.line, chen.name, chen.org, chen.title, chen.categories) == (3, "Chen Li", "Umbrella", "CTO", ())


# -- headers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Title,Author\nDune,Herbert\n",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAnn,Lee,,,,,\n",
        "First Name,Middle Name,Last Name,Title,Suffix,E-mail Address\nAnn,,Lee,,,a@x\n",
    ],
    ids=["other-csv", "linkedin-connections", "outlook-csv"],
)
def test_other_csvs_are_refused_naming_the_expected_headers(text: str) -> None:
    with pytest.raises(GoogleCsvError) as info:
        read_google_csv(text)
    message = str(info.value)
    assert "not a Google Contacts CSV" in message
    assert "Labels" in message and "Group Membership" in message and "Given Name" in message
    assert "the first line has" in message


def test_an_empty_text_is_refused() -> None:
    with pytest.raises(GoogleCsvError, match="empty"):
        read_google_csv("\r\n")


def test_columns_found_by_name_with_a_bom_and_more_groups_than_usual() -> None:
    text = (
        "\ufeffLast Name,First Name,Labels,E-mail 3 - Value,E-mail 1 - Value,Website 1 - Value\n"
        "Lee,Ann,Friends ::: * starred,third@x.example,first@x.example,linkedin.com/in/ann-lee\n"
    )
    [ann] = read_google_csv(text)
    assert isinstance(ann, AddressCard)
    assert ann.name == "Ann Lee" and ann.emails == ("first@x.example", "third@x.example")
    assert ann.linkedin_url == "linkedin.com/in/ann-lee" and ann.categories == ("Friends",)


def test_a_row_with_an_unquoted_comma_too_many_is_skipped() -> None:
    text = "First Name,Last Name,Labels\nAnn,Lee,Friends,extra\nBo,Chen,\n"
    bad, bo = read_google_csv(text)
    assert bad == Skipped(2, "4 fields where the header has 3 (an unquoted comma?)")
    assert isinstance(bo, AddressCard) and bo.name == "Bo Chen"


# -- helpers --------------------------------------------------------------------------------


def test_split_values() -> None:
    assert split_values("a ::: b:::c :::  ") == ["a", "b", "c"]
    assert split_values("") == []


@pytest.mark.parametrize(
    ("url", "profile"),
    [
        ("https://www.linkedin.com/in/ann-lee", True),
        ("http://linkedin.com/in/ann/", True),
        ("linkedin.com/in/ann", True),
        ("https://de.linkedin.com/in/ann", True),
        ("https://www.linkedin.com/pub/ann-lee/1/2/3", True),
        ("https://www.linkedin.com/company/acme", False),
        ("https://notlinkedin.com/in/ann", False),
        ("", False),
    ],
)
def test_is_linkedin_profile(url: str, profile: bool) -> None:
    assert is_linkedin_profile(url) is profile


def test_first_linkedin_and_unique() -> None:
    assert first_linkedin(["https://a.example", "https://www.linkedin.com/in/x"]) == "https://www.linkedin.com/in/x"
    assert first_linkedin([]) == ""
    assert unique([" A@x ", "a@x", "", "b"]) == ("A@x", "b")
