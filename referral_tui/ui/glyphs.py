"""ASCII marks for consoles that cannot draw the Unicode ones (TERM=linux, a serial line).

The screens use Unicode marks (``✓ 13``, ``⚑``, ``→ 03 Dec``, ``Ines Carv…``). The Linux
console's fonts have the box-drawing and block characters of code page 437 but not these: a
``✓`` prints as a diamond or a blank. Rather than every widget choosing between two spellings,
one line filter rewrites the finished screen, one cell for one cell (widths never change), so
every mark has its ASCII form (``+ 13``, ``!``, ``> 03 Dec``, ``Ines Carv~``) and a widget
written tomorrow gets it for free. Thin drawing characters that the console lacks become the
nearest ones it has (``▕`` to ``|``; a sparkline's eight levels to ``_``, ``▄`` and ``█``).

``glyphs = "ascii" | "unicode"`` in the config overrides the guess made from ``TERM``
(``config.glyphs_ascii``).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

MARKS = {
    "✓": "+",  # meets the 12+ threshold
    "✗": "-",  # below it
    "⚑": "!",  # an open ask
    "⚠": "!",
    "●": "*",
    "•": "*",
    "★": "*",
    "▶": ">",
    "▌": ">",  # the focused card's bar
    "▸": ">",
    "→": ">",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "▲": "^",
    "▼": "v",
    "…": "~",
    "—": "-",
    "–": "-",
    "·": ".",
    "⏎": "<",
    "⇥": ">",
    "⌫": "<",
    "✔": "+",
    "✘": "-",
}

DRAWING = {
    "▕": "|",
    "▏": "|",
    "▎": "|",
    "▍": "|",
    "▋": "|",
    "▊": "▐",
    "▉": "█",
    "▔": "▀",
    # sparklines keep three of their eight levels: low, half, full
    "▁": "_",
    "▂": "_",
    "▃": "▄",
    "▅": "▄",
    "▆": "█",
    "▇": "█",
}

TABLE = str.maketrans({**MARKS, **DRAWING})


class AsciiGlyphs(LineFilter):
    """Rewrites each rendered line's marks to ASCII, keeping every cell where it was."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out: list[Segment] = []
        for segment in segments:
            text = segment.text
            if segment.control or text.isascii():
                out.append(segment)
            else:
                out.append(Segment(text.translate(TABLE), segment.style, segment.control))
        return out
