"""Yes/no questions: a confirmation, and "same company as X?" before a second company is made.

Titles and bodies are shown literally (never as markup): they hold names the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, Static

from referral_tui.domain import names


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; enter or y confirms, escape or n cancels."""

    BINDINGS = [
        Binding("y,enter", "confirm", "Yes", id="confirm.yes"),
        Binding("n,escape", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, title: str | Text, body: str | Text, confirm_label: str = "Yes") -> None:
        super().__init__()
        self.title_text, self.body, self.confirm_label = title, body, confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(
                Text(self.title_text) if isinstance(self.title_text, str) else self.title_text, classes="dialog-title"
            )
            yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text(f"{self.confirm_label} (y)"), variant="warning", id="yes")
                yield Button("Cancel (esc)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class SameCompanyDialog(ModalScreen[bool | None]):
    """ "Same as X?" for a company name that differs from a known one only by case,
    punctuation or a legal suffix (``names.similar_known``): y (or enter) uses the known
    company, n adds the new name as a second company, escape goes back to the form."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Same company", id="samecompany.yes"),
        Binding("n", "answer(False)", "A new company", id="samecompany.no"),
        Binding("escape", "back", "Back", id="samecompany.back"),
    ]

    def __init__(self, typed: str, known: str) -> None:
        super().__init__()
        self.typed, self.known = typed, known

    def compose(self) -> ComposeResult:
        with Vertical(id="same-company", classes="dialog"):
            yield Label(Text(f"Same as {self.known}?"), classes="dialog-title")
            yield Static(
                Text(
                    f"'{self.typed}' looks like {self.known}, which you already have "
                    "(it differs only by case, punctuation or a suffix such as Inc).\n"
                    f"y: use {self.known} · n: add '{self.typed}' as another company · esc: back"
                ),
                classes="dialog-body",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text(f"Use {self.known} (y)"), variant="primary", id="same-yes")
                yield Button("New company (n)", id="same-no")

    def on_mount(self) -> None:
        self.query_one("#same-yes", Button).focus()

    def action_answer(self, same: bool) -> None:
        self.dismiss(same)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "same-yes")


def check_same_company(screen: Screen[Any], typed: str, known: Iterable[str], then: Callable[[str], None]) -> None:
    """Call ``then`` with the company name to use for ``typed``.

    The rule of ``names``: a known name equal to ``typed`` ignoring case and spacing is
    reused as it is spelt; one that differs only by case, punctuation or a legal suffix asks
    "same as X?" first (yes: X, no: ``typed`` as a new company, escape: ``then`` is not
    called, so the form stays open); anything else is ``typed`` itself.
    """
    known = list(known)
    exact = names.exact_known(typed, known)
    if exact is not None or not typed.strip():
        then(exact if exact is not None else typed)
        return
    similar = names.similar_known(typed, known)
    if similar is None:
        then(typed)
        return

    def answered(same: bool | None) -> None:
        if same is not None:
            then(similar if same else typed.strip())

    screen.app.push_screen(SameCompanyDialog(typed.strip(), similar), answered)
