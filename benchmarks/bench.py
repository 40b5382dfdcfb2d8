"""Benchmarks for DESIGN.md "Performance": run `.venv/bin/python benchmarks/bench.py [--quick]`.

Prints one markdown table (measure | size | median | p90 or range | target | ratio/verdict)
with the command, date and machine above it. Everything it writes lives in one
tempfile.mkdtemp() folder; HOME and the XDG folders of the app under test point there too.

Rows:
1. Saving one change: Repository.move of one contact, alternating between two phases,
   at 1,000 and 10,000 referrers (in process, wall clock around the call).
2. Time to first painted board: the installed `referral-tui --db FILE` in a real pty
   (120x40, TERM=xterm-256color), fed to a small terminal emulator, until the screen shows
   the Research column title with its count and the first Research referrer's name; beside
   a bare Textual app measured the same way, interleaved in the same run.
3. Key press to repainted screen: in the 10,000 board, "L" then "H" (move the focused card
   to the next phase and back), timed until the screen shows the new Research count.
4. Peak memory: VmHWM of the app process at 10,000, read just before "q".
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import fcntl
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
APP_CMD = str(VENV_BIN / "referral-tui")
TODAY = date(2026, 3, 9)
COLS, ROWS = 120, 40
MARKER_TIMEOUT = 30.0
KEY_TIMEOUT = 10.0
EXIT_TIMEOUT = 10.0

FIRST = ["Ada", "Grace", "Alan", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia", "Guido"]
LAST = ["Park", "Shah", "Nguyen", "Okafor", "Silva", "Kim", "Novak", "Haddad", "Moreau", "Ito", "Larsen", "Costa"]
TITLES = ["Staff Engineer", "Engineering Manager", "Recruiter", "Product Manager", "SRE", "Data Scientist", ""]
TAGS = [["alumni"], ["event"], ["content", "warm"], [], ["alumni", "sf"], []]


# -- small helpers ------------------------------------------------------------------------


def ms(seconds: float) -> float:
    return seconds * 1000.0


def p90(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def fmt_ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


class Screen:
    """A minimal VT100/xterm screen: enough of the protocol to know what Textual drew.

    Cursor addressing and movement, erase, deferred autowrap, scrolling at the bottom,
    wide characters, save/restore cursor and the alternate screen; colours, modes, OSC,
    DCS and APC strings are parsed and ignored. Bytes are fed as they arrive, so escape
    sequences and UTF-8 characters split across reads are carried over.
    """

    TOKEN = re.compile(
        r"\x1b\[([0-?]*)([ -/]*)([@-~])"  # CSI
        r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
        r"|\x1b[PX^_].*?\x1b\\"  # DCS, SOS, PM, APC
        r"|\x1b[()*+#%].?"  # charset designation and friends
        r"|\x1b(.)"  # two-byte escapes (7, 8, c, =, >, M, D, E ...)
        r"|([\x00-\x1f\x7f])"  # C0 controls
        r"|([^\x00-\x1f\x7f\x1b]+)",  # printable text
        re.DOTALL,
    )
    # An escape that may still be incomplete at the end of what has arrived.
    PARTIAL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[PX^_].*|[()*+#%])?\Z", re.DOTALL)

    def __init__(self, rows: int, cols: int) -> None:
        self.rows, self.cols = rows, cols
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""
        self.saved = (0, 0)
        self.reset()

    def reset(self) -> None:
        self.grid = [[" "] * self.cols for _ in range(self.rows)]
        self.y = self.x = 0
        self.wrap_next = False

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.grid)

    def dump(self) -> str:
        lines = self.text().splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines) or "(the screen is blank)"

    def feed(self, data: bytes) -> None:
        text = self.pending + self.decoder.decode(data)
        partial = self.PARTIAL.search(text)
        if partial:
            text, self.pending = text[: partial.start()], text[partial.start() :]
        else:
            self.pending = ""
        for m in self.TOKEN.finditer(text):
            if m.group(3):
                self._csi(m.group(1), m.group(2), m.group(3))
            elif m.group(6):
                self._print(m.group(6))
            elif m.group(5):
                self._control(m.group(5))
            elif m.group(4):
                self._escape(m.group(4))

    def _scroll_up(self) -> None:
        self.grid.pop(0)
        self.grid.append([" "] * self.cols)

    def _linefeed(self) -> None:
        if self.y == self.rows - 1:
            self._scroll_up()
        else:
            self.y += 1

    def _print(self, chars: str) -> None:
        for ch in chars:
            width = 2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
            if width == 0:
                continue
            if self.wrap_next or self.x + width > self.cols:
                self.x, self.wrap_next = 0, False
                self._linefeed()
            row = self.grid[self.y]
            row[self.x] = ch
            if width == 2 and self.x + 1 < self.cols:
                row[self.x + 1] = ""
            self.x += width
            if self.x >= self.cols:
                self.x, self.wrap_next = self.cols - 1, True

    def _control(self, ch: str) -> None:
        self.wrap_next = False if ch in "\r\n\b" else self.wrap_next
        if ch == "\r":
            self.x = 0
        elif ch in "\n\x0b\x0c":
            self._linefeed()
        elif ch == "\b":
            self.x = max(self.x - 1, 0)
        elif ch == "\t":
            self.x = min((self.x // 8 + 1) * 8, self.cols - 1)

    def _escape(self, ch: str) -> None:
        if ch == "7":
            self.saved = (self.y, self.x)
        elif ch == "8":
            self.y, self.x = self.saved
            self.wrap_next = False
        elif ch == "c":
            self.reset()
        elif ch in "DE":
            self._linefeed()
            if ch == "E":
                self.x = 0
        elif ch == "M":
            self.y = max(self.y - 1, 0)

    def _csi(self, params: str, inter: str, final: str) -> None:
        if inter:
            return
        private = params[:1] in ("?", ">", "<", "=")
        if private:
            if final in "hl" and any(p in params[1:].split(";") for p in ("1049", "47", "1047")):
                self.reset()  # entering or leaving the alternate screen
            return
        args = [int(a) if a.isdigit() else 0 for a in params.split(";")] if params else []

        def arg(i: int, default: int = 1) -> int:
            return args[i] if len(args) > i and args[i] else default

        self.wrap_next = False
        if final in "Hf":
            self.y = min(max(arg(0) - 1, 0), self.rows - 1)
            self.x = min(max(arg(1) - 1, 0), self.cols - 1)
        elif final == "A":
            self.y = max(self.y - arg(0), 0)
        elif final in "Be":
            self.y = min(self.y + arg(0), self.rows - 1)
        elif final in "Ca":
            self.x = min(self.x + arg(0), self.cols - 1)
        elif final == "D":
            self.x = max(self.x - arg(0), 0)
        elif final == "E":
            self.y, self.x = min(self.y + arg(0), self.rows - 1), 0
        elif final == "F":
            self.y, self.x = max(self.y - arg(0), 0), 0
        elif final in "G`":
            self.x = min(max(arg(0) - 1, 0), self.cols - 1)
        elif final == "d":
            self.y = min(max(arg(0) - 1, 0), self.rows - 1)
        elif final == "J":
            mode = arg(0, 0)
            if mode == 0:
                self.grid[self.y][self.x :] = [" "] * (self.cols - self.x)
                for r in range(self.y + 1, self.rows):
                    self.grid[r] = [" "] * self.cols
            elif mode == 1:
                for r in range(self.y):
                    self.grid[r] = [" "] * self.cols
                self.grid[self.y][: self.x + 1] = [" "] * (self.x + 1)
            else:
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            mode = arg(0, 0)
            row = self.grid[self.y]
            if mode == 0:
                row[self.x :] = [" "] * (self.cols - self.x)
            elif mode == 1:
                row[: self.x + 1] = [" "] * (self.x + 1)
            else:
                self.grid[self.y] = [" "] * self.cols
        elif final == "X":
            n = min(arg(0), self.cols - self.x)
            self.grid[self.y][self.x : self.x + n] = [" "] * n
        elif final == "P":
            row = self.grid[self.y]
            n = min(arg(0), self.cols - self.x)
            del row[self.x : self.x + n]
            row.extend([" "] * n)
        elif final == "@":
            row = self.grid[self.y]
            n = min(arg(0), self.cols - self.x)
            row[self.x : self.x] = [" "] * n
            del row[self.cols :]
        elif final == "S":
            for _ in range(arg(0)):
                self._scroll_up()
        elif final == "s":
            self.saved = (self.y, self.x)
        elif final == "u":
            self.y, self.x = self.saved


# -- data files ---------------------------------------------------------------------------


@dataclass
class Dataset:
    size: int
    path: Path
    counts: dict[str, int]  # phase value -> cards on the board
    first_research_name: str
    first_contact_id: int


def build_dataset(folder: Path, size: int) -> Dataset:
    """A data file with ``size`` referrers and a company per ~10, written in one change."""
    from referral_tui.domain.clock import FixedClock
    from referral_tui.domain.matrix import ScoreEntry
    from referral_tui.domain.records import PHASES, Company, Contact
    from referral_tui.store.repository import Repository

    path = folder / f"referrals-{size}.json"
    repo = Repository(path, FixedClock(TODAY))
    counts = {p.value: 0 for p in PHASES}
    first_research = ""
    first_id = 0
    with repo.change("bench"):
        companies = [repo.insert(Company(name=f"Company {i:04d}")).id for i in range(max(size // 10, 1))]
        for i in range(size):
            phase = PHASES[i % 4]
            scores = []
            if i % 3 == 0:
                day = TODAY - timedelta(days=i % 60)
                scores = [ScoreEntry(day - timedelta(days=14), 2, 3, 3, 2), ScoreEntry(day, 3, 4, 3, 3)]
            elif i % 3 == 1:
                scores = [ScoreEntry(TODAY - timedelta(days=i % 30), 2, 2, 3, 2)]
            name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i:05d}"
            contact = repo.insert(
                Contact(
                    name=name,
                    company_id=companies[i % len(companies)],
                    title=TITLES[i % len(TITLES)],
                    phase=phase,
                    tags=list(TAGS[i % len(TAGS)]),
                    scores=scores,
                )
            )
            counts[phase.value] += 1
            if phase.value == "research" and not first_research:
                first_research, first_id = name, contact.id
    return Dataset(size, repo.path, counts, first_research, first_id)


# -- measure 1: saving one change ---------------------------------------------------------


def bench_save(data: Dataset, samples: int) -> list[float]:
    """Repository.move of one contact, alternating Research <-> Relationship; seconds each."""
    from referral_tui.domain.clock import FixedClock
    from referral_tui.domain.records import Phase
    from referral_tui.store.repository import Repository

    # A copy, so the pty runs later see the file exactly as built.
    path = data.path.with_name(f"save-{data.size}.json")
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


# -- pty runner ---------------------------------------------------------------------------


def _set_ctty() -> None:
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    """One program on a pty slave; the master side is read continuously into ``screen``."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.received = 0  # bytes read so far
        self.screen = Screen(ROWS, COLS)
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=env["HOME"],
            start_new_session=True,
            preexec_fn=_set_ctty,
            close_fds=True,
        )
        os.close(slave)
        self.eof = False

    def pump(self, timeout: float) -> bool:
        """Read whatever arrives within ``timeout``; False once the slave side is closed."""
        if self.eof:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError as exc:
            if exc.errno == errno.EIO:
                self.eof = True
                return False
            raise
        if not chunk:
            self.eof = True
            return False
        self.received += len(chunk)
        self.screen.feed(chunk)
        return True

    def wait_for(self, found: Callable[[str], bool], timeout: float) -> float | None:
        """perf_counter() when the screen's text first satisfies ``found``; None on timeout or exit."""
        deadline = time.perf_counter() + timeout
        checked = self.received
        if found(self.screen.text()):
            return time.perf_counter()
        while time.perf_counter() < deadline:
            if not self.pump(min(0.05, max(deadline - time.perf_counter(), 0))):
                return None  # the program closed the terminal (exited) before the marker
            if self.received != checked:
                checked = self.received
                if found(self.screen.text()):
                    return time.perf_counter()
        return None

    def settle(self, quiet: float = 0.15, limit: float = 3.0) -> None:
        """Read until no output arrives for ``quiet`` seconds."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            before = self.received
            deadline = time.perf_counter() + quiet
            while time.perf_counter() < deadline:
                if not self.pump(deadline - time.perf_counter()):
                    return
            if self.received == before:
                return

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def vm_hwm_kb(self) -> int | None:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def tail(self) -> str:
        """What the screen shows now (or, if the program exited, its last words)."""
        shown = self.screen.dump()
        return shown

    def quit(self) -> int | None:
        """Send q, wait for exit while draining output; escalate to SIGTERM/SIGKILL."""
        with contextlib.suppress(OSError):
            os.write(self.master, b"q")
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None and self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, sig)
            deadline = time.perf_counter() + (EXIT_TIMEOUT if sig is None else 3.0)
            while time.perf_counter() < deadline and self.proc.poll() is None:
                self.pump(0.05)
            if self.proc.poll() is not None:
                break
        code = self.proc.poll()
        os.close(self.master)
        return code


# -- measure 2, 3, 4 --------------------------------------------------------------------------


@dataclass
class PaintResult:
    times: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    hwm_kb: list[int] = field(default_factory=list)


BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static


    class Bare(App):
        def compose(self):
            yield Static("bare ready")


    if __name__ == "__main__":
        Bare().run()
    """
)


