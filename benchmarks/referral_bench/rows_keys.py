"""Rows: keys on the 10,000 board (j/k, h/l, L/H), the bytes each writes, and memory over a session.

Every key row is one pty session of the installed app at 150x40 (``COLS``, ``ROWS``) on the 10,000 file, beside
the bare key app (``BARE_KEY_APP``) measured the same way in the same run. A session waits
for the first painted board and 0.3 s of quiet, then presses keys in pairs that undo each
other (j then k, l then h, L then H), so every key has a known screen to wait for:

1. timed keys: from writing the key to the pty until the marker shows, then ``KEY_QUIET``
   (0.1 s) without output before the next key;
2. counted keys: the same, but each waits until nothing arrives for ``BYTES_QUIET`` (0.6 s;
   ``MOVE_BYTES_QUIET``, 1.0 s, for L/H, whose coach, warnings and sidebar are redone 0.3 s after the last change),
   and the bytes read from the pty master from the key to then are the sample;
3. (L/H only) more moves at the timed pace until the last memory checkpoint; at each
   checkpoint, after ``MOVE_BYTES_QUIET`` of quiet, VmHWM and VmRSS are read.
"""

from __future__ import annotations

import sys
import textwrap
import time
from dataclasses import dataclass, field

from .common import (
    APP_CMD,
    BYTES_QUIET,
    COLS,
    KEY_QUIET,
    KEY_TIMEOUT,
    MARKER_TIMEOUT,
    MIB,
    MOVE_BYTES_QUIET,
    ROWS,
    fmt_bytes,
    fmt_ms,
    median,
    ms,
    spread_ms,
    verdict,
)
from .context import Context
from .datasets import Dataset
from .markers import all_of, board_marker, cursor_on
from .terminal import Marker, PtyApp, text_marker

