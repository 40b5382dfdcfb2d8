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


def binding_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) for each binding the screen (and the app) declare."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for owner in (screen, screen.app):
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            keys = ", ".join(screen.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(","))
            rows.append((keys, binding.description))
    return rows


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
