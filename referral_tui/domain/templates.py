"""Message templates and their rendering.

Placeholders are ``{name}`` where name is a lower-case identifier. Rendering is plain name
lookup in one pass: nothing is evaluated (no attribute access, indexing or format specs),
a value that itself holds braces is inserted as it is, and any other brace in the text
(``{Not a placeholder}``, ``{a.b}``, ``{x:>3}``) comes through unchanged.

Values come from what the app knows (``values_for``): the referrer, the company and its
research, the user's profile, the ask (else the company's newest open role), and the
interactions logged: the event topic from the latest event meeting, the insight from the
latest value given. A placeholder with no value stays visible in the editor and is named in
``Rendered.unfilled``; an export never carries one (``export_text`` leaves out the sentence
that would hold it and says what to add).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from referral_tui.domain import followups, schedule
from referral_tui.domain.records import ASK_STATUSES, Interaction, InteractionKind
from referral_tui.domain.roles import Role

#: ``{name}``, but not ``{{name}}``: doubled braces are literal text.
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z][a-z0-9_]*)\}(?!\})")


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    body: str
    builtin: bool = True


@dataclass(frozen=True)
class Rendered:
    text: str
    unfilled: list[str] = field(default_factory=list)
    #: (start, end) of each unfilled placeholder in ``text``, for highlighting
    spans: list[tuple[int, int]] = field(default_factory=list)


#: Every placeholder the app can fill, with what it is filled from.
PLACEHOLDERS: dict[str, str] = {
    "first_name": "the referrer's first name",
    "name": "the referrer's full name",
    "their_title": "the referrer's title",
    "company": "the referrer's company",
    "role": "the role of your newest ask to them (else the company's newest open role)",
    "role_link": "the link to that role",
    "req_id": "the role's requisition id",
    "why_role": "why you want that role (ask form)",
    "points": "the 3-5 points they can say about you (ask form)",
    "resume_link": "your resume link (ask form)",
    "blurb": "your short blurb (ask form)",
    "my_name": "your name (profile)",
    "my_background": "your background in a line (profile)",
    "my_field": "your field (profile)",
    "company_challenge": "the challenge the company faces (company research)",
    "my_angle": "how your background answers it (company research)",
    "application_status": "where your application stands (the ask's status)",
    "post_topic": "the subject of their post (type it in the editor)",
    "event_topic": "what you talked about at the event (from the event meeting you logged, else the editor)",
    "insight": "the article, tool or idea you share, and why it matters to them (your latest value given, "
    "else the editor)",
    "my_news": "a line of your own news (editor)",
}


def placeholders_in(body: str) -> list[str]:
    """The distinct placeholders a template uses, in order of first use."""
    return list(dict.fromkeys(PLACEHOLDER.findall(body)))


def render(body: str, values: Mapping[str, str]) -> Rendered:
    """Fill the placeholders that have a non-empty value; list and locate the rest."""
    out: list[str] = []
    unfilled: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for match in PLACEHOLDER.finditer(body):
        literal = body[pos : match.start()]
        out.append(literal)
        length += len(literal)
        key = match.group(1)
        value = values.get(key, "")
        piece = value if value else match.group(0)
        if not value:
            spans.append((length, length + len(piece)))
            if key not in unfilled:
                unfilled.append(key)
        out.append(piece)
        length += len(piece)
        pos = match.end()
    out.append(body[pos:])
    return Rendered("".join(out), unfilled, spans)


BUILTIN: tuple[Template, ...] = (
    Template(
        "value_first",
        "Outreach: lead with value",
        "Hi {first_name},\n\n"
        "Your recent post about {post_topic} stayed with me. I have worked on something close to it "
        "({my_background}) and wrote up a few notes on what we learned; happy to send them over if useful.\n\n"
        "I have been following what {company} is building and would enjoy hearing how your team thinks about "
        "it. Would a 15-minute call in the next couple of weeks work? I can share what we learned the hard way.\n\n"
        "Thanks,\n{my_name}",
    ),
    Template(
        "mutual_benefit",
        "Outreach: trade insights",
        "Hi {first_name},\n\n"
        "I work in {my_field} and your work at {company} lines up closely with problems I have been solving "
        "({my_background}). I would like to hear how your team is tackling its current priorities, and in "
        "return I am glad to share what has worked for us: {my_angle}\n\n"
        "Open to a short call to compare notes?\n\n{my_name}",
    ),
    Template(
        "alumni",
        "Outreach: fellow alumni",
        "Hi {first_name},\n\n"
        "I noticed we studied at the same place, and I was curious how you found your way to {company} as "
        "{their_title}. I am in {my_field} these days ({my_background}) and happy to trade perspectives from my "
        "side of the industry.\n\n"
        "No agenda beyond a good conversation: would you have 20 minutes sometime soon?\n\n{my_name}",
    ),
    Template(
        "event_followup",
        "Event follow-up (within 48 hours)",
        "Hi {first_name},\n\n"
        "Thanks for the conversation at the event about {event_topic}. Here is the resource I mentioned; it "
        "covers how we handled something similar.\n\n"
        "I would be glad to keep the conversation going. Let me know if a short call sometime would suit you.\n\n"
        "Best,\n{my_name}",
    ),
    Template(
        "referral_ask",
        "The referral ask (with context packet)",
        "Hi {first_name},\n\n"
        "{company} has an opening for {role} ({role_link}, req {req_id}) and, given what you have told me about "
        "the team, I think I could make a real difference there. Would you be comfortable referring me?\n\n"
        "Why this role: {why_role}\n\n"
        "If it helps, here is what you could say about me:\n{points}\n\n"
        "My resume: {resume_link}\n"
        "A short blurb you can paste into the referral form:\n{blurb}\n\n"
        "No pressure at all if the timing is not right. Thank you either way.\n\n{my_name}",
    ),
    Template(
        "week2_checkin",
        "Week 2: was it submitted?",
        "Hi {first_name},\n\n"
        "A quick check-in on the {role} referral: did it go through on your side? If anything in the form asked "
        "for details I did not give you, tell me and I will send them straight away.\n\n"
        "Thanks again,\n{my_name}",
    ),
    Template(
        "week2_thanks",
        "Week 2: thanks, it went in",
        "Hi {first_name},\n\n"
        "Thank you for putting my name forward for {role}. The application is at the {application_status} "
        "stage now, and I will keep you posted. If the team asks you anything about me, I am happy to send "
        "whatever would help.\n\n{my_name}",
    ),
    Template(
        "week3_update",
        "Week 3: update and thanks",
        "Hi {first_name},\n\n"
        "An update on {role}: the application is at the {application_status} stage. Whatever happens next, "
        "thank you for putting my name forward; it means a lot.\n\n{my_name}",
    ),
    Template(
        "week4_insight",
        "Week 4: share an insight",
        "Hi {first_name},\n\n"
        "I came across something I thought you would find useful given what {company} is working on:\n\n"
        "{insight}\n\n"
        "Hope the quarter is going well.\n\n{my_name}",
    ),
    Template(
        "monthly_checkin",
        "Monthly check-in",
        "Hi {first_name},\n\n"
        "It has been a few weeks, so I wanted to say hello and hear how things are at {company}. On my side: "
        "{my_news}. If there is anything I can help with, an intro or a second pair of eyes, just ask.\n\n"
        "{my_name}",
    ),
    Template(
        "outcome_offer",
        "After an offer: the news, and thanks",
        "Hi {first_name},\n\n"
        "Good news on {role}: I have an offer. Your referral made the difference in getting seen, and I am "
        "grateful. I would like to keep in touch whatever comes next; if I can ever return the favour, an intro or "
        "a second pair of eyes, just ask.\n\n{my_name}",
    ),
    Template(
        "outcome_closed",
        "After a no: how it ended, and thanks",
        "Hi {first_name},\n\n"
        "A last word on {role}: it did not work out this time. Thank you for referring me all the same; I learned "
        "a lot about {company} along the way. I would be glad to stay in touch, and to help on your side whenever "
        "I can.\n\n{my_name}",
    ),
    Template(
        "job_change",
        "Congratulations on the new role",
        "Hi {first_name},\n\n"
        "I saw you have moved to {company}: congratulations! I would love to hear what drew you there and what "
        "you will be working on, whenever you have a moment.\n\n{my_name}",
    ),
)

BUILTIN_KEYS = {t.key for t in BUILTIN}


_ABOUT = re.compile(r"\babout\s+", re.IGNORECASE)


def topic_of(summary: str) -> str:
    """What an interaction's summary says was talked about: the words after its last "about"
    ("Met at the meetup; talked about ETA accuracy." gives "ETA accuracy"), else the whole
    summary; without the closing full stop, since a template puts it mid-sentence."""
    text = " ".join(summary.split())
    found = list(_ABOUT.finditer(text))
    if found and found[-1].end() < len(text):
        text = text[found[-1].end() :]
    elif text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]  # "Met at ..." reads on mid-sentence; "HL7 ..." stays
    return text.rstrip(" .;,!")


def latest_facts(interactions: Iterable[Interaction]) -> dict[str, str]:
    """The placeholders the interactions logged with one referrer fill: ``event_topic`` from
    the latest event meeting, ``insight`` from the latest value given (its summary as it is)."""
    alive = sorted((i for i in interactions if not i.archived and i.summary.strip()), key=lambda i: (i.day, i.id))
    facts: dict[str, str] = {}
    event = next((i for i in reversed(alive) if i.kind is InteractionKind.EVENT), None)
    if event is not None:
        facts["event_topic"] = topic_of(event.summary)
    value = next((i for i in reversed(alive) if i.value_given), None)
    if value is not None:
        facts["insight"] = " ".join(value.summary.split())
    return facts


def values_for(
    *,
    contact_name: str,
    contact_title: str = "",
    company: str = "",
    profile: Mapping[str, str] | None = None,
    ask: Mapping[str, object] | None = None,
    research: Mapping[str, str] | None = None,
    interactions: Iterable[Interaction] = (),
    open_role: Role | None = None,
) -> dict[str, str]:
    """The placeholder values known for one referrer (empty strings for unknowns).
    ``open_role`` fills the role and its link when there is no ask (the company's newest
    current open role, as Today offers it)."""
    profile = profile or {}
    ask = ask or {}
    research = research or {}
    points = ask.get("points") or []
    facts = latest_facts(interactions)
    role_title, role_url = str(ask.get("role_title") or ""), str(ask.get("role_url") or "")
    if not ask and open_role is not None:
        role_title, role_url = open_role.title, open_role.url
    return {
        "first_name": contact_name.split()[0] if contact_name.split() else "",
        "name": contact_name,
        "their_title": contact_title,
        "company": company,
        "role": role_title,
        "role_link": role_url,
        "req_id": str(ask.get("req_id") or ""),
        "why_role": str(ask.get("why_role") or ""),
        "points": "\n".join(f"- {p}" for p in points) if isinstance(points, list) else str(points),
        "resume_link": str(ask.get("resume_url") or ""),
        "blurb": str(ask.get("blurb") or ""),
        "application_status": ASK_STATUSES.get(str(ask.get("status") or ""), "").lower(),
        "my_name": profile.get("my_name", ""),
        "my_background": profile.get("my_background", ""),
        "my_field": profile.get("my_field", ""),
        "company_challenge": research.get("challenges", ""),
        "my_angle": research.get("my_angle", ""),
        "event_topic": facts.get("event_topic", ""),
        "insight": facts.get("insight", ""),
    }


# -- exports: never a placeholder --------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_GROUP = re.compile(r"\s*\(([^()]*)\)")


def _missing_in(text: str, values: Mapping[str, str]) -> bool:
    return any(not values.get(key) for key in PLACEHOLDER.findall(text))


def _trim_groups(line: str, values: Mapping[str, str]) -> str:
    """In "(a, b)" groups, leave out the parts that hold a missing placeholder (the group too
    when nothing is left), so "for {role} ({role_link}, req {req_id})" keeps the role and its
    link when only the requisition id is unknown."""

    def keep(match: re.Match[str]) -> str:
        parts = [p for p in match.group(1).split(",") if not _missing_in(p, values)]
        inner = ",".join(parts).strip()
        return f" ({inner})" if inner else ""

    return _GROUP.sub(keep, line)


def export_text(body: str, values: Mapping[str, str]) -> str:
    """The message for a file that leaves the app (a calendar event): filled from ``values``,
    with every sentence that would carry a missing placeholder left out (a line ending in ":"
    that introduced one goes too), then one closing line naming what to add before sending.
    Nothing in it is a ``{placeholder}``."""
    missing = [key for key in placeholders_in(body) if not values.get(key)]
    if not missing:
        return render(body, values).text
    kept: list[str] = []
    for line in body.split("\n"):
        if not _missing_in(line, values):
            kept.append(line)
            continue
        trimmed = _trim_groups(line, values)
        sentences = [s for s in _SENTENCE_END.split(trimmed) if s.strip() and not _missing_in(s, values)]
        if sentences:
            kept.append(" ".join(sentences))
            continue
        while kept and not kept[-1].strip():
            kept.pop()
        if kept and kept[-1].rstrip().endswith(":"):
            kept.pop()  # it introduced what was left out
        kept.append("")
    text = re.sub(r"\n{3,}", "\n\n", render("\n".join(kept), values).text).strip()
    wanted = [PLACEHOLDERS.get(key, key.replace("_", " ")).split(" (")[0] for key in missing]
    return f"{text}\n\nTo add before sending: {'; '.join(wanted)}.".lstrip()


@dataclass(frozen=True)
class SentAs:
    """The interaction that sending a template's message amounts to."""

    kind: InteractionKind
    summary: str
    gave_value: bool = False


