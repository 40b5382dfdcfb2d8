"""Rows: importing LinkedIn's Connections.csv with the installed command (wall time, peak RSS).

The untimed warm-up import writes the bytecode cache and makes the network screen's data
file: a copy of the 1,000-referrer file with the 10,000 connections imported into it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .common import APP_CMD, fmt_sec, median, verdict
from .context import Context
from .datasets import write_connections_csv

WALL_BUDGET_S, RSS_BUDGET_MB = 5.0, 200.0


@dataclass(frozen=True)
class ImportRun:
    seconds: float
    max_rss_kb: int
    exit_code: int
    output: str


def run_import(db: Path, csv_path: Path, env: dict[str, str], log_path: Path) -> ImportRun:
    """The installed command, as a user runs it; wall clock from Popen to exit, peak RSS from wait4."""
    with log_path.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [APP_CMD, "--db", str(db), "import", "linkedin", str(csv_path)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=env["HOME"],
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
    return ImportRun(seconds, usage.ru_maxrss, proc.returncode, log_path.read_text(errors="replace"))


def expected(ctx: Context) -> str:
    return f"added {ctx.settings.csv_rows}, updated 0"


def connections_csv(ctx: Context) -> Path:
    if ctx.csv_path is None:
        path = ctx.base / "Connections.csv"
        started = time.perf_counter()
        write_connections_csv(path, ctx.settings.csv_rows)
        ctx.say(
            f"wrote Connections.csv, {ctx.settings.csv_rows} rows ({path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        ctx.csv_path = path
    return ctx.csv_path


def network_file(ctx: Context) -> Path | None:
    """The untimed warm-up import, once per run: the 1,000 file plus the connections (None if it failed)."""
    if not ctx.network_tried:
        ctx.network_tried = True
        path = ctx.base / "network-1000-plus-10000.json"
        shutil.copyfile(ctx.dataset("1000").path, path)
        warm = run_import(path, connections_csv(ctx), ctx.env, ctx.base / "import-warmup.log")
        ctx.say(f"import warm-up: {warm.seconds:.2f} s, {warm.max_rss_kb / 1024:.0f} MB, exit {warm.exit_code}")
        if warm.exit_code == 0 and expected(ctx) in warm.output:
            ctx.network_path = path
        else:
            ctx.note(f"The untimed warm-up import failed. It printed:\n{warm.output}")
    return ctx.network_path


def run(ctx: Context) -> None:
    network_file(ctx)  # the warm-up
    csv_path = connections_csv(ctx)
    runs: list[ImportRun] = []
    for run_no in range(ctx.settings.import_runs):
        fresh = ctx.base / f"import-{run_no}.json"  # a new data file each run
        done = run_import(fresh, csv_path, ctx.env, ctx.base / f"import-{run_no}.log")
        runs.append(done)
        ctx.say(
            f"import run {run_no + 1}/{ctx.settings.import_runs}: {done.seconds:.2f} s, {done.max_rss_kb / 1024:.0f} MB"
        )
    good = [r for r in runs if r.exit_code == 0 and expected(ctx) in r.output]
    for bad in (r for r in runs if r not in good):
        ctx.note(
            f"An import run exited with {bad.exit_code} or did not report '{expected(ctx)}'. It printed:\n{bad.output}"
        )
    label = f"{ctx.settings.csv_rows:,} rows"
    wall, rss = "Import LinkedIn Connections.csv (wall time)", "Import LinkedIn Connections.csv (peak RSS)"
    if not good:
        ctx.add(wall, label, "failed", "", f"< {WALL_BUDGET_S:.0f} s", "FAILED")
        ctx.add(rss, label, "failed", "", f"< {RSS_BUDGET_MB:.0f} MB", "FAILED")
        return
    secs = [r.seconds for r in good]
    med = median(secs)
    ctx.add(
        wall,
        label,
        fmt_sec(med),
        f"{fmt_sec(min(secs))}–{fmt_sec(max(secs))} (n={len(secs)})",
        f"< {WALL_BUDGET_S:.0f} s",
        f"{verdict(med < WALL_BUDGET_S)} ({med / WALL_BUDGET_S:.2f}x of budget)",
    )
    sizes = [r.max_rss_kb * 1024 / 1e6 for r in good]
    peak = max(sizes)
    ctx.add(
        rss,
        label,
        f"{peak:.0f} MB",
        f"max of {len(sizes)} run(s), {min(sizes):.0f}–{peak:.0f} MB; {csv_path.stat().st_size / 1e6:.1f} MB file",
        f"< {RSS_BUDGET_MB:.0f} MB",
        f"{verdict(peak < RSS_BUDGET_MB)} ({peak / RSS_BUDGET_MB:.2f}x of budget)",
    )
