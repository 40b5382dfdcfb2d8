"""Add a template, or edit one (a built-in's edit is kept as the user's version)."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Label, Static, TextArea

from referral_tui.domain.templates import PLACEHOLDERS, Template, placeholders_in
from referral_tui.ui.forms.base import FIX_FIELDS, FormScreen, form_bindings
from referral_tui.ui.widgets.inputs import FieldError, LineInput


def slug(title: str) -> str:
    return "my_" + (re.sub(r"[^a-z0-9]+", "_", title.casefold()).strip("_") or "template")


class TemplateForm(FormScreen[Template]):
    """Add a template or edit one (a built-in's edit is kept as the user's version)."""

    BINDINGS = form_bindings("template")
    FRAME_ID: ClassVar[str] = "template-form"
    HINT: ClassVar[str] = "ctrl+s saves (enter in the title too) · enter in the text is a new line · esc cancels"
    DEFAULT_CSS = """
    TemplateForm > #template-form { width: 100; max-width: 100%; height: 100%; max-height: 100%; }
    TemplateForm #template-form > .form-body { height: 1fr; }
    TemplateForm #f-body { height: auto; min-height: 8; }
    """

    def __init__(self, template: Template | None) -> None:
        super().__init__()
        self.template = template

    def form_title(self) -> str:
        return "Edit template" if self.template else "New template"

    def compose_fields(self) -> ComposeResult:
        t = self.template
        yield Label("Title", classes="field-label")
        yield LineInput(t.title if t else "", id="f-title")
        yield FieldError(id="e-title")
        yield Label("Text; placeholders like {first_name} {company} {role} {my_background}", classes="field-label")
        yield TextArea(t.body if t else "Hi {first_name},\n\n", id="f-body")
        yield FieldError(id="template-error")

    def on_mount(self) -> None:
        self.query_one("#f-title", LineInput).focus()

    def action_save(self) -> None:
        title = self.query_one("#f-title", LineInput).value.strip()
        body = self.query_one("#f-body", TextArea).text
        error = self.query_one("#template-error", Static)
        problem = "give the template a title" if not title else "the text is empty" if not body.strip() else ""
        error.update(f"✗ {problem}" if problem else "")
        self.set_hint(FIX_FIELDS if problem else "")
        if problem:
            self.focus_field("title" if not title else "body")
            return
        unknown = [p for p in placeholders_in(body) if p not in PLACEHOLDERS]
        if unknown:
            self.notify(
                f"Saved; these placeholders are not filled by the app: {', '.join(unknown)}", severity="warning"
            )
        key = self.template.key if self.template else slug(title)
        self.dismiss(Template(key, title, body, builtin=False))
