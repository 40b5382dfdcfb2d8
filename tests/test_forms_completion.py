"""Completion of companies and tags in quick-add and forms; "same as X?" before a second
company is made; multi-line paste into one-line inputs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from referral_tui.domain.quickadd import with_company
from referral_tui.domain.records import Company, Contact
from referral_tui.ui.forms.company import CompanyForm
from referral_tui.ui.forms.confirm import SameCompanyDialog
from referral_tui.ui.forms.contact import ContactForm
from referral_tui.ui.forms.quick_add import QuickAddDialog
from referral_tui.ui.forms.template import TemplateForm
from referral_tui.ui.widgets.company_input import complete_last_word, complete_quick_add
from referral_tui.ui.widgets.inputs import LineInput
from tests.form_harness import UNSET, FormHarness, opened
from tests.helpers import notices, text_of, wait_for

TODAY = date(2026, 3, 9)
COMPANIES = ["Stripe", "Acme Labs", "Stripe Treasury", "Globex, Inc."]
TAGS = ["alumni", "event", "ex-colleague"]


# -- what completes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Priya Shah @ str", "Priya Shah @ Stripe"),
        ("Priya Shah @ STRIPE T", "Priya Shah @ Stripe Treasury"),
        ("Priya Shah @ ac", "Priya Shah @ Acme Labs"),
        ("Priya @ glo", "Priya @ Globex, Inc."),
        ('Priya @ "glo', 'Priya @ "Globex, Inc."'),  # quoted: the closing quote comes with it
        ("Priya Shah @ Stripe, Staff #al", "Priya Shah @ Stripe, Staff #alumni"),
        ("Priya Shah @ Stripe #EX", "Priya Shah @ Stripe #ex-colleague"),
    ],
)
def test_quick_add_completes_the_company_and_tags(typed: str, shown: str) -> None:
    assert complete_quick_add(typed, COMPANIES, TAGS) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "Priya Shah",
        "Priya @ Stripe Treasury",
        "Priya @ Stripe, Sta",
        "Priya @ zeta",
        "Priya @ str !tim",
        "Priya @ str ",
        'Priya @ "Globex, Inc."',
    ],
)
def test_quick_add_completes_nothing_where_nothing_fits(typed: str) -> None:
    assert complete_quick_add(typed, COMPANIES, TAGS) is None


def test_tags_complete_the_last_word() -> None:
    assert complete_last_word("event al", TAGS) == "event alumni"
    assert complete_last_word("#ev", TAGS) == "#event"
    assert complete_last_word("alumni ", TAGS) is None


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def test_right_or_tab_accepts_the_company_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    app = FormHarness(QuickAddDialog(known_companies=COMPANIES, known_tags=TAGS))
    async with app.run_test(size=(100, 24)) as pilot:
        await opened(pilot)
        field = app.screen.query_one("#quick-add-input", LineInput)
        await type_text(pilot, "Priya Shah @ str")
        await wait_for(pilot, lambda: field.suggestion_shown == "Priya Shah @ Stripe", "the completion")
        await pilot.press("tab")
        assert field.value == "Priya Shah @ Stripe" and app.focused is field  # tab accepted it
        await type_text(pilot, ", SRE #alu")
        await wait_for(pilot, lambda: field.suggestion_shown.endswith("#alumni"), "the tag completion")
        await pilot.press("right")
        assert field.value == "Priya Shah @ Stripe, SRE #alumni"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the line to be returned")
        assert app.result == "Priya Shah @ Stripe, SRE #alumni"


async def test_tab_without_a_completion_moves_on() -> None:
    app = FormHarness(ContactForm(Contact(name="Ana", id=1), "", known_companies=COMPANIES))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        assert app.focused is form.query_one("#f-name", Input)
        await pilot.press("tab")
        company = form.query_one("#f-company", LineInput)
        assert app.focused is company
        await type_text(pilot, "acm")
        await wait_for(pilot, lambda: company.suggestion_shown == "Acme Labs", "the completion")
        await pilot.press("tab")
        assert company.value == "Acme Labs" and app.focused is company
        await pilot.press("tab")
        assert app.focused is form.query_one("#f-title", Input)


# -- same as X? --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "company", "rewritten"),
    [
        ("Bo Chen @ stripe inc", "Stripe", "Bo Chen @ Stripe"),
        ("Bo Chen @ stripe corp #ex, SRE", "Stripe", "Bo Chen @ Stripe #ex, SRE"),
        ("Bo Chen @  stripe  #alumni !timing, SRE", "Stripe", "Bo Chen @ Stripe #alumni !timing, SRE"),
        ('Ann @ "Stripe, Inc.", SRE #alumni', "Stripe", "Ann @ Stripe, SRE #alumni"),  # quoted: its comma is its own
        ("Ann @ globex #x, SRE", "Globex, Inc.", 'Ann @ "Globex, Inc." #x, SRE'),  # a comma: quoted
    ],
)
def test_with_company_keeps_the_rest_of_the_line(line: str, company: str, rewritten: str) -> None:
    assert with_company(line, company) == rewritten


@pytest.mark.parametrize(("answer", "result"), [("y", "Bo Chen @ Stripe, SRE"), ("n", "Bo Chen @ stripe inc, SRE")])
async def test_quick_add_asks_same_as_a_known_company(answer: str, result: str) -> None:
    app = FormHarness(QuickAddDialog(known_companies=COMPANIES))
    async with app.run_test(size=(100, 24)) as pilot:
        await opened(pilot)
        app.screen.query_one("#quick-add-input", LineInput).value = "Bo Chen @ stripe inc, SRE"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameCompanyDialog), "the question")
        assert "Same as Stripe?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press(answer)
        await wait_for(pilot, lambda: app.result is not UNSET, "the line to be returned")
        assert app.result == result


async def test_escape_on_same_as_goes_back_to_the_line() -> None:
    app = FormHarness(QuickAddDialog(known_companies=COMPANIES))
    async with app.run_test(size=(100, 24)) as pilot:
        await opened(pilot)
        app.screen.query_one("#quick-add-input", LineInput).value = "Bo Chen @ STRIPE LLC"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameCompanyDialog), "the question")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.form, "back to the quick-add line")
        assert app.result is UNSET
        assert app.screen.query_one("#quick-add-input", LineInput).value == "Bo Chen @ STRIPE LLC"


@pytest.mark.parametrize("line", ["Bo Chen @ STRIPE", "Bo Chen @ Zeta Corp", "Bo Chen @ stripe treasury"])
async def test_a_known_or_new_company_is_not_questioned(line: str) -> None:
    app = FormHarness(QuickAddDialog(known_companies=COMPANIES))
    async with app.run_test(size=(100, 24)) as pilot:
        await opened(pilot)
        app.screen.query_one("#quick-add-input", LineInput).value = line
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the line to be returned")
        assert app.result == line


@pytest.mark.parametrize(("answer", "company"), [("y", "Stripe"), ("n", "Stripe, Inc.")])
async def test_the_referrer_form_asks_same_as_before_a_new_company(answer: str, company: str) -> None:
    app = FormHarness(ContactForm(Contact(name="Ana", id=1), "Acme Labs", known_companies=COMPANIES))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        form.query_one("#f-company", LineInput).value = "Stripe, Inc."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SameCompanyDialog), "the question")
        await pilot.press(answer)
        await wait_for(pilot, lambda: app.result is not UNSET, "the edit to be returned")
        assert app.result.company == company


async def test_the_company_form_refuses_a_second_spelling_when_told_it_is_the_same() -> None:
    app = FormHarness(CompanyForm(None, TODAY, {c.casefold() for c in COMPANIES}, known_companies=COMPANIES))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        form.query_one("#f-name", LineInput).value = "acme labs gmbh"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameCompanyDialog), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is form, "back to the form")
        assert "that is Acme Labs, already in your list" in text_of(app, "#e-name")
        assert app.result is UNSET
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SameCompanyDialog), "the question again")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.result is not UNSET, "the company to be returned")
        assert isinstance(app.result, Company) and app.result.name == "acme labs gmbh"


# -- paste -------------------------------------------------------------------------------


async def test_a_two_line_paste_into_a_line_input_is_joined_and_said_once() -> None:
    app = FormHarness(ContactForm(Contact(name="", id=1), ""))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        name = form.query_one("#f-name", LineInput)
        app.post_message(events.Paste("Ana\n  Ruiz \n"))  # to the focused field, as a terminal does
        await pilot.pause()
        assert name.value == "Ana Ruiz"
        said = [n for n in notices(app) if n.startswith("Pasted 2 lines as one")]
        assert len(said) == 1
        title = form.query_one("#f-title", LineInput)
        title.focus()
        await pilot.pause()
        app.post_message(events.Paste("Staff\nEngineer"))
        await pilot.pause()
        assert title.value == "Staff Engineer"
        assert len([n for n in notices(app) if n.startswith("Pasted")]) == 1  # once per session
        await pilot.press("end")
        app.post_message(events.Paste(" one line"))
        await pilot.pause()
        assert title.value == "Staff Engineer one line"  # a one-line paste goes in as Input does


async def test_a_multi_line_paste_into_a_text_box_is_kept() -> None:
    app = FormHarness(TemplateForm(None))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        body = form.query_one("#f-body", TextArea)
        body.load_text("")
        body.focus()
        await pilot.pause()
        app.post_message(events.Paste("Hi {first_name},\nThanks!"))
        await pilot.pause()
        assert body.text == "Hi {first_name},\nThanks!"
        assert not [n for n in notices(app) if n.startswith("Pasted")]


@pytest.mark.parametrize(("answer", "added"), [("y", True), ("n", False)])
async def test_quick_add_asks_before_a_second_person_of_the_same_name_there(answer: str, added: bool) -> None:
    from referral_tui.ui.forms.confirm import ConfirmDialog

    line = "ann lee @ Stripe, SRE"
    app = FormHarness(QuickAddDialog(known_companies=COMPANIES, known_people=[("Ann Lee", "Stripe")]))
    async with app.run_test(size=(100, 24)) as pilot:
        await opened(pilot)
        app.screen.query_one("#quick-add-input", LineInput).value = line
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        assert "Ann Lee is already here" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press(answer)
        if added:
            await wait_for(pilot, lambda: app.result is not UNSET, "the line to be returned")
            assert app.result == line
        else:
            await wait_for(pilot, lambda: app.screen is app.form, "back to the line")
            assert app.result is UNSET
            assert app.screen.query_one("#quick-add-input", LineInput).value == line
