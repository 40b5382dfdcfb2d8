"""Bringing outside data in: LinkedIn's export, address books (vCard, Google Contacts), and
JSON exports (restore or merge).

Each import reads and checks its whole input first and is then one repository change: one
atomic write, one undo step, nothing written when the input is refused (``ImportRefused``,
or ``LinkedInError`` from the LinkedIn readers). Imports never print; they report progress
through an optional ``progress(stage, done, total)`` callback, so the app can run them in a
worker thread and draw a progress bar. ``guess_kind`` (``kinds``) tells which import a path
is for (LinkedIn's export, a vCard, a Google CSV) from its shape.

The import modules load on first use (PEP 562), so starting the app or a command that only
needs ``ImportRefused`` does not load the readers (zipfile, vobject).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from referral_tui.imports.common import ImportRefused, Progress

if TYPE_CHECKING:
    from referral_tui.imports.addressbook import AddressBookSummary, import_google, import_vcard
    from referral_tui.imports.jsonfile import Campaign, import_json, load_export
    from referral_tui.imports.kinds import Kind, guess_kind
    from referral_tui.imports.linkedin import import_linkedin, read_export
    from referral_tui.imports.linkedin_summary import ImportSummary

_MODULES = {
    "AddressBookSummary": "addressbook",
    "import_google": "addressbook",
    "import_vcard": "addressbook",
    "Campaign": "jsonfile",
    "import_json": "jsonfile",
    "load_export": "jsonfile",
    "Kind": "kinds",
    "guess_kind": "kinds",
    "ImportSummary": "linkedin_summary",
    "import_linkedin": "linkedin",
    "read_export": "linkedin",
}

__all__ = [
    "AddressBookSummary",
    "Campaign",
    "ImportRefused",
    "ImportSummary",
    "Kind",
    "Progress",
    "guess_kind",
    "import_google",
    "import_json",
    "import_linkedin",
    "import_vcard",
    "load_export",
    "read_export",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
