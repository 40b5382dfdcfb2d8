"""The form fields every form uses, so each behaves the same everywhere.

* ``LineInput``: one line of text. A pasted text of several lines is joined with spaces
  (Textual's own Input keeps only the first line without a word) and the user is told once.
* ``DateField``: a date typed the way people say it (``yesterday``, ``3d ago``, ``next mon``,
  ``2026-03-09``), read by the one parser in ``domain/dates.py``; the date it understood is
  shown beside it before saving, or what is wrong and what is allowed.
* ``TickBox``: a checkbox that shows its state as ``[x]`` / ``[ ]`` (not only a shade of
  grey, which NO_COLOR and TERM=linux cannot show); space ticks it and enter saves the form,
  as the forms' hints say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static

from referral_tui.domain.dates import DateParseError, Direction, describe, parse


class LineInput(Input):
    """A one-line input; a multi-line paste is joined with spaces (and the user is told)."""

    DEFAULT_CSS = """
    LineInput { border: none; height: 1; padding: 0 1; background: $boost; }
    LineInput:focus { background: $accent 30%; text-style: bold; }
    """

    _told = False

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            joined = " ".join(lines)
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *selection)
            event.stop()
            event.prevent_default()  # Input's own handler would add the first line again
            if not LineInput._told:
                LineInput._told = True
                self.notify(f"Pasted {len(lines)} lines as one: this field holds a single line.", timeout=6)
            return


class DateField(Widget):
    """A date input with the date it understood (or the problem) beside it."""

    DEFAULT_CSS = """
    DateField { height: 1; width: 100%; }
    DateField > Horizontal { height: 1; }
    DateField LineInput { width: 24; }
    DateField > Horizontal > Static { width: 1fr; padding: 0 1; color: $text-muted; }
    DateField.-invalid > Horizontal > Static { color: $error; text-style: bold; }
    """

    @dataclass
    class Changed(Message):
        field: DateField

    def __init__(
        self,
        value: str,
        today: date,
        direction: Direction,
        *,
        what: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.today, self.direction, self.what = today, direction, what
        self._value = value

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield LineInput(self._value, placeholder="today, 3d ago, mon, 2026-03-09", compact=True)
            yield Static("", markup=False)

    def on_mount(self) -> None:
        self._show()

    @property
    def input(self) -> LineInput:
        return self.query_one(LineInput)

    @property
    def text(self) -> str:
        return self.input.value

    @text.setter
    def text(self, value: str) -> None:
        self.input.value = value

    def value(self) -> date:
        """The date typed; raises DateParseError (a ValueError) saying what is allowed."""
        return parse(self.input.value, self.today, self.direction, self.what)

    def problem(self) -> str | None:
        try:
            self.value()
        except DateParseError as exc:
            return str(exc)
        return None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()
        self.post_message(self.Changed(self))

    def _show(self) -> None:
        note = self.query_one(Static)
        try:
            day = self.value()
        except DateParseError as exc:
            self.add_class("-invalid")
            note.update(f"✗ {exc}" if self.input.value.strip() else "✗ give a date")
            return
        self.remove_class("-invalid")
        note.update(f"= {describe(day, self.today)}")

    def focus(self, scroll_visible: bool = True) -> DateField:
        self.input.focus(scroll_visible)
        return self


class TickBox(Checkbox, inherit_bindings=False):
    """A checkbox whose state reads without colour: ``[x] label`` / ``[ ] label``. Space ticks
    it; enter is left to the form (it saves)."""

    BINDINGS = [Binding("space", "toggle_button", "Tick", id="tickbox.toggle", show=False)]
    DEFAULT_CSS = """
    TickBox { border: none; padding: 0; height: 1; background: transparent; }
    TickBox:focus { text-style: bold reverse; }
    TickBox > .toggle--button { background: transparent; color: $text; }
    TickBox.-on > .toggle--button { color: $success; text-style: bold; }
    """

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble(("[x]" if self.value else "[ ]", style))
