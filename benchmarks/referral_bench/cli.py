"""The command line: `.venv/bin/python benchmarks/bench.py [--quick] [--keep] [--only ROW[,ROW]]`."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from . import report, rows_calm, rows_import, rows_keys, rows_live, rows_network, rows_paint, rows_save
from .common import Settings
from .context import Context
from .terminal import child_env, kill_all

# In the order they run; --only picks a subset (the order stays this one).
ROW_GROUPS: dict[str, tuple[str, Callable[[Context], None]]] = {
    "save": ("save one change (Repository.move) at 1,000 and 10,000", rows_save.run),
    "paint": (
        "first painted board at 100, 1,000, 10,000 and 10,000 with the sidebar, beside a bare app",
        rows_paint.run,
    ),
    "jk": ("j/k at 10,000: key to repaint and bytes per key (with the bare key app)", rows_keys.run_cursor),
    "hl": ("h/l at 10,000: key to repaint and bytes per key (with the bare key app)", rows_keys.run_column),
    "move": ("L/H at 10,000: key to repaint, bytes per move, memory over 500 moves", rows_keys.run_move),
    "calm": ("TERM=linux at 80x24, with and without NO_COLOR=1: bytes of the first screen and of j", rows_calm.run),
    "import": ("LinkedIn Connections.csv import: wall time and peak RSS", rows_import.run),
    "network": ("open the network screen (n) with 10,000 connections", rows_network.run),
    "live": ("another session's change on an idle board; moves lost on SIGKILL right after the paint", rows_live.run),
}
ALIASES = {"keys": ("jk", "hl", "move"), "all": tuple(ROW_GROUPS)}


def parse_only(value: str) -> tuple[str, ...]:
    picked: list[str] = []
    for name in (part.strip() for part in value.split(",") if part.strip()):
        if name not in ROW_GROUPS and name not in ALIASES:
            raise argparse.ArgumentTypeError(f"unknown row {name!r}; use {', '.join([*ROW_GROUPS, *ALIASES])}")
        picked += ALIASES.get(name, (name,))
    return tuple(name for name in ROW_GROUPS if name in picked)


def main(argv: list[str] | None = None) -> int:
    groups = "\n".join(f"  {name:8} {what}" for name, (what, _) in ROW_GROUPS.items())
    parser = argparse.ArgumentParser(
        prog="bench.py",
        description='Benchmarks for DESIGN.md "Performance"; prints one markdown table.',
        epilog=f"rows (for --only):\n{groups}\n  keys     jk,hl,move",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run); same rows")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (prints its path)")
    parser.add_argument("--only", type=parse_only, metavar="ROW[,ROW]", help="run only these rows (see below)")
    args = parser.parse_args(argv)
    selected: tuple[str, ...] = args.only or tuple(ROW_GROUPS)

    import textual

    sys.setswitchinterval(0.001)  # the pty reader thread stamps chunks within 1 ms of arrival
    load_before = os.getloadavg()[0]
    before = report.source_state()
    base = Path(tempfile.mkdtemp(prefix="referral-bench-"))
    env = child_env(base)
    # The in-process Repository work (the save row, the data files) must not see the real home either.
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = env[name]
    ctx = Context(base, env, Settings.make(args.quick), sys.stderr)
    started = time.perf_counter()
    try:
        for name in selected:
            ctx.say(f"-- {name} (load {os.getloadavg()[0]:.2f})")
            ROW_GROUPS[name][1](ctx)
    finally:
        kill_all()
        if args.keep:
            ctx.say(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    command = ".venv/bin/python benchmarks/bench.py" + (" --quick" if args.quick else "")
    if args.only:
        command += f" --only {','.join(selected)}"
    head = report.header(command, textual.__version__, before, load_before, time.perf_counter() - started)
    print(report.render(head, ctx.rows, ctx.notes))
    return 0
