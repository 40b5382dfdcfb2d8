"""A program in a real pty, its output read into a pyte screen.

``PtyApp`` starts a program on the slave side of ``os.openpty()`` (window size set with
``TIOCSWINSZ``, the pty as controlling terminal, stdin, stdout and stderr). A reader thread
reads the master side continuously and stamps every chunk with ``perf_counter()`` the
moment ``os.read`` returns it; the benchmark's thread feeds the chunks to a
``pyte.Screen`` through a ``pyte.ByteStream`` and checks a marker after each one. A time
reported by ``wait_for`` is the arrival of the chunk after which the marker first held,
so the time pyte takes to parse a frame is not counted in the sample.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

from .common import COLS, EXIT_TIMEOUT, ROWS, TODAY


class Terminal:
    """What the screen shows: pyte's cells, with the text cached until the next feed."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._lines: list[str] | None = None

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)
        self._lines = None

    def lines(self) -> list[str]:
        """One string per row; the second cell of a wide character adds nothing (as on screen)."""
        if self._lines is None:
            buffer = self.screen.buffer
            self._lines = ["".join(buffer[y][x].data for x in range(self.cols)) for y in range(self.rows)]
        return self._lines

    def text(self) -> str:
        return "\n".join(self.lines())

    def char(self, y: int, x: int) -> str:
        """The character in cell (y, x); '' for the second cell of a wide character."""
        return str(self.screen.buffer[y][x].data)

    def cells(self, y: int, start: int, end: int) -> str:
        """Cells ``start`` to ``end`` of row ``y``, one character per cell (a wide one's second cell is a space)."""
        row = self.screen.buffer[y]
        return "".join(row[x].data or " " for x in range(start, min(end, self.cols)))

    def bg(self, y: int, x: int) -> str:
        """The cell's background as pyte reports it ('default', a colour name or 'rrggbb')."""
        cell = self.screen.buffer[y][x]
        return str(cell.fg if cell.reverse else cell.bg)

    def dump(self) -> str:
        lines = [line.rstrip() for line in self.lines()]
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines) or "(the screen is blank)"


Marker = Callable[[Terminal], bool]


def text_marker(*parts: str) -> Marker:
    """The screen's text contains every one of ``parts``."""
    return lambda term: all(part in term.text() for part in parts)


def child_env(base: Path) -> dict[str, str]:
    """The environment of every program under test: HOME and the XDG folders inside ``base``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "REFERRAL_TUI", "TMUX"))}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "COLORTERM", "PYTHONDONTWRITEBYTECODE"):
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


def _set_ctty() -> None:
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


_LIVE: set[PtyApp] = set()


def kill_all() -> None:
    """Kill the process group of every program still running (for the end of the run)."""
    for app in list(_LIVE):
        app.kill()


class PtyApp:
    """One program on a pty slave; the master side is read continuously into ``term``."""

    def __init__(
        self, argv: list[str], env: dict[str, str], cols: int = COLS, rows: int = ROWS, quit_key: bytes = b"q"
    ) -> None:
        self.quit_key = quit_key  # the board quits on q; a bare Textual app on ctrl+q
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.term = Terminal(cols, rows)
        self.received = 0  # bytes fed to the screen so far
        self.eof = False
        self._chunks: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()
        self._closing = threading.Event()
        self.start = time.perf_counter()
        self.last_arrival = self.start
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
        _LIVE.add(self)
        self._reader = threading.Thread(target=self._read, name=f"pty-{self.proc.pid}", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._closing.is_set():
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO once every slave side is closed, EBADF after close
                chunk = b""
            self._chunks.put((time.perf_counter(), chunk))
            if not chunk:
                return

    def pump(self, timeout: float) -> bool:
        """Feed the next chunk that arrives within ``timeout``; False once the slave side is closed."""
        if self.eof:
            return False
        try:
            arrived, chunk = self._chunks.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return True
        if not chunk:
            self.eof = True
            return False
        self.received += len(chunk)
        self.last_arrival = arrived
        self.term.feed(chunk)
        return True

    def wait_for(self, found: Marker, timeout: float) -> float | None:
        """When the chunk after which the screen first satisfies ``found`` arrived (perf_counter);
        None on timeout or if the program closed the terminal first."""
        deadline = time.perf_counter() + timeout
        if found(self.term):
            return time.perf_counter()
        while (left := deadline - time.perf_counter()) > 0:
            before = self.received
            if not self.pump(min(0.05, left)):
                return None
            if self.received != before and found(self.term):
                return self.last_arrival
        return None

    def settle(self, quiet: float = 0.15, limit: float = 3.0) -> bool:
        """Read until no output has arrived for ``quiet`` seconds (counted from now at the
        earliest); False if ``limit`` ran out first."""
        begin = time.perf_counter()
        end = begin + limit
        while (now := time.perf_counter()) < end:
            wait = max(self.last_arrival, begin) + quiet - now
            if wait <= 0:
                if self._chunks.empty():
                    return True
                wait = 0.0
            if not self.pump(min(wait, end - now)):
                return True
        return False

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def memory_kb(self) -> dict[str, int]:
        """VmHWM and VmRSS (kB) from /proc/PID/status; empty if the process is gone."""
        found: dict[str, int] = {}
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                name, _, value = line.partition(":")
                if name in ("VmHWM", "VmRSS"):
                    found[name] = int(value.split()[0])
        except (OSError, ValueError):
            return {}
        return found

    def tail(self) -> str:
        """What the screen shows now (or, if the program exited, its last words)."""
        while not self._chunks.empty() and self.pump(0):
            pass
        return self.term.dump()

    def kill(self) -> None:
        """SIGKILL the program's process group (it has its own session) and release the pty."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(3.0)
        self._close()

    def _close(self) -> None:
        if self in _LIVE:
            _LIVE.discard(self)
            self._reader.join(1.0)
            self._closing.set()  # the fd number may be reused once closed: never read it again
            with contextlib.suppress(OSError):
                os.close(self.master)

    def quit(self) -> int | None:
        """Send the quit key, wait for exit while draining output; escalate to SIGTERM, then SIGKILL.
        The process group is killed in the end either way, in case the program left a child behind."""
        with contextlib.suppress(OSError):
            os.write(self.master, self.quit_key)
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None and self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, sig)
            deadline = time.perf_counter() + (EXIT_TIMEOUT if sig is None else 3.0)
            while time.perf_counter() < deadline and self.proc.poll() is None:
                self.pump(0.05)
            if self.proc.poll() is not None:
                break
        code = self.proc.poll()
        # The leader is reaped now; its group id stays reserved while any member lives.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._close()
        return code