def child_env(base: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "REFERRAL_TUI", "TMUX"))}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    # Bytecode is cached as for an installed user (the warm-up run writes it), but under the
    # temp folder, so the benchmark never writes __pycache__ into the project or the venv.
    home, data, config = base / "home", base / "xdg-data", base / "xdg-config"
    for folder in (home, data, config):
        folder.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(data),
        XDG_CONFIG_HOME=str(config),
        XDG_CACHE_HOME=str(base / "xdg-cache"),
        PYTHONPYCACHEPREFIX=str(base / "pycache"),
        TERM="xterm-256color",
        REFERRAL_TUI_TODAY=TODAY.isoformat(),
    )
    return env


NAME_PREFIX = 8  # cards truncate names to the column width ("Ada Park 0…"); this much always shows


def board_marker(data: Dataset) -> Callable[[str], bool]:
    """The board is painted: the Research title with its count and the first Research card."""
    title = f"Research ({data.counts['research']})"
    name = data.first_research_name[:NAME_PREFIX]
    return lambda text: title in text and name in text


def first_paint(argv: list[str], env: dict[str, str], found: Callable[[str], bool], result: PaintResult) -> None:
    app = PtyApp(argv, env)
    at = app.wait_for(found, MARKER_TIMEOUT)
    if at is None:
        result.failures.append(app.tail())
    else:
        result.times.append(at - app.start)
        app.settle(0.1, 2.0)
        hwm = app.vm_hwm_kb()
        if hwm:
            result.hwm_kb.append(hwm)
    app.quit()


