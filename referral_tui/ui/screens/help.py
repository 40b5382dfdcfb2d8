"""`?` help: the app's own keys first (this screen's, then every other screen's, grouped),
the keys Textual adds, the quick-add grammar, and where the data and the config live.

Three columns that fit 80 cells: the keys, what they do, and the binding id to remap them by
in the config's ``[keys]`` table. Keys are shown as the user has them (remaps applied).
Everything is plain Text: binding descriptions are ours, but file paths are the user's.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from referral_tui.config import config_path
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.quickadd import GRAMMAR, QUOTING
from referral_tui.ui import keymap
from referral_tui.ui.widgets.key_footer import ASCII_KEYS

KEYS_WIDTH, DESCRIPTION_WIDTH = 14, 32
FORMS = "referral_tui.ui.forms."


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


def title_of(owner: type) -> str:
    """``CompaniesScreen`` -> "Companies", ``AskOutcomeForm`` -> "Ask outcome form"."""
    name = owner.__name__.removesuffix("Screen")
    words: list[str] = []
    for ch in name:
        if ch.isupper() and words:
            words.append(" ")
        words.append(ch.lower() if words else ch)
    return "".join(words)


Row = tuple[str, str, str]


def merged(rows: list[Row]) -> list[Row]:
    """Runs of rows on one key display (``1-7`` Sort by Company, Sort by Status...) as one row."""
    out: list[Row] = []
    run: list[Row] = []
    for row in [*rows, ("", "", "")]:
        if run and row[0] == run[0][0] and row[0]:
            run.append(row)
            continue
        if len(run) > 1:
            descriptions = [r[1] for r in run]
            ids = [r[2] for r in run]
            words = os.path.commonprefix(descriptions).rsplit(" ", 1)[0] or descriptions[0]
            stem = os.path.commonprefix(ids)
            out.append((run[0][0], f"{words} …", f"{stem}{ids[0][len(stem) :]}-{ids[-1][len(stem) :]}"))
        elif run:
            out.append(run[0])
        run = [row]
    return out


def this_screen(under: Screen[object]) -> tuple[list[Row], list[Row]]:
    """The screen's keys as (the app's, Textual's): ours have binding ids, Textual's do not;
    the screen's own come first, then its widgets', then the app-wide ones."""
    rows = binding_rows(under)
    ours = [r for r in rows if r[2]]
    own_prefix = max((r[2].split(".")[0] for r in ours), key=[r[2].split(".")[0] for r in ours].count, default="")

    def rank(row: Row) -> int:
        prefix = row[2].split(".")[0]
        return 0 if prefix == own_prefix else 2 if prefix == "app" else 1

    return sorted(ours, key=rank), [r for r in rows if not r[2]]


def other_screens(current: type, remaps: dict[str, str]) -> list[tuple[str, list[Row]]]:
    """(title, rows) for every other screen, then every form, of the app, keys as remapped."""
    groups: list[tuple[bool, str, list[Row]]] = []
    for owner in keymap.binding_owners():
        if owner is current or not issubclass(owner, Screen) or owner is HelpScreen:
            continue
        rows = []
        for binding in vars(owner).get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description or binding.system:
                continue
            if binding.id and binding.id.startswith("app."):
                continue  # listed with the screen underneath
            keys = remaps.get(binding.id or "", binding.key_display or binding.key)
            rows.append((keys.replace(",", ", "), binding.description, binding.id or ""))
        if rows:
            groups.append((owner.__module__.startswith(FORMS), title_of(owner), merged(rows)))
    return [(title, rows) for _modal, title, rows in sorted(groups, key=lambda g: g[0])]


def _row(keys: str, description: str, binding_id: str) -> Text:
    line = Text("  ")
    line.append(f"{keys:<{KEYS_WIDTH}}"[: max(KEYS_WIDTH, len(keys))], style="bold")
    line.append(" ")
    shown = description if len(description) <= DESCRIPTION_WIDTH else description[: DESCRIPTION_WIDTH - 1] + "…"
    line.append(f"{shown:<{DESCRIPTION_WIDTH}}")
    line.append(" ")
    line.append(binding_id, style="dim")
    return line


def help_text(under: Screen[object], data_file: str, config_file: Path, remaps: dict[str, str]) -> Text:
    ours, textuals = this_screen(under)
    ascii_only = bool(getattr(under.app, "ascii_glyphs", False))

    def row(keys: str, description: str, binding_id: str) -> Text:
        """A key in words where the console lacks its symbol (``⏎`` is ``enter``, not ``<``)."""
        return _row("".join(ASCII_KEYS.get(ch, ch) for ch in keys) if ascii_only else keys, description, binding_id)

    lines: list[Text] = [Text(f"Keys on this screen ({title_of(type(under))})", style="bold")]
    lines += [row(*r) for r in merged(ours)]
    for title, rows in other_screens(type(under), remaps):
        lines += [Text(""), Text(title, style="bold")]
        lines += [row(*r) for r in rows]
    lines += [
        Text(""),
        Text("Textual's own keys", style="bold"),
        *[row(*r) for r in textuals if r[1] != "palette"],
        _row("ctrl+p", "command palette: every action", ""),
        Text(""),
        Text("Quick-add", style="bold"),
        Text(f"  {GRAMMAR}"),
        Text("  e.g. Priya Shah @ Stripe, Staff Engineer #alumni !relationship"),
        Text(f"  {QUOTING}"),
        Text(""),
        Text("The method", style="bold"),
        Text("  Research > Relationship > Timing > Ask. Build the relationship before asking;"),
        Text(f"  ask only referrers whose matrix total is {ASK_THRESHOLD} or more;"),
        Text("  follow up in weeks 2, 3 and 4, then monthly."),
        Text(""),
        Text.assemble(("Data file  ", "bold"), data_file),
        Text.assemble(("Config file  ", "bold"), str(config_file)),
        Text('  remap keys by binding id (right column) under [keys], e.g. "board.add" = "a,+";'),
        Text("  also theme, snooze_days, animations, smooth_scroll, stay_in_touch_days,"),
        Text("  role_max_age_days and glyphs (see docs/config.md)"),
        Text(""),
        Text("j/k or arrows scroll · esc closes", style="dim"),
    ]
    return Text("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
        Binding("j", "scroll(1)", "Scroll down", id="help.down", show=False),
        Binding("k", "scroll(-1)", "Scroll up", id="help.up", show=False),
    ]

    def __init__(
        self,
        under: Screen[object],
        data_file: str,
        config_file: Path | None = None,
        remaps: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.under, self.data_file = under, data_file
        self.config_file = config_file or config_path()
        self.remaps = remaps or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(help_text(self.under, self.data_file, self.config_file, self.remaps))

    def on_mount(self) -> None:
        self.query_one("#help", VerticalScroll).focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
