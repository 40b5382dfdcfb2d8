"""The installed ``referral-tui`` command: add, due, errors, and where the data file is."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson
import pytest

from referral_tui import __version__
from referral_tui.domain.clock import FixedClock
from referral_tui.domain.records import Ask, Phase
from referral_tui.store.repository import Repository
from tests.helpers import assert_one_error_line, snapshot

TODAY = date(2026, 3, 9)
CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def test_the_installed_console_script_is_on_path() -> None:
    found = shutil.which("referral-tui")  # the hermetic fixture put the venv's bin folder first
    assert found is not None
    assert Path(found) == Path(sys.executable).parent / "referral-tui"


def test_version(cli: CliRunner) -> None:
    proc = cli("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"referral-tui {__version__}"
    assert proc.stderr == ""


def test_python_dash_m_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "referral_tui", "--version"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"referral-tui {__version__}"


@pytest.mark.parametrize("args", [["--help"], ["add", "--help"], ["due", "--help"]])
def test_help(cli: CliRunner, args: list[str], db_path: Path) -> None:
    proc = cli(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: referral-tui")
    assert proc.stderr == ""
    assert not db_path.exists()


def test_help_lists_the_subcommands(cli: CliRunner) -> None:
    out = cli("--help").stdout
    for word in ("add", "due", "demo", "--db", "REFERRAL_TUI_DB", "REFERRAL_TUI_TODAY"):
        assert word in out


def test_add_at_a_company_with_a_comma_quoted_then_known(cli: CliRunner, db_path: Path) -> None:
    first = cli("add", 'Ann Lee @ "Tidal Labs, Inc.", Staff SRE')
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "Added Ann Lee @ Tidal Labs, Inc. to Research"
    again = cli("add", "Bo Chen @ Tidal Labs, Inc., Recruiter")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["Added Bo Chen @ Tidal Labs, Inc. to Research"]  # known: not "new"
    assert [c.name for c in Repository(db_path, FixedClock(TODAY)).companies()] == ["Tidal Labs, Inc."]
    bad = cli("add", 'Cy Wu @ "Tidal Labs')
    assert bad.returncode != 0 and "no closing one" in bad.stderr


def test_add_writes_to_the_env_data_file(cli: CliRunner, db_path: Path) -> None:
    proc = cli("add", "Priya Shah @ Stripe, Staff Engineer #alumni #Infra !rel")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "Added Priya Shah @ Stripe to Relationship"
    assert "Stripe is new: added as a prospect" in proc.stdout  # test_prospects.py says more
    assert proc.stderr == ""

    repo = Repository(db_path, FixedClock(TODAY))
    [contact] = repo.contacts()
    assert contact.name == "Priya Shah"
    assert contact.title == "Staff Engineer"
    assert contact.tags == ["alumni", "infra"]
    assert contact.phase is Phase.RELATIONSHIP
    assert contact.company_id is not None and repo.company(contact.company_id).name == "Stripe"
    # REFERRAL_TUI_TODAY froze the clock of the command too.
    assert contact.created_at.startswith("2026-03-09")

    proc = cli("add", "Li Wei @ stripe")  # the company is matched case-insensitively
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "Added Li Wei @ Stripe to Research"
    assert len(Repository(db_path, FixedClock(TODAY)).companies()) == 1


BAD_ARGS = {
    "quick-add without @": (["add", "Priya Shah"], {}),
    "quick-add two @": (["add", "A @ B @ C"], {}),
    "quick-add empty tag": (["add", "A @ B #"], {}),
    "quick-add unknown phase": (["add", "A @ B !zzz"], {}),
    "quick-add empty": (["add", "   "], {}),
    "quick-add missing text": (["add"], {}),
    "unknown flag": (["--bogus"], {}),
    "unknown subcommand flag": (["due", "--bogus"], {}),
    "unknown subcommand": (["frobnicate"], {}),
    "days not a number": (["due", "--days", "x"], {}),
    "days negative": (["due", "--days", "-1"], {}),
    "days too many": (["due", "--days", "999"], {}),
    "bad today (due)": (["due"], {"REFERRAL_TUI_TODAY": "2026-13-45"}),
    "bad today (add)": (["add", "Bo Chan @ Acme"], {"REFERRAL_TUI_TODAY": "next tuesday"}),
}


@pytest.mark.parametrize("case", list(BAD_ARGS))
def test_bad_input_is_one_line_and_touches_nothing(cli: CliRunner, repo: Repository, db_path: Path, case: str) -> None:
    repo.quick_add("Ann Lee @ Acme")
    before = snapshot(db_path.parent, with_locks=True)
    args, env = BAD_ARGS[case]
    proc = cli(*args, env=env)
    assert proc.returncode == 2, proc
    assert_one_error_line(proc)
    assert proc.stdout == ""
    assert snapshot(db_path.parent, with_locks=True) == before, "bad input changed a file"


def test_bad_days_message_says_what_is_allowed(cli: CliRunner) -> None:
    line = assert_one_error_line(cli("due", "--days", "999"))
    assert "366" in line and "999" in line


def test_bad_today_message_names_the_setting(cli: CliRunner) -> None:
    line = assert_one_error_line(cli("due", env={"REFERRAL_TUI_TODAY": "2026-13-45"}))
    assert "REFERRAL_TUI_TODAY" in line and "YYYY-MM-DD" in line


def test_due_with_nothing_due_is_friendly(cli: CliRunner, repo: Repository, db_path: Path) -> None:
    repo.quick_add("Ann Lee @ Acme")  # a campaign with nothing scheduled
    before = db_path.read_bytes()
    proc = cli("due")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "Nothing due in the next 7 days. Use the quiet time to give value to a referrer."
    assert proc.stderr == ""
    assert db_path.read_bytes() == before, "reading must not change the data file"
    assert "next 3 days" in cli("due", "--days", "3").stdout


@pytest.fixture
def asked(repo: Repository) -> Repository:
    """Alice asked on 20 Feb, Bob on 2 Mar; today is Mon 9 Mar 2026."""
    alice = repo.quick_add("Alice Smith @ Acme")
    bob = repo.quick_add("Bob Jones @ Beta Corp")
    carol = repo.quick_add("Carol Diaz @ Acme")
    repo.add_ask(Ask(contact_id=alice.id, day=date(2026, 2, 20)))
    repo.add_ask(Ask(contact_id=bob.id, day=date(2026, 3, 2)))
    repo.add_ask(Ask(contact_id=carol.id, day=date(2026, 2, 23)))
    repo.archive(carol.id)  # an archived referrer's follow-ups are not due
    return repo


WEEK2 = "Week-2 check-in: was the referral submitted?"
WEEK3 = "Week-3 update and thanks"
WEEK4 = "Week-4 share an insight or resource"


def test_due_groups_overdue_today_upcoming(cli: CliRunner, asked: Repository) -> None:
    proc = cli("due", "--days", "7")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == [
        "Overdue (2)",
        f"  {'Fri 27 Feb, 10 days late':<24} Alice Smith @ Acme: {WEEK2}",
        f"  {'Fri 06 Mar, 3 days late':<24} Alice Smith @ Acme: {WEEK3}",
        "Today (1)",
        f"  {'Mon 09 Mar':<24} Bob Jones @ Beta Corp: {WEEK2}",
        "Upcoming (next 7 days) (2)",
        f"  {'Fri 13 Mar':<24} Alice Smith @ Acme: {WEEK4}",
        f"  {'Mon 16 Mar':<24} Bob Jones @ Beta Corp: {WEEK3}",
    ]
    assert "Carol" not in proc.stdout


def test_due_default_days_is_7(cli: CliRunner, asked: Repository) -> None:
    assert cli("due").stdout == cli("due", "--days", "7").stdout


@pytest.mark.parametrize(
    ("days", "upcoming"),
    [
        ("0", []),
        ("3", []),
        ("4", [f"  {'Fri 13 Mar':<24} Alice Smith @ Acme: {WEEK4}"]),
        ("6", [f"  {'Fri 13 Mar':<24} Alice Smith @ Acme: {WEEK4}"]),
    ],
)
def test_due_days_sets_the_upcoming_horizon(cli: CliRunner, asked: Repository, days: str, upcoming: list[str]) -> None:
    proc = cli("due", "--days", days)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "Overdue (2)"
    assert "Today (1)" in lines
    if upcoming:
        start = lines.index(f"Upcoming (next {days} days) ({len(upcoming)})")
        assert lines[start + 1 :] == upcoming
    else:
        assert not any(line.startswith("Upcoming") for line in lines)


def test_due_follows_the_frozen_date(cli: CliRunner, asked: Repository) -> None:
    proc = cli("due", "--days", "0", env={"REFERRAL_TUI_TODAY": "2026-02-26"})
    assert proc.returncode == 0, proc.stderr
    # Nothing was overdue or due on 26 Feb for Alice (week 2 falls on 27 Feb).
    assert proc.stdout.startswith("Nothing due in the next 0 days")


def test_db_option_beats_the_env_variable(cli: CliRunner, tmp_path: Path, db_path: Path) -> None:
    db_path.write_bytes(b"this is not json")  # REFERRAL_TUI_DB points at a damaged file
    damaged = db_path.read_bytes()
    other = tmp_path / "elsewhere" / "mine.json"

    proc = cli("--db", str(other), "add", "Zed Zhou @ Quux")
    assert proc.returncode == 0, proc.stderr
    assert [r["name"] for r in orjson.loads(other.read_bytes())["contacts"].values()] == ["Zed Zhou"]
    assert db_path.read_bytes() == damaged

    proc = cli("--db", str(other), "due")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Nothing due")

    # Without --db the env variable's (damaged) file is the one used.
    line = assert_one_error_line(cli("due"))
    assert str(db_path) in line


def test_db_option_expands_the_home_folder(cli: CliRunner, tmp_path: Path) -> None:
    proc = cli("--db", "~/campaign/referrals.json", "add", "Ann Lee @ Acme")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "home" / "campaign" / "referrals.json").is_file()


def test_without_db_or_env_the_user_data_folder_is_used(cli: CliRunner, tmp_path: Path) -> None:
    proc = cli("add", "Ann Lee @ Acme", env={"REFERRAL_TUI_DB": ""})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "xdg-data" / "referral-tui" / "referrals.json").is_file()
    assert not (tmp_path / "referrals.json").exists()


def test_db_that_is_a_folder_is_one_error_line(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "afolder"
    folder.mkdir()
    for args in (["--db", str(folder), "due"], ["--db", str(folder), "add", "Ann Lee @ Acme"]):
        proc = cli(*args)
        assert proc.returncode == 1, proc
        line = assert_one_error_line(proc)
        assert str(folder) in line
    assert list(folder.iterdir()) == []


def test_db_under_a_file_is_one_error_line(cli: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "notafolder"
    blocker.write_bytes(b"x")
    proc = cli("--db", str(blocker / "referrals.json"), "add", "Ann Lee @ Acme")
    assert proc.returncode == 1, proc
    line = assert_one_error_line(proc)
    assert str(blocker) in line
    assert blocker.read_bytes() == b"x"


# -- start-up: each command imports what it needs (#14) -------------------------------------


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(orjson.loads(proc.stdout))


def test_importing_the_cli_loads_no_subcommand() -> None:
    loaded = _loaded_after("import referral_tui.cli")
    for module in (
        "referral_tui.commands",
        "referral_tui.serve",
        "referral_tui.exports",
        "referral_tui.imports",
        "referral_tui.store.merge",
        "referral_tui.store.repository",
        "referral_tui.demo",
        "asyncio",
        "platformdirs",
    ):
        assert module not in loaded, f"import referral_tui.cli loaded {module}"


def test_opening_the_repository_loads_no_rule_the_board_does_not_need() -> None:
    loaded = _loaded_after("import referral_tui.store.repository")
    for module in ("coach", "metrics", "templates", "today", "campaign", "checks", "strength", "quickadd"):
        assert f"referral_tui.domain.{module}" not in loaded, f"the repository loaded domain.{module}"


def test_the_parsers_copies_of_serve_and_merge_constants_agree() -> None:
    from referral_tui import cli, serve
    from referral_tui.store.merge import PREFERENCES

    assert cli.PREFER_CHOICES == PREFERENCES
    assert (cli.SERVE_HOST, cli.SERVE_PORT) == (serve.DEFAULT_HOST, serve.DEFAULT_PORT)


def test_a_bad_serve_port_is_still_one_error_line(cli: CliRunner) -> None:
    line = assert_one_error_line(cli("serve", "--port", "70000"))
    assert "70000" in line
