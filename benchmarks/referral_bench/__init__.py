"""referral-tui's benchmarks for DESIGN.md "Performance" (see benchmarks/README.md).

Modules: ``common`` (constants, settings, formatting), ``terminal`` (the pty runner on pyte),
``datasets`` (data files and Connections.csv), ``markers`` (what on screen ends a sample),
``context`` (what one run shares), the rows (``rows_save``, ``rows_paint``, ``rows_keys``,
``rows_calm``, ``rows_import``, ``rows_network``), ``report`` (header and table) and ``cli``.
"""
