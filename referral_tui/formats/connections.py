"""Reading LinkedIn's Connections.csv as it really comes.

Real exports start with a preamble ("Notes:" and a quoted paragraph, sometimes padded
with commas), may carry a BOM and CRLF line ends, older ones lack the URL column and
write dates as ``1/8/18, 6:14 PM`` instead of ``30 May 2024``, and hold ghost rows with
only a date. The header is found by its column names, not by a fixed line count.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

REQUIRED = ("First Name", "Last Name")
KNOWN = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
DATE_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d", "%d-%b-%y")
MAX_CELL = 1000


class LinkedInError(ValueError):
    """The file is not a Connections.csv we can read (no header found, not text)."""


@dataclass(frozen=True)
class Connection:
    line: int
    first: str
    last: str
    url: str
    email: str
    company: str
    position: str
    connected_on: str  # ISO date, or "" when missing

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first, self.last) if p)


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


def parse_date(text: str) -> str | None:
    """An ISO date from either export format; None when it is not a date."""
    value = " ".join(text.split())
    if not value:
        return ""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def normalize_url(url: str) -> str:
    """A key to match profiles on: decoded, lower-case, without scheme, 'www.' or trailing slash."""
    value = unquote(url.strip()).casefold()
    for prefix in ("https://", "http://"):
        value = value.removeprefix(prefix)
    return value.removeprefix("www.").rstrip("/")


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise LinkedInError(f"the file is not text (UTF-8 or Windows-1252): {exc}") from None


def _header_index(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if "first name" not in line.casefold():
            continue
        try:
            cells = [c.strip() for c in next(csv.reader([line]))]
        except (csv.Error, StopIteration):
            continue
        if all(name in cells for name in REQUIRED):
            return index
    raise LinkedInError(
        "no header line with 'First Name' and 'Last Name' found; is this LinkedIn's Connections.csv "
        "(Settings > Data privacy > Get a copy of your data > Connections)?"
    )


def _lines(text: str) -> list[str]:
    """Physical lines, split only at CR, LF or CRLF (not at U+2028 and other Unicode breaks)."""
    return io.StringIO(text, newline="").readlines()


def _swallowed(row: list[str], width: int) -> bool:
    """A cell holding whole further rows: an unbalanced quote ran on into the next lines."""
    return any(
        line.count(",") >= width - 1 for cell in row if "\n" in cell or "\r" in cell for line in cell.splitlines()[1:]
    )


def read(text: str) -> Iterator[Connection | Skipped]:
    """Each data row as a Connection, or Skipped with its line number (1-based) and why."""
    lines = _lines(text)
    start = _header_index(lines)
    header = [h.strip() for h in next(csv.reader([lines[start]]))]
    columns = {name: header.index(name) for name in KNOWN if name in header}
    width = len(header)
    position = start + 1  # 0-based index of the next line to parse
    while position < len(lines):
        position, items = _read_from(lines, position, columns, width)
        yield from items


def _read_from(
    lines: list[str], position: int, columns: dict[str, int], width: int
) -> tuple[int, list[Connection | Skipped]]:
    """Parse from ``position`` to the end, or up to a row whose quote swallowed later rows:
    that row is reported and parsing restarts on the line after its first line."""
    items: list[Connection | Skipped] = []
    reader = csv.reader(io.StringIO("".join(lines[position:]), newline=""))
    previous_end = position  # physical lines (1-based count) consumed before the next row
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return len(lines), items
        except csv.Error as exc:
            line = position + reader.line_num
            items.append(Skipped(line, f"unreadable row ({exc})"))
            return line, items
        line = previous_end + 1  # the row's first physical line
        previous_end = position + reader.line_num
        if _swallowed(row, width):
            items.append(Skipped(line, "a quote is never closed, so the row runs into the next lines"))
            return line, items
        item = _row(line, [c.strip() for c in row], columns, width)
        if item is not None:
            items.append(item)


def _row(line: int, cells: list[str], columns: dict[str, int], width: int) -> Connection | Skipped | None:
    """One parsed row as a Connection, a Skipped with the reason, or None for a blank line."""
    if not any(cells):
        return None
    if len(cells) > width and any(cells[width:]):
        return Skipped(line, f"{len(cells)} fields where the header has {width} (an unquoted comma?)")
    cells += [""] * (width - len(cells))
    values = {name: cells[index] for name, index in columns.items()}
    cell = values.get
    first, last = cell("First Name", ""), cell("Last Name", "")
    if not first and not last:
        return Skipped(line, "no name (a ghost row with only a date)" if cell("Connected On", "") else "no name")
    too_long = next((name for name in KNOWN if len(cell(name, "")) > MAX_CELL), None)
    if too_long:
        return Skipped(line, f"'{too_long}' is over {MAX_CELL} characters")
    connected = parse_date(cell("Connected On", ""))
    if connected is None:
        return Skipped(line, f"'Connected On' is not a date: {cell('Connected On', '')!r}")
    return Connection(
        line=line,
        first=first,
        last=last,
        url=cell("URL", ""),
        email=cell("Email Address", ""),
        company=cell("Company", ""),
        position=cell("Position", ""),
        connected_on=connected,
    )
