"""The referrer form: every editable field, validated before it is returned."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from referral_tui.domain import validation
from referral_tui.domain.fields import clean_tags, split_words
from referral_tui.domain.records import Contact, HowFound

#: The Select's choices: (label, stored value), from the domain's ``HowFound``.
HOW_FOUND_CHOICES = [(h.label, h.value) for h in HowFound]


@dataclass(frozen=True)
class ContactEdit:
    """What the form returns: the referrer as edited and the company by name; the caller saves
    the fields that changed (against the version the form showed)."""

    original: Contact
    edited: Contact
    company: str | None  # None: the company was not changed; "": no company


class ContactForm(ModalScreen[ContactEdit | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self, contact: Contact, company: str) -> None:
        super().__init__()
        self.contact, self.company = contact, company

    def compose(self) -> ComposeResult:
        c = self.contact
        with VerticalScroll(id="contact-form", classes="dialog form"):
            yield Label(f"Edit {c.name}", classes="dialog-title")
            for key, label, value, hint in (
                ("name", "Name", c.name, ""),
                ("company", "Company", self.company, "a new name creates a target company"),
                ("title", "Title", c.title, ""),
                ("tags", "Tags", " ".join(c.tags), "separated by spaces, e.g. alumni event"),
                ("links", "Links", " ".join(c.links), "https:// links separated by spaces"),
                ("email", "Email", c.email, ""),
            ):
                yield Label(label, classes="field-label")
                yield Input(value, id=f"f-{key}", placeholder=hint, compact=True)
                yield Static("", id=f"e-{key}", classes="error", markup=False)
            yield Label("How you found or know them", classes="field-label")
            yield Select(HOW_FOUND_CHOICES, value=c.how_found or Select.NULL, id="f-how_found", allow_blank=True)
            yield Label("Notes", classes="field-label")
            yield TextArea(c.notes, id="f-notes")
            yield Static("enter or ctrl+s saves · tab moves · esc cancels", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()

    def _values(self) -> dict[str, str]:
        return {
            k: self.query_one(f"#f-{k}", Input).value for k in ("name", "company", "title", "tags", "links", "email")
        }

    @on(Input.Submitted)
    def action_save(self) -> None:
        values = self._values()
        errors = validation.contact_errors(values)
        for key in ("name", "company", "title", "tags", "links", "email"):
            self.query_one(f"#e-{key}", Static).update(f"✗ {errors[key]}" if key in errors else "")
        if errors:
            self.notify("Fix the marked fields; nothing was saved yet.", severity="warning")
            return
        how = self.query_one("#f-how_found", Select).value
        edited = replace(
            self.contact,
            name=values["name"].strip(),
            title=values["title"].strip(),
            tags=clean_tags(split_words(values["tags"])),
            links=split_words(values["links"]),
            email=values["email"].strip(),
            how_found=how if isinstance(how, str) else "",
            notes=self.query_one("#f-notes", TextArea).text,
        )
        company = values["company"].strip()
        self.dismiss(ContactEdit(self.contact, edited, company if company != self.company else None))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
