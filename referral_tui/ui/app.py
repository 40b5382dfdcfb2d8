"""The Textual application: a switchboard that wires the session and the writer to the screens."""

from __future__ import annotations

import asyncio
import gc
import io
import signal
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.geometry import Size
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from referral_tui.config import Config
from referral_tui.domain.clock import Clock
from referral_tui.store.errors import StoreError
from referral_tui.store.repository import Repository
from referral_tui.store.writer import StoreEvent, Writer
from referral_tui.ui import keymap
from referral_tui.ui.glyphs import AsciiGlyphs
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.help import HelpScreen, screen_bindings
from referral_tui.ui.screens.too_small import TooSmallScreen, too_small
from referral_tui.ui.session import Session

QUIT_TIMEOUT = 10.0
SWITCH_INTERVAL = 0.001


@dataclass
class StoreMessage(Message):
    """The writer thread reports: saved, changed by another session, waiting, failed."""

    event: StoreEvent


class ReferralApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "referral-tui"
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, id="app.ctrl_c", priority=True)]

    def __init__(
        self,
        repo: Repository,
        clock: Clock | None = None,
        config: Config | None = None,
        poll_interval: float | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        repo.autosave = False  # the writer thread saves; the event loop never waits for the disk
        kwargs = {} if poll_interval is None else {"poll_interval": poll_interval}
        self.writer = Writer(repo.engine, self._from_writer, **kwargs)
        # A change is saved right after the frame that shows it: the frame goes out first (the
        # key feels instant), and the write follows at once (a move is on disk ~20 ms later).
        repo.engine.on_pending = self._save_after_frame
        self.session = Session(
            repo=repo, clock=clock or repo.clock, notify=self.notify, config=self.config, writer=self.writer
        )
        #: A problem that stopped the app (a damaged file, unsaved changes), for the CLI to print.
        self.fatal = ""
        # Start-up allocates hundreds of thousands of objects (the records, Textual's widgets and
        # styles) that live as long as the app: every garbage collection pass over them before
        # the first frame is wasted (about 440 ms at 10,000 referrers, 180 ms at 1,000). So
        # collection waits for the first frame; then gc.freeze() moves everything alive into a
        # generation the collector never scans again, and collection resumes for what follows.
        self._gc_was_enabled = gc.isenabled()
        gc.disable()
        self._switch_interval = sys.getswitchinterval()
        if not self.config.animations:
            self.animation_level = "none"
        self.smooth_scroll = self.config.smooth_scroll
        #: Marks drawn in ASCII (TERM=linux, or ``glyphs = "ascii"``): see glyphs.py.
        self.ascii_glyphs = self.config.ascii_glyphs()
        self._glyph_filters: list[LineFilter] = [AsciiGlyphs()] if self.ascii_glyphs else []
        if self.ascii_glyphs:
            self.add_class("-ascii")  # app.tcss: no half-block borders that would read as a mark

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: object) -> None:
        """Clashes were reported once at start (keymap.problems); Textual asks on every lookup."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), *self._glyph_filters]

    def on_mount(self) -> None:
        problems = [self.config.problem] if self.config.problem else []
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                names = ", ".join(sorted(self.available_themes))
                problems.append(f"unknown theme {self.config.theme!r} in {self.config.path}; themes: {names}")
        if self.config.keys:
            where = f"{self.config.path}: " if self.config.path else ""
            problems += [f"{where}{p}" for p in keymap.problems(self.config.keys)]
            known = keymap.known_binding_ids()
            self.set_keymap({k: v for k, v in self.config.keys.items() if k in known})
        for problem in problems:
            self.notify(problem, title="Config", severity="error", timeout=15)
        # Workers (the writer, the board's coach and warnings) run Python in threads. With the
        # default 5 ms switch interval, each time the event loop waits for the terminal it may
        # wait 5 ms more to get the interpreter back from a busy worker, many times a frame;
        # 1 ms keeps keys answered within a frame while a worker runs.
        sys.setswitchinterval(SWITCH_INTERVAL)
        self.push_screen(BoardScreen(self.session))
        self.call_after_refresh(self._fit_size)
        # The writer (and the check of every record) starts once the first frame is out.
        self.call_after_refresh(self.writer.start)
        self._install_signal_handlers()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_size(event.size)

    def _fit_size(self, size: Size | None = None) -> None:
        """Below 80x24 a one-line notice covers the screens; it goes when the terminal grows."""
        if not any(isinstance(s, BoardScreen) for s in self.screen_stack):
            return  # a resize before the board is up: the board's mount looks again
        size = size or self.size
        top = self.screen_stack[-1]
        if too_small(size):
            if isinstance(top, TooSmallScreen):
                top.show_size(size)
            elif not any(isinstance(s, TooSmallScreen) for s in self.screen_stack):
                self.push_screen(TooSmallScreen(size))
        elif isinstance(top, TooSmallScreen):
            self.pop_screen()

    def _save_after_frame(self) -> None:
        if self.is_running:
            self.call_after_refresh(self.writer.kick)
        else:
            self.writer.kick()

    def first_frame(self) -> None:
        """The board's first frame is out: freeze what start-up made, collect garbage again."""
        if self._gc_was_enabled and not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _install_signal_handlers(self) -> None:
        """SIGTERM and SIGHUP (a dropped SSH connection) quit like q: pending changes are saved."""
        loop = self._loop
        if loop is None:
            return
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, lambda: self.call_next(self.action_quit))
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread (tests)
                return

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications carry names, companies and file paths: never read them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- the store's reports --------------------------------------------------------------

    def _from_writer(self, event: StoreEvent) -> None:
        """Called on the writer thread: hand the event to the event loop (post_message is thread-safe)."""
        self.post_message(StoreMessage(event))

    def on_store_message(self, message: StoreMessage) -> None:
        event = message.event
        if event.fatal and event.error is not None:
            self.stop_with(str(event.error))
            return
        if event.status is not None:
            for screen in self.screen_stack:
                if isinstance(screen, BoardScreen):
                    screen.show_save_status(event.status)
        if event.saved is not None and event.saved.conflicts:
            self.session.report_conflicts(event.saved.conflicts)
        if event.saved is not None and event.saved.aliases:
            for screen in self.screen_stack:
                ids_changed = getattr(screen, "ids_changed", None)
                if callable(ids_changed):
                    ids_changed()
        if event.error is not None and not event.fatal:
            self.notify(f"Not saved yet: {event.error}. Retrying.", severity="error", timeout=8)
        if event.external is not None and not event.external.empty:
            for screen in self.screen_stack:
                if isinstance(screen, BoardScreen):
                    screen.external_change(event.external)

    def stop_with(self, problem: str) -> None:
        """Leave the app because the data file cannot be used; the CLI prints ``problem``."""
        self.fatal = problem
        self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        """A store error raised in a handler (a record that cannot be read) stops the app with
        its message, not a traceback; anything else is a bug and crashes as usual (exit 1)."""
        if isinstance(error, StoreError):
            self.stop_with(str(error))
            return
        super()._handle_exception(error)

    # -- quitting -------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit after the writer saved every change on screen (the screen stays live meanwhile)."""
        stopping = asyncio.ensure_future(asyncio.to_thread(self.writer.stop, QUIT_TIMEOUT))
        try:
            saved = await asyncio.wait_for(asyncio.shield(stopping), 0.3)
        except TimeoutError:
            self.notify("Saving your changes before quitting…", timeout=QUIT_TIMEOUT)
            saved = await stopping
        if not saved and self.session.repo.engine.dirty:
            count = len(self.session.repo.engine.pending)
            reason = self.writer.error or "another session held the lock"
            self.fatal = self.fatal or f"{count} change{'s' if count != 1 else ''} could not be saved ({reason})"
            self.exit(return_code=1)
            return
        self.exit(return_code=1 if self.fatal else 0)

    def on_unmount(self) -> None:
        self.writer.stop(QUIT_TIMEOUT)
        sys.setswitchinterval(self._switch_interval)
        if self._gc_was_enabled:
            gc.unfreeze()  # one process may run many apps (the tests): let the next one start clean
            gc.enable()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(
                HelpScreen(self.screen, str(self.session.repo.path), self.config.path, dict(self.config.keys))
            )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key action of the current screen is also a palette command."""
        for binding, keys in screen_bindings(screen):
            action = binding.action
            target = self if action.startswith("app.") else screen
            yield SystemCommand(
                binding.description,
                f"key: {', '.join(keys)}",
                partial(self.call_next, target.run_action, action.removeprefix("app.")),
            )
        from referral_tui.ui.exporting import FORMATS
        from referral_tui.ui.screens.network import NetworkScreen

        # Not on the network screen (its own "Import" key is listed above), nor over a dialog
        # (an import already running, a prompt).
        if not isinstance(screen, (NetworkScreen, ModalScreen)):
            yield SystemCommand(
                "Import into your network…",
                "LinkedIn's export or Connections.csv, a vCard, a Google Contacts CSV",
                partial(self.call_next, self.import_into_network),
            )
        for fmt in FORMATS:
            yield SystemCommand(fmt.title, fmt.help, partial(self.export, fmt.key))
        yield from super().get_system_commands(screen)

    def import_into_network(self) -> None:
        """The palette's import: the network screen opens and asks for the file, as its ``i``
        does; the screen it opened from redraws when it closes (what came in may show there)."""
        from referral_tui.ui.screens.network import NetworkScreen
        from referral_tui.ui.screens.undo_keys import UndoRedoKeys

        under = self.screen
        if isinstance(under, BoardScreen):
            under.action_network()
        elif not isinstance(under, NetworkScreen):

            def closed(_: object) -> None:
                if isinstance(under, UndoRedoKeys):
                    under.after_history()

            self.push_screen(NetworkScreen(self.session), closed)
        network = self.screen
        if isinstance(network, NetworkScreen):
            network.action_import()

    # -- exports (command palette) --------------------------------------------------------

    def export(self, key: str) -> None:
        """Export in a worker: to the downloads folder in a terminal, as a download in a browser."""
        self.run_worker(partial(self._export, key, self.is_web), thread=True, group="export", exit_on_error=False)

    def _export(self, key: str, web: bool) -> None:
        from referral_tui.exports import ExportRefused
        from referral_tui.ui import exporting

        repo, today = self.session.repo, self.session.today
        try:
            if web:
                made = exporting.export_for_download(repo, key, today)
                self.call_from_thread(
                    self.deliver_binary,
                    io.BytesIO(made.content),
                    save_filename=made.filename,
                    mime_type=made.fmt.mime,
                    name=exporting.describe(made),
                )
                return
            made = exporting.export_to_folder(repo, key, exporting.downloads_folder(), today)
        except (OSError, ExportRefused, StoreError) as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", title="Export", severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, exporting.describe(made), title="Export", timeout=8)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name:
            self.notify(event.name.replace(" to\n", " as\n", 1), title="Export", timeout=8)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        self.notify(f"Download failed: {event.exception}", title="Export", severity="error", timeout=10)


def make_app(
    repo: Repository, clock: Clock | None = None, config: Config | None = None, poll_interval: float | None = None
) -> ReferralApp:
    """The one factory the CLI and the tests share."""
    return ReferralApp(repo, clock, config, poll_interval)
