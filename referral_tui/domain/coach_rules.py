"""The coach's rules: each names one failure pattern of METHOD.md, with evidence and a next step.

Each rule is a small function over the campaign data (``coach_data.Data``), so a unit test
can trigger it with a minimal data set and check that a near miss stays silent. ``coach``
runs them (``review``) and says them before the fact (``before_ask``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from referral_tui.domain import schedule
from referral_tui.domain.coach_data import Data, Finding, Fix, plural, when
from referral_tui.domain.matrix import ASK_THRESHOLD, gate_reason
from referral_tui.domain.records import Ask, FollowUp, FollowUpKind, FollowUpStatus, Interaction, InteractionKind

SPRAY_WINDOW_DAYS = 7
SPRAY_MAX_ASKS = 3
BARELY_KNOWN_RELATIONSHIP = 2
MIN_CONTACTS_BEFORE_ASK = 2
WRONG_PEOPLE_INFLUENCE = 2
GENERIC_WHY_MIN_CHARS = 40
#: Words that show the user tied the role to their own experience.
FIT_MARKERS = (" i have ", " i've ", " i built ", " i led ", " i ran ", " i shipped ", " my ", " i know ", " i own")
#: The week-2 step, in either of its wordings.
WEEK2_KINDS = (FollowUpKind.WEEK2, FollowUpKind.WEEK2_THANKS)


def followed_up(items: Iterable[FollowUp]) -> bool:
    """The passive-referral rule's "a follow-up done": any follow-up of the ask marked done,
    the week-2 check-in or any later one."""
    return any(f.status is FollowUpStatus.DONE for f in items)


def contacts_before(interactions: Iterable[Interaction], ask: Ask) -> list[Interaction]:
    """The logged contacts that came before an ask: on or before its day, leaving out the
    ask's own "referral asked" entry (a value given the same morning counts)."""
    return [i for i in interactions if i.day <= ask.day and not (i.kind is InteractionKind.ASKED and i.day == ask.day)]


def passive_referral(d: Data) -> Iterable[Finding]:
    """An ask past its week-2 date with no follow-up done."""
    for a in d.asks:
        week2 = schedule.week2_due(a.day)
        if d.today <= week2:
            continue
        mine = d.followups.get(a.id, [])
        if followed_up(mine):
            continue
        check = next((f for f in mine if f.kind in WEEK2_KINDS and f.status is not FollowUpStatus.CANCELLED), None)
        late = (d.today - ((check.original_due or check.due) if check else week2)).days  # a snooze does not hide it
        status = f"week-2 check-in overdue by {plural(late, 'day')}"
        if check and check.status is FollowUpStatus.SKIPPED:
            status = "week-2 check-in skipped"
        yield Finding(
            "passive",
            "Passive referral",
            f"asked {d.name(a.contact_id)} on {when(a.day)}; {status}; no follow-up done since",
            "Send the week-2 check-in: ask whether the referral went in and offer anything missing.",
            a.contact_id,
            a.id,
        )


def spray_and_pray(d: Data) -> Iterable[Finding]:
    """Asks to referrers under 12, to people barely known, or many asks in one week."""
    for a in d.asks:
        c = d.contacts[a.contact_id]
        score = next((s for s in reversed(c.scores) if s.day <= a.day), c.score)
        why = gate_reason(score.total if score else None)
        if score is None or why is not None:
            what = "was not scored" if score is None else f"scored {score.total}/20"
            yield Finding(
                "quality",
                "Quantity over quality",
                f"asked {c.name} on {when(a.day)} who {what} (the method asks at {ASK_THRESHOLD}+)",
                f"Score before asking; put effort into the referrers who clear {ASK_THRESHOLD}.",
                c.id,
                a.id,
                fix=Fix.SCORE if score is None else None,
                advice=f"{c.name} {why}; the method asks at {ASK_THRESHOLD}+.",
            )
            continue
        before = contacts_before(d.interactions.get(c.id, []), a)
        if score.relationship <= BARELY_KNOWN_RELATIONSHIP or len(before) < MIN_CONTACTS_BEFORE_ASK:
            advice = (
                f"Relationship strength is {score.relationship}/5: build it before asking."
                if score.relationship <= BARELY_KNOWN_RELATIONSHIP
                else f"Only {plural(len(before), 'logged contact')} with {c.name} so far: build the relationship first."
            )
            yield Finding(
                "barely_known",
                "Asking someone you barely know",
                f"asked {c.name} on {when(a.day)} with relationship {score.relationship}/5 and "
                f"{plural(len(before), 'logged contact')} before",
                "Build the relationship first: engage, give value, have a short call.",
                c.id,
                a.id,
                advice=advice,
            )
    ordered = sorted(d.asks, key=lambda a: a.day)
    for i, first in enumerate(ordered):
        window = [a for a in ordered[i:] if (a.day - first.day).days < SPRAY_WINDOW_DAYS]
        if len(window) > SPRAY_MAX_ASKS:
            yield Finding(
                "spray",
                "Spray and pray",
                f"{len(window)} asks between {when(window[0].day)} and {when(window[-1].day)}",
                f"Keep to {SPRAY_MAX_ASKS} or fewer asks a week, each well prepared, and follow each one up.",
                advice=f"This makes {len(window)} asks within a week; the method keeps to {SPRAY_MAX_ASKS} or fewer.",
            )
            break


