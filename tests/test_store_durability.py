"""The storage guarantees of DESIGN.md ("Storage guarantees"), tested against real files.

Crashes are real SIGKILLs of real writer processes, concurrency is real processes sharing
one file, and the command-line checks run the installed ``referral-tui``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from referral_tui.domain.clock import FixedClock
from referral_tui.store import backups, files, migrations
from referral_tui.store.errors import DamagedFile, NewerSchema, StoreBusy, StoreError
from referral_tui.store.repository import Repository
from tests.helpers import assert_one_error_line, lock_held_elsewhere, snapshot, undo_text

TODAY = date(2026, 3, 9)
CLOCK = FixedClock(TODAY)

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


# -- helpers ----------------------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    return data


def names_on_disk(path: Path) -> list[str]:
    return [record["name"] for record in load(path)["contacts"].values()]


def temp_files(folder: Path) -> list[Path]:
    """Every temp file the store could have left anywhere under ``folder``."""
    return sorted(p for p in folder.rglob(f"*{files.TEMP_SUFFIX}"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def real_wall_clock() -> Iterator[None]:
    """Backups follow the wall clock; tests that move it (write_on) get it back afterwards."""
    yield
    backups.wall_clock = datetime.now


def on_wall_clock(day: date) -> None:
    """Pretend the real wall clock says ``day`` (backups are named and pruned by it)."""
    backups.wall_clock = lambda: datetime(day.year, day.month, day.day, 9, 30)


def write_on(path: Path, day: date, text: str) -> Repository:
    on_wall_clock(day)
    repo = Repository(path, FixedClock(day))
    repo.quick_add(text)
    return repo


def make_backups(path: Path, days: int = 3) -> Path:
    """Write on ``days`` consecutive days so daily backups exist; returns the newest backup."""
    start = TODAY - timedelta(days=days)
    for n in range(days):
        write_on(path, start + timedelta(days=n), f"Day{n} Person @ Acme")
    newest = backups.newest_backup(path)
    assert newest is not None
    return newest


def spawn(script: str, *args: str, stdin: bool = False) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_ready(proc: subprocess.Popen[str], word: str = "ready") -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != word:
        proc.kill()
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"child did not start (got {line!r}): {err}")


# -- (a) SIGKILL at random moments ------------------------------------------------------------

# One interpreter imports the store once and forks a new writer process for each kill (as a
# new session would start), so the loop does not pay for an interpreter start 50 times. Each
# writer appends its acknowledgements to its own file: a line is written (one write(2)) only
# after quick_add returned, and survives the SIGKILL in the page cache.
FORKING_WRITERS = """
import json, os, sys
from referral_tui.store.repository import Repository

