"""CSV rows with their physical line numbers, read leniently, for the export files we import.

Exports are UTF-8 (often with a BOM and CRLF) but a file can carry a few bytes that are not
UTF-8 (a row pasted from elsewhere, a truncated character). Decoding the whole file with
``surrogateescape`` keeps every good row intact and turns each bad byte into a lone surrogate,
so the row holding it can be reported as "invalid UTF-8" while the rest imports. A file with no
valid non-ASCII UTF-8 at all (re-saved by Excel as Windows-1252) is decoded as cp1252 instead.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import IO

from referral_tui.formats.connections import Skipped

INVALID_UTF8 = "invalid UTF-8"
_SURROGATE = re.compile("[\udc80-\udcff]")
_REAL_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass(frozen=True)
class Row:
    """One CSV record: the physical line it starts on (1-based) and its raw cells."""

    line: int
    cells: list[str]


def decode(raw: bytes) -> str:
    """Text from export bytes: UTF-8 with bad bytes kept as surrogates (see the module docstring)."""
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    if _SURROGATE.search(text) and not _REAL_NON_ASCII.search(text):
        legacy = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            return legacy.decode("cp1252")
        except UnicodeDecodeError:
            return legacy.decode("latin-1")
    return text


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    """A streaming text view of a UTF-8 export (BOM dropped, bad bytes as surrogates, line ends kept)."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")


def has_invalid_utf8(text: str) -> bool:
    """Whether ``text`` holds a byte that was not UTF-8 (a lone surrogate from ``decode``)."""
    return _SURROGATE.search(text) is not None


def lines_of(source: str | Iterable[str]) -> Iterable[str]:
    """Physical lines of a text (split only at CR, LF, CRLF) or an already open text stream."""
    if isinstance(source, str):
        return io.StringIO(source.removeprefix("\ufeff"), newline="")
    return source


def records(lines: Iterable[str]) -> Iterator[Row | Skipped]:
    """Each non-blank CSV record with its first physical line (1-based). The first record is
    taken as the header, and every row is as wide as its header in the exports we read.

    A quote that never closes makes the csv module run the cell on over the next lines: such a
    row comes out narrower than the header (or over the csv field limit). It is reported, and
    reading starts again on the line after its first line, so the rows it swallowed still come
    through. Only the lines of the current record are held, never the whole file."""
    source: Iterator[str] = iter(lines)
    consumed = 0  # physical lines before the current record
    width: int | None = None
    while True:
        taken: list[str] = []
        reader = csv.reader(_recording(source, taken))
        restart = False
        while not restart:
            taken.clear()
            line = consumed + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Skipped(line, f"unreadable row ({exc})")
                restart = len(taken) > 1
            else:
                if width is not None and len(cells) < width and len(taken) > 1:
                    yield Skipped(line, f"{len(cells)} fields where the header has {width}: a quote is never closed")
                    restart = True
                elif any(cell.strip() for cell in cells):
                    width = len(cells) if width is None else width
                    yield Row(line, cells)
            if restart:
                source = chain(taken[1:], source)
                consumed = line
            else:
                consumed += len(taken)


def _recording(source: Iterator[str], taken: list[str]) -> Iterator[str]:
    for line in source:
        taken.append(line)
        yield line


class Columns:
    """A header's column positions by name (case and surrounding spaces ignored)."""

    def __init__(self, header: list[str]) -> None:
        self.names = [cell.strip() for cell in header]
        self.width = len(header)
        self._index: dict[str, int] = {}
        for index, name in enumerate(self.names):
            self._index.setdefault(name.casefold(), index)

    def __contains__(self, name: str) -> bool:
        return name.casefold() in self._index

    def has_all(self, names: Iterable[str]) -> bool:
        return all(name in self for name in names)

    def index(self, name: str) -> int | None:
        return self._index.get(name.casefold())

    def getter(self, row: Row) -> Cells:
        return Cells(self, row.cells)

    def problem(self, row: Row) -> str | None:
        """Why a row cannot be read as a whole: bytes that are not UTF-8, or too many fields."""
        if has_invalid_utf8("".join(row.cells)):
            return INVALID_UTF8
        if len(row.cells) > self.width and any(cell.strip() for cell in row.cells[self.width :]):
            return f"{len(row.cells)} fields where the header has {self.width} (an unquoted comma?)"
        return None


class Cells:
    """One row's cells looked up by column name; missing columns and short rows read as ""."""

    __slots__ = ("_cells", "_columns")

    def __init__(self, columns: Columns, cells: list[str]) -> None:
        self._columns = columns
        self._cells = cells

    def __call__(self, name: str) -> str:
        index = self._columns.index(name)
        return "" if index is None else self.at(index)

    def at(self, index: int) -> str:
        """The cell in one column position, trimmed ("" past the end of a short row)."""
        return self._cells[index].strip() if index < len(self._cells) else ""
