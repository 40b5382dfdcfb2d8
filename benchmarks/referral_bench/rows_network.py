"""Row: opening the network screen (n) on the 1,000 board plus 10,000 imported connections."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .common import APP_CMD, KEY_TIMEOUT, MARKER_TIMEOUT, NAME_PREFIX, fmt_ms, median, ms, spread_ms, verdict
from .context import Context
from .datasets import read_contact_names
from .markers import board_marker
from .rows_import import network_file
from .terminal import Marker, PtyApp, text_marker

BUDGET_MS = 300.0


@dataclass
class NetworkResult:
    open_times: list[float] = field(default_factory=list)
    back_times: list[float] = field(default_factory=list)
    failure: str = ""
    hwm_kb: int | None = None
    exit_code: int | None = None


def network_marker(db: Path) -> tuple[Marker, str]:
    """The network screen is painted: its status line with the total, and the first row's name
    (the table opens sorted by name). Also returns the status text looked for."""
    names = read_contact_names(db)
    status = f"of {len(names)} contacts"
    first = min(names, key=str.casefold, default="")[:NAME_PREFIX]
    if not (first.isascii() and first.isprintable()):
        first = ""  # wide or combining characters: rely on the status line alone
    return text_marker(status, first), status


def open_network(ctx: Context, db: Path, samples: int) -> NetworkResult:
    """On the board, "n" until the network screen shows its status and first row; escape until
    the board is back. One session, ``samples`` round trips."""
    result = NetworkResult()
    shown, status = network_marker(db)
    board = board_marker(ctx.dataset("1000"))  # the board part of the file is the 1,000 file's
    app = PtyApp([APP_CMD, "--db", str(db)], ctx.env)
    if app.wait_for(board, MARKER_TIMEOUT) is None:
        result.failure = "board never painted:\n" + app.tail()
        result.exit_code = app.quit()
        return result
    app.settle(0.5, 5.0)
    for _ in range(samples):
        sent = time.perf_counter()
        app.send(b"n")
        at = app.wait_for(shown, KEY_TIMEOUT)
        if at is None:
            result.failure = f"the network screen ('{status}') did not show within {KEY_TIMEOUT:.0f} s after 'n'; "
            result.failure += "the screen showed:\n" + app.tail()
            break
        result.open_times.append(at - sent)
        app.settle(0.1, 3.0)
        sent = time.perf_counter()
        app.send(b"\x1b")
        at = app.wait_for(board, KEY_TIMEOUT)
        if at is None:
            result.failure = f"the board did not come back within {KEY_TIMEOUT:.0f} s after escape; "
            result.failure += "the screen showed:\n" + app.tail()
            break
        result.back_times.append(at - sent)
        app.settle(0.5, 5.0)  # the board refreshes after the network screen closes; let it finish
    result.hwm_kb = app.memory_kb().get("VmHWM")
    result.exit_code = app.quit()
    return result


def run(ctx: Context) -> None:
    label = f"{ctx.settings.csv_rows:,} + 1,000 on board"
    name, target = "Open network screen (n)", f"< {BUDGET_MS:.0f} ms"
    db = network_file(ctx)
    if db is None:
        ctx.add(name, label, "no data file", "", target, "FAILED")
        return
    net = open_network(ctx, db, ctx.settings.network_samples)
    if net.open_times:
        times = [ms(t) for t in net.open_times]
        med = median(times)
        spread = spread_ms(times)
        if net.back_times:
            spread += f"; esc back to board {fmt_ms(median([ms(t) for t in net.back_times]))}"
        if net.hwm_kb:
            spread += f"; app VmHWM {net.hwm_kb * 1024 / 1e6:.0f} MB"
        if net.failure:
            spread += ", stopped early"
        ctx.add(name, label, fmt_ms(med), spread, target, verdict(med < BUDGET_MS))
        ctx.say(f"network open: {[f'{t:.1f}' for t in times]}, back: {[f'{ms(t):.1f}' for t in net.back_times]}")
    else:
        ctx.add(name, label, "not reached", "n=0", target, "FAILED")
    if net.failure:
        ctx.note(f"Network screen: {net.failure}")
    if net.exit_code not in (0, None):
        ctx.note(f"The network session exited with code {net.exit_code} after q.")
