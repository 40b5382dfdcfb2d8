"""One footer line of key hints that fits the terminal, by priority, and never flickers.

Textual's Footer shows every binding in declaration order and cuts the rest at 80 columns
(the board lost p, m, n, /, u, ? and q), left a stray character after "palette", and
recomposes itself (new widgets) on every focus change. This footer is one line of Text:
the keys of the screen's active bindings (remapped keys included), in the order of
``FOOTER_ORDER`` and then as declared, as many as fit whole, and always ``?`` and ``q``
at the right. It redraws only when the text changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

#: The most used keys first, by binding id; the others follow in the order declared.
FOOTER_ORDER = (
    "board.add",
    "board.move_next",
    "board.open",
    "board.today",
    "board.score",
    "board.interaction",
    "board.ask",
    "board.messages",
    "board.followups",
    "board.companies",
    "board.network",
    "board.plan",
    "board.metrics",
    "board.filter",
    "board.undo",
    "board.archive",
)
ALWAYS = ("app.help", "app.quit")
ASCII_KEYS = {"⏎": "enter", "↑": "up", "↓": "down", "←": "left", "→": "right", "⇥": "tab", "⌫": "bksp"}


def key_hints(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(binding id, keys as shown, description) of each action the screen offers now that is
    meant for the footer, each action once: the focused widget's own first (the sidebar's d,
    z, x while it has the focus), then the screen's."""
    seen: dict[str, tuple[str, str, str]] = {}
    app = screen.app
    actives = list(screen.active_bindings.items())
    actives.sort(key=lambda item: item[1].node is screen or item[1].node is app)  # stable: widgets first
    for key, active in actives:
        binding: Binding = active.binding
        if not binding.show or not binding.description or binding.system:
            continue
        ident = binding.id or binding.action
        if ident in seen:
            continue
        shown = app.get_key_display(binding) if binding.key_display else app.get_key_display(Binding(key, ""))
        seen[ident] = (ident, shown, binding.description)
    return list(seen.values())


def arrange(hints: list[tuple[str, str, str]], width: int, ascii_only: bool = False) -> Text:
    """The footer line for ``width`` cells: ``ALWAYS`` keys on the right, the others by
    priority while they fit whole (never cut mid-word)."""
    order = {ident: n for n, ident in enumerate(FOOTER_ORDER)}
    pinned = [h for h in hints if h[0] in ALWAYS]
    # The focused widget's keys (given first, not in FOOTER_ORDER) keep their place ahead.
    first = len(order) + 1
    for n, hint in enumerate(hints):
        if hint[0] in order or hint[0] in ALWAYS:
            first = n
            break
    rank: dict[str, float] = {
        h[0]: (n - first - 1 if n < first else order.get(h[0], len(order))) for n, h in enumerate(hints)
    }
    for hint in hints[:first]:
        if hint[1] == "esc":  # a way back goes last among the focused widget's keys
            rank[hint[0]] = -0.5
    rest = sorted((h for h in hints if h[0] not in ALWAYS), key=lambda h: rank[h[0]])

    def piece(hint: tuple[str, str, str]) -> Text:
        _, keys, description = hint
        if ascii_only:
            keys = "".join(ASCII_KEYS.get(ch, ch) for ch in keys)
        text = Text()
        text.append(f" {keys} ", style="bold reverse")
        text.append(f" {description}")
        return text

    right = Text("  ").join(piece(h) for h in pinned)
    room = width - right.cell_len - (2 if pinned else 0)
    left = Text()
    for hint in rest:
        part = piece(hint)
        need = part.cell_len + (2 if left else 0)
        if left.cell_len + need > room:
            continue  # a shorter one later may still fit
        if left:
            left.append("  ")
        left.append_text(part)
    gap = max(width - left.cell_len - right.cell_len, 1 if left and right else 0)
    line = Text(no_wrap=True, overflow="crop")
    line.append_text(left)
    line.append(" " * gap)
    line.append_text(right)
    return line


class KeyFooter(Static):
    DEFAULT_CSS = """
    KeyFooter { height: 1; dock: bottom; background: $panel; color: $text; }
    """

    def __init__(self, ascii_only: bool = False) -> None:
        super().__init__("", markup=False)
        self.ascii_only = ascii_only
        self._shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.update_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.update_keys()

    def on_resize(self) -> None:
        self.update_keys()

    def update_keys(self) -> None:
        if not self.is_attached or not self.size.width:
            return
        ascii_only = self.ascii_only or bool(getattr(self.app, "ascii_glyphs", False))
        line = arrange(key_hints(self.screen), self.size.width, ascii_only)
        if line != self._shown:
            self._shown = line
            self.update(line)
