"""``referral-tui today`` and ``due`` end to end (#16.1, #16.6), through the installed command.

``today`` prints the rows of ``Repository.today()`` (the T screen's), one line each: what,
who, why. ``due`` and ``today`` on a file that --db or REFERRAL_TUI_DB names but that does not
exist say so in one line and exit non-zero, creating nothing; the default file missing on a
fresh install is "no campaign yet" and exit 0, also creating nothing.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from referral_tui.demo import write_demo
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import Company, Interaction, InteractionKind
from referral_tui.domain.today import RowKind
from referral_tui.store.repository import Repository
from tests.helpers import assert_one_error_line, fresh, snapshot

TODAY = date(2026, 3, 9)
CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def everything_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    write_demo(path, FixedClock(TODAY))
    return path


def test_today_prints_the_rows_of_the_today_screen_in_order(cli: CliRunner, demo_db: Path) -> None:
    rows = fresh(demo_db).today()
    assert {RowKind.OVERDUE, RowKind.COACH} <= {r.kind for r in rows}, "the demo has overdue items and findings"
    before = demo_db.read_bytes()
    proc = cli("--db", str(demo_db), "today")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert len(lines) == len(rows)
    for line, row in zip(lines, rows, strict=True):
        assert line.startswith(row.kind.label), line
        assert line.endswith(row.why), line
        assert row.name in line
    assert lines[0].startswith("Overdue")
    assert demo_db.read_bytes() == before, "today must not change the data file"


def test_today_says_who_and_where(cli: CliRunner, repo: Repository, db_path: Path) -> None:
    acme = repo.add_company(Company("Acme", fit="f", decision_makers="d", challenges="c", my_angle="a"))
    li = repo.quick_add("Li Wei @ Acme !timing")
    repo.score(li.id, ScoreEntry(TODAY, 4, 4, 4, 4))
    repo.log_interaction(Interaction(li.id, ago(1), InteractionKind.EVENT, "met at the meetup"))
    assert acme.id == li.company_id
    proc = cli("today")
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    what, rest = line.split("  ", 1)
    assert what == "After event"
    assert rest.strip().startswith("Li Wei @ Acme  Follow up with Li Wei within 48 hours")


def test_today_with_nothing_to_do(cli: CliRunner, repo: Repository) -> None:
    repo.quick_add("Ann Lee @ Acme")  # in Research: nothing to do yet
    proc = cli("today")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Nothing to do today")


def test_today_help(cli: CliRunner) -> None:
    proc = cli("today", "--help")
    assert proc.returncode == 0 and "usage: referral-tui today" in proc.stdout
    assert "today" in cli("--help").stdout


# -- a file that is not there --------------------------------------------------------------


@pytest.mark.parametrize("command", ["due", "today"])
def test_a_missing_file_named_by_db_is_one_line_and_creates_nothing(
    cli: CliRunner, tmp_path: Path, command: str
) -> None:
    before = everything_under(tmp_path)
    typo = tmp_path / "typo" / "x.json"
    proc = cli("--db", str(typo), command)
    assert proc.returncode == 1
    line = assert_one_error_line(proc)
    assert line.startswith(f"referral-tui: error: no campaign at {typo} (")
    assert "--db" in line
    assert everything_under(tmp_path) == before, "no folder, no lock, no file"


@pytest.mark.parametrize("command", ["due", "today"])
def test_a_missing_file_named_by_the_environment_is_one_line_and_creates_nothing(
    cli: CliRunner, tmp_path: Path, db_path: Path, command: str
) -> None:
    before = everything_under(tmp_path)
    proc = cli(command)  # REFERRAL_TUI_DB (conftest) names tmp_path/referrals.json, not there
    assert proc.returncode == 1
    line = assert_one_error_line(proc)
    assert line.startswith(f"referral-tui: error: no campaign at {db_path} (REFERRAL_TUI_DB ")
    assert everything_under(tmp_path) == before


@pytest.mark.parametrize("command", ["due", "today"])
def test_the_default_file_missing_is_no_campaign_yet_and_exit_0(cli: CliRunner, tmp_path: Path, command: str) -> None:
    before = everything_under(tmp_path)
    proc = cli(command, env={"REFERRAL_TUI_DB": ""})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    first, how = proc.stdout.splitlines()
    assert first.lower().startswith("no campaign yet")
    assert str(tmp_path / "xdg-data" / "referral-tui" / "referrals.json") in first
    assert 'referral-tui add "Name @ Company"' in how and "--demo" in how
    assert everything_under(tmp_path) == before, "not even the data folder"


def test_a_file_that_exists_is_read_as_before(cli: CliRunner, repo: Repository, db_path: Path) -> None:
    repo.quick_add("Ann Lee @ Acme")
    before = snapshot(db_path.parent)
    assert cli("due").returncode == 0
    assert cli("today").returncode == 0
    assert snapshot(db_path.parent) == before


# -- the config's day counts reach today ---------------------------------------------------


def quiet_referrer(repo: Repository, days: int) -> None:
    """Kim, in Relationship, last heard from ``days`` ago, with no follow-up open."""
    kim = repo.quick_add("Kim Ode @ Acme !rel")
    repo.log_interaction(Interaction(kim.id, ago(days), InteractionKind.MESSAGE, "caught up"))
    for f in repo.followups():
        repo.skip_followup(f.id, "not needed")


def test_stay_in_touch_days_comes_from_the_config(cli: CliRunner, repo: Repository, tmp_path: Path) -> None:
    quiet_referrer(repo, 15)
    assert [r.kind for r in repo.today()] == []  # 15 quiet days: under the default 30
    assert [r.kind for r in repo.today(stay_in_touch_days=10)] == [RowKind.STAY_IN_TOUCH]
    assert "No contact with Kim Ode" not in cli("today").stdout
    settings = tmp_path / "settings.toml"
    settings.write_text("stay_in_touch_days = 10\n")
    proc = cli("today", env={"REFERRAL_TUI_CONFIG": str(settings)})
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    assert line.startswith("Stay in touch") and "No contact with Kim Ode for 15 days" in line


def test_role_max_age_days_comes_from_the_config(cli: CliRunner, repo: Repository, tmp_path: Path) -> None:
    role = {"title": "Staff SRE", "url": "https://acme.example/sre", "seen": ago(50).isoformat(), "status": "open"}
    repo.add_company(Company("Acme", fit="f", decision_makers="d", challenges="c", my_angle="a", open_roles=[role]))
    li = repo.quick_add("Li Wei @ Acme !timing")
    repo.score(li.id, ScoreEntry(TODAY, 4, 4, 4, 4))
    assert RowKind.ROLE not in [r.kind for r in repo.today()]  # seen 50 days ago: past the default 45
    assert [r.kind for r in repo.today(role_max_age_days=60)] == [RowKind.ROLE]
    assert repo.current_roles(li.company_id or 0) == []
    assert [r.title for r in repo.current_roles(li.company_id or 0, max_age=60)] == ["Staff SRE"]
    settings = tmp_path / "settings.toml"
    settings.write_text("role_max_age_days = 60\n")
    proc = cli("today", env={"REFERRAL_TUI_CONFIG": str(settings)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Open role")


def test_a_bad_config_is_a_warning_and_today_runs_on_the_defaults(
    cli: CliRunner, repo: Repository, tmp_path: Path
) -> None:
    quiet_referrer(repo, 40)
    settings = tmp_path / "settings.toml"
    settings.write_text("stay_in_touch_days = 0\n")
    proc = cli("today", env={"REFERRAL_TUI_CONFIG": str(settings)})
    assert proc.returncode == 0
    [warning] = proc.stderr.splitlines()
    assert warning.startswith("referral-tui: warning: ") and "stay_in_touch_days must be" in warning
    assert "No contact with Kim Ode for 40 days" in proc.stdout
