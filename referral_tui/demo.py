"""The sample campaign behind ``--demo`` and ``demo --out``: one job seeker's campaign, mid-flight.

The seeker is a senior backend/platform engineer about three months into a referral
campaign: eight target companies, 24 referrers spread over the four phases, seven asks at
different stages and ~40 imported LinkedIn connections. Every date is counted back from
``clock.today()``, so on whatever day the demo is opened some follow-ups are overdue, one
falls due today and others are coming up. There is no randomness: one day always gives the
same file. It is written in one transaction, so one atomic write and one undo step.

A few things are wrong on purpose, so the coach has something to catch: an ask to a
low-scoring referrer with no context packet and no value given first, two companies whose
research is unfinished, a skipped follow-up and overdue ones.
"""

from __future__ import annotations

import errno
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from referral_tui.domain import followups
from referral_tui.domain.clock import Clock
from referral_tui.domain.matrix import ScoreEntry
from referral_tui.domain.records import (
    Ask,
    AskStatus,
    Company,
    CompanyStatus,
    Contact,
    FollowUpKind,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Phase,
)
from referral_tui.store.migrations import Ids
from referral_tui.store.repository import Repository

DEMO_FILENAME = "demo-campaign.json"
RESUME_URL = "https://files.example/resume/senior-backend-platform-engineer.pdf"

#: (days ago, relationship, influence, relevance, timing)
Score = tuple[int, int, int, int, int]
#: (days ago, kind, summary) or, when it yielded insider information, (..., insider text)
Log = tuple[int, str, str] | tuple[int, str, str, str]


def demo_path() -> Path:
    """A path for a throwaway demo file inside a new private (0700) temp folder."""
    return Path(tempfile.mkdtemp(prefix="referral-tui-demo-")) / DEMO_FILENAME


# -- the campaign, as data ---------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    name: str
    domain: str
    fit: str
    decision_makers: str
    challenges: str
    my_angle: str
    roles: tuple[tuple[str, str, int, str], ...]  # title, url slug, seen (days ago), status
    status: CompanyStatus = CompanyStatus.TARGET
    notes: str = ""
    since: int = 86


@dataclass(frozen=True)
class _Referrer:
    name: str
    company: str
    title: str
    phase: Phase
    how_found: str
    notes: str
    scores: tuple[Score, ...] = ()
    log: tuple[Log, ...] = ()
    tags: tuple[str, ...] = ()
    email: str = ""
    since: int | None = None  # days ago first noted; default: the oldest dated entry


@dataclass(frozen=True)
class _AskPlan:
    who: str
    ago: int
    role: str
    req_id: str
    why_role: str
    points: tuple[str, ...]
    blurb: str
    history: tuple[tuple[str, int], ...] = ()  # statuses after "requested": (status, days ago)
    screening_quality: int | None = None
    insider_info: str = ""
    done: tuple[tuple[FollowUpKind, int], ...] = ()  # (follow-up kind, days ago it was done)
    skipped: tuple[tuple[FollowUpKind, str], ...] = ()  # (follow-up kind, reason)
    packet: bool = True


