"""Benchmarks for DESIGN.md "Performance": `.venv/bin/python benchmarks/bench.py [--quick] [--only ROW[,ROW]]`.

The code is the ``referral_bench`` package beside this file; see benchmarks/README.md.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from referral_bench.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
