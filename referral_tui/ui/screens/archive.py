"""The archive (``A``): archived referrers and companies, each restored with ``r`` (undoable).

Archiving hides; nothing is deleted. This screen is where the hidden come back without undo.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from referral_tui.domain.coach_data import plural
from referral_tui.domain.records import Company, Contact
from referral_tui.ui import actions
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.item_view import Block, ItemView, heading, text_block
from referral_tui.ui.widgets.key_footer import KeyFooter

EMPTY = (
    "Nothing is archived. x on the board archives a referrer and x on the companies screen "
    "archives a company; they come back here with r."
)


@dataclass(frozen=True)
class Archived:
    """One archived record on the list: a referrer (``table`` "contacts") or a company."""

    table: str
    record_id: int


def contact_block(contact: Contact, company: str) -> Block:
    line = Text()
    line.append(contact.name, style="bold")
    where = " · ".join(part for part in (company, contact.title) if part)
    if where:
        line.append(f"  {where}")
    place = contact.phase.label if contact.phase else "the network"
    return Block([line, Text(f"  was in {place}", style="dim")], payload=Archived("contacts", contact.id))


def company_block(company: Company, referrers: int) -> Block:
    line = Text()
    line.append(company.name, style="bold")
    line.append(f"  {company.status}")
    who = f"{referrers} referrer{'s' if referrers != 1 else ''} on the board" if referrers else "no referrer on it"
    return Block([line, Text(f"  {who}", style="dim")], payload=Archived("companies", company.id))


class ArchiveScreen(UndoRedoKeys, Screen[None]):
    BINDINGS = [
        Binding("r", "restore", "Restore", id="archive.restore"),
        Binding("enter", "open", "Open", id="archive.open", key_display="⏎"),
        Binding("u", "undo", "Undo", id="archive.undo"),
        Binding("ctrl+r", "redo", "Redo", id="archive.redo"),
        Binding("escape", "back", "Back", id="archive.back"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]
    DEFAULT_CSS = """
    ArchiveScreen #archive-header { height: 1; padding: 0 1; text-style: bold; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static("", id="archive-header", markup=False)
        yield ItemView(empty=EMPTY, id="archive-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ItemView).focus()
        self.reload()

    @property
    def view(self) -> ItemView:
        return self.query_one(ItemView)

    def reload(self) -> None:
        repo = self.session.repo
        contacts = sorted(repo.archived_contacts(on_board=None), key=lambda c: c.name.casefold())
        companies = sorted(repo.archived_companies(), key=lambda c: c.name.casefold())
        names = repo.company_names()
        blocks: list[Block] = []
        if contacts:
            blocks.append(heading(f"Archived referrers ({len(contacts)})"))
            blocks += [contact_block(c, names.get(c.company_id, "") if c.company_id else "") for c in contacts]
        if companies:
            counts: dict[int, int] = {}
            for c in repo.contacts(on_board=True):
                if c.company_id is not None:
                    counts[c.company_id] = counts.get(c.company_id, 0) + 1
            blocks.append(heading(f"Archived companies ({len(companies)})"))
            blocks += [company_block(c, counts.get(c.id, 0)) for c in companies]
        if blocks:
            blocks.append(text_block("", "r restores the selected one; u undoes it.", dim=True))
        current = self.view.current
        self.view.set_blocks(blocks, keep=current)
        total = len(contacts) + len(companies)
        self.query_one("#archive-header", Static).update(
            Text(
                f"Archive · {plural(len(contacts), 'referrer')}, {plural(len(companies), 'company', 'companies')}"
                if total
                else "Archive · empty"
            )
        )

    def ids_changed(self) -> None:
        self.reload()

    def _current(self) -> Archived | None:
        item = self.view.current
        if isinstance(item, Archived):
            return item
        self.notify("Nothing archived to act on.", severity="warning")
        return None

    def action_restore(self) -> None:
        item = self._current()
        if item is None:
            return
        record_id = item.record_id
        if item.table == "contacts":
            saved_contact = self.session.save(lambda r: r.restore(record_id))
            if saved_contact is not None:
                place = saved_contact.phase.label if saved_contact.phase else "the network"
                self.notify(f"Restored {saved_contact.name} to {place}. u undoes.")
                self.reload()
            return
        saved_company = self.session.save(lambda r: r.restore_company(record_id))
        if saved_company is not None:
            self.notify(f"Restored {saved_company.name} to your companies. u undoes.")
            self.reload()

    def action_open(self) -> None:
        item = self._current()
        if item is None:
            return
        if item.table == "contacts":
            actions.open_person(self, self.session, item.record_id, self.reload)
        else:
            actions.research(self, self.session, item.record_id, self.reload)

    def action_back(self) -> None:
        self.dismiss(None)
