"""Which import a path is for (``imports.kinds.guess_kind``): told from the path's shape and the
first bytes of the file, before any reader runs. Every case is a small file in ``tmp_path``."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from referral_tui.imports import kinds
from referral_tui.imports.kinds import guess_kind

LINKEDIN_CSV = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Shah,https://www.linkedin.com/in/priya,,Stripe,Staff Engineer,03 Mar 2026\n"
)
GOOGLE_CSV = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value\n"
    "Priya,,Shah,Stripe,Staff Engineer,priya@stripe.example\n"
)
VCARD = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Priya Shah\r\nORG:Stripe\r\nEND:VCARD\r\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_is_linkedins_export(tmp_path: Path) -> None:
    export = tmp_path / "Basic_LinkedInDataExport_03-09-2026"
    export.mkdir()
    write(export / "Connections.csv", LINKEDIN_CSV)
    assert guess_kind(export) == "linkedin"
    assert guess_kind(tmp_path) == "linkedin"  # any folder: the import then says what is missing


def test_a_zip_is_linkedins_export_by_its_name_or_its_content(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Connections.csv", LINKEDIN_CSV)
    assert guess_kind(archive) == "linkedin"
    renamed = archive.rename(tmp_path / "export.download")  # a ZIP under another name
    assert guess_kind(renamed) == "linkedin"
    assert guess_kind(write(tmp_path / "EXPORT.ZIP", "not really a zip")) == "linkedin"  # the name is enough


def test_a_vcard_by_its_name_or_its_first_line(tmp_path: Path) -> None:
    assert guess_kind(write(tmp_path / "contacts.vcf", VCARD)) == "vcard"
    assert guess_kind(write(tmp_path / "contacts.VCARD", VCARD)) == "vcard"
    assert guess_kind(write(tmp_path / "empty.vcf", "")) == "vcard"  # the name is enough
    assert guess_kind(write(tmp_path / "contacts.txt", "\n  " + VCARD.lower())) == "vcard"  # case, leading space


def test_a_csv_with_googles_columns_is_google_contacts(tmp_path: Path) -> None:
    assert guess_kind(write(tmp_path / "contacts.csv", GOOGLE_CSV)) == "google"
    for word in kinds.GOOGLE_HEADERS:  # any one of Google's own columns is enough
        assert guess_kind(write(tmp_path / "one.csv", f"Name,{word}\nPriya,x\n")) == "google", word


def test_any_other_csv_is_linkedins_connections(tmp_path: Path) -> None:
    assert guess_kind(write(tmp_path / "Connections.csv", LINKEDIN_CSV)) == "linkedin"
    assert guess_kind(write(tmp_path / "other.csv", "Name,Company\nPriya,Stripe\n")) == "linkedin"
    assert guess_kind(write(tmp_path / "empty.csv", "")) == "linkedin"


def test_only_the_head_of_a_file_is_read(tmp_path: Path) -> None:
    late = "First Name,Company\n" + "x,y\n" * (kinds.HEAD_BYTES // 4) + "Organization Name\n"
    assert guess_kind(write(tmp_path / "long.csv", late)) == "linkedin"


def test_bytes_that_are_not_utf8_do_not_stop_the_guess(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes("Given Name,Organization Name\nRené,Café\n".encode("cp1252"))
    assert guess_kind(path) == "google"


@pytest.mark.parametrize("name", ["missing.csv", "missing"])
def test_a_file_that_cannot_be_read_goes_to_linkedin_which_says_why(tmp_path: Path, name: str) -> None:
    assert guess_kind(tmp_path / name) == "linkedin"


def test_the_screen_and_the_package_share_the_one_rule() -> None:
    from referral_tui import imports
    from referral_tui.ui.screens import network_import

    assert imports.guess_kind is guess_kind
    assert network_import.guess_kind is guess_kind
