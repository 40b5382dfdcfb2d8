"""The user's own details that fill {my_name}, {my_background} and {my_field}."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Label

from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.widgets.inputs import LineInput


class ProfileForm(FormScreen[dict[str, str]]):
    """The user's own details that fill {my_name}, {my_background} and {my_field}."""

    BINDINGS = form_bindings("profile")
    FRAME_ID: ClassVar[str] = "profile-form"
    HINT: ClassVar[str] = "enter/ctrl+s save · tab moves · esc cancel"
    FIELDS = (
        ("my_name", "Your name", "Alex Rivera"),
        ("my_background", "Your background in a line", "eight years building payment platforms at scale"),
        ("my_field", "Your field", "backend and platform engineering"),
    )

    def __init__(self, profile: dict[str, str]) -> None:
        super().__init__()
        self.profile = profile

    def form_title(self) -> str:
        return "Your profile (used in messages)"

    def compose_fields(self) -> ComposeResult:
        for key, label, example in self.FIELDS:
            yield Label(label, classes="field-label")
            yield LineInput(self.profile.get(key, ""), placeholder=example, id=f"f-{key}")

    def action_save(self) -> None:
        self.dismiss({key: self.query_one(f"#f-{key}", LineInput).value.strip() for key, *_ in self.FIELDS})
