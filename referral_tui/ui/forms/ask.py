"""The referral ask: the role, the day, and the context packet the referrer needs.

The packet renders live through the referral-ask template, ready to copy. The coach's
findings for the ask as drafted show before it is saved, live as the fields change, by the
same rules as after saving (``coach.findings_for_draft``, or ``coach.findings_for_edit`` on
an ask being edited; computed in a thread). The
company's current open roles are offered as the role (they fill the title and the link).
With ``original`` the form edits that ask instead. The caller saves the returned Ask (a new
one moves the card to Ask and schedules its follow-ups).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static, TextArea

from referral_tui.domain import coach, validation
from referral_tui.domain.coach_data import Data, Finding
from referral_tui.domain.dates import Direction
from referral_tui.domain.packet import Packet, gaps
from referral_tui.domain.records import Ask, Contact
from referral_tui.domain.roles import Role
from referral_tui.domain.templates import Rendered, render
from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.forms.packet import packet_fields, packet_status, points_of
from referral_tui.ui.widgets.inputs import DateField, FieldError, FormSelect, LineInput
from referral_tui.ui.widgets.message_text import highlighted

INPUTS = ("role_title", "role_url", "req_id", "why_role", "resume_url")
ERRORS = ("role_title", "role_url", "req_id", "day", "why_role", "resume_url", "points")
#: How long the fields rest before the coach looks again (keys typed fast are one change).
COACH_DELAY = 0.15


def coach_lines(findings: Sequence[Finding]) -> Text:
    """The coach's findings for the draft, one per line, the score first (``ADVICE_ORDER``)."""
    order = coach.ADVICE_ORDER
    ranked = sorted(findings, key=lambda f: order.index(f.rule) if f.rule in order else len(order))
    text = Text("Coach", style="bold")
    text.append(" (advice only; you can still save)")
    if not ranked:
        text.append("\n✓ Nothing to warn about in this ask.")
    for f in dict.fromkeys(ranked):
        text.append(f"\n⚑ {f.title}: ", style="bold")
        text.append(f.advice or f.next_step)
    return text


