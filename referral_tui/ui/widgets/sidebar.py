"""The due follow-ups sidebar: overdue, today and the next 7 days, with done/snooze/skip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

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
from referral_tui.domain.records import FollowUp
from referral_tui.store.repository import Repository
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.session import Session

HORIZON_DAYS = 7


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
        repo = self.session.repo
        groups = repo.due(today, HORIZON_DAYS)
        contacts = {c.id: c for c in repo.contacts()}
        companies = repo.company_names()
        options: list[Option | None] = []
        self.count = len(groups.overdue) + len(groups.today) + len(groups.upcoming)
        for title, items, mark in (
            ("Overdue", groups.overdue, "!"),
            ("Today", groups.today, "●"),
            (f"Next {HORIZON_DAYS} days", groups.upcoming, "→"),
        ):
            if not items:
                continue
            options.append(Option(Text(f"{title} ({len(items)})", style="bold"), disabled=True))
            for day, item in items:
                assert isinstance(item, FollowUp)
                contact = contacts[item.contact_id]
                where = companies.get(contact.company_id or 0, "")
                style = "bold red" if mark == "!" else ("bold" if mark == "●" else "")
                line = Text()
                line.append(f"{mark} {day:%a %d %b} ", style=style)
                line.append(contact.name, style="bold")
                line.append(
                    f"\n  {schedule.label(item.kind, short=True)}" + (f" · {where}" if where else ""), style="dim"
                )
                options.append(Option(line, id=str(item.id)))
        if not options:
            options.append(
                Option(Text("Nothing due this week.\nA good week to give value.", style="dim"), disabled=True)
            )
        listing = self.query_one(FollowUpList)
        keep = listing.highlighted
        listing.set_options([o for o in options if o is not None])
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
