"""Snapshot tests (pytest-textual-snapshot) for the screens shown in README.md.

Deterministic: the demo campaign on a frozen day, animations off, a fixed terminal size,
no focused text input (so no cursor blink). Update after a deliberate change with
``pytest tests/test_snapshots.py --snapshot-update`` and look at the new SVGs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "screenshots"))

from scenes import SCENES, SIZE, demo_app, settled  # noqa: E402


@pytest.mark.parametrize("name", sorted(SCENES))
def test_screen(name: str, snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    keys, _ = SCENES[name]
    assert snap_compare(demo_app(tmp_path), press=keys, terminal_size=SIZE, run_before=settled)
