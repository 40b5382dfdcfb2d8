"""The board: four phase columns of referrer cards, and every action on a card.

Paint first, then compute: the first frame shows the column titles with their counts and
the cards on screen (read from the stored fields by the board model, no record built for
a card off screen). The coach markers, the coverage warnings, the header's counts and the
follow-ups sidebar are computed by a worker thread right after, and again a moment after
each change. A change updates only what it touches: a move changes two columns' lists and
one card, a cursor move repaints two cards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from referral_tui.domain import matrix
from referral_tui.domain.records import PHASES, Contact, Phase
from referral_tui.store.engine import ExternalChange
from referral_tui.ui import actions as referrer_actions
from referral_tui.ui.board_model import BoardModel
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.board_columns import BoardColumns
from referral_tui.ui.widgets.card_column import CardColumn
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.sidebar import DueList, FollowUpList, FollowUpSidebar, due_list

SIDEBAR_AUTO_WIDTH = 140  # below this the four columns get the room (names shown whole); F shows it
COPIES_RESCAN = 15.0  # seconds between looks for Syncthing/Dropbox conflict copies beside the file
EXTRAS_DELAY = 0.3  # seconds of quiet after a change before the coach, warnings and sidebar are redone

EMPTY_HINTS = {
    Phase.RESEARCH: "press a to add",
    Phase.RELATIONSHIP: "nobody yet",
    Phase.TIMING: "nobody yet",
    Phase.ASK: "no asks yet",
}


def describe_external(change: ExternalChange) -> str:
    """One line about what another session (or a sync tool) changed: "2 referrers added by
    another session"."""
    parts = []
    for table, label in (("contacts", "referrer"), ("companies", "company"), ("followups", "follow-up")):
        for keys, verb in ((change.added, "added"), (change.changed, "changed"), (change.removed, "removed")):
            count = len(keys.get(table, ()))
            if count:
                plural = {"company": "companies"}.get(label, label + "s") if count != 1 else label
                parts.append(f"{count} {plural} {verb}")
    others = sum(len(change.keys(t)) for t in ("interactions", "asks", "templates", "profile"))
    if others and not parts:
        parts.append("the history changed")
    return f"{', '.join(parts)} by another session." if parts else ""


def header_line(parts: list[tuple[str, str]], width: int) -> Text:
    """The parts joined by `` · ``; when wider than ``width`` (0: any width), the last parts
    are dropped whole (the file's name first): the parts come most needed first."""
    while True:
        line = Text()
        for index, (text, style) in enumerate(parts):
            if index:
                line.append(" · ", style="dim")
            line.append(text, style=style)
        if not width or line.cell_len <= width or len(parts) <= 2:
            return line
        parts = parts[:-1]


