"""One rule, one place: each rule of the method has one home in ``domain/`` and a test here that
fails when the rule changes. Each docstring names the rule it pins down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from referral_tui.domain import (
    board,
    campaign,
    coach,
    fields,
    followups,
    gate,
    packet,
    quickadd,
    rhythm,
    roles,
    schedule,
    search,
    templates,
    validation,
)
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ASK_THRESHOLD, ScoreEntry, badge, clears_threshold, gate_reason, verdict
from referral_tui.domain.records import (
    CLOSED_ASK_STATUSES,
    RESPONDED_STATUSES,
    SUBMITTED_STATUSES,
    Ask,
    AskStatus,
    Company,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    HowFound,
    Interaction,
    InteractionKind,
    Phase,
    how_found_label,
)
from referral_tui.imports import import_google, import_linkedin, import_vcard
from referral_tui.imports.common import ImportRefused
from referral_tui.store.repository import Repository

TODAY = date(2026, 3, 9)
FIXTURES = Path(__file__).parent / "fixtures"
ACME = Company("Acme", fit="f", decision_makers="d", challenges="c", my_angle="a", id=1)


def full_ask(**changes: object) -> Ask:
    base = Ask(
        1,
        date(2026, 3, 4),
        role_title="Staff Engineer, Ledger",
        role_url="https://acme.example/jobs/1",
        why_role="I led the Acme-sized ledger migration my last team ran",
        points=["one", "two", "three"],
        resume_url="https://cv.example",
        blurb="Engineer, eight years on payments.",
        id=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def referrer(scores: tuple[int, int, int, int] | None = (4, 4, 4, 4), phase: Phase = Phase.TIMING) -> Contact:
    entries = [ScoreEntry(date(2026, 2, 1), *scores)] if scores else []
    return Contact("Priya Shah", company_id=1, phase=phase, scores=entries, id=1)


def data(
    contacts: list[Contact] | None = None,
    interactions: list[Interaction] | None = None,
    asks: list[Ask] | None = None,
    followups_: list[FollowUp] | None = None,
    today: date = TODAY,
) -> coach.Data:
    return coach.Data.build(today, [ACME], contacts or [referrer()], interactions or [], asks or [], followups_ or [])


# -- the context packet ------------------------------------------------------------------


def test_the_context_packet_is_five_parts_in_the_methods_order() -> None:
    """Rule: context-packet completeness = role link, why this role, 3-5 points, resume, blurb."""
    assert packet.gaps("", "", [], "", "") == [
        "role link",
        "why this role",
        "3-5 points they can say about you (have 0)",
        "resume link",
        "a short blurb",
    ]
    assert packet.gaps("https://r", "why", ["a", "b", "c"], "https://cv", "blurb") == []


@pytest.mark.parametrize(("count", "complete"), [(2, False), (3, True), (5, True), (6, False)])
def test_the_packet_wants_three_to_five_points(count: int, complete: bool) -> None:
    """Rule: context-packet completeness, the 3-5 points."""
    points = [f"point {n}" for n in range(count)]
    assert packet.complete("https://r", "why", points, "https://cv", "blurb") is complete
    assert full_ask(points=points).has_context_packet is complete


def test_the_coach_the_ask_and_the_packet_share_the_rule() -> None:
    """Rule: context-packet completeness is one function: the ask's gaps are packet.gaps, and
    the coach names exactly them."""
    ask = full_ask(resume_url="", points=["one"])
    assert ask.packet_gaps == packet.gaps(ask.role_url, ask.why_role, ask.points, ask.resume_url, ask.blurb)
    [finding] = coach.no_context_packet(data(asks=[ask]))
    assert finding.evidence.endswith("is missing: " + "; ".join(ask.packet_gaps))
    assert ask.packet.gaps == ask.packet_gaps


# -- the 12+ gate ------------------------------------------------------------------------


def test_the_gate_is_12() -> None:
    """Rule: the 12+ gate (matrix.ASK_THRESHOLD, clears_threshold)."""
    assert ASK_THRESHOLD == 12
    assert (clears_threshold(11), clears_threshold(12), clears_threshold(None)) == (False, True, False)
    assert (gate_reason(11), gate_reason(12), gate_reason(None)) == ("scores 11/20", None, "is not scored yet")
    assert (verdict(11), verdict(12)) == ("is under 12", "clears 12")


def test_the_board_badge_marks_the_12_gate() -> None:
    """Rule: the 12+ gate on the board's badge (matrix.badge): 11 is under it, 12 clears it.
    This mutation used to survive the unit tests and show only as a snapshot diff."""
    assert badge(11) == " ✗11 "
    assert badge(12) == " ✓12 "
    assert badge(None) == " – "
    assert (badge(11, "ascii"), badge(12, "ascii"), badge(None, "ascii")) == (" x11 ", " +12 ", " - ")


def test_a_move_into_ask_only_is_gated() -> None:
    """Rule: the 12+ gate guards the Ask column only."""
    assert gate.move_reason(9, Phase.ASK) == "scores 9/20"
    assert gate.move_reason(9, Phase.TIMING) is None
    assert gate.move_reason(12, Phase.ASK) is None
    with pytest.raises(gate.BelowThreshold, match="Li scores 9/20"):
        gate.check("Li", 9, Phase.ASK)
    gate.check("Li", 9, Phase.ASK, force=True)


def test_quick_add_ask_goes_through_the_gate() -> None:
    """Rule: the 12+ gate: quick-add's !ask puts a new (so unscored) person in Ask only when forced."""
    with pytest.raises(quickadd.QuickAddError, match="not scored yet"):
        quickadd.parse_checked("Li Wei @ Acme !ask")
    assert quickadd.parse_checked("Li Wei @ Acme !ask", force=True).phase is Phase.ASK
    assert quickadd.parse_checked("Li Wei @ Acme !timing").phase is Phase.TIMING
    assert quickadd.parse("Li Wei @ Acme !ask").phase is Phase.ASK  # the grammar alone still reads it


