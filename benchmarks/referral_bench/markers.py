"""What on the screen says the board is painted, where the cursor is and which column is active.

The board (``referral_tui/ui/widgets/card_column.py``) draws each column's title on its first row as
``" Research (2500)"`` (cut with "…" when the column is narrow), and the cursor card of the
active column with a ``▌`` (``>`` on TERM=linux) in the first cell of each of its three lines; the cursor card of
an inactive column gets a background only, no mark. The active column's title has its own
background (``card--header-active``) against the others' ``card--header``.

* ``cursor_mark`` finds the one card drawn with ``▌``: it holds only when exactly three cells
  carry the mark, on consecutive rows of one column's first cell, so a frame caught half
  written (old mark not yet cleared, or new one not yet drawn) does not count. It reads the
  name on the card's first line, so it keeps working when the column scrolls.
* ``active_title`` is the column whose title background differs from the other three.
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import NAME_PREFIX
from .datasets import PHASE_LABELS, Dataset
from .terminal import Marker, Terminal

CURSOR = "▌"
CURSORS = ("▌", ">")  # ">" is its ASCII form (TERM=linux: referral_tui/ui/glyphs.py)


def board_marker(data: Dataset) -> Marker:
    """The board is painted: the Research title with its count and the first Research card."""
    title = f"Research ({data.counts['research']})"
    name = data.names["research"][0][:NAME_PREFIX]
    return lambda term: title in term.text() and name in term.text()


@dataclass(frozen=True)
class Columns:
    """Where the four columns are: the title row and each column's first cell, in board order."""

    title_row: int
    lefts: tuple[int, ...]

    def right_of(self, index: int, width: int) -> int:
        """The cell after column ``index``'s last one (its border, or the screen's edge)."""
        return self.lefts[index + 1] - 1 if index + 1 < len(self.lefts) else width


def find_columns(term: Terminal) -> Columns | None:
    """The row that holds all four titles, in order, and where each title starts."""
    for y, line in enumerate(term.lines()):  # the title row has no wide characters: index = cell
        lefts = [line.find(f" {label} (") for label in PHASE_LABELS]
        if all(x >= 0 for x in lefts) and lefts == sorted(lefts):
            return Columns(y, tuple(lefts))
    return None


@dataclass(frozen=True)
class CursorMark:
    column: int  # 0 Research ... 3 Ask
    row: int  # the screen row of the card's first line
    name: str  # the text after the mark on that line (the name, maybe cut with "…", and the badge)


def cursor_mark(term: Terminal, cols: Columns) -> CursorMark | None:
    """The one card drawn with the cursor mark, or None unless exactly one card carries it."""
    hits = [
        (y, index)
        for y in range(cols.title_row + 1, term.rows)
        for index, x in enumerate(cols.lefts)
        if term.char(y, x) in CURSORS
    ]
    if len(hits) != 3:
        return None
    (top, column), rows = hits[0], [y for y, _ in hits]
    if any(index != column for _, index in hits) or rows != [top, top + 1, top + 2]:
        return None
    left = cols.lefts[column]
    return CursorMark(column, top, term.cells(top, left + 2, cols.right_of(column, term.cols)).strip())


def active_title(term: Terminal, cols: Columns) -> int | None:
    """The column whose title background differs from the other three (None if not exactly one)."""
    backgrounds = [term.bg(cols.title_row, x + 1) for x in cols.lefts]
    odd = [i for i, bg in enumerate(backgrounds) if backgrounds.count(bg) == 1]
    return odd[0] if len(odd) == 1 and len(set(backgrounds)) == 2 else None


def cursor_on(column: int, name: str, *, title_too: bool = False) -> Marker:
    """The cursor mark is on the card whose name starts like ``name`` in ``column`` (and, with
    ``title_too``, that column's title has the active background)."""
    prefix = name[:NAME_PREFIX]

    def found(term: Terminal) -> bool:
        cols = find_columns(term)
        if cols is None:
            return False
        mark = cursor_mark(term, cols)
        if mark is None or mark.column != column or not mark.name.startswith(prefix):
            return False
        return not title_too or active_title(term, cols) == column

    return found


def all_of(*markers: Marker) -> Marker:
    return lambda term: all(marker(term) for marker in markers)