def write(path, i, acks):
    out = os.open(acks, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    repo = Repository(path)
    while True:
        repo.quick_add(f"Person {i} @ Acme")
        os.write(out, f"{i}\\n".encode())  # acknowledged: quick_add returned
        i += 1

print("ready", flush=True)
for line in sys.stdin:
    path, i, acks = json.loads(line)
    pid = os.fork()
    if pid == 0:
        try:
            write(path, i, acks)
        finally:
            os._exit(1)
    print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status), flush=True)
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(db_path: Path, tmp_path: Path, kills: int) -> None:
    rng = random.Random(20260309)
    next_index = 0
    acknowledged: set[int] = set()
    stale_seen = 0
    writers = spawn(FORKING_WRITERS, stdin=True)
    wait_ready(writers)
    assert writers.stdin is not None and writers.stdout is not None
    try:
        for kill in range(kills):
            acks = tmp_path / f"acks-{kill}"
            writers.stdin.write(json.dumps([str(db_path), next_index, str(acks)]) + "\n")
            writers.stdin.flush()
            pid = int(writers.stdout.readline())  # the writer is running
            time.sleep(rng.uniform(0.01, 0.15))  # the random moment is what the test is about
            os.kill(pid, signal.SIGKILL)
            code = int(writers.stdout.readline())
            assert code == -signal.SIGKILL, f"writer died on its own (kill {kill}): status {code}"
            lines = acks.read_text().splitlines(keepends=True) if acks.exists() else []
            acked = [int(line) for line in lines if line.endswith("\n")]
            acknowledged.update(acked)

            if not db_path.exists():
                assert not acknowledged, f"kill {kill}: the file vanished after acknowledged writes"
                continue
            data = load(db_path)  # never a torn file: it always parses
            names = [r["name"] for r in data["contacts"].values()]
            assert len(names) == len(set(names)), f"kill {kill}: a record was written twice"
            present = {int(name.split()[1]) for name in names}
            missing = acknowledged - present
            assert not missing, f"kill {kill}: acknowledged writes lost: {sorted(missing)[:10]}"
            # Each writer adds its indexes in order and the next one resumes after the last
            # landed write, so what is on disk is always exactly 0..N-1.
            assert present == set(range(len(present))), f"kill {kill}: a gap in the records"
            assert [c["name"] for c in data["companies"].values()] == ["Acme"]

            prefix = files.temp_prefix(db_path)
            stale_seen += len(list(db_path.parent.glob(f"{prefix}*{files.TEMP_SUFFIX}")))
            reopened = Repository(db_path, CLOCK)  # a new session cleans up what the killed one left
            assert not list(db_path.parent.glob(f"{prefix}*{files.TEMP_SUFFIX}")), f"kill {kill}: stale temp file"
            assert len(reopened.contacts()) == len(present)
            next_index = len(present)
    finally:
        writers.stdin.close()  # the forking process ends at the end of its input
        writers.wait(timeout=30)
    assert writers.returncode == 0, writers.stderr.read() if writers.stderr else ""

    assert len(acknowledged) >= kills, "the writer hardly wrote: the loop did not exercise anything"
    final = Repository(db_path, CLOCK)
    assert {c.name for c in final.contacts()} >= {f"Person {i}" for i in acknowledged}
    print(f"{kills} kills, {len(acknowledged)} acknowledged writes, {stale_seen} stale temp files cleaned")


# -- (b) two sessions at once -----------------------------------------------------------------

CONCURRENT = """
import sys
from referral_tui.store.repository import Repository

path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
repo = Repository(path)
print("ready", flush=True)
sys.stdin.readline()
ids = [repo.quick_add(f"{tag} {i} @ Acme").id for i in range(count)]
print(" ".join(map(str, ids)))
print(len(repo.contacts()), flush=True)
"""


def test_two_processes_writing_at_once_lose_nothing(db_path: Path) -> None:
    count = 200
    procs = {tag: spawn(CONCURRENT, str(db_path), tag, str(count), stdin=True) for tag in ("Alpha", "Beta")}
    for proc in procs.values():
        wait_ready(proc)
    for proc in procs.values():  # start both as close together as possible
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = {}
    for tag, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        id_line, seen_line = out.splitlines()[-2:]
        results[tag] = ([int(x) for x in id_line.split()], int(seen_line))

    all_ids = results["Alpha"][0] + results["Beta"][0]
    assert len(all_ids) == 2 * count
    assert len(set(all_ids)) == 2 * count, "two sessions handed out the same id"
    data = load(db_path)
    contacts = data["contacts"]
    assert len(contacts) == 2 * count
    for tag, (ids, _) in results.items():
        for i, record_id in enumerate(ids):
            assert contacts[str(record_id)]["name"] == f"{tag} {i}"
    # The company was created once, by whichever session came first; the other found it.
    assert [c["name"] for c in data["companies"].values()] == ["Acme"]
    # The session that finished last saw every record, the other one's included.
    assert max(seen for _, seen in results.values()) == 2 * count
    assert not temp_files(db_path.parent)


