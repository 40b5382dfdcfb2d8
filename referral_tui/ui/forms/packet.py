"""The context packet of an ask, on its own: add it or edit it after the ask was made.

The coach says "send a context packet"; this form is where that is done (``p`` on an ask in
the detail screen, or Today's fix). It returns a ``domain.packet.Packet``; the caller saves
it with ``Repository.edit_packet``. The ask form composes the same fields (``packet_fields``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from referral_tui.domain import validation
from referral_tui.domain.packet import MAX_POINTS, MIN_POINTS, Packet
from referral_tui.domain.records import Ask
from referral_tui.ui.forms.base import FormScreen, form_bindings
from referral_tui.ui.widgets.inputs import FieldError, LineInput

#: The packet's fields that can be wrong, in the order they are shown.
PACKET_ERRORS = ("role_url", "why_role", "resume_url", "points")


def packet_fields(p: Packet, *, with_role_url: bool = True) -> Iterator[Widget]:
    """Why this role, the resume link, the points and the blurb (and the role link), with
    their message lines; ``#packet-status`` says what the packet still lacks."""
    if with_role_url:
        yield Label("Role link", classes="field-label")
        yield LineInput(p.role_url, placeholder="https://...", id="f-role_url")
        yield FieldError(id="e-role_url")
    yield Label("Why this role", classes="field-label")
    yield LineInput(p.why_role, placeholder="one or two sentences: why you, why this team, why now", id="f-why_role")
    yield FieldError(id="e-why_role")
    yield Label("Resume link", classes="field-label")
    yield LineInput(p.resume_url, placeholder="https://...", id="f-resume_url")
    yield FieldError(id="e-resume_url")
    yield Label(f"{MIN_POINTS}-{MAX_POINTS} points they can say about you (one per line)", classes="field-label")
    yield TextArea("\n".join(p.points), id="f-points", classes="short-area")
    yield FieldError(id="e-points")
    yield Label("Short blurb for the referral form", classes="field-label")
    yield TextArea(p.blurb, id="f-blurb", classes="short-area")
    yield Static("", id="packet-status", markup=False)


def points_of(text: str) -> list[str]:
    """The points typed one per line, without bullets."""
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


def packet_status(gaps: Sequence[str]) -> Text:
    if not gaps:
        return Text("✓ Context packet complete.", style="bold")
    return Text(f"⚠ Packet still needs: {'; '.join(gaps)}", style="bold")


class PacketForm(FormScreen[Packet]):
    """Add or edit the context packet of ``ask`` (to ``name``); dismisses with the Packet."""

    BINDINGS = form_bindings("packet")
    FRAME_ID: ClassVar[str] = "packet-form"
    DEFAULT_CSS = """
    PacketForm > #packet-form { width: 90; }
    """

    def __init__(self, ask: Ask, name: str, today: date) -> None:
        super().__init__()
        self.ask, self.person, self.today = ask, name, today

    def form_title(self) -> Text:
        role = self.ask.role_title or "a role"
        return Text(f"Context packet: {self.person}, {role} (asked {self.ask.day:%d %b %Y})")

    def compose_fields(self) -> ComposeResult:
        yield from packet_fields(self.ask.packet)

    def on_mount(self) -> None:
        self.query_one("#f-role_url", LineInput).focus()
        self._update_status()

    def packet(self) -> Packet:
        return Packet(
            role_url=self.query_one("#f-role_url", LineInput).value.strip(),
            why_role=self.query_one("#f-why_role", LineInput).value.strip(),
            points=points_of(self.query_one("#f-points", TextArea).text),
            resume_url=self.query_one("#f-resume_url", LineInput).value.strip(),
            blurb=self.query_one("#f-blurb", TextArea).text.strip(),
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _update_status(self) -> None:
        self.query_one("#packet-status", Static).update(packet_status(self.packet().gaps))

    def action_save(self) -> None:
        p = self.packet()
        values = {
            "role_title": self.ask.role_title or "role",  # not edited here
            "role_url": p.role_url,
            "resume_url": p.resume_url,
            "day": self.ask.day.isoformat(),
            "why_role": p.why_role,
        }
        _, errors = validation.ask_errors(values, p.points, max(self.today, self.ask.day))
        errors = {k: v for k, v in errors.items() if k in PACKET_ERRORS}
        if self.show_errors(errors, PACKET_ERRORS):
            return
        self.dismiss(p)
