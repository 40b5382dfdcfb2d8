"""Today (``T``): one ordered list of what to do now, each row saying why it is there.

The rows come from ``repo.today()`` (``domain/today.py`` decides which and in what order),
read in a thread worker: the whole campaign is read, which may take a moment at 10,000
referrers. The keys act on the selected row: enter opens the person (or, for a coach
finding, the place that fixes it), ``d`` does it, ``z``/``Z`` snooze, ``x`` skips, ``t``
drafts the message from the row's template. A row that is done leaves the list at once;
``u`` brings it back.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from referral_tui.domain import coach, dates
from referral_tui.domain.coach_data import Finding, Fix, when
from referral_tui.domain.followups import FollowUpError
from referral_tui.domain.records import FollowUp
from referral_tui.domain.today import Do, Row, RowKind
from referral_tui.store.repository import Repository
from referral_tui.ui import actions
from referral_tui.ui.forms.prompt import PromptDialog
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.item_view import Block, ItemView, heading
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.sidebar import Answer, answer_note, ask_answer, reason_check

GROUP_TITLES: dict[RowKind, str] = {
    RowKind.OVERDUE: "Overdue follow-ups",
    RowKind.DUE: "Due today",
    RowKind.EVENT: "After an event (within 48 hours)",
    RowKind.COACH: "The coach: one step fixes each",
    RowKind.ROLE: "Timing signals: open roles",
    RowKind.READY: "Relationships built enough to move on",
    RowKind.JOB_CHANGE: "Job changes",
    RowKind.STAY_IN_TOUCH: "Stay in touch",
}

#: What ``d`` does for a row, in the words the row shows.
DO_WORDS: dict[Do, str] = {
    Do.DONE: "d marks it done",
    Do.LOG: "d logs it",
    Do.ASK: "d opens the ask form",
    Do.PACKET: "d opens the context packet",
    Do.RESEARCH: "d opens the company's research",
    Do.SCORE: "d opens the scoring form",
    Do.MOVE: "d moves them on",
    Do.SEEN: "d marks it seen",
}

#: The coach's fix behind each "do" of a coach row.
FIX_OF: dict[Do, Fix] = {Do.PACKET: Fix.PACKET, Do.RESEARCH: Fix.RESEARCH, Do.LOG: Fix.LOG_VALUE, Do.SCORE: Fix.SCORE}

EMPTY = "Nothing to do today: no follow-up is due and the coach has no quick fix. A good day to give value."


def row_block(row: Row) -> Block:
    """Two lines of plain Text: whom it is about (and the day), then why and what ``d`` does."""
    first = Text()
    first.append(row.name or "Your campaign", style="bold")
    first.append(f"  {when(row.day)}", style="dim")
    second = Text("  ")
    second.append(row.why)
    second.append(f"  ({DO_WORDS[row.do]})", style="dim")
    return Block([first, second], payload=row, key=row.key)


def agenda_blocks(rows: list[Row]) -> list[Block]:
    """The rows under a heading per group, in Today's order."""
    blocks: list[Block] = []
    group: RowKind | None = None
    for row in rows:
        if row.kind is not group:
            group = row.kind
            count = sum(1 for r in rows if r.kind is group)
            blocks.append(heading(f"{GROUP_TITLES[group]} ({count})"))
        blocks.append(row_block(row))
    return blocks


def finding_of(row: Row) -> Finding:
    """The coach finding behind a coach row, as ``actions.open_fix`` takes it."""
    return Finding(
        row.key,
        row.why,
        row.why,
        "",
        row.contact_id,
        row.ask_id,
        fix=FIX_OF.get(row.do),
        company_id=row.company_id,
    )


