"""The companies screen: every target with its coverage, sortable, with add/edit/archive/undo."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from referral_tui.domain.campaign import CompanyRow, company_rows, coverage_warnings
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.records import Company
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.session import Session

#: (label, sort key) for each column; the digit keys 1-7 sort by them.
COLUMNS: list[tuple[str, Any]] = [
    ("Company", lambda r: r.company.name.casefold()),
    ("Status", lambda r: r.company.status),
    ("Referrers", lambda r: r.referrers),
    (f"{ASK_THRESHOLD}+", lambda r: r.strong),
    ("Research", lambda r: r.research_complete),
    ("Open asks", lambda r: r.open_asks),
    ("Next follow-up", lambda r: r.next_due or date.max),
]


def warnings_text(warnings: list[str]) -> Text:
    """Plain Text, not markup: company names may hold brackets."""
    if not warnings:
        return Text("✓ The campaign has the method's shape: 5-10 targets, 2-3 referrers each, a 12+ at each.", "green")
    return Text("\n".join(f"⚠ {w}" for w in warnings), "yellow")


class CompaniesScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="companies.back"),
        Binding("a", "add", "Add", id="companies.add"),
        Binding("enter,e", "edit", "Research", id="companies.edit", key_display="⏎"),
        Binding("x,delete", "archive", "Archive", id="companies.archive", key_display="x"),
        Binding("u", "undo", "Undo", id="companies.undo"),
        *[
            Binding(
                str(n), f"sort({n - 1})", f"Sort by {label}", id=f"companies.sort{n}", show=n == 1, key_display="1-7"
            )
            for n, (label, _) in enumerate(COLUMNS, 1)
        ],
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.sort_column, self.sort_reverse = 0, False
        self.rows: list[CompanyRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="coverage")
        yield DataTable(id="companies", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, _ in COLUMNS:
            table.add_column(label, key=label)
        self.reload()
        table.focus()

    def reload(self, keep_id: int | None = None) -> None:
        repo = self.session.repo
        table = self.query_one(DataTable)
        if keep_id is None and table.row_count and table.cursor_row >= 0:
            keep_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        self.rows = company_rows(repo.companies(), repo.contacts(), repo.asks(), repo.followups())
        self.rows.sort(key=COLUMNS[self.sort_column][1], reverse=self.sort_reverse)
        table.clear()
        today = self.session.today
        for r in self.rows:
            status = Text(r.company.status, style="dim" if r.company.status != "target" else "")
            research = Text("✓ complete", style="green") if r.research_complete else Text("✗ missing", style="yellow")
            due = Text("—", style="dim")
            if r.next_due:
                due = Text(
                    f"{'! ' if r.next_due < today else ''}{r.next_due:%d %b}",
                    style="bold red" if r.next_due < today else "",
                )
            table.add_row(
                Text(r.company.name),
                status,
                Text(str(r.referrers), style="yellow" if r.referrers < 2 and r.company.status == "target" else ""),
                Text(str(r.strong), style="yellow" if not r.strong and r.company.status == "target" else ""),
                research,
                str(r.open_asks),
                due,
                key=str(r.company.id),
            )
        arrow = "▼" if self.sort_reverse else "▲"
        for index, (label, _) in enumerate(COLUMNS):
            table.columns[label].label = Text(f"{label} {arrow}" if index == self.sort_column else label)  # type: ignore[index]
        if keep_id is not None:
            keep_id = repo.resolve(Company, keep_id)
            for index, r in enumerate(self.rows):
                if r.company.id == keep_id:
                    table.move_cursor(row=index)
        self.query_one("#coverage", Static).update(warnings_text(coverage_warnings(self.rows)))

    def ids_changed(self) -> None:
        """Companies added here were saved under their real ids: key the rows by them."""
        self.reload()

    @property
    def current(self) -> Company | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[table.cursor_row].company

    def action_sort(self, column: int) -> None:
        self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
        self.sort_column = column
        self.reload()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(event.column_index)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def _taken(self, except_id: int | None) -> set[str]:
        return {c.name.casefold() for c in self.session.repo.companies(include_archived=True) if c.id != except_id}

    def action_add(self) -> None:
        def done(company: Company | None) -> None:
            if company and (saved := self.session.save(lambda r: r.add_company(company))):
                self.notify(f"Added {saved.name}. u undoes.")
                self.reload(saved.id)

        self.app.push_screen(CompanyForm(None, self.session.today, self._taken(None)), done)

    def action_edit(self) -> None:
        company = self.current
        if company is None:
            self.notify("No company yet: press a to add one.", severity="warning")
            return

        def done(edited: Company | None) -> None:
            if edited and self.session.save(lambda r: r.edit_company(company, edited)):
                self.notify(f"Saved {edited.name}. u undoes.")
                self.reload(company.id)

        self.app.push_screen(CompanyForm(company, self.session.today, self._taken(company.id)), done)

    def action_archive(self) -> None:
        company = self.current
        if company is None:
            return

        def confirmed(ok: bool | None) -> None:
            if ok and self.session.save(lambda r: r.archive_company(company.id)):
                self.notify(f"Archived {company.name}. u undoes.")
                self.reload()

        body = f"Hide {company.name} from your targets? Its referrers stay on the board; u undoes it."
        self.app.push_screen(ConfirmDialog("Archive company?", body, "Archive"), confirmed)

    def action_undo(self) -> None:
        if self.session.undo():
            self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
