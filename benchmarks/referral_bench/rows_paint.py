"""Rows: time to the first painted board, beside a bare Textual app, interleaved in one run."""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass, field

from .common import APP_CMD, MARKER_TIMEOUT, fmt_s, median, range_s, verdict
from .context import Context
from .datasets import Dataset
from .markers import all_of, board_marker
from .terminal import Marker, PtyApp, text_marker

BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static


    class Bare(App):
        def compose(self):
            yield Static("bare ready")


    if __name__ == "__main__":
        Bare().run()
    """
)
BARE_READY = text_marker("bare ready")
CTRL_Q = b"\x11"  # a bare Textual app quits on ctrl+q
SIDEBAR_TIMEOUT = 10.0

# data file -> (row name, the limit as a multiple of the bare app's median)
BOARDS: dict[str, tuple[str, float | None]] = {
    "100": ("First painted board", None),
    "1000": ("First painted board", 1.3),
    "10000": ("First painted board", 1.5),
    "10000+followups": ("First painted board, follow-ups sidebar open", 1.6),
}


@dataclass
class PaintResult:
    times: list[float] = field(default_factory=list)
    filled: list[float] = field(default_factory=list)  # start -> the sidebar's title with its count
    failures: list[str] = field(default_factory=list)
    hwm_kb: list[int] = field(default_factory=list)


def sidebar_marker(data: Dataset) -> Marker:
    """The sidebar is filled: its title with the count (set after the first paint, by the
    complete refresh) and, when anything is overdue, the Overdue group's header."""
    parts = [f"Follow-ups ({data.followups})"] + ([f"Overdue ({data.overdue})"] if data.overdue else [])
    return text_marker(*parts)


def paint_marker(data: Dataset) -> Marker:
    """The row's marker: the board; with follow-ups in the file, the filled sidebar as well."""
    return all_of(board_marker(data), sidebar_marker(data)) if data.followups else board_marker(data)


def first_paint(
    argv: list[str],
    ctx: Context,
    found: Marker,
    result: PaintResult,
    then: Marker | None = None,
    quit_key: bytes = b"q",
) -> None:
    """One start: the time to ``found``; then, if given, the time to ``then`` (not a row's sample)."""
    app = PtyApp(argv, ctx.env, quit_key=quit_key)
    at = app.wait_for(found, MARKER_TIMEOUT)
    if at is None:
        result.failures.append(app.tail())
    else:
        result.times.append(at - app.start)
        if then is not None:
            filled = app.wait_for(then, SIDEBAR_TIMEOUT)
            if filled is not None:
                result.filled.append(filled - app.start)
        app.settle(0.1, 2.0)
        hwm = app.memory_kb().get("VmHWM")
        if hwm:
            result.hwm_kb.append(hwm)
    app.quit()


def run(ctx: Context) -> None:
    runs = ctx.settings.paint_runs
    datasets = {key: ctx.dataset(key) for key in BOARDS}
    script = ctx.base / "bare_app.py"
    script.write_text(BARE_APP)
    bare_argv = [sys.executable, str(script)]
    bare = PaintResult()
    boards = {key: PaintResult() for key in BOARDS}
    # Warm-up, not timed: writes the bytecode cache and warms the page cache for both apps.
    first_paint(bare_argv, ctx, BARE_READY, PaintResult(), quit_key=CTRL_Q)
    first_paint([APP_CMD, "--db", str(datasets["100"].path)], ctx, board_marker(datasets["100"]), PaintResult())
    for run_no in range(runs):
        first_paint(bare_argv, ctx, BARE_READY, bare, quit_key=CTRL_Q)
        for key, data in datasets.items():
            then = None if data.followups else sidebar_marker(data)
            first_paint([APP_CMD, "--db", str(data.path)], ctx, paint_marker(data), boards[key], then)
        ctx.say(
            f"paint run {run_no + 1}/{runs}: bare {bare.times[-1:]}, "
            + ", ".join(f"{key}: {r.times[-1:]}" for key, r in boards.items())
        )
    bare_med = median(bare.times) if bare.times else None
    if bare_med is None:
        ctx.add("First paint: bare Textual app (baseline)", "1 line", "not reached", "", "baseline", "FAILED")
        ctx.note("Bare app never showed 'bare ready'. The screen showed:\n" + (bare.failures or ["?"])[0])
    else:
        ctx.add(
            "First paint: bare Textual app (baseline)",
            "1 line",
            fmt_s(bare_med),
            range_s(bare.times),
            "baseline",
            "1.00x",
        )
    for key, res in boards.items():
        name, limit = BOARDS[key]
        data = datasets[key]
        target = f"≤ {limit:g}x bare" if limit else "(no target)"
        if not res.times:
            ctx.add(
                name, data.label, f"marker not reached in {MARKER_TIMEOUT:.0f} s", f"0/{runs} runs", target, "FAILED"
            )
            ctx.note(f"{name} at {data.label}: marker never seen. The screen showed:\n{res.failures[0]}")
            continue
        med = median(res.times)
        ratio = med / bare_med if bare_med else None
        if ratio is None:
            judged = "no baseline"
        elif limit is None:
            judged = f"{ratio:.2f}x bare"
        else:
            judged = f"{ratio:.2f}x bare, {verdict(ratio <= limit)}"
        spread = range_s(res.times)
        if res.filled:
            spread += f"; sidebar filled at {fmt_s(median(res.filled))}"
        if data.followups:
            spread += "; clock stops when the sidebar is filled"
        if res.failures:
            spread += f", {len(res.failures)} run(s) missed the marker"
            ctx.note(f"{name} at {data.label}: a run missed the marker. The screen showed:\n{res.failures[0]}")
        ctx.add(name, data.label, fmt_s(med), spread, target, judged)
