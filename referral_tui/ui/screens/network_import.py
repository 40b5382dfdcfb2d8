"""Importing into the network from the network screen: LinkedIn's export, a vCard, a Google CSV.

The import runs in a worker thread (``run_import``) and reports to a modal that shows a
progress line while it runs and the summary (added, updated, skipped, and why) when it is
done, or one line saying why the file was refused (nothing is written then). The worker
only posts messages: the event loop never waits for the import, and the import never waits
for the event loop. While it runs the modal holds the keys, so nothing else edits the
campaign halfway through the import's one change (undone as a whole with ``u``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, Static

# Re-exported: the network screen and its tests take them from here.
from referral_tui.imports.kinds import Kind as Kind
from referral_tui.imports.kinds import guess_kind as guess_kind
from referral_tui.store.errors import StoreError
from referral_tui.store.repository import Repository
from referral_tui.ui.widgets.key_scroll import KeyScroll

KIND_LABEL: dict[Kind, str] = {
    "linkedin": "LinkedIn export",
    "vcard": "vCard address book",
    "google": "Google Contacts CSV",
}
BAR_WIDTH = 30
ACCEPTED = "LinkedIn's export (its ZIP, its folder or Connections.csv), a vCard (.vcf) or a Google Contacts CSV"


def path_problem(text: str) -> str | None:
    """What is wrong with a path typed in the import prompt, or None."""
    if not text.strip():
        return f"give the path of a file or folder: {ACCEPTED}"
    path = Path(text.strip()).expanduser()
    if not path.exists():
        return f"{path}: no such file or folder; give {ACCEPTED}"
    if path.is_dir() and guess_kind(path) != "linkedin":
        return f"{path} is a folder; only LinkedIn's export can be a folder"
    return None


def progress_line(stage: str, done: int, total: int) -> Text:
    """The stage and how far it is, as text with a bar of characters (it reads without colour)."""
    text = Text()
    if stage in ("reading", "saving") or not total:
        text.append(f"{stage.capitalize()}…")
        return text
    filled = BAR_WIDTH * done // total
    text.append("█" * filled + "·" * (BAR_WIDTH - filled), style="bold")
    text.append(f" {stage}: {done:,} of {total:,} ({100 * done // total}%)")
    return text


@dataclass
class ImportStep(Message):
    """The worker's progress: (stage, done, total), as the imports report it."""

    stage: str
    done: int
    total: int


@dataclass
class ImportDone(Message):
    """The import finished: the summary lines, or the one-line reason it was refused."""

    lines: list[str] = field(default_factory=list)
    error: str = ""


class ImportScreen(ModalScreen[bool]):
    """The import's progress while it runs, then its result; returns whether anything was imported."""

    BINDINGS = [
        Binding("escape,enter", "close", "Close", id="import.close"),
        Binding("j", "scroll(1)", "Down", id="import.down", show=False),
        Binding("k", "scroll(-1)", "Up", id="import.up", show=False),
    ]
    DEFAULT_CSS = """
    ImportScreen { align: center middle; }
    ImportScreen > Vertical { width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; }
    ImportScreen #import-progress { height: auto; }
    ImportScreen #import-result { height: auto; max-height: 16; }
    ImportScreen .hint { color: $text-muted; }
    """

    def __init__(self, source: str, kind: Kind) -> None:
        super().__init__()
        self.source, self.kind = source, kind
        self.done: ImportDone | None = None
        self.steps: list[ImportStep] = []  # what the worker reported, in order

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Importing {self.source} ({KIND_LABEL[self.kind]}) into your network", style="bold"))
            yield Static(Text("Starting…"), id="import-progress", markup=False)
            with KeyScroll(id="import-result"):
                yield Static("", id="import-summary", markup=False)
            yield Static("The import runs in the background; the result shows here.", classes="hint", markup=False)

    @on(ImportStep)
    def _step(self, step: ImportStep) -> None:
        self.steps.append(step)
        self.query_one("#import-progress", Static).update(progress_line(step.stage, step.done, step.total))

    @on(ImportDone)
    def _done(self, result: ImportDone) -> None:
        self.done = result
        progress = self.query_one("#import-progress", Static)
        summary = self.query_one("#import-summary", Static)
        if result.error:
            progress.update(Text(f"✗ Not imported: {result.error}", style="bold"))
            summary.update(Text("Nothing was changed."))
        else:
            progress.update(Text("✓ Imported.", style="bold"))
            summary.update(Text("\n".join(result.lines)))
        hint = "enter or esc closes" + ("" if result.error else " · u on the network screen undoes the import")
        self.query_one(".hint", Static).update(hint)
        self.query_one(KeyScroll).focus()

    def action_scroll(self, direction: int) -> None:
        scroll = self.query_one(KeyScroll)
        if direction > 0:
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)

    def action_close(self) -> None:
        if self.done is None:
            self.notify("The import is still running: it is one change, so it finishes (u undoes it after).")
            return
        self.dismiss(not self.done.error)


def run_import(repo: Repository, path: Path, kind: Kind, report: ImportScreen) -> None:
    """The import itself (call it in a worker thread): progress and the result go to ``report``
    as messages. Everything an import can refuse a file for comes back as one line."""
    from referral_tui import imports

    def progress(stage: str, done: int, total: int) -> None:
        report.post_message(ImportStep(stage, done, total))

    try:
        if kind == "linkedin":
            lines = imports.import_linkedin(repo, path, None, progress).lines()
        elif kind == "vcard":
            lines = imports.import_vcard(repo, path, None, progress).lines()
        else:
            lines = imports.import_google(repo, path, None, progress).lines()
    except (ValueError, OSError, StoreError) as exc:  # ImportRefused, LinkedInError and the readers' errors
        report.post_message(ImportDone(error=str(exc) or type(exc).__name__))
        return
    report.post_message(ImportDone(lines=lines))