def test_repository_quick_add_refuses_ask_unless_forced(repo: Repository) -> None:
    """Rule: the 12+ gate on repository.quick_add (the `a` key and `referral-tui add`)."""
    with pytest.raises(quickadd.QuickAddError):
        repo.quick_add("Li Wei @ Acme !ask")
    assert repo.contacts() == [] and repo.companies() == []  # nothing saved
    forced = repo.quick_add("Li Wei @ Acme !ask", force=True)
    assert forced.phase is Phase.ASK


@pytest.mark.parametrize(
    ("run", "source"),
    [
        (import_linkedin, FIXTURES / "linkedin" / "connections_modern.csv"),
        (import_vcard, FIXTURES / "vcard" / "contacts_v4.vcf"),
        (import_google, FIXTURES / "google" / "google_contacts.csv"),
    ],
    ids=["linkedin", "vcard", "google"],
)
def test_import_into_ask_goes_through_the_gate(repo: Repository, run: Callable[..., object], source: Path) -> None:
    """Rule: the 12+ gate on `import ... --phase ask`: refused (nothing changes) unless forced."""
    with pytest.raises(ImportRefused, match="not scored yet"):
        run(repo, source, Phase.ASK)
    assert repo.contacts(include_archived=True) == []
    run(repo, source, Phase.ASK, force=True)
    assert repo.contacts() and all(c.phase is Phase.ASK for c in repo.contacts())


# -- the follow-up schedule and the monthly clock ------------------------------------------


def test_the_weekly_offsets_are_days_7_14_21() -> None:
    """Rule: schedule offsets (schedule.STEP_DAYS): week 2, 3 and 4 fall due on days 7, 14, 21."""
    day = date(2026, 3, 4)
    assert schedule.week2_due(day) == date(2026, 3, 11)
    assert [(due - day).days for _, due in schedule.ask_schedule(day)[:3]] == [7, 14, 21]


