"""`import vcard|google` (address books into the network) and `export vcard`.

The fixtures are described in test_formats_vcard.py and test_formats_google.py. In short:
contacts_v3.vcf has Jane Doe, Ph.D. (Globex, Inc.; two emails, a phone, LinkedIn and a home
page), Bo Chen (Globex, LinkedIn), a broken card (line 32), Kim Park (only a LinkedIn URL and
a phone), Jörg Müller and an empty card (line 48); contacts_v4.vcf José Müller-Łukasz
(Initech), 李伟 🚀, a card with bytes that are not UTF-8 (line 24) and Dana Scully.
google_contacts.csv has Priya Shah (Stripe), Mary Ann O'Neil, Jr. (Acme, Inc.), a row with
only an email and two rows it skips; the legacy file Tom O'Brien and Chen Li.
"""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import vobject  # type: ignore[import-untyped]  # vobject ships no type hints

from referral_tui.domain.records import Company, Contact, Phase
from referral_tui.exports import contact_cards
from referral_tui.imports import ImportRefused, import_google, import_linkedin, import_vcard
from referral_tui.store.repository import Repository
from tests.helpers import fresh
from tests.importing import CliRunner, assert_one_error_line, ok, snapshot, summary_lines

TODAY = date(2026, 3, 9)
V3 = Path(__file__).parent / "fixtures" / "vcard" / "contacts_v3.vcf"
V4 = Path(__file__).parent / "fixtures" / "vcard" / "contacts_v4.vcf"
GOOGLE = Path(__file__).parent / "fixtures" / "google" / "google_contacts.csv"
LEGACY = Path(__file__).parent / "fixtures" / "google" / "google_contacts_legacy.csv"
CONNECTIONS = Path(__file__).parent / "fixtures" / "linkedin_archive" / "export" / "Connections.csv"


def people(repo: Repository) -> dict[str, Contact]:
    found = {c.name: c for c in repo.contacts(include_archived=True)}
    assert len(found) == len(repo.contacts(include_archived=True)), "two contacts share a name"
    return found


# -- vCard ----------------------------------------------------------------------------------


def test_a_vcard_file_fills_the_network(repo: Repository) -> None:
    summary = import_vcard(repo, V3)
    assert (summary.added, summary.merged, summary.unchanged, summary.linked) == (4, 0, 0, 0)
    assert [(s.line, s.reason) for s in summary.skipped] == [
        (32, "card 3: not a readable vCard (Failed to parse line: FN Broken Card)"),
        (48, "card 6: an empty card (no name, email or phone)"),
    ]
    found = people(repo)
    assert list(found) == ["Jane Doe, Ph.D.", "Bo Chen", "Kim Park", "Jörg Müller"]
    assert all(c.phase is None for c in found.values())
    jane = found["Jane Doe, Ph.D."]
    assert (jane.email, jane.title, jane.employer, jane.company_id) == (
        "jane@globex.example",
        "Director of Research",
        "Globex, Inc.",
        None,
    )
    assert jane.linkedin_url == "https://www.linkedin.com/in/jane-doe-phd"
    assert jane.links == ["https://janedoe.example"]
    assert jane.tags == ["vcard", "referrers", "globex"]
    assert jane.notes == (
        "Met at PyCon 2025.\nOffered to refer me at Globex; follow up in March once the new headcount opens.\n"
        "Other email: jane.doe@example.com\nPhone: +1 (555) 010-0200"
    )
    kim = found["Kim Park"]
    assert (kim.linkedin_url, kim.links, kim.notes) == (
        "https://www.linkedin.com/in/kim-park/",
        [],
        "Phone: +1 555 0300",
    )
    assert repo.companies() == [], "an address book never creates companies"


