"""Pilot tests for working a referrer: scoring, the interaction log, messages from templates, notes."""

from __future__ import annotations

import contextlib
import stat
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TextArea

from referral_tui.domain.board import Card
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Ask, AskStatus, Contact, Phase
from referral_tui.domain.templates import BUILTIN
from referral_tui.store.repository import Repository
from referral_tui.ui.app import ReferralApp, make_app
from referral_tui.ui.forms.interaction import InteractionForm
from referral_tui.ui.forms.profile import ProfileForm
from referral_tui.ui.forms.score import RatingField, ScoreForm
from referral_tui.ui.forms.template import TemplateForm
from referral_tui.ui.forms.text_edit import TextEditDialog
from referral_tui.ui.screens.board import BoardScreen
from referral_tui.ui.screens.detail import DetailScreen
from referral_tui.ui.screens.messages import MessageScreen
from referral_tui.ui.widgets.card_column import CardColumn, badge_text
from tests.helpers import board, column, edit_contact, fresh, notices, saved, text_of

TODAY = date(2026, 3, 9)
SIZE = (110, 40)


@pytest.fixture
def referrers(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "referrers.json", FixedClock(TODAY))
    for text in (
        "Priya Shah @ Stripe, Staff Engineer #alumni",
        "Bo Chen @ Stripe, SRE",
        "Li Wei @ Acme, Engineering Manager !relationship",
    ):
        repo.quick_add(text)
    repo.undo_stack.clear()
    return repo


def priya(repo: Repository) -> Contact:
    return next(c for c in fresh(repo).contacts() if c.name == "Priya Shah")


def research(app: App[Any]) -> CardColumn:
    return column(app, Phase.RESEARCH)


def research_card(app: App[Any]) -> Card:
    """The card under the Research column's cursor."""
    card = research(app).current
    assert card is not None
    return card


def ratings(app: App[Any]) -> dict[str, int | None]:
    return {f.field_name: f.value for f in app.screen.query(RatingField)}


# -- the scoring form --------------------------------------------------------------------


async def test_score_with_keys_is_stored_shown_and_announced(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScoreForm)
        await pilot.press("4", "4", "3", "2")
        await pilot.pause()
        assert "Total 13/20" in text_of(app, "#score-total")
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        stored = priya(referrers)
        assert stored.scores == [ScoreEntry(TODAY, 4, 4, 3, 2)]
        card = research(app).current
        assert card is not None and card.name == "Priya Shah" and card.total == 13
        assert badge_text(card.total) == " ✓13 "
        assert "✓13" in app.export_screenshot()
        assert any("13/20" in m and "Priya Shah" in m for m in notices(app))


