"""Prospects (#19.1): a company the user merely knows is a prospect, not a target.

Only targets count for the plan's 5-10, the coverage warnings and the imports' "at one of your
targets". Quick-add, ``referral-tui add``, the referrer form and a promotion from the network
create an unknown company as a prospect; ``!target`` / ``--target`` create it as a target, and
``Repository.target_company`` (the companies screen's ``t``) makes one a target. Existing files
keep their targets: a company stored without a status is a target.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import orjson
import pytest

from referral_tui.domain import campaign, quickadd
from referral_tui.domain.records import Company, CompanyStatus, Contact, Phase
from referral_tui.domain.targets import is_prospect, is_target, target_ids, targets
from referral_tui.store.repository import Repository
from tests.helpers import assert_one_error_line, fresh, snapshot, undo_text

TODAY = date(2026, 3, 9)
CliRunner = Callable[..., subprocess.CompletedProcess[str]]
FIXTURES = Path(__file__).parent / "fixtures"


# -- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("company", "target", "prospect"),
    [
        (Company("A"), True, False),  # no status given: a target, as before prospects
        (Company("A", status=CompanyStatus.PROSPECT), False, True),
        (Company("A", status=CompanyStatus.PAUSED), False, False),
        (Company("A", status=CompanyStatus.DROPPED), False, False),
        (Company("A", archived=True), False, False),
        (Company("A", status=CompanyStatus.PROSPECT, archived=True), False, False),
    ],
)
def test_only_an_active_target_is_a_target(company: Company, target: bool, prospect: bool) -> None:
    assert (is_target(company), is_prospect(company)) == (target, prospect)


def test_targets_and_target_ids_keep_the_targets_only() -> None:
    companies = [
        Company("A", id=1),
        Company("B", status=CompanyStatus.PROSPECT, id=2),
        Company("C", id=3),
        Company("D", archived=True, id=4),
    ]
    assert [c.name for c in targets(companies)] == ["A", "C"]
    assert target_ids(companies) == {1, 3}


def test_the_plan_and_the_coverage_warnings_count_targets_only() -> None:
    companies = [Company(f"T{n}", id=n) for n in range(1, 5)] + [
        Company(f"P{n}", status=CompanyStatus.PROSPECT, id=n) for n in range(5, 9)
    ]
    rows = campaign.company_rows(companies, [], [], [])
    warnings = campaign.coverage_warnings(rows)
    assert warnings[0] == "4 active targets; the method works with 5-10"
    assert not any("P5" in w for w in warnings), "a prospect with no referrer is not a coverage gap"
    plan = campaign.four_week_plan(TODAY, None, rows, [], [], [], [])
    assert plan.facts["targets"] == 4
    assert plan.weeks[1].progress[0] == "targets 4 of 5-10"


# -- quick-add's !target -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phase", "target"),
    [
        ("Li Wei @ Acme", Phase.RESEARCH, False),
        ("Li Wei @ Acme !target", Phase.RESEARCH, True),
        ("Li Wei @ Acme !TARGET", Phase.RESEARCH, True),
        ("Li Wei @ Acme !t", Phase.TIMING, False),  # a prefix is a phase, never the target word
        ("Li Wei @ Acme !timing !target", Phase.TIMING, True),
        ("Li Wei @ Acme !target !rel #alumni", Phase.RELATIONSHIP, True),
        ("Li Wei !target @ Acme, CTO", Phase.RESEARCH, True),
        ("Li Wei @ Acme !target !target", Phase.RESEARCH, True),
    ],
)
def test_target_is_a_whole_word_beside_one_phase(text: str, phase: Phase, target: bool) -> None:
    parsed = quickadd.parse(text)
    assert (parsed.phase, parsed.target, parsed.company) == (phase, target, "Acme")
    assert parsed.name == "Li Wei"


@pytest.mark.parametrize("word", ["targe", "tar", "targets", "targeted"])
def test_a_word_near_target_is_an_unknown_phase_that_names_target(word: str) -> None:
    with pytest.raises(quickadd.QuickAddError, match=f"unknown phase '!{word}'.*!target"):
        quickadd.parse(f"Li Wei @ Acme !{word}")


def test_target_does_not_count_as_a_second_phase_but_two_phases_still_fail() -> None:
    with pytest.raises(quickadd.QuickAddError, match="at most one phase"):
        quickadd.parse("Li Wei @ Acme !timing !target !rel")


def test_target_beside_ask_still_goes_through_the_gate() -> None:
    with pytest.raises(quickadd.QuickAddError, match="12\\+ gate"):
        quickadd.parse_checked("Li Wei @ Acme !ask !target")
    assert quickadd.parse_checked("Li Wei @ Acme !ask !target", force=True).target


# -- the repository ------------------------------------------------------------------------


def test_quick_add_at_an_unknown_company_makes_a_prospect_the_plan_does_not_count(repo: Repository) -> None:
    contact = repo.quick_add("Priya Shah @ Stripe")
    assert contact.company_id is not None
    stripe = repo.company(contact.company_id)
    assert stripe.status is CompanyStatus.PROSPECT
    assert repo.plan().facts["targets"] == 0
    assert repo.plan().facts["referrers_at_targets"] == 0


def test_target_company_makes_a_prospect_a_target_and_undo_takes_it_back(repo: Repository) -> None:
    contact = repo.quick_add("Priya Shah @ Stripe")
    assert contact.company_id is not None
    made = repo.target_company(contact.company_id)
    assert made.status is CompanyStatus.TARGET
    assert repo.plan().facts == {"targets": 1, "referrers_at_targets": 1, "started": 0}
    assert undo_text(repo) == "made Stripe a target"
    assert repo.company(contact.company_id).status is CompanyStatus.PROSPECT
    repo.redo()
    assert fresh(repo.path).company(contact.company_id).status is CompanyStatus.TARGET  # on disk too


def test_target_company_also_brings_back_a_paused_one(repo: Repository) -> None:
    acme = repo.add_company(Company("Acme", status=CompanyStatus.PAUSED))
    assert repo.target_company(acme.id).status is CompanyStatus.TARGET


def test_quick_add_with_target_creates_a_target(repo: Repository) -> None:
    contact = repo.quick_add("Priya Shah @ Stripe !target !rel")
    assert contact.company_id is not None and contact.phase is Phase.RELATIONSHIP
    assert repo.company(contact.company_id).status is CompanyStatus.TARGET
    assert repo.plan().facts["targets"] == 1


def test_quick_add_with_target_at_a_known_prospect_makes_it_a_target_in_the_same_step(repo: Repository) -> None:
    first = repo.quick_add("Priya Shah @ Stripe")
    second = repo.quick_add("Li Wei @ stripe !target")
    stripe = first.company_id
    assert stripe is not None and second.company_id == stripe
    assert repo.company(stripe).status is CompanyStatus.TARGET
    assert len(repo.companies()) == 1
    repo.undo()  # one step: Li goes, and Stripe is a prospect again
    assert [c.name for c in repo.contacts()] == ["Priya Shah"]
    assert repo.company(stripe).status is CompanyStatus.PROSPECT


def test_quick_add_without_target_leaves_a_known_company_as_it_is(repo: Repository) -> None:
    acme = repo.add_company(Company("Acme"))
    paused = repo.add_company(Company("Initech", status=CompanyStatus.PAUSED))
    repo.quick_add("Li Wei @ ACME")
    repo.quick_add("Bo Chen @ initech")
    assert repo.company(acme.id).status is CompanyStatus.TARGET
    assert repo.company(paused.id).status is CompanyStatus.PAUSED


def test_quick_add_at_an_archived_company_restores_it_with_its_status(repo: Repository) -> None:
    acme = repo.add_company(Company("Acme"))
    repo.archive_company(acme.id)
    repo.quick_add("Li Wei @ Acme")
    restored = repo.company(acme.id)
    assert (restored.archived, restored.status) == (False, CompanyStatus.TARGET)


def test_promoting_a_network_contact_links_a_new_employer_as_a_prospect(repo: Repository) -> None:
    known = repo.add_contact(Contact("Ana Ruiz", phase=None, employer="Globex"))
    promoted = repo.promote(known.id)
    assert promoted.phase is Phase.RESEARCH and promoted.company_id is not None
    globex = repo.company(promoted.company_id)
    assert (globex.name, globex.status) == ("Globex", CompanyStatus.PROSPECT)
    assert repo.plan().facts["targets"] == 0


def test_the_referrer_form_naming_a_new_company_makes_a_prospect(repo: Repository) -> None:
    li = repo.quick_add("Li Wei @ Acme !target")
    moved = repo.edit_contact(li, replace(li, title="CTO"), company_name="Hooli")
    assert moved.company_id is not None
    assert repo.company(moved.company_id).status is CompanyStatus.PROSPECT


def test_an_existing_file_keeps_its_targets(tmp_path: Path) -> None:
    """A company saved before prospects existed has no status field: it is still a target."""
    path = tmp_path / "old.json"
    repo = fresh(path)
    acme = repo.add_company(Company("Acme"))
    repo.quick_add("Li Wei @ Acme")
    data = orjson.loads(path.read_bytes())
    for doc in data["companies"].values():
        doc.pop("status")
    path.write_bytes(orjson.dumps(data))
    reopened = fresh(path)
    assert reopened.company(acme.id).status is CompanyStatus.TARGET
    assert reopened.plan().facts["targets"] == 1


def test_the_linkedin_import_counts_roles_at_targets_only(repo: Repository, tmp_path: Path) -> None:
    """A job application at a prospect is "at a company you do not track", not a new open role."""
    from referral_tui.imports import import_linkedin

    repo.quick_add("Ana Ruiz @ Globex")  # a prospect
    repo.add_company(Company("Acme"))  # a target
    jobs = tmp_path / "Job Applications.csv"
    jobs.write_text(
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
        "Question And Answers\n"
        '"3/1/26, 10:00 AM",,,Acme,Platform Engineer,https://acme.example/1,,\n'
        '"3/1/26, 11:00 AM",,,Globex,SRE,https://globex.example/2,,\n',
        encoding="utf-8",
    )
    summary = import_linkedin(repo, jobs)
    assert (summary.roles + summary.roles_applied, summary.roles_untracked) == (1, 1)
    by_name = {c.name: c for c in repo.companies()}
    assert [r["title"] for r in by_name["Acme"].open_roles] == ["Platform Engineer"]
    assert by_name["Globex"].open_roles == []


# -- the shell -----------------------------------------------------------------------------


def test_add_says_a_new_company_is_a_prospect(cli: CliRunner, db_path: Path) -> None:
    proc = cli("add", "Priya Shah @ Stripe")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Added Priya Shah @ Stripe to Research",
        "  Stripe is new: added as a prospect, not one of your targets "
        "(--target adds a company as a target; t on the companies screen makes one)",
    ]
    [company] = fresh(db_path).companies()
    assert company.status is CompanyStatus.PROSPECT


def test_add_target_creates_a_target_or_makes_a_known_company_one(cli: CliRunner, db_path: Path) -> None:
    proc = cli("add", "--target", "Priya Shah @ Stripe")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1] == "  Stripe is new: added as a target company"
    cli("add", "Li Wei @ Globex")
    proc = cli("add", "Bo Chen @ globex !target")
    assert proc.stdout.splitlines() == ["Added Bo Chen @ Globex to Research", "  Globex is now one of your targets"]
    assert {c.name: c.status for c in fresh(db_path).companies()} == {
        "Stripe": CompanyStatus.TARGET,
        "Globex": CompanyStatus.TARGET,
    }
    proc = cli("add", "Cy Dunn @ Stripe")  # a known target: nothing more to say
    assert proc.stdout.splitlines() == ["Added Cy Dunn @ Stripe to Research"]


def test_add_ask_is_refused_by_the_gate_unless_forced(cli: CliRunner, db_path: Path) -> None:
    fresh(db_path).quick_add("Ann Lee @ Acme")
    before = snapshot(db_path.parent, with_locks=True)
    proc = cli("add", "Priya Shah @ Stripe !ask")
    assert proc.returncode == 2
    line = assert_one_error_line(proc)
    assert "12+ gate" in line and "Priya Shah" in line and "--force" in line
    assert snapshot(db_path.parent, with_locks=True) == before, "a refused add changed a file"
    proc = cli("add", "--force", "Priya Shah @ Stripe !ask")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "Added Priya Shah @ Stripe to Ask"
    assert [c.phase for c in fresh(db_path).contacts() if c.name == "Priya Shah"] == [Phase.ASK]


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("linkedin", FIXTURES / "linkedin" / "connections_modern.csv"),
        ("vcard", FIXTURES / "vcard" / "contacts_v4.vcf"),
        ("google", FIXTURES / "google" / "google_contacts.csv"),
    ],
)
def test_import_phase_ask_is_refused_by_the_gate_unless_forced(
    cli: CliRunner, db_path: Path, fmt: str, source: Path
) -> None:
    proc = cli("import", fmt, str(source), "--phase", "ask")
    assert proc.returncode == 2
    line = assert_one_error_line(proc)
    assert "12+ gate" in line and "--force" in line
    assert not db_path.exists(), "a refused import created the data file"
    assert list(db_path.parent.glob("referrals.json*")) == []
    proc = cli("import", fmt, str(source), "--phase", "ask", "--force")
    assert proc.returncode == 0, proc.stderr
    people = fresh(db_path).contacts()
    assert people and {c.phase for c in people} == {Phase.ASK}


def test_add_help_names_target_and_force(cli: CliRunner) -> None:
    out = cli("add", "--help").stdout
    assert "--target" in out and "--force" in out and "[!target]" in out


def test_a_company_made_by_quick_add_keeps_its_fields(repo: Repository) -> None:
    """Making a prospect a target changes the status only (a field-level patch)."""
    contact = repo.quick_add("Priya Shah @ Stripe")
    assert contact.company_id is not None
    stripe = repo.company(contact.company_id)
    repo.edit_company(stripe, replace(stripe, fit="payments infra", notes="met at a meetup"))
    made = repo.target_company(stripe.id)
    assert (made.fit, made.notes, made.status) == ("payments infra", "met at a meetup", CompanyStatus.TARGET)