# The tables below keep one referrer's identity on one line; the formatter would split it up.
# fmt: off
_TARGETS: tuple[_Target, ...] = (
    _Target(
        "Northwind Analytics",
        "northwind-analytics.example",
        fit="Managed analytics warehouse; the platform team runs a multi-tenant query fleet on Kubernetes, "
        "the kind of system I have run for six years. Remote-first, and their blog takes on-call health seriously.",
        decision_makers="Dana Okafor (EM, Data Platform) hires for platform; the VP of Engineering signs off. "
        "Ines Carvalho is the technical recruiter.",
        challenges="Query cost grew faster than revenue last year; noisy-neighbour incidents between big tenants; "
        "moving off a self-managed Kafka cluster.",
        my_angle="I led tenant isolation (quotas, admission control) on a shared fleet and cut compute spend 31% "
        "with queue-depth autoscaling. I have moved a team off self-run Kafka with no downtime.",
        roles=(
            ("Staff Platform Engineer", "staff-platform-engineer", 30, "applied"),
            ("Senior Backend Engineer, Query Service", "senior-backend-query", 52, "closed"),
        ),
    ),
    _Target(
        "Brightfold Health",
        "brightfold.example",
        fit="Scheduling and records APIs for about 900 clinics. Work that matters to me, and the integrations "
        "team is backend-heavy: Go, Postgres, queues.",
        decision_makers="Tom Achterberg (Director of Engineering) owns hiring for Integrations and Reliability; "
        "Priya Venkataraman sits on every integrations loop.",
        challenges="Each new EHR integration takes a quarter; partner outages page their on-call; "
        "SOC 2 Type II renewal this year.",
        my_angle="I built a connector framework that took partner integrations from 10 weeks to 3, with contract "
        "tests and replayable dead-letter queues, and owned the platform through two SOC 2 audits.",
        roles=(
            ("Senior Backend Engineer, Integrations", "senior-backend-integrations", 20, "applied"),
            ("Platform Engineer, Reliability", "platform-reliability", 5, "open"),
        ),
    ),
    _Target(
        "Saltmarsh Freight",
        "saltmarsh-freight.example",
        fit="Freight visibility: event streams from trucks and ports on Kafka and Postgres. The platform team "
        "is small, so the scope would be wide.",
        decision_makers="Kwame Mensah leads Platform and runs the loop; Luis Ortega (VP Engineering) approves "
        "every hire.",
        challenges="Going from one region to two after a long outage last autumn; event volume tripled with the "
        "ocean-freight launch; the cloud bill is under scrutiny since the Series C.",
        my_angle="I ran our single- to multi-region move (active-passive Postgres, replayable streams) and set up "
        "the SLOs and game days that kept it honest.",
        roles=(
            ("Senior Platform Engineer", "senior-platform-engineer", 10, "applied"),
            ("Backend Engineer, Pricing", "backend-pricing", 33, "closed"),
        ),
    ),
    _Target(
        "Corvane Payments",
        "corvane.example",
        fit="Payments infrastructure for marketplaces. A double-entry ledger at scale is the backend problem I "
        "enjoy most; they hire remotely in my time zone.",
        decision_makers="Aisha Bello (EM, Ledger) hires for the ledger team; the Head of Engineering signs off. "
        "Mei Tanaka leads engineering recruiting.",
        challenges="Month-end reconciliation runs for hours; a new bank partner needs idempotent payouts; "
        "shrinking PCI scope.",
        my_angle="I moved reconciliation from a nightly batch to streaming with idempotency keys (month-end close "
        "from 6 hours to 40 minutes) and owned our card-data segment for PCI.",
        roles=(
            ("Senior Backend Engineer, Ledger", "senior-backend-ledger", 12, "applied"),
            ("Staff Engineer, Payments Reliability", "staff-payments-reliability", 50, "closed"),
        ),
    ),
    _Target(
        "Fernhollow Games",
        "fernhollow.example",
        fit="Online services for a studio whose games I play: matchmaking and session services at real-time scale.",
        decision_makers="Head of Online Services; Oskar's manager runs the backend loop.",
        challenges="Launch-day load spikes; a hiring freeze after their last title sold below plan.",
        my_angle="I built burst autoscaling and load shedding for a ticketing platform that took 40x spikes "
        "without an outage.",
        roles=(("Senior Backend Engineer, Matchmaking", "senior-backend-matchmaking", 75, "closed"),),
        status=CompanyStatus.PAUSED,
        notes="Paused: hiring freeze until their next funding round. Keep Oskar and Jade warm; look again next quarter.",
        since=100,
    ),
    _Target(
        "Quarrystone Energy",
        "quarrystone.example",
        fit="Forecasting and dispatch software for grid-scale batteries: climate work with hard reliability limits.",
        decision_makers="",
        challenges="Telemetry ingestion has to scale with every new battery site.",
        my_angle="",
        roles=(
            ("Senior Software Engineer, Grid Platform", "senior-grid-platform", 9, "applied"),
            ("Site Reliability Engineer", "site-reliability-engineer", 9, "open"),
        ),
        notes="Research half done: find out who owns the grid platform hire before going further.",
        since=30,
    ),
    _Target(
        "Ossory Cloud",
        "ossory.example",
        fit="Hosted CI and build caching for large monorepos. Developer platforms are where I did my best work, "
        "and the company is fully remote.",
        decision_makers="Elena Petrov (Head of Platform) owns both open roles; Chloe Durand is the senior voice "
        "on the build infrastructure loop.",
        challenges="Slow cold-start builds for new customers; the move to remote execution; runner fleet cost "
        "on spot instances.",
        my_angle="I built our Bazel remote cache (median CI from 22 to 7 minutes) and ran a spot-instance runner "
        "fleet with graceful draining.",
        roles=(
            ("Senior Platform Engineer, Build Infrastructure", "senior-platform-build", 2, "open"),
            ("Staff Engineer, Developer Experience", "staff-developer-experience", 45, "applied"),
        ),
        since=60,
    ),
    _Target(
        "Marrowline Bio",
        "marrowline.example",
        fit="Lab automation: pipelines for instrument data. Backend-heavy and a small team.",
        decision_makers="",
        challenges="",
        my_angle="",
        roles=(("Backend Engineer, Lab Data", "backend-lab-data", 15, "open"),),
        since=16,
    ),
)