async def test_score_keys_typed_without_pauses(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("4", "4", "3", "2", "enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert priya(referrers).scores == [ScoreEntry(TODAY, 4, 4, 3, 2)]
        assert research_card(app).total == 13
        assert any("13/20" in m for m in notices(app))


async def test_score_key_and_ratings_in_one_burst(referrers: Repository) -> None:
    """'s' and the ratings typed as one burst (no pause for the form to mount) still score."""
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "4", "4", "3", "2", "enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert priya(referrers).scores == [ScoreEntry(TODAY, 4, 4, 3, 2)]


async def test_score_from_detail_screen_updates_matrix(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert "Not scored yet" in text_of(app, "#detail-matrix")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("2", "3", "3", "2", "enter")
        await saved(pilot)
        assert isinstance(app.screen, DetailScreen)
        matrix = text_of(app, "#detail-matrix")
        assert "Total 10/20" in matrix and "under 12" in matrix
        assert priya(referrers).scores == [ScoreEntry(TODAY, 2, 3, 3, 2)]


async def test_rescore_prefills_and_arrows_adjust(referrers: Repository) -> None:
    sid = priya(referrers).id
    referrers.score(sid, ScoreEntry(date(2026, 2, 1), 3, 3, 3, 3))
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert ratings(app) == {"relationship": 3, "influence": 3, "relevance": 3, "timing": 3}
        assert "Total 12/20" in text_of(app, "#score-total")
        await pilot.press("right", "right")  # relationship 3 -> 5
        await pilot.press("right")  # capped at 5
        await pilot.press("tab", "left")  # influence 3 -> 2
        await pilot.press("tab", "left", "left", "left", "left")  # relevance 3 -> 1, floor 1
        await pilot.pause()
        assert ratings(app) == {"relationship": 5, "influence": 2, "relevance": 1, "timing": 3}
        assert "Total 11/20" in text_of(app, "#score-total")
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        stored = fresh(referrers).contact(sid)
        assert stored.scores == [ScoreEntry(date(2026, 2, 1), 3, 3, 3, 3), ScoreEntry(TODAY, 5, 2, 1, 3)]
        assert research_card(app).total == 11
        assert any("11/20" in m and "under 12" in m for m in notices(app))


async def test_missing_rating_is_refused_and_nothing_saved(referrers: Repository) -> None:
    sid = priya(referrers).id
    referrers.score(sid, ScoreEntry(date(2026, 2, 1), 3, 3, 3, 3))
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("tab", "backspace")  # clear internal influence
        await pilot.pause()
        assert ratings(app)["influence"] is None
        assert "still to rate: Internal influence" in text_of(app, "#score-total")
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, ScoreForm)
        error = text_of(app, "#score-error")
        assert "Internal influence is missing" in error and "nothing saved" in error
        assert referrers.path.read_bytes() == before
        # setting the rating clears the message; then it saves
        await pilot.press("4")
        await pilot.pause()
        assert text_of(app, "#score-error") == ""
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert fresh(referrers).contact(sid).scores[-1] == ScoreEntry(TODAY, 3, 4, 3, 3)


async def test_unscored_form_cannot_be_saved(referrers: Repository) -> None:
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert ratings(app) == {"relationship": None, "influence": None, "relevance": None, "timing": None}
        await pilot.press("4", "4", "enter")
        await saved(pilot)
        assert isinstance(app.screen, ScoreForm)
        assert "Role relevance is missing" in text_of(app, "#score-error")
        assert referrers.path.read_bytes() == before


async def test_escape_cancels_without_saving(referrers: Repository) -> None:
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("5", "5", "5", "5", "escape")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert referrers.path.read_bytes() == before
        assert priya(referrers).scores == []
        assert research_card(app).total is None


async def test_live_total_says_whether_it_clears_12(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("3", "3", "3")
        await pilot.pause()
        assert "Total so far 9/20" in text_of(app, "#score-total")
        await pilot.press("2")  # 11
        await pilot.pause()
        total = text_of(app, "#score-total")
        assert "Total 11/20" in total and "under 12" in total and "clears" not in total
        await pilot.press("right")  # timing 2 -> 3: 12
        await pilot.pause()
        total = text_of(app, "#score-total")
        assert "Total 12/20" in total and "clears 12" in total and "under" not in total
        await pilot.press("left")  # back to 11
        await pilot.pause()
        assert "under 12" in text_of(app, "#score-total")


async def test_each_rating_has_a_hint_for_1_and_5(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        hints = [str(h.render()) for h in app.screen.query(".rating-hint").results(Static)]
        assert len(hints) == 4
        assert all("1:" in h and "5:" in h for h in hints)


async def test_left_on_unset_rating_starts_at_5_and_right_at_1(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert ratings(app)["relationship"] == 5
        await pilot.press("tab", "right")
        await pilot.pause()
        assert ratings(app) == {"relationship": 5, "influence": 1, "relevance": None, "timing": None}


# -- the interaction log -----------------------------------------------------------------


async def open_interaction_form(app: ReferralApp, pilot: Pilot[Any]) -> InteractionForm:
    await pilot.press("i")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InteractionForm)
    return screen


async def test_log_event_creates_48_hour_follow_up(referrers: Repository) -> None:
    sid = priya(referrers).id
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_interaction_form(app, pilot)
        assert form.query_one("#f-day", Input).value == "today"
        assert text_of(app, "#e-day") == "→ Mon 9 Mar 2026 (today)"  # the day it understood
        form.query_one("#f-kind", Select).value = "event"
        await pilot.pause()
        form.query_one("#f-summary", Input).focus()
        form.query_one("#f-summary", Input).value = "At PyCon"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        repo = fresh(referrers)
        [logged] = repo.interactions(sid)
        assert logged.kind == "event" and logged.day == TODAY
        assert logged.summary == "At PyCon"
        assert not logged.gave_value and not logged.insider
        follow = [f for f in repo.followups() if f.contact_id == sid]
        assert [(f.kind, f.due, f.status) for f in follow] == [("event_48h", date(2026, 3, 11), "open")]
        assert any("48 hours" in m for m in notices(app))
        # the card now shows the follow-up
        assert research_card(app).next_due == date(2026, 3, 11)


async def test_non_event_interaction_has_no_follow_up(referrers: Repository) -> None:
    sid = priya(referrers).id
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-summary", Input).value = "Liked"  # the focused field
        await pilot.press("enter")
        await saved(pilot)
        repo = fresh(referrers)
        assert [i.kind for i in repo.interactions(sid)] == ["message"]
        assert [f for f in repo.followups() if f.contact_id == sid] == []


async def test_detail_timeline_lists_interactions_newest_first(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert "None logged" in text_of(app, "#detail-timeline")
        # log today's event first, then an older call: the list is by date, not by entry order
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-kind", Select).value = "event"
        form.query_one("#f-summary", Input).value = "Meetup"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-kind", Select).value = "call"
        form.query_one("#f-day", Input).value = "2026-02-20"
        form.query_one("#f-summary", Input).value = "Intro"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        timeline = text_of(app, "#detail-timeline")
        assert "newest first" in timeline
        newer = timeline.index("09 Mar 2026")
        older = timeline.index("20 Feb 2026")
        assert newer < older
        assert timeline.index("Meetup") < timeline.index("Intro")
        assert "Event meeting" in timeline and "Call or coffee" in timeline
        followups = text_of(app, "#detail-followups")
        assert "11 Mar 2026" in followups


BAD_DAYS = [
    ("2026-02-30", "February 2026 has no day 30"),
    ("tomorrow", "is in the future"),
    ("", "is empty; use today, yesterday"),
    ("soon", "'soon' is not a date; use today, yesterday, tomorrow, 3d ago"),
    ("2026-03-10", "is in the future"),
]


async def test_invalid_date_is_refused_with_its_message(referrers: Repository) -> None:
    """Each bad date in turn, in one form: its message, nothing saved; a good date then saves."""
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-kind", Select).value = "event"
        form.query_one("#f-summary", Input).value = "Something"  # the focused field
        for day, message in BAD_DAYS:
            form.query_one("#f-day", Input).value = day
            await pilot.press("enter")
            await saved(pilot)
            assert app.screen is form, day
            error = text_of(app, "#e-day")
            assert message in error, (day, error)
            assert referrers.path.read_bytes() == before, day
        # fixing the date lets it save
        form.query_one("#f-day", Input).value = "2026-03-08"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        [logged] = fresh(referrers).interactions()
        assert logged.day == date(2026, 3, 8)
        assert [f.due for f in fresh(referrers).followups()] == [date(2026, 3, 10)]


async def test_insider_needs_text_and_flags_are_stored(referrers: Repository) -> None:
    sid = priya(referrers).id
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-kind", Select).value = "call"
        form.query_one("#f-gave_value", Checkbox).value = True
        form.query_one("#f-insider", Checkbox).value = True
        form.query_one("#f-summary", Input).value = "Chat"  # the focused field
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is form
        assert "say what you learned" in text_of(app, "#e-insider_text")
        assert text_of(app, "#e-day") == "→ Mon 9 Mar 2026 (today)"  # the date is fine
        assert referrers.path.read_bytes() == before
        form.query_one("#f-insider_text", Input).value = "   "
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is form and referrers.path.read_bytes() == before
        form.query_one("#f-insider_text", Input).value = "team is hiring two SREs in Q2"
        await pilot.press("enter")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        [logged] = fresh(referrers).interactions(sid)
        assert logged.kind == "call"
        assert logged.gave_value is True and logged.insider is True
        assert logged.insider_text == "team is hiring two SREs in Q2"
        await pilot.press("enter")
        await pilot.pause()
        timeline = text_of(app, "#detail-timeline")
        assert "+value" in timeline and "+insider" in timeline


async def test_insider_text_dropped_when_box_unticked(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-insider_text", Input).value = "half-typed"
        form.query_one("#f-summary", Input).value = "Hello"  # the focused field
        await pilot.press("enter")
        await saved(pilot)
        [logged] = fresh(referrers).interactions()
        assert logged.insider is False and logged.insider_text == ""


async def test_overlong_summary_is_refused(referrers: Repository) -> None:
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-summary", Input).value = "x" * 501
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is form
        assert "501 characters" in text_of(app, "#e-summary")
        assert referrers.path.read_bytes() == before


async def test_escape_cancels_interaction(referrers: Repository) -> None:
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_interaction_form(app, pilot)
        form.query_one("#f-summary", Input).value = "Never mind"  # the focused field
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert referrers.path.read_bytes() == before


# -- messages from templates -------------------------------------------------------------


async def open_messages(app: ReferralApp, pilot: Pilot[Any], key: str | None = None) -> MessageScreen:
    await pilot.press("t")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MessageScreen)
    if key is not None:
        await select_template(screen, pilot, key)
    return screen


async def select_template(screen: MessageScreen, pilot: Pilot[Any], key: str) -> None:
    keys = [t.key for t in screen.templates]
    screen.query_one("#template-list", OptionList).highlighted = keys.index(key)
    await pilot.pause()
    assert screen.current.key == key


def body_text(screen: MessageScreen) -> str:
    return str(screen.query_one("#message-body", Static).render())


def unfilled_text(screen: MessageScreen) -> str:
    return str(screen.query_one("#message-unfilled", Static).render())


async def test_template_renders_for_referrer_and_lists_unfilled(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "referral_ask")
        text = screen.rendered.text
        assert text.startswith("Hi Priya,")
        assert "Stripe has an opening for {role}" in text
        assert text == screen.text
        assert "Hi Priya," in body_text(screen) and "Stripe" in body_text(screen)
        assert "Priya Shah" in str(screen.query_one("#message-title").render())
        unfilled = unfilled_text(screen)
        for key in ("{role}", "{role_link}", "{req_id}", "{points}", "{my_name}"):
            assert key in unfilled
        assert "{first_name}" not in unfilled and "{company}" not in unfilled
        assert screen.rendered.unfilled[:3] == ["role", "role_link", "req_id"]
        # the unfilled placeholders are highlighted in the message body
        assert screen.rendered.spans and all(
            text[s:e] in {f"{{{k}}}" for k in screen.rendered.unfilled} for s, e in screen.rendered.spans
        )

        # saving a profile fills {my_name}
        await pilot.press("p")
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileForm)
        name_box = profile.query_one("#f-my_name", Input)
        name_box.focus()
        name_box.value = "Alex Rivera"
        await pilot.press("enter")
        await saved(pilot)
        assert app.screen is screen
        assert fresh(referrers).profile()["my_name"] == "Alex Rivera"
        assert "my_name" not in screen.rendered.unfilled
        assert "{my_name}" not in unfilled_text(screen)
        assert screen.rendered.text.rstrip().endswith("Alex Rivera")
        assert "Alex Rivera" in body_text(screen)
        assert "{role}" in unfilled_text(screen)


async def test_referral_ask_is_filled_from_the_newest_ask(referrers: Repository) -> None:
    sid = priya(referrers).id
    referrers.add_ask(Ask(sid, date(2026, 2, 1), role_title="Old role", status=AskStatus.REJECTED))
    referrers.add_ask(
        Ask(
            sid,
            date(2026, 3, 2),
            role_title="Senior SRE",
            role_url="https://jobs.example/42",
            req_id="R-42",
            why_role="I like pagers",
            points=["ran on-call", "cut costs"],
            resume_url="https://cv.example",
            blurb="SRE, ten years",
            status=AskStatus.SCREENING,
        )
    )
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l")  # the ask moved Priya to the Ask column
        focused = board(app).focused_column
        assert focused.current is not None and focused.current.name == "Priya Shah"
        screen = await open_messages(app, pilot, "referral_ask")
        text = screen.rendered.text
        assert "Stripe has an opening for Senior SRE (https://jobs.example/42, req R-42)" in text
        assert "- ran on-call\n- cut costs" in text
        assert "Why this role: I like pagers" in text and "Old role" not in text
        assert screen.rendered.unfilled == ["my_name"]
        await select_template(screen, pilot, "week3_update")
        assert "the application is at the screening stage" in screen.rendered.text


async def test_profile_form_prefills_saved_profile(referrers: Repository) -> None:
    referrers.save_profile(my_name="Alex Rivera", my_background="payments at scale", my_field="backend")
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "mutual_benefit")
        assert "backend" in screen.rendered.text and "payments at scale" in screen.rendered.text
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#f-my_name", Input).value == "Alex Rivera"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_every_placeholder_filled_message(referrers: Repository) -> None:
    referrers.save_profile(my_name="Alex Rivera", my_background="payments", my_field="backend")
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "alumni")
        assert screen.rendered.unfilled == []
        assert "Every placeholder is filled" in unfilled_text(screen)
        assert "Staff Engineer" in screen.rendered.text


async def test_copy_sends_exactly_the_rendered_text(referrers: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(referrers)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "referral_ask")
        await pilot.press("c")
        await pilot.pause()
        assert copied == [screen.rendered.text]
        assert copied[0].startswith("Hi Priya,")
        assert any(f"Copied {len(copied[0])} characters" in m and "unfilled" in m for m in notices(app))


def write_editor(tmp_path: Path) -> Path:
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "with open(sys.argv[-1], 'a', encoding='utf-8') as handle:\n"
        "    handle.write(' EDITED')\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """$EDITOR is a script appending ' EDITED'; App.suspend records that it was used."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(write_editor(tmp_path)))
    suspended: list[str] = []

    @contextlib.contextmanager
    def suspend(self: App[Any]) -> Iterator[None]:
        suspended.append("suspended")
        yield

    monkeypatch.setattr(App, "suspend", suspend)
    return suspended


async def test_editor_refines_the_message_and_copy_uses_the_draft(
    referrers: Repository, fake_editor: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(referrers)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "week2_checkin")
        rendered = screen.rendered.text
        await pilot.press("e")
        await pilot.pause()
        assert fake_editor == ["suspended"]
        assert app.screen is screen
        assert screen.draft == rendered + " EDITED"
        assert body_text(screen).endswith(" EDITED")
        await pilot.press("c")
        await pilot.pause()
        assert copied == [rendered + " EDITED"]
        # choosing another template discards the draft
        await select_template(screen, pilot, "alumni")
        assert screen.draft is None
        assert not screen.text.endswith(" EDITED")


async def test_editor_that_fails_changes_nothing(
    referrers: Repository, fake_editor: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    failing = tmp_path / "failing-editor"
    failing.write_text(f"#!{sys.executable}\nimport sys\nsys.exit(3)\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(failing))
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "alumni")
        await pilot.press("e")
        await pilot.pause()
        assert screen.draft is None
        assert any("exited with status 3" in m for m in notices(app))


async def test_visual_wins_over_editor(
    referrers: Repository, fake_editor: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    monkeypatch.setenv("VISUAL", str(write_editor(tmp_path)))
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "alumni")
        await pilot.press("e")
        await pilot.pause()
        assert screen.draft is not None and screen.draft.endswith(" EDITED")


async def test_without_editor_the_in_app_dialog_edits_the_draft(
    referrers: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(referrers)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "alumni")
        rendered = screen.rendered.text
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TextEditDialog)
        area = dialog.query_one(TextArea)
        assert area.text == rendered
        area.move_cursor(area.document.end)
        area.insert(" PS hi")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.draft == rendered + " PS hi"
        await pilot.press("c")
        await pilot.pause()
        assert copied == [rendered + " PS hi"]


async def test_editor_without_suspend_support_does_not_crash(
    referrers: Repository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(write_editor(tmp_path)))
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_messages(app, pilot, "alumni")
        await pilot.press("e")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, TextEditDialog) or any("editor" in m.lower() for m in notices(app))


async def test_new_template_is_stored_and_listed(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TemplateForm)
        form.query_one("#f-title", Input).value = "Coffee"
        area = form.query_one("#f-body", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        area.insert("On {topic}")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.screen is screen
        body = "Hi {first_name},\n\nOn {topic}"
        stored = {t.key: t for t in fresh(referrers).templates()}
        assert "my_coffee" in stored
        mine = stored["my_coffee"]
        assert (mine.title, mine.body, mine.builtin) == ("Coffee", body, False)
        options = screen.query_one("#template-list", OptionList)
        assert options.option_count == len(BUILTIN) + 1
        assert options.highlighted is not None
        option = options.get_option_at_index(options.highlighted)
        assert option.id == "my_coffee" and "(mine)" in str(option.prompt)
        assert screen.rendered.text == "Hi Priya,\n\nOn {topic}"
        assert screen.rendered.unfilled == ["topic"]
        assert "not a known placeholder" in unfilled_text(screen)
        assert any("not filled by the app: topic" in m for m in notices(app))


async def test_template_form_refuses_empty_title(referrers: Repository) -> None:
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_messages(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert isinstance(app.screen, TemplateForm)
        assert "title" in text_of(app, "#template-error")
        assert referrers.path.read_bytes() == before


async def test_editing_a_builtin_keeps_the_users_version(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "monthly_checkin")
        original_title = screen.current.title
        await pilot.press("E")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TemplateForm)
        assert form.query_one("#f-title", Input).value == original_title
        area = form.query_one("#f-body", TextArea)
        assert "{my_news}" in area.text
        area.text = "Hey {first_name}, how is {company}? {my_name}"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.screen is screen
        templates = fresh(referrers).templates()
        keys = [t.key for t in templates]
        assert keys.count("monthly_checkin") == 1 and len(templates) == len(BUILTIN)
        mine = next(t for t in templates if t.key == "monthly_checkin")
        assert mine.body == "Hey {first_name}, how is {company}? {my_name}" and not mine.builtin
        assert screen.current.key == "monthly_checkin"
        assert screen.rendered.text == "Hey Priya, how is Stripe? {my_name}"


async def test_delete_refuses_builtins_and_removes_user_templates_from_the_file(referrers: Repository) -> None:
    referrers.save_template("my_zz_note", "Zz note", "Hi {first_name}")
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await saved(pilot)
        screen = await open_messages(app, pilot, "value_first")
        before = referrers.path.read_bytes()
        await pilot.press("D")
        await saved(pilot)
        assert [n.severity for n in app._notifications if "cannot be deleted" in str(n.message)] == ["warning"]
        assert referrers.path.read_bytes() == before
        assert len(screen.templates) == len(BUILTIN) + 1

        await select_template(screen, pilot, "my_zz_note")
        await pilot.press("D")
        await saved(pilot)
        keys = [t.key for t in fresh(referrers).templates()]
        assert "my_zz_note" not in keys and len(keys) == len(BUILTIN)


async def test_delete_of_users_edit_of_a_builtin_brings_back_the_original(referrers: Repository) -> None:
    referrers.save_template("alumni", "Alumni (mine)", "Yo {first_name}")
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "alumni")
        assert screen.rendered.text == "Yo Priya"
        await pilot.press("D")
        await saved(pilot)
        restored = next(t for t in fresh(referrers).templates() if t.key == "alumni")
        assert restored.builtin and restored.title == "Outreach: fellow alumni"


async def test_delete_updates_the_list_and_says_so(referrers: Repository) -> None:
    referrers.save_template("my_zz_note", "Zz note", "Hi {first_name}")
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_messages(app, pilot, "my_zz_note")
        await pilot.press("D")
        await saved(pilot)
        assert "my_zz_note" not in [t.key for t in fresh(referrers).templates()]
        assert any("Deleted 'Zz note'" in m for m in notices(app))
        assert "my_zz_note" not in [t.key for t in screen.templates]
        assert screen.query_one("#template-list", OptionList).option_count == len(BUILTIN)


async def test_messages_from_detail_screen_and_back(referrers: Repository) -> None:
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        screen = await open_messages(app, pilot, "value_first")
        assert screen.rendered.text.startswith("Hi Bo,")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)


