"""Add a template, or edit one (a built-in's edit is kept as the user's version)."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from referral_tui.domain.templates import PLACEHOLDERS, Template, placeholders_in


def slug(title: str) -> str:
    return "my_" + (re.sub(r"[^a-z0-9]+", "_", title.casefold()).strip("_") or "template")


class TemplateForm(ModalScreen[Template | None]):
    """Add a template or edit one (a built-in's edit is kept as the user's version)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="template.save"),
        Binding("escape", "cancel", "Cancel", id="template.cancel"),
    ]

    def __init__(self, template: Template | None) -> None:
        super().__init__()
        self.template = template

    def compose(self) -> ComposeResult:
        t = self.template
        with Vertical(id="template-form", classes="dialog form"):
            yield Label("Edit template" if t else "New template", classes="dialog-title")
            yield Label("Title", classes="field-label")
            yield Input(t.title if t else "", id="f-title", compact=True)
            yield Label("Text; placeholders like {first_name} {company} {role} {my_background}", classes="field-label")
            yield TextArea(t.body if t else "Hi {first_name},\n\n", id="f-body")
            yield Static("", id="template-error", classes="error", markup=False)
            yield Static("ctrl+s saves · esc cancels", classes="hint")

    def action_save(self) -> None:
        title = self.query_one("#f-title", Input).value.strip()
        body = self.query_one("#f-body", TextArea).text
        if not title:
            self.query_one("#template-error", Static).update("✗ give the template a title")
            return
        if not body.strip():
            self.query_one("#template-error", Static).update("✗ the text is empty")
            return
        unknown = [p for p in placeholders_in(body) if p not in PLACEHOLDERS]
        if unknown:
            self.notify(
                f"Saved; these placeholders are not filled by the app: {', '.join(unknown)}", severity="warning"
            )
        key = self.template.key if self.template else slug(title)
        self.dismiss(Template(key, title, body, builtin=False))

    def action_cancel(self) -> None:
        self.dismiss(None)
