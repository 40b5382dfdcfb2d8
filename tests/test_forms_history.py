"""The forms that correct history and prepare asks: the ask outcome saves only a change;
interactions, asks and audit entries edit in place; the packet form; the ask form's live
coach and open roles; "value given" as a kind; the suggested relationship strength."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.packet import Packet
from referral_tui.domain.records import Ask, AskStatus, AuditEntry, Contact, Interaction, InteractionKind
from referral_tui.domain.roles import Role, RoleStatus
from referral_tui.domain.strength import Strength
from referral_tui.store.repository import Repository
from referral_tui.ui.app import make_app
from referral_tui.ui.forms.ask import AskForm
from referral_tui.ui.forms.ask_outcome import NOTHING_CHANGED, AskOutcomeForm
from referral_tui.ui.forms.audit import AuditEntryForm
from referral_tui.ui.forms.interaction import GAVE_VALUE, GAVE_VALUE_BY_KIND, InteractionForm
from referral_tui.ui.forms.packet import PacketForm
from referral_tui.ui.forms.score import RatingField, ScoreForm
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.widgets.inputs import FormSelect, LineInput, TickBox
from referral_tui.ui.widgets.key_footer import key_hints
from tests.form_harness import UNSET, FormHarness, opened
from tests.helpers import fresh, notices, saved, text_of, wait_for

TODAY = date(2026, 3, 9)
PACKET = {
    "#f-role_url": "https://stripe.example/jobs/1",
    "#f-why_role": "I built the platform this team now runs",
    "#f-resume_url": "https://example.com/cv.pdf",
}


# -- the ask outcome: only a change is a new step ------------------------------------------


@pytest.fixture
def asked(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "asked.json", FixedClock(TODAY))
    ann = repo.quick_add("Ann Lee @ Acme, Staff Engineer")
    repo.add_ask(Ask(contact_id=ann.id, day=date(2026, 3, 2), role_title="Platform Engineer"))
    repo.undo_stack.clear()
    return repo


async def test_tab_then_enter_on_an_unchanged_outcome_saves_nothing(asked: Repository) -> None:
    [ask] = asked.asks()
    before = asked.path.read_bytes()
    app = make_app(asked)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, BoardScreen), "the detail screen")
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, AskOutcomeForm), "the outcome form")
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, AskOutcomeForm), "the form to close")
        await saved(pilot)
        assert NOTHING_CHANGED in notices(app)
        assert asked.path.read_bytes() == before
        assert fresh(asked).ask(ask.id).status_history == [{"status": "requested", "day": "2026-03-02"}]
        assert not any(n.startswith("Ask updated") for n in notices(app))


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        ({"#f-status": "submitted"}, (AskStatus.SUBMITTED, None, "")),
        ({"#f-quality": 4}, (AskStatus.REQUESTED, 4, "")),
        ({"#f-insider": "two more hires in Q2"}, (AskStatus.REQUESTED, None, "two more hires in Q2")),
    ],
)
async def test_any_changed_field_of_the_outcome_is_returned(
    change: dict[str, object], expect: tuple[object, ...]
) -> None:
    ask = Ask(contact_id=1, day=date(2026, 3, 2), role_title="SRE", id=5)
    app = FormHarness(AskOutcomeForm([ask], TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        for selector, value in change.items():
            widget = form.query_one(selector)
            if isinstance(widget, Input):
                widget.value = str(value)
            else:
                assert isinstance(widget, FormSelect)
                widget.value = value
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert app.result is not None
        assert (app.result.status, app.result.screening_quality, app.result.insider_info) == expect
        assert NOTHING_CHANGED not in notices(app)


async def test_an_outcome_with_only_a_new_date_is_nothing_changed() -> None:
    ask = Ask(contact_id=1, day=date(2026, 3, 2), status=AskStatus.SUBMITTED, screening_quality=3, id=5)
    app = FormHarness(AskOutcomeForm([ask], TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        form.query_one("#f-day", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert app.result is None and NOTHING_CHANGED in notices(app)


# -- editing what was logged -------------------------------------------------------------


async def test_the_interaction_form_edits_an_interaction_in_place() -> None:
    original = Interaction(
        contact_id=3, day=date(2026, 3, 4), kind=InteractionKind.CALL, summary="coffee", insider=True,
        insider_text="hiring in Q2", id=12, uid="u-12",
    )  # fmt: skip
    app = FormHarness(InteractionForm(3, "Ann", TODAY, original=original))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        assert "Edit the interaction with Ann" in text_of(app, ".form-title")
        assert form.query_one("#f-day", Input).value == "2026-03-04"
        assert form.query_one("#f-summary", Input).value == "coffee"
        assert form.query_one("#f-kind", FormSelect).value == "call"
        assert form.query_one("#f-insider", TickBox).value
        form.query_one("#f-summary", Input).value = "coffee at the office"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        edited = app.result
        assert (edited.id, edited.uid, edited.day, edited.kind) == (12, "u-12", date(2026, 3, 4), "call")
        assert edited.summary == "coffee at the office" and edited.insider_text == "hiring in Q2"


async def test_kind_value_given_ticks_the_box_and_holds_it() -> None:
    app = FormHarness(InteractionForm(1, "Ann", TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        box = form.query_one("#f-gave_value", TickBox)
        kind = form.query_one("#f-kind", FormSelect)
        assert not box.value and str(box.label) == GAVE_VALUE
        kind.value = "value"
        await pilot.pause()
        assert box.value and box.disabled and str(box.label) == GAVE_VALUE_BY_KIND
        kind.value = "call"
        await pilot.pause()
        assert not box.value and not box.disabled  # back as the user left it
        kind.value = "value"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert app.result.kind == "value" and app.result.gave_value and app.result.value_given


async def test_an_edited_value_given_interaction_opens_ticked() -> None:
    original = Interaction(contact_id=1, day=TODAY, kind=InteractionKind.VALUE, summary="sent a talk", id=2)
    app = FormHarness(InteractionForm(1, "Ann", TODAY, original=original))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        assert form.query_one("#f-gave_value", TickBox).value


async def test_the_audit_form_links_a_named_referrer_and_edits_in_place() -> None:
    app = FormHarness(AuditEntryForm(TODAY, known_companies=["Acme"], referrers=[(4, "Ann Lee"), (5, "Bo Chen")]))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        form.query_one("#f-who", Input).value = "ann lee"
        form.query_one("#f-company", Input).value = "Acme"
        form.query_one("#f-day", Input).value = "2026-01-15"
        form.query_one("#f-what_happened", TextArea).load_text("sent a CV, heard nothing")
        form.query_one("#f-what_to_change", TextArea).load_text("build the relationship first")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        entry = app.result
        assert (entry.who, entry.contact_id, entry.company, entry.day) == ("ann lee", 4, "Acme", date(2026, 1, 15))
        assert entry.what_to_change == "build the relationship first"
    original = AuditEntry(who="an ex-colleague", company="Beta", what_happened="no reply", id=9, uid="a9")
    app = FormHarness(AuditEntryForm(TODAY, original=original))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        assert form.query_one("#f-who", Input).value == "an ex-colleague"
        assert form.query_one("#f-what_happened", TextArea).text == "no reply"
        form.query_one("#f-what_to_change", TextArea).load_text("give value first")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert (app.result.id, app.result.uid, app.result.what_to_change) == (9, "a9", "give value first")


# -- the packet form ---------------------------------------------------------------------


async def test_the_packet_form_adds_a_packet_to_an_ask() -> None:
    ask = Ask(contact_id=1, day=date(2026, 3, 2), role_title="SRE", id=5)
    app = FormHarness(PacketForm(ask, "Ann", TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        assert "Packet still needs: role link" in text_of(app, "#packet-status")
        for selector, value in PACKET.items():
            form.query_one(selector, Input).value = value
        form.query_one("#f-points", TextArea).load_text("- led the migration\n- mentored four\n- on call for payments")
        form.query_one("#f-blurb", TextArea).load_text("Platform engineer, eight years on payments.")
        await pilot.pause()
        assert "Context packet complete" in text_of(app, "#packet-status")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the form to close")
        assert app.result == Packet(
            "https://stripe.example/jobs/1",
            "I built the platform this team now runs",
            ["led the migration", "mentored four", "on call for payments"],
            "https://example.com/cv.pdf",
            "Platform engineer, eight years on payments.",
        )


async def test_the_packet_form_refuses_six_points() -> None:
    ask = Ask(contact_id=1, day=date(2026, 3, 2), id=5)
    app = FormHarness(PacketForm(ask, "Ann", TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        form.query_one("#f-points", TextArea).load_text("\n".join("abcdef"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is UNSET
        assert "6 points" in text_of(app, "#e-points")
        assert app.focused is form.query_one("#f-points", TextArea)


# -- the ask form: edit, open roles, the live coach -----------------------------------------


def coach_repo(tmp_path: Path) -> tuple[Repository, Contact]:
    repo = Repository(tmp_path / "coach.json", FixedClock(TODAY))
    priya = repo.quick_add("Priya Shah @ Stripe, Staff Engineer")
    return repo, priya


async def test_the_ask_form_shows_the_coach_for_the_draft_live(tmp_path: Path) -> None:
    repo, priya = coach_repo(tmp_path)
    form = AskForm(priya, "Stripe", {}, "Hi {first_name}", TODAY, coach_data=repo.coach_data(TODAY))
    app = FormHarness(form)
    async with app.run_test(size=(100, 40)) as pilot:
        await opened(pilot)
        await wait_for(pilot, lambda: form.findings is not None and form.coach_settled, "the coach")
        rules = {f.rule for f in form.findings or []}
        assert {"quality", "no_packet", "entitled"} <= rules, rules
        coach = text_of(app, "#ask-coach")
        assert "Priya Shah is not scored" in coach and "12+" in coach
        assert "Referrer doesn't know how to help" in coach
        form.query_one("#f-role_title", Input).value = "Staff SRE"
        for selector, value in PACKET.items():
            form.query_one(selector, Input).value = value
        form.query_one("#f-points", TextArea).load_text("led the migration\nmentored four\non call for payments")
        form.query_one("#f-blurb", TextArea).load_text("Platform engineer, eight years on payments.")
        await pilot.pause()
        await wait_for(
            pilot,
            lambda: form.coach_settled and "no_packet" not in {f.rule for f in form.findings or []},
            "the packet finding to go",
        )
        assert "Referrer doesn't know how to help" not in text_of(app, "#ask-coach")
        assert "not scored" in text_of(app, "#ask-coach")  # the same rules as after saving
        assert repo.asks() == []  # nothing saved while drafting


async def test_the_ask_form_offers_the_open_roles(tmp_path: Path) -> None:
    repo, priya = coach_repo(tmp_path)
    roles = [
        Role("Staff SRE", "https://stripe.example/jobs/9", date(2026, 3, 5), RoleStatus.OPEN),
        Role("Platform Lead", "https://stripe.example/jobs/4", date(2026, 2, 20), RoleStatus.OPEN),
    ]
    form = AskForm(priya, "Stripe", {}, "Hi {first_name}, about {role}", TODAY, roles=roles)
    app = FormHarness(form)
    async with app.run_test(size=(100, 40)) as pilot:
        await opened(pilot)
        choice = form.query_one("#f-role_choice", FormSelect)
        choice.focus()
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the prompt, then the second role
        await pilot.pause()
        assert form.query_one("#f-role_title", Input).value == "Platform Lead"
        assert form.query_one("#f-role_url", Input).value == "https://stripe.example/jobs/4"
        assert "about Platform Lead" in text_of(app, "#ask-preview")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the ask to be returned")
        assert app.result.role_title == "Platform Lead" and app.result.day == TODAY


async def test_the_ask_form_edits_an_ask_in_place(tmp_path: Path) -> None:
    repo, priya = coach_repo(tmp_path)
    repo.score(priya.id, ScoreEntry(TODAY, 4, 4, 3, 3))
    original = repo.add_ask(Ask(contact_id=priya.id, day=date(2026, 3, 2), role_title="SRE", points=["a", "b", "c"]))
    form = AskForm(priya, "Stripe", {}, "Hi", TODAY, coach_data=repo.coach_data(TODAY), original=original)
    app = FormHarness(form)
    async with app.run_test(size=(100, 40)) as pilot:
        await opened(pilot)
        assert "Edit the ask to Priya Shah" in text_of(app, ".form-title")
        assert form.query_one("#f-day", Input).value == "2026-03-02"
        assert form.query_one("#f-points", TextArea).text == "a\nb\nc"
        await wait_for(pilot, lambda: form.findings is not None and form.coach_settled, "the coach")
        assert all(f.ask_id in (original.id, None) for f in form.findings or [])
        form.query_one("#f-role_title", Input).value = "Staff SRE"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.result is not UNSET, "the ask to be returned")
        edited = app.result
        assert (edited.id, edited.uid, edited.day, edited.role_title) == (
            original.id,
            original.uid,
            original.day,
            "Staff SRE",
        )
        assert edited.status_history == original.status_history


# -- the score form's suggested strength -------------------------------------------------


async def test_the_score_form_shows_the_suggested_strength_and_a_applies_it() -> None:
    suggestion = Strength(4, "4: 3 two-way exchanges, the last 5 days ago; they started 1 conversation")
    app = FormHarness(ScoreForm("Ann", TODAY, ScoreEntry(TODAY, 2, 3, 3, 3), suggested_strength=suggestion))
    async with app.run_test(size=(100, 30)) as pilot:
        form = await opened(pilot)
        shown = text_of(app, "#score-suggestion")
        assert "Suggested from your messages: 4: 3 two-way exchanges" in shown and "a applies" in shown
        relationship = form.query_one("#rate-relationship", RatingField)
        assert relationship.value == 2  # the user's own rating stands until they apply it
        assert any(h[0] == "score.apply_suggestion" for h in key_hints(form))
        await pilot.press("a")
        assert relationship.value == 4
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.result is not UNSET, "the score to be returned")
        assert (app.result.relationship, app.result.total) == (4, 13)


async def test_without_a_suggestion_a_does_nothing() -> None:
    app = FormHarness(ScoreForm("Ann", TODAY, ScoreEntry(TODAY, 2, 3, 3, 3)))
    async with app.run_test(size=(100, 30)) as pilot:
        form = await opened(pilot)
        assert not form.query("#score-suggestion")
        assert not any(h[0] == "score.apply_suggestion" for h in key_hints(form))
        await pilot.press("a")
        assert form.query_one("#rate-relationship", RatingField).value == 2


async def test_a_line_input_keeps_the_field_ids_the_forms_had() -> None:
    """Callers and tests find the fields by their old ids, as Inputs."""
    app = FormHarness(InteractionForm(1, "Ann", TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await opened(pilot)
        for key in ("day", "summary", "insider_text"):
            assert isinstance(form.query_one(f"#f-{key}", Input), LineInput)
