"""The app's one option list: the highlighted row is marked without colour, j/k move it.

Every list of choices (the follow-ups sidebar, the coach's findings, the plan, the templates,
answer dialogs) is a ``MarkedList``: ``▶`` in a two-cell gutter on the highlighted option's
first line and bold; without colour (NO_COLOR) the focused list's highlighted option is also
drawn in plain reverse video (Textual's option styles drop ``reverse``, so app.tcss cannot),
so the cursor and the focus show on a monochrome console (the app's glyph filter,
ui/glyphs.py, draws ``>`` there).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import OptionList

#: The selection mark of every list, table and item view in the app.
CURSOR_MARK = "▶"
GUTTER = 2


class MarkedList(OptionList):
    """An OptionList whose highlighted option is marked by ``▶`` and bold."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="list.down", show=False),
        Binding("k", "cursor_up", "Up", id="list.up", show=False),
    ]
    DEFAULT_CSS = """
    MarkedList > .option-list--option-highlighted { text-style: reverse bold; }
    """

    def _get_left_gutter_width(self) -> int:
        return GUTTER

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        style = self.get_visual_style("option-list--option").rich_style
        try:
            index, offset = self._lines[int(self.scroll_offset.y) + y]
        except IndexError:
            return Strip.join([Strip([Segment(" " * GUTTER, style)], GUTTER), strip])
        highlighted = index == self.highlighted and not self.get_option_at_index(index).disabled
        if highlighted and self.has_focus and self.app.no_color:
            strip = Strip([Segment(seg.text, _reversed(seg.style)) for seg in strip], strip.cell_length)
        mark = f"{CURSOR_MARK} " if highlighted and offset == 0 else " " * GUTTER
        return Strip.join([Strip([Segment(mark, style)], GUTTER), strip])


def _reversed(style: Style | None) -> Style:
    """Reverse video with the segment's text attributes and no colour (greys reversed on top
    of greys would give a patchwork)."""
    if style is None:
        return Style(reverse=True)
    return Style(bold=style.bold, italic=style.italic, underline=style.underline, reverse=True)
