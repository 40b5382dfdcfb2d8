"""Unit tests for message templates: rendering edge cases, values from the data, the built-ins."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from referral_tui.domain import schedule
from referral_tui.domain.records import ASK_STATUSES, Ask, Company, Interaction, InteractionKind
from referral_tui.domain.roles import Role, RoleStatus
from referral_tui.domain.templates import (
    BUILTIN,
    BUILTIN_KEYS,
    PLACEHOLDER,
    PLACEHOLDERS,
    Rendered,
    export_text,
    latest_facts,
    placeholders_in,
    render,
    topic_of,
    values_for,
)
from referral_tui.store.repository import Repository


def assert_spans_point_at_unfilled(rendered: Rendered) -> None:
    """Every span covers exactly a "{key}" of a key listed as unfilled."""
    for start, end in rendered.spans:
        piece = rendered.text[start:end]
        match = PLACEHOLDER.fullmatch(piece)
        assert match is not None, piece
        assert match.group(1) in rendered.unfilled


# -- render -----------------------------------------------------------------------------


def test_render_fills_known_values() -> None:
    out = render("Hi {first_name}, how is {company}?", {"first_name": "Priya", "company": "Stripe"})
    assert out.text == "Hi Priya, how is Stripe?"
    assert out.unfilled == []
    assert out.spans == []


def test_same_placeholder_twice_is_filled_twice() -> None:
    out = render("{company} and {company}", {"company": "Acme"})
    assert out.text == "Acme and Acme"


def test_unknown_placeholder_is_left_listed_and_located() -> None:
    body = "Hi {first_name}, about {favourite_colour} at {company}."
    out = render(body, {"first_name": "Priya", "company": "Stripe"})
    assert out.text == "Hi Priya, about {favourite_colour} at Stripe."
    assert out.unfilled == ["favourite_colour"]
    assert len(out.spans) == 1
    start, end = out.spans[0]
    assert out.text[start:end] == "{favourite_colour}"


def test_missing_and_empty_values_are_listed_in_order_of_first_use() -> None:
    body = "{my_name} / {role} / {company} / {role} / {first_name}"
    out = render(body, {"company": "Acme", "role": "", "first_name": "Bo"})
    assert out.text == "{my_name} / {role} / Acme / {role} / Bo"
    assert out.unfilled == ["my_name", "role"]  # each listed once
    assert [out.text[s:e] for s, e in out.spans] == ["{my_name}", "{role}", "{role}"]


def test_spans_account_for_values_of_different_length() -> None:
    # values longer and shorter than their placeholders shift the later spans
    body = "{first_name}{role}{company} x {my_name}"
    out = render(body, {"first_name": "Alexandria-Jane", "company": "X"})
    assert out.text == "Alexandria-Jane{role}X x {my_name}"
    assert [out.text[s:e] for s, e in out.spans] == ["{role}", "{my_name}"]
    assert_spans_point_at_unfilled(out)


def test_braces_in_values_come_through_and_are_not_re_expanded() -> None:
    body = "Hi {first_name} of {company}: {blurb}"
    values = {"first_name": "{company}", "company": "Acme", "blurb": "use {x:>3} and {role} and {{y}} and {"}
    out = render(body, values)
    assert out.text == "Hi {company} of Acme: use {x:>3} and {role} and {{y}} and {"
    # the braces came from values, not the template: nothing is listed or highlighted
    assert out.unfilled == []
    assert out.spans == []


def test_value_that_looks_like_a_missing_placeholder_is_not_listed() -> None:
    out = render("{first_name} {my_name}", {"first_name": "{my_name}"})
    assert out.text == "{my_name} {my_name}"
    assert out.unfilled == ["my_name"]
    # only the template's own {my_name} (the second one) is highlighted
    assert out.spans == [(10, 19)]


@pytest.mark.parametrize(
    "fragment",
    ["{a.b}", "{x[0]}", "{x:>3}", "{Capital}", "{}", "{first_name!r}", "{0}", "{ role }", "{_private}", "{"],
)
def test_non_placeholder_braces_come_through_unchanged_and_unlisted(fragment: str) -> None:
    body = f"Hi {{first_name}} {fragment} end"
    out = render(body, {"first_name": "Priya", "a": "A", "x": "X", "Capital": "C", "role": "R"})
    assert out.text == f"Hi Priya {fragment} end"
    assert out.unfilled == []
    assert out.spans == []


def test_all_odd_braces_together_with_empty_values() -> None:
    body = "{a.b} {x[0]} {x:>3} {Capital} {{double}} {} }{"
    out = render(body, {})
    assert out.text == body


def test_doubled_braces_are_not_listed_as_unfilled() -> None:
    out = render("Literal {{double}} here", {})
    assert out.text == "Literal {{double}} here"
    assert out.unfilled == []
    assert out.spans == []


def test_nothing_to_fill() -> None:
    assert render("", {}) == Rendered("", [], [])
    assert render("plain text", {"first_name": "x"}) == Rendered("plain text", [], [])


# -- placeholders_in ---------------------------------------------------------------------


def test_placeholders_in_keeps_order_of_first_use_without_duplicates() -> None:
    body = "{b} {a} {b} {c_1} {a} {Capital} {x.y} {} {z:>2}"
    assert placeholders_in(body) == ["b", "a", "c_1"]


def test_placeholders_in_empty() -> None:
    assert placeholders_in("no placeholders {} {A}") == []


# -- values_for --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first"),
    [("Priya Shah", "Priya"), ("  Mary Ann   Lee ", "Mary"), ("Cher", "Cher"), ("", ""), ("   ", "")],
)
def test_first_name(name: str, first: str) -> None:
    values = values_for(contact_name=name)
    assert values["first_name"] == first
    assert values["name"] == name


def test_values_from_contact_company_profile_research_and_ask() -> None:
    values = values_for(
        contact_name="Priya Shah",
        contact_title="Staff Engineer",
        company="Stripe",
        profile={"my_name": "Alex Rivera", "my_background": "payments", "my_field": "backend"},
        ask={
            "role_title": "Senior SRE",
            "role_url": "https://example.com/job/1",
            "req_id": "R-42",
            "why_role": "I love on-call",
            "points": ["led the migration", "mentored five engineers", "cut costs 30%"],
            "resume_url": "https://example.com/cv",
            "blurb": "SRE with ten years",
            "status": "responded",
        },
        research={"challenges": "scaling", "my_angle": "I scaled a ledger"},
    )
    assert values["their_title"] == "Staff Engineer"
    assert values["company"] == "Stripe"
    assert values["role"] == "Senior SRE"
    assert values["role_link"] == "https://example.com/job/1"
    assert values["req_id"] == "R-42"
    assert values["why_role"] == "I love on-call"
    assert values["points"] == "- led the migration\n- mentored five engineers\n- cut costs 30%"
    assert values["resume_link"] == "https://example.com/cv"
    assert values["blurb"] == "SRE with ten years"
    assert values["application_status"] == "recruiter responded"
    assert values["my_name"] == "Alex Rivera"
    assert values["my_background"] == "payments"
    assert values["my_field"] == "backend"
    assert values["company_challenge"] == "scaling"
    assert values["my_angle"] == "I scaled a ledger"


@pytest.mark.parametrize("status", sorted(ASK_STATUSES))
def test_application_status_is_the_ask_status_label_in_lower_case(status: str) -> None:
    values = values_for(contact_name="A B", ask={"status": status})
    assert values["application_status"] == ASK_STATUSES[status].lower()


def test_unknowns_are_empty_strings() -> None:
    values = values_for(contact_name="Priya Shah")
    assert all(isinstance(v, str) for v in values.values())
    for key in ("role", "role_link", "req_id", "why_role", "points", "resume_link", "blurb", "application_status"):
        assert values[key] == "", key
    for key in ("my_name", "my_background", "my_field", "company_challenge", "my_angle", "company"):
        assert values[key] == "", key
    unknown_status = values_for(contact_name="Priya Shah", ask={"status": "bogus"})
    assert unknown_status["application_status"] == ""


def test_no_points_gives_empty_and_a_missing_points_placeholder() -> None:
    values = values_for(contact_name="Priya Shah", ask={"points": []})
    out = render("Say:\n{points}", values)
    assert out.unfilled == ["points"]


def test_values_for_only_produces_known_placeholders() -> None:
    values = values_for(contact_name="Priya Shah")
    assert set(values) <= set(PLACEHOLDERS)


# -- built-in templates ------------------------------------------------------------------


def test_builtin_templates_use_only_known_placeholders() -> None:
    for template in BUILTIN:
        unknown = [p for p in placeholders_in(template.body) if p not in PLACEHOLDERS]
        assert unknown == [], (template.key, unknown)


def test_builtin_templates_have_no_stray_braces() -> None:
    for template in BUILTIN:
        assert template.body.count("{") == len(PLACEHOLDER.findall(template.body)), template.key
        assert template.body.count("}") == len(PLACEHOLDER.findall(template.body)), template.key


def test_builtin_templates_cover_the_method() -> None:
    assert {
        "value_first",
        "mutual_benefit",
        "alumni",
        "event_followup",
        "referral_ask",
        "week2_checkin",
        "week2_thanks",
        "week3_update",
        "week4_insight",
        "monthly_checkin",
        "outcome_offer",
        "outcome_closed",
        "job_change",
    } == BUILTIN_KEYS
    assert len(BUILTIN_KEYS) == len(BUILTIN)  # no duplicate keys
    assert all(t.builtin and t.title.strip() and t.body.strip() for t in BUILTIN)
    assert len({t.title for t in BUILTIN}) == len(BUILTIN)


def test_every_builtin_greets_by_first_name_and_signs_with_my_name() -> None:
    for template in BUILTIN:
        used = placeholders_in(template.body)
        assert used[0] == "first_name", template.key
        assert "my_name" in used, template.key


def test_follow_up_steps_point_at_existing_builtin_templates() -> None:
    for step in schedule.STEPS.values():
        if step.template:
            assert step.template in BUILTIN_KEYS, step


def test_referral_ask_template_includes_the_context_packet() -> None:
    ask = next(t for t in BUILTIN if t.key == "referral_ask")
    for key in ("role", "role_link", "req_id", "why_role", "points", "resume_link", "blurb"):
        assert key in placeholders_in(ask.body)


def test_rendering_a_builtin_with_full_data_leaves_only_editor_placeholders() -> None:
    values = values_for(
        contact_name="Priya Shah",
        contact_title="Staff Engineer",
        company="Stripe",
        profile={"my_name": "Alex", "my_background": "payments", "my_field": "backend"},
        ask={
            "role_title": "SRE",
            "role_url": "u",
            "req_id": "1",
            "why_role": "w",
            "points": ["p"],
            "resume_url": "r",
            "blurb": "b",
            "status": "submitted",
        },
        research={"challenges": "c", "my_angle": "m"},
    )
    editor_only = {"post_topic", "event_topic", "insight", "my_news"}
    for template in BUILTIN:
        out = render(template.body, values)
        assert set(out.unfilled) <= editor_only, (template.key, out.unfilled)
        assert "Priya" in out.text and "Alex" in out.text
        assert_spans_point_at_unfilled(out)


# -- properties --------------------------------------------------------------------------

KEYS = st.sampled_from(sorted(PLACEHOLDERS)) | st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
BRACELESS = st.text(alphabet=st.characters(blacklist_characters="{}", blacklist_categories=["Cs"]), max_size=12)
ANY_TEXT = st.text(alphabet=st.sampled_from("{}ab_:.[]0 Xz"), max_size=30) | st.text(max_size=30)
#: a template: literal text without braces and placeholders, in any order
SEGMENTS = st.lists(st.one_of(BRACELESS.map(lambda t: ("text", t)), KEYS.map(lambda k: ("key", k))), max_size=10)


def assemble(segments: list[tuple[str, str]]) -> str:
    return "".join(value if kind == "text" else "{" + value + "}" for kind, value in segments)


@given(SEGMENTS, st.text(alphabet=st.characters(blacklist_characters="{", blacklist_categories=["Cs"]), min_size=1))
def test_filled_values_without_open_brace_leave_no_placeholder(segments: list[tuple[str, str]], value: str) -> None:
    body = assemble(segments)
    values = {key: value for key in [*PLACEHOLDERS, *placeholders_in(body)]}
    out = render(body, values)
    assert out.unfilled == [] and out.spans == []
    assert PLACEHOLDER.search(out.text) is None
    assert "{" not in out.text
    # nothing is left to substitute, so rendering the result again changes nothing
    again = render(out.text, values)
    assert again == Rendered(out.text, [], [])


@given(SEGMENTS, st.dictionaries(KEYS, st.text(max_size=12), max_size=8))
def test_render_is_plain_one_pass_lookup(segments: list[tuple[str, str]], values: dict[str, str]) -> None:
    """Each placeholder becomes its value as-is (braces and all) or stays; literals are untouched."""
    body = assemble(segments)
    out = render(body, values)
    expected = "".join(
        value if kind == "text" else (values.get(value) or "{" + value + "}") for kind, value in segments
    )
    assert out.text == expected
    assert out.unfilled == [k for k in placeholders_in(body) if not values.get(k)]
    assert len(out.spans) == sum(1 for kind, k in segments if kind == "key" and not values.get(k))
    assert_spans_point_at_unfilled(out)
    assert out.spans == sorted(out.spans)


@given(ANY_TEXT)
def test_with_no_values_text_is_unchanged_and_every_placeholder_located(body: str) -> None:
    out = render(body, {})
    assert out.text == body
    assert out.unfilled == placeholders_in(body)
    assert [m.span() for m in PLACEHOLDER.finditer(body)] == out.spans


@given(ANY_TEXT, st.text(alphabet=st.characters(blacklist_characters="{", blacklist_categories=["Cs"]), min_size=1))
def test_filling_removes_exactly_one_open_brace_per_placeholder(body: str, value: str) -> None:
    values = {key: value for key in [*PLACEHOLDERS, *placeholders_in(body)]}
    out = render(body, values)
    assert out.unfilled == []
    assert out.text.count("{") == body.count("{") - len(PLACEHOLDER.findall(body))
    assert out.text == re.sub(PLACEHOLDER, lambda m: value, body)


# -- values from the facts logged (#19.4) ------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "topic"),
    [
        (
            "Met at the Platform Engineering meetup; talked about ETA accuracy and backfills.",
            "ETA accuracy and backfills",
        ),
        ("Talked after her meetup talk about replaying failed HL7 messages.", "replaying failed HL7 messages"),
        ("Met at the monorepo tooling meetup after his demo.", "met at the monorepo tooling meetup after his demo"),
        ("HL7 feeds and their retries", "HL7 feeds and their retries"),
        ("we talked about", "we talked about"),  # nothing after "about": the whole summary
        ("  spaced   out  about   build caches!  ", "build caches"),
    ],
)
def test_topic_of_takes_what_was_talked_about(summary: str, topic: str) -> None:
    assert topic_of(summary) == topic


def _met(day: int, kind: InteractionKind, summary: str, **changes: object) -> Interaction:
    return Interaction(1, date(2026, 3, day), kind, summary, id=day, **changes)  # type: ignore[arg-type]


def test_latest_facts_take_the_latest_event_and_the_latest_value_given() -> None:
    facts = latest_facts(
        [
            _met(5, InteractionKind.EVENT, "Talked about tracing"),
            _met(2, InteractionKind.EVENT, "Talked about old things"),
            _met(3, InteractionKind.VALUE, "Sent the tracing notes"),
            _met(6, InteractionKind.MESSAGE, "Sent a load-test harness", gave_value=True),  # the box counts too
            _met(7, InteractionKind.EVENT, "Talked about a deleted thing", archived=True),
            _met(8, InteractionKind.EVENT, "   "),  # nothing said: not a topic
        ]
    )
    assert facts == {"event_topic": "tracing", "insight": "Sent a load-test harness"}
    assert latest_facts([]) == {}


def test_values_for_fills_the_event_topic_and_the_insight_from_the_interactions() -> None:
    values = values_for(
        contact_name="Hannah Reuter",
        interactions=[_met(1, InteractionKind.EVENT, "Met at the meetup; talked about ETA accuracy.")],
    )
    assert (values["event_topic"], values["insight"]) == ("ETA accuracy", "")
    event = next(t for t in BUILTIN if t.key == "event_followup")
    out = render(event.body, values)
    assert "Thanks for the conversation at the event about ETA accuracy. Here is" in out.text
    assert "event_topic" not in out.unfilled


def test_the_open_role_fills_the_role_only_without_an_ask() -> None:
    role = Role("Staff SRE", "https://acme.example/sre", date(2026, 3, 1), RoleStatus.OPEN)
    values = values_for(contact_name="A B", open_role=role)
    assert (values["role"], values["role_link"]) == ("Staff SRE", "https://acme.example/sre")
    asked = values_for(contact_name="A B", ask={"role_title": "Data Lead"}, open_role=role)
    assert (asked["role"], asked["role_link"]) == ("Data Lead", "")


# -- export_text: never a placeholder -------------------------------------------------------

FULL = {k: f"<{k}>" for k in PLACEHOLDERS}


def test_export_text_with_every_value_is_the_rendered_message() -> None:
    for template in BUILTIN:
        assert export_text(template.body, FULL) == render(template.body, FULL).text


def test_export_text_leaves_out_the_sentence_with_a_missing_value_and_says_what_to_add() -> None:
    event = next(t for t in BUILTIN if t.key == "event_followup")
    text = export_text(event.body, {**FULL, "event_topic": ""})
    assert "Thanks for the conversation" not in text
    assert "Here is the resource I mentioned; it covers how we handled something similar." in text
    assert text.endswith("\n\nTo add before sending: what you talked about at the event.")
    assert "{" not in text


def test_export_text_trims_a_bracketed_aside_and_a_line_that_introduced_a_missing_value() -> None:
    ask = next(t for t in BUILTIN if t.key == "referral_ask")
    text = export_text(ask.body, {**FULL, "req_id": "", "points": ""})
    assert "<company> has an opening for <role> (<role_link>) and, given" in text
    assert "here is what you could say about me" not in text, "the line that introduced the points goes too"
    assert "My resume: <resume_link>" in text
    assert text.endswith("To add before sending: the role's requisition id; the 3-5 points they can say about you.")
    week4 = next(t for t in BUILTIN if t.key == "week4_insight")
    text = export_text(week4.body, {**FULL, "insight": ""})
    assert "I came across something" not in text and "Hope the quarter is going well." in text


def test_export_text_names_an_unknown_placeholder_in_words() -> None:
    text = export_text("Hi {first_name}, about {our_topic}.\nBye.", {"first_name": "Li"})
    assert text == "Bye.\n\nTo add before sending: our topic."


@given(values=st.dictionaries(st.sampled_from(sorted(PLACEHOLDERS)), st.sampled_from(["", "x", "a b."]), max_size=8))
def test_export_text_of_any_builtin_holds_no_placeholder(values: dict[str, str]) -> None:
    for template in BUILTIN:
        text = export_text(template.body, values)
        assert PLACEHOLDER.search(text) is None, (template.key, text)
        assert "{" not in text


def test_a_template_for_a_referrer_met_at_an_event_shows_the_events_topic(repo: Repository) -> None:
    hannah = repo.quick_add("Hannah Reuter @ Saltmarsh Freight !rel")
    repo.log_interaction(
        Interaction(hannah.id, date(2026, 3, 8), InteractionKind.EVENT, "Met at the meetup; talked about ETA accuracy.")
    )
    out = repo.render_message(hannah.id, "event_followup")
    assert "Thanks for the conversation at the event about ETA accuracy." in out.text
    assert "event_topic" not in out.unfilled and "my_name" in out.unfilled  # no profile yet: still named
    assert "{my_name}" in out.text, "an unfilled placeholder stays visible in the editor"
    repo.log_interaction(Interaction(hannah.id, date(2026, 3, 9), InteractionKind.VALUE, "Sent the backfill runbook."))
    assert "Sent the backfill runbook." in repo.render_message(hannah.id, "week4_insight").text
    exported = repo.export_message(hannah.id, "event_followup")
    assert "{" not in exported and exported.endswith("To add before sending: your name.")


def test_without_an_ask_the_companys_newest_open_role_fills_the_role(repo: Repository) -> None:
    acme = repo.add_company(
        Company(
            "Acme",
            open_roles=[
                {"title": "Staff SRE", "url": "https://acme.example/1", "seen": "2026-03-01", "status": "open"},
                {"title": "Old one", "url": "https://acme.example/0", "seen": "2025-10-01", "status": "open"},
            ],
        )
    )
    li = repo.quick_add("Li Wei @ Acme !timing")
    assert li.company_id == acme.id
    values = repo.message_values(li.id)
    assert (values["role"], values["role_link"]) == ("Staff SRE", "https://acme.example/1")
    repo.add_ask(Ask(li.id, date(2026, 3, 9), role_title="Platform Lead"))
    assert repo.message_values(li.id)["role"] == "Platform Lead"
