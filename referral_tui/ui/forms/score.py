"""The Referral Tracking Matrix form: four 1-5 ratings, a live total and the 12+ verdict.

Digits 1-5 set the focused rating and move to the next, so ``s 4 4 3 2 enter`` scores a
referrer; arrows adjust; tab moves; enter saves; escape cancels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, Static

from referral_tui.domain.matrix import ASK_THRESHOLD, CRITERIA, RATING_MAX, RATING_MIN, ScoreEntry, ScoreError


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
        text = Text(f"{self.label:<24}")
        for n in range(RATING_MIN, RATING_MAX + 1):
            chosen = n == self.value
            text.append(f" [{n}] " if chosen else f"  {n}  ", style="bold reverse" if chosen else "dim")
        text.append("   (not set)" if self.value is None else "")
        return text

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))

    def action_step(self, delta: int) -> None:
        start = self.value if self.value is not None else (RATING_MIN - 1 if delta > 0 else RATING_MAX + 1)
        self.value = max(RATING_MIN, min(RATING_MAX, start + delta))

    def action_clear(self) -> None:
        self.value = None


class ScoreForm(ModalScreen[ScoreEntry | None]):
    # Digits are priority bindings so they are handled in typing order with enter: typing
    # "4 4 3 2 enter" fast must not let enter overtake a digit still on its way to a field.
    BINDINGS = [
        *[
            Binding(str(n), f"rate({n})", f"Rate {n}", id=f"score.rate{n}", show=False, priority=True)
            for n in range(RATING_MIN, RATING_MAX + 1)
        ],
        Binding("enter,ctrl+s", "save", "Save", id="score.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="score.cancel"),
    ]

    def __init__(self, name: str, day: date, previous: ScoreEntry | None = None) -> None:
        super().__init__()
        self.person, self.day, self.previous = name, day, previous

    def compose(self) -> ComposeResult:
        with Vertical(id="score-form", classes="dialog"):
            yield Label(f"Score {self.person} on the Referral Tracking Matrix", classes="dialog-title")
            for field, label, low, high in CRITERIA:
                value = getattr(self.previous, field) if self.previous else None
                yield RatingField(field, label, value, id=f"rate-{field}")
                yield Static(f"  1: {low} · 5: {high}", classes="hint rating-hint")
            yield Static("", id="score-total")
            yield Static("", id="score-error", classes="error", markup=False)
            yield Static(
                "digits 1-5 set and move on · ←/→ adjust · tab moves · enter saves · esc cancels", classes="hint"
            )

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
            self.query_one("#score-error", Static).update(f"✗ {exc}; nothing saved yet")
            return
        self.dismiss(entry)

    def action_cancel(self) -> None:
        self.dismiss(None)
