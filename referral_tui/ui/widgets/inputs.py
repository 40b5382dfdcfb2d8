"""The form fields every form uses, so each behaves the same everywhere.

* ``LineInput``: one line of text. A pasted text of several lines is joined with spaces
  (Textual's own Input keeps only the first line without a word) and the user is told once.
  With a suggester, tab (like right arrow) accepts the completion shown; without one shown,
  tab moves on as usual.
* ``DateField``: a date typed the way people say it (``yesterday``, ``3d ago``, ``next mon``,
  ``2026-03-09``), read by the one parser in ``domain/dates.py``; the date it understood is
  shown under it before saving (``→ Sun 8 Mar 2026 (yesterday)``), or what is wrong and
  which forms are accepted.
* ``TickBox``: a checkbox that shows its state as ``[x]`` / ``[ ]`` (not only a shade of
  grey, which NO_COLOR and TERM=linux cannot show); space ticks it and enter saves the form,
  as the forms' hints say.
* ``FormSelect``: a compact Select that space (or up/down) opens; enter is left to the form.
* ``FieldError``: the message under a field, taking no line while it is empty.

Focus shows without colour: a ``▌`` bar left of the focused input or select (``|`` on
TERM=linux, by the glyph filter), a bold reversed checkbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from weakref import WeakSet

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, Static

from referral_tui.domain.dates import DateParseError, Direction, describe, parse, parse_future, parse_past

#: What a date field's placeholder offers.
DATE_PLACEHOLDER = "today, yesterday, 3d ago, mon, 2026-03-09"

T = TypeVar("T")

#: The apps that have said a multi-line paste was joined (it is said once per session).
_TOLD: WeakSet[App[Any]] = WeakSet()


class LineInput(Input):
    """A one-line input; a multi-line paste is joined with spaces (and the user is told)."""

    BINDINGS = [Binding("tab", "accept_or_next", "Next field", show=False, id="input.accept")]
    DEFAULT_CSS = """
    LineInput { border: none; border-left: blank; height: 1; padding: 0 1 0 0; background: $boost; }
    LineInput:focus { border: none; border-left: outer $accent; background: $accent 30%; text-style: bold; }
    LineInput > .input--suggestion { text-style: dim italic; }
    """

    def __init__(self, *args: Any, compact: bool = True, **kwargs: Any) -> None:
        # Always drawn as compact (one line) by this class's CSS, but without Textual's
        # compact style, whose "border: none !important" would hide the focus bar.
        del compact
        super().__init__(*args, **kwargs)

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
            if self.app not in _TOLD:  # said once per session
                _TOLD.add(self.app)
                self.notify(f"Pasted {len(lines)} lines as one: this field holds a single line.", timeout=6)
            return

    @property
    def suggestion_shown(self) -> str:
        """The completion on screen ("" when none): tab or right arrow accepts it."""
        suggestion = self._suggestion
        if self.has_focus and self.cursor_at_end and len(suggestion) > len(self.value):
            return suggestion
        return ""

    def action_accept_or_next(self) -> None:
        if self.suggestion_shown:
            self.action_cursor_right()
        else:
            self.screen.focus_next()


class DateField(Widget):
    """A date input with the date it understood (or the problem) under it.

    ``direction`` says which way the field looks (``Direction.PAST`` for an interaction's
    date, ``FUTURE`` for a due or snooze date): it decides what a bare weekday means and, for
    PAST and FUTURE, refuses a day on the wrong side of today, with the parser's message.
    ``input_id`` names the text input (forms give ``f-day`` so their field ids stay the same)
    and ``note_id`` the line under it. With ``bare_days`` a whole number is that many days
    away (``5`` in a snooze is five days ahead), as a days-only prompt would take it.
    """

    DEFAULT_CSS = """
    DateField { height: auto; width: 100%; }
    DateField > LineInput { width: 100%; max-width: 40; }
    DateField > .date-note { width: 100%; height: auto; color: $text-muted; }
    DateField.-invalid > .date-note { color: $error; text-style: bold; }
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
        hint: str = "",
        required: bool = True,
        bare_days: bool = False,
        id: str | None = None,
        input_id: str | None = None,
        note_id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.today, self.direction, self.what, self.hint = today, direction, what, hint
        self.required, self.bare_days = required, bare_days
        self._value, self._input_id, self._note_id = value, input_id, note_id

    def compose(self) -> ComposeResult:
        yield LineInput(self._value, placeholder=DATE_PLACEHOLDER, compact=True, id=self._input_id)
        yield Static("", markup=False, classes="date-note", id=self._note_id)

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

    @property
    def empty(self) -> bool:
        return not self.input.value.strip()

    def value(self, text: str | None = None) -> date:
        """The date typed (or ``text``, read as this field reads it); raises DateParseError (a
        ValueError) saying what is wrong and what is allowed."""
        text = self.input.value if text is None else text
        if self.bare_days and text.strip().isdigit():  # "5": five days ahead (or ago)
            text = f"{'-' if self.direction is Direction.PAST else '+'}{int(text)}d"
        if self.direction is Direction.PAST:
            return parse_past(text, self.today, self.what, self.hint or "log what already happened")
        if self.direction is Direction.FUTURE:
            return parse_future(text, self.today, self.what, self.hint or "pick today or a later day")
        return parse(text, self.today, self.direction, self.what)

    def optional_value(self) -> date | None:
        """None for an empty optional field, else ``value()``."""
        if self.empty and not self.required:
            return None
        return self.value()

    def problem(self) -> str | None:
        """What is wrong with the text (None when it is a date, or empty and optional)."""
        try:
            self.optional_value()
        except DateParseError as exc:
            return str(exc)
        return None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()
        self.post_message(self.Changed(self))

    def _show(self) -> None:
        note = self.query_one(".date-note", Static)
        if self.empty and not self.required:
            self.remove_class("-invalid")
            note.update("(optional) " + DATE_PLACEHOLDER)
            return
        try:
            day = self.value()
        except DateParseError as exc:
            self.add_class("-invalid")
            note.update(f"✗ {exc}")
            return
        self.remove_class("-invalid")
        note.update(f"→ {describe(day, self.today)}")

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


class FormSelect(Select[T], inherit_bindings=False):
    """A compact Select for forms: space (or up/down) opens the list, enter saves the form."""

    BINDINGS = [Binding("space,down,up", "show_overlay", "Open list", show=False, id="select.open")]
    # No border on the Select: it moved its open list one cell right, and the form showed
    # through the cell it left. The value lines up with the inputs' text by padding; the
    # focus shows as bold reverse video.
    DEFAULT_CSS = """
    FormSelect.-textual-compact > SelectCurrent { padding: 0 1; }
    FormSelect:focus > SelectCurrent { text-style: bold reverse; }
    """


class FieldError(Static):
    """The message under a field: hidden while empty (no blank line between fields), shown,
    bold, as soon as it says something."""

    DEFAULT_CSS = """
    FieldError { height: auto; width: 100%; display: none; color: $error; text-style: bold; }
    FieldError.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="error", markup=False)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=layout)
        self.set_class(bool(str(content)), "-shown")
