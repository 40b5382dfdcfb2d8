"""The writer thread: the event loop never waits for the disk or another session's lock.

Unit tests drive a Writer over an engine directly; Pilot tests press real keys while
another process holds the lock, damage the file under a running board, and quit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Phase
from referral_tui.store.repository import Repository
from referral_tui.store.writer import Status, StoreEvent, Writer
from referral_tui.ui.app import ReferralApp, make_app
from referral_tui.ui.screens.board import BoardScreen
from tests.helpers import TODAY, fresh, lock_held_elsewhere, wait_for, wait_until

SIZE = (100, 30)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    repo = fresh(tmp_path / "referrals.json")
    for text in ("Ana Ruiz @ Acme", "Bo Chen @ Acme", "Cy Dow @ Beta !relationship", "Di Eng @ Beta !relationship"):
        repo.quick_add(text)
    return repo.path


def phase_on_disk(path: Path, contact_id: int) -> str:
    phase: str = orjson.loads(path.read_bytes())["contacts"][str(contact_id)]["phase"]
    return phase


class Events:
    def __init__(self) -> None:
        self.items: list[StoreEvent] = []

    def __call__(self, event: StoreEvent) -> None:
        self.items.append(event)

    @property
    def statuses(self) -> list[str]:
        return [e.status for e in self.items if e.status is not None]


@pytest.fixture
def app_repo(path: Path) -> Iterator[tuple[Repository, Writer, Events]]:
    repo = Repository(path, FixedClock(TODAY), autosave=False)
    events = Events()
    writer = Writer(repo.engine, events, poll_interval=0.05, save_delay=0)
    writer.start()
    yield repo, writer, events
    writer.stop(5)


def test_a_change_is_written_by_the_writer_not_by_the_caller(
    path: Path, app_repo: tuple[Repository, Writer, Events]
) -> None:
    repo, writer, events = app_repo
    repo.move(1, Phase.TIMING)
    assert repo.contact(1).phase is Phase.TIMING  # in memory at once
    assert writer.flush(5)
    assert phase_on_disk(path, 1) == "timing"
    assert any(e.saved is not None and e.saved.saved == ["moved Ana Ruiz to Timing"] for e in events.items)


def test_while_another_session_holds_the_lock_the_writer_waits_and_says_so(
    path: Path, app_repo: tuple[Repository, Writer, Events]
) -> None:
    repo, writer, events = app_repo
    with lock_held_elsewhere(path):
        repo.move(1, Phase.TIMING)
        wait_until(lambda: Status.WAITING in events.statuses, "the waiting mark")
        assert phase_on_disk(path, 1) == "research", "written without the lock"
        repo.move(2, Phase.TIMING)  # the caller is never blocked
    assert writer.flush(10)
    assert (phase_on_disk(path, 1), phase_on_disk(path, 2)) == ("timing", "timing")
    assert events.statuses[-1] == Status.IDLE


def test_a_failed_write_keeps_the_change_and_retries(
    path: Path, app_repo: tuple[Repository, Writer, Events], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, writer, events = app_repo
    real_replace = os.replace
    failures = [OSError(28, "No space left on device")]

    def flaky(src: Any, dst: Any) -> None:
        if failures:
            raise failures.pop()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    monkeypatch.setattr("referral_tui.store.writer.RETRY_DELAYS", (0.05,))
    repo.move(1, Phase.TIMING)
    wait_until(lambda: any(e.error is not None for e in events.items), "the error report")
    assert any("No space left" in s for s in events.statuses)
    assert writer.flush(10), "the retry saves it"
    assert phase_on_disk(path, 1) == "timing"


def test_another_sessions_change_is_picked_up_without_a_change_here(
    path: Path, app_repo: tuple[Repository, Writer, Events]
) -> None:
    repo, _, events = app_repo
    fresh(path).quick_add("Eve Fox @ Acme")
    wait_until(lambda: any(e.external is not None for e in events.items), "the external change")
    external = next(e.external for e in events.items if e.external is not None)
    assert external.added["contacts"] == {"5"}
    assert [c.name for c in repo.contacts()][-1] == "Eve Fox"


def test_a_file_damaged_under_the_writer_is_fatal_and_left_alone(
    path: Path, app_repo: tuple[Repository, Writer, Events]
) -> None:
    _, writer, events = app_repo
    path.write_bytes(b'{"meta": {"1": oops')
    wait_until(lambda: writer.fatal, "the fatal report")
    assert events.items[-1].fatal and "is damaged" in str(events.items[-1].error)
    assert path.read_bytes() == b'{"meta": {"1": oops'


# -- in the app ------------------------------------------------------------------------------


def board(app: ReferralApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def cursor_name(app: ReferralApp) -> str:
    card = board(app).focused_column.current
    assert card is not None
    return card.name


async def test_keys_are_handled_while_the_save_waits_for_the_lock(path: Path) -> None:
    app = make_app(Repository(path, FixedClock(TODAY)), poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.writer.alive, "the writer")
        with lock_held_elsewhere(path):
            await pilot.press("L")  # Ana to Relationship, where Cy and Di are
            assert cursor_name(app) == "Ana Ruiz"
            await pilot.press("j")  # handled at once, though the save cannot start
            assert cursor_name(app) == "Cy Dow"
            await wait_for(pilot, lambda: Status.WAITING in board(app).save_status, "the waiting mark")
            assert "waiting for the other session" in str(board(app).query_one("#board-header").render())
            assert phase_on_disk(path, 1) == "research"
        await wait_for(pilot, lambda: phase_on_disk(path, 1) == "relationship", "the move to land")
        await wait_for(pilot, lambda: board(app).save_status == "", "the mark to go")


async def test_a_file_damaged_under_the_board_stops_it_with_the_message(path: Path) -> None:
    app = make_app(Repository(path, FixedClock(TODAY)), poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.writer.alive, "the writer")
        path.write_bytes(b"\x00\x01 not json")
        await wait_for(pilot, lambda: bool(app.fatal), "the board to stop")
    assert app.return_code == 1
    assert "is damaged" in app.fatal and str(path) in app.fatal
    assert path.read_bytes() == b"\x00\x01 not json"


async def test_a_bad_record_found_after_the_first_frame_stops_the_board(path: Path) -> None:
    data = orjson.loads(path.read_bytes())
    data["contacts"]["2"]["tags"] = "not-a-list"
    path.write_bytes(orjson.dumps(data))
    app = make_app(Repository(path, FixedClock(TODAY), validate=False), poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(app.fatal), "the check of every record")
    assert app.return_code == 1
    assert "record 2 in 'contacts'" in app.fatal and "tags" in app.fatal


async def test_quitting_writes_what_is_on_screen(path: Path) -> None:
    app = make_app(Repository(path, FixedClock(TODAY)), poll_interval=60)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.writer.alive, "the writer")
        await pilot.press("L", "q")
        await wait_for(pilot, lambda: not app.is_running, "the app to quit")
    assert app.return_code == 0
    assert phase_on_disk(path, 1) == "relationship"


async def test_another_sessions_edit_of_the_same_field_is_kept_and_reported(path: Path) -> None:
    app = make_app(Repository(path, FixedClock(TODAY)), poll_interval=60)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.writer.alive, "the writer")
        original = app.notify

        def notify(message: str, **kwargs: Any) -> None:
            notes.append(message)
            original(message, **kwargs)

        app.session.notify = notify
        other = Repository(path, FixedClock(TODAY))
        with other.storage.locked():  # the other session writes while the app's save waits
            await pilot.press("L")  # Ana to Relationship, in memory
            await wait_for(pilot, lambda: Status.WAITING in board(app).save_status, "the waiting mark")
            other.move(1, Phase.ASK)
        await wait_for(pilot, lambda: any("phase of Ana Ruiz" in n for n in notes), "the conflict note")
        assert any(n.startswith("Kept another session's phase of Ana Ruiz") for n in notes), notes
        assert board(app).column_for(Phase.ASK).cards[0].name == "Ana Ruiz"
    assert phase_on_disk(path, 1) == "ask"