class AskForm(FormScreen[Ask]):
    BINDINGS = [
        *form_bindings("ask", "Save ask"),
        # F2 works in every field; ctrl+y too, except in the text boxes, where it is redo.
        Binding("f2,ctrl+y", "copy", "Copy message", id="ask.copy", key_display="F2"),
    ]
    FRAME_ID: ClassVar[str] = "ask-form"
    DEFAULT_CSS = """
    AskForm > #ask-form { width: 100%; height: 100%; max-height: 100%; }
    AskForm #ask-form > .form-body { height: 1fr; }
    AskForm #ask-preview { height: auto; padding: 0 1; border: round $panel-lighten-2; }
    AskForm #ask-coach { height: auto; margin-bottom: 1; }
    """

    @dataclass
    class CoachReady(Message):
        """The coach's findings for the draft as it was at ``seq``."""

        seq: int
        findings: list[Finding]

    def __init__(
        self,
        contact: Contact,
        company: str,
        values: dict[str, str],
        template_body: str,
        today: date,
        coach_notes: list[str] | None = None,
        *,
        coach_data: Data | None = None,
        roles: Sequence[Role] = (),
        original: Ask | None = None,
        role: Role | None = None,
    ) -> None:
        """``role``: the role to ask about (a Today row's open role), filled in at the start."""
        super().__init__()
        self.role = role
        self.coach_notes = coach_notes or []
        self.contact, self.company, self.base_values = contact, company, values
        self.template_body, self.today = template_body, today
        self.coach_data, self.roles, self.original = coach_data, list(roles), original
        self.rendered = Rendered("")
        #: The coach's latest findings for the draft (None until computed, or without data).
        self.findings: list[Finding] | None = None
        self.coach_seq = 0  # the draft's version the coach was last asked about
        self.coach_done = -1  # the version whose findings are shown
        self._coach_timer: Timer | None = None

    def form_title(self) -> Text:
        where = f" ({self.company})" if self.company else ""
        if self.original:
            return Text(f"Edit the ask to {self.contact.name}{where}")
        return Text(f"Ask {self.contact.name}{where} for a referral")

    def compose_fields(self) -> ComposeResult:
        o = self.original
        if self.coach_data is not None or self.coach_notes:
            yield Static(self._static_notes(), id="ask-coach", markup=False)
        if self.roles:
            yield Label(Text(f"Open roles at {self.company or 'the company'} (timing signals)"), classes="field-label")
            chosen = self.roles.index(self.role) if self.role in self.roles else Select.NULL
            yield FormSelect(
                [(Text(self._role_label(r)), n) for n, r in enumerate(self.roles)],
                prompt="pick one to fill in the role and its link",
                id="f-role_choice",
                compact=True,
                value=chosen,
            )
        role_title, role_url = (
            (o.role_title, o.role_url) if o else (self.role.title, self.role.url) if self.role else ("", "")
        )
        yield Label("Role", classes="field-label")
        yield LineInput(role_title, placeholder="Senior Platform Engineer", id="f-role_title")
        yield FieldError(id="e-role_title")
        yield Label("Role link", classes="field-label")
        yield LineInput(role_url, placeholder="https://...", id="f-role_url")
        yield FieldError(id="e-role_url")
        yield Label("Requisition id", classes="field-label")
        yield LineInput(o.req_id if o else "", placeholder="optional", id="f-req_id")
        yield FieldError(id="e-req_id")
        yield Label("Ask date", classes="field-label")
        yield DateField(
            o.day.isoformat() if o else "today",
            self.today,
            Direction.PAST,
            what=validation.ASK_DATE,
            hint=validation.ASK_DATE_HINT,
            id="day-field",
            input_id="f-day",
            note_id="e-day",
        )
        yield from packet_fields(o.packet if o else Packet(), with_role_url=False)
        yield Label("The message, ready to copy (F2)", classes="field-label")
        yield Static("", id="ask-preview", markup=False)

    @staticmethod
    def _role_label(role: Role) -> str:
        seen = f" · seen {role.seen:%d %b}" if role.seen else ""
        return f"{role.title or 'untitled role'}{seen}"

    def _static_notes(self) -> Text:
        if not self.coach_notes:
            return Text("Coach: reading the campaign…", style="dim")
        text = Text("Coach", style="bold")
        text.append(" (advice only; you can still save)")
        for note in self.coach_notes:
            text.append(f"\n⚑ {note}")
        return text

    def on_mount(self) -> None:
        self.query_one("#f-role_title", LineInput).focus()
        self.update_preview()
        self._ask_coach()

    # -- the draft ---------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        values = {k: self.query_one(f"#f-{k}", LineInput).value for k in INPUTS}
        values["day"] = self.query_one("#day-field", DateField).text
        values["blurb"] = self.query_one("#f-blurb", TextArea).text
        return values

    def _points(self) -> list[str]:
        return points_of(self.query_one("#f-points", TextArea).text)

    def draft(self) -> Ask:
        """The ask as the fields say now (today when the date does not read yet)."""
        values, points = self._values(), self._points()
        field = self.query_one("#day-field", DateField)
        day = field.value() if field.problem() is None else self.today
        base = self.original or Ask(contact_id=self.contact.id, day=day)
        return replace(
            base,
            day=day,
            role_title=values["role_title"].strip(),
            role_url=values["role_url"].strip(),
            req_id=values["req_id"].strip(),
            why_role=values["why_role"].strip(),
            points=points,
            resume_url=values["resume_url"].strip(),
            blurb=values["blurb"].strip(),
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(DateField.Changed)
    def update_preview(self) -> None:
        values, points = self._values(), self._points()
        filled = dict(self.base_values)
        filled.update(
            role=values["role_title"].strip(),
            role_link=values["role_url"].strip(),
            req_id=values["req_id"].strip(),
            why_role=values["why_role"].strip(),
            points="\n".join(f"- {p}" for p in points),
            resume_link=values["resume_url"].strip(),
            blurb=values["blurb"].strip(),
        )
        self.rendered = render(self.template_body, filled)
        self.query_one("#ask-preview", Static).update(highlighted(self.rendered))
        missing = gaps(values["role_url"], values["why_role"], points, values["resume_url"], values["blurb"])
        self.query_one("#packet-status", Static).update(packet_status(missing))
        self._ask_coach()

    @on(Select.Changed, "#f-role_choice")
    def _role_chosen(self, event: Select.Changed) -> None:
        if not isinstance(event.value, int):
            return
        role = self.roles[event.value]
        self.query_one("#f-role_title", LineInput).value = role.title
        self.query_one("#f-role_url", LineInput).value = role.url

    # -- the coach, in a thread --------------------------------------------------------------

    def _ask_coach(self) -> None:
        if self.coach_data is None or not self.is_mounted:
            return
        self.coach_seq += 1
        if self._coach_timer is not None:
            self._coach_timer.stop()
        self._coach_timer = self.set_timer(COACH_DELAY, self._start_coach)

    def _start_coach(self) -> None:
        if self.coach_data is not None:
            self._coach(self.coach_data, self.draft(), self.coach_seq)

    @work(thread=True, exclusive=True, group="ask-coach")
    def _coach(self, data: Data, draft: Ask, seq: int) -> None:
        if self.original is not None:
            findings = coach.findings_for_edit(data, draft)
        else:
            findings = coach.findings_for_draft(data, draft)
        self.post_message(self.CoachReady(seq, findings))

    @on(CoachReady)
    def _coach_ready(self, event: CoachReady) -> None:
        if event.seq < self.coach_done:
            return
        self.coach_done = event.seq
        self.findings = event.findings
        for box in self.query("#ask-coach").results(Static):
            box.update(coach_lines(event.findings))

    @property
    def coach_settled(self) -> bool:
        """The findings shown are for the draft as it is now (tests wait on this)."""
        return self.coach_data is None or self.coach_done == self.coach_seq

    # -- keys ----------------------------------------------------------------------------

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.rendered.text)
        self.notify(f"Copied the ask message ({len(self.rendered.text)} characters).")

    def action_save(self) -> None:
        # The date as typed: ask_errors reads it as the date field does (dates.parse_past,
        # with the same name and hint), so the message is the one under the field.
        day, errors = validation.ask_errors(self._values(), self._points(), self.today)
        if self.show_errors(errors, ERRORS) or day is None:
            return
        self.dismiss(self.draft())
