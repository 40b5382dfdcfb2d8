"""The quick-add grammar: ``Name @ Company[, Title] [#tag ...] [!phase] [!target]``.

Examples: ``Priya Shah @ Stripe, Staff Engineer #alumni``, ``Li Wei @ Acme !timing``.
Tags and the phase may stand anywhere after the name; the phase accepts a unique prefix
(``!rel`` is Relationship). Without ``!phase`` a referrer starts in Research.

An unknown company is created as a prospect (known, not pursued). ``!target``, the whole
word (any case), makes it a target instead; it is read before the phase prefixes, so ``!t``
still means Timing, and it may stand beside one phase (``!timing !target``).

A company whose name holds a comma goes in double quotes (``Ann Lee @ "Tidal Labs, Inc.",
SRE``). Unquoted, the first comma ends the company and starts the title, unless the text up
to a later comma (or to the end) is the name of a known company, ignoring case and spacing:
with ``Tidal Labs, Inc.`` known, ``Ann Lee @ Tidal Labs, Inc., SRE`` means that company (as
the completion of a known name types it).

``!ask`` goes through the 12+ gate like a move to Ask (``domain.gate``): the person is new,
so not scored, so ``parse_checked`` refuses it unless forced.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from referral_tui.domain import gate
from referral_tui.domain.fields import MAX_FIELD, is_tag
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.names import exact_known
from referral_tui.domain.records import PHASES, Phase

GRAMMAR = "Name @ Company[, Title] [#tag ...] [!phase] [!target]"
#: How to write a company whose name holds a comma.
QUOTING = 'a company with a comma in its name goes in quotes: @ "Tidal Labs, Inc.", SRE'
#: The ``!word`` that makes the company a target (a whole word, not a prefix).
TARGET_WORD = "target"
__all__ = [
    "GRAMMAR",
    "MAX_FIELD",
    "QUOTING",
    "TARGET_WORD",
    "QuickAdd",
    "QuickAddError",
    "parse",
    "parse_checked",
    "parse_phase",
    "with_company",
]

_TAG = re.compile(r"(?<!\S)#(\S*)")
_PHASE = re.compile(r"(?<!\S)!(\S*)")
#: A quoted company right after the ``@``: what it holds is the company, ``#`` and ``!`` too.
_QUOTED = re.compile(r'@(\s*)"([^"]*)"')
_HELD = "\ue000"  # stands in for the quoted company while the tags and flags are read


class QuickAddError(ValueError):
    """The text does not follow the grammar; the message says what is wrong."""


@dataclass(frozen=True)
class QuickAdd:
    name: str
    company: str
    title: str = ""
    tags: list[str] = field(default_factory=list)
    phase: Phase = Phase.RESEARCH
    #: ``!target`` was given: the company is (made) a target, not a prospect.
    target: bool = False


def parse_phase(word: str) -> Phase:
    """A phase from its name or a unique prefix, case-insensitive."""
    key = word.strip().lower()
    matches = [p for p in PHASES if p.value.startswith(key)] if key else []
    allowed = ", ".join(p.value for p in PHASES)
    if len(matches) > 1:
        which = " or ".join(p.value for p in matches)
        raise QuickAddError(f"phase '!{word}' could be {which}; type more letters (phases: {allowed})")
    if not matches:
        raise QuickAddError(f"unknown phase '!{word}'; use one of: {allowed} (or !{TARGET_WORD} for the company)")
    return matches[0]


def parse(text: str, known_companies: Collection[str] = ()) -> QuickAdd:
    """Parse one quick-add line or raise QuickAddError naming the problem. ``known_companies``:
    the names a company holding a comma may be read as without quotes."""
    if not text or not text.strip():
        raise QuickAddError(f"nothing to add; type {GRAMMAR}")
    quoted = _QUOTED.search(text)
    if quoted is not None:  # "Rock #1 Co" is a company, not a tag
        text = f'{text[: quoted.start()]}@{quoted.group(1)}"{_HELD}"{text[quoted.end() :]}'
    tags: list[str] = []
    for raw in _TAG.findall(text):
        if not raw:
            raise QuickAddError("a '#' needs a tag after it, e.g. #alumni")
        if not is_tag(raw):
            raise QuickAddError(
                f"tag '#{raw}' has characters a tag cannot hold; start with a letter or digit, then letters, digits, - _ . / +"
            )
        if raw.lower() not in tags:
            tags.append(raw.lower())
    bangs = _PHASE.findall(text)
    target = any(b.lower() == TARGET_WORD for b in bangs)
    phases = [b for b in bangs if b.lower() != TARGET_WORD]
    if len(phases) > 1:
        raise QuickAddError("give at most one phase (one '!phase')")
    phase = parse_phase(phases[0]) if phases else Phase.RESEARCH
    rest = _PHASE.sub(" ", _TAG.sub(" ", text))
    if rest.count("@") == 0:
        raise QuickAddError(f"missing '@ Company'; type {GRAMMAR}")
    if rest.count("@") > 1:
        raise QuickAddError(f"use one '@' between the name and the company; type {GRAMMAR}")
    name_part, company_part = rest.split("@")
    name = " ".join(name_part.split())
    company, comma, title = _company_and_title(company_part, known_companies)
    if quoted is not None:
        company = company.replace(_HELD, quoted.group(2))
    company, title = " ".join(company.split()), " ".join(title.split())
    if not name:
        raise QuickAddError("the name before '@' is empty")
    if not company:
        raise QuickAddError("the company after '@' is empty")
    if comma and not title:
        raise QuickAddError("the title after ',' is empty; drop the comma or add a title")
    for label, value in (("name", name), ("company", company), ("title", title)):
        if len(value) > MAX_FIELD:
            raise QuickAddError(f"the {label} is {len(value)} characters; the most allowed is {MAX_FIELD}")
    return QuickAdd(name=name, company=company, title=title, tags=tags, phase=phase, target=target)


def _company_and_title(part: str, known: Collection[str]) -> tuple[str, bool, str]:
    """What follows the ``@``: the company, whether a comma followed it, and the title. A
    quoted company keeps its commas; so does a known one (the longest that matches)."""
    stripped = part.strip()
    if not stripped.startswith('"'):
        pieces = part.split(",")
        for end in range(len(pieces), 1, -1):
            found = exact_known(",".join(pieces[:end]), known)
            if found is not None:  # spelt as stored
                return found, end < len(pieces), ",".join(pieces[end:])
        company, comma, title = part.partition(",")
        return company, bool(comma), title
    end = stripped.find('"', 1)
    if end < 0:
        raise QuickAddError(f"the company's opening quote has no closing one; {QUOTING}")
    after = stripped[end + 1 :].strip()
    if after and not after.startswith(","):
        raise QuickAddError(f"after the quoted company put a comma, then the title; {QUOTING}")
    return stripped[1:end], bool(after), after[1:]


def with_company(text: str, company: str) -> str:
    """``text`` (a quick-add line that parses) with its company replaced by ``company``,
    quoted when it holds a comma; the name, the title, the tags and the flags stay as typed."""
    at = text.index("@")
    after = text[at + 1 :]
    start = at + 1 + len(after) - len(after.lstrip())
    if text.startswith('"', start):
        end = text.index('"', start + 1) + 1
        flags: list[str] = []
    else:
        comma = text.find(",", at)
        end = len(text) if comma < 0 else comma
        flags = [word for word in text[at + 1 : end].split() if word.startswith(("#", "!"))]
    shown = f'"{company}"' if "," in company else company
    return f"{text[: at + 1]} {' '.join([shown, *flags])}{text[end:]}"


def parse_checked(text: str, force: bool = False, known_companies: Collection[str] = ()) -> QuickAdd:
    """``parse``, then the 12+ gate: ``!ask`` is refused unless ``force`` (a new person is
    never scored, so never clears 12). The error is a QuickAddError, shown like any other."""
    parsed = parse(text, known_companies)
    try:
        gate.check_new_people(parsed.phase, force)
    except gate.BelowThreshold:
        raise QuickAddError(
            f"{parsed.name} is new, so not scored yet, and the {ASK_THRESHOLD}+ gate lets into Ask only "
            f"referrers who total {ASK_THRESHOLD} or more. Use !timing, score them, then move them to Ask"
        ) from None
    return parsed