def test_the_passive_rule_counts_from_the_schedules_week2_date() -> None:
    """Rule: schedule offsets, as the coach reads them: passive from the day after week 2."""
    ask = full_ask()
    on_week2 = data(asks=[ask], today=schedule.week2_due(ask.day))
    after = data(asks=[ask], today=schedule.week2_due(ask.day) + timedelta(days=1))
    assert list(coach.passive_referral(on_week2)) == []
    assert [f.rule for f in coach.passive_referral(after)] == ["passive"]


def test_the_monthly_clock_is_one_calendar_month() -> None:
    """Rule: the monthly clock (followups.next_monthly), also used by the demo."""
    monthly = FollowUp(1, FollowUpKind.MONTHLY, date(2026, 1, 31), ask_id=2, id=3)
    following = followups.next_monthly(monthly, date(2026, 1, 31))
    assert following is not None and following.due == date(2026, 2, 28) and following.kind is FollowUpKind.MONTHLY
    assert followups.next_monthly(replace(monthly, kind=FollowUpKind.WEEK3), date(2026, 1, 31)) is None


def test_the_demo_keeps_the_monthly_clock(tmp_path: Path) -> None:
    """Rule: the monthly clock: the demo's next monthly check-in is a month after the last."""
    from referral_tui.demo import write_demo

    repo = write_demo(tmp_path / "demo.json", FixedClock(TODAY))
    done = [f for f in repo.followups(open_only=False) if f.kind is FollowUpKind.MONTHLY and f.done_on]
    assert done
    for f in done:
        [nxt] = [g for g in repo.followups() if g.ask_id == f.ask_id and g.kind is FollowUpKind.MONTHLY]
        assert f.done_on is not None and nxt.due == schedule.next_monthly(f.done_on)


# -- statuses ------------------------------------------------------------------------------


def test_the_ask_status_groups() -> None:
    """Rule: statuses: which outcomes are closed, submitted, responded (metrics and follow-ups)."""
    assert {s.value for s in CLOSED_ASK_STATUSES} == {"offer", "rejected", "no_response", "withdrawn"}
    assert {s.value for s in SUBMITTED_STATUSES} == {
        "submitted",
        "responded",
        "screening",
        "interviewing",
        "offer",
        "rejected",
    }
    assert SUBMITTED_STATUSES - {AskStatus.SUBMITTED} == RESPONDED_STATUSES
    assert AskStatus.OFFER.closed and not AskStatus.INTERVIEWING.closed
    assert AskStatus.SCREENING.submitted and not AskStatus.REQUESTED.submitted


def test_a_cancelled_follow_up_is_neither_open_nor_skipped() -> None:
    """Rule: statuses: CANCELLED (closed by the program) is not a skip the coach reproaches."""
    a = full_ask(day=date(2026, 2, 2))
    items = [
        FollowUp(
            1, step.kind, due, ask_id=1, status=FollowUpStatus.DONE if n == 0 else FollowUpStatus.CANCELLED, id=n + 1
        )
        for n, (step, due) in enumerate(schedule.ask_schedule(a.day))
    ]
    d = data(asks=[a], followups_=items, interactions=[Interaction(1, date(2026, 1, 2), InteractionKind.VALUE, id=1)])
    assert list(coach.one_and_done(d)) == []
    assert not any(f.is_open for f in items[1:])


# -- found via --------------------------------------------------------------------------


def test_found_via_choices_and_labels() -> None:
    """Rule: found-via choices (records.HowFound): the method's approaches, stored as words."""
    assert [h.value for h in HowFound] == ["content", "alumni", "event", "existing", "other"]
    assert how_found_label("alumni") == "Alumni"
    assert how_found_label("content") == "Engaged with their content"
    assert how_found_label("") == "" and how_found_label("podcast") == "podcast"


def test_the_referrer_form_offers_the_domains_choices() -> None:
    """Rule: found-via choices: the form lists HowFound, nothing of its own."""
    from referral_tui.ui.forms.contact import HOW_FOUND_CHOICES

    assert [(h.label, h.value) for h in HowFound] == HOW_FOUND_CHOICES


# -- validators ------------------------------------------------------------------------------


