"""The quick-add grammar: ``Name @ Company[, Title] [#tag ...] [!phase] [!target]``.

Examples: ``Priya Shah @ Stripe, Staff Engineer #alumni``, ``Li Wei @ Acme !timing``.
Tags and the phase may stand anywhere after the name; the phase accepts a unique prefix
(``!rel`` is Relationship). Without ``!phase`` a referrer starts in Research.

An unknown company is created as a prospect (known, not pursued). ``!target``, the whole
word (any case), makes it a target instead; it is read before the phase prefixes, so ``!t``
still means Timing, and it may stand beside one phase (``!timing !target``).

``!ask`` goes through the 12+ gate like a move to Ask (``domain.gate``): the person is new,
so not scored, so ``parse_checked`` refuses it unless forced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from referral_tui.domain import gate
from referral_tui.domain.fields import MAX_FIELD, is_tag
from referral_tui.domain.matrix import ASK_THRESHOLD
from referral_tui.domain.records import PHASES, Phase

GRAMMAR = "Name @ Company[, Title] [#tag ...] [!phase] [!target]"
#: The ``!word`` that makes the company a target (a whole word, not a prefix).
TARGET_WORD = "target"
__all__ = ["GRAMMAR", "MAX_FIELD", "TARGET_WORD", "QuickAdd", "QuickAddError", "parse", "parse_checked", "parse_phase"]

_TAG = re.compile(r"(?<!\S)#(\S*)")
_PHASE = re.compile(r"(?<!\S)!(\S*)")


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


def parse(text: str) -> QuickAdd:
    """Parse one quick-add line or raise QuickAddError naming the problem."""
    if not text or not text.strip():
        raise QuickAddError(f"nothing to add; type {GRAMMAR}")
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
    company, _, title = company_part.partition(",")
    company, title = " ".join(company.split()), " ".join(title.split())
    if not name:
        raise QuickAddError("the name before '@' is empty")
    if not company:
        raise QuickAddError("the company after '@' is empty")
    if "," in company_part and not title:
        raise QuickAddError("the title after ',' is empty; drop the comma or add a title")
    for label, value in (("name", name), ("company", company), ("title", title)):
        if len(value) > MAX_FIELD:
            raise QuickAddError(f"the {label} is {len(value)} characters; the most allowed is {MAX_FIELD}")
    return QuickAdd(name=name, company=company, title=title, tags=tags, phase=phase, target=target)


def parse_checked(text: str, force: bool = False) -> QuickAdd:
    """``parse``, then the 12+ gate: ``!ask`` is refused unless ``force`` (a new person is
    never scored, so never clears 12). The error is a QuickAddError, shown like any other."""
    parsed = parse(text)
    try:
        gate.check_new_people(parsed.phase, force)
    except gate.BelowThreshold:
        raise QuickAddError(
            f"{parsed.name} is new, so not scored yet, and the {ASK_THRESHOLD}+ gate lets into Ask only "
            f"referrers who total {ASK_THRESHOLD} or more. Use !timing, score them, then move them to Ask"
        ) from None
    return parsed