@dataclass
class KeyResult:
    times: list[float] = field(default_factory=list)
    failure: str = ""
    hwm_kb: int | None = None
    exit_code: int | None = None


def key_to_repaint(data: Dataset, env: dict[str, str], samples: int) -> KeyResult:
    """In the board, alternate L and H on the first Research card; time key -> new count drawn."""
    result = KeyResult()
    app = PtyApp([APP_CMD, "--db", str(data.path)], env)
    if app.wait_for(board_marker(data), MARKER_TIMEOUT) is None:
        result.failure = "board never painted:\n" + app.tail()
        result.exit_code = app.quit()
        return result
    app.settle(0.3, 5.0)
    # The Research title is the signal: it fits its column, while "Relationship (2501)" may
    # wrap onto two rows when the follow-up sidebar narrows the columns.
    res = data.counts["research"]
    for i in range(samples):
        key, expect = (b"L", f"Research ({res - 1})") if i % 2 == 0 else (b"H", f"Research ({res})")
        app.send(key)
        sent = time.perf_counter()
        at = app.wait_for(lambda text, e=expect: e in text, KEY_TIMEOUT)
        if at is None:
            result.failure = f"no repaint showing {expect} within {KEY_TIMEOUT:.0f} s after {key.decode()!r}; "
            result.failure += "the screen showed:\n" + app.tail()
            break
        result.times.append(at - sent)
        app.settle(0.1, 3.0)  # let the frame finish before the next key
    result.hwm_kb = app.vm_hwm_kb()
    result.exit_code = app.quit()
    return result