class TodayScreen(UndoRedoKeys, Screen[None]):
    # In the order the footer offers them when it cannot show them all.
    BINDINGS = [
        Binding("d", "do", "Do it", id="today.do"),
        Binding("enter", "open", "Open", id="today.open", key_display="⏎"),
        Binding("z", "snooze", "Snooze", id="today.snooze"),
        Binding("x", "skip", "Skip", id="today.skip"),
        Binding("t", "draft", "Draft", id="today.draft"),
        Binding("u", "undo", "Undo", id="today.undo"),
        Binding("Z", "snooze_until", "Snooze to…", id="today.snooze_until", key_display="Z"),
        Binding("ctrl+r", "redo", "Redo", id="today.redo"),
        Binding("escape", "back", "Back", id="today.back"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]
    DEFAULT_CSS = """
    TodayScreen #today-header { height: 1; padding: 0 1; text-style: bold; }
    TodayScreen #today-list { height: 1fr; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        #: The rows read last (None until the first read is back).
        self.rows: list[Row] | None = None
        #: Rows done here that leave the list before the next read confirms it.
        self._gone: set[str] = set()
        self._generation = 0
        self._reading = False

    def compose(self) -> ComposeResult:
        yield Static("", id="today-header", markup=False)
        yield ItemView(empty="", id="today-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._header()
        self.query_one(ItemView).focus()
        self.reload()

    # -- reading ------------------------------------------------------------------------

    @property
    def view(self) -> ItemView:
        return self.query_one(ItemView)

    @property
    def shown(self) -> list[Row]:
        """The rows on screen, in order."""
        return [r for r in self.rows or [] if r.key not in self._gone]

    @property
    def loaded(self) -> bool:
        """The rows on screen are the newest read (nothing being read)."""
        return self.rows is not None and not self._reading

    def reload(self) -> None:
        """Read Today again off the event loop (a newer read wins over an older one)."""
        self._generation += 1
        self._reading = True
        self._read(self._generation)

    @work(thread=True, exclusive=True, group="today")
    def _read(self, generation: int) -> None:
        config = self.session.config
        rows = self.session.repo.today(
            self.session.today,
            stay_in_touch_days=config.stay_in_touch_days,
            role_max_age_days=config.role_max_age_days,
        )
        if get_current_worker().is_cancelled:
            return
        try:
            self.app.call_from_thread(self._show, rows, generation)
        except RuntimeError:  # the app is closing
            return

    def _show(self, rows: list[Row], generation: int) -> None:
        if generation != self._generation:
            return
        self.rows, self._gone, self._reading = rows, set(), False
        self._paint()

    def _paint(self) -> None:
        view = self.view
        current = view.current
        view.empty = EMPTY if self.rows is not None else "Reading what to do today…"
        view.set_blocks(agenda_blocks(self.shown), keep=current.key if isinstance(current, Row) else None)
        self._header()

    def _header(self) -> None:
        today = self.session.today
        title = f"Today, {dates.describe(today, today).split(' (')[0]}"
        if self.rows is None:
            line = f"{title} · reading…"
        else:
            count = len(self.shown)
            line = f"{title} · {count} thing{'s' if count != 1 else ''} to do"
        self.query_one("#today-header", Static).update(Text(line))

    def ids_changed(self) -> None:
        """Records added here were saved under their real ids: read again."""
        self.reload()

    # -- the selected row ---------------------------------------------------------------

    def _current(self) -> Row | None:
        row = self.view.current
        if isinstance(row, Row):
            return row
        self.notify("Nothing to do here." if self.rows is not None else "Still reading today's list.")
        return None

    def _gone_now(self, row: Row) -> None:
        """The row leaves the list at once; the next read confirms it."""
        self._gone.add(row.key)
        self._paint()

    def _save(self, row: Row, change: Callable[[Repository], object], message: str) -> None:
        try:
            saved = self.session.save(change)
        except FollowUpError as exc:
            self.notify(f"Not saved: {exc}.", severity="warning")
            return
        if saved is not None:
            self._gone_now(row)
            self.notify(f"{message} u undoes.")
            self.reload()

    # -- keys ---------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.kind is RowKind.COACH:
            actions.open_fix(self, self.session, finding_of(row), self.reload)
        elif row.contact_id is not None:
            actions.open_person(self, self.session, row.contact_id, self.reload)
        else:
            self.notify(row.why)

    def action_do(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.kind is RowKind.COACH:
            actions.open_fix(self, self.session, finding_of(row), self.reload)
        elif row.do is Do.DONE and row.followup_id is not None:
            self._done(row, row.followup_id)
        elif row.contact_id is None:
            self.notify(row.why)
        elif row.do is Do.LOG:
            actions.log_interaction(self, self.session, row.contact_id, self.reload, row.log_kind)
        elif row.do is Do.ASK:
            actions.ask(self, self.session, row.contact_id, self.reload, row.role_title, row.role_url)
        elif row.do is Do.SCORE:
            actions.score(self, self.session, row.contact_id, self.reload)
        elif row.do is Do.MOVE and row.target is not None:
            self._move(row, row.contact_id)
        elif row.do is Do.SEEN:
            contact_id = row.contact_id
            self._save(row, lambda r: r.acknowledge_job_change(contact_id), f"Noted {row.name}'s new job.")
        else:
            actions.open_person(self, self.session, row.contact_id, self.reload)

    def _done(self, row: Row, followup_id: int) -> None:
        if row.answers:

            def answered(answer: Answer) -> None:
                self._save(
                    row,
                    lambda r: r.complete_followup(followup_id, answer=answer[1]),
                    f"Done: the check-in with {row.name}.{answer_note(answer)}",
                )

            ask_answer(self.app, "Week-2 check-in", row.name, row.answers, answered)
            return
        self._save(row, lambda r: r.complete_followup(followup_id), f"Done: {row.name}. Logged the interaction.")

    def _move(self, row: Row, contact_id: int) -> None:
        target = row.target
        assert target is not None
        repo = self.session.repo
        notes = coach.before_move(repo.coach_data(self.session.today), contact_id, target)
        self._save(row, lambda r: r.move(contact_id, target), f"Moved {row.name} to {target.label}.")
        if notes:
            self.notify("\n".join(f"⚑ {n}" for n in notes), title="Coach", severity="warning", timeout=10)

    def action_snooze(self) -> None:
        row = self._current()
        if row is not None:
            self._snooze(row, self.session.config.snooze_days)

    def _snooze(self, row: Row, days: int) -> None:
        words = f"{days} day{'s' if days != 1 else ''}"
        followup_id = row.followup_id
        if followup_id is not None:
            self._save(row, lambda r: r.snooze_followup(followup_id, days), f"Snoozed {words}.")
        else:
            self._save(row, lambda r: r.snooze_today(row.key, days), f"Snoozed {words}.")

    def action_snooze_until(self) -> None:
        row = self._current()
        if row is None:
            return
        followup = self._followup(row)
        start = followup.due if followup is not None else self.session.today
        actions.snooze_until(self, self.session, row.name, start, lambda days: self._snooze(row, days))

    def _followup(self, row: Row) -> FollowUp | None:
        return self.session.repo.followup(row.followup_id) if row.followup_id is not None else None

    def action_skip(self) -> None:
        row = self._current()
        if row is None:
            return
        followup_id = row.followup_id
        if followup_id is None:
            self._save(row, lambda r: r.skip_today(row.key), "Skipped: it comes back only if something new happens.")
            return

        def because(reason: str | None) -> None:
            if reason:
                self._save(row, lambda r: r.skip_followup(followup_id, reason), f"Skipped: {row.name}.")

        self.app.push_screen(
            PromptDialog("Skip follow-up", f"Why skip this one with {row.name}?", reason_check), because
        )

    def action_draft(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.contact_id is None:
            self.notify("This row is about the whole campaign: there is no one to write to.", severity="warning")
            return
        from referral_tui.ui.screens.messages import MessageScreen

        screen = MessageScreen(self.session, row.contact_id, row.template or None)
        self.app.push_screen(screen, lambda _: self.reload())
