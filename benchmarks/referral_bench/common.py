"""Constants, run settings, the table row type and the small statistics and format helpers."""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
APP_CMD = str(VENV_BIN / "referral-tui")
TODAY = date(2026, 3, 9)
COLS, ROWS = 150, 40  # the pty of every row but the 80x24 ones (wide enough for the sidebar)
MARKER_TIMEOUT = 30.0  # first paint
KEY_TIMEOUT = 10.0  # after a key
EXIT_TIMEOUT = 10.0  # after q, before SIGTERM
KEY_QUIET = 0.1  # seconds without output before the next timed key
BYTES_QUIET = 0.6  # "the output went quiet" when counting the bytes of a cursor or column key
MOVE_BYTES_QUIET = 1.0  # ... of a card move: the coach, warnings and sidebar are redone 0.3 s after the last change
NAME_PREFIX = 8  # cards truncate names to the column width ("Ada Park 0…"); this much always shows
KIB = 1024
MIB = 1024 * 1024


@dataclass(frozen=True)
class Row:
    measure: str
    size: str
    median: str
    spread: str
    target: str
    verdict: str

    def cells(self) -> tuple[str, str, str, str, str, str]:
        return (self.measure, self.size, self.median, self.spread, self.target, self.verdict)


@dataclass(frozen=True)
class Settings:
    """How many repetitions each row makes (``--quick`` makes fewer, never fewer rows)."""

    quick: bool
    save_samples: int
    paint_runs: int
    bare_key_samples: int
    cursor_samples: int  # timed j/k and h/l keys
    move_samples: int  # timed L/H moves
    bytes_samples: int  # keys of each kind counted for bytes, with a long quiet period
    memory_checkpoints: tuple[int, ...]  # moves after which VmHWM and VmRSS are read
    calm_samples: int  # j presses counted at 80x24
    import_runs: int
    network_samples: int
    csv_rows: int = 10_000

    @classmethod
    def make(cls, quick: bool) -> Settings:
        if quick:
            return cls(True, 8, 2, 6, 6, 20, 4, (20, 60, 100), 3, 1, 2)
        return cls(False, 30, 5, 20, 20, 100, 10, (20, 200, 500), 5, 3, 5)


def ms(seconds: float) -> float:
    return seconds * 1000.0


def p90(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def fmt_ms(value: float) -> str:
    """A value already in milliseconds."""
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def fmt_sec(seconds: float) -> str:
    return f"{seconds:.2f} s"


def fmt_kib(count: float) -> str:
    return f"{count / KIB:.1f} KiB"


def fmt_bytes(count: float) -> str:
    return f"{count:,.0f} B" if count < KIB else fmt_kib(count)


def verdict(ok: bool) -> str:
    return "pass" if ok else "**MISS**"


def spread_ms(times: list[float]) -> str:
    """p90, max and n of a list of milliseconds."""
    return f"p90 {fmt_ms(p90(times))} (max {fmt_ms(max(times))}, n={len(times)})"


def range_s(times: list[float]) -> str:
    """min–max and n of a list of seconds."""
    return f"{fmt_s(min(times))}–{fmt_s(max(times))} (n={len(times)})"
