"""The referrer form: every editable field, validated before it is returned.

The company and the tags complete from the ones the campaign knows (right arrow or tab
accepts); a new company name that is only another spelling of a known one asks "same as
X?" before a second company is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Label, TextArea

from referral_tui.domain import validation
from referral_tui.domain.fields import clean_tags, split_words
from referral_tui.domain.records import Contact, HowFound
from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.forms.confirm import check_same_company
from referral_tui.ui.widgets.company_input import KnownNames, KnownWords
from referral_tui.ui.widgets.inputs import FieldError, FormSelect, LineInput

#: The Select's choices: (label, stored value), from the domain's ``HowFound``.
HOW_FOUND_CHOICES = [(h.label, h.value) for h in HowFound]
HOW_FOUND_VALUES = frozenset(h.value for h in HowFound)
FIELDS = ("name", "company", "title", "tags", "links", "email")


@dataclass(frozen=True)
class ContactEdit:
    """What the form returns: the referrer as edited and the company by name; the caller saves
    the fields that changed (against the version the form showed)."""

    original: Contact
    edited: Contact
    company: str | None  # None: the company was not changed; "": no company


class ContactForm(FormScreen[ContactEdit]):
    BINDINGS = form_bindings("form")
    FRAME_ID: ClassVar[str] = "contact-form"
    DEFAULT_CSS = """
    ContactForm #f-notes { height: 5; }
    ContactForm .dialog-buttons { height: auto; align-horizontal: right; }
    """

    def __init__(
        self,
        contact: Contact,
        company: str,
        *,
        known_companies: Sequence[str] = (),
        known_tags: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.contact, self.company = contact, company
        self.known_companies, self.known_tags = list(known_companies), list(known_tags)

    def form_title(self) -> Text:
        return Text(f"Edit {self.contact.name}")

    def compose_fields(self) -> ComposeResult:
        c = self.contact
        for key, label, value, hint in (
            ("name", "Name", c.name, ""),
            ("company", "Company", self.company, "a new name adds the company"),
            ("title", "Title", c.title, ""),
            ("tags", "Tags", " ".join(c.tags), "separated by spaces, e.g. alumni event"),
            ("links", "Links", " ".join(c.links), "https:// links separated by spaces"),
            ("email", "Email", c.email, ""),
        ):
            yield Label(label, classes="field-label")
            suggester = (
                KnownNames(self.known_companies)
                if key == "company" and self.known_companies
                else KnownWords(self.known_tags)
                if key == "tags" and self.known_tags
                else None
            )
            yield LineInput(value, id=f"f-{key}", placeholder=hint, suggester=suggester)
            yield FieldError(id=f"e-{key}")
        yield Label("How you found or know them", classes="field-label")
        yield FormSelect(
            HOW_FOUND_CHOICES,
            value=c.how_found if c.how_found in HOW_FOUND_VALUES else FormSelect.NULL,
            id="f-how_found",
            allow_blank=True,
            compact=True,
        )
        yield Label("Notes", classes="field-label")
        yield TextArea(c.notes, id="f-notes")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Save (ctrl+s)", variant="primary", id="save")
            yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#f-name", LineInput).focus()

    def _values(self) -> dict[str, str]:
        return {k: self.query_one(f"#f-{k}", LineInput).value for k in FIELDS}

    def action_save(self) -> None:
        values = self._values()
        errors = validation.contact_errors(values)
        if self.show_errors(errors, FIELDS):
            return
        company = values["company"].strip()
        if company == self.company or not company:
            self._finish(values, company)
            return
        check_same_company(self, company, self.known_companies, lambda name: self._finish(values, name))

    def _finish(self, values: dict[str, str], company: str) -> None:
        how = self.query_one("#f-how_found", FormSelect).value
        edited = replace(
            self.contact,
            name=values["name"].strip(),
            title=values["title"].strip(),
            tags=clean_tags(split_words(values["tags"])),
            links=split_words(values["links"]),
            email=values["email"].strip(),
            # a word the list does not have (from an import) is kept unless another is chosen
            how_found=how
            if isinstance(how, str)
            else ""
            if self.contact.how_found in HOW_FOUND_VALUES
            else self.contact.how_found,
            notes=self.query_one("#f-notes", TextArea).text,
        )
        self.dismiss(ContactEdit(self.contact, edited, company if company != self.company else None))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
