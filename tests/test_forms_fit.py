"""Every form at 80x24: the body scrolls, a failed save focuses the first invalid field with
its message in view; enter saves (from a checkbox or a select too), space ticks or opens;
user text in titles is shown literally, never read as markup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.app import App
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, Contact
from referral_tui.domain.strength import Strength
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.ask import AskForm
from referral_tui.ui.forms.ask_outcome import AskOutcomeForm
from referral_tui.ui.forms.audit import AuditEntryForm
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.contact import ContactForm
from referral_tui.ui.forms.interaction import InteractionForm
from referral_tui.ui.forms.packet import PacketForm
from referral_tui.ui.forms.profile import ProfileForm
from referral_tui.ui.forms.prompt import DatePrompt, PromptDialog
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.forms.score import ScoreForm
from referral_tui.ui.forms.template import TemplateForm
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.widgets.inputs import FormSelect, TickBox
from tests.form_harness import UNSET, FormHarness, opened, screen_text
from tests.helpers import fresh, notices, saved, text_of, wait_for

TODAY = date(2026, 3, 9)
SIZE = (80, 24)
ANA = Contact(name="Ana [Labs] Ruiz", company_id=1, id=1)
ASK = Ask(contact_id=1, day=date(2026, 3, 2), role_title="SRE", id=7)


def in_view(widget: Widget) -> bool:
    """The widget is drawn whole inside its form's scrolling body (and so on screen)."""
    body = widget.screen.query_one("#form-body", VerticalScroll)
    region = widget.region
    return bool(region.height) and body.region.contains_region(region)


def set_values(screen: Screen[Any], values: dict[str, str]) -> None:
    for selector, value in values.items():
        widget = screen.query_one(selector)
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, Input):
            widget.value = value
        elif isinstance(widget, TickBox):
            widget.value = value == "x"
        else:
            raise AssertionError(selector)


@dataclass(frozen=True)
class Case:
    """A form, the values that make its save fail, and the field that must then be focused,
    with its message."""

    make: Callable[[], Screen[Any]]
    values: dict[str, str]
    focus: str
    message: str
    start: str = ""  # the field focused before saving (far from the invalid one)


CASES: dict[str, Case] = {
    "interaction": Case(
        lambda: InteractionForm(1, ANA.name, TODAY),
        {"#f-summary": "chat", "#f-insider": "x"},
        "#f-insider_text",
        "#e-insider_text",
    ),
    "ask-top": Case(
        lambda: AskForm(ANA, "Acme", {}, "Hi {first_name}", TODAY), {}, "#f-role_title", "#e-role_title", "#f-blurb"
    ),
    "ask-bottom": Case(
        lambda: AskForm(ANA, "Acme", {}, "Hi {first_name}", TODAY),
        {"#f-role_title": "SRE", "#f-resume_url": "resume.pdf"},
        "#f-resume_url",
        "#e-resume_url",
    ),
    "outcome": Case(lambda: AskOutcomeForm([ASK], TODAY), {"#f-day": "someday"}, "#f-day", "#e-day"),
    "company": Case(
        lambda: CompanyForm(None, TODAY, set()),
        {"#f-name": "Acme", "#f-open_roles": "SRE | https://a.example | 2026-13-01"},
        "#f-open_roles",
        "#e-open_roles",
    ),
    "contact": Case(lambda: ContactForm(ANA, "Acme"), {"#f-email": "ana-at-acme"}, "#f-email", "#e-email", "#f-notes"),
    "packet": Case(lambda: PacketForm(ASK, ANA.name, TODAY), {"#f-resume_url": "cv"}, "#f-resume_url", "#e-resume_url"),
    "audit": Case(lambda: AuditEntryForm(TODAY), {}, "#f-who", "#e-who", "#f-what_to_change"),
    "score": Case(lambda: ScoreForm(ANA.name, TODAY), {}, "#rate-relationship", "#score-error", "#rate-timing"),
    "prompt": Case(
        lambda: PromptDialog("Skip", "Why?", lambda t: None if t.strip() else "say why"),
        {},
        "#prompt-input",
        "#prompt-error",
    ),
    "snooze": Case(
        lambda: DatePrompt.snooze("Week-2 check-in", TODAY, 1, 90),
        {"#prompt-input": "today"},
        "#prompt-input",
        "#prompt-error",
    ),
    "quick-add": Case(QuickAddDialog, {"#quick-add-input": "Ana Ruiz"}, "#quick-add-input", "#quick-add-error"),
    "template": Case(lambda: TemplateForm(None), {}, "#f-title", "#template-error", "#f-body"),
}


