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
   to the next phase and back), timed until the screen shows the new Research count; beside
   a bare Textual app of a board-sized layout where L and H change one column title, timed
   the same way just before it.
4. Peak memory: VmHWM of the app process at 10,000, read just before "q".
5. Importing LinkedIn's Connections.csv: a generated 10,000-row file, imported by the installed
   `referral-tui --db FILE import linkedin CSV` into a new data file; wall time and the
   child's peak RSS (os.wait4).
6. Opening the network screen: in the pty, on the 1,000-referrer board plus those 10,000
   imported connections, "n" timed until the screen shows the network status line and the
   first row, then escape back to the board.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import errno
import fcntl
import os
import platform
import random
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
from urllib.parse import quote

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


def fmt_sec(seconds: float) -> str:
    return f"{seconds:.2f} s"


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


# Baseline for the key row: a board-sized layout (4 scrolling columns of 10 three-line cards
# under a title, and a Footer) where L and H only change the text of the first column's title,
# so what is timed is Textual's own key-to-repaint path for a small change.
BARE_KEY_TITLE = "Research"
BARE_KEY_COUNT = 2500
BARE_KEY_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Footer, Static

    TITLES = ["Research", "Relationship", "Timing", "Ask"]
    COUNT = 2500


    class BareKeys(App):
        CSS = '''
        Horizontal { height: 1fr; }
        VerticalScroll { width: 1fr; border: round $primary; }
        .title { text-style: bold; }
        .card { height: 3; margin-bottom: 1; }
        '''
        BINDINGS = [
            Binding("shift+right,L", "move(-1)", "Move on"),
            Binding("shift+left,H", "move(1)", "Move back"),
            Binding("q", "quit", "Quit"),
        ]
        count = COUNT

        def compose(self):
            with Horizontal():
                for c, title in enumerate(TITLES):
                    with VerticalScroll():
                        yield Static(f"{title} ({COUNT})", id=f"title{c}", classes="title")
                        for i in range(10):
                            yield Static(
                                f"Card {c}-{i} Ada Park\\nStaff Engineer at Company {i:04d}\\nscore 3.2, alumni",
                                classes="card",
                            )
            yield Footer()

        def action_move(self, delta):
            self.count += delta
            self.query_one("#title0", Static).update(f"{TITLES[0]} ({self.count})")


    if __name__ == "__main__":
        BareKeys().run()
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
    # The Research title is the signal: it fits its column, while "Relationship (2501)" may
    # wrap onto two rows when the follow-up sidebar narrows the columns.
    res = data.counts["research"]
    return key_session(
        [APP_CMD, "--db", str(data.path)],
        env,
        board_marker(data),
        "board",
        (f"Research ({res - 1})", f"Research ({res})"),
        samples,
    )


def bare_key_marker(text: str) -> bool:
    """The bare key app is painted: its first title and a card of its last column."""
    return f"{BARE_KEY_TITLE} ({BARE_KEY_COUNT})" in text and "Card 3-0" in text


def bare_key_to_repaint(script: Path, env: dict[str, str], samples: int) -> KeyResult:
    """The same L/H loop on the bare key app; time key -> new title text drawn."""
    return key_session(
        [sys.executable, str(script)],
        env,
        bare_key_marker,
        "bare key app",
        (f"{BARE_KEY_TITLE} ({BARE_KEY_COUNT - 1})", f"{BARE_KEY_TITLE} ({BARE_KEY_COUNT})"),
        samples,
    )


def key_session(
    argv: list[str],
    env: dict[str, str],
    ready: Callable[[str], bool],
    what: str,
    expects: tuple[str, str],
    samples: int,
) -> KeyResult:
    """Alternate L and H; each sample runs from writing the key until the screen shows
    ``expects[0]`` (after L) or ``expects[1]`` (after H), with a quiet period before each key."""
    result = KeyResult()
    app = PtyApp(argv, env)
    if app.wait_for(ready, MARKER_TIMEOUT) is None:
        result.failure = f"{what} never painted:\n" + app.tail()
        result.exit_code = app.quit()
        return result
    app.settle(0.3, 5.0)
    for i in range(samples):
        key, expect = (b"L", expects[0]) if i % 2 == 0 else (b"H", expects[1])
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


# -- measure 5: importing LinkedIn's Connections.csv --------------------------------------

