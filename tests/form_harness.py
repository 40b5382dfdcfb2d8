"""A bare app that opens one form, for the form tests and snapshots (no board behind it).

The form is pushed at start; what it dismisses with is kept in ``result`` (``UNSET`` while
it is open). ``screen_text`` is what the terminal shows, line by line.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tests.helpers import wait_for

UNSET: Any = object()


class FormHarness(App[None]):
    """Opens ``form`` at start and keeps what it returns."""

    def __init__(self, form: Screen[Any]) -> None:
        super().__init__()
        self.form = form
        self.result: Any = UNSET
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self._done)

    def _done(self, result: Any) -> None:
        self.result = result
        self.results.append(result)


async def opened(pilot: Pilot[Any]) -> Screen[Any]:
    """Wait until the harness shows its form (mounted, laid out), cursors not blinking."""
    app = pilot.app
    assert isinstance(app, FormHarness), app
    await wait_for(pilot, lambda: app.screen is app.form and app.form.is_mounted, "the form to open")
    await pilot.pause()
    still(app)
    return app.form


def still(app: App[Any]) -> None:
    """Stop every cursor blinking, so a snapshot is the same every time."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False


def screen_text(app: App[Any]) -> str:
    """The whole screen as text, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
