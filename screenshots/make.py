"""Regenerate screenshots/*.svg from the demo campaign on a frozen day.

Run: python screenshots/make.py   (the same scenes are snapshot-tested in tests/test_snapshots.py)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from textual._doc import take_svg_screenshot

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scenes import SCENES, SIZE, demo_app, settled  # noqa: E402


def main() -> int:
    for name, (keys, caption) in SCENES.items():
        with tempfile.TemporaryDirectory() as folder:
            svg = take_svg_screenshot(
                app=demo_app(Path(folder)), press=keys, terminal_size=SIZE, title=caption, run_before=settled
            )
        (HERE / f"{name}.svg").write_text(svg, encoding="utf-8")
        print(f"screenshots/{name}.svg  {caption}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
