"""Scrolling that works from the keyboard at once: j/k as well as the arrows and page keys.

The metrics, coach and plan screens focus one of these (or a list) when they open, so their
content scrolls without pressing Tab first. Left and right are left to the screen (switching
tabs): Textual's scroll container passes them on when it cannot scroll sideways.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.strip import Strip
from textual.widgets import OptionList

#: The selection mark (the app's glyph filter, ui/glyphs.py, draws ``>`` on the Linux console).
CURSOR_MARK = "▶"


class KeyScroll(VerticalScroll, can_focus=True):
    """A VerticalScroll that also scrolls with j/k and shows its focus by a border."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", id="scroll.down", show=False),
        Binding("k", "scroll_up", "Scroll up", id="scroll.up", show=False),
        Binding("space", "page_down", "Page down", id="scroll.page", show=False),
    ]


class KeyOptionList(OptionList):
    """An OptionList that moves with j/k too. The highlighted option is marked without colour:
    ``▶`` in a gutter on its first line, and bold (reversed while the list has focus)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", id="list.down", show=False),
        Binding("k", "cursor_up", "Up", id="list.up", show=False),
    ]
    DEFAULT_CSS = """
    KeyOptionList > .option-list--option-highlighted { text-style: bold; }
    """
    GUTTER = 2
    #: Textual's option styles drop ``reverse``: it is added to the highlighted lines here.
    REVERSED = Style(reverse=True)

    def _get_left_gutter_width(self) -> int:
        return self.GUTTER

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        style = self.get_visual_style("option-list--option").rich_style
        try:
            index, offset = self._lines[int(self.scroll_offset.y) + y]
        except IndexError:
            return Strip.join([Strip([Segment(" " * self.GUTTER, style)], self.GUTTER), strip])
        highlighted = index == self.highlighted and not self.get_option_at_index(index).disabled
        if highlighted and self.has_focus:
            strip = strip.apply_style(self.REVERSED)
        mark = f"{CURSOR_MARK} " if highlighted and offset == 0 else " " * self.GUTTER
        return Strip.join([Strip([Segment(mark, style)], self.GUTTER), strip])
