"""Ask for one line of text, or for a date, checked before it is returned.

``PromptDialog`` returns the text (``check`` refuses what is wrong); ``DatePrompt`` returns a
``date`` read by the one date parser (``domain/dates.py``), showing the day it understood
before enter, e.g. for a snooze (``DatePrompt.snooze``) or a campaign start.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label

from referral_tui.domain.dates import Direction, describe
from referral_tui.ui.forms.base import FormScreen
from referral_tui.ui.widgets.inputs import DateField, FieldError, LineInput

PROMPT_HINT = "enter confirms · esc cancels"


class PromptDialog(FormScreen[str]):
    """Ask for one line of text; ``check`` returns an error message or None when the text is fine."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Confirm", id="prompt.confirm", show=False),
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]
    HINT: ClassVar[str] = PROMPT_HINT
    DEFAULT_CSS = """
    PromptDialog > .form-frame { width: 64; }
    """

    def __init__(
        self, title: str | Text, label: str | Text, check: Callable[[str], str | None], value: str = ""
    ) -> None:
        super().__init__()
        self.title_text, self.label, self.check, self.value = title, label, check, value

    def form_title(self) -> str | Text:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        yield Label(Text(self.label) if isinstance(self.label, str) else self.label, classes="field-label")
        yield LineInput(self.value, id="prompt-input")
        yield FieldError(id="prompt-error")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", LineInput).focus()

    def action_save(self) -> None:
        value = self.query_one("#prompt-input", LineInput).value
        problem = self.check(value)
        if problem:
            self.query_one("#prompt-error", FieldError).update(f"✗ {problem}")
            return
        self.dismiss(value.strip())


class DatePrompt(FormScreen[date]):
    """Ask for one date (``today``, ``+3d``, ``fri``, ``2026-03-20`` ...), shown as understood.

    ``direction`` says which way it looks (FUTURE: a snooze, PAST: something that happened,
    ANY: a plan start); ``check`` may refuse a parsed day with a message (None: fine).
    With ``days_allowed`` a bare whole number means that many days from today (a snooze for
    "5" days), as the old days-only prompt took it.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Confirm", id="dateprompt.confirm", show=False),
        Binding("escape", "cancel", "Cancel", id="dateprompt.cancel"),
    ]
    HINT: ClassVar[str] = PROMPT_HINT
    DEFAULT_CSS = """
    DatePrompt > .form-frame { width: 64; }
    """

    def __init__(
        self,
        title: str | Text,
        label: str | Text,
        today: date,
        direction: Direction,
        value: str = "",
        *,
        check: Callable[[date], str | None] | None = None,
        days_allowed: bool = False,
    ) -> None:
        super().__init__()
        self.title_text, self.label, self.today, self.direction = title, label, today, direction
        self.value, self.check, self.days_allowed = value, check, days_allowed

    @classmethod
    def snooze(cls, what: str, today: date, days: int, max_days: int, start: date | None = None) -> DatePrompt:
        """The snooze prompt: until which day (default ``days`` after ``start``), at most
        ``max_days`` after it. ``start`` is where a snooze counts from: today, or the due day
        of a follow-up that is not due yet (``followups.snooze``)."""
        start = max(start or today, today)

        def check(day: date) -> str | None:
            if day <= start:
                after = "today" if start == today else describe(start, today)
                return f"pick a day after {after}, e.g. +3d or fri"
            last = start + timedelta(days=max_days)
            if day > last:
                return f"snooze at most {max_days} days (until {describe(last, today)})"
            return None

        default = f"+{days}d" if start == today else (start + timedelta(days=days)).isoformat()
        return cls(
            "Snooze",
            Text(f"Snooze '{what}' until (a date, +3d, fri, or a number of days)"),
            today,
            Direction.FUTURE,
            default,
            check=check,
            days_allowed=True,
        )

    def form_title(self) -> str | Text:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        yield Label(Text(self.label) if isinstance(self.label, str) else self.label, classes="field-label")
        yield DateField(
            self.value,
            self.today,
            self.direction,
            bare_days=self.days_allowed,
            id="prompt-date",
            input_id="prompt-input",
            note_id="prompt-note",
        )
        yield FieldError(id="prompt-error")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", LineInput).focus()

    def on_date_field_changed(self) -> None:
        self.query_one("#prompt-error", FieldError).update("")

    def action_save(self) -> None:
        field = self.query_one("#prompt-date", DateField)
        if field.problem() is not None:  # the line under the field says what is wrong
            self.reveal(field)
            return
        day = field.value()
        problem = self.check(day) if self.check is not None else None
        if problem:
            self.query_one("#prompt-error", FieldError).update(f"✗ {problem}")
            return
        self.dismiss(day)
