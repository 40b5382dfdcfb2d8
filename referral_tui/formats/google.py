"""Reading a Google Contacts CSV export, in both of Google's layouts.

* Google CSV (since 2020): fixed columns first (``First Name, Middle Name, Last Name, …,
  Organization Name, Organization Title, …, Notes, …, Labels``), then numbered groups
  (``E-mail 1 - Label``, ``E-mail 1 - Value``, ``Phone 1 - …``, ``Website 1 - …``, …) as many
  as the data needs.
* The older layout: ``Name, Given Name, Additional Name, Family Name, …, Notes, …, Group
  Membership``, then groups such as ``E-mail 1 - Type``, ``E-mail 1 - Value``,
  ``Organization 1 - Name``, ``Organization 1 - Title``, ``Website 1 - Value``.

The layout is told by the header. Several values in one cell are separated by `` ::: ``.
Labels drop Google's system labels ``* myContacts`` (``* My Contacts`` in old files) and
``* starred``; other labels starting with ``* `` (the old system groups "* Friends",
"* Family", "* Coworkers") keep their name without the star. A website that is a LinkedIn
profile becomes ``linkedin_url``. Decode the file's bytes with ``decode`` (UTF-8, bad bytes
reported per row as "invalid UTF-8").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from referral_tui.formats.address import AddressCard, first_linkedin, unique
from referral_tui.formats.connections import Skipped
from referral_tui.formats.csvrows import Cells, Columns, Row, decode, lines_of, records

__all__ = ["GoogleContact", "GoogleCsvError", "decode", "read_google_csv", "split_values"]

GoogleContact = AddressCard

SYSTEM_LABELS = frozenset({"* mycontacts", "* my contacts", "* starred"})
MODERN_MARKERS = ("Labels", "Organization Name", "E-mail 1 - Value")
EXPECTED = (
    "expected the header of Google Contacts' export: either 'First Name, Middle Name, Last Name, …, "
    "Organization Name, Organization Title, …, Notes, …, Labels, E-mail 1 - Label, E-mail 1 - Value, …' "
    "(Google CSV) or 'Name, Given Name, Additional Name, Family Name, …, Group Membership, "
    "E-mail 1 - Type, E-mail 1 - Value, …' (the older layout)"
)
_GROUP = re.compile(r"^(?P<group>.+?) (?P<number>\d+) - (?P<field>.+)$")
_SEPARATOR = re.compile(r"\s*:::\s*")


class GoogleCsvError(ValueError):
    """The text is not a Google Contacts CSV (its header is neither of Google's layouts)."""


@dataclass(frozen=True)
class _Layout:
    modern: bool
    columns: Columns
    groups: dict[tuple[str, str], list[int]]  # (group, field) casefolded -> column indexes by number

    def numbered(self, cells: Cells, group: str, field: str) -> list[str]:
        """Every value of one field over the numbered groups, ``:::`` cells split."""
        indexes = self.groups.get((group.casefold(), field.casefold()), [])
        return [value for index in indexes for value in split_values(cells.at(index))]


def split_values(cell: str) -> list[str]:
    """The values of a cell that holds several, separated by `` ::: ``."""
    return [value for value in (v.strip() for v in _SEPARATOR.split(cell)) if value]


def _layout(header: list[str]) -> _Layout:
    columns = Columns(header)
    if columns.has_all(("First Name", "Last Name")) and any(marker in columns for marker in MODERN_MARKERS):
        modern = True
    elif columns.has_all(("Given Name", "Family Name")) or columns.has_all(("Name", "Group Membership")):
        modern = False
    else:
        shown = ", ".join(name for name in columns.names[:8] if name) or "nothing"
        raise GoogleCsvError(f"not a Google Contacts CSV: {EXPECTED}; the first line has {shown}")
    numbered: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for index, name in enumerate(columns.names):
        match = _GROUP.match(name)
        if match:
            key = (match["group"].casefold(), match["field"].casefold())
            numbered.setdefault(key, []).append((int(match["number"]), index))
    groups = {key: [index for _, index in sorted(found)] for key, found in numbered.items()}
    return _Layout(modern, columns, groups)


def read_google_csv(text: str) -> list[GoogleContact | Skipped]:
    """Every row of a Google Contacts CSV as a GoogleContact, or Skipped with its line and why.

    Raises GoogleCsvError, saying which headers were expected, for any other CSV."""
    rows = records(lines_of(text))
    header = next(rows, None)
    if not isinstance(header, Row):
        raise GoogleCsvError(f"the file is empty: {EXPECTED}")
    layout = _layout(header.cells)
    return [row if isinstance(row, Skipped) else _contact(layout, row) for row in rows]


def _contact(layout: _Layout, row: Row) -> GoogleContact | Skipped:
    problem = layout.columns.problem(row)
    if problem:
        return Skipped(row.line, problem)
    cell = layout.columns.getter(row)
    if layout.modern:
        first, middle, last = cell("First Name"), cell("Middle Name"), cell("Last Name")
        full = ""
        org = cell("Organization Name") or next(iter(layout.numbered(cell, "Organization", "Name")), "")
        title = cell("Organization Title") or next(iter(layout.numbered(cell, "Organization", "Title")), "")
        labels = cell("Labels")
    else:
        first, middle, last = cell("Given Name"), cell("Additional Name"), cell("Family Name")
        full = cell("Name")
        org = next(iter(layout.numbered(cell, "Organization", "Name")), "")
        title = next(iter(layout.numbered(cell, "Organization", "Title")), "")
        labels = cell("Group Membership")
    emails = unique(layout.numbered(cell, "E-mail", "Value"))
    phones = unique(layout.numbered(cell, "Phone", "Value"))
    urls = unique(layout.numbered(cell, "Website", "Value"))
    name = full or " ".join(p for p in (first, middle, last) if p) or cell("Nickname") or cell("File As") or org
    name = name or next(iter(emails), "") or next(iter(phones), "")
    if not name:
        return Skipped(row.line, "no name, email or phone")
    return AddressCard(
        line=row.line,
        name=name,
        first=first,
        last=last,
        org=org,
        title=title,
        emails=emails,
        phones=phones,
        urls=urls,
        linkedin_url=first_linkedin(urls),
        note=cell("Notes").replace("\r\n", "\n").replace("\r", "\n"),
        categories=_labels(labels),
    )


def _labels(cell: str) -> tuple[str, ...]:
    kept = (label for label in split_values(cell) if label.casefold() not in SYSTEM_LABELS)
    return unique(label.removeprefix("* ") for label in kept)
