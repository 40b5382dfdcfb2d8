"""`?` help: the keys of the screen underneath, from its bindings, plus where data lives."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from referral_tui.config import config_path
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.quickadd import GRAMMAR
from referral_tui.ui.markup import escape


def screen_bindings(screen: Screen[object]) -> list[tuple[Binding, list[str]]]:
    """Each action the screen offers now (its own, its focused widget's, the app's), with all its keys."""
    by_action: dict[str, tuple[Binding, list[str]]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        entry = by_action.setdefault(binding.action, (binding, []))
        entry[1].append(screen.app.get_key_display(Binding(key, "")))
    return list(by_action.values())


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for each action of the screen, for the help text."""
    return [(", ".join(keys), binding.description, binding.id or "") for binding, keys in screen_bindings(screen)]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, under: Screen[object], data_file: str, config_file: Path | None = None) -> None:
        super().__init__()
        self.under, self.data_file = under, data_file
        self.config_file = config_file or config_path()

    def compose(self) -> ComposeResult:
        lines = ["[b]Keys[/b]"]
        lines += [
            f"  [b]{escape(keys):<24}[/b] {escape(desc):<34} [dim]{escape(bid)}[/dim]"
            for keys, desc, bid in binding_rows(self.under)
        ]
        lines += [
            "  [b]ctrl+p[/b]                   command palette (every action is there)",
            "",
            "[b]Quick-add[/b]",
            f"  {escape(GRAMMAR)}",
            "  e.g. Priya Shah @ Stripe, Staff Engineer #alumni !relationship",
            "",
            "[b]The method[/b]",
            "  Research → Relationship → Timing → Ask. Build the relationship before asking;",
            f"  ask only referrers whose matrix total is {ASK_THRESHOLD} or more; follow up in weeks 2, 3, 4, then monthly.",
            "",
            f"[b]Data file[/b]  {escape(self.data_file)}",
            f"[b]Config file[/b]  {escape(str(self.config_file))}",
            '  remap keys by binding id (dim, right) under \\[keys], e.g. "board.add" = "a,+";',
            "  also theme, snooze_days, animations, smooth_scroll (see README)",
            "",
            "[dim]esc closes[/dim]",
        ]
        with VerticalScroll(id="help", classes="dialog"):
            yield Static("\n".join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
