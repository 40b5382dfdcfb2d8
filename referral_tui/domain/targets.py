"""Which companies the campaign pursues: the one rule every count of "targets" goes through.

The method works with 5 to 10 *target* companies. Prospects (known, not pursued), paused
and dropped companies, and archived ones, are not targets: the four-week plan, the coverage
warnings, the metrics and the imports' "at one of your targets" all count through
``is_target``, so a company quick-added on the way never inflates the campaign.
"""

from __future__ import annotations

from collections.abc import Iterable

from referral_tui.domain.enums import CompanyStatus
from referral_tui.domain.records import Company


def is_target(company: Company) -> bool:
    """The company is pursued: its status is target and it is not archived."""
    return company.status is CompanyStatus.TARGET and not company.archived


def is_prospect(company: Company) -> bool:
    """Known but not pursued (the companies screen lists these apart; ``t`` makes one a target)."""
    return company.status is CompanyStatus.PROSPECT and not company.archived


def targets(companies: Iterable[Company]) -> list[Company]:
    """The target companies, in the order given."""
    return [c for c in companies if is_target(c)]


def target_ids(companies: Iterable[Company]) -> set[int]:
    """The ids of the target companies (for "is this person at a target?")."""
    return {c.id for c in companies if is_target(c)}
