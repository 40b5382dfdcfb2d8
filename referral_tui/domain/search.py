"""Finding people by what the user types: the board's filter and the network's search.

One rule for both: the text is cut into words, and a person matches when every word appears
(case-insensitively, as part of a word) in what is searched: their name, company, title or
tags, as each screen passes them. A leading '#' on a word is the tag marker and is ignored,
so ``#alumni`` and ``alumni`` find the same people.
"""

from __future__ import annotations

from collections.abc import Iterable


def haystack(*texts: str, tags: Iterable[str] = ()) -> str:
    """What a person is searched by, built once per person (a screen keeps it per row)."""
    labels = list(tags)
    return " ".join([*texts, *(f"#{t}" for t in labels), *labels]).casefold()


def query_words(query: str) -> list[str]:
    """The words of a query as they are matched (an empty query has none)."""
    return [w for w in (word.lstrip("#") for word in query.casefold().split()) if w]


def matches(hay: str, query: str) -> bool:
    """Every word of ``query`` is in ``hay`` (a ``haystack``); an empty query matches everyone."""
    return all(word in hay for word in query_words(query))
