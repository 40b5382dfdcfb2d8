"""Everything about one referrer, and the history to correct: asks and interactions.

The page scrolls with the page keys; j/k (and the arrows) select, one after another, the
coach's findings, the asks and the interactions. On the selected one, enter opens it (a
finding: the place that fixes it), ``e`` edits it, ``x`` deletes it (soft: undoable), ``P``
edits an ask's context packet. With nothing selected, ``e`` edits the referrer. Every line
is plain ``Text``: names and notes are never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static

from referral_tui.domain import coach, schedule
from referral_tui.domain.coach_data import Finding, when
from referral_tui.domain.matrix import ASK_THRESHOLD, CRITERIA, series
from referral_tui.domain.records import (
    ASK_STATUSES,
    INTERACTION_KINDS,
    Ask,
    AskStatus,
    Contact,
    FollowUpStatus,
    Interaction,
)
from referral_tui.ui import actions as referrer_actions
from referral_tui.ui.forms.ask_outcome import AskOutcome, AskOutcomeForm
from referral_tui.ui.forms.confirm import ConfirmDialog
from referral_tui.ui.forms.contact import HOW_FOUND_CHOICES, ContactEdit, ContactForm
from referral_tui.ui.screens.undo_keys import UndoRedoKeys
from referral_tui.ui.session import Session
from referral_tui.ui.widgets.key_footer import KeyFooter
from referral_tui.ui.widgets.marked_list import CURSOR_MARK

HOW_FOUND_LABELS = {value: label for label, value in HOW_FOUND_CHOICES}
SPARK = "▁▂▃▄▅"
NONE = "—"
#: The sections whose entries j/k select, top to bottom.
SELECTABLE = ("coach", "asks", "timeline")


def spark(values: list[int]) -> str:
    """A tiny chart of 1-5 ratings over time (the newest 12)."""
    return "".join(SPARK[max(1, min(5, v)) - 1] for v in values[-12:])


@dataclass(frozen=True)
class Entry:
    """One selectable entry: a coach finding, an ask or an interaction (by id)."""

    section: str
    record_id: int = 0
    finding: Finding | None = None


def _or_dash(text: str) -> Text:
    return Text(text) if text else Text(NONE, style="dim")


def _field(label: str, value: str) -> Text:
    return Text.assemble(f"{label}: ", _or_dash(value))


class DetailScroll(VerticalScroll, can_focus=True):
    """The page: the page keys scroll it, j/k and the arrows select the entries."""

    BINDINGS = [
        Binding("down,j", "screen.select(1)", "Next entry", id="detail.next", show=False),
        Binding("up,k", "screen.select(-1)", "Previous entry", id="detail.previous", show=False),
        Binding("space", "page_down", "Page down", id="detail.page", show=False),
    ]


class DetailScreen(UndoRedoKeys, Screen[None]):
    # In the order the footer offers them when it cannot show them all.
    BINDINGS = [
        Binding("e", "edit", "Edit", id="detail.edit"),
        Binding("x,delete", "delete", "Delete", id="detail.delete", key_display="x"),
        Binding("P", "packet", "Packet", id="detail.packet"),
        Binding("enter", "open", "Open", id="detail.open", key_display="⏎"),
        Binding("s", "score", "Score", id="detail.score"),
        Binding("i", "interaction", "Log", id="detail.interaction"),
        Binding("r", "ask", "Ask", id="detail.ask"),
        Binding("o", "outcome", "Outcome", id="detail.outcome"),
        Binding("t", "messages", "Message", id="detail.messages"),
        Binding("N", "notes", "Notes", id="detail.notes"),
        Binding("u", "undo", "Undo", id="detail.undo"),
        Binding("ctrl+r", "redo", "Redo", id="detail.redo"),
        Binding("escape", "back", "Back", id="detail.back"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, session: Session, contact_id: int) -> None:
        super().__init__()
        self.session = session
        self.contact_id = contact_id
        #: The entries j/k select, in screen order; ``selected`` indexes them (None: the referrer).
        self.entries: list[Entry] = []
        self.selected: int | None = None
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        with DetailScroll(id="detail"):
            for section in ("about", "coach", "matrix", "roles", "followups", "asks", "timeline", "notes"):
                yield Static("", id=f"detail-{section}", classes="detail-section", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DetailScroll).focus()
        self.refresh_detail()

    # -- reading ------------------------------------------------------------------------

    def refresh_detail(self) -> None:
        repo = self.session.repo
        self.contact_id = repo.resolve(Contact, self.contact_id)
        c = repo.contact(self.contact_id)
        keep = self.current
        self.findings = coach.for_contact(coach.review(repo.coach_data(self.session.today)), self.contact_id)
        asks = sorted(repo.asks(self.contact_id), key=lambda a: (a.day, a.id), reverse=True)
        interactions = sorted(repo.interactions(self.contact_id), key=lambda i: (i.day, i.id), reverse=True)
        self.entries = (
            [Entry("coach", finding=f) for f in self.findings]
            + [Entry("asks", a.id) for a in asks]
            + [Entry("timeline", i.id) for i in interactions]
        )
        self.selected = self.entries.index(keep) if keep in self.entries else None
        self._asks, self._interactions = asks, interactions
        self._about(c)
        self._matrix(c)
        self._roles(c)
        self._followups()
        self._show_entries()
        self._set("notes", Text.assemble(Text("Notes", style="bold"), "\n", _or_dash(c.notes)))

    def _set(self, section: str, text: Text) -> None:
        self.query_one(f"#detail-{section}", Static).update(text)

    @property
    def current(self) -> Entry | None:
        """The selected entry (None: nothing selected, the keys act on the referrer)."""
        return self.entries[self.selected] if self.selected is not None else None

    def _about(self, c: Contact) -> None:
        repo = self.session.repo
        company = repo.company(c.company_id).name if c.company_id else ""
        text = Text(c.name, style="bold")
        if c.archived:
            text.append("  ARCHIVED", style="bold reverse")
        phase = c.phase.label if c.phase else "Network (not on the board)"
        text.append("\n")
        text.append_text(_field("Company", company))
        text.append("    ")
        text.append_text(_field("Title", c.title))
        text.append(f"    Phase: {phase}\n")
        text.append_text(_field("Tags", " ".join("#" + t for t in c.tags)))
        text.append("    ")
        text.append_text(_field("Found via", HOW_FOUND_LABELS.get(c.how_found, "")))
        text.append("\n")
        text.append_text(_field("Email", c.email))
        text.append("    ")
        text.append_text(_field("Links", " ".join(c.links)))
        self._set("about", text)

    def _matrix(self, c: Contact) -> None:
        lines = [Text("Referral Tracking Matrix", style="bold")]
        if not c.scores:
            lines.append(Text("Not scored yet (s scores).", style="dim"))
        else:
            s = c.scores[-1]
            verdict = "✓ worth an ask" if s.worth_asking else f"✗ under {ASK_THRESHOLD}"
            lines.append(Text(f"Total {s.total}/20  {verdict}   (scored {s.day:%d %b %Y})"))
            for name, label, *_ in CRITERIA:
                values = [value for _, value in series(c.scores, name)]
                trend = f"{values[0]} → {values[-1]}" if len(values) > 1 else str(values[-1])
                lines.append(Text(f"  {label:<22} {spark(values):<12} {trend}"))
            header = "".join(f"{name:<14}" for name, *_ in CRITERIA)
            lines.append(Text(f"{'date':<12}{header}total", style="dim"))
            for entry in reversed(c.scores):
                row = "".join(f"{getattr(entry, name):<14}" for name, *_ in CRITERIA)
                lines.append(Text(f"{entry.day.isoformat():<12}{row}{entry.total}"))
            strength = series(c.scores, "relationship")
            steps = " → ".join(f"{value} ({when(day)})" for day, value in strength[-8:])
            lines.append(Text(f"Relationship strength over time: {steps}"))
        suggested = self.session.repo.suggested_strength(self.contact_id, self.session.today)
        if suggested is not None:
            lines.append(Text(f"Suggested by your messages: {suggested.reason}", style="dim"))
        self._set("matrix", Text("\n").join(lines))

    def _roles(self, c: Contact) -> None:
        widget = self.query_one("#detail-roles", Static)
        if c.company_id is None:
            widget.display = False
            return
        repo = self.session.repo
        company = repo.company(c.company_id)
        roles = repo.current_roles(company.id, self.session.today, self.session.config.role_max_age_days)
        lines = [Text(f"Open roles at {company.name} (timing signals)", style="bold")]
        if not roles:
            lines.append(Text("None seen lately: add the roles you see in the company's research (c).", style="dim"))
        for role in roles:
            seen = f"seen {when(role.seen)}" if role.seen else "date unknown"
            line = Text(f"  {role.title}  ·  {seen}  ·  {role.status}")
            if role.url:
                line.append(f"  {role.url}", style="dim")
            lines.append(line)
        widget.display = True
        widget.update(Text("\n").join(lines))

    def _followups(self) -> None:
        today = self.session.today
        items = sorted(
            (f for f in self.session.repo.followups(open_only=False) if f.contact_id == self.contact_id),
            key=lambda f: (f.due, f.id),
        )
        lines = [Text("Follow-ups", style="bold")]
        if not items:
            lines.append(Text("None scheduled.", style="dim"))
        for f in items:
            line = Text(f"{f.due:%a %d %b %Y}  ")
            if f.status == FollowUpStatus.OPEN:
                if f.due < today:
                    line.append("! overdue", style="bold")
                else:
                    line.append("● today" if f.due == today else "→ open", style="bold" if f.due == today else "")
            else:
                line.append(str(f.status), style="dim")
            line.append(f"  {schedule.label(f.kind)}")
            lines.append(line)
        self._set("followups", Text("\n").join(lines))

    # -- the selectable sections ----------------------------------------------------------

    def _mark(self, entry: Entry, lines: list[Text]) -> list[Text]:
        """An entry's lines, marked (``▶`` and reverse) when it is the selected one."""
        chosen = entry == self.current
        out = []
        for n, line in enumerate(lines):
            text = Text(f"{CURSOR_MARK} " if chosen and n == 0 else "  ")
            text.append_text(line)
            if chosen:
                text.stylize("reverse bold")
            out.append(text)
        return out

    def _entry_lines(self, entry: Entry) -> list[Text]:
        if entry.finding is not None:
            f = entry.finding
            first = Text.assemble("⚑ ", (f.title, "bold"), f": {f.evidence}")
            return [first, Text(f"   Next: {f.next_step}")]
        if entry.section == "asks":
            return self._ask_lines(next(a for a in self._asks if a.id == entry.record_id))
        return [self._interaction_line(next(i for i in self._interactions if i.id == entry.record_id))]

    def _ask_lines(self, a: Ask) -> list[Text]:
        status = ASK_STATUSES.get(a.status, a.status)
        first = Text(f"{a.day:%d %b %Y}  ")
        first.append_text(_or_dash(a.role_title))
        first.append(f"  {status}", style="bold")
        gaps = a.packet_gaps
        first.append("  packet complete" if not gaps else "  no context packet" if len(gaps) == 5 else "")
        lines = [first]
        if gaps and len(gaps) < 5:
            lines.append(Text(f"   packet still needs: {'; '.join(gaps)}"))
        steps = [f"{ASK_STATUSES.get(h.get('status', ''), '?')} {h.get('day', '')}" for h in a.status_history]
        if len(steps) > 1:
            lines.append(Text(f"   {' → '.join(steps)}", style="dim"))
        if a.screening_quality:
            lines.append(Text(f"   screening quality {a.screening_quality}/5"))
        if a.insider_info:
            lines.append(Text(f"   insider: {a.insider_info}"))
        return lines

    def _interaction_line(self, i: Interaction) -> Text:
        line = Text(f"{i.day:%d %b %Y}  {INTERACTION_KINDS.get(i.kind, i.kind):<20} ")
        line.append(i.summary)
        if i.value_given:
            line.append(" +value", style="bold")
        if i.insider:
            line.append(" +insider", style="bold")
        return line

    def _show_entries(self) -> None:
        titles = {
            "coach": "Coach (enter opens the fix)",
            "asks": "Referral asks (e edit · x delete · P packet · o outcome)",
            "timeline": "Interactions (newest first; e edit · x delete)",
        }
        empty = {"asks": "No asks yet (r asks).", "timeline": "None logged (i logs one)."}
        for section in SELECTABLE:
            lines = [Text(titles[section], style="bold")]
            mine = [e for e in self.entries if e.section == section]
            for entry in mine:
                lines += self._mark(entry, self._entry_lines(entry))
            if not mine and section in empty:
                lines.append(Text(empty[section], style="dim"))
            widget = self.query_one(f"#detail-{section}", Static)
            widget.update(Text("\n").join(lines))
            if section == "coach":
                widget.display = bool(mine)

    def action_select(self, delta: int) -> None:
        """Select the next (or previous) entry; above the first, nothing is selected."""
        if not self.entries:
            self.query_one(DetailScroll).scroll_relative(y=delta, animate=False)
            return
        if self.selected is None:
            self.selected = 0 if delta > 0 else None
        else:
            target = self.selected + delta
            self.selected = None if target < 0 else min(target, len(self.entries) - 1)
        self._show_entries()
        self.call_after_refresh(self._scroll_to_selected)

    def _scroll_to_selected(self) -> None:
        scroll = self.query_one(DetailScroll)
        entry = self.current
        if entry is None:
            scroll.scroll_home(animate=False)
            return
        widget = self.query_one(f"#detail-{entry.section}", Static)
        before = sum(len(self._entry_lines(e)) for e in self.entries[: self.selected] if e.section == entry.section)
        height = len(self._entry_lines(entry))
        top = widget.virtual_region.y + 1 + before  # below the section's title line
        scroll.scroll_to_region(Region(0, top, 1, height), animate=False, immediate=True)

    # -- actions on the selected entry ----------------------------------------------------

    def _ask_for_key(self) -> Ask | None:
        """The selected ask, else the newest one (the packet and outcome keys act on it)."""
        entry = self.current
        if entry is not None and entry.section == "asks":
            return next(a for a in self._asks if a.id == entry.record_id)
        return self._asks[0] if self._asks else None

    def action_open(self) -> None:
        entry = self.current
        if entry is None:
            self.notify("j/k selects a finding, an ask or an interaction; e edits the referrer.")
        elif entry.finding is not None:
            referrer_actions.open_fix(self, self.session, entry.finding, self.refresh_detail)
        else:
            self.action_edit()

    def action_edit(self) -> None:
        entry = self.current
        if entry is None:
            self._edit_referrer()
        elif entry.finding is not None:
            referrer_actions.open_fix(self, self.session, entry.finding, self.refresh_detail)
        elif entry.section == "asks":
            referrer_actions.edit_ask(self, self.session, entry.record_id, self.refresh_detail)
        else:
            referrer_actions.edit_interaction(self, self.session, entry.record_id, self.refresh_detail)

    def action_delete(self) -> None:
        entry = self.current
        if entry is None or entry.section not in ("asks", "timeline"):
            self.notify("Select an ask or an interaction (j/k) to delete it.", severity="warning")
            return
        record_id = entry.record_id
        if entry.section == "asks":
            ask = next(a for a in self._asks if a.id == record_id)
            what = f"the ask of {ask.day:%d %b} for {ask.role_title or 'a role'}"
            body = f"Delete {what}? Its open follow-ups are cancelled. Nothing is lost: u undoes it."

            def delete_ask(ok: bool | None) -> None:
                if ok and self.session.save(lambda r: r.delete_ask(record_id)) is not None:
                    self.notify(f"Deleted {what}. u undoes.")
                    self.refresh_detail()

            self.app.push_screen(ConfirmDialog("Delete ask?", body, "Delete"), delete_ask)
            return
        item = next(i for i in self._interactions if i.id == record_id)
        what = f"the interaction of {item.day:%d %b} ({INTERACTION_KINDS.get(item.kind, item.kind)})"

        def delete_interaction(ok: bool | None) -> None:
            if ok and self.session.save(lambda r: r.delete_interaction(record_id)) is not None:
                self.notify(f"Deleted {what}. u undoes.")
                self.refresh_detail()

        body = f"Delete {what}? The coach and the metrics leave it out. u undoes it."
        self.app.push_screen(ConfirmDialog("Delete interaction?", body, "Delete"), delete_interaction)

    def action_packet(self) -> None:
        ask = self._ask_for_key()
        if ask is None:
            self.notify("No ask yet: press r to make one.", severity="warning")
            return
        referrer_actions.edit_packet(self, self.session, ask.id, self.refresh_detail)

    def action_score(self) -> None:
        referrer_actions.score(self, self.session, self.contact_id, self.refresh_detail)

    def action_interaction(self) -> None:
        referrer_actions.log_interaction(self, self.session, self.contact_id, self.refresh_detail)

    def action_messages(self) -> None:
        referrer_actions.messages(self, self.session, self.contact_id, self.refresh_detail)

    def action_notes(self) -> None:
        referrer_actions.edit_notes(self, self.session, self.contact_id, self.refresh_detail)

    def action_ask(self) -> None:
        referrer_actions.ask(self, self.session, self.contact_id, self.refresh_detail)

    def action_outcome(self) -> None:
        asks = self.session.repo.asks(self.contact_id)
        if not asks:
            self.notify("No ask yet: press r to make one.", severity="warning")
            return

        def done(outcome: AskOutcome | None) -> None:
            if outcome is None:
                return
            saved = self.session.save(
                lambda r: r.update_ask(
                    outcome.ask_id,
                    status=AskStatus(outcome.status),
                    day=outcome.day,
                    screening_quality=outcome.screening_quality,
                    insider_info=outcome.insider_info,
                )
            )
            if saved is not None:
                self.notify(f"Ask updated: {ASK_STATUSES[saved.status]}. u undoes.")
                self.refresh_detail()

        self.app.push_screen(AskOutcomeForm(asks, self.session.today), done)

    def action_back(self) -> None:
        self.dismiss(None)

    def _edit_referrer(self) -> None:
        repo = self.session.repo
        c = repo.contact(self.contact_id)
        company = repo.company(c.company_id).name if c.company_id else ""

        def done(edit: ContactEdit | None) -> None:
            if edit and self.session.save(lambda r: r.edit_contact(edit.original, edit.edited, edit.company)):
                self.notify("Saved. Press u to undo.")
                self.refresh_detail()

        companies, tags = referrer_actions.known_names(self.session)
        self.app.push_screen(ContactForm(c, company, known_companies=companies, known_tags=tags), done)

    def ids_changed(self) -> None:
        """Records added here were saved under their real ids."""
        self.refresh_detail()

    def after_history(self) -> None:
        self.refresh_detail()
