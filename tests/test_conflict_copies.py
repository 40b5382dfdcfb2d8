"""Sync tools' conflict copies beside the data file: found by name, said in one line at start."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from referral_tui.store import backups
from referral_tui.store.conflict_copies import conflict_copies, copy_kind, merge_command, notice
from tests.helpers import fresh

CliRunner = Callable[..., subprocess.CompletedProcess[str]]

SYNCTHING = "referrals.sync-conflict-20261130-091502-ABCDEFG.json"
DROPBOX = "referrals (laptop's conflicted copy 2026-11-30).json"
COPIES = {
    SYNCTHING: "Syncthing",
    "referrals.sync-conflict-20261130-091502-ABCDEFG.sync-conflict-20261201-080000-XYZ2345.json": "Syncthing",
    DROPBOX: "Dropbox",
    "referrals (laptop's conflicted copy 2026-11-30 (1)).json": "Dropbox",
    "referrals (laptop's conflicted copy 2026-11-30) (2).json": "Dropbox",
    "referrals (Jane Doe’s conflicted copy 2026-11-30).json": "Dropbox",
    "referrals (conflicted copy 2026-11-30).json": "Dropbox",
}
NOT_COPIES = [
    "referrals.json.bak",
    "referrals.json.lock",
    "referrals-old.json",
    "other.sync-conflict-20261130-091502-ABCDEFG.json",
    "referrals.sync-conflict-2026-11-30-ABCDEFG.json",
    "referrals.sync-conflict-20261130-091502-ABCDEFG.csv",
    "other (laptop's conflicted copy 2026-11-30).json",
    "referrals (laptop's copy 2026-11-30).json",
    "referrals (laptop's conflicted copy 2026-11-30).json.tmp",
    ".referrals.json.x1y2.tmp",
]


@pytest.mark.parametrize("name", list(COPIES))
def test_both_naming_schemes_are_recognised(tmp_path: Path, name: str) -> None:
    data = tmp_path / "referrals.json"
    assert copy_kind(data, tmp_path / name) == COPIES[name]


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_names_are_not_copies(tmp_path: Path, name: str) -> None:
    assert copy_kind(tmp_path / "referrals.json", tmp_path / name) is None


def test_the_scan_finds_copies_beside_the_file_only(tmp_path: Path) -> None:
    data = tmp_path / "referrals.json"
    fresh(data).quick_add("Ana Ruiz @ Acme")
    for name in [*COPIES, *NOT_COPIES]:
        (tmp_path / name).write_text("{}")
    (tmp_path / "referrals.sync-conflict-20261130-091502-FOLDER1.json").mkdir()  # a folder is not a copy
    aside = backups.conflicts_dir(data)
    aside.mkdir(parents=True)
    (aside / "referrals.sync-conflict-20261101-091502-ABCDEFG.json").write_text("{}")  # already merged
    found = conflict_copies(data)
    assert [p.name for p in found] == sorted(COPIES)
    assert all(p.parent == tmp_path for p in found)
    assert backups.list_backups(data) == [] or all(p.parent != aside for p in backups.list_backups(data))


def test_a_symlinked_data_file_is_looked_for_beside_its_target(tmp_path: Path) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    fresh(synced / "referrals.json").quick_add("Ana Ruiz @ Acme")
    link = tmp_path / "referrals.json"
    link.symlink_to(synced / "referrals.json")
    (synced / SYNCTHING).write_text("{}")
    assert [p.name for p in conflict_copies(link)] == [SYNCTHING]


def test_no_copies_no_notice(tmp_path: Path) -> None:
    assert conflict_copies(tmp_path / "referrals.json") == []
    assert notice([], tmp_path / "referrals.json") == ""


def test_the_notice_is_one_line_naming_the_tools_and_the_command(tmp_path: Path) -> None:
    data = tmp_path / "referrals.json"
    one = notice([tmp_path / SYNCTHING], data)
    assert one == (
        f"a conflict copy of referrals.json is beside it (Syncthing): merge it with "
        f"`referral-tui merge {tmp_path / SYNCTHING}`"
    )
    two = notice([tmp_path / DROPBOX, tmp_path / SYNCTHING], data)
    assert "\n" not in two
    assert two.startswith("2 conflict copies of referrals.json are beside it (Syncthing, Dropbox): ")
    assert f'`referral-tui merge "{tmp_path / DROPBOX}"`' in two, "a name with spaces is quoted for the shell"


def test_the_merge_command_names_the_data_file_unless_it_is_the_default(tmp_path: Path) -> None:
    assert merge_command(tmp_path / "referrals.json") == "referral-tui merge"  # REFERRAL_TUI_DB (conftest)
    other = tmp_path / "elsewhere" / "campaign.json"
    assert merge_command(other) == f"referral-tui --db {other} merge"


def test_the_repository_scans_once_and_rescans_on_request(tmp_path: Path) -> None:
    data = tmp_path / "referrals.json"
    repo = fresh(data)
    repo.quick_add("Ana Ruiz @ Acme")
    assert repo.conflict_copies() == [] and repo.conflict_notice() == ""
    (tmp_path / SYNCTHING).write_text("{}")
    assert repo.conflict_copies() == [], "scanned once: the board asks every refresh"
    assert repo.rescan_conflict_copies() == [tmp_path / SYNCTHING]
    assert repo.conflict_copies() == [tmp_path / SYNCTHING]
    assert repo.conflict_notice().startswith("a conflict copy of referrals.json is beside it (Syncthing)")


@pytest.mark.parametrize("args", [["due"], ["add", "Bo Chen @ Beta"], ["export", "json", "{out}"]])
def test_commands_that_read_the_file_print_the_notice_as_a_warning(
    cli: CliRunner, db_path: Path, tmp_path: Path, args: list[str]
) -> None:
    fresh(db_path).quick_add("Ana Ruiz @ Acme")
    before = cli(*(a.replace("{out}", str(tmp_path / "first.json")) for a in args))
    assert before.returncode == 0 and before.stderr == "", before.stderr
    (tmp_path / DROPBOX).write_text("{}")
    proc = cli(*(a.replace("{out}", str(tmp_path / "second.json")) for a in args))
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stderr.splitlines()
    assert line.startswith("referral-tui: warning: a conflict copy of referrals.json is beside it (Dropbox): ")
    assert line.endswith(f'`referral-tui merge "{tmp_path / DROPBOX}"`')
    assert proc.stdout.splitlines()[0].split()[0] == before.stdout.splitlines()[0].split()[0]


def test_the_notice_names_the_db_option_when_it_was_given(cli: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "work" / "campaign.json"
    other.parent.mkdir()
    fresh(other).quick_add("Ana Ruiz @ Acme")
    (other.parent / "campaign.sync-conflict-20261130-091502-ABCDEFG.json").write_text("{}")
    proc = cli("--db", str(other), "due")
    assert proc.returncode == 0
    assert f"`referral-tui --db {other} merge {other.parent}/campaign.sync-conflict-" in proc.stderr


def test_a_damaged_data_file_is_still_one_error_line(cli: CliRunner, db_path: Path, tmp_path: Path) -> None:
    db_path.write_text("{not json")
    (tmp_path / SYNCTHING).write_text("{}")
    proc = cli("due")
    assert proc.returncode != 0
    [line] = proc.stderr.splitlines()
    assert line.startswith("referral-tui: error:") and "is damaged" in line
