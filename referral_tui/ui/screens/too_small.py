"""Below 80x24 the screens cannot be laid out honestly (names cut to a few letters, columns
collapsed to ``Res…``), so the app covers them with one line saying the size it needs, and
takes the cover away when the terminal grows. Nothing underneath is closed or lost."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_SIZE = Size(80, 24)


def too_small(size: Size) -> bool:
    return size.width < MIN_SIZE.width or size.height < MIN_SIZE.height


def notice(size: Size) -> str:
    return f"make the terminal at least {MIN_SIZE.width}x{MIN_SIZE.height} (now {size.width}x{size.height})"


class TooSmallScreen(ModalScreen[None]):
    """The one-line notice; only quitting works meanwhile (pending changes are still saved)."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen #too-small-notice { width: auto; height: 1; text-style: bold; }
    """
    BINDINGS = [Binding("q", "app.quit", "Quit", id="too_small.quit")]

    def __init__(self, size: Size) -> None:
        super().__init__()
        self._size = size

    def compose(self) -> ComposeResult:
        yield Static(notice(self._size), id="too-small-notice", markup=False)

    def show_size(self, size: Size) -> None:
        self.query_one("#too-small-notice", Static).update(notice(size))
