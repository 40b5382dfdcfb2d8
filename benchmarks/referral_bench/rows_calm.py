"""Rows: "Calm at 80x24", the bytes the board writes over TERM=linux at 80x24 (and with NO_COLOR=1).

One session per variant on the 1,000 file: the bytes read from the pty master from the start
until the board is painted and no output has arrived for 1 s (the complete refresh that
follows the first paint included), then j and k in turn, each j counted from the key until
no output for ``BYTES_QUIET``. There is no target yet: these are the baseline.
"""

from __future__ import annotations

from .common import APP_CMD, BYTES_QUIET, MARKER_TIMEOUT, MOVE_BYTES_QUIET, fmt_bytes, fmt_s, median
from .context import Context
from .markers import board_marker, cursor_on
from .rows_keys import Key, Pressed, press
from .terminal import PtyApp

CALM_COLS, CALM_ROWS = 80, 24
VARIANTS = {"TERM=linux": {"TERM": "linux"}, "TERM=linux NO_COLOR=1": {"TERM": "linux", "NO_COLOR": "1"}}


def run(ctx: Context) -> None:
    data = ctx.dataset("1000")
    first, second = data.names["research"]
    down, up = Key(b"j", cursor_on(0, second), f"the cursor on {second}"), Key(b"k", cursor_on(0, first), first)
    label = f"{data.label} at {CALM_COLS}x{CALM_ROWS}"
    cells = CALM_COLS * CALM_ROWS
    for variant, extra in VARIANTS.items():
        app = PtyApp([APP_CMD, "--db", str(data.path)], {**ctx.env, **extra}, CALM_COLS, CALM_ROWS)
        painted = app.wait_for(board_marker(data), MARKER_TIMEOUT)
        if painted is None:
            ctx.add(f"First screen bytes, {variant}", label, "not painted", "", "(no target)", "FAILED")
            ctx.note(f"80x24 {variant}: the board never painted. The screen showed:\n{app.tail()}")
            app.quit()
            continue
        quiet = app.settle(MOVE_BYTES_QUIET, 15.0)
        screen = app.received
        spread = f"board painted at {fmt_s(painted - app.start)}, then {MOVE_BYTES_QUIET:.0f} s quiet"
        if not quiet:
            spread += "; the output never went quiet"
        ctx.add(
            f"First screen bytes, {variant}",
            label,
            fmt_bytes(screen),
            spread,
            "(no target)",
            f"{screen / cells:.1f} B per cell",
        )
        sizes: list[int] = []
        for _ in range(ctx.settings.calm_samples):
            done = press(app, down, BYTES_QUIET)
            back = press(app, up, BYTES_QUIET) if isinstance(done, Pressed) else done
            if isinstance(back, str):
                ctx.note(f"80x24 {variant}: {back}; the screen showed:\n{app.tail()}")
                break
            if isinstance(done, Pressed) and done.quiet:
                sizes.append(done.size)
        app.quit()
        ctx.say(f"80x24 {variant}: first screen {screen} B, j {sizes}")
        if sizes:
            med = median([float(s) for s in sizes])
            spread = f"{fmt_bytes(min(sizes))}–{fmt_bytes(max(sizes))} (n={len(sizes)})"
            ctx.add(
                f"Bytes written per j, {variant}",
                label,
                fmt_bytes(med),
                spread,
                "(no target)",
                f"{med / cells:.2f} B per cell",
            )
        else:
            ctx.add(f"Bytes written per j, {variant}", label, "not counted", "n=0", "(no target)", "FAILED")
