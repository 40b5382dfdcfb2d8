"""The four-week plan: where the campaign stands against the method's plan, and the next step.

Each week shows the counters computed from the data (``campaign.four_week_plan``) and its
checklist, items the user ticks (space or enter; ``[x]``/``[ ]``, no colour needed). Week 1
also keeps the audit of past referral attempts (who, company, what happened, what to
change): ``a`` adds one, ``e`` edits, ``x`` deletes (``u`` undoes). The plan is computed in a
worker; the list has the focus at once, so j/k, the arrows and the page keys move in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from referral_tui.domain.campaign import ChecklistRow, Plan, PlanError, WeekPlan, checklist_item, ticked
from referral_tui.domain.clock import ClockError, parse_day
from referral_tui.domain.dates import Direction
from referral_tui.domain.records import AuditEntry
from referral_tui.ui.forms.prompt import DatePrompt
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.marked_list import MarkedList

TICK_PREFIX, AUDIT_PREFIX = "tick:", "audit:"
AUDIT_WEEK = 1


@dataclass(frozen=True)
class PlanView:
    """What the screen shows, computed off the event loop."""

    plan: Plan
    audit: list[AuditEntry]


def check_box(done: bool) -> str:
    return "[x]" if done else "[ ]"


def checklist_text(row: ChecklistRow) -> Text:
    text = Text(f"  {check_box(row.ticked)} ", style="bold")
    text.append(row.item.text)
    if row.ticked and row.day:
        text.append(f"  (done {row.day:%d %b})", style="dim")
    return text


def audit_text(entry: AuditEntry) -> Text:
    """One past attempt on two lines at most: who and where, then what happened and the lesson."""
    text = Text("  • ")
    text.append(entry.who, style="bold")
    if entry.company:
        text.append(f" at {entry.company}")
    if entry.day:
        text.append(f" ({entry.day:%d %b %Y})")
    if entry.what_happened:
        text.append(f": {entry.what_happened}")
    if entry.what_to_change:
        text.append("\n    change: ", style="bold")
        text.append(entry.what_to_change)
    return text


def week_title(week: WeekPlan, current: int | None) -> Text:
    here = current == week.week
    mark = "✓" if week.done else ("▶" if here else "·")
    text = Text(f"{mark} Week {week.week}: {week.title}", style="bold")
    if here:
        text.append("  ")
        text.append(" you are here ", style="reverse")
    return text


def plan_options(view: PlanView) -> list[Option]:
    """Every line of the plan: the weeks' titles and counters (not selectable), their checklist
    items and week 1's audit entries (selectable; their ids say what they are)."""
    plan = view.plan
    options: list[Option] = []
    for w in plan.weeks:
        if options:
            options.append(Option(Text(""), disabled=True))
        options.append(Option(week_title(w, plan.current_week), disabled=True))
        options += [Option(Text(f"    {line}"), disabled=True) for line in w.progress]
        options += [Option(checklist_text(row), id=f"{TICK_PREFIX}{row.item.key}") for row in w.checklist]
        if w.week == AUDIT_WEEK:
            options.append(
                Option(Text("  Past referral attempts (a adds · e edits · x deletes):", style="italic"), disabled=True)
            )
            options += [Option(audit_text(e), id=f"{AUDIT_PREFIX}{e.id}") for e in view.audit]
            if not view.audit:
                options.append(
                    Option(Text("    none yet: a adds the first (who, where, what happened)"), disabled=True)
                )
    return options


def head_text(plan: Plan) -> Text:
    text = Text("The four-week plan\n", style="bold")
    if plan.start is None:
        text.append("No campaign start date yet: press d to set it (e.g. the Monday you began).", style="not bold")
    elif plan.current_week is None:
        text.append(f"The campaign starts on {plan.start:%a %d %b %Y}.", style="not bold")
    else:
        beyond = " (past the four weeks: keep the rhythm going)" if plan.current_week > 4 else ""
        text.append(f"Started {plan.start:%a %d %b %Y}; you are in week {plan.current_week}{beyond}.", style="not bold")
    return text


class PlanList(MarkedList):
    """The plan's lines; the cursor moves over the checklist items and the audit entries."""

    BINDINGS = [Binding("enter,space", "select", "Tick", id="plan.tick", key_display="space")]
    DEFAULT_CSS = """
    PlanList > .option-list--option-disabled { color: $foreground; }
    """