# -- the table ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "**MISS**"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run); same rows")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (prints its path)")
    args = parser.parse_args()

    save_samples = 8 if args.quick else 30
    paint_runs = 2 if args.quick else 5
    key_samples = 6 if args.quick else 20

    import textual

    load_before = os.getloadavg()[0]
    base = Path(tempfile.mkdtemp(prefix="referral-bench-"))
    env = child_env(base)
    # The in-process Repository work (measure 1, data files) must not see the real home either.
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = env[name]
    log = sys.stderr
    notes: list[str] = []
    rows: list[tuple[str, str, str, str, str, str]] = []
    try:
        started = time.perf_counter()
        datasets: dict[int, Dataset] = {}
        for size in (100, 1_000, 10_000):
            t0 = time.perf_counter()
            datasets[size] = build_dataset(base, size)
            print(
                f"built {size:>6} referrers in {time.perf_counter() - t0:.1f} s "
                f"({datasets[size].path.stat().st_size / 1e6:.1f} MB)",
                file=log,
            )

        # 1. saving one change
        for size in (1_000, 10_000):
            times = [ms(t) for t in bench_save(datasets[size], save_samples)]
            med = statistics.median(times)
            rows.append(
                (
                    "Save one change (Repository.move)",
                    f"{size:,}",
                    fmt_ms(med),
                    f"p90 {fmt_ms(p90(times))} (max {fmt_ms(max(times))}, n={len(times)})",
                    "< 50 ms",
                    f"{verdict(med < 50)} ({med / 50:.2f}x of budget)",
                )
            )
            print(f"save {size}: {[f'{t:.1f}' for t in times]}", file=log)

        # 2. first painted board, interleaved with the bare app
        bare_script = base / "bare_app.py"
        bare_script.write_text(BARE_APP)
        bare = PaintResult()
        boards = {size: PaintResult() for size in datasets}
        # Warm-up, not timed: writes the bytecode cache and warms the page cache for both apps.
        first_paint([sys.executable, str(bare_script)], env, lambda t: "bare ready" in t, PaintResult())
        first_paint([APP_CMD, "--db", str(datasets[100].path)], env, board_marker(datasets[100]), PaintResult())
        for run in range(paint_runs):
            first_paint([sys.executable, str(bare_script)], env, lambda t: "bare ready" in t, bare)
            for size, data in datasets.items():
                first_paint([APP_CMD, "--db", str(data.path)], env, board_marker(data), boards[size])
            print(
                f"paint run {run + 1}/{paint_runs}: bare {bare.times[-1:]}, "
                + ", ".join(f"{s}: {r.times[-1:]}" for s, r in boards.items()),
                file=log,
            )
        bare_med = statistics.median(bare.times) if bare.times else None
        if bare_med is None:
            rows.append(("First painted board: bare Textual app", "1 line", "not reached", "", "baseline", "FAILED"))
            notes.append("Bare app never showed 'bare ready'. Screen tail:\n" + (bare.failures or ["?"])[0])
        else:
            rows.append(
                (
                    "First paint: bare Textual app (baseline)",
                    "1 line",
                    fmt_s(bare_med),
                    f"{fmt_s(min(bare.times))}–{fmt_s(max(bare.times))} (n={len(bare.times)})",
                    "baseline",
                    "1.00x",
                )
            )
        limits = {100: None, 1_000: 1.3, 10_000: 2.0}
        for size, res in boards.items():
            limit = limits[size]
            target = f"≤ {limit}x bare" if limit else "(no target)"
            if not res.times:
                rows.append(
                    (
                        "First painted board",
                        f"{size:,}",
                        f"marker not reached in {MARKER_TIMEOUT:.0f} s",
                        f"0/{paint_runs} runs",
                        target,
                        "FAILED",
                    )
                )
                notes.append(f"Board at {size:,}: marker never seen. The screen showed:\n{res.failures[0]}")
                continue
            med = statistics.median(res.times)
            ratio = med / bare_med if bare_med else None
            if ratio is None:
                judged = "no baseline"
            elif limit is None:
                judged = f"{ratio:.2f}x bare"
            else:
                judged = f"{ratio:.2f}x bare, {verdict(ratio <= limit)}"
            spread = f"{fmt_s(min(res.times))}–{fmt_s(max(res.times))} (n={len(res.times)})"
            if res.failures:
                spread += f", {len(res.failures)} run(s) missed the marker"
                notes.append(f"Board at {size:,}: a run missed the marker. The screen showed:\n{res.failures[0]}")
            rows.append(("First painted board", f"{size:,}", fmt_s(med), spread, target, judged))

        # 3 + 4. key press to repaint, peak memory, in one session on the 10k file
        size = 10_000
        keys = key_to_repaint(datasets[size], env, key_samples)
        if keys.times:
            times = [ms(t) for t in keys.times]
            med = statistics.median(times)
            spread = f"p90 {fmt_ms(p90(times))} (max {fmt_ms(max(times))}, n={len(times)})"
            if keys.failure:
                spread += ", stopped early"
            rows.append(
                (
                    "Key to repaint: move card (L/H)",
                    f"{size:,}",
                    fmt_ms(med),
                    spread,
                    "median < 50 ms",
                    verdict(med < 50),
                )
            )
            print(f"keys {size}: {[f'{t:.1f}' for t in times]}", file=log)
        else:
            rows.append(
                ("Key to repaint: move card (L/H)", f"{size:,}", "not reached", "n=0", "median < 50 ms", "FAILED")
            )
        if keys.failure:
            notes.append(f"Key to repaint at {size:,}: {keys.failure}")
        hwm = keys.hwm_kb or (max(boards[size].hwm_kb) if boards[size].hwm_kb else None)
        if hwm:
            mb = hwm / 1024
            bare_hwm = f"; bare app {max(bare.hwm_kb) / 1024:.0f} MB" if bare.hwm_kb else ""
            rows.append(
                (
                    "Peak memory (VmHWM of the app)",
                    f"{size:,}",
                    f"{mb:.0f} MB",
                    f"after {len(keys.times)} moves{bare_hwm}",
                    "< 200 MB",
                    f"{verdict(mb < 200)} ({mb / 200:.2f}x of budget)",
                )
            )
        else:
            rows.append(("Peak memory (VmHWM of the app)", f"{size:,}", "not read", "", "< 200 MB", "FAILED"))
        if keys.exit_code not in (0, None):
            notes.append(f"The 10,000 session exited with code {keys.exit_code} after q.")
        total = time.perf_counter() - started
    finally:
        if args.keep:
            print(f"kept {base}", file=log)
        else:
            shutil.rmtree(base, ignore_errors=True)

    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 0
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "referral_tui"], capture_output=True, text=True
        ).stdout.strip()
        tree = f"{rev or '?'}" + (" + uncommitted changes in referral_tui/" if dirty else "")
    except OSError:
        tree = "?"
    command = ".venv/bin/python benchmarks/bench.py" + (" --quick" if args.quick else "")
    print(f"Command: `{command}`  ")
    print(f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}  ")
    print(
        f"Machine: nproc {cpus}, {platform.machine()}, Linux {platform.release()}, "
        f"Python {platform.python_version()}, Textual {textual.__version__}  "
    )
    print(f"Tree: {tree}  ")
    print(
        f"Load average (1 min): {load_before:.2f} at start, {os.getloadavg()[0]:.2f} at end"
        + (" — the machine was busy, expect noise  " if max(load_before, os.getloadavg()[0]) > cpus / 2 else "  ")
    )
    print(f"Terminal: pty {COLS}x{ROWS}, TERM=xterm-256color, REFERRAL_TUI_TODAY={TODAY}; total run {total:.0f} s")
    print()
    print("| measure | size | median | p90 or range | target | ratio/verdict |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for note in notes:
        print()
        print(note.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