#: The outreach templates; the follow-up ones log what doing their follow-up logs.
_OUTREACH: dict[str, SentAs] = {
    "value_first": SentAs(InteractionKind.MESSAGE, "Sent an outreach message leading with value"),
    "mutual_benefit": SentAs(InteractionKind.MESSAGE, "Sent a message offering to trade insights"),
    "alumni": SentAs(InteractionKind.MESSAGE, "Sent a note as a fellow alumnus"),
    "job_change": SentAs(InteractionKind.MESSAGE, "Congratulated them on the new role"),
}
_OUTCOME_TEMPLATES = frozenset(followups.OUTCOME_TEMPLATES.values())


def sent_as(template_key: str) -> SentAs | None:
    """What copying a template's message offers to log as sent. The follow-up templates log
    what marking their follow-up done logs (``followups.DONE_AS``); the referral ask logs
    itself when the ask is saved, so it offers nothing (None); the user's own templates
    are a message."""
    if template_key == "referral_ask":
        return None
    if template_key in _OUTREACH:
        return _OUTREACH[template_key]
    kind = next((step.kind for step in schedule.STEPS.values() if step.template == template_key), None)
    if kind is None and template_key in _OUTCOME_TEMPLATES:
        kind = schedule.OUTCOME.kind
    if kind is not None:
        interaction, summary, gave_value = followups.DONE_AS[kind]
        return SentAs(interaction, summary, gave_value)
    return SentAs(InteractionKind.MESSAGE, "Sent a message")
