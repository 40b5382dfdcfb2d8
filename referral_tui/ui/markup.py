"""Escaping user text for Textual markup.

``rich.markup.escape`` (and Textual's) leave ``[Labs]`` alone, which Textual's markup then
reads as a style and drops, so a company called "Acme [Labs]" would lose its name.
Escaping every opening bracket is always safe.
"""

from __future__ import annotations


def escape(text: str) -> str:
    return text.replace("[", "\\[")