def test_an_organisation_that_is_one_of_your_companies_is_linked(repo: Repository) -> None:
    globex = repo.add_company(Company(name="globex"))
    summary = import_vcard(repo, V3)
    assert summary.linked == 2
    found = people(repo)
    assert found["Jane Doe, Ph.D."].company_id == globex.id  # "Globex, Inc." is Globex
    assert found["Bo Chen"].company_id == globex.id
    import_vcard(repo, V4)
    jose = people(repo)["José Müller-Łukasz"]
    assert (jose.company_id, jose.employer) == (None, "Initech")
    assert [c.name for c in repo.companies()] == ["globex"]


def test_cards_merge_on_email_and_fill_only_blanks(repo: Repository) -> None:
    mine = repo.add_contact(
        Contact(
            name="J. Doe", email="JANE@globex.example", phase=Phase.RELATIONSHIP, title="Research lead", tags=["pycon"]
        )
    )
    summary = import_vcard(repo, V3)
    assert (summary.added, summary.merged) == (3, 1)
    jane = repo.contact(mine.id)
    assert (jane.name, jane.title, jane.phase, jane.email) == (
        "J. Doe",
        "Research lead",
        Phase.RELATIONSHIP,
        "JANE@globex.example",
    )
    assert jane.linkedin_url == "https://www.linkedin.com/in/jane-doe-phd"
    assert jane.employer == "Globex, Inc." and jane.links == ["https://janedoe.example"]
    assert jane.tags == ["pycon", "referrers", "globex"]
    assert jane.notes.startswith("Met at PyCon 2025.")


def test_cards_merge_on_the_profile_url(repo: Repository) -> None:
    import_linkedin(repo, CONNECTIONS)
    repo.add_contact(Contact(name="Kim P.", phase=None, linkedin_url="http://linkedin.com/in/Kim-Park"))
    before = people(repo)
    summary = import_vcard(repo, V3)
    assert (summary.added, summary.merged) == (1, 3)  # only Jörg is new
    bo = people(repo)["Bo Chen"]
    assert bo.id == before["Bo Chen"].id
    assert (bo.email, bo.title, bo.employer) == ("bo.chen@example.com", "SRE", "Globex")  # LinkedIn's title stays
    assert people(repo)["Kim P."].notes == "Phone: +1 555 0300"


def test_cards_merge_on_name_and_company(repo: Repository) -> None:
    mary = repo.quick_add("Mary Ann O'Neil, Jr. @ Acme !timing")
    priya = repo.add_contact(Contact(name="priya  shah", phase=None, employer="Stripe Inc"))
    other = repo.add_contact(Contact(name="Priya Shah", phase=None, employer="Globex"))
    summary = import_google(repo, GOOGLE)
    assert (summary.added, summary.merged, summary.linked) == (1, 2, 1)  # the email-only row is new
    assert repo.contact(mary.id).email == "mary@example.org"
    assert repo.contact(mary.id).phase is Phase.TIMING
    assert repo.contact(priya.id).email == "priya@stripe.example"
    assert repo.contact(other.id).email == "", "the same name at another company is someone else"
    assert [(s.line, s.reason) for s in summary.skipped] == [(7, "no name, email or phone"), (8, "invalid UTF-8")]


def test_phase_puts_new_contacts_on_the_board_but_never_moves_a_merged_one(repo: Repository) -> None:
    import_linkedin(repo, CONNECTIONS)
    import_vcard(repo, V3, phase=Phase.RELATIONSHIP)
    found = people(repo)
    assert found["Jörg Müller"].phase is Phase.RELATIONSHIP and found["Kim Park"].phase is Phase.RELATIONSHIP
    assert found["Bo Chen"].phase is None and found["Jane Doe, Ph.D."].phase is None


def test_reimporting_an_address_book_changes_nothing(repo: Repository, db_path: Path) -> None:
    import_vcard(repo, V4)
    import_google(repo, LEGACY)
    before = db_path.read_bytes()
    again = import_vcard(fresh(db_path), V4)
    assert (again.added, again.merged, again.unchanged) == (0, 0, 3)
    legacy = import_google(fresh(db_path), LEGACY)
    assert (legacy.added, legacy.merged, legacy.unchanged) == (0, 0, 2)
    assert db_path.read_bytes() == before