def test_two_shells_running_the_installed_cli_at_once(db_path: Path) -> None:
    count = 15
    command = 'for i in $(seq 1 {n}); do referral-tui add "$0 $i @ Acme" >/dev/null || exit 1; done'
    shells = [
        subprocess.Popen(
            ["sh", "-c", command.format(n=count), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for tag in ("ShellA", "ShellB")
    ]
    for shell in shells:
        _, err = shell.communicate(timeout=120)
        assert shell.returncode == 0, err
    expected = {f"{tag} {i}" for tag in ("ShellA", "ShellB") for i in range(1, count + 1)}
    names = names_on_disk(db_path)
    assert len(names) == 2 * count
    assert set(names) == expected
    assert [c["name"] for c in load(db_path)["companies"].values()] == ["Acme"]


# -- (c) fault injection ----------------------------------------------------------------------


def _fail_replace(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def _fail_fsync(*args: object, **kwargs: object) -> None:
    raise OSError(5, "Input/output error")


FAULTS = {"os.replace": ("replace", _fail_replace), "os.fsync": ("fsync", _fail_fsync)}


@contextmanager
def fault(monkeypatch: pytest.MonkeyPatch, which: str) -> Iterator[None]:
    name, replacement = FAULTS[which]
    with monkeypatch.context() as patch:
        patch.setattr(f"referral_tui.store.files.os.{name}", replacement)  # the os module atomic_write uses
        yield


@pytest.mark.parametrize("which", sorted(FAULTS))
def test_failed_save_leaves_file_and_memory_as_they_were(
    repo: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    repo.quick_add("Ann Lee @ Acme")
    repo.quick_add("Bo Chan @ Acme")  # the second write made today's backup, so the fault hits the data file
    assert backups.has_backup_today(db_path)
    before = snapshot(db_path.parent)
    undo_depth = len(repo.undo_stack)

    with fault(monkeypatch, which), pytest.raises(OSError):
        repo.quick_add("Failed Save @ Acme")

    assert snapshot(db_path.parent) == before, "the failed save changed a file"
    assert not temp_files(db_path.parent), "the failed save left a temp file"
    assert [c.name for c in repo.contacts()] == ["Ann Lee", "Bo Chan"], "the failed change is visible"
    assert len(repo.undo_stack) == undo_depth

    repo.quick_add("Later Save @ Acme")  # the repository still works
    assert names_on_disk(db_path) == ["Ann Lee", "Bo Chan", "Later Save"]
    assert [c.name for c in repo.contacts()] == names_on_disk(db_path)
    assert Repository(db_path, CLOCK).contacts() == repo.contacts()
    assert undo_text(repo) == "added Later Save"
    assert names_on_disk(db_path) == ["Ann Lee", "Bo Chan"]


# Regression (failed at commit 01491a2): storage.SafeStorage._flush calls backups.daily_backup()
# outside the try/except that rolls memory back, so when the daily backup write fails the failed
# change stays in memory (_dirty stays True) and is written by the next save
@pytest.mark.parametrize("which", sorted(FAULTS))
def test_failed_daily_backup_does_not_keep_the_failed_change(
    repo: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    repo.quick_add("Ann Lee @ Acme")  # the file exists, today's backup does not yet
    before = snapshot(db_path.parent)
    with fault(monkeypatch, which), pytest.raises(OSError):
        repo.quick_add("Failed Save @ Acme")  # fails while writing today's backup
    assert snapshot(db_path.parent) == before
    assert not temp_files(db_path.parent)
    repo.quick_add("Later Save @ Acme")
    assert names_on_disk(db_path) == ["Ann Lee", "Later Save"]
    assert [c.name for c in repo.contacts()] == ["Ann Lee", "Later Save"]


# Regression (failed at commit 01491a2): when the very first save (no data file yet) fails,
# _flush's rollback calls _refresh -> _file_missing, which keeps self._data (holding the failed
# change) because it is not empty; the failed record stays visible and is written by the next save
@pytest.mark.parametrize("which", sorted(FAULTS))
def test_failed_first_save_does_not_keep_the_failed_change(
    repo: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    assert not db_path.exists()
    with fault(monkeypatch, which), pytest.raises(OSError):
        repo.quick_add("Failed Save @ Acme")
    assert not db_path.exists()
    assert not temp_files(db_path.parent)
    assert repo.contacts() == []
    repo.quick_add("Later Save @ Acme")
    assert names_on_disk(db_path) == ["Later Save"]


# -- (d) damaged files ------------------------------------------------------------------------

DAMAGED = {
    "invalid-json": (b'{"contacts": {"1": {"name": "Ann"', DamagedFile),
    "json-array": (b'[{"name": "Ann"}]', DamagedFile),
    "table-not-object": (b'{"contacts": []}', DamagedFile),
    "newer-schema": (orjson.dumps({"meta": {"1": {"schema_version": 999}}, "contacts": {}}), NewerSchema),
}


def _damaged_cases() -> list[tuple[str, bool]]:
    cases = [(name, with_backup) for name in DAMAGED for with_backup in (False, True)]
    return [*cases, ("empty-with-backup", True), ("blank-with-backup", True)]


def _damage(path: Path, case: str) -> type[StoreError]:
    if case == "empty-with-backup":
        path.write_bytes(b"")
        return DamagedFile
    if case == "blank-with-backup":
        path.write_bytes(b"  \n")
        return DamagedFile
    content, error = DAMAGED[case]
    path.write_bytes(content)
    return error


@pytest.mark.parametrize(("case", "with_backup"), _damaged_cases())
def test_damaged_file_is_refused_and_left_untouched(
    db_path: Path, cli: CliRunner, case: str, with_backup: bool
) -> None:
    newest = make_backups(db_path) if with_backup else None
    error = _damage(db_path, case)
    before = snapshot(db_path.parent)

    with pytest.raises(error) as raised:
        Repository(db_path, CLOCK)
    message = str(raised.value)
    assert str(db_path) in message
    if newest is not None:
        assert str(newest) in message
    else:
        assert "backup:" not in message
    assert snapshot(db_path.parent) == before

    for args in (["--db", str(db_path), "due"], ["--db", str(db_path), "add", "X @ Y"]):
        proc = cli(*args)
        line = assert_one_error_line(proc)
        assert str(db_path) in line
        if newest is not None:
            assert str(newest) in line
        assert proc.stdout == ""
        assert snapshot(db_path.parent) == before, f"{args} changed a file"


@pytest.mark.parametrize("content", [b""])
def test_empty_file_without_backup_is_a_new_campaign(db_path: Path, cli: CliRunner, content: bytes) -> None:
    db_path.write_bytes(content)
    repo = Repository(db_path, CLOCK)
    assert repo.contacts() == [] and repo.companies() == []
    assert db_path.read_bytes() == content, "opening alone must not write"
    proc = cli("due")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Nothing due")
    repo.quick_add("Ann Lee @ Acme")
    assert names_on_disk(db_path) == ["Ann Lee"]
    assert load(db_path)["meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION
    if not content:
        assert backups.list_backups(db_path) == [], "a 0-byte file is not worth a backup"


@pytest.mark.parametrize("content", [b"\n", b"   ", b" \r\n\t "])
def test_a_file_of_blank_space_is_damaged_not_empty(db_path: Path, cli: CliRunner, content: bytes) -> None:
    """A file holding only whitespace was written by something else: never take it as a new campaign."""
    db_path.write_bytes(content)
    with pytest.raises(DamagedFile, match="blank space"):
        Repository(db_path, CLOCK)
    line = assert_one_error_line(cli("add", "Ann Lee @ Acme"))
    assert str(db_path) in line and "blank space" in line
    assert db_path.read_bytes() == content


BAD_VERSIONS = [b'"2"', b"-1", b"true", b"1.5", b"null"]


# Regression (failed at commit 01491a2): storage.SafeStorage._load calls
# migrations.schema_version() outside _parse's try/except, so a non-integer or negative
# schema_version escapes as migrations.SchemaError (a ValueError, not a StoreError)
@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_bad_schema_version_is_a_damaged_file(db_path: Path, version: bytes) -> None:
    content = b'{"meta": {"1": {"schema_version": ' + version + b"}}}"
    db_path.write_bytes(content)
    with pytest.raises(DamagedFile) as raised:
        Repository(db_path, CLOCK)
    assert str(db_path) in str(raised.value)
    assert db_path.read_bytes() == content


# Regression (failed at commit 01491a2): a bad schema_version raises migrations.SchemaError, which
# cli.main does not catch: the command dies with a Traceback instead of one 'referral-tui: error:'
# line
def test_bad_schema_version_gives_one_error_line_in_the_cli(db_path: Path, cli: CliRunner) -> None:
    content = b'{"meta": {"1": {"schema_version": "2"}}}'
    db_path.write_bytes(content)
    proc = cli("due")
    assert db_path.read_bytes() == content
    assert_one_error_line(proc)


# -- permissions ------------------------------------------------------------------------------


def test_everything_is_private_even_with_umask_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a" / "b" / "c" / "referrals.json"
    temp_modes: list[tuple[str, int]] = []
    real_replace = os.replace

    def spying_replace(src: str, dst: str) -> None:
        temp_modes.append((Path(src).name, mode(Path(src))))
        real_replace(src, dst)

    monkeypatch.setattr("referral_tui.store.files.os.replace", spying_replace)
    old_umask = os.umask(0)
    try:
        write_on(path, TODAY, "Ann Lee @ Acme")
        write_on(path, TODAY + timedelta(days=1), "Bo Chan @ Acme")  # makes a daily backup
        write_on(path, TODAY + timedelta(days=1), "Cy Dow @ Acme")
    finally:
        os.umask(old_umask)

    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c", backups.backup_dir(path)):
        assert mode(folder) == 0o700, f"{folder} is {oct(mode(folder))}"
    assert mode(path) == 0o600
    assert mode(path.with_name(path.name + ".lock")) == 0o600
    made = backups.list_backups(path)
    assert made
    for backup in made:
        assert mode(backup) == 0o600, f"{backup} is {oct(mode(backup))}"
    assert len(temp_modes) >= 4  # three data writes and one backup
    for name, temp_mode in temp_modes:
        assert name.endswith(files.TEMP_SUFFIX)
        assert temp_mode == 0o600, f"temp file {name} was {oct(temp_mode)}"
    # Nothing else leaked out with looser permissions.
    for item in (tmp_path / "a").rglob("*"):
        assert mode(item) == (0o700 if item.is_dir() else 0o600), f"{item} is {oct(mode(item))}"


def test_migration_backup_is_private_even_with_umask_0(db_path: Path) -> None:
    db_path.write_bytes(orjson.dumps({"contacts": {"1": {"name": "Ann Lee"}}}))
    old_umask = os.umask(0)
    try:
        Repository(db_path, CLOCK)
    finally:
        os.umask(old_umask)
    assert mode(backups.backup_dir(db_path)) == 0o700
    for backup in backups.list_backups(db_path):
        assert mode(backup) == 0o600
    assert mode(db_path) == 0o600


# -- backups ----------------------------------------------------------------------------------


def test_first_write_of_a_day_backs_up_the_previous_day(db_path: Path) -> None:
    day1, day2 = TODAY, TODAY + timedelta(days=1)
    write_on(db_path, day1, "Ann Lee @ Acme")
    assert backups.list_backups(db_path) == [], "nothing to back up before the first write"
    day1_content = db_path.read_bytes()

    repo = write_on(db_path, day2, "Bo Chan @ Acme")
    backup = backups.backup_dir(db_path) / f"{day2.isoformat()}.json"
    assert backups.list_backups(db_path) == [backup]
    assert backup.read_bytes() == day1_content

    repo.quick_add("Cy Dow @ Acme")  # later writes the same day keep the first copy
    assert backups.list_backups(db_path) == [backup]
    assert backup.read_bytes() == day1_content
    assert backups.newest_backup(db_path) == backup


def test_only_the_newest_14_days_of_backups_are_kept(db_path: Path) -> None:
    start = date(2026, 2, 1)
    days = [start + timedelta(days=n) for n in range(17)]
    content_before: dict[date, bytes] = {}
    for n, day in enumerate(days):
        if db_path.exists():
            content_before[day] = db_path.read_bytes()
        write_on(db_path, day, f"Person {n} @ Acme")
    kept = backups.list_backups(db_path)
    assert backups.KEEP == 14
    assert [p.name for p in kept] == [f"{d.isoformat()}.json" for d in days[-14:]]
    for backup in kept:
        assert backup.read_bytes() == content_before[date.fromisoformat(backup.stem)]
    assert len(names_on_disk(db_path)) == len(days)


# -- stale temp files -------------------------------------------------------------------------


def test_stale_temp_files_are_removed_at_start(db_path: Path, repo: Repository) -> None:
    repo.quick_add("Ann Lee @ Acme")
    prefix = files.temp_prefix(db_path)
    stale = [db_path.parent / f"{prefix}abc123{files.TEMP_SUFFIX}", db_path.parent / f"{prefix}zz{files.TEMP_SUFFIX}"]
    unrelated = [db_path.parent / "notes.tmp", db_path.parent / ".other.json.abc.tmp"]
    for item in stale + unrelated:
        item.write_bytes(b'{"half": ')
    Repository(db_path, CLOCK)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in unrelated), "only this data file's temp files may be removed"
    assert names_on_disk(db_path) == ["Ann Lee"]


KILLED_IN_BACKUP = """
import os, signal, sys
from datetime import date
from referral_tui.domain.clock import FixedClock
from referral_tui.store import files
from referral_tui.store.repository import Repository

path = sys.argv[1]
real_replace = os.replace
def replace(src, dst):
    if ".backups" in str(dst):
        os.kill(os.getpid(), signal.SIGKILL)  # die with the backup's temp file written
    real_replace(src, dst)
files.os.replace = replace
Repository(path, FixedClock(date(2026, 3, 10))).quick_add("Bo Chan @ Acme")
"""


# Regression (failed at commit 01491a2): SafeStorage.__init__ only removes
# files.stale_temp_files(self.path), i.e. temp files beside the data file; a writer killed while
# writing a backup leaves '.<day>.json.*.tmp' in '<file>.backups/' and no later start ever removes
# it
def test_temp_file_of_a_writer_killed_during_backup_is_cleaned_up(db_path: Path) -> None:
    write_on(db_path, TODAY, "Ann Lee @ Acme")
    proc = subprocess.run([sys.executable, "-c", KILLED_IN_BACKUP, str(db_path)], capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert temp_files(backups.backup_dir(db_path)), "the simulated crash did not leave a temp file"
    Repository(db_path, CLOCK)
    assert temp_files(db_path.parent) == []


# -- the lock ---------------------------------------------------------------------------------


def test_busy_lock_stops_a_write_and_names_the_file(repo: Repository, db_path: Path) -> None:
    repo.quick_add("Ann Lee @ Acme")
    waiting = Repository(db_path, CLOCK, lock_timeout=0.2)
    before = snapshot(db_path.parent)
    with lock_held_elsewhere(db_path):
        started = time.monotonic()
        with pytest.raises(StoreBusy) as raised:
            waiting.quick_add("Bo Chan @ Acme")
        waited = time.monotonic() - started
        assert str(db_path) in str(raised.value)
        assert 0.15 <= waited < 5, f"waited {waited:.2f} s for a 0.2 s timeout"
        reader = Repository(db_path, CLOCK, lock_timeout=0.2)  # reading needs no lock (tidying waits)
        assert [c.name for c in reader.contacts()] == ["Ann Lee"]
        assert snapshot(db_path.parent) == before, "something was written without the lock"
    assert [c.name for c in waiting.contacts()] == ["Ann Lee"]
    assert waiting.undo_stack == []
    waiting.quick_add("Bo Chan @ Acme")  # works once the lock is free
    assert names_on_disk(db_path) == ["Ann Lee", "Bo Chan"]


# The command line's own entry point (what the console script runs), with the store's lock
# timeout cut from 5 s to a fraction: the test is about the message, not the wait.
CLI_WITH_SHORT_LOCK_TIMEOUT = """
import sys
from referral_tui.store import base
from referral_tui.cli import main

base.LOCK_TIMEOUT = float(sys.argv[1])
sys.argv[0] = "referral-tui"
sys.exit(main(sys.argv[2:]))
"""


def test_busy_lock_in_the_cli_is_one_error_line(repo: Repository, db_path: Path) -> None:
    repo.quick_add("Ann Lee @ Acme")
    before = snapshot(db_path.parent)
    with lock_held_elsewhere(db_path):
        proc = subprocess.run(
            [sys.executable, "-c", CLI_WITH_SHORT_LOCK_TIMEOUT, "0.3", "add", "Bo Chan @ Acme"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    line = assert_one_error_line(proc)
    assert str(db_path) in line and "busy" in line
    assert snapshot(db_path.parent) == before


# -- another session changing the file --------------------------------------------------------


def test_two_repositories_see_and_keep_each_others_changes(db_path: Path) -> None:
    first = Repository(db_path, CLOCK)
    second = Repository(db_path, CLOCK)
    assert second.contacts() == []  # second has read (and cached) the empty campaign

    ann = first.quick_add("Ann Lee @ Acme")
    assert [c.name for c in second.contacts()] == ["Ann Lee"]
    assert second.find_company("acme") is not None

    bo = second.quick_add("Bo Chan @ Acme")
    assert bo.id != ann.id
    assert names_on_disk(db_path) == ["Ann Lee", "Bo Chan"]
    assert [c.name for c in first.contacts()] == ["Ann Lee", "Bo Chan"]

    cy = first.quick_add("Cy Dow @ Beta")
    assert len({ann.id, bo.id, cy.id}) == 3
    assert names_on_disk(db_path) == ["Ann Lee", "Bo Chan", "Cy Dow"]
    assert [c.name for c in second.contacts()] == ["Ann Lee", "Bo Chan", "Cy Dow"]
    assert sorted(c["name"] for c in load(db_path)["companies"].values()) == ["Acme", "Beta"]


def test_external_edit_is_reread(db_path: Path, repo: Repository) -> None:
    repo.quick_add("Ann Lee @ Acme")
    data = load(db_path)
    data["contacts"]["1"]["name"] = "Ann Lee-Smith (edited by hand)"
    db_path.write_bytes(orjson.dumps(data))
    assert [c.name for c in repo.contacts()] == ["Ann Lee-Smith (edited by hand)"]
    repo.quick_add("Bo Chan @ Acme")
    assert names_on_disk(db_path) == ["Ann Lee-Smith (edited by hand)", "Bo Chan"]


# -- migrations -------------------------------------------------------------------------------


def test_schema_version_is_the_number_of_migrations() -> None:
    assert len(migrations.MIGRATIONS) == migrations.SCHEMA_VERSION
    data = {"contacts": {"1": {"name": "Ann"}}}
    assert migrations.schema_version(data) == 0
    assert migrations.migrate(data, "2026-03-09T12:00:00+00:00") == 0
    assert migrations.schema_version(data) == migrations.SCHEMA_VERSION
    fresh = migrations.new_data("2026-03-09T12:00:00+00:00")
    assert migrations.schema_version(fresh) == migrations.SCHEMA_VERSION
    assert migrations.migrate(fresh, "2026-03-10T12:00:00+00:00") == migrations.SCHEMA_VERSION


def test_v0_file_is_backed_up_and_migrated(db_path: Path) -> None:
    v0 = {
        "_default": {},
        "companies": {"1": {"name": "Acme", "status": "target"}},
        "contacts": {
            "1": {"name": "Ann Lee", "company_id": 1, "phase": "research"},
            "2": {"name": "Bo Chan", "company_id": 1, "phase": None, "created_at": "2025-01-02T00:00:00+00:00"},
        },
        "asks": {"1": {"contact_id": 1, "day": "2026-02-20"}},
    }
    raw = orjson.dumps(v0)
    db_path.write_bytes(raw)

    repo = Repository(db_path, CLOCK)
    now = CLOCK.now().isoformat()
    data = load(db_path)
    assert data["meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION
    assert "_default" not in data
    assert set(migrations.TABLES) <= set(data)
    for table in migrations.TABLES[1:]:
        for record in data[table].values():
            assert record["created_at"] and record["updated_at"], (table, record)
    assert data["contacts"]["1"]["created_at"] == now
    assert data["contacts"]["2"]["created_at"] == "2025-01-02T00:00:00+00:00"  # kept, not overwritten
    assert data["contacts"]["2"]["updated_at"] == "2025-01-02T00:00:00+00:00"

    (pre,) = [p for p in backups.list_backups(db_path) if p.name.endswith("-pre-migration-v0.json")]
    assert pre.name.startswith(f"{datetime.now():%Y-%m-%d}T"), "named by the wall clock, not the app's"
    assert pre.read_bytes() == raw, "the pre-migration backup must be the file as it was"
    assert [c.name for c in repo.contacts()] == ["Ann Lee", "Bo Chan"]
    assert repo.company(1).name == "Acme"

    Repository(db_path, CLOCK)  # opening again does not migrate (or back up) again
    assert [p.name for p in backups.list_backups(db_path) if "pre-migration" in p.name] == [pre.name]
    assert load(db_path) == data


def test_same_size_rewrite_with_unchanged_timestamps_is_not_overwritten(db_path: Path) -> None:
    """Coarse file-system timestamps: another session's same-size, same-inode rewrite must still be seen."""
    first = Repository(db_path, CLOCK)
    first.quick_add("Ann Lee @ Acme")
    st = os.stat(db_path)
    content = db_path.read_bytes()
    edited = content.replace(b"Ann Lee", b"Bea Lee")
    assert len(edited) == len(content)
    with open(db_path, "r+b") as handle:  # in place: same inode, same size
        handle.write(edited)
    os.utime(db_path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same timestamp
    first.quick_add("Cy Lee @ Acme")
    names = sorted(c.name for c in Repository(db_path, CLOCK).contacts())
    assert names == ["Bea Lee", "Cy Lee"]
