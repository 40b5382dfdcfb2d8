"""Snapshots without colour at 80x24 (NO_COLOR=1), as over a bare SSH console: the focused
card, the selected row and the focused field must show by symbols and text attributes.

Update after a deliberate change with ``pytest tests/test_snapshots_plain.py
--snapshot-update`` and look at the new SVGs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "screenshots"))

from scenes import PLAIN_SCENES, demo_app, settled  # noqa: E402


@pytest.mark.parametrize("name", sorted(PLAIN_SCENES))
def test_plain_screen(
    name: str, snap_compare: Callable[..., bool], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys, size, glyphs, _ = PLAIN_SCENES[name]
    monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(tmp_path, glyphs)
    assert app.no_color
    assert snap_compare(app, press=keys, terminal_size=size, run_before=settled)
