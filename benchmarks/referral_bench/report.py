"""The printed result: the header (command, date, machine, tree, load, terminal), the table, the notes."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime

from .common import COLS, ROOT, ROWS, TODAY, Row

SourceState = tuple[str, tuple[tuple[str, int], ...]]


def source_state() -> SourceState:
    """The checked-out commit and the mtimes of the package's files, to notice edits during a run."""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    except OSError:
        commit = "?"
    files = sorted((ROOT / "referral_tui").rglob("*"))
    return commit, tuple((str(f), f.stat().st_mtime_ns) for f in files if f.is_file() and "__pycache__" not in f.parts)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 0


def tree(before: SourceState) -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "referral_tui"], capture_output=True, text=True
        ).stdout.strip()
        text = f"{rev or '?'}" + (" + uncommitted changes in referral_tui/" if dirty else "")
    except OSError:
        text = "?"
    if source_state() != before:
        text += " — the commit or referral_tui/ changed during the run, so rows may mix versions; run again"
    return text


def header(command: str, textual_version: str, before: SourceState, load_before: float, total_s: float) -> list[str]:
    cpus = cpu_count()
    load_after = os.getloadavg()[0]
    # The run itself (the app and the pty reader) holds the 1-minute load near 1.2 by the end,
    # so the end's threshold is higher than the start's.
    busy = load_before > cpus / 2 or load_after > cpus * 0.75
    note = " — the machine was busy, expect noise" if busy else ""
    return [
        f"Command: `{command}`  ",
        f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}  ",
        f"Machine: nproc {cpus}, {platform.machine()}, Linux {platform.release()}, "
        f"Python {platform.python_version()}, Textual {textual_version}  ",
        f"Tree: {tree(before)}  ",
        f"Load average (1 min): {load_before:.2f} at start, {load_after:.2f} at end{note}  ",
        f"Terminal: pty {COLS}x{ROWS}, TERM=xterm-256color (the 80x24 rows: TERM=linux), "
        f"REFERRAL_TUI_TODAY={TODAY}; total run {total_s:.0f} s",
    ]


def table(rows: list[Row]) -> list[str]:
    lines = ["| measure | size | median | p90 or range | target | ratio/verdict |", "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return lines


def render(head: list[str], rows: list[Row], notes: list[str]) -> str:
    parts = ["\n".join(head), "\n".join(table(rows))]
    parts += [note.rstrip() for note in notes]
    return "\n\n".join(parts)
