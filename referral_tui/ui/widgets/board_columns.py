"""The four phase columns as one focusable widget with an active column.

Focus stays here while the user moves between columns and cards: Textual rebuilds the
footer on every focus change and lays the screen out again, which at 10,000 cards cost
more than the whole move should.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message

from referral_tui.domain.records import PHASES, Phase
from referral_tui.ui.widgets.card_column import CardColumn


class BoardColumns(Horizontal, can_focus=True):
    BINDINGS = [
        Binding("left,h", "column(-1)", "Prev column", id="board.left", show=False),
        Binding("right,l", "column(1)", "Next column", id="board.right", show=False),
        Binding("up,k", "cursor(-1)", "Previous card", id="column.up", show=False),
        Binding("down,j", "cursor(1)", "Next card", id="column.down", show=False),
        Binding("home", "first", "First card", id="column.home", show=False),
        Binding("end", "last", "Last card", id="column.end", show=False),
        Binding("pageup", "page(-1)", "Page up", id="column.pageup", show=False),
        Binding("pagedown", "page(1)", "Page down", id="column.pagedown", show=False),
    ]

    DEFAULT_CSS = """
    BoardColumns { height: 1fr; }
    BoardColumns > CardColumn { width: 1fr; border-right: vkey $panel-lighten-2; }
    """

    def __init__(self, columns: list[CardColumn], id: str | None = None) -> None:
        super().__init__(*columns, id=id)
        self.index = 0
        self._columns = list(columns)

    @property
    def columns(self) -> list[CardColumn]:
        return self._columns

    @property
    def active(self) -> CardColumn:
        return self.columns[self.index]

    def column_for(self, phase: Phase) -> CardColumn:
        return self.columns[PHASES.index(phase)]

    def activate(self, column: CardColumn) -> None:
        """Make ``column`` the one the keys act on (and take focus if the board lost it)."""
        self.index = self.columns.index(column)
        for c in self.columns:
            c.active = c is column and (self.has_focus or not self.is_mounted)
        if self.is_mounted and not self.has_focus:
            self.focus()

    def on_focus(self) -> None:
        self.active.active = True

    def on_blur(self) -> None:
        self.active.active = False

    def on_card_column_clicked(self, event: CardColumn.Clicked) -> None:
        self.focus()
        self.activate(event.column)

    def action_column(self, delta: int) -> None:
        """The next or previous column, keeping the row where the target has one."""
        target = self.index + delta
        if not 0 <= target < len(self.columns):
            if delta > 0:
                self.post_message(self.PastLastColumn())
            return
        row = self.active.cursor
        column = self.columns[target]
        if column.ids:
            column.cursor = min(row, len(column.ids) - 1)
        self.activate(column)

    def action_cursor(self, delta: int) -> None:
        self.active.move_cursor(delta)

    def action_first(self) -> None:
        self.active.cursor = 0

    def action_last(self) -> None:
        self.active.cursor = len(self.active.ids) - 1

    def action_page(self, direction: int) -> None:
        self.active.move_cursor(direction * self.active.page_cards)

    class PastLastColumn(Message):
        """Right was pressed in the last column (the board moves on to the sidebar)."""
