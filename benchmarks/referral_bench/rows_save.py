"""Rows: what one save costs, and how long the event loop is blocked by it (in process).

The app's path is measured: a ``Repository`` without autosave and its ``Writer`` thread, as
``ReferralApp`` runs them, on a copy of the 1,000 and 10,000 files. An asyncio loop in the
main thread stands in for the event loop: it moves one referrer (Research <-> Relationship)
every ``GAP`` seconds and, between moves, ticks every millisecond, recording how late each
tick is while the writer saves. Per save:

* CPU: ``time.thread_time()`` of the writer thread across ``Engine.sync`` (the lock, the
  stat check, the payload from cached record bytes, the atomic write), with the time spent
  in ``os.fsync`` measured separately and shown beside it (waiting for the disk is not CPU);
* blocked: the largest tick lateness during the save (the mutex and the GIL the writer
  holds are what can delay the loop);
* durable after: from the move (in memory) until the writer's report that it is written,
  i.e. how soon a move shown on screen is on disk (it includes the writer's 15 ms pause,
  which lets the frame go out first).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .common import TODAY, fmt_ms, median, ms, p90, spread_ms, verdict
from .context import Context
from .datasets import Dataset

if TYPE_CHECKING:
    from _typeshed import HasFileno

CPU_BUDGET_MS = 15.0
BLOCK_BUDGET_MS = 5.0
DURABLE_BUDGET_MS = 100.0
GAP = 0.12  # seconds between moves: each save is over before the next move


@dataclass
class SaveRun:
    cpu: list[float] = field(default_factory=list)  # seconds per save, fsyncs excluded
    fsync: list[float] = field(default_factory=list)  # seconds in os.fsync per save
    blocked: list[float] = field(default_factory=list)  # worst tick lateness per save
    durable: list[float] = field(default_factory=list)  # move to written, seconds


def bench_save(data: Dataset, samples: int) -> SaveRun:
    from referral_tui.domain.clock import FixedClock
    from referral_tui.domain.records import Phase
    from referral_tui.store import engine as engine_module
    from referral_tui.store.repository import Repository
    from referral_tui.store.writer import StoreEvent, Writer

    path = data.path.with_name(f"save-{data.key}.json")
    shutil.copyfile(data.path, path)
    repo = Repository(path, FixedClock(TODAY), autosave=False, validate=False)
    repo.contacts()  # the record cache as the running app has it
    run = SaveRun()
    fsync_time = [0.0]
    real_fsync = os.fsync

    def timed_fsync(fd: int | HasFileno) -> None:
        start = time.perf_counter()
        real_fsync(fd)
        fsync_time[0] += time.perf_counter() - start

    os.fsync = timed_fsync  # the store's module and ours share one os
    real_sync = engine_module.Engine.sync
    saving = threading.Event()

    def measured_sync(self: engine_module.Engine, lock_timeout: float | None = None) -> engine_module.SyncResult:
        fsync_time[0] = 0.0
        saving.set()
        start = time.thread_time()
        try:
            return real_sync(self, lock_timeout)
        finally:
            cpu = time.thread_time() - start
            saving.clear()
            if self is repo.engine:
                run.cpu.append(cpu)
                run.fsync.append(fsync_time[0])

    engine_module.Engine.sync = measured_sync  # type: ignore[method-assign]
    written = threading.Event()

    def report(event: StoreEvent) -> None:
        if event.saved is not None and event.saved.wrote:
            written.set()

    writer = Writer(repo.engine, report, poll_interval=60)
    writer.start(validate=False)

    async def loop() -> None:
        for i in range(samples + 1):
            target = Phase.RELATIONSHIP if i % 2 == 0 else Phase.RESEARCH
            written.clear()
            moved = time.perf_counter()
            repo.move(data.first_contact_id, target)
            worst = 0.0
            while not written.is_set():
                before = time.perf_counter()
                await asyncio.sleep(0.001)
                late = time.perf_counter() - before - 0.001
                if saving.is_set() or written.is_set():
                    worst = max(worst, late)
            done = time.perf_counter()
            if i:  # the first save after opening fills the record-bytes cache: reported apart
                run.blocked.append(worst)
                run.durable.append(done - moved)
            await asyncio.sleep(GAP)

    try:
        asyncio.run(loop())
    finally:
        writer.stop(10)
        engine_module.Engine.sync = real_sync  # type: ignore[method-assign]
        os.fsync = real_fsync
    run.cpu, run.fsync = run.cpu[1:], run.fsync[1:]
    return run


def run(ctx: Context) -> None:
    for key in ("1000", "10000"):
        data = ctx.dataset(key)
        result = bench_save(data, ctx.settings.save_samples)
        cpu = [ms(t) for t in result.cpu]
        fsync = [ms(t) for t in result.fsync]
        blocked = [ms(t) for t in result.blocked]
        durable = [ms(t) for t in result.durable]
        ctx.add(
            "Save one change: CPU (writer thread, fsyncs excluded)",
            data.label,
            fmt_ms(median(cpu)),
            f"{spread_ms(cpu)}; fsyncs beside it {fmt_ms(median(fsync))} median",
            f"≤ {CPU_BUDGET_MS:.0f} ms",
            verdict(median(cpu) <= CPU_BUDGET_MS),
        )
        ctx.add(
            "Save one change: event loop blocked",
            data.label,
            fmt_ms(median(blocked)),
            f"p90 {fmt_ms(p90(blocked))}, max {fmt_ms(max(blocked))} (n={len(blocked)})",
            f"≤ {BLOCK_BUDGET_MS:.0f} ms",
            verdict(max(blocked) <= BLOCK_BUDGET_MS),
        )
        ctx.add(
            "A move durable after (in memory to written)",
            data.label,
            fmt_ms(median(durable)),
            f"p90 {fmt_ms(p90(durable))}, max {fmt_ms(max(durable))}",
            f"≤ {DURABLE_BUDGET_MS:.0f} ms",
            verdict(max(durable) <= DURABLE_BUDGET_MS),
        )
        ctx.say(f"save {key}: cpu {[f'{t:.1f}' for t in cpu]} blocked {[f'{t:.1f}' for t in blocked]}")