# fmt: off
LI_FIRST = [
    "James", "Maria", "Wei", "Priya", "Ahmed", "Sofia", "Lukas", "Aisha", "Carlos", "Yuki", "Olga", "Kwame", "Emma",
    "Noah", "Fatima", "Diego", "Hannah", "Arjun", "Chloe", "Mateo", "Ingrid", "Tariq", "Grace", "Ivan", "Leila",
    "Tom", "Ana", "Kenji", "Zoë", "José", "Søren", "Łukasz", "François", "Nnamdi", "Mei", "Rahul", "Sara", "Omar",
    "Elif", "Jonas", "Camille", "Ravi", "Nina", "Pedro", "Aiko", "Samuel", "Lina", "Marco", "Ines", "Daniel",
    "Ayesha", "Felix", "Rosa", "Chen", "Bongani", "Julia", "Hugo", "Tanvir",
]
LI_LAST = [
    "Smith", "Garcia", "Chen", "Patel", "Müller", "Rossi", "Kowalski", "Nakamura", "Okafor", "Silva", "Johansson",
    "Haddad", "Kim", "Nguyen", "O'Brien", "van der Berg", "Dubois", "Ivanova", "Mensah", "Fernández", "Singh",
    "Cohen", "Yilmaz", "Andersen", "Lopez", "Wang", "Brown", "Schmidt", "Tanaka", "Costa", "Novak", "Ali", "Martin",
    "Kaur", "Jensen", "Moreau", "Park", "Hughes", "Sato", "Adeyemi", "Weber", "Popescu", "Lindqvist", "Reyes",
    "Khan", "Murphy", "Takahashi", "Santos", "Fischer", "Gupta", "Nowak", "Bianchi", "Osei", "Larsen", "Hoffmann",
    "Zhang", "Ortiz", "Das",
]
LI_TITLES = [
    "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "Recruiter",
    "Technical Recruiter", "Product Manager", "Senior Product Manager", "Data Scientist", "SRE",
    "Director of Engineering", "VP, Engineering", "CTO & Co-founder", "Founder 🚀", "Designer", "UX Researcher",
    "Sales Director, EMEA", 'Head of "Moonshots"', "Talent Partner | Hiring in Berlin", "Principal Engineer",
    "Student", "Consultant", "Data Engineer", "Backend Developer", "Frontend Developer", "Engineering Lead 👩‍💻",
    "Customer Success Manager", "Marketing Manager", "Account Executive", "Security Engineer", "QA Engineer",
    "Mobile Developer", "Machine Learning Engineer", "Analyst", "Operations Manager", "People Partner",
    "Solutions Architect", "Developer Advocate", "Open to work", "",
]
LI_BIG = [
    "Google", "Microsoft", "Amazon", "Meta", "Apple", "Accenture", "IBM", "Deloitte", "SAP", "Salesforce", "Stripe",
    "Shopify", "Spotify", "Zalando", "Booking.com", "Atlassian", "Netflix", "Uber", "Airbnb", "Oracle", "Intel",
    "Siemens", "Capgemini", "Infosys", "Tata Consultancy Services", "Cisco", "Freelance", "Self-employed",
    "Stealth Startup",
]
LI_WORDS = [
    "Blue", "North", "Bright", "Quantum", "Cedar", "Silver", "Open", "Red", "Granite", "Nimbus", "Harbor", "Lumen",
    "Vertex", "Atlas", "Orbit", "Pine", "Signal", "Delta", "Echo", "Maple", "Nova", "Tidal", "Iron", "Polar",
    "Summit", "Coral", "Ember", "Prism", "Falcon", "Willow",
]
LI_KINDS = [
    "Labs", "Systems", "Health", "Analytics", "Robotics", "Software", "Capital", "Energy", "Logistics", "Studio",
    "Networks", "Bio", "Cloud", "Payments", "Security", "Media", "Foods", "Mobility", "AI", "Data", "Games",
    "Learning", "Insurance", "Partners", "Works", "Dynamics", "Digital",
]
# fmt: on
LI_SUFFIX = ["", "", "", ", Inc.", " GmbH", " Ltd", ", LLC", " AG", " B.V.", " & Co."]
LI_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more about this setting here https://www.linkedin.com/help/linkedin/answer/261",,,,,,\r\n'
    "\r\n"
)
LI_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def li_companies(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct employer names: big names first, then made-up ones, some with commas or quotes."""
    names = list(LI_BIG)
    made = [f"{w} {k}" for w in LI_WORDS for k in LI_KINDS]
    rng.shuffle(made)
    for i, base in enumerate(made):
        if len(names) >= count:
            break
        name = base + LI_SUFFIX[i % len(LI_SUFFIX)]
        if i % 97 == 5:
            name = f'{base} "{LI_WORDS[i % len(LI_WORDS)]}"'  # doubled quotes in the CSV
        elif i % 89 == 7:
            name = f"{base} ✨"
        names.append(name)
    return names[:count]


def write_connections_csv(path: Path, rows: int, companies: int = 800, seed: int = 8) -> None:
    """A Connections.csv as LinkedIn exports it: BOM, CRLF, the Notes preamble padded with commas,
    newest connections first, mostly empty emails, quoted commas and quotes, emoji, accents,
    percent-encoded profile URLs, a few trailing spaces. Every row is a distinct person (no two
    share a profile URL, nor a name at the same employer), so an import adds ``rows`` contacts."""
    rng = random.Random(seed)
    employers = li_companies(companies, rng)
    # Every employer once, the rest skewed (a few big employers hold most connections); ~3% none.
    weights = [1 / (k + 1) ** 0.9 for k in range(len(employers))]
    picks = list(employers) + rng.choices(employers, weights=weights, k=max(rows - len(employers), 0))
    rng.shuffle(picks)
    first_day, last_day = date(2009, 3, 1), TODAY - timedelta(days=1)
    span = (last_day - first_day).days
    seen: set[tuple[str, str]] = set()
    out: list[tuple[date, list[str]]] = []
    for i in range(rows):
        company = "" if rng.random() < 0.03 else picks[i]
        while True:
            base_first, last = rng.choice(LI_FIRST), rng.choice(LI_LAST)
            first = base_first
            if rng.random() < 0.01:
                first += rng.choice([" 🌻", " 🚀", " 🌈"])
            if rng.random() < 0.05:
                first += f" {chr(65 + rng.randrange(26))}."
            key = (f"{first} {last}".casefold(), company.casefold())
            if key not in seen:
                seen.add(key)
                break
        words = f"{base_first} {last}".replace("'", "").casefold().split()
        slug = quote("-".join(words), safe="-")  # accents come percent-encoded
        url = f"https://www.linkedin.com/in/{slug}-{(i * 2654435761) % 2**32:08x}"
        plain = unicodedata.normalize("NFKD", ".".join(words)).encode("ascii", "ignore").decode()
        email = f"{plain}{i}@example.com" if rng.random() < 0.07 else ""
        title = rng.choice(LI_TITLES)
        if rng.random() < 0.02:
            last += " "  # trailing spaces occur in real exports
        day = first_day + timedelta(days=rng.randrange(span))
        out.append((day, [first, last, url, email, company, title, f"{day.day:02d} {day:%b %Y}"]))
    out.sort(key=lambda item: item[0], reverse=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write(LI_PREAMBLE)
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(LI_HEADER)
        writer.writerows(cells for _, cells in out)


@dataclass
class ImportRun:
    seconds: float
    max_rss_kb: int
    exit_code: int
    output: str


def run_import(db: Path, csv_path: Path, env: dict[str, str], log_path: Path) -> ImportRun:
    """The installed command, as a user runs it; wall clock from Popen to exit, peak RSS from wait4."""
    with log_path.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [APP_CMD, "--db", str(db), "import", "linkedin", str(csv_path)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=env["HOME"],
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
    return ImportRun(seconds, usage.ru_maxrss, proc.returncode, log_path.read_text(errors="replace"))


# -- measure 6: opening the network screen ------------------------------------------------


@dataclass
class NetworkResult:
    open_times: list[float] = field(default_factory=list)
    back_times: list[float] = field(default_factory=list)
    failure: str = ""
    hwm_kb: int | None = None
    exit_code: int | None = None


def network_marker(db: Path) -> tuple[Callable[[str], bool], str]:
    """The network screen is painted: its status line with the total, and the first row's name
    (the table opens sorted by name). Also returns the status text looked for."""
    from referral_tui.domain.clock import FixedClock
    from referral_tui.store.repository import Repository

    contacts = Repository(db, FixedClock(TODAY)).contacts()
    status = f"of {len(contacts)} contacts"
    first = min((c.name for c in contacts), key=str.casefold, default="")[:NAME_PREFIX]
    if not (first.isascii() and first.isprintable()):
        first = ""  # wide or combining characters: rely on the status line alone
    return (lambda text: status in text and first in text), status


def open_network(data: Dataset, env: dict[str, str], samples: int) -> NetworkResult:
    """On the board, "n" until the network screen shows its status and first row; escape until
    the board is back. One session, ``samples`` round trips."""
    result = NetworkResult()
    shown, status = network_marker(data.path)
    board = board_marker(data)
    app = PtyApp([APP_CMD, "--db", str(data.path)], env)
    if app.wait_for(board, MARKER_TIMEOUT) is None:
        result.failure = "board never painted:\n" + app.tail()
        result.exit_code = app.quit()
        return result
    app.settle(0.5, 5.0)
    for _ in range(samples):
        app.send(b"n")
        sent = time.perf_counter()
        at = app.wait_for(shown, KEY_TIMEOUT)
        if at is None:
            result.failure = f"the network screen ('{status}') did not show within {KEY_TIMEOUT:.0f} s after 'n'; "
            result.failure += "the screen showed:\n" + app.tail()
            break
        result.open_times.append(at - sent)
        app.settle(0.1, 3.0)
        app.send(b"\x1b")
        sent = time.perf_counter()
        at = app.wait_for(board, KEY_TIMEOUT)
        if at is None:
            result.failure = f"the board did not come back within {KEY_TIMEOUT:.0f} s after escape; "
            result.failure += "the screen showed:\n" + app.tail()
            break
        result.back_times.append(at - sent)
        app.settle(0.5, 5.0)  # the board refreshes after the network screen closes; let it finish
    result.hwm_kb = app.vm_hwm_kb()
    result.exit_code = app.quit()
    return result


# -- the table ----------------------------------------------------------------------------


def source_state() -> tuple[str, tuple[tuple[str, int], ...]]:
    """The checked-out commit and the mtimes of the package's files, to notice edits during a run."""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    except OSError:
        commit = "?"
    files = sorted((ROOT / "referral_tui").rglob("*"))
    return commit, tuple((str(f), f.stat().st_mtime_ns) for f in files if f.is_file() and "__pycache__" not in f.parts)


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
    import_runs = 1 if args.quick else 3
    network_samples = 2 if args.quick else 5
    csv_rows = 10_000

    import textual

    load_before = os.getloadavg()[0]
    tree_before = source_state()
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

        # 3 + 4. key press to repaint, peak memory, in one session on the 10k file; just before
        # it, the same loop on the bare key app as its baseline
        size = 10_000
        bare_key_script = base / "bare_key_app.py"
        bare_key_script.write_text(BARE_KEY_APP)
        bare_key_to_repaint(bare_key_script, env, 2)  # warm-up, not timed: writes the bytecode cache
        bare_keys = bare_key_to_repaint(bare_key_script, env, key_samples)
        bare_key_med = None
        if bare_keys.times:
            times = [ms(t) for t in bare_keys.times]
            bare_key_med = statistics.median(times)
            spread = f"p90 {fmt_ms(p90(times))} (max {fmt_ms(max(times))}, n={len(times)})"
            if bare_keys.failure:
                spread += ", stopped early"
            rows.append(
                ("Key to repaint: bare Textual app", "4x10 cards", fmt_ms(bare_key_med), spread, "baseline", "1.00x")
            )
            print(f"bare keys: {[f'{t:.1f}' for t in times]}", file=log)
        else:
            rows.append(("Key to repaint: bare Textual app", "4x10 cards", "not reached", "n=0", "baseline", "FAILED"))
        if bare_keys.failure:
            notes.append(f"Key to repaint, bare app: {bare_keys.failure}")
        keys = key_to_repaint(datasets[size], env, key_samples)
        if keys.times:
            times = [ms(t) for t in keys.times]
            med = statistics.median(times)
            spread = f"p90 {fmt_ms(p90(times))} (max {fmt_ms(max(times))}, n={len(times)})"
            if keys.failure:
                spread += ", stopped early"
            judged = verdict(med < 50)
            if bare_key_med:
                judged += f", {med / bare_key_med:.1f}x bare key"
            rows.append(
                (
                    "Key to repaint: move card (L/H)",
                    f"{size:,}",
                    fmt_ms(med),
                    spread,
                    "median < 50 ms",
                    judged,
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

        # 5. importing LinkedIn's Connections.csv with the installed command
        csv_path = base / "Connections.csv"
        t0 = time.perf_counter()
        write_connections_csv(csv_path, csv_rows)
        print(
            f"wrote Connections.csv, {csv_rows} rows ({csv_path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - t0:.1f} s",
            file=log,
        )
        # Untimed warm-up (bytecode cache for the import modules), which also makes the data
        # file for measure 6: the 1,000-referrer board plus the 10,000 imported connections.
        small = datasets[1_000]
        network_path = base / "network-1000-plus-10000.json"
        shutil.copyfile(small.path, network_path)
        warm = run_import(network_path, csv_path, env, base / "import-warmup.log")
        print(f"import warm-up: {warm.seconds:.2f} s, {warm.max_rss_kb / 1024:.0f} MB, exit {warm.exit_code}", file=log)
        imports: list[ImportRun] = []
        for run in range(import_runs):
            fresh = base / f"import-{run}.json"  # a new data file each run
            done = run_import(fresh, csv_path, env, base / f"import-{run}.log")
            imports.append(done)
            print(
                f"import run {run + 1}/{import_runs}: {done.seconds:.2f} s, {done.max_rss_kb / 1024:.0f} MB", file=log
            )
        expected = f"added {csv_rows}, updated 0"
        good = [r for r in imports if r.exit_code == 0 and expected in r.output]
        for bad in (r for r in imports if r not in good):
            notes.append(
                f"An import run exited with {bad.exit_code} or did not report '{expected}'. It printed:\n{bad.output}"
            )
        label = f"{csv_rows:,} rows"
        if good:
            secs = [r.seconds for r in good]
            med = statistics.median(secs)
            spread = f"{fmt_sec(min(secs))}–{fmt_sec(max(secs))} (n={len(secs)})"
            rows.append(
                (
                    "Import LinkedIn Connections.csv (wall time)",
                    label,
                    fmt_sec(med),
                    spread,
                    "< 5 s",
                    f"{verdict(med < 5)} ({med / 5:.2f}x of budget)",
                )
            )
            rss = [r.max_rss_kb / 1024 for r in good]
            peak = max(rss)
            rows.append(
                (
                    "Import LinkedIn Connections.csv (peak RSS)",
                    label,
                    f"{peak:.0f} MB",
                    f"max of {len(rss)} run(s), {min(rss):.0f}–{peak:.0f} MB; "
                    f"{csv_path.stat().st_size / 1e6:.1f} MB file",
                    "< 200 MB",
                    f"{verdict(peak < 200)} ({peak / 200:.2f}x of budget)",
                )
            )
        else:
            rows.append(("Import LinkedIn Connections.csv (wall time)", label, "failed", "", "< 5 s", "FAILED"))
            rows.append(("Import LinkedIn Connections.csv (peak RSS)", label, "failed", "", "< 200 MB", "FAILED"))

        # 6. opening the network screen, on the file the warm-up import made
        net_label = f"{csv_rows:,} + {small.size:,} on board"
        if warm.exit_code == 0 and expected in warm.output:
            network_data = Dataset(
                small.size, network_path, small.counts, small.first_research_name, small.first_contact_id
            )
            net = open_network(network_data, env, network_samples)
            if net.open_times:
                times = [ms(t) for t in net.open_times]
                med = statistics.median(times)
                spread = f"p90 {fmt_ms(p90(times))} (max {fmt_ms(max(times))}, n={len(times)})"
                if net.back_times:
                    spread += f"; esc back to board {fmt_ms(statistics.median([ms(t) for t in net.back_times]))}"
                if net.hwm_kb:
                    spread += f"; app VmHWM {net.hwm_kb / 1024:.0f} MB"
                if net.failure:
                    spread += ", stopped early"
                rows.append(("Open network screen (n)", net_label, fmt_ms(med), spread, "< 300 ms", verdict(med < 300)))
                print(
                    f"network open: {[f'{t:.1f}' for t in times]}, back: {[f'{ms(t):.1f}' for t in net.back_times]}",
                    file=log,
                )
            else:
                rows.append(("Open network screen (n)", net_label, "not reached", "n=0", "< 300 ms", "FAILED"))
            if net.failure:
                notes.append(f"Network screen: {net.failure}")
            if net.exit_code not in (0, None):
                notes.append(f"The network session exited with code {net.exit_code} after q.")
        else:
            rows.append(("Open network screen (n)", net_label, "no data file", "", "< 300 ms", "FAILED"))
            notes.append(f"The untimed import for the network file failed. It printed:\n{warm.output}")
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
    if source_state() != tree_before:
        tree += " — the commit or referral_tui/ changed during the run, so rows may mix versions; run again"
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