def test_the_older_google_layout(repo: Repository) -> None:
    import_google(repo, LEGACY)
    tom = people(repo)["Tom O'Brien"]
    assert (tom.employer, tom.title, tom.email) == ("Wayne Enterprises, Inc.", "VP Engineering", "tom@wayne.example")
    assert tom.tags == ["google", "coworkers", "referrers"]
    assert tom.linkedin_url == "http://linkedin.com/in/tom-obrien/"
    assert people(repo)["Chen Li"].employer == "Umbrella"


def test_an_import_is_one_undo_step(repo: Repository) -> None:
    repo.quick_add("Ann Lee @ Acme")
    import_vcard(repo, V3)
    assert repo.undo_stack[-1].description == "imported contacts_v3.vcf"
    repo.undo()
    assert [c.name for c in repo.contacts()] == ["Ann Lee"]


def test_a_file_without_a_usable_card_is_refused_before_anything_changes(repo: Repository, tmp_path: Path) -> None:
    source = tmp_path / "empty.vcf"
    source.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n")
    with pytest.raises(ImportRefused, match=r"empty\.vcf: nothing could be imported: its only row could not be read"):
        import_vcard(repo, source)
    assert repo.contacts() == [] and not repo.undo_stack


# -- the commands -------------------------------------------------------------------------------


def test_import_vcard_prints_the_summary(cli: CliRunner, db_path: Path) -> None:
    out = ok(cli("import", "vcard", str(V3)))
    assert out.splitlines()[0] == "Imported contacts_v3.vcf into your network (n in the app):"
    assert summary_lines(out) == [
        "added 4, merged 0, unchanged 0, skipped 2",
        "at one of your companies: 0",
        "skipped line 32: card 3: not a readable vCard (Failed to parse line: FN Broken Card)",
        "skipped line 48: card 6: an empty card (no name, email or phone)",
    ]
    assert len(fresh(db_path).contacts(on_board=False)) == 4


def test_import_google_with_a_phase(cli: CliRunner, db_path: Path) -> None:
    out = ok(cli("import", "google", str(GOOGLE), "--phase", "tim"))
    assert out.splitlines()[0] == "Imported google_contacts.csv into the board (Timing):"
    assert summary_lines(out)[0] == "added 3, merged 0, unchanged 0, skipped 2"
    assert {c.phase for c in fresh(db_path).contacts()} == {Phase.TIMING}


