"""Snapshots of every form after a failed save, at 80x24 with NO_COLOR: the focused invalid
field (the ``▌`` bar, a reversed checkbox or select) and its message show without colour.

Each form runs alone in a bare app (tests/form_harness.py), the cursor blink off. Update after
a deliberate change with ``pytest tests/test_form_snapshots.py --snapshot-update`` and look at
the new SVGs under tests/__snapshots__/test_form_snapshots/.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from referral_tui.domain.records import Ask, Contact
from referral_tui.domain.strength import Strength
from referral_tui.ui.forms.ask import AskForm
from referral_tui.ui.forms.ask_outcome import AskOutcomeForm
from referral_tui.ui.forms.audit import AuditEntryForm
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.contact import ContactForm
from referral_tui.ui.forms.interaction import InteractionForm
from referral_tui.ui.forms.packet import PacketForm
from referral_tui.ui.forms.prompt import DatePrompt
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.forms.score import ScoreForm
from referral_tui.ui.forms.template import TemplateForm
from referral_tui.ui.widgets.inputs import TickBox
from tests.form_harness import FormHarness, opened, still

TODAY = date(2026, 3, 9)
SIZE = (80, 24)
ANA = Contact(name="Ana [Labs] Ruiz", company_id=1, title="Staff Engineer", id=1)
ASK = Ask(contact_id=1, day=date(2026, 3, 2), role_title="Platform Engineer", id=7)
STRENGTH = Strength(3, "3: 2 two-way exchanges, the last 5 days ago")

#: name -> (the form, the field values that make its save fail)
FORMS: dict[str, tuple[Callable[[], Screen[Any]], dict[str, str]]] = {
    "interaction": (lambda: InteractionForm(1, ANA.name, TODAY), {"#f-summary": "coffee chat", "#f-insider": "x"}),
    "ask": (
        lambda: AskForm(ANA, "Acme [Labs]", {}, "Hi {first_name},\n\n{why_role}", TODAY, [f"{ANA.name} is not scored"]),
        {"#f-role_url": "acme.example/jobs/1"},
    ),
    "outcome": (lambda: AskOutcomeForm([ASK], TODAY), {"#f-day": "next week"}),
    "company": (
        lambda: CompanyForm(None, TODAY, set()),
        {"#f-name": "Acme [Labs]", "#f-careers_url": "acme.example/careers"},
    ),
    "contact": (lambda: ContactForm(ANA, "Acme [Labs]"), {"#f-email": "ana at acme"}),
    "packet": (lambda: PacketForm(ASK, ANA.name, TODAY), {"#f-resume_url": "my-cv.pdf"}),
    "audit": (lambda: AuditEntryForm(TODAY), {"#f-company": "Globex"}),
    "score": (lambda: ScoreForm(ANA.name, TODAY, suggested_strength=STRENGTH), {}),
    "quick_add": (QuickAddDialog, {"#quick-add-input": "Ana Ruiz Acme"}),
    "snooze": (lambda: DatePrompt.snooze("Week-2 check-in", TODAY, 1, 90), {"#prompt-input": "91"}),
    "template": (lambda: TemplateForm(None), {}),
}


def failed_save(values: dict[str, str]) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        form = await opened(pilot)
        for selector, value in values.items():
            widget = form.query_one(selector)
            if isinstance(widget, TextArea):
                widget.load_text(value)
            elif isinstance(widget, Input):
                widget.value = value
            elif isinstance(widget, TickBox):
                widget.value = value == "x"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        still(pilot.app)
        await pilot.pause()

    return run


@pytest.mark.parametrize("name", sorted(FORMS))
def test_form_after_a_failed_save(
    name: str, snap_compare: Callable[..., bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # read (and removed from the environment) when the app is made
    make, values = FORMS[name]
    app = FormHarness(make())
    assert app.no_color
    assert snap_compare(app, terminal_size=SIZE, run_before=failed_save(values))
