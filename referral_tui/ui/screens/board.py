"""The board: four phase columns of referrer cards, and every action on a card."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from referral_tui.domain import coach
from referral_tui.domain.board import Card, build_columns
from referral_tui.domain.campaign import company_rows, coverage_warnings
from referral_tui.domain.records import PHASES, Contact, Phase, order_key
from referral_tui.store.engine import ExternalChange
from referral_tui.ui import actions as referrer_actions
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.board_columns import BoardColumns
from referral_tui.ui.widgets.card_column import CardColumn
from referral_tui.ui.widgets.sidebar import FollowUpList, FollowUpSidebar

MIN_WIDTH, MIN_HEIGHT = 60, 15
SIDEBAR_AUTO_WIDTH = 110
REFRESH_DELAY = 0.4  # seconds of quiet before the full refresh after fast-path moves

EMPTY_HINTS = {
    Phase.RESEARCH: "press a to add",
    Phase.RELATIONSHIP: "nobody yet",
    Phase.TIMING: "nobody yet",
    Phase.ASK: "no asks yet",
}


class BoardScreen(Screen[None]):
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
        Binding("F", "toggle_sidebar", "Show/hide follow-ups", id="board.toggle_sidebar", show=False),
        Binding("slash", "filter", "Filter", id="board.filter", key_display="/"),
        Binding("u", "undo", "Undo", id="board.undo"),
        Binding("x,delete", "archive", "Archive", id="board.archive", key_display="x"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.query_text = ""
        self._loads = -1
        self._sidebar_choice: bool | None = None  # None: shown when the terminal is wide enough
        self._refresh_timer: Timer | None = None
        self.save_status = ""
        self._last_data: dict[Phase, list[Card]] = {}
        self._last_warnings: list[str] = []

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
                        id=f"cards-{phase.value}",
                    )
                    for phase in PHASES
                ],
                id="columns",
            )
            yield FollowUpSidebar(self.session, id="sidebar")
        yield Static("", id="too-small")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.refresh_board(complete=False)  # the cards first: the coach and the sidebar follow
        self.board_columns.activate(next((c for c in self.columns if c.cards), self.columns[0]))
        self.call_after_refresh(self.refresh_board)

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

    @on(BoardColumns.PastLastColumn)
    def _past_last_column(self) -> None:
        if self.sidebar.display:
            self.query_one(FollowUpList).focus()

    @property
    def sidebar(self) -> FollowUpSidebar:
        return self.query_one(FollowUpSidebar)

    def _apply_sidebar(self) -> None:
        wide = self.size.width >= SIDEBAR_AUTO_WIDTH
        self.sidebar.display = self._sidebar_choice if self._sidebar_choice is not None else wide

    def action_toggle_sidebar(self) -> None:
        self._sidebar_choice = not self.sidebar.display
        self._apply_sidebar()
        if not self.sidebar.display and self.sidebar.has_focus_within:
            self.board_columns.focus()
        self.refresh_board()

    def action_focus_sidebar(self) -> None:
        if not self.sidebar.display:
            self._sidebar_choice = True
            self._apply_sidebar()
        self.query_one(FollowUpList).focus()

    @on(FollowUpSidebar.Changed)
    def _sidebar_changed(self) -> None:
        self.refresh_board()

    @on(FollowUpSidebar.Open)
    def _sidebar_open(self, event: FollowUpSidebar.Open) -> None:
        self.open_detail(event.contact_id)

    def on_resize(self, event: Resize) -> None:
        shown = self.sidebar.display
        self._apply_sidebar()
        if shown != self.sidebar.display:
            self.refresh_board()  # the header shows the follow-up count while the sidebar is hidden
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        self.set_class(small, "too-small")
        self.query_one("#too-small", Static).update(
            f"Make the terminal at least {MIN_WIDTH}x{MIN_HEIGHT} (it is {event.size.width}x{event.size.height}).",
            layout=False,
        )

    # -- data ---------------------------------------------------------------------------

    def refresh_board(self, focus_id: int | None = None, complete: bool = True) -> None:
        """Redraw every column from the store, keeping the focused card where possible.

        ``complete=False`` skips the coach markers, the coverage warnings and the sidebar,
        for the first paint; a complete refresh follows it.
        """
        repo = self.session.repo
        current = self.focused_column.current if self.is_mounted else None
        keep = focus_id if focus_id is not None else (current.contact_id if current else None)
        if keep is not None:
            keep = repo.resolve(Contact, keep)  # a card added this session may have its real id now
        data = build_columns(
            repo.contacts(on_board=True),
            repo.company_names(),
            repo.followups(),
            repo.asks(),
            self.session.today,
            self.query_text,
            coached={f.contact_id for f in coach.review(repo.coach_data(self.session.today)) if f.contact_id}
            if complete
            else frozenset(),
        )
        for phase, cards in data.items():
            column = self.column_for(phase)
            column.set_cards(cards, keep if keep is not None and any(c.contact_id == keep for c in cards) else None)
        if keep is not None:
            holder = next((c for c in self.columns if c.index_of(keep) is not None), None)
            if holder is not None and holder is not self.focused_column:
                self.board_columns.activate(holder)
        if complete:
            self.sidebar.refresh_items(self.session.today)
        self._update_header(data, self._coverage_warnings() if complete else [])

    def _update_header(self, data: dict[Phase, list[Card]], warnings: list[str]) -> None:
        """One line of plain Text (names and paths never go through markup)."""
        self._last_data, self._last_warnings = data, warnings
        cards = [c for cs in data.values() for c in cs]
        overdue = sum(1 for c in cards if c.overdue)
        parts: list[tuple[str, str]] = [("referral-tui", "bold"), (f"{len(cards)} referrers", "")]
        if overdue:
            parts.append((f"! {overdue} overdue", "bold red"))
        if not self.sidebar.display and self.sidebar.count:
            parts.append((f"{self.sidebar.count} follow-ups due (f shows)", "bold"))
        if warnings:
            parts.append((f"⚠ {len(warnings)} coverage warning{'s' if len(warnings) != 1 else ''} (c)", "yellow"))
        if self.query_text:
            parts.append((f"filter: {self.query_text} (esc clears)", "bold"))
        if self.save_status:
            parts.append((self.save_status, "bold"))
        parts.append((f"{self.session.repo.path.name} (? shows where)", "dim"))
        line = Text()
        for index, (text, style) in enumerate(parts):
            if index:
                line.append(" · ", style="dim")
            line.append(text, style=style)
        self.query_one("#board-header", Static).update(line, layout=False)

    def _coverage_warnings(self) -> list[str]:
        repo = self.session.repo
        return coverage_warnings(company_rows(repo.companies(), repo.contacts(), repo.asks(), repo.followups()))

    def ids_changed(self) -> None:
        """Records added this session were saved and got their real ids."""
        self.refresh_board()

    def external_change(self, change: ExternalChange) -> None:
        """Another session changed the file: show it, keeping the focus on the same person."""
        self.refresh_board()

    def show_save_status(self, status: str) -> None:
        self.save_status = status
        self._update_header(self._last_data, self._last_warnings)

    # -- actions on cards ---------------------------------------------------------------

    def _current(self) -> Card | None:
        card = self.focused_column.current
        if card is None:
            self.notify("No card here. Press a to add a referrer.", severity="warning")
        return card

    def action_move(self, delta: int) -> None:
        card = self._current()
        if card is None:
            return
        contact = self.session.repo.contact(card.contact_id)
        assert contact.phase is not None
        target = contact.phase.next() if delta > 0 else contact.phase.previous()
        if target is None:
            self.notify(f"{card.name} is already in {contact.phase.label}.", severity="warning")
            return
        notes = (
            coach.before_ask(self.session.repo.coach_data(self.session.today), card.contact_id)
            if target is Phase.ASK
            else []
        )
        if target is Phase.ASK and not card.worth_asking:
            why = "is not scored yet" if card.total is None else f"scores {card.total}/20"
            extra = "".join(f"\n⚑ {n}" for n in notes if "scores" not in n and "not scored" not in n)
            body = (
                f"{card.name} {why}. The method says to ask only referrers who total 12 or more "
                f"on the matrix (relationship, influence, relevance, timing).{extra}\n\nMove to Ask anyway?"
            )

            def confirmed(ok: bool | None) -> None:
                if ok:
                    self._do_move(card.contact_id, target)

            self.app.push_screen(ConfirmDialog("Ask below 12?", body, "Move to Ask"), confirmed)
            return
        if target is Phase.ASK and notes:
            self.notify("\n".join(f"⚑ {n}" for n in notes), title="Coach", severity="warning", timeout=10)
        self._do_move(card.contact_id, target)

    def _do_move(self, contact_id: int, target: Phase) -> None:
        source = self.focused_column
        index = source.index_of(contact_id)
        seen = PHASES[self.columns.index(source)]
        if self.session.save(lambda repo: repo.move(contact_id, target, seen)) is None:
            return
        if index is None:
            self.refresh_board(focus_id=contact_id)
            return
        # Fast path: the move is in memory (the writer saves it after this frame); the two
        # columns change now, the coach markers, the sidebar and the header once keys stop.
        card = source.cards[index]
        destination = self.column_for(target)
        source.set_cards(source.cards[:index] + source.cards[index + 1 :])
        cards = destination.cards + [card]
        cards.sort(key=lambda c: order_key(c.contact_id))
        destination.set_cards(cards, focus_id=contact_id)
        self.board_columns.activate(destination)
        self._schedule_refresh()

    def _schedule_refresh(self) -> None:
        """One full refresh after a burst of fast-path changes (each key restarts the wait)."""
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
        self._refresh_timer = self.set_timer(REFRESH_DELAY, lambda: self.refresh_board())

    def action_quick_add(self) -> None:
        def added(text: str | None) -> None:
            if not text:
                return
            contact = self.session.save(lambda repo: repo.quick_add(text))
            if contact is not None and contact.phase is not None:
                self.notify(f"Added {contact.name} to {contact.phase.label}.")
                self.refresh_board(focus_id=contact.id)
                self.focus_column(self.column_for(contact.phase))

        self.app.push_screen(QuickAddDialog(), added)

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

    def action_undo(self) -> None:
        if self.session.undo():
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
        self.query_text = event.value
        self.refresh_board()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.focus_column(next((c for c in self.columns if c.cards), self.columns[0]))

    def key_escape(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display or self.query_text:
            box.value = ""
            self.query_text = ""
            box.display = False
            self.refresh_board()
            self.board_columns.focus()