# Baseline: a board-sized layout (4 scrolling columns of 10 three-line cards under a title, and
# a Footer) where L and H only change the text of the first column's title, so what is timed is
# Textual's own key-to-repaint path for a small change.
BARE_KEY_TITLE, BARE_KEY_COUNT = "Research", 2500
BARE_KEY_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Footer, Static

    TITLES = ["Research", "Relationship", "Timing", "Ask"]
    COUNT = 2500


    class BareKeys(App):
        CSS = '''
        Horizontal { height: 1fr; }
        VerticalScroll { width: 1fr; border: round $primary; }
        .title { text-style: bold; }
        .card { height: 3; margin-bottom: 1; }
        '''
        BINDINGS = [
            Binding("shift+right,L", "move(-1)", "Move on"),
            Binding("shift+left,H", "move(1)", "Move back"),
            Binding("q", "quit", "Quit"),
        ]
        count = COUNT

        def compose(self):
            with Horizontal():
                for c, title in enumerate(TITLES):
                    with VerticalScroll():
                        yield Static(f"{title} ({COUNT})", id=f"title{c}", classes="title")
                        for i in range(10):
                            yield Static(
                                f"Card {c}-{i} Ada Park\\nStaff Engineer at Company {i:04d}\\nscore 3.2, alumni",
                                classes="card",
                            )
            yield Footer()

        def action_move(self, delta):
            self.count += delta
            self.query_one("#title0", Static).update(f"{TITLES[0]} ({self.count})")


    if __name__ == "__main__":
        BareKeys().run()
    """
)
BARE_KEY_READY = text_marker(f"{BARE_KEY_TITLE} ({BARE_KEY_COUNT})", "Card 3-0")
KEY_LIMIT = 1.6  # j/k and h/l: times the bare key median
MOVE_LIMIT = 3.0  # L/H median: times the bare key median
MOVE_MAX_MS = 150.0
BYTES_BUDGET = {"j/k": 2 * 1024, "h/l": 4 * 1024, "L/H": 8 * 1024}
PEAK_MB, GROWTH_MIB = 200.0, 2.0


@dataclass(frozen=True)
class Key:
    data: bytes
    expect: Marker
    shows: str  # what the marker waits for, for the failure note


@dataclass
class KeyLog:
    times: list[float] = field(default_factory=list)  # ms, timed keys
    frames: list[int] = field(default_factory=list)  # counted keys: bytes until KEY_QUIET of quiet
    sizes: list[int] = field(default_factory=list)  # counted keys: bytes until the long quiet
    memory: dict[int, dict[str, int]] = field(default_factory=dict)  # keys pressed -> VmHWM, VmRSS (kB)
    noisy: int = 0  # counted keys whose output never went quiet within the limit
    failure: str = ""
    hwm_kb: int | None = None
    exit_code: int | None = None


@dataclass(frozen=True)
class Pressed:
    seconds: float  # from writing the key to the arrival of the chunk that completed the marker
    frame: int  # bytes from the key until KEY_QUIET without output
    size: int  # bytes from the key until the long quiet (= frame when there is none)
    quiet: bool  # False if the output never stopped for the long quiet within its limit


def press(app: PtyApp, key: Key, quiet: float) -> Pressed | str:
    """One key and its repaint, or why the marker never showed."""
    before = app.received
    sent = time.perf_counter()
    app.send(key.data)
    at = app.wait_for(key.expect, KEY_TIMEOUT)
    if at is None:
        return f"no repaint showing {key.shows} within {KEY_TIMEOUT:.0f} s after {key.data.decode()!r}"
    app.settle(KEY_QUIET, 3.0)
    frame = app.received - before
    calm = app.settle(quiet, quiet + 5.0) if quiet > KEY_QUIET else True
    return Pressed(at - sent, frame, app.received - before, calm)


def key_session(
    ctx: Context,
    argv: list[str],
    ready: Marker,
    what: str,
    keys: tuple[Key, Key],
    timed: int,
    counted: int = 0,
    counted_quiet: float = MOVE_BYTES_QUIET,
    checkpoints: tuple[int, ...] = (),
    quit_key: bytes = b"q",
) -> KeyLog:
    """Press ``keys`` in turn: ``timed`` keys, then ``counted`` ones, then on to the last checkpoint."""
    log = KeyLog()
    app = PtyApp(argv, ctx.env, quit_key=quit_key)
    if app.wait_for(ready, MARKER_TIMEOUT) is None:
        log.failure = f"{what} never painted; the screen showed:\n" + app.tail()
        log.exit_code = app.quit()
        return log
    app.settle(0.3, 5.0)
    for i in range(max(timed + counted, *checkpoints, 0)):
        counting = timed <= i < timed + counted
        done = press(app, keys[i % 2], counted_quiet if counting else KEY_QUIET)
        if isinstance(done, str):
            log.failure = f"{what}, key {i + 1}: {done}; the screen showed:\n" + app.tail()
            break
        if counting and done.quiet:
            log.frames.append(done.frame)
            log.sizes.append(done.size)
        elif counting:
            log.noisy += 1
        elif i < timed:
            log.times.append(ms(done.seconds))
        if i + 1 in checkpoints:
            app.settle(MOVE_BYTES_QUIET, 5.0)
            log.memory[i + 1] = app.memory_kb()
    log.hwm_kb = app.memory_kb().get("VmHWM")
    log.exit_code = app.quit()
    if log.exit_code not in (0, None):
        ctx.note(f"The {what} session exited with code {log.exit_code} after q.")
    return log


def bare_key_baseline(ctx: Context) -> float | None:
    """The bare key app's key-to-repaint median (ms), measured once per run, with its row."""
    if ctx.bare_key_tried:
        return ctx.bare_key_ms
    ctx.bare_key_tried = True
    script = ctx.base / "bare_key_app.py"
    script.write_text(BARE_KEY_APP)
    title = f"{BARE_KEY_TITLE} ({{}})"
    keys = (
        Key(b"L", text_marker(title.format(BARE_KEY_COUNT - 1)), title.format(BARE_KEY_COUNT - 1)),
        Key(b"H", text_marker(title.format(BARE_KEY_COUNT)), title.format(BARE_KEY_COUNT)),
    )
    argv = [sys.executable, str(script)]
    key_session(ctx, argv, BARE_KEY_READY, "bare key app warm-up", keys, 2)  # writes the bytecode cache
    log = key_session(ctx, argv, BARE_KEY_READY, "bare key app", keys, ctx.settings.bare_key_samples)
    ctx.bare_key_hwm_kb = log.hwm_kb
    if log.failure:
        ctx.note(f"Key to repaint, bare app: {log.failure}")
    if not log.times:
        ctx.add("Key to repaint: bare Textual app", "4x10 cards", "not reached", "n=0", "baseline", "FAILED")
        return None
    ctx.bare_key_ms = median(log.times)
    spread = spread_ms(log.times) + (", stopped early" if log.failure else "")
    ctx.add("Key to repaint: bare Textual app", "4x10 cards", fmt_ms(ctx.bare_key_ms), spread, "baseline", "1.00x")
    ctx.say(f"bare keys: {[f'{t:.1f}' for t in log.times]}")
    return ctx.bare_key_ms


