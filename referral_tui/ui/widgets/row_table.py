"""A table drawn with the Line API: only visible rows are rendered, so 10,000 rows open at once.

Textual's DataTable measures every cell when rows are added, which takes seconds at
10,000 contacts; this table has fixed column shares and plain-text cells instead. Cells
are plain strings drawn as they are (never read as markup). The cursor row is marked
``▶`` and drawn reversed while the table has focus (bold when it has not), so it shows
without colour.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from referral_tui.ui.widgets.card_column import fit_text


class RowTable(ScrollView, can_focus=True):
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
    #: What marks the cursor row (in the first cell's leading space).
    CURSOR_MARK = "▶"

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, columns: list[tuple[str, int]], id: str | None = None, classes: str | None = None) -> None:
        """``columns``: (label, share of the width)."""
        super().__init__(id=id, classes=classes)
        self.columns = columns
        self.rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[tuple[str, ...]], cursor: int = 0) -> None:
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = cursor
        self.refresh()

    def widths(self, total: int) -> list[int]:
        shares = sum(share for _, share in self.columns)
        widths = [max(4, total * share // shares) for _, share in self.columns]
        widths[-1] = max(4, total - sum(widths[:-1]))
        return widths

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self) -> None:
        if self.rows and self.size.height:
            self.scroll_to_region(Region(0, self.cursor + 1, 1, 1), animate=False, force=True, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    async def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if y is not None and int(y) > 0:
            index = int(y) + int(self.scroll_offset.y) - 1
            if 0 <= index < len(self.rows):
                self.cursor = index
        self.focus()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = self.widths(width)
        if y == 0:  # the header stays put while the rows scroll under it
            cells, style = [label for label, _ in self.columns], self.get_component_rich_style("rowtable--header")
            on_cursor = False
        else:
            index = y - 1 + int(self.scroll_offset.y)
            if index >= len(self.rows):
                return Strip.blank(width, self.rich_style)
            cells = list(self.rows[index])
            style = self.rich_style
            on_cursor = index == self.cursor
            if on_cursor:
                style += self.get_component_rich_style(
                    "rowtable--cursor" if self.has_focus else "rowtable--cursor-blurred"
                )
            elif index % 2:
                style += self.get_component_rich_style("rowtable--odd")
        marks = [self.CURSOR_MARK if on_cursor else " "] + [" "] * (len(cells) - 1)
        text = "".join(fit_text(mark + cell, w) for mark, cell, w in zip(marks, cells, widths, strict=False))
        return Strip([Segment(fit_text(text, width), style)], width)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
