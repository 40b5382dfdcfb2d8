"""The company research form: why it fits, who decides, its challenges, your angle, roles seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from referral_tui.domain import validation
from referral_tui.domain.records import COMPANY_STATUSES, Company, CompanyStatus
from referral_tui.domain.roles import roles_text
from referral_tui.ui.editor import edit_long_text

AREAS = (
    ("fit", "Why it fits your goals and skills"),
    ("challenges", "Challenges the company faces now"),
    ("my_angle", "How your background answers them"),
    ("notes", "Notes (ctrl+e opens $EDITOR)"),
)


class CompanyForm(Screen[Company | None]):
    """Returns the company as edited (a new one when adding); the caller saves the fields that changed."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="company.save"),
        Binding("ctrl+e", "editor", "Edit in $EDITOR", id="company.editor"),
        Binding("escape", "cancel", "Cancel", id="company.cancel"),
    ]

    def __init__(self, company: Company | None, today: date, taken_names: set[str]) -> None:
        super().__init__()
        self.company, self.today, self.taken = company, today, taken_names

    def compose(self) -> ComposeResult:
        c = self.company or Company(name="")
        with VerticalScroll(id="company-form"):
            yield Label(f"Research: {c.name}" if self.company else "New target company", classes="dialog-title")
            yield Label("Name", classes="field-label")
            yield Input(c.name, id="f-name", compact=True)
            yield Static("", id="e-name", classes="error", markup=False)
            yield Label("Status", classes="field-label")
            yield Select(
                [(s.capitalize(), s) for s in COMPANY_STATUSES], value=c.status, allow_blank=False, id="f-status"
            )
            yield Label("Who makes hiring decisions for your target role (names or roles)", classes="field-label")
            yield Input(c.decision_makers, id="f-decision_makers", compact=True)
            yield Label("Careers link", classes="field-label")
            yield Input(c.careers_url, placeholder="https://...", id="f-careers_url", compact=True)
            yield Static("", id="e-careers_url", classes="error", markup=False)
            for key, label in AREAS:
                yield Label(label, classes="field-label")
                yield TextArea(getattr(c, key), id=f"f-{key}", classes="short-area")
            yield Label(
                "Open roles seen (timing signals), one per line: title | link | YYYY-MM-DD | open/applied/closed",
                classes="field-label",
            )
            yield TextArea(roles_text(c.open_roles), id="f-open_roles", classes="short-area")
            yield Static("", id="e-open_roles", classes="error", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()

    def action_editor(self) -> None:
        focused = self.focused
        area = focused if isinstance(focused, TextArea) else self.query_one("#f-notes", TextArea)

        def done(text: str) -> None:
            area.load_text(text)

        edit_long_text(self.app, "Edit text", area.text, done)

    @on(Input.Submitted)
    def action_save(self) -> None:
        name = self.query_one("#f-name", Input).value.strip()
        careers = self.query_one("#f-careers_url", Input).value.strip()
        roles, errors = validation.company_errors(
            name, self.taken, careers, self.query_one("#f-open_roles", TextArea).text, self.today
        )
        for key in ("name", "careers_url", "open_roles"):
            self.query_one(f"#e-{key}", Static).update(f"✗ {errors[key]}" if key in errors else "")
        if errors:
            self.notify("Fix the marked fields; nothing was saved yet.", severity="warning")
            return
        area = {key: self.query_one(f"#f-{key}", TextArea).text.strip() for key, _ in AREAS}
        self.dismiss(
            replace(
                self.company or Company(name=name),
                name=name,
                status=CompanyStatus(str(self.query_one("#f-status", Select).value)),
                decision_makers=self.query_one("#f-decision_makers", Input).value.strip(),
                careers_url=careers,
                open_roles=roles,
                fit=area["fit"],
                challenges=area["challenges"],
                my_angle=area["my_angle"],
                notes=area["notes"],
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
