"""`python -m referral_bench` (from benchmarks/) runs the same as benchmarks/bench.py."""

import sys

from .cli import main

sys.exit(main())
