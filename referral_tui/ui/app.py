"""The Textual application: a switchboard that wires the session to the screens."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from referral_tui.config import Config
from referral_tui.domain.clock import Clock
from referral_tui.store.repository import Repository
from referral_tui.ui.board import BoardScreen
from referral_tui.ui.help import HelpScreen, screen_bindings
from referral_tui.ui.session import Session


class ReferralApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "referral-tui"
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, id="app.ctrl_c", priority=True)]

    def __init__(self, repo: Repository, clock: Clock | None = None, config: Config | None = None) -> None:
        super().__init__()
        self.config = config or Config()
        self.session = Session(repo=repo, clock=clock or repo.clock, notify=self.notify, config=self.config)
        if not self.config.animations:
            self.animation_level = "none"
        self.smooth_scroll = self.config.smooth_scroll

    def on_mount(self) -> None:
        problems = [self.config.problem] if self.config.problem else []
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                names = ", ".join(sorted(self.available_themes))
                problems.append(f"unknown theme {self.config.theme!r} in {self.config.path}; themes: {names}")
        if self.config.keys:
            unknown = sorted(set(self.config.keys) - known_binding_ids())
            if unknown:
                problems.append(f"unknown key binding id {unknown[0]!r} in {self.config.path}; ? help lists the ids")
            self.set_keymap({k: v for k, v in self.config.keys.items() if k not in unknown})
        for problem in problems:
            self.notify(problem, title="Config", severity="error", timeout=15)
        self.push_screen(BoardScreen(self.session))

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

    async def action_quit(self) -> None:
        """Quit, after saving anything a screen queued (a card move shown but not yet saved)."""
        self.session.flush()
        self.exit()

    def on_unmount(self) -> None:
        self.session.flush()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, str(self.session.repo.path), self.config.path))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every key action of the current screen is also a palette command."""
        for binding, keys in screen_bindings(screen):
            action = binding.action
            target = self if action.startswith("app.") else screen
            yield SystemCommand(
                binding.description,
                f"key: {', '.join(keys)}",
                partial(self.call_next, target.run_action, action.removeprefix("app.")),
            )
        yield from super().get_system_commands(screen)


def known_binding_ids() -> set[str]:
    """Every binding id a user can remap in the config file (from every UI module)."""
    import importlib
    import pkgutil

    import referral_tui.ui as ui_package

    owners: list[type] = []
    for info in pkgutil.iter_modules(ui_package.__path__):
        module = importlib.import_module(f"referral_tui.ui.{info.name}")
        owners += [v for v in vars(module).values() if isinstance(v, type) and hasattr(v, "BINDINGS")]
    return {b.id for owner in owners for b in getattr(owner, "BINDINGS", []) if isinstance(b, Binding) and b.id}


def make_app(repo: Repository, clock: Clock | None = None, config: Config | None = None) -> ReferralApp:
    """The one factory the CLI and the tests share."""
    return ReferralApp(repo, clock, config)
