"""The conflict screen of ``referral-tui merge``: a small standalone app, keyboard only.

It lists the fields both copies changed to different values (record, field, this file's
value, the other copy's, the base's) and returns a pick per conflict: ``m``/``t`` pick
mine or theirs for the highlighted one (and move on), ``M``/``T`` for all, enter applies
once each has a pick, escape aborts and nothing is written. Values are the user's text:
shown as ``Text``, never read as markup. The marks are ASCII, so they read the same on the
Linux console and without colour.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from referral_tui.store.threeway import FieldConflict, Side

MARKS: dict[Side | None, str] = {None: "[ ? ]", "mine": "[mine]", "theirs": "[theirs]"}
COLUMNS = ("", "pick", "record", "field", "mine", "theirs", "base")
#: Columns' padding and the scrollbar, the cursor and pick columns: what the text cells cannot use.
FIXED = 2 * len(COLUMNS) + 2 + 1 + 8


def widths(total: int) -> tuple[int, int, int]:
    """(record, field, each value) widths of the text columns in a screen ``total`` wide."""
    free = max(total - FIXED, 40)
    record = min(22, free // 4)
    field = min(14, free // 6)
    return record, field, max((free - record - field) // 3, 8)


def short(text: str, width: int) -> Text:
    """One cell: one line, cut with an ellipsis."""
    flat = " ".join(text.split())
    return Text(flat if len(flat) <= width else flat[: width - 1] + "…")


class MergeConflictsApp(App[dict[int, Side] | None]):
    """Pick a side for each conflict; ``run()`` returns the picks, or None when aborted."""

    TITLE = "referral-tui merge"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #intro { padding: 0 1; }
    #conflicts { height: 1fr; }
    #detail { height: auto; max-height: 8; padding: 0 1; border-top: solid $foreground 30%; }
    #status { padding: 0 1; text-style: bold; }
    """
    BINDINGS = [
        Binding("m", "pick('mine')", "Mine", id="merge.mine"),
        Binding("t", "pick('theirs')", "Theirs", id="merge.theirs"),
        Binding("M", "pick_all('mine')", "All mine", id="merge.all_mine"),
        Binding("T", "pick_all('theirs')", "All theirs", id="merge.all_theirs"),
        Binding("enter", "apply", "Apply", id="merge.apply", priority=True, key_display="⏎"),
        Binding("escape", "abort", "Abort", id="merge.abort", key_display="esc"),
        Binding("ctrl+c", "abort", "Abort", id="merge.ctrl_c", show=False, priority=True),
    ]

    def __init__(self, conflicts: list[FieldConflict], mine_name: str = "this file", theirs_name: str = "") -> None:
        super().__init__()
        self.conflicts = conflicts
        self.picks: dict[int, Side] = {}
        self.mine_name, self.theirs_name = mine_name, theirs_name or "the other copy"

    def compose(self) -> ComposeResult:
        count = len(self.conflicts)
        fields = "field was" if count == 1 else "fields were"
        yield Static(
            Text(
                f"{count} {fields} changed in both copies: mine is {self.mine_name}, theirs {self.theirs_name}. "
                "m / t picks for this one, M / T for all; enter applies, escape aborts (nothing is written)."
            ),
            id="intro",
        )
        yield DataTable(id="conflicts", cursor_type="row")
        yield Static("", id="detail")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label, key=label or "cursor")
        record, name, value = widths(self.size.width)
        for index, c in enumerate(self.conflicts):
            table.add_row(
                Text(">" if index == 0 else " "),
                Text(MARKS[None]),
                short(c.label, record),
                short(c.field, name),
                short(c.mine_text, value),
                short(c.theirs_text, value),
                short(c.base_text if c.base_text != "(not set)" else "(unknown)", value),
                key=str(index),
            )
        table.focus()
        self._show(0)

    # -- reading the state (tests and the footer line) ------------------------------------

    @property
    def current(self) -> int:
        return max(self.query_one(DataTable).cursor_row, 0)

    def status_text(self) -> str:
        left = len(self.conflicts) - len(self.picks)
        if not left:
            return f"All {len(self.conflicts)} picked: enter applies the merge."
        return f"{len(self.picks)} of {len(self.conflicts)} picked; {left} to go."

    def _show(self, index: int) -> None:
        if not self.conflicts:
            return
        c = self.conflicts[index]
        detail = Text()
        detail.append(f"{index + 1} of {len(self.conflicts)}: ", style="bold")
        detail.append(f"{c.field} of {c.label}\n")
        base = c.base_text if c.base_text != "(not set)" else "(no common base: who changed it cannot be told)"
        for name, value, stamp in (
            ("mine  ", c.mine_text, c.mine_updated),
            ("theirs", c.theirs_text, c.theirs_updated),
        ):
            detail.append(f"{name}: ", style="bold")
            detail.append(value)
            detail.append(f"   (saved {stamp[:16].replace('T', ' ') or '?'})\n", style="dim")
        detail.append("base  : ", style="bold")
        detail.append(base)
        self.query_one("#detail", Static).update(detail)
        self.query_one("#status", Static).update(Text(self.status_text()))

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(DataTable)
        for row in range(table.row_count):
            table.update_cell(str(row), "cursor", Text(">" if row == event.cursor_row else " "))
        self._show(event.cursor_row)

    # -- actions ---------------------------------------------------------------------

    def _mark(self, index: int, side: Side) -> None:
        self.picks[index] = side
        self.query_one(DataTable).update_cell(str(index), "pick", Text(MARKS[side]))

    def action_pick(self, side: Side) -> None:
        index = self.current
        self._mark(index, side)
        table = self.query_one(DataTable)
        if index + 1 < table.row_count:
            table.move_cursor(row=index + 1)
        else:
            self._show(index)

    def action_pick_all(self, side: Side) -> None:
        for index in range(len(self.conflicts)):
            self._mark(index, side)
        self._show(self.current)

    def action_apply(self) -> None:
        left = len(self.conflicts) - len(self.picks)
        if left:
            first = next(i for i in range(len(self.conflicts)) if i not in self.picks)
            self.query_one(DataTable).move_cursor(row=first)
            self.query_one("#status", Static).update(
                Text(f"{left} conflict{'s' if left != 1 else ''} without a pick: press m or t on each (or M / T).")
            )
            return
        self.exit(dict(self.picks))

    def action_abort(self) -> None:
        self.exit(None)


def choose(
    conflicts: list[FieldConflict], mine_name: str = "this file", theirs_name: str = ""
) -> dict[int, Side] | None:
    """Run the conflict screen in the terminal; the picks, or None when the user aborted."""
    return MergeConflictsApp(conflicts, mine_name, theirs_name).run()
