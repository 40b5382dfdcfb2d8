"""A scrolling page of plain Text lines in which some blocks are items the keys act on.

Today, the detail screen and the archive are read top to bottom and acted on item by item:
j/k (and the arrows) move the selection from item to item and scroll it into view, page
keys scroll, and the screen acts on ``current``. The selected item is marked without
colour: a ``▶`` (``>`` on the Linux console, by ui/glyphs.py) and reverse video on its lines. Every line is
a ``rich.text.Text``, so names and notes are never read as markup. Only the lines on screen
are rendered (the Line API).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from referral_tui.ui.widgets.marked_list import CURSOR_MARK, GUTTER


@dataclass(frozen=True)
class Block:
    """Lines of text; with a ``payload`` the block is an item the keys select and act on."""

    lines: Sequence[Text]
    payload: object | None = None
    #: Lines shown in a dim style (section notes, empty states).
    dim: bool = False
    key: str = field(default="", compare=False)


def text_block(*lines: str | Text, dim: bool = False) -> Block:
    """Plain lines (never markup), not selectable."""
    return Block([line if isinstance(line, Text) else Text(line) for line in lines], dim=dim)


def heading(title: str) -> Block:
    return Block([Text(""), Text(title, style="bold underline")])


class ItemView(ScrollView, can_focus=True):
    """Blocks of text lines; the items among them are selected with j/k."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next", id="items.down", show=False),
        Binding("up,k", "move(-1)", "Previous", id="items.up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="items.pagedown", show=False),
        Binding("pageup", "page(-1)", "Page up", id="items.pageup", show=False),
        Binding("home", "first", "First", id="items.home", show=False),
        Binding("end", "last", "Last", id="items.end", show=False),
    ]
    COMPONENT_CLASSES = {"itemview--cursor", "itemview--cursor-blur", "itemview--dim"}
    DEFAULT_CSS = """
    ItemView { overflow-x: hidden; height: 1fr; }
    ItemView > .itemview--cursor { text-style: reverse bold; }
    ItemView > .itemview--cursor-blur { text-style: bold; }
    ItemView > .itemview--dim { color: $text-muted; }
    """

    @dataclass
    class Moved(Message):
        """The selection moved to another item (or to none)."""

        view: ItemView
        payload: object | None

    def __init__(self, empty: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty = empty
        self.blocks: list[Block] = []
        self._lines: list[tuple[Text, int]] = []  # (line, block index)
        self._starts: list[int] = []  # first line of each block
        self._items: list[int] = []  # block indexes of the items, in order
        self.cursor = 0  # index into _items
        self._width = 0

    # -- content ------------------------------------------------------------------------

    def set_blocks(self, blocks: Sequence[Block], keep: object | None = None) -> None:
        """Show these blocks; the selection stays on the item whose key (or payload) equals
        ``keep`` (else on the same position, within the new items)."""
        self.blocks = list(blocks)
        self._layout()
        target = self.cursor
        if keep is not None:
            found = next((n for n, b in enumerate(self._items) if self._is(self.blocks[b], keep)), None)
            target = found if found is not None else target
        self.cursor = max(0, min(target, len(self._items) - 1)) if self._items else 0
        self.refresh()
        self._show_cursor()
        self.post_message(self.Moved(self, self.current))

    def _layout(self) -> None:
        """Wrap each block's lines to the width (a long line goes on, indented, below)."""
        # The scrollbar's cells are kept free whether or not it shows: it appears only once the
        # wrapped lines are counted, and lines wrapped without it would be cut by it.
        width = self.scrollable_content_region.width + (
            self.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        )
        room = max(width - self.styles.scrollbar_size_vertical - GUTTER, 10) if self.size.width else 200
        self._lines, self._starts, self._items = [], [], []
        for index, block in enumerate(self.blocks):
            self._starts.append(len(self._lines))
            for line in block.lines:
                if line.cell_len <= room or not self.is_mounted:
                    self._lines.append((line, index))
                    continue
                indent = len(line.plain) - len(line.plain.lstrip(" ")) + 2
                body = line[indent - 2 :]
                for n, part in enumerate(body.wrap(self.app.console, room - indent)):
                    part.rstrip()
                    lead = " " * (indent - 2 if n == 0 else indent)
                    self._lines.append((Text(lead).append_text(part), index))
            if block.payload is not None:
                self._items.append(index)
        self._width = room
        self.virtual_size = Size(self.size.width, max(len(self._lines), 1))

    @staticmethod
    def _is(block: Block, wanted: object) -> bool:
        return (bool(block.key) and block.key == wanted) or block.payload == wanted

    @property
    def items(self) -> list[object]:
        """The payloads of the items, in order."""
        return [self.blocks[b].payload for b in self._items]

    @property
    def current(self) -> object | None:
        """The payload of the selected item (None when there is no item)."""
        return self.blocks[self._items[self.cursor]].payload if self._items else None

    def select(self, payload: object) -> bool:
        """Select the item with this key or payload; False if there is none."""
        for n, b in enumerate(self._items):
            if self._is(self.blocks[b], payload):
                self._move_to(n)
                return True
        return False

    @property
    def text(self) -> str:
        """Every line as plain text (for tests and copying)."""
        return "\n".join(line.plain for line, _ in self._lines)

    # -- keys ---------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if not self._items:
            return
        index = max(0, min(index, len(self._items) - 1))
        if index != self.cursor:
            self.cursor = index
            self.refresh()
            self.post_message(self.Moved(self, self.current))
        self._show_cursor()

    def action_move(self, delta: int) -> None:
        if self._items:
            self._move_to(self.cursor + delta)
        else:
            self.scroll_to(y=self.scroll_y + delta, animate=False)

    def action_page(self, direction: int) -> None:
        step = max(1, self.size.height - 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)
        if not self._items:
            return
        top, bottom = int(self.scroll_y), int(self.scroll_y) + self.size.height
        visible = [n for n, b in enumerate(self._items) if top <= self._starts[b] < bottom]
        if visible and not top <= self._starts[self._items[self.cursor]] < bottom:
            self.cursor = visible[0] if direction > 0 else visible[-1]
            self.refresh()
            self.post_message(self.Moved(self, self.current))

    def action_first(self) -> None:
        self.scroll_to(y=0, animate=False)
        self._move_to(0)

    def action_last(self) -> None:
        self.scroll_to(y=len(self._lines), animate=False)
        self._move_to(len(self._items) - 1)

    def _show_cursor(self) -> None:
        if not self._items or not self.size.height:
            return
        block = self._items[self.cursor]
        start = self._starts[block]
        height = len(self.blocks[block].lines)
        self.scroll_to_region(Region(0, start, 1, height), animate=False, force=True, immediate=True)

    def on_resize(self) -> None:
        self._layout()
        self.refresh()
        self._show_cursor()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- rendering ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        if not self._lines:
            lines: list[Text] = list(Text(self.empty).wrap(self.app.console, max(width - GUTTER, 10)))
            if y < len(lines):
                text = Text(" " * GUTTER).append_text(lines[y])
                return self._strip(text, width, self.get_component_rich_style("itemview--dim"))
            return Strip.blank(width, self.rich_style)
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line, block_index = self._lines[index]
        block = self.blocks[block_index]
        selected = bool(self._items) and self._items[self.cursor] == block_index
        first = self._starts[block_index] == index
        gutter = (CURSOR_MARK + " ") if selected and first else " " * GUTTER
        style = Style()
        if block.dim:
            style += self.get_component_rich_style("itemview--dim")
        if selected:
            style += self.get_component_rich_style("itemview--cursor" if self.has_focus else "itemview--cursor-blur")
        text = Text(gutter)
        text.append_text(line)
        return self._strip(text, width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text = text.copy()
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        text.stylize_before(self.rich_style + style)
        return Strip(text.render(self.app.console), width).crop(0, width)
