"""A table on the app's one list base (``LineList``): only visible rows are rendered and each
line is cached, so 10,000 rows open at once and a cursor move repaints two rows.

Textual's DataTable measures every cell when rows are added, which takes seconds at
10,000 contacts; this table has fixed column shares and plain-text cells instead. Cells
are plain strings drawn as they are (never read as markup). The cursor row is marked
``▶`` and drawn reversed while the table has focus (bold when it has not), so it shows
without colour.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.strip import Strip

from referral_tui.ui.widgets.card_column import fit_text
from referral_tui.ui.widgets.line_list import LineList
from referral_tui.ui.widgets.marked_list import CURSOR_MARK


class RowTable(LineList, can_focus=True):
    """Rows of strings under a header line, with a row cursor."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", id="rows.up", show=False),
        Binding("down,j", "move(1)", "Down", id="rows.down", show=False),
        Binding("home", "first", "First", id="rows.home", show=False),
        Binding("end", "last", "Last", id="rows.end", show=False),
        Binding("pageup", "page(-1)", "Page up", id="rows.pageup", show=False),
        Binding("pagedown", "page(1)", "Page down", id="rows.pagedown", show=False),
    ]
    COMPONENT_CLASSES = {"rowtable--header", "rowtable--cursor", "rowtable--cursor-blurred", "rowtable--odd"}
    DEFAULT_CSS = """
    RowTable { overflow-x: hidden; }
    RowTable > .rowtable--header { text-style: bold underline; background: $boost; }
    RowTable > .rowtable--cursor { text-style: bold reverse; }
    RowTable > .rowtable--cursor-blurred { text-style: bold; background: $boost; }
    RowTable > .rowtable--odd { background: $boost 50%; }
    """

    def __init__(self, columns: list[tuple[str, int]], id: str | None = None, classes: str | None = None) -> None:
        """``columns``: (label, share of the width)."""
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[tuple[str, ...]], cursor: int = 0) -> None:
        self.rows = rows
        self.rows_changed(keep_cursor=cursor)

    def widths(self, total: int) -> list[int]:
        shares = sum(share for _, share in self.columns)
        widths = [max(4, total * share // shares) for _, share in self.columns]
        widths[-1] = max(4, total - sum(widths[:-1]))
        return widths

    # -- the list base's hooks ----------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def row_key(self, index: int) -> object:
        return (index % 2, self.rows[index])  # odd rows are shaded

    def render_header(self, width: int) -> Strip:
        return self._line(
            [label for label, _ in self.columns], width, self.get_component_rich_style("rowtable--header")
        )

    def render_row_line(self, index: int, line: int, width: int, is_cursor: bool) -> Strip:
        style = self.rich_style
        if is_cursor:
            style += self.get_component_rich_style("rowtable--cursor" if self.has_focus else "rowtable--cursor-blurred")
        elif index % 2:
            style += self.get_component_rich_style("rowtable--odd")
        return self._line(list(self.rows[index]), width, style, marked=is_cursor)

    def _line(self, cells: list[str], width: int, style: Style, marked: bool = False) -> Strip:
        marks = [CURSOR_MARK if marked else " "] + [" "] * (len(cells) - 1)
        text = "".join(
            fit_text(mark + cell, w) for mark, cell, w in zip(marks, cells, self.widths(width), strict=False)
        )
        return Strip([Segment(fit_text(text, width), style)], width)

    # -- keys and the mouse -------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.move_cursor(delta)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def action_page(self, direction: int) -> None:
        self.move_cursor(direction * self.page_rows)

    def on_click(self, event: Click) -> None:
        index = self.row_at(event.y)
        if index is not None:
            self.cursor = index
        self.focus()

    def on_focus(self) -> None:
        self.refresh_rows(self.cursor)

    def on_blur(self) -> None:
        self.refresh_rows(self.cursor)