def information_gap(d: Data) -> Iterable[Finding]:
    """An ask at a company whose research (fit, decision makers, challenges, angle) is not done."""
    for a in d.asks:
        company = d.company_of(a.contact_id)
        if company is None or company.research_complete:
            continue
        missing = [
            label
            for label, value in (
                ("fit", company.fit),
                ("decision makers", company.decision_makers),
                ("challenges", company.challenges),
                ("your angle", company.my_angle),
            )
            if not value.strip()
        ]
        yield Finding(
            "information_gap",
            "Information gap",
            f"asked {d.name(a.contact_id)} at {company.name} with research missing: {', '.join(missing)}",
            f"Finish the research on {company.name} (c, enter) so the ask can name what you bring.",
            a.contact_id,
            a.id,
            fix=Fix.RESEARCH,
            company_id=company.id,
            advice=f"The research on {company.name} is not complete.",
        )


def wrong_people(d: Data) -> Iterable[Finding]:
    """Referrers on the board whose internal influence is 1-2."""
    for c in d.contacts.values():
        if c.phase is None or c.score is None or c.score.influence > WRONG_PEOPLE_INFLUENCE:
            continue
        company = d.company_of(c.id)
        where = f" at {company.name}" if company else ""
        yield Finding(
            "wrong_people",
            "Wrong person to ask",
            f"{c.name}{where} has internal influence {c.score.influence}/5",
            f"Keep the relationship, but find someone closer to hiring{where} for the referral.",
            c.id,
            advice=f"Internal influence is {c.score.influence}/5: they may not be able to move your application.",
        )


def no_context_packet(d: Data) -> Iterable[Finding]:
    """An ask whose context packet lacks any of its five parts (``domain.packet``)."""
    for a in d.asks:
        gaps = a.packet_gaps
        if not gaps:
            continue
        yield Finding(
            "no_packet",
            "Referrer doesn't know how to help",
            f"the ask to {d.name(a.contact_id)} on {when(a.day)} is missing: {'; '.join(gaps)}",
            "Send a context packet: the role link, why you fit, 3-5 points they can repeat, resume, blurb.",
            a.contact_id,
            a.id,
            fix=Fix.PACKET,
        )


def one_and_done(d: Data) -> Iterable[Finding]:
    """Follow-ups skipped or overdue (beyond the week-2 check-in the passive rule covers)."""
    for ask_id, items in d.followups.items():
        for f in items:
            if f.contact_id not in d.contacts:
                continue
            covered_by_passive = f.kind in WEEK2_KINDS and ask_id and not followed_up(items)
            if f.is_open and f.due < d.today and not covered_by_passive:
                late = (d.today - f.due).days
                yield Finding(
                    "one_and_done",
                    "One-and-done",
                    f"{schedule.label(f.kind, short=True)} with {d.name(f.contact_id)} overdue by {plural(late, 'day')}",
                    "Do it today, or snooze it to a day you will (z / shift+z in the follow-ups list).",
                    f.contact_id,
                    f.ask_id,
                )
            elif f.status is FollowUpStatus.SKIPPED:
                reason = f" ({f.skip_reason})" if f.skip_reason else ""
                yield Finding(
                    "one_and_done",
                    "One-and-done",
                    f"{schedule.label(f.kind, short=True)} with {d.name(f.contact_id)} skipped{reason}",
                    "Keep the relationship going whatever the outcome: the monthly check-in still matters.",
                    f.contact_id,
                    f.ask_id,
                )


def entitled(d: Data) -> Iterable[Finding]:
    """An ask with no value given to that referrer before it (``Interaction.value_given``)."""
    for a in d.asks:
        gave = [i for i in d.interactions.get(a.contact_id, []) if i.value_given and i.day <= a.day]
        if not gave:
            yield Finding(
                "entitled",
                "One-way favour",
                f"no value given to {d.name(a.contact_id)} before the ask on {when(a.day)}",
                "Offer something useful (an insight, a resource, an intro) and log it with 'I gave value'.",
                a.contact_id,
                a.id,
                fix=Fix.LOG_VALUE,
                advice="You have not logged giving them any value yet.",
            )


def generic_ask(d: Data) -> Iterable[Finding]:
    """A packet whose 'why this role' says nothing specific about the role or the company."""
    for a in d.asks:
        company = d.company_of(a.contact_id)
        why = a.why_role.strip()
        if not why:
            continue  # the no-packet rule names a missing 'why'
        text = why.casefold()
        words = {w.strip(",.()").casefold() for w in a.role_title.split() if len(w) > 3}
        names_target = (company is not None and company.name.casefold() in text) or any(w in text for w in words)
        names_fit = any(marker in f" {text} " for marker in FIT_MARKERS)
        if len(why) < GENERIC_WHY_MIN_CHARS or not (names_target or names_fit):
            yield Finding(
                "generic",
                "Generic ask",
                f"'why this role' for {d.name(a.contact_id)} is {len(why)} characters and says nothing "
                "about the role, the company or what you have done that fits",
                "Say what about this role and this company fits you, in a sentence or two.",
                a.contact_id,
                a.id,
                fix=Fix.PACKET,
            )


RULES: tuple[Callable[[Data], Iterable[Finding]], ...] = (
    passive_referral,
    spray_and_pray,
    information_gap,
    wrong_people,
    no_context_packet,
    one_and_done,
    entitled,
    generic_ask,
)