@pytest.mark.parametrize("name", sorted(CASES))
async def test_a_failed_save_focuses_the_invalid_field_with_its_message_in_view(name: str) -> None:
    case = CASES[name]
    app = FormHarness(case.make())
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot)
        set_values(form, case.values)
        if case.start:
            form.query_one(case.start).focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.result is UNSET and app.screen is form, "nothing is returned"
        field = form.query_one(case.focus)
        assert app.focused is field or (app.focused is not None and app.focused.parent is field), app.focused
        message = form.query_one(case.message)
        assert str(message.render()).startswith("✗"), str(message.render())
        if name not in ("prompt", "snooze", "quick-add", "score"):
            assert in_view(field) and in_view(message), (field.region, message.region, screen_text(app))
        else:
            assert message.region.height and form.region.contains_region(message.region)


async def test_insider_info_ticked_then_ctrl_s_shows_the_error_in_view(tmp_path: Path) -> None:
    """The issue's case, in the app at 80x24: tick "I learned insider information", ctrl+s."""
    repo = Repository(tmp_path / "fit.json", FixedClock(TODAY))
    repo.quick_add("Priya Shah @ Stripe")
    before = repo.path.read_bytes()
    app = make_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InteractionForm), "the interaction form")
        form = app.screen
        form.query_one("#f-insider", TickBox).focus()
        await pilot.press("space")
        assert form.query_one("#f-insider", TickBox).value
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is form
        assert app.focused is form.query_one("#f-insider_text", Input)
        message = form.query_one("#e-insider_text")
        assert "say what you learned" in str(message.render())
        assert in_view(message) and in_view(app.focused)
        assert "say what you learned" in screen_text(app)
        await saved(pilot)
        assert repo.path.read_bytes() == before


async def test_enter_on_a_checkbox_saves_and_space_ticks_it() -> None:
    app = FormHarness(InteractionForm(1, "Priya", TODAY))
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot)
        box = form.query_one("#f-gave_value", TickBox)
        box.focus()
        await pilot.press("space")
        assert box.value and "[x]" in str(box.render())
        await pilot.press("space")
        assert not box.value and "[ ]" in str(box.render())
        await pilot.press("enter")  # saves; does not tick
        await wait_for(pilot, lambda: app.result is not UNSET, "enter to save")
        assert app.result.gave_value is False


async def test_enter_on_a_select_saves_and_space_opens_it() -> None:
    app = FormHarness(InteractionForm(1, "Priya", TODAY))
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot)
        kind = form.query_one("#f-kind", FormSelect)
        kind.focus()
        await pilot.press("space")
        await pilot.pause()
        assert kind.expanded
        await pilot.press("down", "enter")  # picks the next kind in the open list
        await pilot.pause()
        assert not kind.expanded and kind.value == "call"
        assert app.result is UNSET
        await pilot.press("enter")  # on the closed select: saves
        await wait_for(pilot, lambda: app.result is not UNSET, "enter to save")
        assert app.result.kind == "call"


@pytest.mark.parametrize(
    "make",
    [
        lambda: InteractionForm(1, "Priya", TODAY),
        lambda: ContactForm(ANA, "Acme"),
        lambda: AskOutcomeForm([ASK], TODAY),
        lambda: CompanyForm(None, TODAY, set()),
        lambda: AuditEntryForm(TODAY),
        lambda: PacketForm(ASK, "Ana", TODAY),
        lambda: AskForm(ANA, "Acme", {}, "Hi", TODAY),
        lambda: ProfileForm({}),
    ],
)
async def test_every_form_says_how_to_save_and_body_scrolls(make: Callable[[], Screen[Any]]) -> None:
    app = FormHarness(make())
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot)
        hint = text_of(app, ".form-hint")
        assert "enter/ctrl+s save" in hint and "esc cancel" in hint
        assert form.query_one("#form-body").region.bottom <= SIZE[1]
        frame = form.query_one(".form-frame")
        assert frame.region.height <= SIZE[1] and frame.region.width <= SIZE[0]


# -- user text is not markup ---------------------------------------------------------------

NAMES = ["Ana [Labs] Ruiz", "Bo [/] Chen", "Cy [link=x]Ross", "Di [b]Wu[/b]"]


def title_of(app: App[Any]) -> str:
    return str(app.screen.query_one(".form-title", Label).render())