def _time_row(ctx: Context, name: str, label: str, log: KeyLog, limit: float, max_ms: float | None = None) -> None:
    """The median against ``limit`` times the bare key median (and, with ``max_ms``, no sample above it)."""
    target = f"≤ {limit:g}x bare key" + (f"; none > {max_ms:.0f} ms" if max_ms else "")
    if not log.times:
        ctx.add(name, label, "not reached", "n=0", target, "FAILED")
        return
    med = median(log.times)
    spread = spread_ms(log.times) + (", stopped early" if log.failure else "")
    if ctx.bare_key_ms:
        ratio = med / ctx.bare_key_ms
        judged = f"{ratio:.2f}x bare key, {verdict(ratio <= limit)}"
    else:
        judged = "no baseline"
    if max_ms:
        over = sum(1 for t in log.times if t > max_ms)
        spread += f"; {over} over {max_ms:.0f} ms"
        judged += f"; none over {max_ms:.0f} ms: {verdict(over == 0)}"
    ctx.add(name, label, fmt_ms(med), spread, target, judged)


def _bytes_row(ctx: Context, kind: str, label: str, log: KeyLog, detail: str = "") -> None:
    budget = BYTES_BUDGET[kind]
    target = f"≤ {budget // 1024} KiB"
    name = f"Bytes written per key: {kind}"
    if not log.sizes:
        ctx.add(name, label, "not counted", "n=0", target, "FAILED")
        return
    med = median([float(s) for s in log.sizes])
    spread = f"{fmt_bytes(min(log.sizes))}–{fmt_bytes(max(log.sizes))} (n={len(log.sizes)})" + detail
    if log.noisy:
        spread += f"; {log.noisy} key(s) left out: the output never went quiet"
    ctx.add(name, label, fmt_bytes(med), spread, target, f"{verdict(med <= budget)} ({med / budget:.2f}x of budget)")
    ctx.say(f"bytes {kind}: {log.sizes} (frames {log.frames})")


def _key_pair_rows(ctx: Context, data: Dataset, kind: str, title: str, keys: tuple[Key, Key]) -> None:
    """One session pressing ``keys`` in turn: the time row and the bytes row of ``kind``."""
    s = ctx.settings
    log = key_session(
        ctx,
        [APP_CMD, "--db", str(data.path)],
        board_marker(data),
        kind,
        keys,
        s.cursor_samples,
        s.bytes_samples,
        BYTES_QUIET,
    )
    if log.failure:
        ctx.note(f"Key to repaint, {kind} at {data.label}: {log.failure}")
    _time_row(ctx, f"Key to repaint: {title} ({kind})", data.label, log, KEY_LIMIT)
    _bytes_row(ctx, kind, f"{data.label} at {COLS}x{ROWS}", log)
    ctx.say(f"{kind} {data.key}: {[f'{t:.1f}' for t in log.times]}")


def run_cursor(ctx: Context) -> None:
    """j/k: the cursor moves one card down and back up in the Research column."""
    bare_key_baseline(ctx)
    data = ctx.dataset("10000")
    first, second = data.names["research"]
    keys = (
        Key(b"j", cursor_on(0, second), f"the cursor on {second}"),
        Key(b"k", cursor_on(0, first), f"the cursor on {first}"),
    )
    _key_pair_rows(ctx, data, "j/k", "cursor", keys)


