"""The due follow-ups sidebar: overdue, today and the next 7 days, with done/snooze/skip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from referral_tui.domain import schedule
from referral_tui.domain.followups import MAX_SNOOZE_DAYS
from referral_tui.domain.records import Company, Contact, FollowUp, FollowUpStatus
from referral_tui.store.repository import Repository
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.session import Session

HORIZON_DAYS = 7


@dataclass(frozen=True)
class DueRow:
    followup_id: int
    contact_id: int
    day: date
    kind: str
    name: str
    company: str


@dataclass(frozen=True)
class DueList:
    overdue: list[DueRow]
    today: list[DueRow]
    upcoming: list[DueRow]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.upcoming)


def due_list(repo: Repository, today: date, days: int = HORIZON_DAYS) -> DueList:
    """The open follow-ups of active referrers that are overdue, due today or due within
    ``days``, grouped and sorted by date (``schedule.group_due``), read from the stored fields
    only: it runs off the event loop and builds no record."""
    companies = {cid: str(name) for cid, name in repo.columns_by_id(Company, "name")}
    horizon = today + timedelta(days=days)
    items: list[tuple[date, DueRow]] = []
    for fid, cid, due_text, status, kind in repo.columns_by_id(FollowUp, "contact_id", "due", "status", "kind"):
        if status != FollowUpStatus.OPEN:
            continue
        due = date.fromisoformat(due_text)
        if due > horizon:
            continue
        person = repo.columns_of(Contact, cid, "name", "company_id", "archived", "phase")
        if person is None or person[2]:
            continue
        name, company_id, _, _ = person
        company = companies.get(company_id, "") if isinstance(company_id, int) else ""
        items.append((due, DueRow(fid, repo.resolve(Contact, cid), due, str(kind), str(name), company)))
    groups = schedule.group_due(items, today, days)
    return DueList([r for _, r in groups.overdue], [r for _, r in groups.today], [r for _, r in groups.upcoming])


def snooze_check(text: str) -> str | None:
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_SNOOZE_DAYS:
        return f"give a whole number of days from 1 to {MAX_SNOOZE_DAYS}"
    return None


def reason_check(text: str) -> str | None:
    return None if text.strip() else "say why you skip it, e.g. 'they changed teams'"


class FollowUpList(OptionList):
    BINDINGS = [
        Binding("d", "done", "Done", id="sidebar.done"),
        Binding("z", "snooze", "Snooze", id="sidebar.snooze"),
        Binding("Z", "snooze_ask", "Snooze…", id="sidebar.snooze_ask", key_display="shift+z"),
        Binding("x", "skip", "Skip", id="sidebar.skip"),
    ]

    @dataclass
    class Act(Message):
        action: str
        followup_id: int

    def _selected_id(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id and option.id.lstrip("-").isdigit() else None

    def _post(self, action: str) -> None:
        followup_id = self._selected_id()
        if followup_id is None:
            self.notify("Nothing due here.", severity="warning")
            return
        self.post_message(self.Act(action, followup_id))

    def action_done(self) -> None:
        self._post("done")

    def action_snooze(self) -> None:
        self._post("snooze")

    def action_snooze_ask(self) -> None:
        self._post("snooze_ask")

    def action_skip(self) -> None:
        self._post("skip")


class FollowUpSidebar(Vertical):
    """Lists due follow-ups; acts on them through the session and reports changes."""

    @dataclass
    class Changed(Message):
        """Data changed: the board should redraw."""

    @dataclass
    class Open(Message):
        contact_id: int

    def __init__(self, session: Session, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Label("Follow-ups", id="sidebar-title", classes="column-title")
        yield FollowUpList(id="followup-list")

    def refresh_items(self, today: date) -> None:
        """Read and show the due follow-ups now (the board does the reading off the event loop
        with ``due_list`` and shows the result with ``show``)."""
        self.show(due_list(self.session.repo, today))

    def show(self, due: DueList) -> None:
        options: list[Option] = []
        self.count = due.count
        for title, rows, mark in (
            ("Overdue", due.overdue, "!"),
            ("Today", due.today, "●"),
            (f"Next {HORIZON_DAYS} days", due.upcoming, "→"),
        ):
            if not rows:
                continue
            options.append(Option(Text(f"{title} ({len(rows)})", style="bold"), disabled=True))
            for row in rows:
                style = "bold red" if mark == "!" else ("bold" if mark == "●" else "")
                line = Text()
                line.append(f"{mark} {row.day:%a %d %b} ", style=style)
                line.append(row.name, style="bold")
                line.append(
                    f"\n  {schedule.label(row.kind, short=True)}" + (f" · {row.company}" if row.company else ""),
                    style="dim",
                )
                options.append(Option(line, id=str(row.followup_id)))
        if not options:
            options.append(
                Option(Text("Nothing due this week.\nA good week to give value.", style="dim"), disabled=True)
            )
        listing = self.query_one(FollowUpList)
        keep = listing.highlighted
        listing.set_options(options)
        if keep is not None and listing.option_count:
            listing.highlighted = min(keep, listing.option_count - 1)
        self.query_one("#sidebar-title", Label).update(f"Follow-ups ({self.count})")

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.lstrip("-").isdigit():
            self.post_message(self.Open(self.session.repo.followup(int(event.option.id)).contact_id))

    @on(FollowUpList.Act)
    def _act(self, event: FollowUpList.Act) -> None:
        event.stop()
        fid = event.followup_id
        label = schedule.label(self.session.repo.followup(fid).kind)
        if event.action == "done":
            self._save(lambda r: r.complete_followup(fid), f"Done: {label}. Logged the interaction.")
        elif event.action == "snooze":
            days = self.session.config.snooze_days
            self._save(
                lambda r: r.snooze_followup(fid, days), f"Snoozed {label} by {days} day{'s' if days != 1 else ''}."
            )
        elif event.action == "snooze_ask":

            def snooze_for(days: str | None) -> None:
                if days:
                    self._save(lambda r: r.snooze_followup(fid, int(days)), f"Snoozed {days} days.")

            default = str(self.session.config.snooze_days)
            prompt = PromptDialog("Snooze", f"Snooze '{label}' for how many days?", snooze_check, default)
            self.app.push_screen(prompt, snooze_for)
        elif event.action == "skip":

            def skip_because(reason: str | None) -> None:
                if reason:
                    self._save(lambda r: r.skip_followup(fid, reason), f"Skipped {label}.")

            self.app.push_screen(PromptDialog("Skip follow-up", f"Why skip '{label}'?", reason_check), skip_because)

    def _save(self, change: Callable[[Repository], object], message: str) -> None:
        if self.session.save(change) is not None:
            self.notify(f"{message} u undoes.")
            self.post_message(self.Changed())