@pytest.mark.parametrize("name", NAMES)
async def test_bracketed_names_open_the_edit_and_ask_forms_and_show_as_typed(name: str) -> None:
    contact = Contact(name=name, company_id=1, id=1)
    for make in (
        lambda: ContactForm(contact, "Acme [x]"),
        lambda: AskForm(contact, "Acme [x]", {}, "Hi {first_name}", TODAY, [f"{name} is not scored"]),
        lambda: InteractionForm(1, name, TODAY),
        lambda: ScoreForm(name, TODAY, suggested_strength=Strength(2, f"2: {name} [wrote] once")),
        lambda: PacketForm(Ask(contact_id=1, day=TODAY, role_title="[b]SRE"), name, TODAY),
    ):
        app = FormHarness(make())
        async with app.run_test(size=(100, 30)) as pilot:
            await opened(pilot)
            assert name in title_of(app), title_of(app)
            assert name in screen_text(app)


async def test_a_bracketed_referrer_opens_the_forms_from_the_board(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "markup.json", FixedClock(TODAY))
    ana = repo.quick_add("Ana [Labs] Ruiz @ Acme [link=x]")
    repo.score(ana.id, ScoreEntry(TODAY, 4, 4, 3, 3))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key, form_type in (("i", InteractionForm), ("s", ScoreForm), ("r", AskForm)):
            await pilot.press(key)
            await wait_for(pilot, lambda t=form_type: isinstance(app.screen, t), f"the {form_type.__name__}")  # type: ignore[misc]
            assert "Ana [Labs] Ruiz" in title_of(app)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen), "back to the board")
        assert fresh(repo).contact(ana.id).name == "Ana [Labs] Ruiz"


async def test_a_select_shows_a_bracketed_role_as_typed() -> None:
    ask = Ask(contact_id=1, day=date(2026, 3, 2), role_title="SRE [Payments]", id=7)
    app = FormHarness(AskOutcomeForm([ask], TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert "SRE [Payments]" in screen_text(app)


def test_a_form_title_is_text_not_markup() -> None:
    form = InteractionForm(1, "[red]x[/red]", TODAY)
    title = form.form_title()
    assert isinstance(title, Text) and title.plain.endswith("[red]x[/red]")


async def test_a_refused_save_says_so_on_the_hint_line() -> None:
    """A refused save says so where nothing covers the fields (not in a toast), keeps the
    form, and the hint is back to plain once the save goes through."""
    app = FormHarness(ContactForm(Contact(name="", id=1), ""))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert notices(app) == []
        assert text_of(app, ".form-hint").startswith("✗ Nothing saved: fix the marked fields · enter/ctrl+s save")
        assert "a name is required" in text_of(app, "#e-name")
        assert isinstance(app.screen.query_one("#f-how_found"), Select)
        app.screen.query_one("#f-email", Input).value = "ana@acme.example"
        app.screen.query_one("#f-name", Input).value = "Ana"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the save")
        assert app.result.edited.email == "ana@acme.example"


async def test_a_fields_message_goes_once_the_user_changes_that_field() -> None:
    app = FormHarness(InteractionForm(1, "Priya", TODAY))
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot)
        form.query_one("#f-summary", Input).value = "chat"
        form.query_one("#f-insider", TickBox).value = True
        await pilot.press("ctrl+s")
        message = form.query_one("#e-insider_text")
        await wait_for(pilot, lambda: "say what you learned" in str(message.render()), "the message")
        assert app.focused is form.query_one("#f-insider_text", Input)
        await pilot.press(*"they hire in May")
        await wait_for(pilot, lambda: not str(message.render()), "the message to go")
        assert app.result is UNSET  # nothing saved until enter


async def test_a_form_opens_with_its_first_label_in_view() -> None:
    """The focus on the first field must not scroll the label above it away."""
    from referral_tui.ui.forms.contact import ContactForm

    app = FormHarness(ContactForm(ANA, "Stripe", known_companies=["Stripe"]))
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot)
        body = form.query_one("#form-body", VerticalScroll)
        await pilot.pause()
        assert body.scroll_y == 0
        assert in_view(form.query(".field-label").first()) and in_view(app.focused)  # type: ignore[arg-type]


async def test_in_a_text_box_the_hint_says_ctrl_s_saves() -> None:
    """Enter is a new line in a multi-line box, so the hint line must not say enter saves there."""
    from referral_tui.ui.forms.base import FORM_HINT, TEXT_BOX_HINT
    from referral_tui.ui.forms.company import CompanyForm

    app = FormHarness(CompanyForm(None, TODAY, set()))
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot)
        hint = form.query_one(".form-hint")
        assert str(hint.render()) == FORM_HINT
        form.query_one("#f-open_roles", TextArea).focus()
        await wait_for(pilot, lambda: str(hint.render()) == TEXT_BOX_HINT, "the text box hint")
        form.query_one("#f-name", Input).focus()
        await wait_for(pilot, lambda: str(hint.render()) == FORM_HINT, "the form's hint again")
