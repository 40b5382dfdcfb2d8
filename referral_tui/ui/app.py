"""The Textual application: a switchboard that wires the session to the screens."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from referral_tui.domain.clock import Clock
from referral_tui.store.repository import Repository
from referral_tui.ui.board import BoardScreen
from referral_tui.ui.help import HelpScreen, screen_bindings
from referral_tui.ui.session import Session


class ReferralApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "referral-tui"
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=False, id="app.ctrl_c", priority=True)]

    def __init__(self, repo: Repository, clock: Clock | None = None) -> None:
        super().__init__()
        self.session = Session(repo=repo, clock=clock or repo.clock, notify=self.notify)

    def on_mount(self) -> None:
        self.push_screen(BoardScreen(self.session))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, str(self.session.repo.path)))

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


def make_app(repo: Repository, clock: Clock | None = None) -> ReferralApp:
    """The one factory the CLI and the tests share."""
    return ReferralApp(repo, clock)
