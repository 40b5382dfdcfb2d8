"""The coach: rules that name the failure patterns of METHOD.md, with evidence and a next step.

It advises and never blocks. The rules live in ``coach_rules`` and read ``coach_data.Data``;
this module runs them (``review``) and says the same rules before the fact: on an ask the
user has not saved yet (``findings_for_draft``, ``before_ask``), on a stored ask being edited
(``findings_for_edit``) and on a move between phases (``before_move``). So the ask form, the move to Ask and the findings after saving agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from referral_tui.domain import followups as followup_rules
from referral_tui.domain import rhythm, schedule
from referral_tui.domain.coach_data import Data, Finding, Fix
from referral_tui.domain.coach_rules import (
    BARELY_KNOWN_RELATIONSHIP,
    FIT_MARKERS,
    GENERIC_WHY_MIN_CHARS,
    MIN_CONTACTS_BEFORE_ASK,
    RULES,
    SPRAY_MAX_ASKS,
    SPRAY_WINDOW_DAYS,
    WRONG_PEOPLE_INFLUENCE,
    contacts_before,
    entitled,
    followed_up,
    generic_ask,
    information_gap,
    no_context_packet,
    one_and_done,
    passive_referral,
    spray_and_pray,
    wrong_people,
)
from referral_tui.domain.records import Ask, FollowUp, Interaction, InteractionKind, Phase

__all__ = [
    "BARELY_KNOWN_RELATIONSHIP",
    "DRAFT_ID",
    "FIT_MARKERS",
    "GENERIC_WHY_MIN_CHARS",
    "MIN_CONTACTS_BEFORE_ASK",
    "RULES",
    "SPRAY_MAX_ASKS",
    "SPRAY_WINDOW_DAYS",
    "WRONG_PEOPLE_INFLUENCE",
    "Data",
    "Finding",
    "Fix",
    "before_ask",
    "before_move",
    "contacts_before",
    "draft_data",
    "edit_data",
    "entitled",
    "findings_for_draft",
    "findings_for_edit",
    "followed_up",
    "for_contact",
    "generic_ask",
    "information_gap",
    "no_context_packet",
    "one_and_done",
    "passive_referral",
    "review",
    "spray_and_pray",
    "wrong_people",
]

#: The id a draft ask (and its follow-ups) takes while the coach looks at it: no stored or
#: provisional record has it.
DRAFT_ID = -(2**62)
#: The rules about the packet's content: the ask form shows the packet on its own, so what
#: the coach says before an ask leaves them out.
PACKET_RULES = frozenset({"no_packet", "generic"})
#: The rules that can find something about the campaign as a whole (no ask, no referrer).
CAMPAIGN_RULES = (spray_and_pray,)
#: The order the advice before an ask is said in: the score first, then the person, then
#: what the user has done for them, the research, the pace.
ADVICE_ORDER = ("quality", "wrong_people", "barely_known", "entitled", "information_gap", "spray", "passive")


def review(d: Data) -> list[Finding]:
    """Every finding, rule by rule."""
    return [finding for rule in RULES for finding in rule(d)]


def for_contact(findings: Iterable[Finding], contact_id: int) -> list[Finding]:
    return [f for f in findings if f.contact_id == contact_id]


def draft_data(d: Data, draft: Ask) -> tuple[Data, Ask]:
    """The campaign as it would be once ``draft`` is saved: the ask (under ``DRAFT_ID``), the
    follow-ups the schedule gives it and its "referral asked" interaction, as the repository
    adds them."""
    ask = replace(draft, id=DRAFT_ID)
    followups = [
        FollowUp(ask.contact_id, step.kind, due, ask_id=DRAFT_ID, template=step.template, id=DRAFT_ID - n - 1)
        for n, (step, due) in enumerate(schedule.ask_schedule(ask.day))
    ]
    asked = Interaction(ask.contact_id, ask.day, InteractionKind.ASKED, "Asked for a referral", id=DRAFT_ID)
    return d.with_ask(ask, followups, [asked]), ask


def _brought_about(d: Data, changed: Data, ask_id: int, contact_id: int) -> list[Finding]:
    """The findings of ``changed`` (the campaign ``d`` with one ask added or edited) that the
    ask's form should show: those about that ask, about its referrer alone, and any
    campaign-wide finding ``d`` does not have already (the change brought it about)."""
    out = []
    before: list[Finding] | None = None  # the campaign-wide findings without the change, if needed
    for f in review(changed):
        about_ask = f.ask_id == ask_id
        about_person = f.ask_id is None and f.contact_id == contact_id
        campaign_wide = f.ask_id is None and f.contact_id is None
        if campaign_wide and before is None:
            before = [g for rule in CAMPAIGN_RULES for g in rule(d) if g.ask_id is None and g.contact_id is None]
        if about_ask or about_person or (campaign_wide and f not in (before or [])):
            out.append(f)
    return out


def findings_for_draft(d: Data, draft: Ask) -> list[Finding]:
    """What the coach will say once ``draft`` (an ask not saved yet) is saved, by the same rules
    as ``review``: the findings about that ask, about its referrer alone, and any finding the
    draft brings about (four asks in a week). Their ``ask_id`` is ``DRAFT_ID``."""
    with_draft, ask = draft_data(d, draft)
    return _brought_about(d, with_draft, DRAFT_ID, ask.contact_id)


def edit_data(d: Data, edited: Ask) -> tuple[Data, Ask] | None:
    """The campaign as it would be once ``edited`` (a stored ask, changed) is saved, as the
    repository's ``edit_ask`` saves it: the referrer and the status stay the stored ask's,
    and a new day moves the open follow-ups the schedule placed (``followups.reschedule``).
    None when the campaign does not hold that ask (deleted, or its referrer archived)."""
    stored = next((a for a in d.asks if a.id == edited.id), None)
    if stored is None:
        return None
    ask = replace(edited, contact_id=stored.contact_id, status=stored.status)
    by_ask = {k: list(v) for k, v in d.followups.items()}
    if ask.day != stored.day:
        moved = {f.id: f for f in followup_rules.reschedule(by_ask.get(ask.id, []), ask)}
        by_ask[ask.id] = [moved.get(f.id, f) for f in by_ask.get(ask.id, [])]
    asks = [ask if a.id == ask.id else a for a in d.asks]
    return replace(d, asks=asks, followups=by_ask), ask


def findings_for_edit(d: Data, edited: Ask) -> list[Finding]:
    """What the coach will say once ``edited`` (a stored ask as its form edits it) is saved, by
    the same rules as ``review`` and ``findings_for_draft``: the findings about that ask (under
    its own id), about its referrer alone, and any campaign-wide finding the edit brings about
    (a new day that makes four asks in a week). Completing the packet drops the packet
    finding, for instance. An ask the campaign does not hold is judged as a draft."""
    changed = edit_data(d, edited)
    if changed is None:
        return findings_for_draft(d, edited)
    with_edit, ask = changed
    return _brought_about(d, with_edit, ask.id, ask.contact_id)


def before_ask(d: Data, contact_id: int, draft: Ask | None = None) -> list[str]:
    """What the coach would say about asking this referrer now (the ask form, the move to Ask):
    ``findings_for_draft`` on ``draft`` (by default an ask made today), without the packet
    rules, each in its before-the-fact words."""
    if contact_id not in d.contacts:
        return []
    draft = draft or Ask(contact_id=contact_id, day=d.today)
    findings = [f for f in findings_for_draft(d, draft) if f.rule not in PACKET_RULES and f.advice]
    findings.sort(key=lambda f: ADVICE_ORDER.index(f.rule) if f.rule in ADVICE_ORDER else len(ADVICE_ORDER))
    return list(dict.fromkeys(f.advice for f in findings))


def before_move(d: Data, contact_id: int, target: Phase | None) -> list[str]:
    """What the coach would say about moving a referrer into ``target``: into Ask, the notes of
    ``before_ask``; into Timing, whether the relationship has been built (``rhythm``)."""
    c = d.contacts.get(contact_id)
    if c is None:
        return []
    if target is Phase.ASK:
        return before_ask(d, contact_id)
    if target is Phase.TIMING:
        built = rhythm.engagement(d.interactions.get(contact_id, []))
        if not built.count:
            return [
                f"No interaction with {c.name} is logged: build the relationship first (engage, give value, "
                "a short call), then wait for the timing."
            ]
        if not built.ready:
            return [
                f"So far {built.text()} with {c.name}; the method builds for 2-3 weeks, or until a short call, "
                "before waiting for the timing."
            ]
    return []
