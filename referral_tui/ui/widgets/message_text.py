"""A rendered message as Text, its unfilled placeholders marked (bold reverse: visible without colour)."""

from __future__ import annotations

from rich.text import Text

from referral_tui.domain.templates import Rendered


def highlighted(rendered: Rendered) -> Text:
    text = Text(rendered.text)
    for start, end in rendered.spans:
        text.stylize("bold reverse", start, end)
    return text
