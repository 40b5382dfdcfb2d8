"""The Referral Tracking Matrix form: four 1-5 ratings, a live total and the 12+ verdict.

Digits 1-5 set the focused rating and move to the next, so ``s 4 4 3 2 enter`` scores a
referrer; arrows adjust; tab moves; enter saves; escape cancels. The relationship strength
the messages suggest (``Repository.suggested_strength``) is shown beside the user's own
rating, with its reason; ``a`` applies it. It is only a suggestion: nothing is set unasked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from referral_tui.domain.matrix import ASK_THRESHOLD, CRITERIA, RATING_MAX, RATING_MIN, ScoreEntry, ScoreError
from referral_tui.domain.strength import Strength
from referral_tui.ui.forms.base import FormScreen
from referral_tui.ui.widgets.inputs import FieldError


class RatingField(Widget, can_focus=True):
    """One 1-5 rating, set by a digit or the arrows."""

    BINDINGS = [
        Binding("left,minus", "step(-1)", "Lower", id="rating.lower", show=False),
        Binding("right,plus", "step(1)", "Higher", id="rating.higher", show=False),
        Binding("backspace", "clear", "Clear", id="rating.clear", show=False),
    ]
    DEFAULT_CSS = """
    RatingField { height: 1; width: 100%; }
    RatingField:focus { background: $accent 30%; }
    """

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        field: RatingField

    def __init__(self, name: str, label: str, value: int | None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.field_name, self.label = name, label
        self.set_reactive(RatingField.value, value)

    def render(self) -> Text:
        text = Text("▶ " if self.has_focus else "  ", style="bold")
        text.append(f"{self.label:<24}", style="bold" if self.has_focus else "")
        for n in range(RATING_MIN, RATING_MAX + 1):
            chosen = n == self.value
            text.append(f" [{n}] " if chosen else f"  {n}  ", style="bold reverse" if chosen else "dim")
        text.append("   (not set)" if self.value is None else "")
        return text

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_step(self, delta: int) -> None:
        start = self.value if self.value is not None else (RATING_MIN - 1 if delta > 0 else RATING_MAX + 1)
        self.value = max(RATING_MIN, min(RATING_MAX, start + delta))

    def action_clear(self) -> None:
        self.value = None


class ScoreForm(FormScreen[ScoreEntry]):
    # Digits are priority bindings so they are handled in typing order with enter: typing
    # "4 4 3 2 enter" fast must not let enter overtake a digit still on its way to a field.
    BINDINGS = [
        *[
            Binding(str(n), f"rate({n})", f"Rate {n}", id=f"score.rate{n}", show=False, priority=True)
            for n in range(RATING_MIN, RATING_MAX + 1)
        ],
        Binding("enter,ctrl+s", "save", "Save", id="score.save", priority=True, key_display="enter"),
        Binding("escape", "cancel", "Cancel", id="score.cancel"),
        Binding("a", "apply_suggestion", "Use suggestion", id="score.apply_suggestion"),
    ]
    FRAME_ID: ClassVar[str] = "score-form"
    HINT: ClassVar[str] = "1-5 rate and move on · ←/→ adjust · enter/ctrl+s save · esc cancel"
    DEFAULT_CSS = """
    ScoreForm > #score-form { width: 96; }
    ScoreForm #score-suggestion { height: auto; margin-bottom: 1; padding-left: 4; }
    ScoreForm .rating-hint { padding-left: 4; }
    """

    def __init__(
        self, name: str, day: date, previous: ScoreEntry | None = None, *, suggested_strength: Strength | None = None
    ) -> None:
        super().__init__()
        self.person, self.day, self.previous = name, day, previous
        self.suggested = suggested_strength

    def form_title(self) -> Text:
        return Text(f"Score {self.person} on the Referral Tracking Matrix")

    def compose_fields(self) -> ComposeResult:
        for field, label, low, high in CRITERIA:
            value = getattr(self.previous, field) if self.previous else None
            yield RatingField(field, label, value, id=f"rate-{field}")
            yield Static(f"1: {low} · 5: {high}", classes="hint rating-hint", markup=False)
            if field == "relationship" and self.suggested is not None:
                yield Static(self._suggestion_text(), id="score-suggestion", markup=False)
        yield Static("", id="score-total")
        yield FieldError(id="score-error")

    def _suggestion_text(self) -> Text:
        assert self.suggested is not None
        text = Text("Suggested from your messages: ", style="bold")
        text.append(self.suggested.reason)
        text.append("  (a applies it)", style="dim")
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "apply_suggestion" and self.suggested is None)

    def action_apply_suggestion(self) -> None:
        """Set relationship strength to the suggested rating (the user's to keep or change)."""
        if self.suggested is None:
            return
        self.query_one("#rate-relationship", RatingField).value = self.suggested.rating
        self.notify(f"Relationship strength set to the suggested {self.suggested.rating}; save to keep it.")

    def on_mount(self) -> None:
        self.active = 0
        self.query_one(RatingField).focus()
        self._update_total()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        fields = list(self.query(RatingField))
        if event.widget in fields:
            self.active = fields.index(event.widget)

    def action_rate(self, value: int) -> None:
        """Set the active rating and move on to the next one."""
        fields = list(self.query(RatingField))
        fields[self.active].value = value
        self.active = min(self.active + 1, len(fields) - 1)
        fields[self.active].focus()

    def on_rating_field_changed(self) -> None:
        self.query_one("#score-error", Static).update("")
        self.set_hint("")
        self._update_total()

    def _values(self) -> dict[str, int | None]:
        return {f.field_name: f.value for f in self.query(RatingField)}

    def _update_total(self) -> None:
        values = self._values()
        total = sum(v for v in values.values() if v is not None)
        missing = [label for field, label, *_ in CRITERIA if values[field] is None]
        if missing:
            line = f"Total so far {total}/20 · still to rate: {', '.join(missing)}"
        elif total >= ASK_THRESHOLD:
            line = f"[b]Total {total}/20  ✓ clears {ASK_THRESHOLD}: worth an ask when the timing is right[/b]"
        else:
            line = f"[b]Total {total}/20  ✗ under {ASK_THRESHOLD}: build the relationship before asking[/b]"
        self.query_one("#score-total", Static).update(line)

    def action_save(self) -> None:
        values = self._values()
        try:
            entry = ScoreEntry(self.day, **values)  # type: ignore[arg-type]  # None is refused inside, with a message
        except ScoreError as exc:
            error = self.query_one("#score-error", FieldError)
            error.update(f"✗ {exc}; nothing saved yet")
            missing = next((f for f in self.query(RatingField) if f.value is None), None)
            if missing is not None:
                missing.focus(scroll_visible=False)
            self.call_after_refresh(self.reveal, missing or error)
            # The message itself on the hint line, which is always in view (at 80x24 the body
            # cannot show the missing rating and the message under the total at once).
            self.set_hint(f"✗ {exc}; nothing saved yet")
            return
        self.dismiss(entry)
