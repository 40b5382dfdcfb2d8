"""A list drawn with Textual's Line API: a header line over rows of fixed height, one cursor.

Only the lines on screen are rendered, and each rendered line is cached, so a list of
10,000 rows costs what a list of ten does. Moving the cursor repaints the two rows it
leaves and enters (not the whole list), unless the list has to scroll. The board's
columns and the row tables (network, ...) are both this widget with their own rows.
"""

from __future__ import annotations

from math import ceil

from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

LINE_CACHE = 1200


def _thumb(window: int, virtual: int, position: float) -> tuple[int, int]:
    """Where Textual's vertical scrollbar draws its thumb, in eighths of a cell (the arithmetic
    of ``ScrollBarRender.render_bar``): equal results mean an identical scrollbar."""
    if not (window and virtual) or virtual <= window:
        return (0, 0)
    eighths = len(ScrollBarRender.VERTICAL_BARS)
    thumb = max(1, window / (virtual / window))
    offset = (window - thumb) * (position / (virtual - window))
    start = int(offset * eighths)
    return start, start + ceil(thumb * eighths)


class LineList(ScrollView):
    """Subclasses say how many rows there are (``row_count``) and draw one line of a row
    (``render_row_line``) and the header (``render_header``)."""

    ROW_HEIGHT = 1
    HEADER_LINES = 1

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(LINE_CACHE)

    # -- what subclasses provide -----------------------------------------------------------

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def row_key(self, index: int) -> object:
        """What identifies row ``index`` for the line cache (its content must follow from it)."""
        return index

    def render_header(self, width: int) -> Strip:
        return Strip.blank(width, self.rich_style)

    def render_row_line(self, index: int, line: int, width: int, is_cursor: bool) -> Strip:
        raise NotImplementedError

    def render_empty_line(self, y: int, width: int) -> Strip:
        return Strip.blank(width, self.rich_style)

    def cursor_style_key(self) -> object:
        """Whatever changes how the cursor row looks (focus, the active column)."""
        return self.has_focus

    # -- size and cursor -----------------------------------------------------------------

    def rows_changed(self, keep_cursor: int | None = None) -> None:
        """Call after the rows changed: the height, the cursor and the lines on screen are redone."""
        self._set_virtual_height(self.row_count * self.ROW_HEIGHT + self.HEADER_LINES)
        target = self.cursor if keep_cursor is None else keep_cursor
        self.set_reactive(LineList.cursor, self.validate_cursor(target))
        self._scroll_cursor_into_view()
        self.refresh_content()

    def refresh_content(self) -> None:
        """Repaint the lines on screen, not the scrollbar beside them (it repaints itself when
        its thumb moves)."""
        self.refresh(Region(0, 0, max(self.scrollable_content_region.width, 1), max(self.size.height, 1)))

    def _set_virtual_height(self, height: int) -> None:
        """A new scrollable height. Setting ``virtual_size`` makes Textual lay the whole screen
        out again, which repaints every column's scrollbar; when the scrollbar neither appears
        nor goes away only this list's scrollbar needs to follow, so only it is updated."""
        size = Size(self.size.width, height)
        if size == self.virtual_size:
            return
        viewport = self.size.height
        if not self.is_mounted or not viewport or (height > viewport) != (self.virtual_size.height > viewport):
            self.virtual_size = size
            return
        bar = self.vertical_scrollbar if self.show_vertical_scrollbar else None
        before = _thumb(viewport, self.virtual_size.height, self.scroll_y)
        self.set_reactive(LineList.virtual_size, size)
        if bar is not None and _thumb(viewport, height, self.scroll_y) == before:
            # The thumb is drawn in the same cells: tell the scrollbar without repainting it.
            bar.set_reactive(ScrollBar.window_virtual_size, height)
            self.scroll_y = self.validate_scroll_y(self.scroll_y)
        else:
            self._scroll_update(size)  # Textual's own update of the scrollbar (it repaints)

    def forget(self) -> None:
        """Drop every cached line (the look of rows changed, not their number)."""
        self._strips.clear()
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if self._scroll_cursor_into_view():
            self.refresh()  # it scrolled: every line moved
        else:
            self.refresh_rows(old, new)

    def refresh_rows(self, *indexes: int) -> None:
        """Repaint just these rows (their lines on screen)."""
        width = max(self.size.width, 1)
        top = int(self.scroll_offset.y)
        regions = []
        for index in indexes:
            y = self.HEADER_LINES + index * self.ROW_HEIGHT - top
            if y + self.ROW_HEIGHT > self.HEADER_LINES and y < self.size.height:
                regions.append(Region(0, max(y, self.HEADER_LINES), width, self.ROW_HEIGHT))
        if regions:
            self.refresh(*regions)

    def refresh_header(self) -> None:
        self.refresh(Region(0, 0, max(self.size.width, 1), self.HEADER_LINES))

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll so the cursor row (below the fixed header) is on screen; True if it scrolled."""
        if not self.row_count or not self.size.height:
            return False
        before = self.scroll_offset.y
        # Row i is drawn on virtual lines HEADER + i*H..; the header stays on screen, so the
        # view shows rows from scroll_y + HEADER: the region asked for is the row plus the
        # header's height above the bottom edge.
        self.scroll_to_region(
            Region(0, self.cursor * self.ROW_HEIGHT, max(self.size.width, 1), self.ROW_HEIGHT + self.HEADER_LINES),
            animate=getattr(self.app, "smooth_scroll", False),
            duration=0.12,
            force=True,
            immediate=True,
        )
        return self.scroll_offset.y != before

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count * self.ROW_HEIGHT + self.HEADER_LINES)
        self._strips.clear()
        self._scroll_cursor_into_view()

    @property
    def page_rows(self) -> int:
        return max(1, (self.size.height - self.HEADER_LINES) // self.ROW_HEIGHT)

    def move_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def row_at(self, y: int) -> int | None:
        """The row under line ``y`` of the widget, if any."""
        if y < self.HEADER_LINES:
            return None
        index = (y - self.HEADER_LINES + int(self.scroll_offset.y)) // self.ROW_HEIGHT
        return index if 0 <= index < self.row_count else None

    # -- rendering ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.HEADER_LINES:  # the header stays put while the rows scroll under it
            return self.render_header(width)
        if not self.row_count:
            return self.render_empty_line(y, width)
        index, line = divmod(y - self.HEADER_LINES + int(self.scroll_offset.y), self.ROW_HEIGHT)
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self.cursor
        key = (self.row_key(index), line, width, is_cursor, is_cursor and self.cursor_style_key())
        strip = self._strips.get(key)
        if strip is None:
            strip = self.render_row_line(index, line, width, is_cursor).simplify()  # fewer style changes
            self._strips.set(key, strip)
        return strip

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()
