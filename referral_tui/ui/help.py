"""`?` help: the keys of the screen underneath, from its bindings, plus where data lives."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from referral_tui.domain.quickadd import GRAMMAR
from referral_tui.locations import config_dir


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


def binding_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) for each action of the screen, for the help text."""
    return [(", ".join(keys), binding.description) for binding, keys in screen_bindings(screen)]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, under: Screen[object], data_file: str) -> None:
        super().__init__()
        self.under, self.data_file = under, data_file

    def compose(self) -> ComposeResult:
        lines = ["[b]Keys[/b]"]
        lines += [f"  [b]{escape(keys):<24}[/b] {escape(desc)}" for keys, desc in binding_rows(self.under)]
        lines += [
            "  [b]ctrl+p[/b]                   command palette (every action is there)",
            "",
            "[b]Quick-add[/b]",
            f"  {escape(GRAMMAR)}",
            "  e.g. Priya Shah @ Stripe, Staff Engineer #alumni !relationship",
            "",
            "[b]The method[/b]",
            "  Research → Relationship → Timing → Ask. Build the relationship before asking;",
            "  ask only referrers whose matrix total is 12 or more; follow up in weeks 2, 3, 4, then monthly.",
            "",
            f"[b]Data file[/b]  {escape(self.data_file)}",
            f"[b]Config folder[/b]  {escape(str(config_dir()))}",
            "",
            "[dim]esc closes[/dim]",
        ]
        with VerticalScroll(id="help", classes="dialog"):
            yield Static("\n".join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