class PlanScreen(UndoRedoKeys, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="plan.back"),
        Binding("a", "add_attempt", "Add attempt", id="plan.audit_add"),
        Binding("e", "edit_attempt", "Edit attempt", id="plan.audit_edit"),
        Binding("x,delete", "delete_attempt", "Delete attempt", id="plan.audit_delete", key_display="x"),
        Binding("d", "set_start", "Set start date", id="plan.start"),
        Binding("u", "undo", "Undo", id="plan.undo"),
        Binding("ctrl+r", "redo", "Redo", id="plan.redo", show=False),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]
    DEFAULT_CSS = """
    PlanScreen #plan-head { height: auto; padding: 0 1; }
    PlanScreen #plan-step { height: auto; padding: 0 1; border: round $accent; }
    PlanScreen #plan-list { height: 1fr; border: none; padding: 0 1; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: PlanView | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("The four-week plan", style="bold"), id="plan-head", markup=False)
        yield Static("", id="plan-step", markup=False)
        yield PlanList(id="plan-list", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(PlanList).focus()
        self.reload()

    # -- computing (a worker) and showing -----------------------------------------------------

    def start_day(self) -> str:
        return self.session.repo.profile().get("campaign_start", "")

    def reload(self) -> None:
        start = None
        if text := self.start_day():
            try:
                start = parse_day(text)
            except ClockError:
                start = None
        self._compute(self.session.today, start)

    @work(thread=True, exclusive=True, group="plan")
    def _compute(self, today: date, start: date | None) -> None:
        repo = self.session.repo
        view = PlanView(repo.plan(today, start), repo.audit_entries())
        self.app.call_from_thread(self.show, view)

    def show(self, view: PlanView) -> None:
        if not self.is_attached:
            return
        self.view = view
        self.query_one("#plan-head", Static).update(head_text(view.plan))
        next_step = Text("Next step\n", style="bold")
        next_step.append(view.plan.next_step, style="not bold")
        self.query_one("#plan-step", Static).update(next_step)
        listing = self.query_one(PlanList)
        keep = self.current_id
        if keep is not None and keep.startswith(AUDIT_PREFIX):  # a new entry may have its real id now
            keep = f"{AUDIT_PREFIX}{self.session.repo.resolve(AuditEntry, int(keep.removeprefix(AUDIT_PREFIX)))}"
        listing.clear_options()
        listing.add_options(plan_options(view))
        ids = [listing.get_option_at_index(n).id for n in range(listing.option_count)]
        if keep is not None and keep in ids:
            listing.highlighted = ids.index(keep)
        else:
            listing.action_first()

    def ids_changed(self) -> None:
        """Audit entries added here were saved under their real ids: list them by those."""
        self.reload()

    @property
    def current_id(self) -> str | None:
        listing = self.query_one(PlanList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    @property
    def current_entry(self) -> AuditEntry | None:
        ident = self.current_id or ""
        if not ident.startswith(AUDIT_PREFIX) or self.view is None:
            return None
        return next((e for e in self.view.audit if str(e.id) == ident.removeprefix(AUDIT_PREFIX)), None)

    # -- ticking ------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#plan-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ident = event.option.id or ""
        if ident.startswith(TICK_PREFIX):
            self.tick(ident.removeprefix(TICK_PREFIX))
        elif ident.startswith(AUDIT_PREFIX):
            self.action_edit_attempt()

    def tick(self, key: str) -> None:
        """Tick the item (or untick a ticked one). The stored ticks decide (not the last
        computed plan), so two quick presses tick and untick; the line changes at once."""
        stored = ticked(self.session.repo.plan_ticks()).get(key)
        done = not (stored is not None and stored.done)
        saved = self.session.save(lambda r: r.tick(key, done))
        if saved is None:
            return
        item = checklist_item(key)
        self.query_one(PlanList).replace_option_prompt(
            f"{TICK_PREFIX}{key}", checklist_text(ChecklistRow(item, saved.done, saved.day))
        )
        self.notify(f"{'Ticked' if done else 'Unticked'} '{item.text}'. u undoes.")
        self.reload()

    # -- the audit ----------------------------------------------------------------------------

    def _audit_form(self, original: AuditEntry | None) -> None:
        from referral_tui.ui.forms.audit import AuditEntryForm

        repo = self.session.repo
        referrers = [(c.id, c.name) for c in repo.contacts(on_board=True)]
        companies = [c.name for c in repo.companies()]

        def done(entry: AuditEntry | None) -> None:
            if entry is None:
                return
            try:
                if original is None:
                    saved = self.session.save(lambda r: r.add_audit_entry(entry))
                else:
                    saved = self.session.save(lambda r: r.edit_audit_entry(original, entry))
            except PlanError as exc:
                self.notify(f"Not saved: {exc}.", severity="error")
                return
            if saved is not None:
                verb = "Added" if original is None else "Saved"
                self.notify(f"{verb} the attempt with {saved.who}. u undoes.")
                self.reload()

        form = AuditEntryForm(self.session.today, original=original, known_companies=companies, referrers=referrers)
        self.app.push_screen(form, done)

    def action_add_attempt(self) -> None:
        self._audit_form(None)

    def action_edit_attempt(self) -> None:
        entry = self.current_entry
        if entry is None:
            self.notify("Move to a past attempt (under week 1) to edit it; a adds one.", severity="warning")
            return
        self._audit_form(entry)

    def action_delete_attempt(self) -> None:
        entry = self.current_entry
        if entry is None:
            self.notify("Move to a past attempt (under week 1) to delete it.", severity="warning")
            return
        if self.session.save(lambda r: r.delete_audit_entry(entry.id)) is not None:
            self.notify(f"Deleted the attempt with {entry.who}. u undoes.")
            self.reload()

    # -- the start date, undo -----------------------------------------------------------------

    def action_set_start(self) -> None:
        def done(day: date | None) -> None:
            if day and self.session.save(lambda r: r.save_profile(campaign_start=day.isoformat())):
                self.notify(f"Campaign start saved: {day:%a %d %b %Y}. u undoes.")
                self.reload()

        current = self.start_day() or self.session.today.isoformat()
        prompt = DatePrompt(
            "Campaign start",
            "The day your campaign began (e.g. 2026-03-02, last mon, 14d ago)",
            self.session.today,
            Direction.ANY,
            current,
        )
        self.app.push_screen(prompt, done)

    def action_back(self) -> None:
        self.dismiss(None)
