"""One writer thread per open app: it writes the session's changes and watches the file.

The UI thread never waits for the disk or the lock: a change applies to memory at once
(see engine.py) and ``kick()`` wakes this thread, which writes it a moment later (after
the frame that shows it), under the lock, onto the newest file. While another session
holds the lock it keeps trying and says so ("waiting for the other session"); while the
disk refuses a write it retries with a growing pause. Between writes it looks at the file
every ``poll_interval`` seconds and reads it again when another session changed it.

It reports through ``report`` (called on this thread; the app posts a message from it).
``stop()`` writes what is still pending and ends the thread: the app calls it on quit and
on SIGTERM/SIGHUP, so a change on screen is not left unsaved.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from referral_tui.store.engine import Engine, ExternalChange, SyncResult
from referral_tui.store.errors import StoreBusy, StoreError

#: Pause after a kick before writing. The app kicks the writer after the frame that shows
#: the change (``ReferralApp._save_after_frame``), so no pause is needed there.
SAVE_DELAY = 0.0
POLL_INTERVAL = 1.0
LOCK_ATTEMPT = 0.25
#: A wait for the lock shorter than this shows no "waiting" mark.
QUIET_WAIT = 0.3
RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0)


class Status:
    IDLE = ""
    WAITING = "waiting for the other session…"


@dataclass(frozen=True)
class StoreEvent:
    """What the writer has to tell the app."""

    saved: SyncResult | None = None
    external: ExternalChange | None = None
    status: str | None = None
    error: Exception | None = None  # a failed write (retrying) or a fatal problem
    fatal: bool = False


class Writer:
    def __init__(
        self,
        engine: Engine,
        report: Callable[[StoreEvent], None],
        poll_interval: float = POLL_INTERVAL,
        save_delay: float = SAVE_DELAY,
    ) -> None:
        self.engine = engine
        self.report = report
        self.poll_interval = poll_interval
        self.save_delay = save_delay
        self.status = Status.IDLE
        self.error: Exception | None = None
        self.fatal = False
        self._cond = threading.Condition()
        self._kicked = False
        self._stopping = False
        self._busy = False
        self._failures = 0
        self._thread = threading.Thread(target=self._run, name="referral-tui-writer", daemon=True)
        engine.on_pending = self.kick
        engine.cache_bytes = True  # saves come often: keep each record's bytes between them

    def start(self, validate: bool = True) -> None:
        self._validate = validate
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def kick(self) -> None:
        """A change is pending: write it soon."""
        with self._cond:
            self._kicked = True
            self._cond.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every pending change is written; False on timeout or a fatal error."""
        deadline = None if timeout is None else time.monotonic() + timeout
        self.kick()
        with self._cond:
            while (self.engine.dirty or self._busy) and not self.fatal and self._thread.is_alive():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left if left is not None else 0.5)
        return not self.engine.dirty

    def stop(self, timeout: float | None = 10.0) -> bool:
        """Write what is pending, then end the thread; False if changes are left unsaved."""
        saved = self.flush(timeout) if self._thread.is_alive() else not self.engine.dirty
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=2.0)
        return saved

    # -- the thread ---------------------------------------------------------------------

    def _set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.report(StoreEvent(status=status))

    def _run(self) -> None:
        if self._validate and not self.engine.validated:
            try:
                self.engine.validate()
            except StoreError as exc:
                self._die(exc)
                return
        self.engine.warm()  # the first save then costs what the others do
        while True:
            with self._cond:
                if not self._kicked and not self._stopping:
                    self._cond.wait(self._pause())
                if self._stopping:
                    return
                kicked, self._kicked = self._kicked, False
                self._busy = True
            try:
                if kicked and self.save_delay:
                    time.sleep(self.save_delay)
                if self.engine.dirty:
                    self._write()
                else:
                    external = self.engine.refresh()
                    if external is not None and not external.empty:
                        self.report(StoreEvent(external=external))
            except StoreError as exc:
                self._die(exc)
                return
            except OSError as exc:  # reading the file failed (permissions changed...): report, go on
                self.report(StoreEvent(error=exc))
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _pause(self) -> float:
        if self.engine.dirty and self._failures:
            return RETRY_DELAYS[min(self._failures, len(RETRY_DELAYS)) - 1]
        return self.poll_interval

    def _write(self) -> None:
        """Write what is pending. A save that takes its usual few milliseconds shows no mark;
        one that waits for another session's lock says so after QUIET_WAIT seconds."""
        started = time.monotonic()
        while True:
            try:
                result = self.engine.sync(lock_timeout=LOCK_ATTEMPT)
            except StoreBusy:
                if time.monotonic() - started > QUIET_WAIT:
                    self._set_status(Status.WAITING)
                with self._cond:
                    if self._stopping and not self.engine.dirty:
                        return
                continue
            except StoreError:
                raise
            except OSError as exc:  # disk full, permission denied: keep the changes, try again later
                self._failures += 1
                self.error = exc
                self._set_status(f"not saved: {exc.strerror or exc}; retrying")
                self.report(StoreEvent(error=exc))
                return
            break
        self._failures = 0
        self.error = None
        self._set_status(Status.IDLE)
        if result.wrote or result.conflicts or (result.external is not None and not result.external.empty):
            self.report(StoreEvent(saved=result, external=result.external))

    def _die(self, exc: StoreError) -> None:
        self.fatal = True
        self.error = exc
        with self._cond:
            self._cond.notify_all()
        self.report(StoreEvent(error=exc, fatal=True))
