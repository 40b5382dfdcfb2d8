"""Reading vCard 3.0 / 4.0 and writing vCard 4.0 (formats/vcard.py) on hand-written fixtures.

The fixtures in tests/fixtures/vcard/ are committed as bytes (CRLF line ends):

* contacts_v3.vcf, as Apple Contacts writes 3.0: Jane (line 1: escaped commas, two EMAILs,
  ``item1.URL`` + ``item1.X-ABLabel:LinkedIn``, ``https\\://`` escapes, a folded NOTE, a
  folded PHOTO with bad base64), Bo (21: ``X-SOCIALPROFILE;type=linkedin;x-user=`` with an
  ``x-apple:`` value, a NOTE folded in the middle of a UTF-8 character), a broken card (32),
  Kim (36: only a LinkedIn URL), Jörg (42: vCard 2.1 quoted-printable), an empty card (48).
* contacts_v4.vcf: José (line 1: UTF-8, ``TEL;VALUE=uri:tel:``, a folded
  ``X-SOCIALPROFILE``, a NOTE folded at 75 octets), 李伟 (16), a card with Latin-1 bytes
  (24), Dana (29: N but no FN).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import vobject  # type: ignore[import-untyped]  # vobject ships no type hints
from hypothesis import given, settings
from hypothesis import strategies as st

from referral_tui.formats.address import AddressCard
from referral_tui.formats.connections import Skipped
from referral_tui.formats.vcard import VCardContact, VCardError, escape_text, read_vcards, write_vcards

FIXTURES = Path(__file__).parent / "fixtures" / "vcard"
V3 = FIXTURES / "contacts_v3.vcf"
V4 = FIXTURES / "contacts_v4.vcf"


def read(path: Path) -> list[VCardContact | Skipped]:
    return read_vcards(path.read_bytes(), path.name)


def cards(rows: list[VCardContact | Skipped]) -> dict[str, VCardContact]:
    return {r.name: r for r in rows if isinstance(r, AddressCard)}


def skipped(rows: list[VCardContact | Skipped]) -> dict[int, str]:
    return {r.line: r.reason for r in rows if isinstance(r, Skipped)}


# -- the fixtures really carry the traits -----------------------------------------------


def test_fixtures_are_crlf_folded_and_one_fold_splits_a_character() -> None:
    v3 = V3.read_bytes()
    assert v3.count(b"\r\n") == v3.count(b"\n")
    assert b"\r\n  once the new headcount" in v3
    assert b"NOTE:Introduced by Jos\xc3\xa9 M\xc3\r\n \xbcller" in v3
    assert b"item1.X-ABLabel:LinkedIn" in v3 and b"ENCODING=QUOTED-PRINTABLE" in v3
    v4 = V4.read_bytes()
    assert v4.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert max(len(line) for line in v4.split(b"\r\n")) <= 75
    assert b"FN:Zo\xeb" in v4


# -- vCard 3.0 ------------------------------------------------------------------------------


def test_an_apple_card_with_item_url_and_label_pairs() -> None:
    jane = cards(read(V3))["Jane Doe, Ph.D."]
    assert jane == AddressCard(
        line=1,
        name="Jane Doe, Ph.D.",
        first="Jane",
        last="Doe",
        org="Globex, Inc.",
        title="Director of Research",
        emails=("jane@globex.example", "jane.doe@example.com"),
        phones=("+1 (555) 010-0200",),
        urls=("https://www.linkedin.com/in/jane-doe-phd", "https://janedoe.example"),
        linkedin_url="https://www.linkedin.com/in/jane-doe-phd",
        note="Met at PyCon 2025.\nOffered to refer me at Globex; follow up in March once the new headcount opens.",
        categories=("Referrers", "Globex"),
    )


def test_x_socialprofile_with_an_apple_user_and_a_fold_inside_a_character() -> None:
    bo = cards(read(V3))["Bo Chen"]
    assert bo.linkedin_url == "https://www.linkedin.com/in/bo-chen"
    assert bo.urls == ("https://www.linkedin.com/in/bo-chen",)
    assert bo.note == "Introduced by José Müller"
    assert (bo.line, bo.first, bo.last, bo.org, bo.title) == (21, "Bo", "Chen", "Globex", "Site Reliability Engineer")


def test_a_linkedin_url_without_a_label_and_a_card_without_n() -> None:
    kim = cards(read(V3))["Kim Park"]
    assert kim.linkedin_url == "https://www.linkedin.com/in/kim-park/"
    assert (kim.first, kim.last, kim.phones) == ("", "", ("+1 555 0300",))


def test_vcard_2_1_quoted_printable() -> None:
    jorg = cards(read(V3))["Jörg Müller"]
    assert (jorg.line, jorg.first, jorg.last, jorg.phones) == (42, "Jörg", "Müller", ("+49 170 5550100",))


def test_a_broken_card_and_an_empty_card_are_skipped_by_position_and_the_rest_read() -> None:
    rows = read(V3)
    assert [r.line for r in rows] == [1, 21, 32, 36, 42, 48]
    assert skipped(rows) == {
        32: "card 3: not a readable vCard (Failed to parse line: FN Broken Card)",
        48: "card 6: an empty card (no name, email or phone)",
    }
    assert list(cards(rows)) == ["Jane Doe, Ph.D.", "Bo Chen", "Kim Park", "Jörg Müller"]


# -- vCard 4.0 ------------------------------------------------------------------------------


def test_a_v4_card_in_utf8_with_a_tel_uri_and_a_folded_note() -> None:
    jose = cards(read(V4))["José Müller-Łukasz"]
    assert jose == AddressCard(
        line=1,
        name="José Müller-Łukasz",
        first="José",
        last="Müller-Łukasz",
        org="Initech",
        title="Engineering Manager",
        emails=("jose@initech.example",),
        phones=("+49-30-555-0100",),
        urls=("https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-%C5%82ukasz",),
        linkedin_url="https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-%C5%82ukasz",
        note=(
            "Engineering manager at Initech; hiring for the platform team in Berlin — ask about the Staff role."
            "\nLikes coffee ☕ and long walks in Kreuzberg."
        ),
        categories=("Referrers", "Initech alumni"),
    )


def test_v4_cards_with_cjk_an_invalid_byte_and_no_fn() -> None:
    rows = read(V4)
    found = cards(rows)
    li = found["李伟 🚀"]
    assert (li.line, li.first, li.last) == (16, "伟", "李")
    assert li.urls == ("https://www.linkedin.com/in/li-wei", "https://liwei.example")
    assert li.linkedin_url == "https://www.linkedin.com/in/li-wei"
    assert skipped(rows) == {24: "card 3: invalid UTF-8"}
    dana = found["Dana Scully"]
    assert (dana.line, dana.first, dana.last, dana.emails) == (29, "Dana", "Scully", ("dana@fbi.example",))


# -- whole files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"hello, world\r\n", b"\x89PNG\r\n\x1a\n\x00\x00", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"],
    ids=["empty", "text", "binary", "calendar"],
)
def test_a_file_without_cards_raises_naming_the_file(data: bytes) -> None:
    with pytest.raises(VCardError, match=r"^friends\.vcf: no vCard found"):
        read_vcards(data, "friends.vcf")


def test_a_file_whose_only_card_is_broken_raises() -> None:
    with pytest.raises(VCardError, match=r"one\.vcf: no card could be read; card 1: never closed"):
        read_vcards(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n", "one.vcf")


def test_an_unclosed_card_before_a_good_one_is_skipped() -> None:
    data = b"BEGIN:VCARD\nFN:Ann\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo\nEND:VCARD\n"
    rows = read_vcards(data, "x.vcf")
    assert rows[0] == Skipped(1, "card 1: never closed (no END:VCARD)")
    assert isinstance(rows[1], AddressCard) and (rows[1].line, rows[1].name) == (3, "Bo")


def test_a_windows_1252_file_and_a_utf16_file() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brontë\r\nORG:Café Société\r\nEND:VCARD\r\n"
    [legacy] = read_vcards(card.encode("cp1252"), "old.vcf")
    assert isinstance(legacy, AddressCard) and (legacy.name, legacy.org) == ("Zoë Brontë", "Café Société")
    [wide] = read_vcards(card.encode("utf-16"), "outlook.vcf")
    assert isinstance(wide, AddressCard) and wide.name == "Zoë Brontë"


def test_lf_line_ends_a_bom_and_text_between_cards() -> None:
    data = b"\xef\xbb\xbfjunk before\nBEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEMAIL:mailto:ann@example.com\nEND:VCARD\nmore junk\n"
    [ann] = read_vcards(data, "x.vcf")
    assert isinstance(ann, AddressCard) and (ann.line, ann.name, ann.emails) == (2, "Ann Lee", ("ann@example.com",))


def test_a_name_from_org_or_email_when_fn_and_n_are_missing() -> None:
    data = b"BEGIN:VCARD\r\nORG:Acme\r\nEND:VCARD\r\nBEGIN:VCARD\r\nEMAIL:x@example.com\r\nEND:VCARD\r\n"
    acme, mail = read_vcards(data, "x.vcf")
    assert isinstance(acme, AddressCard) and (acme.name, acme.org) == ("Acme", "Acme")
    assert isinstance(mail, AddressCard) and mail.name == "x@example.com"


# -- writing vCard 4.0 ----------------------------------------------------------------------


def test_the_writer_emits_rfc6350_lines() -> None:
    card = AddressCard(
        line=0,
        name="Doe, Jane",
        first="Jane",
        last="Doe; Jr.",
        org="Globex, Inc.",
        title="Head of R&D",
        emails=("jane@example.com",),
        phones=("+1 555 0100",),
        urls=("https://janedoe.example",),
        linkedin_url="https://www.linkedin.com/in/jane-doe",
        note="Line one\nC:\\path; done",
        categories=("Referrers", "A, B"),
    )
    assert write_vcards([card]) == (
        "BEGIN:VCARD\r\n"
        "VERSION:4.0\r\n"
        "FN:Doe\\, Jane\r\n"
        "N:Doe\\; Jr.;Jane;;;\r\n"
        "ORG:Globex\\, Inc.\r\n"
        "TITLE:Head of R&D\r\n"
        "EMAIL:jane@example.com\r\n"
        "TEL:+1 555 0100\r\n"
        "URL:https://janedoe.example\r\n"
        "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/jane-doe\r\n"
        "NOTE:Line one\\nC:\\\\path; done\r\n"
        "CATEGORIES:Referrers,A\\, B\r\n"
        "END:VCARD\r\n"
    )


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\r\ne\rf") == "a\\,b;c\\\\d\\ne\\nf"
    assert escape_text("a;b", component=True) == "a\\;b"


def test_long_lines_fold_at_75_octets_without_splitting_utf8() -> None:
    card = AddressCard(line=0, name="Łukasz " + "é🚀" * 40, note="ż" * 200)
    text = write_vcards([card])
    raw = text.encode("utf-8")
    physical = raw.split(b"\r\n")
    assert physical[-1] == b""
    assert max(len(line) for line in physical) <= 75
    for line in physical:
        line.decode("utf-8")  # no character is split across a fold
    assert sum(line.startswith(b" ") for line in physical) > 4
    [back] = read_vcards(raw, "out.vcf")
    assert back == replace(card, line=1)


def test_an_empty_name_falls_back_for_fn() -> None:
    text = write_vcards([AddressCard(line=0, name="", org="Acme")])
    assert "\r\nFN:Acme\r\n" in text


@pytest.mark.parametrize("path", [V3, V4], ids=["v3", "v4"])
def test_round_trip_through_our_writer_and_vobject(path: Path) -> None:
    originals = [r for r in read(path) if isinstance(r, AddressCard)]
    written = write_vcards(originals)
    parsed = list(vobject.readComponents(written))
    assert [c.version.value for c in parsed] == ["4.0"] * len(originals)
    assert [c.fn.value for c in parsed] == [c.name for c in originals]
    back = read_vcards(written.encode("utf-8"), "out.vcf")
    assert [replace(r, line=0) for r in back if isinstance(r, AddressCard)] == [replace(c, line=0) for c in originals]
    assert len(back) == len(originals)


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")) | st.sampled_from(",;\\\n:"),
    max_size=90,
).map(str.strip)
_WORD = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    name=_WORD,
    first=_TEXT,
    last=_TEXT,
    org=_TEXT,
    title=_TEXT,
    note=_TEXT,
    categories=st.lists(_WORD, max_size=3, unique_by=str.casefold),
)
def test_round_trip_of_arbitrary_text(
    name: str, first: str, last: str, org: str, title: str, note: str, categories: list[str]
) -> None:
    card = AddressCard(
        line=1,
        name=name,
        first=first,
        last=last,
        org=org,
        title=title,
        note=note,
        categories=tuple(categories),
        emails=("a@example.com",),
    )
    [back] = read_vcards(write_vcards([card]).encode("utf-8"), "out.vcf")
    assert back == card
