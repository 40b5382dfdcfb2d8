"""Everything about one referrer, with the form to edit it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from referral_tui.domain import coach, schedule
from referral_tui.domain.matrix import ASK_THRESHOLD, CRITERIA, series
from referral_tui.domain.records import ASK_STATUSES, INTERACTION_KINDS, AskStatus, Contact, FollowUpStatus
from referral_tui.ui import actions as referrer_actions
from referral_tui.ui.forms.ask_outcome import AskOutcome, AskOutcomeForm
from referral_tui.ui.forms.contact import HOW_FOUND_CHOICES, ContactEdit, ContactForm
from referral_tui.ui.markup import escape
from referral_tui.ui.session import Session

HOW_FOUND_LABELS = {value: label for label, value in HOW_FOUND_CHOICES}


SPARK = "▁▂▃▄▅"


def spark(values: list[int]) -> str:
    """A tiny chart of 1-5 ratings over time (the newest 12)."""
    return "".join(SPARK[max(1, min(5, v)) - 1] for v in values[-12:])


def _e(text: str) -> str:
    return escape(text) if text else "[dim]—[/dim]"


class DetailScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="detail.back"),
        Binding("e", "edit", "Edit", id="detail.edit"),
        Binding("s", "score", "Score", id="detail.score"),
        Binding("i", "interaction", "Log", id="detail.interaction"),
        Binding("t", "messages", "Message", id="detail.messages"),
        Binding("N", "notes", "Notes", id="detail.notes"),
        Binding("r", "ask", "Ask", id="detail.ask"),
        Binding("o", "outcome", "Ask outcome", id="detail.outcome"),
        Binding("u", "undo", "Undo", id="detail.undo"),
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
    ]

    def __init__(self, session: Session, contact_id: int) -> None:
        super().__init__()
        self.session = session
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            for section in ("about", "coach", "matrix", "followups", "asks", "timeline", "notes"):
                yield Static("", id=f"detail-{section}", classes="detail-section")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_detail()

    def refresh_detail(self) -> None:
        repo = self.session.repo
        c = repo.contact(self.contact_id)
        company = repo.company(c.company_id).name if c.company_id else ""
        phase = c.phase.label if c.phase else "Network (not on the board)"
        archived = "  [b $warning]ARCHIVED[/]" if c.archived else ""
        self.query_one("#detail-about", Static).update(
            f"[b]{escape(c.name)}[/b]{archived}\n"
            f"Company: {_e(company)}    Title: {_e(c.title)}    Phase: [b]{phase}[/b]\n"
            f"Tags: {_e(' '.join('#' + t for t in c.tags))}    Found via: {_e(HOW_FOUND_LABELS.get(c.how_found, ''))}\n"
            f"Email: {_e(c.email)}    Links: {_e(' '.join(c.links))}"
        )
        self._coach()
        self._matrix(c)
        self._followups()
        self._asks()
        self._timeline()
        self.query_one("#detail-notes", Static).update(f"[b]Notes[/b]\n{_e(c.notes)}")

    def _matrix(self, c: Contact) -> None:
        lines = ["[b]Referral Tracking Matrix[/b]"]
        if not c.scores:
            lines.append("[dim]Not scored yet.[/dim]")
        else:
            s = c.scores[-1]
            verdict = "[b $success]✓ worth an ask[/]" if s.worth_asking else f"[b $warning]✗ under {ASK_THRESHOLD}[/]"
            lines.append(f"Total {s.total}/20  {verdict}   (scored {s.day:%d %b %Y})")
            for name, label, *_ in CRITERIA:
                values = [value for _, value in series(c.scores, name)]
                trend = f"{values[0]} → {values[-1]}" if len(values) > 1 else str(values[-1])
                lines.append(f"  {label:<22} {spark(values):<12} {trend}")
            header = "".join(f"{name:<14}" for name, *_ in CRITERIA)
            lines.append(f"[dim]{'date':<12}{header}total[/dim]")
            for entry in reversed(c.scores):
                row = "".join(f"{getattr(entry, name):<14}" for name, *_ in CRITERIA)
                lines.append(f"{entry.day.isoformat():<12}{row}{entry.total}")
        self.query_one("#detail-matrix", Static).update("\n".join(lines))

    def _coach(self) -> None:
        repo = self.session.repo
        findings = coach.for_contact(coach.review(repo.coach_data(self.session.today)), self.contact_id)
        widget = self.query_one("#detail-coach", Static)
        widget.display = bool(findings)
        widget.update(
            "[b $warning]Coach[/]\n"
            + "\n".join(
                f"⚑ [b]{escape(f.title)}[/b]: {escape(f.evidence)}\n   Next: {escape(f.next_step)}" for f in findings
            )
        )

    def _followups(self) -> None:
        today = self.session.today
        items = sorted(
            (f for f in self.session.repo.followups(open_only=False) if f.contact_id == self.contact_id),
            key=lambda f: f.due,
        )
        lines = ["[b]Follow-ups[/b]"] if items else ["[b]Follow-ups[/b]", "[dim]None scheduled.[/dim]"]
        for f in items:
            what = schedule.label(f.kind)
            if f.status == FollowUpStatus.OPEN:
                mark = "[b $error]! overdue[/]" if f.due < today else ("[b]● today[/b]" if f.due == today else "→ open")
            else:
                mark = f"[dim]{f.status}[/dim]"
            lines.append(f"{f.due:%a %d %b %Y}  {mark}  {escape(what)}")
        self.query_one("#detail-followups", Static).update("\n".join(lines))

    def _asks(self) -> None:
        asks = sorted(self.session.repo.asks(self.contact_id), key=lambda a: a.day, reverse=True)
        lines = ["[b]Referral asks[/b]"] if asks else ["[b]Referral asks[/b]", "[dim]No asks yet.[/dim]"]
        for a in asks:
            status = ASK_STATUSES.get(a.status, a.status)
            packet = "" if a.has_context_packet else "  [$warning]no context packet[/]"
            lines.append(f"{a.day:%d %b %Y}  {_e(a.role_title)}  [b]{status}[/b]{packet}")
            steps = [f"{ASK_STATUSES.get(h.get('status', ''), '?')} {h.get('day', '')}" for h in a.status_history]
            if len(steps) > 1:
                lines.append(f"   [dim]{escape(' → '.join(steps))}[/dim]")
            if a.screening_quality:
                lines.append(f"   screening quality {a.screening_quality}/5")
            if a.insider_info:
                lines.append(f"   insider: {escape(a.insider_info)}")
        self.query_one("#detail-asks", Static).update("\n".join(lines))

    def _timeline(self) -> None:
        items = sorted(self.session.repo.interactions(self.contact_id), key=lambda i: (i.day, i.id), reverse=True)
        lines = ["[b]Interactions[/b] (newest first)"] if items else ["[b]Interactions[/b]", "[dim]None logged.[/dim]"]
        for i in items:
            flags = (" [$success]+value[/]" if i.gave_value else "") + (" [$secondary]+insider[/]" if i.insider else "")
            lines.append(f"{i.day:%d %b %Y}  {INTERACTION_KINDS.get(i.kind, i.kind):<20} {escape(i.summary)}{flags}")
        self.query_one("#detail-timeline", Static).update("\n".join(lines))

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

    def action_edit(self) -> None:
        repo = self.session.repo
        c = repo.contact(self.contact_id)
        company = repo.company(c.company_id).name if c.company_id else ""

        def done(edit: ContactEdit | None) -> None:
            if edit and self.session.save(lambda r: r.edit_contact(edit.original, edit.edited, edit.company)):
                self.notify("Saved. Press u to undo.")
                self.refresh_detail()

        self.app.push_screen(ContactForm(c, company), done)

    def action_undo(self) -> None:
        if self.session.undo():
            self.refresh_detail()