_REFERRERS: tuple[_Referrer, ...] = (
    # Northwind Analytics
    _Referrer(
        "Dana Okafor", "Northwind Analytics", "Engineering Manager, Data Platform", Phase.ASK, "alumni",
        "Same university, two years ahead of me. Answers short, specific questions the same day.",
        scores=((66, 2, 4, 5, 3), (45, 3, 4, 5, 4), (27, 4, 4, 5, 4)),
        log=(
            (70, "message", "Alumni note asking how her team handles tenant isolation; she replied the same day."),
            (62, "call", "20-minute call about leaving self-run Kafka. Query cost is the board's top worry."),
            (55, "value", "Sent her our write-up on queue-depth autoscaling, the one that cut our bill by a third."),
            (38, "engaged", "Commented on her post about on-call load with how we cap pages per shift."),
            (29, "message", "She told me a staff platform role opens next week.",
             "The staff role is really about cost per query: owning per-tenant quotas and the autoscaler. "
             "Dana is the hiring manager; the VP signs off."),
            (24, "asked", "Asked for a referral to Staff Platform Engineer, with the full context packet."),
            (17, "checkin", "Checked in: she referred me the day I asked and flagged it to the recruiter."),
            (9, "thanks", "Thanked her after the second round and told her which packet points came up."),
        ),
        email="dana.okafor@northwind-analytics.example",
    ),
    _Referrer(
        "Marcus Lindqvist", "Northwind Analytics", "Senior Site Reliability Engineer", Phase.TIMING, "content",
        "Writes a monthly post on incident reviews. Not on the hiring loop, but close to it.",
        scores=((40, 2, 3, 4, 2), (12, 3, 3, 4, 3)),
        log=(
            (50, "engaged", "Replied to his post on blameless reviews with how we time-box ours."),
            (43, "engaged", "Asked how they keep action items from rotting after a review."),
            (36, "value", "Shared our incident-review template and on-call rota sheet, which he had asked about."),
            (20, "call", "Video coffee. A second platform headcount depends on Q2 planning.",
             "Q2 planning decides on a second platform hire, SRE-leaning; the decision comes early next month."),
        ),
    ),
    _Referrer(
        "Ines Carvalho", "Northwind Analytics", "Technical Recruiter", Phase.RELATIONSHIP, "existing",
        "Recruited me for another company in 2022 and we kept in touch.",
        scores=((20, 3, 3, 2, 3),),
        log=(
            (21, "message", "Caught up; told her I'm looking at platform roles and asked how their loop runs."),
            (19, "message", "She walked me through the loop.",
             "Recruiter screen, systems design, a 'production story' round, then the VP."),
        ),
    ),
    # Brightfold Health
    _Referrer(
        "Priya Venkataraman", "Brightfold Health", "Staff Engineer, Integrations", Phase.ASK, "event",
        "Met her after her talk on HL7 feeds at the Healthcare APIs meetup.",
        scores=((46, 2, 3, 5, 3), (34, 3, 4, 5, 4), (21, 4, 4, 5, 4)),
        log=(
            (47, "event", "Talked after her meetup talk about replaying failed HL7 messages."),
            (46, "value", "Followed up with the dead-letter replay design doc she asked about."),
            (35, "call", "30-minute call; she showed me their partner onboarding checklist."),
            (22, "message", "Integrations gets a new headcount to retire the legacy interface engine.",
             "The interface engine reaches end of life in a year; the new hire owns the strangler migration, "
             "and Tom wants someone who has done one before."),
            (16, "asked", "Asked for a referral to Senior Backend Engineer, Integrations, with the context packet."),
            (9, "checkin", "Checked in: she submitted it and the recruiter had already looked."),
        ),
    ),
    _Referrer(
        "Tom Achterberg", "Brightfold Health", "Director of Engineering", Phase.RELATIONSHIP, "content",
        "Posts about running engineering in healthcare. A decision maker: build a real connection, don't ask him.",
        scores=((21, 1, 5, 4, 3), (6, 2, 5, 4, 4)),
        log=(
            (24, "engaged", "Liked and shared his post on SOC 2 as an engineering habit."),
            (17, "engaged", "Asked a question under his post on pager fatigue; he answered at length."),
            (6, "message", "He accepted my note and suggested a chat once their audit is over."),
        ),
    ),
    _Referrer(
        "Sofia Marin", "Brightfold Health", "Product Manager, Clinic Scheduling", Phase.RESEARCH, "content",
        "Found through her write-up on predicting no-shows. Check whether she works with Integrations.",
        since=11,
    ),
    # Saltmarsh Freight
    _Referrer(
        "Kwame Mensah", "Saltmarsh Freight", "Platform Tech Lead", Phase.ASK, "content",
        "Writes long threads on running Kafka at small scale. Direct, likes numbers.",
        scores=((38, 1, 4, 5, 3), (22, 3, 4, 5, 3), (5, 3, 4, 5, 5)),
        log=(
            (50, "engaged", "Replied to his thread on consumer lag with how we alert on it."),
            (44, "engaged", "Asked how they size lag alerts; a good thread came out of it."),
            (37, "value", "Sent him our lag-based alert rules with the false-positive numbers."),
            (25, "call", "Short call about their region move; he asked how we tested failover."),
            (6, "message", "A senior platform req opens this week.",
             "The first project for the new hire is the second region; Kwame runs the loop himself."),
            (3, "asked", "Asked for a referral to Senior Platform Engineer (SF-2291), packet attached."),
            (1, "update", "He confirmed he submitted the referral."),
        ),
    ),
    _Referrer(
        "Hannah Reuter", "Saltmarsh Freight", "Senior Engineer, Routing", Phase.RELATIONSHIP, "event",
        "Met at the Platform Engineering meetup; she is building their new ETA service.",
        scores=((1, 2, 3, 3, 2),),
        log=((1, "event", "Met at the Platform Engineering meetup; talked about ETA accuracy and backfills."),),
    ),
    _Referrer(
        "Luis Ortega", "Saltmarsh Freight", "VP Engineering", Phase.RESEARCH, "content",
        "Decision maker. Listen again to his podcast on last autumn's outage before any call.",
        scores=((15, 1, 5, 3, 2),),
    ),
    # Corvane Payments
    _Referrer(
        "Aisha Bello", "Corvane Payments", "Engineering Manager, Ledger", Phase.ASK, "existing",
        "Former colleague: two years on the same on-call rota. Knows my work first-hand.",
        scores=((80, 3, 4, 5, 2), (30, 4, 5, 5, 3), (11, 4, 5, 5, 5)),
        log=(
            (82, "message", "Reconnected after two years; swapped news about our teams."),
            (60, "value", "Introduced her to the Postgres consultant she was looking for."),
            (31, "call", "Long call: the ledger team grows in Q1; she'll tell me when the req is live."),
            (11, "message", "The req is live; she asked for my resume and a short note."),
            (9, "asked", "Asked for a referral to Senior Backend Engineer, Ledger, with the context packet."),
        ),
        email="aisha.bello@corvane.example",
    ),
    _Referrer(
        "Ravi Chandran", "Corvane Payments", "Senior Backend Engineer, Payouts", Phase.TIMING, "alumni",
        "Same university, a few years after me. Works on payouts, next door to the ledger team.",
        scores=((28, 2, 2, 5, 3), (6, 3, 3, 5, 3)),
        log=(
            (33, "message", "Alumni note about idempotent payouts; he was glad to talk shop."),
            (27, "call", "Call on retry storms in payout providers."),
            (14, "value", "Sent him the paper on exactly-once delivery he had asked about."),
            (6, "message", "The payouts team splits in two in Q2.",
             "Payouts splits into partner integrations and core in Q2; each half hires a senior backend engineer."),
        ),
    ),
    _Referrer(
        "Mei Tanaka", "Corvane Payments", "Engineering Recruiting Lead", Phase.RESEARCH, "other",
        "Leads engineering recruiting. Contact only after Aisha's referral lands, to avoid a double submission.",
        since=10,
    ),
    # Fernhollow Games (paused)
    _Referrer(
        "Oskar Nyberg", "Fernhollow Games", "Senior Server Engineer", Phase.TIMING, "content",
        "Writes about matchmaking latency. Referred me once; the hiring freeze stops a second try for now.",
        scores=((90, 2, 3, 5, 4), (72, 3, 3, 5, 4), (30, 4, 3, 4, 1)),
        log=(
            (95, "engaged", "Commented on his post about skill-based matchmaking queues."),
            (88, "value", "Shared a load-shedding write-up he then quoted in his next post."),
            (78, "call", "Call about launch-day traffic; he suggested I apply to matchmaking."),
            (70, "asked", "Asked for a referral to Senior Backend Engineer, Matchmaking, with the context packet."),
            (62, "checkin", "He confirmed the referral; the recruiter was moving fast."),
            (56, "thanks", "Thanked him after the rejection and passed on the feedback (console experience)."),
            (48, "value", "Sent him a load-test harness write-up for their launch prep."),
            (18, "checkin", "Monthly check-in: the freeze should lift after the funding round."),
        ),
        tags=("content", "event"),
    ),
    _Referrer(
        "Jade Whitfield", "Fernhollow Games", "Lead Live Ops Engineer", Phase.TIMING, "content",
        "Runs live ops; promised to tell me when the freeze lifts.",
        scores=((40, 2, 4, 3, 2), (10, 3, 4, 3, 2)),
        log=(
            (45, "engaged", "Replied to her post on rollback drills."),
            (38, "message", "Asked how they stage server rollouts during live events."),
            (10, "call", "Video chat; she'll ping me when hiring reopens."),
        ),
    ),
    _Referrer(
        "Leo Brandt", "Fernhollow Games", "Technical Recruiter", Phase.RESEARCH, "other",
        "Recruiter for online services. Nothing to do until the freeze lifts.",
        scores=((25, 1, 3, 2, 1),),
    ),
    # Quarrystone Energy (research unfinished)
    _Referrer(
        "Nadia Haddad", "Quarrystone Energy", "Software Engineer, Forecasting", Phase.ASK, "content",
        "Posts about forecasting models for battery dispatch.",
        scores=((8, 1, 2, 3, 4),),
        log=(
            (12, "engaged", "Liked her post on day-ahead price forecasts."),
            (7, "asked", "Sent a quick referral request for the grid platform role."),
        ),
    ),
    _Referrer(
        "Ben Castillo", "Quarrystone Energy", "Engineering Manager, Grid Platform", Phase.RESEARCH, "other",
        "Probably the hiring manager for the grid platform role; confirm before reaching out.",
        scores=((8, 1, 4, 5, 4),),
    ),
    _Referrer(
        "Tariq Saleh", "Quarrystone Energy", "Staff Engineer, Data Platform", Phase.RELATIONSHIP, "alumni",
        "Same university; moved from fintech to climate two years ago.",
        scores=((19, 2, 3, 4, 3),),
        log=(
            (26, "message", "Alumni note about his move into climate tech."),
            (19, "call", "Call about time-series storage for telemetry."),
            (13, "value", "Sent him our notes comparing two time-series databases under write-heavy load."),
        ),
    ),
    # Ossory Cloud
    _Referrer(
        "Grace Liu", "Ossory Cloud", "Senior Engineer, Runtime", Phase.ASK, "existing",
        "Introduced by a former teammate. Works on runtime, not DevEx, so her pull there is limited.",
        scores=((50, 2, 3, 3, 3), (42, 3, 3, 3, 4)),
        log=(
            (55, "message", "Intro call via a former teammate; talked about sandboxing CI runners."),
            (47, "value", "Shared a benchmark of two sandboxing approaches for their runners."),
            (40, "asked", "Asked for a referral to Staff Engineer, Developer Experience, with the context packet."),
            (33, "checkin", "She submitted it; nothing from recruiting yet."),
            (19, "value", "Sent her a talk on build hermeticity as the week-4 resource."),
        ),
    ),
    _Referrer(
        "Chloe Durand", "Ossory Cloud", "Staff Engineer, Build Infrastructure", Phase.TIMING, "content",
        "Writes about remote caching. On the loop for the new build infrastructure role: ask soon.",
        scores=((30, 2, 4, 5, 3), (16, 3, 4, 5, 3), (3, 4, 4, 5, 5)),
        log=(
            (36, "engaged", "Replied to her post on cache-key design with how we handle toolchain hashes."),
            (31, "engaged", "Asked about eviction policy for their shared cache."),
            (24, "value", "Wrote up how we shard remote-cache keys; she shared it with her team."),
            (16, "call", "30-minute call about remote execution."),
            (3, "message", "The build infrastructure req went live; she is on the loop.",
             "They are moving customers to remote execution this year; the new hire owns the scheduler."),
        ),
    ),
    _Referrer(
        "Sam Whitaker", "Ossory Cloud", "Developer Advocate", Phase.RELATIONSHIP, "event",
        "Friendly and well connected, but far from hiring decisions.",
        scores=((25, 3, 2, 2, 3),),
        log=(
            (27, "event", "Met at the monorepo tooling meetup after his demo."),
            (26, "value", "Sent the slides and CI benchmark he asked about."),
        ),
    ),
    # Marrowline Bio (research barely started)
    _Referrer(
        "Yusuf Demir", "Marrowline Bio", "Senior Engineer, Lab Automation", Phase.RESEARCH, "content",
        "Posts about instrument drivers. Read his posts before engaging.",
        scores=((14, 1, 3, 3, 2),),
    ),
    _Referrer(
        "Lina Sørensen", "Marrowline Bio", "Data Engineer", Phase.RESEARCH, "other",
        "Listed on the lab data team page.",
        since=9,
    ),
    _Referrer(
        "Keiko Aramaki", "Marrowline Bio", "Director, Scientific Software", Phase.RELATIONSHIP, "alumni",
        "Alumna of my university; leads software for the lab products.",
        scores=((10, 2, 4, 1, 2),),
        log=(
            (12, "message", "Alumni note asking how software teams work alongside the lab scientists."),
            (10, "message", "She replied with a long answer and offered a call next month."),
        ),
    ),
)