CONTACT = {"name": "Priya", "company": "Acme", "title": "", "tags": "", "links": "", "email": ""}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "a name is required"),
        ({"title": "x" * 121}, "title", "at most 120 characters"),
        ({"email": "priya@"}, "email", "not an email address (like name@example.com); leave empty if unknown"),
        ({"links": "https://ok.example ftp://no"}, "links", "'ftp://no' is not a web link; links start with https://"),
        ({"tags": "#ok bad!tag"}, "tags", "'bad!tag' is not a tag; use letters, digits, - or _"),
    ],
)
def test_the_referrer_form_rules(changes: dict[str, str], field: str, message: str) -> None:
    """Rule: validators of the referrer form (validation.contact_errors)."""
    assert validation.contact_errors(CONTACT) == {}
    assert validation.contact_errors(CONTACT | changes) == {field: message}


def test_the_tag_rule_is_shared_by_the_form_and_quick_add() -> None:
    """Rule: validators: one tag pattern (fields.TAG) for the form and the quick-add line."""
    assert fields.is_tag("alumni-2019") and not fields.is_tag("-x") and not fields.is_tag("a!b")
    with pytest.raises(quickadd.QuickAddError, match="tag '#a!b'"):
        quickadd.parse("Li @ Acme #a!b")
    assert fields.clean_tags(["#Alumni", "alumni", "Event"]) == ["alumni", "event"]


def test_the_ask_form_rules() -> None:
    """Rule: validators of the ask form (validation.ask_errors): role named, links, past day, <= 5 points."""
    values = {"role_title": "", "role_url": "jobs/1", "resume_url": "", "day": "2026-03-10", "why_role": ""}
    day, errors = validation.ask_errors(values, ["1", "2", "3", "4", "5", "6"], TODAY)
    assert day is None
    assert errors == {
        "role_title": "name the role you are asking about",
        "role_url": "'jobs/1' is not a web link; links start with https://",
        "day": errors["day"],
        "points": "6 points; keep it to 3-5 so they are easy to repeat",
    }
    assert "in the future" in errors["day"]
    ok = {"role_title": "SRE", "role_url": "", "resume_url": "", "day": "2026-03-09", "why_role": ""}
    assert validation.ask_errors(ok, [], TODAY) == (TODAY, {})


def test_the_interaction_form_rules() -> None:
    """Rule: validators of the interaction form (validation.interaction_errors)."""
    day, errors = validation.interaction_errors("2026-03-08", TODAY, "x" * 501, True, " ")
    assert day == TODAY - timedelta(days=1)
    assert errors == {
        "summary": "the summary is 501 characters; keep it to 500 (use notes for more)",
        "insider_text": "say what you learned, or untick 'insider information'",
    }


def test_the_company_form_and_role_lines() -> None:
    """Rule: validators of the company form and the open-role lines (roles.parse_roles)."""
    parsed, errors = validation.company_errors("acme", {"acme"}, "careers", "Staff SRE | https://j | 2026-03-01", TODAY)
    assert errors == {
        "name": "'acme' is already in your list",
        "careers_url": "'careers' is not a web link; links start with https://",
    }
    assert parsed == [{"title": "Staff SRE", "url": "https://j", "seen": "2026-03-01", "status": "open"}]
    assert roles.parse_roles("SRE | | | maybe", TODAY) == (
        [],
        "line 1: status 'maybe' is not one of open, applied, closed",
    )
    assert roles.parse_roles(roles.roles_text(parsed), TODAY) == (parsed, None)


# -- search ------------------------------------------------------------------------------------


def test_search_matches_every_word_anywhere() -> None:
    """Rule: search matching (search.matches): every word, case-insensitive, '#' ignored."""
    hay = search.haystack("Priya Shah", "Stripe", tags=["alumni"])
    assert search.matches(hay, "pri STRIPE")
    assert search.matches(hay, "#alumni") and search.matches(hay, "alum")
    assert not search.matches(hay, "priya acme")
    assert search.matches(hay, "") and search.matches(hay, " # ")


