"""Scrolling that works from the keyboard at once: j/k as well as the arrows and page keys.

The metrics, coach and plan screens focus one of these (or a MarkedList) when they open, so their
content scrolls without pressing Tab first. Left and right are left to the screen (switching
tabs): Textual's scroll container passes them on when it cannot scroll sideways.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll


class KeyScroll(VerticalScroll, can_focus=True):
    """A VerticalScroll that also scrolls with j/k and shows its focus by a border."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", id="scroll.down", show=False),
        Binding("k", "scroll_up", "Scroll up", id="scroll.up", show=False),
        Binding("space", "page_down", "Page down", id="scroll.page", show=False),
    ]
