"""Rows: importing LinkedIn's Connections.csv, and LinkedIn's whole export ZIP (10,000
connections, 50,000 messages), with the installed command (wall time, peak RSS); and
importing the same ZIP again, which must add nothing and leave the file byte for byte.

The untimed warm-up import writes the bytecode cache and makes the network screen's data
file: a copy of the 1,000-referrer file with the 10,000 connections imported into it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .common import APP_CMD, fmt_sec, median, verdict
from .context import Context
from .datasets import ArchivePlan, write_connections_csv, write_linkedin_archive, write_target_companies

WALL_BUDGET_S, RSS_BUDGET_MB = 5.0, 200.0
ARCHIVE_WALL_S, ARCHIVE_RSS_MB, REIMPORT_WALL_S = 10.0, 250.0, 5.0
ARCHIVE_MESSAGES = 50_000
_NEW_MESSAGES = re.compile(r"messages: (\d+) new")


@dataclass(frozen=True)
class ImportRun:
    seconds: float
    max_rss_kb: int
    exit_code: int
    output: str


# Linux counts a forked child's resident size before its exec in its peak (ru_maxrss), so a
# child forked from this benchmark (which holds the 50,000-message archive it wrote) would
# report at least the benchmark's own size. A small launcher forks the command instead and
# reports the command's own peak from wait4.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\nmax_rss_kb={usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""
_MAX_RSS = re.compile(r"max_rss_kb=(\d+)")


def run_import(db: Path, csv_path: Path, env: dict[str, str], log_path: Path, *extra: str) -> ImportRun:
    """The installed command, as a user runs it; wall clock from Popen to exit, peak RSS from wait4
    (in the launcher, see LAUNCHER)."""
    with log_path.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", LAUNCHER, APP_CMD, "--db", str(db), "import", "linkedin", str(csv_path), *extra],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=env["HOME"],
            check=False,
        )
        seconds = time.perf_counter() - start
    output = log_path.read_text(errors="replace")
    found = _MAX_RSS.search(output)
    return ImportRun(seconds, int(found.group(1)) if found else 0, proc.returncode, output)


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
    run_connections(ctx)
    run_archive(ctx)


def run_connections(ctx: Context) -> None:
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


# -- the whole export -------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveFiles:
    zip_path: Path
    seed: Path  # a data file with 10 target companies, copied for each run
    plan: ArchivePlan


_ARCHIVES: dict[Path, ArchiveFiles] = {}


def archive_files(ctx: Context) -> ArchiveFiles:
    """The export ZIP and the seed data file, written once per run."""
    if ctx.base not in _ARCHIVES:
        started = time.perf_counter()
        zip_path = ctx.base / "Basic_LinkedInDataExport_03-08-2026.zip"
        plan = write_linkedin_archive(zip_path, ctx.settings.csv_rows, ARCHIVE_MESSAGES)
        seed = ctx.base / "targets-only.json"
        write_target_companies(seed)
        ctx.say(
            f"wrote the export ZIP: {plan.connections} connections, {plan.messages} messages in "
            f"{plan.conversations} conversations, {plan.invitations} invitations, {plan.jobs} jobs "
            f"({zip_path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
        )
        _ARCHIVES[ctx.base] = ArchiveFiles(zip_path, seed, plan)
    return _ARCHIVES[ctx.base]


def _new_messages(output: str) -> int | None:
    found = _NEW_MESSAGES.search(output)
    return int(found.group(1)) if found else None


def _add_rows(
    ctx: Context, measure: str, label: str, good: list[ImportRun], wall_budget: float, rss_budget: float | None
) -> None:
    if not good:
        ctx.add(f"{measure} (wall time)", label, "failed", "", f"≤ {wall_budget:.0f} s", "FAILED")
        return
    secs = [r.seconds for r in good]
    med = median(secs)
    ctx.add(
        f"{measure} (wall time)",
        label,
        fmt_sec(med),
        f"{fmt_sec(min(secs))}–{fmt_sec(max(secs))} (n={len(secs)})",
        f"≤ {wall_budget:.0f} s",
        f"{verdict(med <= wall_budget)} ({med / wall_budget:.2f}x of budget)",
    )
    sizes = [r.max_rss_kb * 1024 / 1e6 for r in good]
    peak = max(sizes)
    target = f"≤ {rss_budget:.0f} MB" if rss_budget else "(no target)"
    ok = f"{verdict(peak <= rss_budget)} ({peak / rss_budget:.2f}x of budget)" if rss_budget else ""
    ctx.add(
        f"{measure} (peak RSS)",
        label,
        f"{peak:.0f} MB",
        f"max of {len(sizes)} run(s), {min(sizes):.0f}–{peak:.0f} MB",
        target,
        ok,
    )


def run_archive(ctx: Context) -> None:
    """The export ZIP into a fresh copy of the seed file, then the same ZIP again into the result."""
    files = archive_files(ctx)
    label = f"{files.plan.connections:,} connections + {files.plan.messages:,} messages"
    fresh_runs: list[ImportRun] = []
    again_runs: list[ImportRun] = []
    added: int | None = None
    for run_no in range(ctx.settings.import_runs):
        db = ctx.base / f"archive-{run_no}.json"
        shutil.copyfile(files.seed, db)
        done = run_import(db, files.zip_path, ctx.env, ctx.base / f"archive-{run_no}.log")
        ctx.say(
            f"archive import {run_no + 1}/{ctx.settings.import_runs}: {done.seconds:.2f} s, {done.max_rss_kb / 1024:.0f} MB"
        )
        new = _new_messages(done.output)
        if done.exit_code == 0 and f"connections: added {files.plan.connections}, updated 0" in done.output and new:
            fresh_runs.append(done)
            added = new
        else:
            ctx.note(
                f"An archive import exited with {done.exit_code} or added the wrong counts. It printed:\n{done.output}"
            )
            continue
        before = db.read_bytes()
        again = run_import(db, files.zip_path, ctx.env, ctx.base / f"archive-again-{run_no}.log")
        ctx.say(f"archive re-import {run_no + 1}: {again.seconds:.2f} s, {again.max_rss_kb / 1024:.0f} MB")
        unchanged = f"connections: added 0, updated 0, unchanged {files.plan.connections}" in again.output
        if again.exit_code == 0 and unchanged and _new_messages(again.output) == 0 and db.read_bytes() == before:
            again_runs.append(again)
        else:
            ctx.note(
                f"A re-import exited with {again.exit_code}, added something or changed the file. It printed:\n"
                f"{again.output}"
            )
    _add_rows(ctx, "Import LinkedIn export ZIP", label, fresh_runs, ARCHIVE_WALL_S, ARCHIVE_RSS_MB)
    if added is not None:
        ctx.say(f"the archive import added {added} message interactions")
    _add_rows(ctx, "Re-import the same export ZIP (adds nothing)", label, again_runs, REIMPORT_WALL_S, None)
