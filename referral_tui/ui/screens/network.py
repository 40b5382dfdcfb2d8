"""The network: every contact (imported connections and referrers) in one fast table.

Live search, sort by any column, an "at a target company" filter, one key to put the
highlighted person on the board in Research, and one to import more people (LinkedIn's
export, a vCard, a Google Contacts CSV) in a worker thread (``network_import``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from referral_tui.domain.records import Contact
from referral_tui.domain.search import haystack, matches
from referral_tui.domain.targets import is_prospect, target_ids
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.screens.network_import import ACCEPTED, ImportScreen, Kind, guess_kind, path_problem, run_import
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.row_table import RowTable

SEARCH_DELAY = 0.12
COLUMNS = ("Name", "Company", "Title", "Where", "Connected", "Note")
SHARES = (22, 20, 22, 12, 11, 13)


@dataclass(frozen=True)
class Row:
    contact_id: int
    cells: tuple[str, str, str, str, str, str]
    at_target: bool
    haystack: str


def build_rows(contacts: list[Contact], company_names: dict[int, str], targets: set[int]) -> list[Row]:
    rows = []
    for c in contacts:
        company = company_names.get(c.company_id or 0) or c.employer
        at_target = c.company_id in targets
        where = c.phase.label if c.phase else ("★ candidate" if at_target else "network")
        note = f"was at {c.previous_employer}" if c.previous_employer else ""
        cells = (c.name, company, c.title, where, c.connected_on, note)
        rows.append(Row(c.id, cells, at_target, haystack(*cells[:3])))
    return rows


class NetworkScreen(UndoRedoKeys, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="network.back"),
        Binding("slash", "search", "Search", id="network.search", key_display="/"),
        Binding("t", "toggle_targets", "At targets", id="network.targets"),
        Binding("b", "promote", "To board", id="network.promote"),
        Binding("i", "import", "Import", id="network.import"),
        Binding("enter", "open", "Open", id="network.open", show=False),
        *[
            Binding(str(n), f"sort({n - 1})", f"Sort by {label}", id=f"network.sort{n}", show=n == 1, key_display="1-5")
            for n, label in enumerate(COLUMNS[:5], 1)
        ],
        Binding("u", "undo", "Undo", id="network.undo"),
        Binding("ctrl+r", "redo", "Redo", id="network.redo", show=False),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.only_targets = False
        self.sort_column, self.sort_reverse = 0, False
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="network-status", markup=False)
        yield Input(
            placeholder="search name, company or title · / focuses · esc returns to the table",
            id="network-search",
            compact=True,
        )
        yield RowTable([(label, share) for label, share in zip(COLUMNS, SHARES, strict=True)], id="network")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(RowTable).focus()

    def reload(self, keep_id: int | None = None) -> None:
        repo = self.session.repo
        targets = target_ids(repo.companies())
        self.rows = build_rows(repo.contacts(), repo.company_names(), targets)
        self.show(keep_id)

    def show(self, keep_id: int | None = None) -> None:
        query = self.query_one("#network-search", Input).value
        rows = [r for r in self.rows if (not self.only_targets or r.at_target) and matches(r.haystack, query)]
        rows.sort(key=lambda r: r.cells[self.sort_column].casefold(), reverse=self.sort_reverse)
        self.shown = rows
        keep = None if keep_id is None else self.session.repo.resolve(Contact, keep_id)
        index = next((i for i, r in enumerate(rows) if r.contact_id == keep), 0) if keep is not None else 0
        self.query_one(RowTable).set_rows([r.cells for r in rows], index)
        filters = " · only people at target companies" if self.only_targets else ""
        arrow = "▼" if self.sort_reverse else "▲"
        status = Text("Network", style="bold")
        status.append(
            f"  {len(rows)} of {len(self.rows)} contacts{filters} · sorted by {COLUMNS[self.sort_column]} {arrow}"
        )
        if not self.rows:
            status.append(" · i imports LinkedIn's export, a vCard or a Google Contacts CSV")
        self.query_one("#network-status", Static).update(status)

    @property
    def current(self) -> Row | None:
        cursor = self.query_one(RowTable).cursor
        return self.shown[cursor] if 0 <= cursor < len(self.shown) else None

    @on(Input.Changed, "#network-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.show)

    @on(Input.Submitted, "#network-search")
    def _search_done(self) -> None:
        self.query_one(RowTable).focus()

    def ids_changed(self) -> None:
        """People put on the board here were saved: reload under their real ids."""
        self.reload(self.current.contact_id if self.current else None)

    def action_search(self) -> None:
        self.query_one("#network-search", Input).focus()

    def action_toggle_targets(self) -> None:
        self.only_targets = not self.only_targets
        self.show()

    def action_sort(self, column: int) -> None:
        self.sort_reverse = not self.sort_reverse if column == self.sort_column else False
        self.sort_column = column
        self.show(self.current.contact_id if self.current else None)

    def action_promote(self) -> None:
        row = self.current
        if row is None:
            return
        contact = self.session.repo.contact(row.contact_id)
        if contact.phase is not None:
            self.notify(f"{contact.name} is already on the board ({contact.phase.label}).", severity="warning")
            return
        saved = self.session.save(lambda r: r.promote(row.contact_id))
        if saved is not None:
            company = self.session.repo.company(saved.company_id) if saved.company_id else None
            extra = (
                f" {company.name} is a prospect, not a target (c, then t, makes it one)."
                if company is not None and is_prospect(company)
                else ""
            )
            self.notify(f"{saved.name} is on the board in Research.{extra} u undoes.")
            self.reload(row.contact_id)

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            from referral_tui.ui.screens.detail import DetailScreen

            self.app.push_screen(DetailScreen(self.session, row.contact_id), lambda _: self.reload(row.contact_id))

    # -- importing -------------------------------------------------------------------------

    def action_import(self) -> None:
        def chosen(text: str | None) -> None:
            if text:
                self.start_import(Path(text).expanduser())

        self.app.push_screen(
            PromptDialog("Import into your network", f"The file or folder: {ACCEPTED}", path_problem), chosen
        )

    def start_import(self, path: Path) -> None:
        """Import ``path`` in a worker, with the progress and then the result in a modal."""
        kind = guess_kind(path)
        report = ImportScreen(path.name, kind)

        def closed(imported: bool | None) -> None:
            self.reload(self.current.contact_id if self.current else None)
            if imported:
                self.notify(f"Imported {path.name}. u undoes the whole import.")

        self.app.push_screen(report, closed)
        self._import(path, kind, report)

    @work(thread=True, exclusive=True, group="network-import")
    def _import(self, path: Path, kind: Kind, report: ImportScreen) -> None:
        run_import(self.session.repo, path, kind, report)

    def action_back(self) -> None:
        """esc: from the search box back to the table; from the table, back. (A ``key_escape``
        handler as well as this binding would take one escape twice: after the dismiss, the
        screen below got it too and closed.)"""
        search = self.query_one("#network-search", Input)
        if search.has_focus:
            self.query_one(RowTable).focus()
        else:
            self.dismiss(None)
