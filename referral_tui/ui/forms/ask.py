"""The referral ask: the role, the day, and the context packet the referrer needs.

The packet renders live through the referral-ask template, ready to copy. The caller
saves the returned Ask (which moves the card to Ask and schedules its follow-ups).
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static, TextArea

from referral_tui.domain import packet, validation
from referral_tui.domain.packet import MAX_POINTS, MIN_POINTS
from referral_tui.domain.records import Ask, Contact
from referral_tui.domain.templates import Rendered, render
from referral_tui.ui.markup import escape
from referral_tui.ui.widgets.message_text import highlighted

INPUTS = ("role_title", "role_url", "req_id", "day", "why_role", "resume_url")


class AskForm(Screen[Ask | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save ask", id="ask.save"),
        # F2 works in every field; ctrl+y too, except in the text boxes, where it is redo.
        Binding("f2,ctrl+y", "copy", "Copy message", id="ask.copy", key_display="F2"),
        Binding("escape", "cancel", "Cancel", id="ask.cancel"),
    ]

    def __init__(
        self,
        contact: Contact,
        company: str,
        values: dict[str, str],
        template_body: str,
        today: date,
        coach_notes: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.coach_notes = coach_notes or []
        self.contact, self.company, self.base_values = contact, company, values
        self.template_body, self.today = template_body, today
        self.rendered = Rendered("")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="ask-form"):
            yield Label(f"Ask {self.contact.name} ({self.company}) for a referral", classes="dialog-title")
            if self.coach_notes:
                notes = "\n".join(f"⚑ {escape(n)}" for n in self.coach_notes)
                yield Static(f"[b $warning]Coach[/] (advice only; you can still save)\n{notes}", id="ask-coach")
            for key, label, hint in (
                ("role_title", "Role", "Senior Platform Engineer"),
                ("role_url", "Role link", "https://..."),
                ("req_id", "Requisition id", "optional"),
                ("day", "Ask date (YYYY-MM-DD)", ""),
                ("why_role", "Why this role", "one or two sentences: why you, why this team, why now"),
                ("resume_url", "Resume link", "https://..."),
            ):
                yield Label(label, classes="field-label")
                value = self.today.isoformat() if key == "day" else ""
                yield Input(value, placeholder=hint, id=f"f-{key}", compact=True)
                yield Static("", id=f"e-{key}", classes="error", markup=False)
            yield Label(
                f"{MIN_POINTS}-{MAX_POINTS} points they can say about you (one per line)", classes="field-label"
            )
            yield TextArea(id="f-points", classes="short-area")
            yield Static("", id="e-points", classes="error", markup=False)
            yield Label("Short blurb for the referral form", classes="field-label")
            yield TextArea(id="f-blurb", classes="short-area")
            yield Static("", id="packet-status")
            yield Label("The message, ready to copy (F2)", classes="field-label")
            yield Static("", id="ask-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#f-role_title", Input).focus()
        self.update_preview()

    def _values(self) -> dict[str, str]:
        values = {k: self.query_one(f"#f-{k}", Input).value for k in INPUTS}
        values["blurb"] = self.query_one("#f-blurb", TextArea).text
        return values

    def _points(self) -> list[str]:
        return [
            line.strip(" -•*\t")
            for line in self.query_one("#f-points", TextArea).text.splitlines()
            if line.strip(" -•*\t")
        ]

    @on(Input.Changed)
    @on(TextArea.Changed)
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
        gaps = packet.gaps(values["role_url"], values["why_role"], points, values["resume_url"], values["blurb"])
        self.query_one("#packet-status", Static).update(
            "[$success]✓ Context packet complete.[/]"
            if not gaps
            else f"[$warning]Packet still needs: {'; '.join(gaps)}[/]"
        )

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.rendered.text)
        self.notify(f"Copied the ask message ({len(self.rendered.text)} characters).")

    @on(Input.Submitted)
    def action_save(self) -> None:
        values, points = self._values(), self._points()
        day, errors = validation.ask_errors(values, points, self.today)
        for key in (*INPUTS, "points"):
            self.query_one(f"#e-{key}", Static).update(f"✗ {errors[key]}" if key in errors else "")
        if errors or day is None:
            self.notify("Fix the marked fields; nothing was saved yet.", severity="warning")
            return
        self.dismiss(
            Ask(
                contact_id=self.contact.id,
                day=day,
                role_title=values["role_title"].strip(),
                role_url=values["role_url"].strip(),
                req_id=values["req_id"].strip(),
                why_role=values["why_role"].strip(),
                points=points,
                resume_url=values["resume_url"].strip(),
                blurb=values["blurb"].strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