class BoardScreen(UndoRedoKeys, Screen[None]):
    AUTO_FOCUS = "#columns"  # the first frame already has a card focused (and the footer its keys)
    BINDINGS = [
        Binding("shift+left,H", "move(-1)", "Move back", id="board.move_prev", key_display="H", show=False),
        Binding("shift+right,L", "move(1)", "Move", id="board.move_next", key_display="H/L"),
        Binding("enter", "open", "Open", id="board.open"),
        Binding("a", "quick_add", "Add", id="board.add"),
        Binding("s", "score", "Score", id="board.score"),
        Binding("i", "interaction", "Log", id="board.interaction"),
        Binding("t", "messages", "Message", id="board.messages"),
        Binding("r", "ask", "Ask", id="board.ask"),
        Binding("f", "focus_sidebar", "Follow-ups", id="board.followups"),
        Binding("c", "companies", "Companies", id="board.companies"),
        Binding("p", "plan", "Plan", id="board.plan"),
        Binding("m", "metrics", "Metrics", id="board.metrics"),
        Binding("n", "network", "Network", id="board.network"),
        Binding("T", "today", "Today", id="board.today"),
        Binding("A", "archive_view", "Archived", id="board.archive_view"),
        Binding("F", "toggle_sidebar", "Show/hide follow-ups", id="board.toggle_sidebar", show=False),
        Binding("slash", "filter", "Filter", id="board.filter", key_display="/"),
        Binding("u", "undo", "Undo", id="board.undo"),
        Binding("ctrl+r", "redo", "Redo", id="board.redo", show=False),
        Binding("x,delete", "archive", "Archive", id="board.archive", key_display="x"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.model = BoardModel(session.repo, session.today, session.config.role_max_age_days)
        self._sidebar_choice: bool | None = None  # None: shown when the terminal is wide enough
        self._sidebar_from_f = False  # shown over the board by f: goes when the focus goes back
        self._extras_timer: Timer | None = None
        self.save_status = ""
        self.warnings: list[str] = []
        self.due: DueList | None = None
        #: How many times the columns were given new lists (tests count it: a move touches two).
        self.column_updates = 0
        self._header = Text()
        #: The coach markers, warnings and sidebar match the data (no recompute scheduled or running).
        self.extras_ready = False
        #: The one line naming conflict copies of the file beside it ("" when there are none).
        self.conflict_notice = ""
        self.conflict_copies = 0

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="board-header")
        yield Input(placeholder="filter by name, company or #tag · enter keeps · esc clears", id="filter", compact=True)
        with Horizontal(id="board-body"):
            yield BoardColumns(
                [
                    CardColumn(
                        label=phase.label,
                        today=self.session.today,
                        empty_text=EMPTY_HINTS[phase],
                        source=self.model.card,
                        id=f"cards-{phase.value}",
                    )
                    for phase in PHASES
                ],
                id="columns",
            )
            yield FollowUpSidebar(self.session, id="sidebar")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.model.rebuild()  # ids and dates from the stored fields: cards are built as they are drawn
        for phase in PHASES:
            self.column_for(phase).set_ids(self.model.ids[phase])
        self.board_columns.activate(next((c for c in self.columns if c.ids), self.columns[0]))
        self._update_header()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        first_frame = getattr(self.app, "first_frame", None)
        if callable(first_frame):
            first_frame()
        # The follow-ups are read from the stored fields in a few milliseconds: the sidebar comes
        # in the next frame; the coach and the warnings (the whole campaign) follow from a worker.
        self._show_due(due_list(self.session.repo, self.session.today))
        self._update_header()
        self.refresh_extras()
        self.set_interval(COPIES_RESCAN, self._rescan_copies)

    @work(thread=True, exclusive=True, group="board-copies")
    def _rescan_copies(self) -> None:
        """A sync tool may leave a conflict copy at any time: look beside the file now and then."""
        repo = self.session.repo
        copies = len(repo.rescan_conflict_copies())
        notice = repo.conflict_notice()
        if copies != self.conflict_copies:
            try:
                self.app.call_from_thread(self._show_copies, notice, copies)
            except RuntimeError:  # the app is closing
                return

    def _show_copies(self, notice: str, copies: int) -> None:
        if notice and notice != self.conflict_notice:
            self.notify(notice, title="Another copy of your campaign", severity="warning", timeout=20)
        self.conflict_notice, self.conflict_copies = notice, copies
        self._update_header()

    @property
    def board_columns(self) -> BoardColumns:
        return self.query_one(BoardColumns)

    @property
    def columns(self) -> list[CardColumn]:
        return self.board_columns.columns

    def column_for(self, phase: Phase) -> CardColumn:
        return self.board_columns.column_for(phase)

    @property
    def focused_column(self) -> CardColumn:
        """The active column (the one the card keys act on)."""
        return self.board_columns.active

    def focus_column(self, column: CardColumn) -> None:
        self.board_columns.activate(column)
        self.board_columns.focus()

    @on(FollowUpList.Leave)
    def _sidebar_left(self) -> None:
        self.board_columns.focus()

    @on(BoardColumns.PastLastColumn)
    def _past_last_column(self) -> None:
        """l or right past Ask: into the follow-ups (laid over the board if they were hidden)."""
        self.action_focus_sidebar()

    @property
    def sidebar(self) -> FollowUpSidebar:
        return self.query_one(FollowUpSidebar)

    def _apply_sidebar(self) -> None:
        """Wide terminals show the follow-ups beside the columns; narrower ones lay them over
        the right of the board when asked for (f, F), so the columns keep their width."""
        wide = self.size.width >= SIDEBAR_AUTO_WIDTH
        self.sidebar.set_class(not wide, "-overlay")
        self.sidebar.display = self._sidebar_choice if self._sidebar_choice is not None else wide

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Back on the cards from follow-ups laid over the board (f or F, then h or esc): they
        go, so the Timing and Ask columns show again."""
        if self._sidebar_from_f and self.sidebar.has_class("-overlay") and event.widget is self.board_columns:
            self._sidebar_from_f = False
            self._sidebar_choice = None
            self._apply_sidebar()
            self._update_header()

    def action_toggle_sidebar(self) -> None:
        """F: show or hide the follow-ups for good on a wide terminal. Narrower they lie over
        Timing and Ask, so they are shown only with the focus in them (as f does): cards no
        one can see must not take the keys."""
        if not self.sidebar.display and self.size.width < SIDEBAR_AUTO_WIDTH:
            self.action_focus_sidebar()
            return
        self._sidebar_from_f = False
        self._sidebar_choice = not self.sidebar.display
        self._apply_sidebar()
        if not self.sidebar.display and self.sidebar.has_focus_within:
            self.board_columns.focus()
        self._update_header()

    def action_focus_sidebar(self) -> None:
        if not self.sidebar.display:
            self._sidebar_from_f = True
            self._sidebar_choice = True
            self._apply_sidebar()
            self._update_header()
        self.query_one(FollowUpList).focus()

    @on(FollowUpSidebar.Changed)
    def _sidebar_changed(self) -> None:
        self.refresh_board()

    @on(FollowUpSidebar.Open)
    def _sidebar_open(self, event: FollowUpSidebar.Open) -> None:
        self.open_detail(event.contact_id)

    def on_resize(self, event: Resize) -> None:
        """(Below 80x24 the app covers every screen with a notice: screens/too_small.py.)"""
        self._apply_sidebar()
        self._update_header()  # it fits the new width; the follow-up count shows while the sidebar is hidden

    # -- data ---------------------------------------------------------------------------

    def refresh_board(self, focus_id: int | None = None, complete: bool = True) -> None:
        """Show what changed since the last call (the store told the model which records),
        keeping the focus on the same referrer, or moving it to ``focus_id``; the coach, the
        warnings and the sidebar follow a moment later (``complete``)."""
        current = self.focused_column.current
        keep = focus_id if focus_id is not None else (current.contact_id if current else None)
        if keep is not None:
            keep = self.session.repo.resolve(Contact, keep)  # a card added here may have its real id now
        phases, cards = self.model.apply()
        for phase in phases:
            column = self.column_for(phase)
            column.set_ids(self.model.ids[phase], keep if keep in self.model.ids[phase] else None)
            self.column_updates += 1
        for column in self.columns:
            if cards:
                column.refresh_cards(cards)
        if keep is not None:
            holder = self.model.phase_of(keep)
            if holder is not None:
                column = self.column_for(holder)
                index = column.index_of(keep)
                if index is not None and (column is not self.focused_column or column.cursor != index):
                    column.cursor = index
                    self.board_columns.activate(column)
        if self.due is not None:  # the follow-ups are cheap to read again (no record is built)
            self._show_due(due_list(self.session.repo, self.session.today))
        self._update_header()
        if complete:
            self._schedule_extras()

    def _show_due(self, due: DueList) -> None:
        """Show the due follow-ups if they changed (a move changes none: the sidebar stays)."""
        if due != self.due:
            self.due = due
            self.sidebar.show(due)

    def _schedule_extras(self) -> None:
        """The coach, the warnings and the sidebar, once the keys stop (each change restarts the wait)."""
        self.extras_ready = False
        if self._extras_timer is not None:
            self._extras_timer.stop()
        self._extras_timer = self.set_timer(EXTRAS_DELAY, self.refresh_extras)

    def refresh_extras(self) -> None:
        self._extras_timer = None
        self.extras_ready = False
        self._compute_extras()

    @work(thread=True, exclusive=True, group="board-extras")
    def _compute_extras(self) -> None:
        """Off the event loop: these read the whole campaign (10,000 records at the most)."""
        repo, today = self.session.repo, self.session.today
        from referral_tui.domain import coach  # the rules load in the worker, off the start path

        findings = coach.review(repo.coach_data(today))
        coached = frozenset(f.contact_id for f in findings if f.contact_id is not None)
        from referral_tui.domain.campaign import company_rows, coverage_warnings

        warnings = coverage_warnings(company_rows(repo.companies(), repo.contacts(), repo.asks(), repo.followups()))
        due = due_list(repo, today)
        copies = len(repo.rescan_conflict_copies())  # a sync tool may have made one (or a merge removed it)
        notice = repo.conflict_notice()
        if not get_current_worker().is_cancelled:
            try:
                self.app.call_from_thread(self._show_extras, coached, warnings, due, notice, copies)
            except RuntimeError:  # the app is closing
                return

    def _show_extras(
        self, coached: frozenset[int], warnings: list[str], due: DueList, notice: str = "", copies: int = 0
    ) -> None:
        self._show_copies(notice, copies)
        changed = self.model.set_coached(coached)
        if changed:
            for column in self.columns:
                column.refresh_cards(changed)
        self.warnings = warnings
        self._show_due(due)
        self._update_header()
        self.extras_ready = self._extras_timer is None

    def _update_header(self) -> None:
        """One line of plain Text (names and paths never go through markup) that fits the
        terminal: the least needed parts (the file's name, then the filter) go first when it
        is too narrow, so nothing is cut mid-word."""
        total = sum(len(ids) for ids in self.model.ids.values())
        parts: list[tuple[str, str]] = [("referral-tui", "bold"), (f"{total} referrers", "")]
        counts = self.due.counts if self.due is not None else None
        if counts is not None and counts.overdue:
            # Red turns a dark grey without colour: reversed, it still stands out.
            parts.append((f"! {counts.overdue} overdue", "bold reverse" if self.app.no_color else "bold red"))
        if self.save_status:
            parts.append((self.save_status, "bold"))
        if self.model.query:
            parts.append((f"filter: {self.model.query} (esc clears)", "bold"))
        if counts is not None and not self.sidebar.display and counts.today + counts.upcoming:
            shown = [f"{counts.today} due today"] if counts.today else []
            shown += [f"{counts.upcoming} this week"] if counts.upcoming else []
            parts.append((f"{', '.join(shown)} (f shows)", "bold"))
        if self.conflict_copies:
            n = self.conflict_copies
            parts.append(
                (f"⚠ {n} conflict cop{'y' if n == 1 else 'ies'} of this file: referral-tui merge", "bold yellow")
            )
        if self.warnings:
            n = len(self.warnings)
            parts.append((f"⚠ {n} coverage warning{'s' if n != 1 else ''} (c)", "yellow"))
        parts.append((f"{self.session.repo.path.name} (? shows where)", "dim"))
        line = header_line(parts, self.size.width - 2 if self.size.width else 0)
        if line != self._header:  # an unchanged header is not sent to the terminal again
            self._header = line
            self.query_one("#board-header", Static).update(line, layout=False)

    def ids_changed(self) -> None:
        """Records added this session were saved and got their real ids."""
        self.refresh_board(complete=False)

    def external_change(self, change: ExternalChange) -> None:
        """Another session changed the file: show it, keeping the focus on the same person, and
        say in one line what came in."""
        self.refresh_board()
        message = describe_external(change)
        if message:
            self.notify(message, timeout=6)

    def show_save_status(self, status: str) -> None:
        self.save_status = status
        self._update_header()

    # -- actions on cards ---------------------------------------------------------------

    def _current(self) -> Any:
        card = self.focused_column.current
        if card is None:
            self.notify("No card here. Press a to add a referrer.", severity="warning")
        return card

    def action_move(self, delta: int) -> None:
        card = self._current()
        if card is None:
            return
        seen = PHASES[self.columns.index(self.focused_column)]
        target = seen.next() if delta > 0 else seen.previous()
        if target is None:
            self.notify(f"{card.name} is already in {seen.label}.", severity="warning")
            return
        if target is not Phase.ASK:
            self._do_move(card.contact_id, seen, target)
            # In a thread, started once the move's frame is out: a thread started now would take
            # the GIL from the frame.
            self.call_after_refresh(self._coach_after_move, card.contact_id, target)
            return
        from referral_tui.domain import coach

        notes = coach.before_ask(self.session.repo.coach_data(self.session.today), card.contact_id)
        why = matrix.gate_reason(card.total)
        if why is not None:
            extra = "".join(f"\n⚑ {n}" for n in notes if "scores" not in n and "not scored" not in n)
            body = (
                f"{card.name} {why}. {matrix.THRESHOLD_RULE.capitalize()} (relationship, influence, "
                f"relevance, timing).{extra}\n\nMove to Ask anyway?"
            )

            def confirmed(ok: bool | None) -> None:
                if ok:
                    self._do_move(card.contact_id, seen, target)

            title = f"Ask below {matrix.ASK_THRESHOLD}?"
            self.app.push_screen(ConfirmDialog(title, body, "Move to Ask"), confirmed)
            return
        if notes:
            self.notify("\n".join(f"⚑ {n}" for n in notes), title="Coach", severity="warning", timeout=10)
        self._do_move(card.contact_id, seen, target)

    @work(thread=True, group="board-move-coach")
    def _coach_after_move(self, contact_id: int, target: Phase) -> None:
        """What the coach says about a move that does not ask (into Timing with no contact logged)."""
        from referral_tui.domain import coach

        notes = coach.before_move(self.session.repo.coach_data(self.session.today), contact_id, target)
        if notes:
            text = "\n".join(f"⚑ {n}" for n in notes)
            try:
                self.app.call_from_thread(self.notify, text, title="Coach", severity="warning", timeout=10)
            except RuntimeError:  # the app is closing
                return

    def _do_move(self, contact_id: int, seen: Phase, target: Phase) -> None:
        """In memory at once (the writer saves it after this frame); the board follows the card."""
        if self.session.save(lambda repo: repo.move(contact_id, target, seen)) is not None:
            self.refresh_board(focus_id=contact_id)

    def action_quick_add(self) -> None:
        def added(text: str | None) -> None:
            if not text:
                return
            contact = self.session.save(lambda repo: repo.quick_add(text))
            if contact is not None and contact.phase is not None:
                self.notify(f"Added {contact.name} to {contact.phase.label}.")
                self.refresh_board(focus_id=contact.id)
                self.focus_column(self.column_for(contact.phase))

        companies, tags = referrer_actions.known_names(self.session)
        people = referrer_actions.known_people(self.session)
        self.app.push_screen(QuickAddDialog(known_companies=companies, known_tags=tags, known_people=people), added)

    def action_archive(self) -> None:
        card = self._current()
        if card is None:
            return

        def confirmed(ok: bool | None) -> None:
            if ok and self.session.save(lambda repo: repo.archive(card.contact_id)) is not None:
                self.notify(f"Archived {card.name}. Press u to undo.")
                self.refresh_board()

        body = f"Hide {card.name} ({card.company}) from the board? Nothing is deleted; u undoes it."
        self.app.push_screen(ConfirmDialog("Archive referrer?", body, "Archive"), confirmed)

    def after_history(self) -> None:
        self.refresh_board()

    def _with_card(self, action: Callable[[Screen[Any], Session, int, Callable[[], None]], None]) -> None:
        card = self._current()
        if card is not None:
            action(self, self.session, card.contact_id, lambda: self.refresh_board(card.contact_id))

    def action_score(self) -> None:
        self._with_card(referrer_actions.score)

    def action_interaction(self) -> None:
        self._with_card(referrer_actions.log_interaction)

    def action_messages(self) -> None:
        self._with_card(referrer_actions.messages)

    def action_companies(self) -> None:
        from referral_tui.ui.screens.companies import CompaniesScreen

        self.app.push_screen(CompaniesScreen(self.session), lambda _: self.refresh_board())

    def action_network(self) -> None:
        from referral_tui.ui.screens.network import NetworkScreen

        self.app.push_screen(NetworkScreen(self.session), lambda _: self.refresh_board())

    def action_metrics(self) -> None:
        from referral_tui.ui.screens.metrics import MetricsScreen

        self.app.push_screen(MetricsScreen(self.session), lambda _: self.refresh_board())

    def action_plan(self) -> None:
        from referral_tui.ui.screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(self.session), lambda _: self.refresh_board())

    def action_ask(self) -> None:
        self._with_card(referrer_actions.ask)

    def action_today(self) -> None:
        from referral_tui.ui.screens.today import TodayScreen

        self.app.push_screen(TodayScreen(self.session), lambda _: self.refresh_board())

    def action_archive_view(self) -> None:
        from referral_tui.ui.screens.archive import ArchiveScreen

        self.app.push_screen(ArchiveScreen(self.session), lambda _: self.refresh_board())

    def action_open(self) -> None:
        card = self._current()
        if card is not None:
            self.open_detail(card.contact_id)

    def open_detail(self, contact_id: int) -> None:
        from referral_tui.ui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(self.session, contact_id), lambda _: self.refresh_board(contact_id))

    # -- filter -------------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._set_query(event.value)

    def _set_query(self, query: str) -> None:
        current = self.focused_column.current
        self.model.rebuild(query)
        for phase in PHASES:
            self.column_for(phase).set_ids(self.model.ids[phase], current.contact_id if current else None)
        self._update_header()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.focus_column(next((c for c in self.columns if c.ids), self.columns[0]))

    def key_escape(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display or self.model.query:
            box.value = ""
            box.display = False
            self._set_query("")
            self.board_columns.focus()
