"""The coach: rules that name the failure patterns of METHOD.md, with evidence and a next step.

It advises and never blocks. Each rule is a small function over the campaign data, so a
unit test can trigger it with a minimal data set and check that a near miss stays silent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from referral_tui.domain import schedule
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.records import Ask, Company, Contact, FollowUp, Interaction

SPRAY_WINDOW_DAYS = 7
SPRAY_MAX_ASKS = 3
BARELY_KNOWN_RELATIONSHIP = 2
MIN_CONTACTS_BEFORE_ASK = 2
WRONG_PEOPLE_INFLUENCE = 2
GENERIC_WHY_MIN_CHARS = 40
#: Words that show the user tied the role to their own experience.
FIT_MARKERS = (" i have ", " i've ", " i built ", " i led ", " i ran ", " i shipped ", " my ", " i know ", " i own")


@dataclass(frozen=True)
class Finding:
    rule: str
    title: str
    evidence: str
    next_step: str
    contact_id: int | None = None
    ask_id: int | None = None


@dataclass
class Data:
    """The campaign, indexed once for the rules."""

    today: date
    companies: dict[int, Company]
    contacts: dict[int, Contact]
    interactions: dict[int, list[Interaction]]
    asks: list[Ask]
    followups: dict[int, list[FollowUp]]  # by ask id (0 for follow-ups without an ask)

    @classmethod
    def build(
        cls,
        today: date,
        companies: Iterable[Company],
        contacts: Iterable[Contact],
        interactions: Iterable[Interaction],
        asks: Iterable[Ask],
        followups: Iterable[FollowUp],
    ) -> Data:
        people = {c.id: c for c in contacts if not c.archived}
        by_contact: dict[int, list[Interaction]] = {}
        for i in interactions:
            by_contact.setdefault(i.contact_id, []).append(i)
        by_ask: dict[int, list[FollowUp]] = {}
        for f in followups:
            by_ask.setdefault(f.ask_id or 0, []).append(f)
        return cls(
            today=today,
            companies={c.id: c for c in companies},
            contacts=people,
            interactions=by_contact,
            asks=[a for a in asks if a.contact_id in people],
            followups=by_ask,
        )

    def name(self, contact_id: int) -> str:
        c = self.contacts.get(contact_id)
        return c.name if c else "someone"

    def company_of(self, contact_id: int) -> Company | None:
        c = self.contacts.get(contact_id)
        return self.companies.get(c.company_id) if c and c.company_id else None


def _when(day: date) -> str:
    return f"{day.day} {day:%b}"


def passive_referral(d: Data) -> Iterable[Finding]:
    """An ask past its week-2 date with no follow-up done."""
    for a in d.asks:
        week2 = a.day + timedelta(days=7)
        if d.today <= week2:
            continue
        mine = d.followups.get(a.id, [])
        if any(f.status == "done" for f in mine):
            continue
        check = next((f for f in mine if f.kind == schedule.WEEK2.kind), None)
        late = (d.today - ((check.original_due or check.due) if check else week2)).days  # a snooze does not hide it
        status = f"week-2 check-in overdue by {late} day{'s' if late != 1 else ''}"
        if check and check.status == "skipped":
            status = "week-2 check-in skipped"
        yield Finding(
            "passive",
            "Passive referral",
            f"asked {d.name(a.contact_id)} on {_when(a.day)}; {status}; no follow-up done since",
            "Send the week-2 check-in: ask whether the referral went in and offer anything missing.",
            a.contact_id,
            a.id,
        )


def spray_and_pray(d: Data) -> Iterable[Finding]:
    """Asks to referrers under 12, to people barely known, or many asks in one week."""
    for a in d.asks:
        c = d.contacts[a.contact_id]
        score = next((s for s in reversed(c.scores) if s.day <= a.day), c.score)
        if score is None or score.total < ASK_THRESHOLD:
            what = "was not scored" if score is None else f"scored {score.total}/20"
            yield Finding(
                "quality",
                "Quantity over quality",
                f"asked {c.name} on {_when(a.day)} who {what} (the method asks at {ASK_THRESHOLD}+)",
                "Score before asking; put effort into the referrers who clear 12.",
                c.id,
                a.id,
            )
            continue
        before = [i for i in d.interactions.get(c.id, []) if i.day < a.day and i.kind != "asked"]
        if score.relationship <= BARELY_KNOWN_RELATIONSHIP or len(before) < MIN_CONTACTS_BEFORE_ASK:
            yield Finding(
                "barely_known",
                "Asking someone you barely know",
                f"asked {c.name} on {_when(a.day)} with relationship {score.relationship}/5 and "
                f"{len(before)} logged contact{'s' if len(before) != 1 else ''} before",
                "Build the relationship first: engage, give value, have a short call.",
                c.id,
                a.id,
            )
    ordered = sorted(d.asks, key=lambda a: a.day)
    for i, first in enumerate(ordered):
        window = [a for a in ordered[i:] if (a.day - first.day).days < SPRAY_WINDOW_DAYS]
        if len(window) > SPRAY_MAX_ASKS:
            yield Finding(
                "spray",
                "Spray and pray",
                f"{len(window)} asks between {_when(window[0].day)} and {_when(window[-1].day)}",
                f"Keep to {SPRAY_MAX_ASKS} or fewer asks a week, each well prepared, and follow each one up.",
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
        )


def no_context_packet(d: Data) -> Iterable[Finding]:
    for a in d.asks:
        if a.has_context_packet:
            continue
        missing = [
            label
            for label, ok in (
                ("why this role", bool(a.why_role.strip())),
                ("points to say", bool(a.points)),
                ("resume or blurb", bool(a.resume_url.strip() or a.blurb.strip())),
            )
            if not ok
        ]
        yield Finding(
            "no_packet",
            "Referrer doesn't know how to help",
            f"the ask to {d.name(a.contact_id)} on {_when(a.day)} has no {', no '.join(missing)}",
            "Send a context packet: the role link, why you fit, 3-5 points they can repeat, resume, blurb.",
            a.contact_id,
            a.id,
        )


def one_and_done(d: Data) -> Iterable[Finding]:
    """Follow-ups skipped or overdue (beyond the week-2 check-in the passive rule covers)."""
    for ask_id, items in d.followups.items():
        for f in items:
            if f.contact_id not in d.contacts:
                continue
            covered_by_passive = f.kind == schedule.WEEK2.kind and ask_id and not any(x.status == "done" for x in items)
            if f.is_open and f.due < d.today and not covered_by_passive:
                late = (d.today - f.due).days
                yield Finding(
                    "one_and_done",
                    "One-and-done",
                    f"{schedule.label(f.kind, short=True)} with {d.name(f.contact_id)} overdue by {late} day{'s' if late != 1 else ''}",
                    "Do it today, or snooze it to a day you will (z / shift+z in the follow-ups list).",
                    f.contact_id,
                    f.ask_id,
                )
            elif f.status == "skipped":
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
    """An ask with no value given to that referrer before it."""
    for a in d.asks:
        gave = [i for i in d.interactions.get(a.contact_id, []) if i.gave_value and i.day <= a.day]
        if not gave:
            yield Finding(
                "entitled",
                "One-way favour",
                f"no value given to {d.name(a.contact_id)} before the ask on {_when(a.day)}",
                "Offer something useful (an insight, a resource, an intro) and log it with 'I gave value'.",
                a.contact_id,
                a.id,
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


def review(d: Data) -> list[Finding]:
    """Every finding, rule by rule."""
    return [finding for rule in RULES for finding in rule(d)]


def for_contact(findings: Iterable[Finding], contact_id: int) -> list[Finding]:
    return [f for f in findings if f.contact_id == contact_id]


def before_ask(d: Data, contact_id: int) -> list[str]:
    """What the coach would say about asking this referrer now (for the confirmation and ask form)."""
    c = d.contacts.get(contact_id)
    if c is None:
        return []
    notes = []
    if c.score is None:
        notes.append(f"{c.name} is not scored yet; the method asks at {ASK_THRESHOLD}+.")
    else:
        if c.score.total < ASK_THRESHOLD:
            notes.append(f"{c.name} scores {c.score.total}/20; the method asks at {ASK_THRESHOLD}+.")
        if c.score.influence <= WRONG_PEOPLE_INFLUENCE:
            notes.append(f"Internal influence is {c.score.influence}/5: they may not be able to move your application.")
        if c.score.relationship <= BARELY_KNOWN_RELATIONSHIP:
            notes.append(f"Relationship strength is {c.score.relationship}/5: build it before asking.")
    if not any(i.gave_value for i in d.interactions.get(c.id, [])):
        notes.append("You have not logged giving them any value yet.")
    company = d.company_of(c.id)
    if company is not None and not company.research_complete:
        notes.append(f"The research on {company.name} is not complete.")
    return notes
