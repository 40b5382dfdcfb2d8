"""The company research form: why it fits, who decides, its challenges, your angle, roles seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from referral_tui.domain.clock import ClockError, parse_day
from referral_tui.domain.records import COMPANY_STATUSES, Company, CompanyStatus
from referral_tui.ui.editor import edit_long_text

ROLE_STATUSES = ("open", "applied", "closed")
AREAS = (
    ("fit", "Why it fits your goals and skills"),
    ("challenges", "Challenges the company faces now"),
    ("my_angle", "How your background answers them"),
    ("notes", "Notes (ctrl+e opens $EDITOR)"),
)


def parse_roles(text: str, today: date) -> tuple[list[dict[str, str]], str | None]:
    """Open roles, one per line: ``title | link | YYYY-MM-DD | status`` (only the title is required)."""
    roles: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 4:
            return [], f"line {number}: use at most 4 parts: title | link | date seen | status"
        title, url, seen, status = (parts + ["", "", "", ""])[:4]
        if not title:
            return [], f"line {number}: the role title is empty"
        if url and not url.startswith(("http://", "https://")):
            return [], f"line {number}: '{url}' is not a web link (https://...)"
        try:
            seen_day = parse_day(seen, "the date seen") if seen else today
        except ClockError as exc:
            return [], f"line {number}: {exc}"
        status = status.lower() or "open"
        if status not in ROLE_STATUSES:
            return [], f"line {number}: status '{status}' is not one of {', '.join(ROLE_STATUSES)}"
        roles.append({"title": title, "url": url, "seen": seen_day.isoformat(), "status": status})
    return roles, None


def roles_text(roles: list[dict[str, Any]]) -> str:
    return "\n".join(
        " | ".join(
            [str(r.get("title", "")), str(r.get("url", "")), str(r.get("seen", "")), str(r.get("status", "open"))]
        )
        for r in roles
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
        errors: dict[str, str] = {}
        name = self.query_one("#f-name", Input).value.strip()
        if not name:
            errors["name"] = "a company needs a name"
        elif name.casefold() in self.taken:
            errors["name"] = f"'{name}' is already in your list"
        careers = self.query_one("#f-careers_url", Input).value.strip()
        if careers and not careers.startswith(("http://", "https://")):
            errors["careers_url"] = f"'{careers}' is not a web link; links start with https://"
        roles, roles_error = parse_roles(self.query_one("#f-open_roles", TextArea).text, self.today)
        if roles_error:
            errors["open_roles"] = roles_error
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
