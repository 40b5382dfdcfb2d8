"""One address-book card, shared by the vCard and Google Contacts CSV readers (and the vCard writer).

The importer merges cards into the app's contacts on an email or the LinkedIn profile URL,
else on name plus company, so those are the fields every reader fills the same way:
``emails`` as written (trimmed), ``linkedin_url`` as written (match it with
``connections.normalize_url``), ``org`` the company.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PROFILE = re.compile(r"(?:^|[/.])linkedin\.com/(?:in|pub)/", re.IGNORECASE)


@dataclass(frozen=True)
class AddressCard:
    """A person from an address book. ``line`` is where the card or row starts in its file."""

    line: int
    name: str
    first: str = ""
    last: str = ""
    org: str = ""
    title: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()  # every web address, the LinkedIn one included
    linkedin_url: str = ""
    note: str = ""
    categories: tuple[str, ...] = ()  # vCard CATEGORIES, Google labels


def is_linkedin_profile(url: str) -> bool:
    """Whether a URL is a LinkedIn member profile (``linkedin.com/in/...`` or the older ``/pub/``)."""
    return _PROFILE.search(url.strip()) is not None


def first_linkedin(urls: Iterable[str]) -> str:
    """The first LinkedIn profile among ``urls``, or ""."""
    return next((url for url in urls if is_linkedin_profile(url)), "")


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty values without repeats (compared case-insensitively), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        text = value.strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return tuple(out)
