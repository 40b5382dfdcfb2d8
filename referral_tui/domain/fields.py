"""The rules for single fields that more than one form (and the quick-add line) accept:
words, web links, email addresses, tags, field lengths."""

from __future__ import annotations

import re

#: The longest name, company or title (quick-add and the referrer form).
MAX_FIELD = 120
WEB_PREFIXES = ("http://", "https://")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: A tag: a letter or digit, then letters, digits, - _ . / +
TAG = re.compile(r"^[\w][\w\-./+]*$")


def split_words(text: str) -> list[str]:
    """Words separated by spaces or commas (tags, links)."""
    return [w for w in re.split(r"[\s,]+", text.strip()) if w]


def is_web_link(text: str) -> bool:
    return text.startswith(WEB_PREFIXES)


def link_problem(link: str) -> str | None:
    """What is wrong with a link ("" is no link, which is fine), or None."""
    link = link.strip()
    if link and not is_web_link(link):
        return f"'{link}' is not a web link; links start with https://"
    return None


def email_problem(email: str) -> str | None:
    email = email.strip()
    if email and not _EMAIL.match(email):
        return "not an email address (like name@example.com); leave empty if unknown"
    return None


def is_tag(text: str) -> bool:
    """A tag as stored (without its '#')."""
    return bool(TAG.match(text))


def clean_tags(words: list[str]) -> list[str]:
    """Tags as stored: without '#', lower case, each once, in the order given."""
    return list(dict.fromkeys(t.lstrip("#").lower() for t in words))
