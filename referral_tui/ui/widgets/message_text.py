"""A rendered message as Text, its unfilled placeholders marked (bold reverse: visible without colour)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from referral_tui.domain.templates import Rendered


def highlighted(rendered: Rendered) -> Text:
    text = Text(rendered.text)
    for start, end in rendered.spans:
        text.stylize("bold reverse", start, end)
    return text


def unfilled_note(unfilled: list[str], known: Mapping[str, str]) -> Text:
    """What is still missing in a message: each placeholder by name, with where its value comes
    from (``known``, e.g. ``templates.PLACEHOLDERS``), or that every one is filled."""
    if not unfilled:
        return Text("✓ Every placeholder is filled.", style="bold")
    text = Text(f"⚠ Unfilled ({len(unfilled)}): ", style="bold")
    text.append(", ".join(f"{{{key}}}" for key in unfilled), style="bold reverse")
    for key in unfilled:
        text.append(f"\n  {{{key}}}: {known.get(key, 'not a known placeholder')}")
    text.append("\nfill them in your profile (p), the ask form, company research, or edit the text (e)", style="dim")
    return text