def test_the_board_filter_is_the_search_rule() -> None:
    """Rule: search matching: the board's filter and the network's search are one function."""
    c = Contact("Priya Shah", tags=["alumni"], id=1)
    for query in ("priya", "#alumni stripe", "shah acme", "", "#"):
        assert board.matches(c, "Stripe", query) == search.matches(
            search.haystack(c.name, "Stripe", tags=c.tags), query
        )


def test_the_network_search_uses_the_rule() -> None:
    """Rule: search matching on the network screen's rows (name, company, title)."""
    from referral_tui.ui.screens.network import build_rows

    [row] = build_rows([Contact("Priya Shah", title="Staff SRE", phase=None, id=1)], {}, set())
    assert search.matches(row.haystack, "#staff priya") and not search.matches(row.haystack, "acme")


# -- value given -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "box", "gave"),
    [("value", False, True), ("message", True, True), ("message", False, False), ("call", False, False)],
)
def test_value_given_is_the_kind_or_the_box(kind: str, box: bool, gave: bool) -> None:
    """Rule: value given = an interaction of kind "value" OR the "I gave value" box."""
    i = Interaction(1, date(2026, 3, 1), InteractionKind(kind), gave_value=box, id=1)
    assert i.value_given is gave
    ask = full_ask()
    entitled = [f.rule for f in coach.entitled(data(asks=[ask], interactions=[i]))]
    assert entitled == ([] if gave else ["entitled"])
    notes = coach.before_ask(data(interactions=[i]), 1)
    assert ("You have not logged giving them any value yet." in notes) is not gave


def test_the_plan_counts_value_by_the_same_rule() -> None:
    """Rule: value given, in the four-week plan's week 3."""
    c = referrer()
    rows = campaign.company_rows([ACME], [c], [], [])
    i = Interaction(1, date(2026, 3, 1), InteractionKind.VALUE, id=1)
    plan = campaign.four_week_plan(TODAY, None, rows, [c], [i], [], [])
    assert "referrers you gave value to 1" in plan.weeks[2].progress


# -- due counts, follow-up order -----------------------------------------------------------------


def test_due_counts_count_follow_ups_not_people() -> None:
    """Rule: header and sidebar counts come from schedule.due_counts over follow-ups."""
    items = [(date(2026, 3, 1), "a"), (date(2026, 3, 2), "a again"), (TODAY, "b"), (date(2026, 3, 12), "c")]
    counts = schedule.due_counts(schedule.group_due(items, TODAY, 7))
    assert (counts.overdue, counts.today, counts.upcoming, counts.total) == (2, 1, 1, 4)


def test_follow_ups_list_by_date(repo: Repository) -> None:
    """Rule: follow-up lists are sorted by date (the toast after an ask)."""
    priya = repo.quick_add("Priya @ Acme !timing")
    ask = repo.add_ask(Ask(priya.id, TODAY, role_title="SRE"))
    dues = [f.due for f in repo.ask_followups(ask.id)]
    assert dues == sorted(dues) and len(dues) == 4
    shuffled = list(reversed(repo.ask_followups(ask.id)))
    assert followups.by_due(shuffled) == repo.ask_followups(ask.id)


# -- the coach before and after an ask ------------------------------------------------------------


def test_before_ask_says_what_the_findings_after_saving_say(repo: Repository) -> None:
    """Rule: coach.before_ask and findings_for_draft use the rules that run after saving."""
    li = repo.quick_add("Li Wei @ Acme !timing")
    repo.score(li.id, ScoreEntry(TODAY, 2, 2, 3, 3))  # 10, relationship 2, influence 2
    draft = Ask(li.id, TODAY, role_title="SRE")
    before = coach.findings_for_draft(repo.coach_data(), draft)
    saved = repo.add_ask(draft)
    after = coach.review(repo.coach_data())
    mine = {f.rule for f in after if f.ask_id == saved.id or (f.ask_id is None and f.contact_id == li.id)}
    assert {f.rule for f in before} == mine
    assert {"quality", "information_gap", "entitled", "no_packet", "wrong_people"} <= mine
    assert all(f.ask_id in (coach.DRAFT_ID, None) for f in before)