# -- notes -------------------------------------------------------------------------------


async def test_notes_in_app_editor_and_undo(referrers: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    sid = priya(referrers).id
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        await pilot.press("N")
        await pilot.pause()
        notes = app.screen
        assert isinstance(notes, TextEditDialog)
        notes.query_one(TextArea).insert("Knows the HM")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.screen is detail
        assert fresh(referrers).contact(sid).notes == "Knows the HM"
        assert "Knows the HM" in text_of(app, "#detail-notes")
        await pilot.press("u")
        await saved(pilot)
        assert fresh(referrers).contact(sid).notes == ""
        assert "Knows the HM" not in text_of(app, "#detail-notes")


async def test_notes_in_app_editor_escape_changes_nothing(
    referrers: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    before = referrers.path.read_bytes()
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "N")
        await pilot.pause()
        assert isinstance(app.screen, TextEditDialog)
        app.screen.query_one(TextArea).insert("draft")
        await pilot.press("escape")
        await saved(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert referrers.path.read_bytes() == before


async def test_notes_in_external_editor(referrers: Repository, fake_editor: list[str]) -> None:
    sid = priya(referrers).id
    edit_contact(referrers, sid, notes="Met at PyCon.")
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "N")
        await saved(pilot)
        assert fake_editor == ["suspended"]
        assert isinstance(app.screen, DetailScreen)
        assert fresh(referrers).contact(sid).notes == "Met at PyCon. EDITED"
        assert "Met at PyCon. EDITED" in text_of(app, "#detail-notes")


# -- score history -----------------------------------------------------------------------


async def test_score_history_shows_both_dates_and_a_sparkline(referrers: Repository) -> None:
    sid = priya(referrers).id
    earlier = Repository(referrers.path, FixedClock(date(2026, 2, 9)))
    earlier.score(sid, ScoreEntry(date(2026, 2, 9), 2, 3, 3, 2))
    today = Repository(referrers.path, FixedClock(TODAY))
    today.score(sid, ScoreEntry(TODAY, 4, 4, 3, 2))
    app = make_app(today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert research_card(app).total == 13
        await pilot.press("enter")
        await pilot.pause()
        matrix = text_of(app, "#detail-matrix")
        assert "2026-02-09" in matrix and "2026-03-09" in matrix
        assert matrix.index("2026-03-09") < matrix.index("2026-02-09")  # newest row first
        line = next(ln for ln in matrix.splitlines() if "Relationship strength" in ln and "→" in ln)
        assert "▂▄" in line and "2 → 4" in line
        timing = next(ln for ln in matrix.splitlines() if ln.strip().startswith("Timing"))
        assert "▂▂" in timing and "2 → 2" in timing
        assert "Total 13/20" in matrix


async def test_rescoring_the_same_day_replaces_that_days_entry(referrers: Repository) -> None:
    sid = priya(referrers).id
    referrers.score(sid, ScoreEntry(TODAY, 2, 2, 2, 2))
    app = make_app(referrers)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("5", "5", "5", "5", "enter")
        await saved(pilot)
        assert fresh(referrers).contact(sid).scores == [ScoreEntry(TODAY, 5, 5, 5, 5)]