def run_column(ctx: Context) -> None:
    """h/l: the active column moves from Research to Relationship and back."""
    bare_key_baseline(ctx)
    data = ctx.dataset("10000")
    research, relationship = data.names["research"][0], data.names["relationship"][0]
    keys = (
        Key(b"l", cursor_on(1, relationship, title_too=True), f"Relationship active, the cursor on {relationship}"),
        Key(b"h", cursor_on(0, research, title_too=True), f"Research active, the cursor on {research}"),
    )
    _key_pair_rows(ctx, data, "h/l", "column", keys)


def run_move(ctx: Context) -> None:
    """L/H: the first Research card moves to Relationship and back; time, bytes, memory."""
    bare_key_baseline(ctx)
    data = ctx.dataset("10000")
    name, count = data.names["research"][0], data.counts["research"]
    keys = (
        Key(b"L", all_of(text_marker(f"Research ({count - 1})"), cursor_on(1, name)), f"Research ({count - 1})"),
        Key(b"H", all_of(text_marker(f"Research ({count})"), cursor_on(0, name)), f"Research ({count})"),
    )
    s = ctx.settings
    log = key_session(
        ctx,
        [APP_CMD, "--db", str(data.path)],
        board_marker(data),
        "L/H",
        keys,
        s.move_samples,
        s.bytes_samples,
        MOVE_BYTES_QUIET,
        s.memory_checkpoints,
    )
    if log.failure:
        ctx.note(f"Key to repaint, L/H at {data.label}: {log.failure}")
    _time_row(ctx, "Key to repaint: move card (L/H)", data.label, log, MOVE_LIMIT, MOVE_MAX_MS)
    detail = ""
    if log.frames:
        frame = median([float(f) for f in log.frames])
        detail = f"; the move's own frame {fmt_bytes(frame)}, the rest is the recompute 0.3 s later (it repaints only what changed)"
    _bytes_row(ctx, "L/H", f"{data.label} at {COLS}x{ROWS}", log, detail)
    ctx.say(f"L/H {data.key}: {[f'{t:.1f}' for t in log.times]}")
    memory_rows(ctx, data.label, log)


def memory_rows(ctx: Context, label: str, log: KeyLog) -> None:
    points = {n: m for n, m in sorted(log.memory.items()) if "VmHWM" in m and "VmRSS" in m}
    ctx.say(f"memory (kB) after moves: {points}")
    if not points:
        ctx.add("Peak memory (VmHWM of the app)", label, "not read", "", f"≤ {PEAK_MB:.0f} MB", "FAILED")
        ctx.add("Memory growth over a session", label, "not read", "", f"≤ {GROWTH_MIB:.0f} MiB", "FAILED")
        return
    last = max(points)
    peak_mb = max(m["VmHWM"] for m in points.values()) * 1024 / 1e6
    seen = ", ".join(f"{n}: {m['VmHWM'] * 1024 / 1e6:.0f}/{m['VmRSS'] * 1024 / 1e6:.0f}" for n, m in points.items())
    bare = f"; bare key app {ctx.bare_key_hwm_kb * 1024 / 1e6:.0f} MB" if ctx.bare_key_hwm_kb else ""
    ctx.add(
        "Peak memory (VmHWM of the app)",
        label,
        f"{peak_mb:.0f} MB",
        f"VmHWM/VmRSS in MB after moves {seen}{bare}",
        f"≤ {PEAK_MB:.0f} MB",
        f"{verdict(peak_mb <= PEAK_MB)} ({peak_mb / PEAK_MB:.2f}x of budget)",
    )
    first = min(points)
    if first == last:
        ctx.add(
            "Memory growth over a session (VmRSS)", label, "one reading only", "", f"≤ {GROWTH_MIB:.0f} MiB", "FAILED"
        )
        return
    rss = (points[last]["VmRSS"] - points[first]["VmRSS"]) * 1024 / MIB
    hwm = (points[last]["VmHWM"] - points[first]["VmHWM"]) * 1024 / MIB
    ctx.add(
        "Memory growth over a session (VmRSS)",
        f"{label}, moves {first}→{last}",
        f"{rss:+.1f} MiB",
        f"VmHWM {hwm:+.1f} MiB",
        f"≤ {GROWTH_MIB:.0f} MiB",
        f"{verdict(rss <= GROWTH_MIB)} ({max(rss, 0) / GROWTH_MIB:.2f}x of budget)",
    )