def test_before_ask_leaves_the_packet_to_the_form() -> None:
    """Rule: the coach before an ask: the person, not the packet still being written."""
    notes = coach.before_ask(data(contacts=[referrer((4, 4, 4, 4))]), 1)
    assert notes == [
        "Only 0 logged contacts with Priya Shah so far: build the relationship first.",
        "You have not logged giving them any value yet.",
    ]


def test_moving_into_timing_without_an_interaction_gets_a_note() -> None:
    """Rule: relationship-building rhythm: Timing comes after a relationship (coach.before_move)."""
    d = data(contacts=[referrer(phase=Phase.RELATIONSHIP)])
    [note] = coach.before_move(d, 1, Phase.TIMING)
    assert note.startswith("No interaction with Priya Shah is logged")
    assert coach.before_move(d, 1, Phase.RELATIONSHIP) == []
    called = data(
        contacts=[referrer(phase=Phase.RELATIONSHIP)],
        interactions=[Interaction(1, date(2026, 3, 2), InteractionKind.CALL, id=1)],
    )
    assert coach.before_move(called, 1, Phase.TIMING) == []
    assert coach.before_move(d, 1, Phase.ASK) == coach.before_ask(d, 1)


@pytest.mark.parametrize(
    ("days", "kinds", "ready"),
    [
        ((0, 7, 14), ("engaged", "engaged", "message"), True),
        ((0, 7, 13), ("engaged", "engaged", "message"), False),
        ((0, 20), ("engaged", "message"), False),
        ((0,), ("call",), True),
        ((0,), ("event",), False),
        ((0, 7, 14), ("connected", "engaged", "message"), False),
    ],
)
def test_enough_engagement_to_move_on(days: tuple[int, ...], kinds: tuple[str, ...], ready: bool) -> None:
    """Rule: relationship-building rhythm: 3 interactions over 14+ days, or a call (rhythm)."""
    start = date(2026, 2, 1)
    items = [
        Interaction(1, start + timedelta(days=n), InteractionKind(kind), id=k + 1)
        for k, (n, kind) in enumerate(zip(days, kinds, strict=True))
    ]
    assert rhythm.engagement(items).ready is ready
    assert (rhythm.READY_INTERACTIONS, rhythm.READY_SPAN_DAYS) == (3, 14)


# -- open roles and templates ----------------------------------------------------------------------


def test_open_roles_stop_counting_after_45_days() -> None:
    """Rule: timing signals: open roles seen in the last 45 days (roles.current_roles)."""
    seen = {45: "still counts", 46: "too old", 3: "newest"}
    stored = [
        {"title": title, "url": "", "seen": (TODAY - timedelta(days=ago)).isoformat(), "status": "open"}
        for ago, title in seen.items()
    ]
    stored.append({"title": "applied", "url": "", "seen": TODAY.isoformat(), "status": "applied"})
    stored.append({"title": "no date", "url": "", "seen": "", "status": "open"})
    assert [r.title for r in roles.current_roles(stored, TODAY)] == ["newest", "still counts"]
    assert roles.ROLE_MAX_AGE_DAYS == 45


def test_copying_a_template_offers_to_log_what_it_amounts_to() -> None:
    """Rule: templates.sent_as: a copied message is logged as the interaction it amounts to."""
    week4 = templates.sent_as("week4_insight")
    assert week4 is not None and (week4.kind, week4.gave_value) == (InteractionKind.VALUE, True)
    assert templates.sent_as("referral_ask") is None  # saving the ask logs it
    outreach = templates.sent_as("value_first")
    assert outreach is not None and outreach.kind is InteractionKind.MESSAGE
    mine = templates.sent_as("my_own_template")
    assert mine is not None and mine.kind is InteractionKind.MESSAGE
    for step in schedule.STEPS.values():
        got = templates.sent_as(step.template)
        assert got is not None and got.kind is followups.DONE_AS[step.kind][0], step.template
