"""The files around the data: symlinks, wall-clock backups, exports that never overwrite the
app's own files, and what a crash or a bad argument does to the exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from referral_tui import cli
from referral_tui.domain.clock import FixedClock
from referral_tui.exports import ExportRefused, write_csv, write_json
from referral_tui.store import backups
from tests.helpers import TODAY, fresh

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def real_wall_clock() -> Iterator[None]:
    yield
    backups.wall_clock = datetime.now


def names(path: Path) -> list[str]:
    return [c["name"] for c in orjson.loads(path.read_bytes())["contacts"].values()]


# -- symlinks --------------------------------------------------------------------------------


def test_a_symlinked_data_file_stays_a_symlink_and_its_target_is_updated(tmp_path: Path) -> None:
    real = tmp_path / "sync" / "referrals.json"
    real.parent.mkdir()
    fresh(real).quick_add("Ana Ruiz @ Acme")
    link = tmp_path / "referrals.json"
    link.symlink_to(real)
    repo = fresh(link)
    repo.quick_add("Bo Chen @ Beta")
    assert link.is_symlink() and link.resolve() == real
    assert names(real) == ["Ana Ruiz", "Bo Chen"]
    assert not list(tmp_path.glob(".referrals.json.*")), "temp files go beside the target"
    assert (real.parent / "referrals.json.lock").exists()
    assert repo.path == link.absolute(), "messages name the file the user gave"


# -- backups by the wall clock ---------------------------------------------------------------


def test_a_frozen_future_day_does_not_prune_the_real_backups(tmp_path: Path) -> None:
    path = tmp_path / "referrals.json"
    folder = backups.backup_dir(path)
    now = datetime.now()

    def days_ago(days: int) -> Callable[[], datetime]:
        return lambda: now - timedelta(days=days)

    for days in range(1, 4):  # three real daily backups, written on the last three days
        backups.wall_clock = days_ago(days)
        fresh(path).quick_add(f"Person {days} @ Acme")
    backups.wall_clock = datetime.now
    folder.mkdir(exist_ok=True)
    for n in range(20):  # stale ones named in the future by an old version's frozen clock
        stale = folder / f"2030-01-{n + 1:02d}.json"
        stale.write_bytes(b"{}")
        os.utime(stale, (1_000_000 + n, 1_000_000 + n))
    repo = type(fresh(path))(path, FixedClock(TODAY.replace(year=2031)))  # the app's clock in the future
    repo.quick_add("Today Person @ Acme")
    kept = backups.list_backups(path)
    assert len(kept) == backups.KEEP
    assert (folder / f"{now:%Y-%m-%d}.json").exists(), "today's backup is kept: it is the newest by mtime"
    assert all((folder / f"{(now - timedelta(days=d)):%Y-%m-%d}.json").exists() for d in (2, 3))
    assert backups.newest_backup(path) == folder / f"{now:%Y-%m-%d}.json"


def test_the_damaged_file_message_names_the_newest_backup_by_mtime(tmp_path: Path, cli: CliRunner) -> None:
    path = tmp_path / "referrals.json"
    fresh(path).quick_add("Ana Ruiz @ Acme")
    backups.wall_clock = lambda: datetime.now() - timedelta(days=1)
    fresh(path).quick_add("Bo Chen @ Acme")
    folder = backups.backup_dir(path)
    stale = folder / "2099-12-31.json"
    stale.write_bytes(b"{}")
    os.utime(stale, (1_000_000, 1_000_000))
    backups.wall_clock = datetime.now
    fresh(path).quick_add("Cy Dow @ Acme")
    newest = backups.newest_backup(path)
    assert newest is not None and newest.name == f"{datetime.now():%Y-%m-%d}.json"
    path.write_bytes(b"garbage")
    proc = cli("--db", str(path), "due")
    assert proc.returncode == 1 and str(newest) in proc.stderr and "2099" not in proc.stderr


# -- exports never overwrite the app's files -------------------------------------------------


def test_export_csv_refuses_a_folder_holding_the_data_file(tmp_path: Path, cli: CliRunner) -> None:
    folder = tmp_path / "data"
    path = folder / "contacts.csv"  # a data file that happens to be named like an export
    fresh(path).quick_add("Ana Ruiz @ Acme")
    before = path.read_bytes()
    for args in (["export", "csv", str(folder)], ["export", "csv", str(folder), "--force"]):
        proc = cli("--db", str(path), *args)
        assert proc.returncode != 0 and proc.stderr.count("\n") == 1, proc.stderr
        assert path.read_bytes() == before
    with pytest.raises(ExportRefused, match="own files"):
        write_csv(fresh(path), folder, force=True)


def test_export_json_never_replaces_a_backup_or_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "referrals.json"
    backups.wall_clock = lambda: datetime.now() - timedelta(days=1)
    fresh(path).quick_add("Ana Ruiz @ Acme")
    backups.wall_clock = datetime.now
    repo = fresh(path)
    repo.quick_add("Bo Chen @ Acme")
    (backup,) = backups.list_backups(path)
    content = backup.read_bytes()
    for target in (backup, path, path.with_name("referrals.json.lock"), backups.backup_dir(path) / "new.json"):
        with pytest.raises(ExportRefused):
            write_json(repo, target)
    assert backup.read_bytes() == content


def test_export_csv_is_all_or_nothing_and_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    repo = fresh(tmp_path / "referrals.json")
    repo.quick_add("Ana Ruiz @ Acme")
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    with pytest.raises(ExportRefused, match="not empty"):
        write_csv(repo, out)
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    written = write_csv(repo, out, force=True)
    assert (out / "mine.txt").read_text() == "keep me", "--force replaces only the export's own files"
    assert {p.name for p in written} <= {p.name for p in out.iterdir()}
    assert not list(tmp_path.glob(".out.*")), "no staging folder is left behind"
    fresh_out = tmp_path / "new"
    assert len(write_csv(repo, fresh_out)) == len(written)


# -- exit codes ------------------------------------------------------------------------------


def test_invalid_utf8_in_an_argument_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "REFERRAL_TUI_DB": str(tmp_path / "r.json")}
    proc = subprocess.run(
        [sys.executable, "-m", "referral_tui", "add", b"Bad\xff @ Acme".decode("utf-8", "surrogateescape")],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8", "replace")
    assert err.count("\n") == 1 and "not valid UTF-8" in err and "Traceback" not in err
    assert not (tmp_path / "r.json").exists()


class _CrashingApp:
    """Stands in for the Textual app: a crash sets its return code to 1."""

    fatal = ""
    return_code = 1

    def run(self) -> None:
        return None


class _StoppedApp(_CrashingApp):
    fatal = "/x/referrals.json is damaged (the file holds only blank space)"


@pytest.mark.parametrize("app", [_CrashingApp(), _StoppedApp()])
def test_a_crash_or_a_stop_of_the_app_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], app: _CrashingApp
) -> None:
    monkeypatch.setattr("referral_tui.ui.app.make_app", lambda repo, config=None: app)
    assert cli.main(["--db", str(tmp_path / "r.json")]) == 1
    err = capsys.readouterr().err
    assert (app.fatal in err) if app.fatal else err == ""
