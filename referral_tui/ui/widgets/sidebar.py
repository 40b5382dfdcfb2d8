"""The due follow-ups sidebar: overdue, today and the next 7 days, with done/snooze/skip.

The selected row is marked without colour (``▶`` or ``>``, and reverse video); the first row
is selected when the list gets focus, so ``f`` then ``d`` acts on it. Marking a week-2
check-in done asks what the referrer said (``followups.WEEK2_ANSWERS``) and records the
answer as the ask's status (``repo.complete_followup(..., answer=...)``), in one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Focus
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from referral_tui.domain import followups as followup_rules
from referral_tui.domain import schedule
from referral_tui.domain.records import AskStatus, Company, Contact, FollowUp, FollowUpStatus
from referral_tui.store.repository import Repository
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.marked_list import MarkedList

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
    def counts(self) -> schedule.DueCounts:
        """The counts the header and the sidebar both show (``schedule.due_counts``)."""
        return schedule.due_counts(self)

    @property
    def count(self) -> int:
        return self.counts.total


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


def reason_check(text: str) -> str | None:
    return None if text.strip() else "say why you skip it, e.g. 'they changed teams'"


Answer = tuple[str, AskStatus | None]


class AnswerDialog(ModalScreen[int | None]):
    """Which answer the referrer gave (one of ``answers``): enter picks, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="answer.cancel")]
    DEFAULT_CSS = """
    AnswerDialog { align: center middle; }
    AnswerDialog > Vertical { width: 64; max-width: 100%; height: auto; border: round $accent; padding: 0 1; }
    """

    def __init__(self, title: str, question: str, answers: tuple[Answer, ...]) -> None:
        super().__init__()
        self.title_text, self.question, self.answers = title, question, answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text, style="bold"))
            yield Static(self.question, markup=False)
            yield MarkedList(*[Option(Text(text)) for text, _ in self.answers])
            yield Static("j/k or arrows choose · enter records it · esc cancels", markup=False)

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_answer(
    app: App[object], label: str, name: str, answers: tuple[Answer, ...], done: Callable[[Answer], None]
) -> None:
    """Ask what ``name`` said to a check-in (``label``); ``done`` gets the answer chosen."""

    def chosen(index: int | None) -> None:
        if index is not None:
            done(answers[index])

    question = f"Did {name} submit the referral? The answer is saved as the ask's status."
    app.push_screen(AnswerDialog(label, question, answers), chosen)


def sentence(text: str) -> str:
    """``text`` ending as a sentence does (a label may end with its own question mark)."""
    return text if text.endswith(("?", ".", "!")) else f"{text}."


def answer_note(answer: Answer) -> str:
    text, status = answer
    return f" Ask status: {status.label}." if status is not None else f" Noted: {text.lower()}."


class FollowUpList(MarkedList):
    BINDINGS = [
        Binding("d", "done", "Done", id="sidebar.done"),
        Binding("z", "snooze", "Snooze", id="sidebar.snooze"),
        Binding("Z", "snooze_ask", "Until…", id="sidebar.snooze_ask", key_display="Z"),
        Binding("x", "skip", "Skip", id="sidebar.skip"),
        Binding("escape,h,left", "leave", "Cards", id="sidebar.back", key_display="esc"),
    ]

    class Leave(Message):
        """Back to the cards (the board puts the focus there)."""

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    @dataclass
    class Act(Message):
        action: str
        followup_id: int

    def _first_enabled(self, start: int = 0) -> int | None:
        for index in range(start, self.option_count):
            if not self.get_option_at_index(index).disabled:
                return index
        for index in range(min(start, self.option_count) - 1, -1, -1):
            if not self.get_option_at_index(index).disabled:
                return index
        return None

    def select_first(self) -> None:
        """Select the first follow-up (not a group title) if none is selected."""
        current = self.highlighted
        if current is None or self.get_option_at_index(current).disabled:
            self.highlighted = self._first_enabled(current or 0)

    def on_focus(self, _: Focus) -> None:
        self.select_first()

    def _selected_id(self) -> int | None:
        self.select_first()
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
        self.count = due.counts.total
        counts = due.counts  # the header counts with the same function
        for title, rows, count, mark in (
            ("Overdue", due.overdue, counts.overdue, "!"),
            ("Today", due.today, counts.today, "●"),
            (f"Next {HORIZON_DAYS} days", due.upcoming, counts.upcoming, "→"),
        ):
            if not rows:
                continue
            options.append(Option(Text(f"{title} ({count})", style="bold"), disabled=True))
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
        keep_id = listing.get_option_at_index(keep).id if keep is not None and keep < listing.option_count else None
        listing.set_options(options)
        ids = [o.id for o in options]
        if keep_id is not None and keep_id in ids:
            listing.highlighted = ids.index(keep_id)
        elif keep is not None and listing.option_count:
            listing.highlighted = min(keep, listing.option_count - 1)
        if listing.has_focus or listing.highlighted is not None:
            listing.select_first()
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
        followup = self.session.repo.followup(fid)
        label = schedule.label(followup.kind)
        if event.action == "done" and followup_rules.needs_answer(followup):

            def answered(answer: Answer) -> None:
                self._save(
                    lambda r: r.complete_followup(fid, answer=answer[1]),
                    f"Done: {sentence(label)}{answer_note(answer)}",
                )

            name = self.session.repo.contact(followup.contact_id).name
            ask_answer(self.app, label, name, followup_rules.WEEK2_ANSWERS, answered)
        elif event.action == "done":
            self._save(lambda r: r.complete_followup(fid), f"Done: {label}. Logged the interaction.")
        elif event.action == "snooze":
            days = self.session.config.snooze_days
            self._save(
                lambda r: r.snooze_followup(fid, days), f"Snoozed {label} by {days} day{'s' if days != 1 else ''}."
            )
        elif event.action == "snooze_ask":
            from referral_tui.ui.actions import snooze_until

            def snooze_for(days: int) -> None:
                words = f"{days} day{'s' if days != 1 else ''}"
                self._save(lambda r: r.snooze_followup(fid, days), f"Snoozed {label} by {words}.")

            due = self.session.repo.followup(fid).due
            snooze_until(self.screen, self.session, label, due, snooze_for)
        elif event.action == "skip":

            def skip_because(reason: str | None) -> None:
                if reason:
                    self._save(lambda r: r.skip_followup(fid, reason), f"Skipped {label}.")

            self.app.push_screen(PromptDialog("Skip follow-up", f"Why skip '{label}'?", reason_check), skip_because)

    def _save(self, change: Callable[[Repository], object], message: str) -> None:
        if self.session.save(change) is not None:
            self.notify(f"{message} u undoes.")
            self.post_message(self.Changed())
