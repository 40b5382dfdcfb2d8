"""A board column: the referrers of one phase as three-line cards under a title line.

A column holds the ids of its referrers only; the board's model builds a card when the
column draws it (see ``ui/board_model.py``), so a column of 2,500 referrers builds the ten
on screen. Lines are drawn with the Line API and cached by card, so a cursor move repaints
the two cards it leaves and enters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from referral_tui.domain.board import Card
from referral_tui.domain.matrix import badge
from referral_tui.ui.widgets.line_list import LineList

CARD_HEIGHT = 4  # three lines of card and one of space


def fit_text(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` terminal cells."""
    cells = cell_len(text)
    if cells <= width:
        return text + " " * (width - cells)
    return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""


def badge_text(total: int | None, glyphs: str = "unicode") -> str:
    """The matrix badge (``matrix.badge``): a mark as well as a colour, so it reads without colour."""
    return badge(total, glyphs)


def due_text(card: Card, today: date) -> str:
    if card.next_due is None:
        return ""
    if card.overdue:
        late = (today - card.next_due).days
        return f"! {card.next_due:%d %b} +{late}d"
    if card.next_due == today:
        return "● due today"
    return f"→ {card.next_due:%d %b}"


def role_text(card: Card) -> str:
    """A Timing card's signal: the company's newest open role (and how many more)."""
    if card.more_roles:
        return f"★ {card.more_roles + 1} roles · {card.open_role}"
    return f"★ {card.open_role}"


def _no_card(contact_id: int) -> Card:
    return Card(contact_id, "", "", "", None, None, False)


