"""The list base (``LineList``) keeps the cursor row on screen below its fixed header line,
whatever key moved it: the row tables (network, strength) and the board's columns."""

from __future__ import annotations

from textual.app import App, ComposeResult

from referral_tui.ui.widgets.line_list import LineList
from referral_tui.ui.widgets.marked_list import CURSOR_MARK
from referral_tui.ui.widgets.row_table import RowTable
from tests.helpers import wait_for

ROWS = [(f"r{n:02}", "x") for n in range(30)]


class TableApp(App[None]):
    CSS = "RowTable { height: 8; }"

    def compose(self) -> ComposeResult:
        yield RowTable([("Name", 1), ("Other", 1)], id="t")

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        table.set_rows(list(ROWS))
        table.focus()


def shown_lines(widget: LineList) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


def cursor_lines(widget: LineList) -> list[int]:
    return [y for y, line in enumerate(shown_lines(widget)) if line.startswith(CURSOR_MARK)]


async def test_every_key_keeps_the_cursor_row_on_screen_under_the_header() -> None:
    app = TableApp()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(RowTable)
        await wait_for(pilot, lambda: table.size.height == 8 and cursor_lines(table) == [1], "the table")
        for key, row in [*[("j", n) for n in range(1, 12)], ("end", 29), ("pageup", 22), ("home", 0), ("pagedown", 7)]:
            await pilot.press(key)
            assert table.cursor == row, key
            await wait_for(pilot, lambda: len(cursor_lines(table)) == 1, f"the cursor mark after {key}")
            [y] = cursor_lines(table)
            assert 1 <= y < table.size.height, f"after {key} the cursor is on line {y}"
            assert shown_lines(table)[y].startswith(f"{CURSOR_MARK}r{row:02}"), (key, shown_lines(table))
            assert shown_lines(table)[0].startswith(" Name"), "the header stays"