_ASKS: tuple[_AskPlan, ...] = (
    _AskPlan(
        "Oskar Nyberg", 70, "Senior Backend Engineer, Matchmaking", "FG-0098",
        "Real-time matchmaking with launch-day spikes, which is the load problem I know best.",
        (
            "Took 40x ticket-sale spikes with load shedding and pre-warmed autoscaling; no outage in three years.",
            "Designed a Go session service holding 200k concurrent connections.",
            "Made load tests a release gate for every service on the platform.",
        ),
        "Oskar, here is what you could pass on: senior backend engineer who has spent three years keeping a "
        "ticketing platform up through 40x spikes. I'd love a shot at the matchmaking role (FG-0098).",
        history=(("submitted", 68), ("responded", 63), ("screening", 59), ("rejected", 50)),
        screening_quality=2,
        insider_info="Feedback: they chose someone with console platform experience.",
        done=((FollowUpKind.WEEK2, 62), (FollowUpKind.WEEK3, 56), (FollowUpKind.WEEK4, 48), (FollowUpKind.MONTHLY, 18)),
    ),
    _AskPlan(
        "Grace Liu", 40, "Staff Engineer, Developer Experience", "OC-3307",
        "Developer experience at a company whose product is developer experience; my remote-cache work is "
        "closest to their core.",
        (
            "Built our Bazel remote cache: median CI from 22 to 7 minutes for 300 engineers.",
            "Ran a spot-instance CI runner fleet with graceful draining, 45% cheaper than on-demand.",
            "Wrote the onboarding path that got new engineers to a merged change on day two.",
        ),
        "Senior platform engineer focused on CI and build speed; I'd like to be considered for Staff Engineer, "
        "Developer Experience (OC-3307). Resume and three talking points attached.",
        history=(("submitted", 37), ("no_response", 12)),
        done=((FollowUpKind.WEEK2, 33), (FollowUpKind.WEEK4, 19)),
        skipped=((FollowUpKind.WEEK3, "She was on leave and I had nothing new to report; didn't want to nag."),),
    ),
    _AskPlan(
        "Dana Okafor", 24, "Staff Platform Engineer", "NWA-552",
        "A cost-and-isolation role on a multi-tenant query fleet: the work I have done for three years, on a "
        "product I use.",
        (
            "Led tenant isolation on a shared Kubernetes fleet; quotas and admission control ended "
            "noisy-neighbour incidents.",
            "Queue-depth autoscaling cut compute spend 31%.",
            "Moved a team off self-run Kafka to a managed service with no downtime.",
            "Wrote the platform roadmap and ran architecture review for 60 engineers.",
        ),
        "Dana, thanks for offering. Short version: senior platform engineer, nine years, most recently owning "
        "cost and tenant isolation for a shared fleet. Staff Platform Engineer (NWA-552) is that job. "
        "Resume linked; tell me if a different angle would help.",
        history=(("submitted", 22), ("responded", 18), ("screening", 15), ("interviewing", 8)),
        screening_quality=5,
        insider_info="The final round is a 'production story' with the VP; they care about cost per query "
        "and how I would phase an autoscaler rollout.",
        done=((FollowUpKind.WEEK2, 17), (FollowUpKind.WEEK3, 9)),
    ),
    _AskPlan(
        "Priya Venkataraman", 16, "Senior Backend Engineer, Integrations", "BH-1183",
        "They are retiring the legacy interface engine and want someone who has run a strangler migration; "
        "I built the framework that did that for our partner integrations.",
        (
            "Built a connector framework that cut new partner integrations from 10 weeks to 3.",
            "Designed replayable dead-letter queues: no lost partner messages in two years.",
            "Platform owner through two SOC 2 Type II audits.",
            "A year of HL7 v2 and FHIR on a health-data project.",
        ),
        "Senior backend engineer who builds integration platforms that partners can't break. Applying for "
        "Senior Backend Engineer, Integrations (BH-1183); Priya and I have talked through the migration ahead.",
        history=(("submitted", 14), ("responded", 8), ("screening", 4)),
        screening_quality=4,
        insider_info="From the screen: the design round asks for a migration plan off the legacy engine; "
        "the team is four engineers with on-call one week in five.",
        done=((FollowUpKind.WEEK2, 9),),
    ),
    _AskPlan(
        "Aisha Bello", 9, "Senior Backend Engineer, Ledger", "CP-0417",
        "Ledger correctness at scale is the problem I most want to work on, and I have already moved "
        "reconciliation from batch to streaming.",
        (
            "Rebuilt reconciliation as a streaming job with idempotency keys: month-end close from 6 hours to "
            "40 minutes.",
            "Owned the card-data segment for PCI DSS and shrank its scope from 14 services to 3.",
            "Aisha and I shared an on-call rota for two years; she can speak to how I run incidents.",
            "Mentored four engineers to senior and ran our design review.",
        ),
        "Senior backend engineer, three years on money movement: reconciliation, idempotent payouts, PCI "
        "scope. I'd like to be considered for Senior Backend Engineer, Ledger (CP-0417).",
        history=(("submitted", 6),),
    ),
    _AskPlan(
        "Nadia Haddad", 7, "Senior Software Engineer, Grid Platform", "",
        "",
        (),
        "Hi Nadia! I saw Quarrystone is hiring. Would you be able to refer me? Thanks!",
        packet=False,
    ),
    _AskPlan(
        "Kwame Mensah", 3, "Senior Platform Engineer", "SF-2291",
        "The first project is the second region, which is the migration I led at my last job; on a small "
        "platform team I would own it end to end.",
        (
            "Led a move from one region to two for 40 services: active-passive Postgres, replayable streams, "
            "no data lost in failover drills.",
            "Five years running Kafka in production; lag-based alerting cut consumer-lag pages by 70%.",
            "Set up SLOs and quarterly game days now used across engineering.",
            "Cut cloud spend 31% in a year without slowing releases.",
        ),
        "Kwame, thanks again. Forwardable version: senior backend/platform engineer, nine years, recently led "
        "our move to two regions and owned Kafka and Postgres operations. Senior Platform Engineer (SF-2291) "
        "matches that work closely.",
        history=(("submitted", 1),),
    ),
)

