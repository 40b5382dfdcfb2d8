"""Completion of company names and tags from what the campaign already knows.

Textual's ``Suggester`` shows the completion after the cursor, dimmed; right arrow (or tab,
in a ``LineInput``) accepts it. Matching is ``names.complete``: case-insensitive, and
``stripe i`` completes ``Stripe, Inc.``. Keyboard only, nothing pops up.

* ``KnownNames``: the whole value is one name (a company field).
* ``KnownWords``: the last word of a space-separated list (a tags field).
* ``QuickAddSuggester``: a quick-add line: the company after ``@``, a tag after ``#``.

The "same as X?" question before a second company is made is ``forms.confirm.check_same_company``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.suggester import Suggester

from referral_tui.domain import names


def best_completion(prefix: str, known: Iterable[str]) -> str | None:
    """The known name ``prefix`` most likely starts (one that starts with it as typed first,
    ignoring case, so what shows after the cursor reads right); None when nothing longer fits."""
    candidates = [c for c in names.complete(prefix, known) if len(c) > len(prefix)]
    if not candidates:
        return None
    folded = prefix.casefold()
    return next((c for c in candidates if c.casefold().startswith(folded)), candidates[0])


def _splice(head: str, typed: str, completion: str) -> str:
    """``head`` then the completion as the known name spells it (accepting it fixes the case:
    ``str`` becomes ``Stripe``)."""
    del typed
    return head + completion


class KnownNames(Suggester):
    """Complete the whole value from known names."""

    def __init__(self, known: Iterable[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.known = list(known)

    async def get_suggestion(self, value: str) -> str | None:
        lead = value[: len(value) - len(value.lstrip())]
        found = best_completion(value.lstrip(), self.known)
        return None if found is None else _splice(lead, value.lstrip(), found)


class KnownWords(Suggester):
    """Complete the last word of a list of words (tags) from known ones; ``#`` is kept."""

    def __init__(self, known: Iterable[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.known = list(known)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_last_word(value, self.known)


def complete_last_word(value: str, known: Sequence[str]) -> str | None:
    if not value or value[-1].isspace():
        return None
    cut = max(value.rfind(" "), value.rfind(","))
    head, word = value[: cut + 1], value[cut + 1 :]
    hashed = word.startswith("#")
    bare = word.lstrip("#")
    if not bare:
        return None
    found = best_completion(bare, known)
    if found is None:
        return None
    return _splice(head + ("#" if hashed else ""), bare, found)


class QuickAddSuggester(Suggester):
    """In a quick-add line, complete the company after ``@`` and a tag after ``#``."""

    def __init__(self, companies: Iterable[str], tags: Iterable[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.companies, self.tags = list(companies), list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_quick_add(value, self.companies, self.tags)


def complete_quick_add(value: str, companies: Sequence[str], tags: Sequence[str]) -> str | None:
    if not value or value[-1].isspace():
        return None
    last = value.split()[-1]
    if last.startswith("#"):
        return complete_last_word(value, tags)
    at = value.rfind("@")
    if at < 0:
        return None
    after = value[at + 1 :]
    lead = after[: len(after) - len(after.lstrip())]
    typed = after.lstrip()
    if typed.startswith('"'):  # a quoted company (its name may hold a comma): closed once completed
        if '"' in typed[1:]:
            return None
        found = best_completion(typed[1:], companies)
        return None if found is None else _splice(value[: at + 1] + lead + '"', typed[1:], found) + '"'
    if "," in after or any(w.startswith(("#", "!")) for w in after.split()):
        return None  # the company is finished (a title, a tag or a phase follows)
    found = best_completion(typed, companies)
    return None if found is None else _splice(value[: at + 1] + lead, typed, found)
