"""The user's own details that fill {my_name}, {my_background} and {my_field}."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class ProfileForm(ModalScreen[dict[str, str] | None]):
    """The user's own details that fill {my_name}, {my_background} and {my_field}."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="profile.save"),
        Binding("escape", "cancel", "Cancel", id="profile.cancel"),
    ]
    FIELDS = (
        ("my_name", "Your name", "Alex Rivera"),
        ("my_background", "Your background in a line", "eight years building payment platforms at scale"),
        ("my_field", "Your field", "backend and platform engineering"),
    )

    def __init__(self, profile: dict[str, str]) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        with Vertical(id="profile-form", classes="dialog"):
            yield Label("Your profile (used in messages)", classes="dialog-title")
            for key, label, example in self.FIELDS:
                yield Label(label, classes="field-label")
                yield Input(self.profile.get(key, ""), placeholder=example, id=f"f-{key}", compact=True)
            yield Static("enter or ctrl+s saves · esc cancels", classes="hint")

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.dismiss({key: self.query_one(f"#f-{key}", Input).value.strip() for key, *_ in self.FIELDS})

    def action_cancel(self) -> None:
        self.dismiss(None)