# Imported LinkedIn connections (the network): name | title | employer.
_NETWORK = """\
Farah Siddiqui|Senior Data Engineer|Northwind Analytics
Oliver Grant|Product Designer|Northwind Analytics
Beatriz Lopes|Customer Success Manager|Brightfold Health
Daniel Kim|Backend Engineer|Brightfold Health
Nikolai Ivanov|Security Engineer|Corvane Payments
Hugo Martins|Staff Engineer, Runners|Ossory Cloud
Amara Nwachukwu|Technical Writer|Ossory Cloud
Wen Zhao|Data Scientist|Saltmarsh Freight
Isabel Fuentes|Hardware Engineer|Quarrystone Energy
Patrick O'Neill|Lab Systems Analyst|Marrowline Bio
Gemma Holt|Engineering Manager|Harbor Lane Software
Rahul Mehta|Principal Engineer|Bluegate Retail
Chiara Bianchi|Senior Backend Engineer|Copperleaf Insurance
Tunde Adeyemi|SRE Lead|Redwater Systems
Laura Becker|Recruiter|Harbor Lane Software
Mateo Rojas|Software Engineer|Mistral Point Media
Sanna Virtanen|Platform Engineer|Orchard Street Bank
Kofi Boateng|CTO|Pellucid Labs
Emily Novak|Engineering Manager|Glasswing Studio
Arjun Nair|Data Engineer|Stonebridge Telecom
Zoe Fischer|Product Manager|Bluegate Retail
Diego Alvarez|DevOps Engineer|Copperleaf Insurance
Hana Yoshida|Senior Engineer|Redwater Systems
Marek Kowalski|Backend Engineer|Ferncastle Consulting
Ruth Abebe|Talent Partner|Pellucid Labs
Sean Gallagher|Staff Engineer|Orchard Street Bank
Ana Ribeiro|Engineering Director|Mistral Point Media
Jonas Weber|Cloud Architect|Ferncastle Consulting
Lucy Harper|QA Lead|Glasswing Studio
Vikram Rao|Senior SRE|Stonebridge Telecom
Maya Cohen|Frontend Engineer|Harbor Lane Software
Felix Braun|Engineering Manager|Redwater Systems
Nora Lindgren|Software Engineer|Bluegate Retail
Samuel Osei|Independent Consultant|Self-employed
Irene Costa|Head of Engineering|Copperleaf Insurance
Tomás Herrera|Backend Engineer|Pellucid Labs
Georgia Wells|Recruiter|Orchard Street Bank
Ethan Brooks|Senior Software Engineer|Glasswing Studio
Leila Farahani|Machine Learning Engineer|Stonebridge Telecom
Pieter de Vries|Platform Lead|Mistral Point Media
"""
# fmt: on
_NETWORK_IMPORTED = 84  # days ago the connections were imported (week 1 of the campaign)
_FORMER_EMPLOYER = "Harbor Lane Software"  # a prospect: three of the connections work there


