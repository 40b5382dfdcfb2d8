"""The app's lists: the line-list base (``LineList``) keeps the cursor row on screen below its
fixed header line, whatever key moved it (the row tables; the board's columns in
test_board_scale.py); the option list (``MarkedList``) shows its focus without colour."""

from __future__ import annotations

import pytest
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


class ChoicesApp(App[None]):
    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        from referral_tui.ui.widgets.marked_list import MarkedList

        yield MarkedList("first", "second", "third", id="choices")
        yield Input(id="other")


def reversed_cells(line: object) -> set[bool]:
    from textual.strip import Strip

    assert isinstance(line, Strip)
    return {bool(seg.style and seg.style.reverse) for seg in line if seg.text.strip() and not seg.text.startswith("▶")}


async def test_without_colour_the_focused_lists_option_is_reverse_video(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's option styles drop ``reverse``: MarkedList draws it itself under NO_COLOR, only
    while the list has the focus (the ``▶`` mark stays either way)."""
    from referral_tui.ui.widgets.marked_list import MarkedList

    monkeypatch.setenv("NO_COLOR", "1")
    app = ChoicesApp()
    async with app.run_test(size=(40, 10)) as pilot:
        choices = app.query_one(MarkedList)
        choices.focus()
        await pilot.press("j")
        await wait_for(pilot, lambda: choices.highlighted == 1, "the second option")
        assert choices.render_line(1).text.startswith(f"{CURSOR_MARK} second")
        assert reversed_cells(choices.render_line(1)) == {True}
        assert reversed_cells(choices.render_line(0)) == {False}
        await pilot.press("tab")
        await wait_for(pilot, lambda: not choices.has_focus, "the focus on the input")
        assert reversed_cells(choices.render_line(1)) == {False}
        assert choices.render_line(1).text.startswith(CURSOR_MARK)
