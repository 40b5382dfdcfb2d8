"""Row: saving one change (``Repository.move``), in process, at 1,000 and 10,000 referrers."""

from __future__ import annotations

import shutil
import time

from .common import TODAY, fmt_ms, median, ms, spread_ms, verdict
from .context import Context
from .datasets import Dataset

BUDGET_MS = 50.0


def bench_save(data: Dataset, samples: int) -> list[float]:
    """Repository.move of one contact, alternating Research <-> Relationship; seconds each."""
    from referral_tui.domain.clock import FixedClock
    from referral_tui.domain.records import Phase
    from referral_tui.store.repository import Repository

    # A copy, so the pty runs later see the file exactly as built.
    path = data.path.with_name(f"save-{data.key}.json")
    shutil.copyfile(data.path, path)
    repo = Repository(path, FixedClock(TODAY))
    repo.contacts()  # warm the record cache as the running app would have it
    times: list[float] = []
    for i in range(samples):
        target = Phase.RELATIONSHIP if i % 2 == 0 else Phase.RESEARCH
        start = time.perf_counter()
        repo.move(data.first_contact_id, target)
        times.append(time.perf_counter() - start)
    return times


def run(ctx: Context) -> None:
    for key in ("1000", "10000"):
        data = ctx.dataset(key)
        times = [ms(t) for t in bench_save(data, ctx.settings.save_samples)]
        med = median(times)
        ctx.add(
            "Save one change (Repository.move)",
            data.label,
            fmt_ms(med),
            spread_ms(times),
            f"< {BUDGET_MS:.0f} ms",
            f"{verdict(med < BUDGET_MS)} ({med / BUDGET_MS:.2f}x of budget)",
        )
        ctx.say(f"save {key}: {[f'{t:.1f}' for t in times]}")