def _slug(name: str) -> str:
    plain = name.lower().translate(str.maketrans("øá", "oa", "'"))
    return "-".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def _profile(name: str) -> str:
    return f"https://linkedin.example/in/{_slug(name)}"


# -- writing it ----------------------------------------------------------------------------


def write_demo(path: Path, clock: Clock) -> Repository:
    """Write the sample campaign to a new file at ``path``, dated relative to ``clock.today()``.

    Refuses an existing file, so a demo can never be merged into a real campaign.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(errno.EEXIST, "already exists; the demo is written only to a new file", str(path))
    repo = Repository(path, clock, ids=Ids(seed=clock.today().toordinal()))  # same day, same file
    with repo.change("demo campaign"):
        _Builder(repo, clock).build()
    return repo


class _Builder:
    def __init__(self, repo: Repository, clock: Clock) -> None:
        self.repo = repo
        self.today = clock.today()
        self.now = clock.now()
        self.companies: dict[str, Company] = {}
        self.people: dict[str, Contact] = {}
        self.role_urls: dict[tuple[int | None, str], str] = {}

    def day(self, ago: int) -> date:
        return self.today - timedelta(days=ago)

    def stamp(self, ago: int, minutes: int = 0) -> str:
        """A creation time on the day ``ago`` days back, never later than the clock's now."""
        moment = datetime.combine(self.day(ago), time(9), tzinfo=self.now.tzinfo) + timedelta(minutes=minutes)
        return min(moment, self.now).isoformat()

    def build(self) -> None:
        self.repo.save_profile(
            my_name="Alex Rivera",
            my_background="eight years building payment and data platforms that stay up under load",
            my_field="backend and platform engineering",
            campaign_start=self.day(24).isoformat(),  # week 4 of the plan
        )
        for target in _TARGETS:
            self.add_company(target)
        asked = {plan.who for plan in _ASKS}
        for ref in _REFERRERS:
            self.add_referrer(ref, Phase.TIMING if ref.name in asked else ref.phase)
        self.add_interactions()
        for plan in sorted(_ASKS, key=lambda p: -p.ago):
            self.add_ask(plan)
        for ref in _REFERRERS:  # where each referrer stands now (e.g. back to Timing after a rejection)
            contact = self.repo.contact(self.people[ref.name].id)
            if contact.phase is not ref.phase:
                self.repo.save(replace(contact, phase=ref.phase))
        self.add_network()

    def add_company(self, t: _Target) -> None:
        roles = [
            {
                "title": title,
                "url": f"https://{t.domain}/careers/{slug}",
                "seen": self.day(seen).isoformat(),
                "status": status,
            }
            for title, slug, seen, status in t.roles
        ]
        company = Company(
            name=t.name,
            status=t.status,
            fit=t.fit,
            decision_makers=t.decision_makers,
            challenges=t.challenges,
            my_angle=t.my_angle,
            careers_url=f"https://{t.domain}/careers",
            notes=t.notes,
            open_roles=roles,
            created_at=self.stamp(t.since),
        )
        saved = self.companies[t.name] = self.repo.insert(company)
        self.role_urls.update({(saved.id, role["title"]): role["url"] for role in roles})

    def add_referrer(self, ref: _Referrer, phase: Phase) -> None:
        dated = [s[0] for s in ref.scores] + [entry[0] for entry in ref.log]
        since = ref.since if ref.since is not None else max(dated, default=14)
        contact = Contact(
            name=ref.name,
            company_id=self.companies[ref.company].id,
            title=ref.title,
            phase=phase,
            tags=list(ref.tags or (ref.how_found,)),
            links=[_profile(ref.name)],
            email=ref.email,
            how_found=ref.how_found,
            notes=ref.notes,
            scores=sorted((ScoreEntry(self.day(a), r, i, v, t) for a, r, i, v, t in ref.scores), key=lambda s: s.day),
            created_at=self.stamp(since, 5),
        )
        self.people[ref.name] = self.repo.insert(contact)

    def add_interactions(self) -> None:
        """Every referrer's log, oldest first, so ids follow the calendar."""
        entries = [(entry, ref.name) for ref in _REFERRERS for entry in ref.log]
        for n, (entry, name) in enumerate(sorted(entries, key=lambda pair: -pair[0][0])):
            ago, kind, summary = entry[0], InteractionKind(entry[1]), entry[2]
            insider_text = entry[3] if len(entry) > 3 else ""
            interaction = Interaction(
                contact_id=self.people[name].id,
                day=self.day(ago),
                kind=kind,
                summary=summary,
                gave_value=kind is InteractionKind.VALUE,
                insider=bool(insider_text),
                insider_text=insider_text,
                created_at=self.stamp(ago, 60 + n % 120),
            )
            if kind is not InteractionKind.EVENT:
                self.repo.insert(interaction)
                continue
            saved = self.repo.log_interaction(interaction)  # schedules the 48-hour follow-up
            followup = max(
                (f for f in self.repo.followups() if f.contact_id == saved.contact_id and f.kind is FollowUpKind.EVENT),
                key=lambda f: f.id,
            )
            followup = replace(followup, created_at=saved.created_at)
            if ago > 2:  # older meetings were followed up the next day
                followup = replace(followup, status=FollowUpStatus.DONE, done_on=self.day(ago - 1))
            self.repo.save(followup)

    def add_ask(self, plan: _AskPlan) -> None:
        contact = self.people[plan.who]
        role_url = self.role_urls[(contact.company_id, plan.role)]
        ask = self.repo.add_ask(  # the log above already holds this ask's own interaction
            Ask(
                contact_id=contact.id,
                day=self.day(plan.ago),
                role_title=plan.role,
                role_url=role_url,
                req_id=plan.req_id,
                why_role=plan.why_role,
                points=list(plan.points),
                resume_url=RESUME_URL if plan.packet else "",
                blurb=plan.blurb,
                created_at=self.stamp(plan.ago, 30),
            ),
            log=False,
        )
        if plan.history:
            history = [*ask.status_history, *({"status": s, "day": self.day(a).isoformat()} for s, a in plan.history)]
            self.repo.save(
                replace(
                    ask,
                    status=AskStatus(plan.history[-1][0]),
                    status_history=history,
                    screening_quality=plan.screening_quality,
                    insider_info=plan.insider_info,
                )
            )
        done, skipped = dict(plan.done), dict(plan.skipped)
        for followup in [f for f in self.repo.followups(open_only=False) if f.ask_id == ask.id]:
            followup = replace(followup, created_at=ask.created_at)
            if followup.kind in done:
                followup = replace(followup, status=FollowUpStatus.DONE, done_on=self.day(done[followup.kind]))
            elif followup.kind in skipped:
                followup = replace(followup, status=FollowUpStatus.SKIPPED, skip_reason=skipped[followup.kind])
            self.repo.save(followup)
            following = followups.next_monthly(followup, followup.done_on) if followup.done_on else None
            if following is not None:  # the monthly rhythm goes on
                self.repo.insert(replace(following, created_at=self.stamp(done[followup.kind], 45)))
        outcome = self.repo.ask(ask.id)
        for changed in followups.adapt(self.repo.followups(), outcome):  # as update_ask does: they follow the outcome
            self.repo.save(changed)

    def add_network(self) -> None:
        """The connections as an import leaves them: LinkedIn's spelling of the employer, linked
        to a company only when it is one of yours. One is: the former employer, a prospect
        (known, not pursued) the user added before the import."""
        former = Company(
            name=_FORMER_EMPLOYER,
            status=CompanyStatus.PROSPECT,
            notes="My former employer: people I know well, but not a company I want to go back to.",
            created_at=self.stamp(_NETWORK_IMPORTED + 7, 10),
        )
        self.companies[_FORMER_EMPLOYER] = self.repo.insert(former)
        for n, line in enumerate(_NETWORK.splitlines()):
            name, title, employer = line.split("|")
            connected = self.day(200 + (n * 137) % 1500)
            company = self.companies.get(employer)
            self.repo.insert(
                Contact(
                    name=name,
                    company_id=company.id if company else None,
                    title=title,
                    phase=None,
                    tags=["linkedin"],
                    links=[_profile(name)],
                    how_found="existing",
                    employer=employer,
                    notes=f"Imported from LinkedIn; connected {connected.isoformat()}.",
                    created_at=self.stamp(_NETWORK_IMPORTED, 10),
                )
            )
