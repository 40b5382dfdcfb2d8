"""A board column drawn with Textual's Line API: only the visible rows are rendered.

A column with 10,000 referrers costs the same to paint as one with ten: there is no
widget per card, just a list of ``Card`` data and ``render_line``.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from referral_tui.domain.board import Card

CARD_HEIGHT = 4  # three lines of card and one of space


def fit_text(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` terminal cells."""
    cells = cell_len(text)
    if cells <= width:
        return text + " " * (width - cells)
    return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""


def badge_text(total: int | None) -> str:
    """The matrix badge; a mark as well as a color, so it reads without color."""
    if total is None:
        return " – "
    return f" ✓{total} " if total >= 12 else f" ✗{total} "


def due_text(card: Card, today: date) -> str:
    if card.next_due is None:
        return ""
    if card.overdue:
        late = (today - card.next_due).days
        return f"! {card.next_due:%d %b} +{late}d"
    if card.next_due == today:
        return "● due today"
    return f"→ {card.next_due:%d %b}"


class CardColumn(ScrollView):
    """The cards of one phase under a title line, with a cursor.

    Columns never take focus: the board keeps focus on one container and marks one column
    ``active``, so moving between columns changes no focus (no footer rebuild, no layout).
    """

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
    CardColumn > .card--header { background: $boost; text-style: bold; }
    CardColumn > .card--header-active { background: $accent 40%; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    active: reactive[bool] = reactive(False)

    class Clicked(Message):
        """A click on the column: the board makes it the active one."""

        def __init__(self, column: CardColumn) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, label: str, today: date, empty_text: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.cards: list[Card] = []
        self.today = today
        self.empty_text = empty_text
        self._lines: dict[tuple[object, ...], Strip] = {}

    @property
    def title(self) -> str:
        return f"{self.label} ({len(self.cards)})"

    # -- data ---------------------------------------------------------------------------

    def set_cards(self, cards: list[Card], focus_id: int | None = None) -> None:
        """Replace the cards; keep the cursor on ``focus_id`` (or the same row) if possible."""
        old_row = self.cursor
        self.cards = cards
        self.virtual_size = Size(self.size.width, len(cards) * CARD_HEIGHT + 1)
        row = self.index_of(focus_id) if focus_id is not None else None
        self.cursor = row if row is not None else min(old_row, max(len(cards) - 1, 0))
        self.refresh()

    def index_of(self, contact_id: int) -> int | None:
        return next((i for i, c in enumerate(self.cards) if c.contact_id == contact_id), None)

    @property
    def current(self) -> Card | None:
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    # -- cursor -------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.cards) - 1)) if self.cards else 0

    def watch_cursor(self) -> None:
        self._scroll_cursor_into_view()
        self.refresh()

    def watch_active(self) -> None:
        self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        if self.cards and self.size.height:
            # The title line sits over the first row, so a card (and its spacer line) must fit
            # in the rows below it: the region is one card tall, starting at its first line.
            self.scroll_to_region(
                Region(0, self.cursor * CARD_HEIGHT, max(self.size.width, 1), CARD_HEIGHT),
                animate=getattr(self.app, "smooth_scroll", False),
                duration=0.12,
                force=True,
                immediate=True,
            )

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.cards) * CARD_HEIGHT + 1)
        self._lines.clear()
        self._scroll_cursor_into_view()

    @property
    def page_cards(self) -> int:
        return max(1, (self.size.height - 1) // CARD_HEIGHT)

    def move_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    async def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if offset is not None and int(offset) > 0 and self.cards:
            row = (int(offset) - 1 + int(self.scroll_offset.y)) // CARD_HEIGHT
            if row < len(self.cards):
                self.cursor = row
        self.post_message(self.Clicked(self))

    # -- rendering ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:  # the title stays put while the cards scroll under it
            style = self.get_component_rich_style("card--header-active" if self.active else "card--header")
            return Strip([Segment(fit_text(" " + self.title, width), style)], width)
        line = y - 1 + int(self.scroll_offset.y)
        if not self.cards:
            if y == 2 and self.empty_text:
                style = self.get_component_rich_style("card--empty")
                return Strip([Segment(self.empty_text[:width].center(width), style)], width)
            return Strip.blank(width, self.rich_style)
        index, row = divmod(line, CARD_HEIGHT)
        if index >= len(self.cards) or row == CARD_HEIGHT - 1:
            return Strip.blank(width, self.rich_style)
        card = self.cards[index]
        is_cursor = index == self.cursor
        key = (card, row, width, is_cursor, self.active)
        cached = self._lines.get(key)
        if cached is None:
            if len(self._lines) > 4000:
                self._lines.clear()
            cached = self._lines[key] = self._render_card_line(card, row, width, is_cursor)
        return cached

    def _render_card_line(self, card: Card, row: int, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        if is_cursor:
            base = base + self.get_component_rich_style("card--cursor" if self.active else "card--cursor-blur")
        text = self._card_row(card, row, width - 2)
        marked = is_cursor and self.active
        line_text = Text.assemble(("▌" if marked else " ", self._style("card--cursor") if marked else ""), " ")
        line_text.append_text(text)
        line_text.truncate(width, pad=True)
        line_text.stylize_before(base)
        return Strip(line_text.render(self.app.console), width).crop(0, width)

    def notify_style_update(self) -> None:
        self._lines.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _card_row(self, card: Card, row: int, width: int) -> Text:
        if row == 0:
            badge = ("⚑" if card.coached else "") + badge_text(card.total)
            kind = "card--none" if card.total is None else ("card--good" if card.worth_asking else "card--low")
            name_room = max(width - len(badge) - 1, 1)
            name = Text(card.name, style=self._style("card--name"), no_wrap=True, overflow="ellipsis")
            name.truncate(name_room, overflow="ellipsis", pad=True)
            if card.coached:
                return Text.assemble(name, " ", ("⚑", self._style("card--coach")), (badge[1:], self._style(kind)))
            return Text.assemble(name, " ", (badge, self._style(kind)))
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
        if not due and not card.ask_status and card.title and card.title not in self._card_row(card, 1, width).plain:
            parts.append(card.title, style=self._style("card--title"))
        parts.truncate(width, overflow="ellipsis")
        return parts
