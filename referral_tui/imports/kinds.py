"""Which import a path is for, told from its shape before any reader opens it.

The network screen's import prompt takes one path and picks the import from it
(``guess_kind``); the import itself then checks the content and refuses what it cannot read,
so a wrong guess costs a clear one-line refusal, never bad data.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

Kind = Literal["linkedin", "vcard", "google"]
#: Header words only Google's Contacts export has (LinkedIn's files never do).
GOOGLE_HEADERS = ("Organization Name", "Given Name", "Group Membership", "E-mail 1 - Value", "Middle Name")
#: How much of a file is read to tell a vCard or a Google CSV (a header fits well within it).
HEAD_BYTES = 8192


def guess_kind(path: Path) -> Kind:
    """Which import a path is for, from its shape: a folder or ZIP is LinkedIn's export, a .vcf
    a vCard, a CSV whose header has Google's columns Google Contacts, any other CSV LinkedIn's.
    A file that cannot be read is LinkedIn's, whose import then says why it is refused."""
    if path.is_dir() or path.suffix.casefold() == ".zip":
        return "linkedin"
    if path.suffix.casefold() in (".vcf", ".vcard"):
        return "vcard"
    try:
        if zipfile.is_zipfile(path):
            return "linkedin"
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return "linkedin"
    if head.lstrip().upper().startswith("BEGIN:VCARD"):
        return "vcard"
    return "google" if any(word in head for word in GOOGLE_HEADERS) else "linkedin"