class CardColumn(LineList):
    """The cards of one phase under a title line, with a cursor.

    Columns never take focus: the board keeps focus on one container and marks one column
    ``active``, so moving between columns changes no focus (no footer rebuild, no layout).
    """

    ROW_HEIGHT = CARD_HEIGHT

    COMPONENT_CLASSES = {
        "card--name",
        "card--company",
        "card--title",
        "card--cursor",
        "card--cursor-blur",
        "card--good",
        "card--low",
        "card--none",
        "card--overdue",
        "card--due",
        "card--status",
        "card--empty",
        "card--coach",
        "card--role",
        "card--header",
        "card--header-active",
    }

    DEFAULT_CSS = """
    CardColumn {
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        height: 1fr;
    }
    CardColumn > .card--name { text-style: bold; }
    CardColumn > .card--company { color: $text; }
    CardColumn > .card--title { color: $text-muted; }
    CardColumn > .card--cursor { background: $accent 40%; }
    CardColumn > .card--cursor-blur { background: $boost; }
    CardColumn > .card--good { background: $success; color: $text; text-style: bold; }
    CardColumn > .card--low { background: $warning 70%; color: $text; }
    CardColumn > .card--none { color: $text-disabled; }
    CardColumn > .card--overdue { color: $error; text-style: bold; }
    CardColumn > .card--due { color: $text-muted; }
    CardColumn > .card--status { color: $secondary; }
    CardColumn > .card--empty { color: $text-disabled; text-style: italic; }
    CardColumn > .card--coach { color: $warning; text-style: bold; }
    CardColumn > .card--role { color: $success; text-style: bold; }
    CardColumn > .card--header { background: $boost; text-style: bold; }
    CardColumn > .card--header-active { background: $accent 40%; text-style: bold; }
    """

    active: reactive[bool] = reactive(False, repaint=False)

    class Clicked(Message):
        """A click on the column: the board makes it the active one."""

        def __init__(self, column: CardColumn) -> None:
            super().__init__()
            self.column = column

    def __init__(
        self,
        *,
        label: str,
        today: date,
        empty_text: str = "",
        source: Callable[[int], Card] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.today = today
        self.empty_text = empty_text
        self.ids: list[int] = []
        self.source: Callable[[int], Card] = source or _no_card

    @property
    def title(self) -> str:
        return f"{self.label} ({len(self.ids)})"

    # -- data ---------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.ids)

    def row_key(self, index: int) -> object:
        return self.source(self.ids[index])

    def set_ids(self, ids: list[int], focus_id: int | None = None) -> None:
        """Show these referrers (the board's list, not copied); keep the cursor on ``focus_id``
        (or on the same row) if possible."""
        self.ids = ids
        row = self.index_of(focus_id) if focus_id is not None else None
        self.rows_changed(row)

    def index_of(self, contact_id: int) -> int | None:
        try:
            return self.ids.index(contact_id)
        except ValueError:
            return None

    def refresh_cards(self, contact_ids: set[int]) -> None:
        """Repaint the cards of these referrers (their lines are cached by card, so a changed
        card draws anew); the others stay as they are on screen."""
        top = int(self.scroll_offset.y) // CARD_HEIGHT
        shown = range(max(top - 1, 0), min(top + self.page_rows + 2, len(self.ids)))
        self.refresh_rows(*(i for i in shown if self.ids[i] in contact_ids))

    @property
    def current(self) -> Card | None:
        return self.source(self.ids[self.cursor]) if 0 <= self.cursor < len(self.ids) else None

    @property
    def cards(self) -> list[Card]:
        """Every card of the column (builds each one: for tests and small boards)."""
        return [self.source(cid) for cid in self.ids]

    @property
    def page_cards(self) -> int:
        return self.page_rows

    # -- cursor -------------------------------------------------------------------------

    def cursor_style_key(self) -> object:
        return self.active

    def watch_active(self) -> None:
        self.refresh_header()
        self.refresh_rows(self.cursor)

    async def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if offset is not None:
            row = self.row_at(int(offset))
            if row is not None:
                self.cursor = row
        self.post_message(self.Clicked(self))

    # -- rendering ----------------------------------------------------------------------

    def render_header(self, width: int) -> Strip:
        style = self.get_component_rich_style("card--header-active" if self.active else "card--header")
        return Strip([Segment(fit_text(" " + self.title, width), style)], width)

    def render_empty_line(self, y: int, width: int) -> Strip:
        if y == 2 and self.empty_text:
            style = self.get_component_rich_style("card--empty")
            return Strip([Segment(self.empty_text[:width].center(width), style)], width)
        return Strip.blank(width, self.rich_style)

    def render_row_line(self, index: int, line: int, width: int, is_cursor: bool) -> Strip:
        if line == CARD_HEIGHT - 1:
            return Strip.blank(width, self.rich_style)
        card = self.source(self.ids[index])
        base = self.rich_style
        if is_cursor:
            base = base + self.get_component_rich_style("card--cursor" if self.active else "card--cursor-blur")
        text = self._card_row(card, line, width - 2)
        marked = is_cursor and self.active
        line_text = Text.assemble(("▌" if marked else " ", self._style("card--cursor") if marked else ""), " ")
        line_text.append_text(text)
        line_text.truncate(width, pad=True)
        line_text.stylize_before(base)
        return Strip(line_text.render(self.app.console), width).crop(0, width)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _card_row(self, card: Card, row: int, width: int) -> Text:
        if row == 0:
            badge = ("⚑" if card.coached else "") + badge_text(card.total)
            kind = "card--none" if card.total is None else ("card--good" if card.worth_asking else "card--low")
            name_room = max(width - len(badge), 1)  # the name's style runs on over the padding and the gap
            name = Text(card.name, style=self._style("card--name"), no_wrap=True, overflow="ellipsis")
            name.truncate(name_room - 1, overflow="ellipsis", pad=True)
            name.append(" ")
            if card.coached:
                return Text.assemble(name, ("⚑", self._style("card--coach")), (badge[1:], self._style(kind)))
            return Text.assemble(name, (badge, self._style(kind)))
        if row == 1:
            text = Text(card.company, style=self._style("card--company"), no_wrap=True)
            if card.title and len(card.company) + 3 + len(card.title) <= width:
                text.append(" · ")
                text.append(card.title, style=self._style("card--title"))
            text.truncate(width, overflow="ellipsis")
            return text
        due = due_text(card, self.today)
        parts = Text(no_wrap=True)
        if due:
            parts.append(due, style=self._style("card--overdue" if card.overdue else "card--due"))
        if card.ask_status:
            parts.append((" · " if due else "") + card.ask_status, style=self._style("card--status"))
        if card.open_role:
            parts.append((" · " if due else "") + role_text(card), style=self._style("card--role"))
        elif not due and not card.ask_status and card.title and card.title not in self._card_row(card, 1, width).plain:
            parts.append(card.title, style=self._style("card--title"))
        parts.truncate(width, overflow="ellipsis")
        return parts
