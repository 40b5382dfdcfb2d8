"""The company research form: why it fits, who decides, its challenges, your angle, roles seen.

A new name that is only another spelling of a company already in the list (``Stripe`` and
``stripe inc``) asks "same as X?" first: yes keeps the form open with a note to edit that
one instead, no adds the new name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, TextArea

from referral_tui.domain import names, validation
from referral_tui.domain.records import COMPANY_STATUSES, Company, CompanyStatus
from referral_tui.domain.roles import roles_text
from referral_tui.ui.editor import edit_long_text
from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.forms.confirm import SameCompanyDialog
from referral_tui.ui.widgets.inputs import FieldError, FormSelect, LineInput

AREAS = (
    ("fit", "Why it fits your goals and skills"),
    ("challenges", "Challenges the company faces now"),
    ("my_angle", "How your background answers them"),
    ("notes", "Notes (ctrl+e opens $EDITOR)"),
)
FIELDS = ("name", "careers_url", "open_roles")


class CompanyForm(FormScreen[Company]):
    """Returns the company as edited (a new one when adding); the caller saves the fields that changed."""

    BINDINGS = [
        *form_bindings("company"),
        Binding("ctrl+e", "editor", "Edit in $EDITOR", id="company.editor"),
    ]
    FRAME_ID: ClassVar[str] = "company-form"
    DEFAULT_CSS = """
    CompanyForm > #company-form { width: 100%; height: 100%; max-height: 100%; }
    CompanyForm #company-form > .form-body { height: 1fr; }
    """

    def __init__(
        self, company: Company | None, today: date, taken_names: set[str], *, known_companies: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.company, self.today, self.taken = company, today, taken_names
        #: The other companies' names as spelt (for "same as X?"); this one is left out.
        self.known_companies = [n for n in known_companies if not company or n != company.name]

    def form_title(self) -> Text:
        return Text(f"Research: {self.company.name}" if self.company else "New company")

    def compose_fields(self) -> ComposeResult:
        c = self.company or Company(name="", status=CompanyStatus.TARGET)
        yield Label("Name", classes="field-label")
        yield LineInput(c.name, id="f-name")
        yield FieldError(id="e-name")
        yield Label("Status", classes="field-label")
        yield FormSelect(
            [(s.capitalize(), s) for s in COMPANY_STATUSES],
            value=c.status,
            allow_blank=False,
            id="f-status",
            compact=True,
        )
        yield Label("Who makes hiring decisions for your target role (names or roles)", classes="field-label")
        yield LineInput(c.decision_makers, id="f-decision_makers")
        yield Label("Careers link", classes="field-label")
        yield LineInput(c.careers_url, placeholder="https://...", id="f-careers_url")
        yield FieldError(id="e-careers_url")
        for key, label in AREAS:
            yield Label(label, classes="field-label")
            yield TextArea(getattr(c, key), id=f"f-{key}", classes="short-area")
        yield Label(
            "Open roles seen (timing signals), one per line: title | link | YYYY-MM-DD | open/applied/closed",
            classes="field-label",
        )
        yield TextArea(roles_text(c.open_roles), id="f-open_roles", classes="short-area")
        yield FieldError(id="e-open_roles")

    def on_mount(self) -> None:
        self.query_one("#f-name", LineInput).focus()

    def action_editor(self) -> None:
        focused = self.focused
        area = focused if isinstance(focused, TextArea) else self.query_one("#f-notes", TextArea)

        def done(text: str) -> None:
            area.load_text(text)

        edit_long_text(self.app, "Edit text", area.text, done)

    def action_save(self) -> None:
        name = self.query_one("#f-name", LineInput).value.strip()
        careers = self.query_one("#f-careers_url", LineInput).value.strip()
        roles, errors = validation.company_errors(
            name, self.taken, careers, self.query_one("#f-open_roles", TextArea).text, self.today
        )
        if self.show_errors(errors, FIELDS):
            return
        renamed = self.company is None or name.casefold() != self.company.name.casefold()
        similar = names.similar_known(name, self.known_companies) if renamed else None
        if similar is None:
            self._finish(name, roles)
            return

        def answered(same: bool | None) -> None:
            if same is None:
                return
            if same:
                self.show_errors({"name": f"that is {similar}, already in your list: edit it there"}, ("name",))
                return
            self._finish(name, roles)

        self.app.push_screen(SameCompanyDialog(name, similar), answered)

    def _finish(self, name: str, roles: list[dict[str, str]]) -> None:
        area = {key: self.query_one(f"#f-{key}", TextArea).text.strip() for key, _ in AREAS}
        self.dismiss(
            replace(
                self.company or Company(name=name),
                name=name,
                status=CompanyStatus(str(self.query_one("#f-status", FormSelect).value)),
                decision_makers=self.query_one("#f-decision_makers", LineInput).value.strip(),
                careers_url=self.query_one("#f-careers_url", LineInput).value.strip(),
                open_roles=roles,
                fit=area["fit"],
                challenges=area["challenges"],
                my_angle=area["my_angle"],
                notes=area["notes"],
            )
        )
