"""The companies screen: every company with its coverage, sortable, with add/edit/archive/undo.

Targets (and paused or dropped companies) come first; prospects, companies known but not
pursued (quick-add, imports and promotions create them), are listed apart under their own
heading, and ``t`` makes the selected one a target. The header counts targets only, as the
plan and the coverage warnings do (``domain.targets``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from referral_tui.domain.campaign import MAX_TARGETS, MIN_TARGETS, CompanyRow, company_rows, coverage_warnings
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.records import Company, CompanyStatus
from referral_tui.domain.targets import is_prospect, is_target
from referral_tui.ui.actions import known_names
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.key_footer import KeyFooter

#: The key of the row that heads the prospects (it is not a company: the cursor skips it).
PROSPECTS_ROW = "prospects"
PROSPECTS_HEADING = "Prospects (known, not pursued)"

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


def header_text(rows: list[CompanyRow]) -> Text:
    """The counts line: targets (what the plan counts) and, apart, the prospects."""
    targets = sum(1 for r in rows if is_target(r.company))
    prospects = sum(1 for r in rows if is_prospect(r.company))
    others = len(rows) - targets - prospects
    text = Text()
    text.append(f"Targets {targets}", style="bold")
    text.append(f" (the method works with {MIN_TARGETS}-{MAX_TARGETS})")
    if others:
        text.append(f" · paused or dropped {others}")
    text.append(f" · prospects {prospects}")
    if prospects:
        text.append(" (not counted; t makes one a target)")
    return text


class CompaniesScreen(UndoRedoKeys, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="companies.back"),
        Binding("a", "add", "Add", id="companies.add"),
        Binding("enter,e", "edit", "Research", id="companies.edit", key_display="⏎"),
        Binding("x,delete", "archive", "Archive", id="companies.archive", key_display="x"),
        Binding("t", "target", "Make target", id="companies.target"),
        Binding("u", "undo", "Undo", id="companies.undo"),
        Binding("ctrl+r", "redo", "Redo", id="companies.redo", show=False),
        Binding("j", "cursor(1)", "Down", id="companies.down", show=False),
        Binding("k", "cursor(-1)", "Up", id="companies.up", show=False),
        Binding("home", "first", "First", id="companies.first", show=False, priority=True),
        Binding("end", "last", "Last", id="companies.last", show=False, priority=True),
        *[
            Binding(
                str(n), f"sort({n - 1})", f"Sort by {label}", id=f"companies.sort{n}", show=n == 1, key_display="1-7"
            )
            for n, (label, _) in enumerate(COLUMNS, 1)
        ],
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    DEFAULT_CSS = """
    CompaniesScreen #companies-head { height: 1; padding: 0 1; }
    CompaniesScreen #companies > .datatable--cursor { text-style: bold reverse; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.sort_column, self.sort_reverse = 0, False
        #: The companies in the order shown: targets (and paused, dropped), then prospects.
        self.rows: list[CompanyRow] = []
        self._last_row = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="companies-head", markup=False)
        yield Static("", id="coverage", markup=False)
        yield DataTable(id="companies", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, _ in COLUMNS:
            table.add_column(label, key=label)
        self.reload()
        table.focus()

    def reload(self, keep_id: int | None = None) -> None:
        repo = self.session.repo
        table = self.query_one(DataTable)
        if keep_id is None and (company := self.current) is not None:
            keep_id = company.id
        rows = company_rows(repo.companies(), repo.contacts(), repo.asks(), repo.followups())
        rows.sort(key=COLUMNS[self.sort_column][1], reverse=self.sort_reverse)
        pursued = [r for r in rows if not is_prospect(r.company)]
        prospects = [r for r in rows if is_prospect(r.company)]
        self.rows = pursued + prospects
        table.clear()
        for r in pursued:
            self._add_row(table, r)
        if prospects:
            heading = Text(f"── {PROSPECTS_HEADING} ──", style="bold")
            table.add_row(heading, *[""] * (len(COLUMNS) - 1), key=PROSPECTS_ROW)
            for r in prospects:
                self._add_row(table, r)
        arrow = "▼" if self.sort_reverse else "▲"
        for index, (label, _) in enumerate(COLUMNS):
            table.columns[label].label = Text(f"{label} {arrow}" if index == self.sort_column else label)  # type: ignore[index]
        if keep_id is not None:
            keep_id = repo.resolve(Company, keep_id)
            if str(keep_id) in table.rows:
                table.move_cursor(row=table.get_row_index(str(keep_id)))
        self._skip_heading(table.cursor_row, 1)
        self._last_row = table.cursor_row
        self.query_one("#companies-head", Static).update(header_text(rows))
        self.query_one("#coverage", Static).update(warnings_text(coverage_warnings(rows)))

    def _add_row(self, table: DataTable[Any], r: CompanyRow) -> None:
        today = self.session.today
        pursued = is_target(r.company)
        status = Text(r.company.status, style="" if r.company.status is CompanyStatus.TARGET else "dim")
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
            Text(str(r.referrers), style="yellow" if r.referrers < 2 and pursued else ""),
            Text(str(r.strong), style="yellow" if not r.strong and pursued else ""),
            research,
            str(r.open_asks),
            due,
            key=str(r.company.id),
        )

    def _skip_heading(self, row: int, direction: int) -> None:
        """Keep the cursor off the prospects' heading: on to the next row the way it went."""
        table = self.query_one(DataTable)
        if not table.row_count or row < 0 or row >= table.row_count:
            return
        if table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != PROSPECTS_ROW:
            return
        target = row + direction
        if not 0 <= target < table.row_count:
            target = row - direction
        if 0 <= target < table.row_count:
            table.move_cursor(row=target)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        direction = 1 if event.cursor_row >= self._last_row else -1
        self._last_row = event.cursor_row
        if event.row_key.value == PROSPECTS_ROW:
            self._skip_heading(event.cursor_row, direction)

    def action_first(self) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=0)
        self._skip_heading(0, 1)

    def action_last(self) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1)

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        if delta > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def ids_changed(self) -> None:
        """Companies added here were saved under their real ids: key the rows by them."""
        self.reload()

    @property
    def current(self) -> Company | None:
        """The company under the cursor (None on an empty table or the prospects' heading)."""
        table = self.query_one(DataTable)
        if not table.row_count or not 0 <= table.cursor_row < table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r.company for r in self.rows if str(r.company.id) == key), None)

    def action_sort(self, column: int) -> None:
        self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
        self.sort_column = column
        self.reload()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(event.column_index)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value != PROSPECTS_ROW:
            self.action_edit()

    def _taken(self, except_id: int | None) -> set[str]:
        return {c.name.casefold() for c in self.session.repo.companies(include_archived=True) if c.id != except_id}

    def action_add(self) -> None:
        def done(company: Company | None) -> None:
            if company and (saved := self.session.save(lambda r: r.add_company(company))):
                self.notify(f"Added {saved.name}. u undoes.")
                self.reload(saved.id)

        known, _tags = known_names(self.session)
        self.app.push_screen(CompanyForm(None, self.session.today, self._taken(None), known_companies=known), done)

    def action_edit(self) -> None:
        company = self.current
        if company is None:
            self.notify("No company yet: press a to add one.", severity="warning")
            return

        def done(edited: Company | None) -> None:
            if edited and self.session.save(lambda r: r.edit_company(company, edited)):
                self.notify(f"Saved {edited.name}. u undoes.")
                self.reload(company.id)

        known, _tags = known_names(self.session)
        self.app.push_screen(
            CompanyForm(company, self.session.today, self._taken(company.id), known_companies=known), done
        )

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

    def action_target(self) -> None:
        company = self.current
        if company is None:
            self.notify("No company here: move to a prospect, then t makes it a target.", severity="warning")
            return
        if is_target(company):
            self.notify(f"{company.name} is a target already.", severity="warning")
            return
        saved = self.session.save(lambda r: r.target_company(company.id))
        if saved is not None:
            self.notify(
                f"{saved.name} is now a target: it counts for the plan's {MIN_TARGETS}-{MAX_TARGETS}. u undoes."
            )
            self.reload(saved.id)

    def action_back(self) -> None:
        self.dismiss(None)
