"""What the rows of one run share: the temp folder, the child environment, settings, data files
built on first use, and the table and notes they add to."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .common import Row, Settings
from .datasets import Dataset, build_dataset


@dataclass
class Context:
    base: Path
    env: dict[str, str]
    settings: Settings
    log: TextIO
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    bare_key_ms: float | None = None  # the bare key app's key-to-repaint median, once measured
    bare_key_tried: bool = False
    bare_key_hwm_kb: int | None = None
    csv_path: Path | None = None  # the generated Connections.csv, once written
    network_path: Path | None = None  # the 1,000 file plus the imported connections, once made
    network_tried: bool = False

    def dataset(self, key: str) -> Dataset:
        """The data file ``key`` (see ``datasets.DATASETS``), built on first use."""
        if key not in self.datasets:
            started = time.perf_counter()
            data = self.datasets[key] = build_dataset(self.base, key)
            self.say(
                f"built {data.label} in {time.perf_counter() - started:.1f} s ({data.path.stat().st_size / 1e6:.1f} MB)"
            )
        return self.datasets[key]

    def say(self, message: str) -> None:
        print(message, file=self.log, flush=True)

    def add(self, *cells: str) -> None:
        self.rows.append(Row(*cells))

    def note(self, text: str) -> None:
        self.notes.append(text)