REFUSED: dict[str, tuple[str, str, bytes, str]] = {
    "no vcard in it": ("vcard", "notes.vcf", b"just some notes\r\n", "notes.vcf: no vCard found"),
    "no card readable": (
        "vcard",
        "broken.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN Broken\r\nEND:VCARD\r\n",
        "broken.vcf: no card could be read",
    ),
    "only an empty card": (
        "vcard",
        "empty.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n",
        "empty.vcf: nothing could be imported",
    ),
    "a binary file": ("vcard", "photo.vcf", b"\x89PNG\r\n\x1a\n\x00\x00", "photo.vcf: the file is not text"),
    "unknown headers": (
        "google",
        "books.csv",
        b"Title,Author\r\nDune,Herbert\r\n",
        "books.csv: not a Google Contacts CSV",
    ),
    "header only": (
        "google",
        "contacts.csv",
        b"First Name,Middle Name,Last Name,Labels,E-mail 1 - Value\r\n",
        "contacts.csv: nothing to import: the file holds no contacts",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_address_book_is_one_line_and_changes_nothing(
    cli: CliRunner, repo: Repository, tmp_path: Path, case: str
) -> None:
    repo.quick_add("Ann Lee @ Acme")
    fmt, name, content, expected = REFUSED[case]
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_bytes(content)
    before = snapshot(tmp_path)
    line = assert_one_error_line(cli("import", fmt, str(source)))
    assert expected in line, line
    assert snapshot(tmp_path) == before


def test_a_refused_address_book_creates_no_data_file(cli: CliRunner, db_path: Path, tmp_path: Path) -> None:
    assert "it is a folder" in assert_one_error_line(cli("import", "google", str(tmp_path)))
    assert "no such file" in assert_one_error_line(cli("import", "vcard", str(tmp_path / "nowhere.vcf")))
    assert not db_path.exists()


# -- export vcard -------------------------------------------------------------------------------


@pytest.fixture
def campaign(repo: Repository) -> Repository:
    """Priya on the board (at Stripe, with a note holding a comma and a line break), Bo in the network."""
    priya = repo.quick_add("Priya Shah @ Stripe, Staff Engineer #alumni !relationship")
    repo.save(
        replace(
            repo.contact(priya.id),
            email="priya@stripe.example",
            linkedin_url="https://www.linkedin.com/in/priya-shah-1a2b3c",
            links=["https://priya.example"],
            notes="Met at the meetup, twice.\nAsk about the Staff role; soon.",
        )
    )
    repo.add_contact(Contact(name="Bo Chen", phase=None, employer="Globex", email="bo@example.com"))
    repo.add_contact(Contact(name="Gone Person", archived=True))
    return repo


def test_export_vcard_writes_the_referrers_as_vcard_4(cli: CliRunner, campaign: Repository, tmp_path: Path) -> None:
    out = tmp_path / "referrers.vcf"
    assert ok(cli("export", "vcard", str(out))).strip() == f"Wrote 1 referrer to {out} (vCard 4.0)"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    [card] = list(vobject.readComponents(out.read_text(encoding="utf-8")))
    assert card.version.value == "4.0"
    assert card.fn.value == "Priya Shah"
    assert card.org.value == ["Stripe"]
    assert card.title.value == "Staff Engineer"
    assert card.email.value == "priya@stripe.example"
    assert [u.value for u in card.contents["url"]] == [
        "https://priya.example",
        "https://www.linkedin.com/in/priya-shah-1a2b3c",
    ]
    assert card.contents["x-socialprofile"][0].value == "https://www.linkedin.com/in/priya-shah-1a2b3c"
    assert card.note.value == "Met at the meetup, twice.\nAsk about the Staff role; soon."
    assert card.categories.value == ["alumni"]


def test_export_vcard_all_and_back_in(cli: CliRunner, campaign: Repository, tmp_path: Path) -> None:
    out = tmp_path / "everyone.vcf"
    assert ok(cli("export", "vcard", str(out), "--all")).startswith(f"Wrote 2 contacts to {out}")
    names = [c.fn.value for c in vobject.readComponents(out.read_text(encoding="utf-8"))]
    assert names == ["Priya Shah", "Bo Chen"]
    other = fresh(tmp_path / "other.json")
    assert import_vcard(other, out).added == 2
    back = people(other)
    priya = people(campaign)["Priya Shah"]
    copy = back["Priya Shah"]
    assert (copy.email, copy.linkedin_url, copy.links, copy.title, copy.notes, copy.employer) == (
        priya.email,
        priya.linkedin_url,
        priya.links,
        priya.title,
        priya.notes,
        "Stripe",
    )
    assert copy.tags == ["vcard", "alumni"]
    assert (back["Bo Chen"].employer, back["Bo Chen"].email) == ("Globex", "bo@example.com")
    # Importing the export into the campaign it came from merges everyone: nothing new.
    again = import_vcard(campaign, out)
    assert (again.added, again.merged) == (0, 0)


def test_contact_cards_leave_out_archived_people(campaign: Repository) -> None:
    assert [c.name for c in contact_cards(campaign, everyone=True)] == ["Priya Shah", "Bo Chen"]


def test_export_vcard_never_overwrites_the_data_file(cli: CliRunner, campaign: Repository, db_path: Path) -> None:
    before = db_path.read_bytes()
    line = assert_one_error_line(cli("export", "vcard", str(db_path)))
    assert "one of the app's own files" in line
    assert db_path.read_bytes() == before
