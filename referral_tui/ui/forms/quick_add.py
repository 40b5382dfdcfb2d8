"""Quick-add: one line in the quick-add grammar; a parse error shows inline and nothing is returned.

The company after ``@`` and a tag after ``#`` complete from the ones the campaign knows
(right arrow or tab accepts). A company that is only another spelling of a known one
(``stripe inc`` for ``Stripe``) asks "same as Stripe?" before the line is returned: yes
rewrites the line to the known name, so no second company is made; no keeps it as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from referral_tui.domain import names, quickadd
from referral_tui.ui.forms.base import FormScreen
from referral_tui.ui.forms.confirm import ConfirmDialog, SameCompanyDialog
from referral_tui.ui.widgets.company_input import QuickAddSuggester
from referral_tui.ui.widgets.inputs import FieldError, LineInput


class QuickAddDialog(FormScreen[str]):
    """One line in the quick-add grammar; a parse error shows inline and nothing is returned."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Add", id="quickadd.add", show=False),
        Binding("escape", "cancel", "Cancel", id="quickadd.cancel"),
    ]
    FRAME_ID: ClassVar[str] = "quick-add"
    HINT: ClassVar[str] = "→ or tab completes a company or #tag · enter adds · esc cancels"
    DEFAULT_CSS = """
    QuickAddDialog > #quick-add { width: 100; }
    """

    def __init__(
        self,
        *,
        known_companies: Sequence[str] = (),
        known_tags: Sequence[str] = (),
        known_people: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``known_people``: (name, company) of everyone in the campaign, to ask before a second one."""
        super().__init__()
        self.known_companies, self.known_tags = list(known_companies), list(known_tags)
        self.known_people = list(known_people)

    def form_title(self) -> str:
        return "Quick-add a referrer"

    def compose_fields(self) -> ComposeResult:
        yield LineInput(
            placeholder="Priya Shah @ Stripe, Staff Engineer #alumni !relationship",
            id="quick-add-input",
            suggester=QuickAddSuggester(self.known_companies, self.known_tags),
        )
        yield Static(f"{quickadd.GRAMMAR}\n{quickadd.QUOTING}", id="quick-add-grammar", classes="hint", markup=False)
        yield FieldError(id="quick-add-error")

    def on_mount(self) -> None:
        self.query_one("#quick-add-input", LineInput).focus()

    def action_save(self) -> None:
        text = self.query_one("#quick-add-input", LineInput).value
        try:
            parsed = quickadd.parse_checked(text, known_companies=self.known_companies)  # the grammar, the 12+ gate
        except quickadd.QuickAddError as exc:
            self.query_one("#quick-add-error", FieldError).update(f"✗ {exc}")
            return
        twin = names.known_person(parsed.name, parsed.company, self.known_people)
        if twin is None:
            self._company_step(text, parsed)
            return
        body = Text(
            f"{twin[0]} at {twin[1]} is already in your campaign. Add a second {parsed.name}? "
            "(n or esc: back to the line)"
        )

        def confirmed(again: bool | None) -> None:
            if again:
                self._company_step(text, parsed)

        self.app.push_screen(ConfirmDialog(Text(f"{twin[0]} is already here"), body, "Add another"), confirmed)

    def _company_step(self, text: str, parsed: quickadd.QuickAdd) -> None:
        """Return the line, after "same as X?" for a company spelt like a known one."""
        if names.exact_known(parsed.company, self.known_companies) is not None:
            self.dismiss(text)
            return
        similar = names.similar_known(parsed.company, self.known_companies)
        if similar is None:
            self.dismiss(text)
            return

        def answered(same: bool | None) -> None:
            if same is None:
                return
            self.dismiss(quickadd.with_company(text, similar) if same else text)

        self.app.push_screen(SameCompanyDialog(parsed.company, similar), answered)

    @on(Input.Changed)
    def _clear_error(self) -> None:
        self.query_one("#quick-add-error", FieldError).update("")
