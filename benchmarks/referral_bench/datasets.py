"""The data files the rows run on, and LinkedIn's Connections.csv for the import.

A data file is planned in plain Python (``plan_board``: names, phases, scores, follow-ups)
and written by ``write_data_file``, the one function that uses the project's API to create
data (``Repository``, ``repo.change``, ``repo.insert``). When the store changes, adapt that
function (and ``read_contact_names``, the one that reads a file back) and nothing else.
"""

from __future__ import annotations

import base64
import csv
import io
import random
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .common import TODAY

PHASES = ("research", "relationship", "timing", "ask")  # board order
PHASE_LABELS = ("Research", "Relationship", "Timing", "Ask")

FIRST = ["Ada", "Grace", "Alan", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia", "Guido"]
LAST = ["Park", "Shah", "Nguyen", "Okafor", "Silva", "Kim", "Novak", "Haddad", "Moreau", "Ito", "Larsen", "Costa"]
TITLES = ["Staff Engineer", "Engineering Manager", "Recruiter", "Product Manager", "SRE", "Data Scientist", ""]
TAGS = [["alumni"], ["event"], ["content", "warm"], [], ["alumni", "sf"], []]
FOLLOWUP_OVERDUE_DAYS = 21  # follow-ups are due from 21 days ago to 7 days ahead: all in the sidebar
FOLLOWUP_AHEAD_DAYS = 7


# -- the plan of a data file ------------------------------------------------------------------


@dataclass(frozen=True)
class ContactPlan:
    name: str
    company: int  # index into Plan.companies
    title: str
    phase: str
    tags: tuple[str, ...]
    scores: tuple[tuple[date, int, int, int, int], ...]  # day, relationship, influence, relevance, timing


@dataclass(frozen=True)
class FollowUpPlan:
    contact: int  # index into Plan.contacts
    due: date
    kind: str = "week2_checkin"
    template: str = "week2_checkin"


@dataclass
class Plan:
    companies: list[str] = field(default_factory=list)
    contacts: list[ContactPlan] = field(default_factory=list)
    followups: list[FollowUpPlan] = field(default_factory=list)


def plan_board(size: int, followups: int = 0) -> Plan:
    """``size`` referrers and a company per 10: spread evenly over the four phases, a third
    with two scorings, a third with one; ``followups`` open week-2 check-ins on every 10th
    referrer, due from 21 days ago to 7 days ahead (all in the sidebar's window)."""
    plan = Plan(companies=[f"Company {i:04d}" for i in range(max(size // 10, 1))])
    for i in range(size):
        scores: tuple[tuple[date, int, int, int, int], ...] = ()
        if i % 3 == 0:
            day = TODAY - timedelta(days=i % 60)
            scores = ((day - timedelta(days=14), 2, 3, 3, 2), (day, 3, 4, 3, 3))
        elif i % 3 == 1:
            scores = ((TODAY - timedelta(days=i % 30), 2, 2, 3, 2),)
        plan.contacts.append(
            ContactPlan(
                name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i:05d}",
                company=i % len(plan.companies),
                title=TITLES[i % len(TITLES)],
                phase=PHASES[i % 4],
                tags=tuple(TAGS[i % len(TAGS)]),
                scores=scores,
            )
        )
    window = FOLLOWUP_OVERDUE_DAYS + FOLLOWUP_AHEAD_DAYS + 1
    for k in range(min(followups, (size + 9) // 10)):
        due = TODAY + timedelta(days=k % window - FOLLOWUP_OVERDUE_DAYS)
        plan.followups.append(FollowUpPlan(contact=k * 10, due=due))
    return plan


# -- the project's API: the one place that creates data --------------------------------------


def write_data_file(path: Path, plan: Plan) -> dict[str, int]:
    """Write ``plan`` as a new data file through the Repository, in one change; returns the
    contacts' ids by name, read back from the saved file (ids handed out inside a change may
    be provisional). The board shows cards in the order they were added: plan order."""
    from referral_tui.domain import records
    from referral_tui.domain.clock import FixedClock
    from referral_tui.domain.matrix import ScoreEntry
    from referral_tui.domain.records import Company, Contact, FollowUp, Phase
    from referral_tui.store.repository import Repository

    kind_type: Any = getattr(records, "FollowUpKind", str)  # a StrEnum since the store rewrite, str before
    repo = Repository(path, FixedClock(TODAY))
    with repo.change("bench"):
        companies = [repo.insert(Company(name=name)).id for name in plan.companies]
        ids = [
            repo.insert(
                Contact(
                    name=c.name,
                    company_id=companies[c.company],
                    title=c.title,
                    phase=Phase(c.phase),
                    tags=list(c.tags),
                    scores=[ScoreEntry(*s) for s in c.scores],
                )
            ).id
            for c in plan.contacts
        ]
        for f in plan.followups:
            repo.insert(FollowUp(contact_id=ids[f.contact], kind=kind_type(f.kind), due=f.due, template=f.template))
    return {c.name: c.id for c in Repository(path, FixedClock(TODAY)).contacts()}


def read_contact_names(path: Path) -> list[str]:
    """The names of every contact in a data file (board and network), through the Repository."""
    from referral_tui.domain.clock import FixedClock
    from referral_tui.store.repository import Repository

    return [c.name for c in Repository(path, FixedClock(TODAY)).contacts()]


# -- the data files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    key: str  # "1000", "10000", "10000+followups"
    size: int
    path: Path
    counts: dict[str, int]  # phase -> cards on the board
    names: dict[str, list[str]]  # phase -> the names of its first two cards, in board order
    first_contact_id: int  # the first Research referrer
    followups: int  # open follow-ups, all in the sidebar's window
    overdue: int  # of which overdue

    @property
    def label(self) -> str:
        return f"{self.size:,}" + (f" + {self.followups:,} follow-ups" if self.followups else "")


DATASETS = {"100": (100, 0), "1000": (1_000, 0), "10000": (10_000, 0), "10000+followups": (10_000, 1_000)}


def build_dataset(folder: Path, key: str) -> Dataset:
    size, followups = DATASETS[key]
    plan = plan_board(size, followups)
    path = folder / f"referrals-{key.replace('+', '-')}.json"
    ids = write_data_file(path, plan)
    counts = {p: sum(1 for c in plan.contacts if c.phase == p) for p in PHASES}
    names = {p: [c.name for c in plan.contacts if c.phase == p][:2] for p in PHASES}
    first = ids[names["research"][0]]
    overdue = sum(1 for f in plan.followups if f.due < TODAY)
    return Dataset(key, size, path, counts, names, first, len(plan.followups), overdue)


# -- LinkedIn's Connections.csv ---------------------------------------------------------------

# fmt: off
LI_FIRST = [
    "James", "Maria", "Wei", "Priya", "Ahmed", "Sofia", "Lukas", "Aisha", "Carlos", "Yuki", "Olga", "Kwame", "Emma",
    "Noah", "Fatima", "Diego", "Hannah", "Arjun", "Chloe", "Mateo", "Ingrid", "Tariq", "Grace", "Ivan", "Leila",
    "Tom", "Ana", "Kenji", "Zoë", "José", "Søren", "Łukasz", "François", "Nnamdi", "Mei", "Rahul", "Sara", "Omar",
    "Elif", "Jonas", "Camille", "Ravi", "Nina", "Pedro", "Aiko", "Samuel", "Lina", "Marco", "Ines", "Daniel",
    "Ayesha", "Felix", "Rosa", "Chen", "Bongani", "Julia", "Hugo", "Tanvir",
]
LI_LAST = [
    "Smith", "Garcia", "Chen", "Patel", "Müller", "Rossi", "Kowalski", "Nakamura", "Okafor", "Silva", "Johansson",
    "Haddad", "Kim", "Nguyen", "O'Brien", "van der Berg", "Dubois", "Ivanova", "Mensah", "Fernández", "Singh",
    "Cohen", "Yilmaz", "Andersen", "Lopez", "Wang", "Brown", "Schmidt", "Tanaka", "Costa", "Novak", "Ali", "Martin",
    "Kaur", "Jensen", "Moreau", "Park", "Hughes", "Sato", "Adeyemi", "Weber", "Popescu", "Lindqvist", "Reyes",
    "Khan", "Murphy", "Takahashi", "Santos", "Fischer", "Gupta", "Nowak", "Bianchi", "Osei", "Larsen", "Hoffmann",
    "Zhang", "Ortiz", "Das",
]
LI_TITLES = [
    "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "Recruiter",
    "Technical Recruiter", "Product Manager", "Senior Product Manager", "Data Scientist", "SRE",
    "Director of Engineering", "VP, Engineering", "CTO & Co-founder", "Founder 🚀", "Designer", "UX Researcher",
    "Sales Director, EMEA", 'Head of "Moonshots"', "Talent Partner | Hiring in Berlin", "Principal Engineer",
    "Student", "Consultant", "Data Engineer", "Backend Developer", "Frontend Developer", "Engineering Lead 👩‍💻",
    "Customer Success Manager", "Marketing Manager", "Account Executive", "Security Engineer", "QA Engineer",
    "Mobile Developer", "Machine Learning Engineer", "Analyst", "Operations Manager", "People Partner",
    "Solutions Architect", "Developer Advocate", "Open to work", "",
]
LI_BIG = [
    "Google", "Microsoft", "Amazon", "Meta", "Apple", "Accenture", "IBM", "Deloitte", "SAP", "Salesforce", "Stripe",
    "Shopify", "Spotify", "Zalando", "Booking.com", "Atlassian", "Netflix", "Uber", "Airbnb", "Oracle", "Intel",
    "Siemens", "Capgemini", "Infosys", "Tata Consultancy Services", "Cisco", "Freelance", "Self-employed",
    "Stealth Startup",
]
LI_WORDS = [
    "Blue", "North", "Bright", "Quantum", "Cedar", "Silver", "Open", "Red", "Granite", "Nimbus", "Harbor", "Lumen",
    "Vertex", "Atlas", "Orbit", "Pine", "Signal", "Delta", "Echo", "Maple", "Nova", "Tidal", "Iron", "Polar",
    "Summit", "Coral", "Ember", "Prism", "Falcon", "Willow",
]
LI_KINDS = [
    "Labs", "Systems", "Health", "Analytics", "Robotics", "Software", "Capital", "Energy", "Logistics", "Studio",
    "Networks", "Bio", "Cloud", "Payments", "Security", "Media", "Foods", "Mobility", "AI", "Data", "Games",
    "Learning", "Insurance", "Partners", "Works", "Dynamics", "Digital",
]
# fmt: on
LI_SUFFIX = ["", "", "", ", Inc.", " GmbH", " Ltd", ", LLC", " AG", " B.V.", " & Co."]
LI_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more about this setting here https://www.linkedin.com/help/linkedin/answer/261",,,,,,\r\n'
    "\r\n"
)
LI_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def li_companies(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct employer names: big names first, then made-up ones, some with commas or quotes."""
    names = list(LI_BIG)
    made = [f"{w} {k}" for w in LI_WORDS for k in LI_KINDS]
    rng.shuffle(made)
    for i, base in enumerate(made):
        if len(names) >= count:
            break
        name = base + LI_SUFFIX[i % len(LI_SUFFIX)]
        if i % 97 == 5:
            name = f'{base} "{LI_WORDS[i % len(LI_WORDS)]}"'  # doubled quotes in the CSV
        elif i % 89 == 7:
            name = f"{base} ✨"
        names.append(name)
    return names[:count]


def write_connections_csv(path: Path, rows: int, companies: int = 800, seed: int = 8) -> None:
    """A Connections.csv as LinkedIn exports it: BOM, CRLF, the Notes preamble padded with commas,
    newest connections first, mostly empty emails, quoted commas and quotes, emoji, accents,
    percent-encoded profile URLs, a few trailing spaces. Every row is a distinct person (no two
    share a profile URL, nor a name at the same employer), so an import adds ``rows`` contacts."""
    rng = random.Random(seed)
    employers = li_companies(companies, rng)
    # Every employer once, the rest skewed (a few big employers hold most connections); ~3% none.
    weights = [1 / (k + 1) ** 0.9 for k in range(len(employers))]
    picks = list(employers) + rng.choices(employers, weights=weights, k=max(rows - len(employers), 0))
    rng.shuffle(picks)
    first_day, last_day = date(2009, 3, 1), TODAY - timedelta(days=1)
    span = (last_day - first_day).days
    seen: set[tuple[str, str]] = set()
    out: list[tuple[date, list[str]]] = []
    for i in range(rows):
        company = "" if rng.random() < 0.03 else picks[i]
        while True:
            base_first, last = rng.choice(LI_FIRST), rng.choice(LI_LAST)
            first = base_first
            if rng.random() < 0.01:
                first += rng.choice([" 🌻", " 🚀", " 🌈"])
            if rng.random() < 0.05:
                first += f" {chr(65 + rng.randrange(26))}."
            key = (f"{first} {last}".casefold(), company.casefold())
            if key not in seen:
                seen.add(key)
                break
        words = f"{base_first} {last}".replace("'", "").casefold().split()
        slug = quote("-".join(words), safe="-")  # accents come percent-encoded
        url = f"https://www.linkedin.com/in/{slug}-{(i * 2654435761) % 2**32:08x}"
        plain = unicodedata.normalize("NFKD", ".".join(words)).encode("ascii", "ignore").decode()
        email = f"{plain}{i}@example.com" if rng.random() < 0.07 else ""
        title = rng.choice(LI_TITLES)
        if rng.random() < 0.02:
            last += " "  # trailing spaces occur in real exports
        day = first_day + timedelta(days=rng.randrange(span))
        out.append((day, [first, last, url, email, company, title, f"{day.day:02d} {day:%b %Y}"]))
    out.sort(key=lambda item: item[0], reverse=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write(LI_PREAMBLE)
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(LI_HEADER)
        writer.writerows(cells for _, cells in out)


# -- LinkedIn's whole export (ZIP) --------------------------------------------------------------

ARCHIVE_OWNER = ("Alex", "Rivera", "https://www.linkedin.com/in/alex-rivera-7f3a91c2")
ARCHIVE_TARGETS = ["Google", "Stripe", "Shopify", "Spotify", "Zalando", "Atlassian", "Netflix", "Airbnb", "SAP", "Uber"]
MESSAGE_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
    "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT",
]  # fmt: skip
MESSAGE_LINES = [
    "Hi {first}, thanks for connecting!",
    "Great to hear from you, {first}.",
    "Would you have 15 minutes for a call next week?",
    "I saw your post about the platform migration, really interesting, especially the part on rollbacks.",
    "Happy to share the write-up I mentioned: https://example.com/notes/{n}",
    "Sure, Tuesday at 10:00 works for me 🙂",
    "Thanks again for the intro, it helped a lot.",
    'They called it "the big rewrite", with a comma, and quotes.',
    "Cheers,\n{me}",
]


@dataclass(frozen=True)
class ArchivePlan:
    """What ``write_linkedin_archive`` put in the ZIP, for the rows to check the import's summary."""

    connections: int
    messages: int  # rows in messages.csv
    conversations: int
    strangers: int  # people who wrote and are not connections
    invitations: int
    jobs: int  # applications + saved jobs


def _people_of(connections_csv: Path) -> list[tuple[str, str]]:
    """(name, profile URL) of every row of a Connections.csv written by ``write_connections_csv``."""
    with connections_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    start = next(i for i, row in enumerate(rows) if row[:2] == LI_HEADER[:2]) + 1
    return [(f"{r[0]} {r[1]}".strip(), r[2]) for r in rows[start:] if r]


def _csv_text(header: list[str], rows: list[list[str]], quote_all: bool = False) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def write_linkedin_archive(
    path: Path, connections: int = 10_000, messages: int = 50_000, seed: int = 17
) -> ArchivePlan:
    """LinkedIn's export ZIP as it comes: Connections.csv (``write_connections_csv``), messages.csv
    in the newer layout (every field quoted, recipient URLs, draft columns, bodies over several
    lines, emoji), Invitations.csv, Profile.csv and the two Jobs files, all with a BOM and CRLF.

    ``messages`` rows over about one conversation per 12 messages: 95% with one connection, 3%
    group conversations with two, 2% with people who are not connections (they write first).
    The owner writes about half of them; dates run over the last three years, oldest first.
    Seeded: every run writes the same ZIP."""
    rng = random.Random(seed)
    folder = path.parent
    connections_path = folder / f".{path.stem}-Connections.csv"
    write_connections_csv(connections_path, connections)
    people = _people_of(connections_path)
    first, last, me_url = ARCHIVE_OWNER
    me = f"{first} {last}"
    conversations = max(messages // 12, 1)
    strangers: list[tuple[str, str]] = []
    threads: list[tuple[str, list[tuple[str, str]]]] = []
    for c in range(conversations):
        conv_id = "2-" + base64.b64encode(f"conversation-{seed}-{c:06d}".encode()).decode()
        roll = rng.random()
        if roll < 0.02:
            stranger = (
                f"{rng.choice(LI_FIRST)} {rng.choice(LI_LAST)}",
                f"https://www.linkedin.com/in/stranger-{c:06d}",
            )
            strangers.append(stranger)
            threads.append((conv_id, [stranger]))
        elif roll < 0.05:
            threads.append((conv_id, rng.sample(people, 2)))
        else:
            threads.append(
                (conv_id, [rng.choice(people[: max(len(people) // 4, 1)] if rng.random() < 0.5 else people)])
            )
    start = datetime(2023, 3, 1, 8, 0, 0)
    span = int((datetime(2026, 3, 8) - start).total_seconds())
    stamps = sorted(start + timedelta(seconds=rng.randrange(span)) for _ in range(messages))
    rows: list[list[str]] = []
    for n, stamp in enumerate(stamps):
        conv_id, others = threads[n % conversations] if n < conversations else rng.choice(threads)
        stranger_thread = others[0] in strangers
        mine = rng.random() < 0.5 and not (stranger_thread and n < conversations)
        if mine:
            sender, sender_url, to, to_urls = (
                me,
                me_url,
                ", ".join(o[0] for o in others),
                ",".join(o[1] for o in others),
            )
        else:
            author = rng.choice(others)
            rest = [me, *(o[0] for o in others if o != author)]
            rest_urls = [me_url, *(o[1] for o in others if o != author)]
            sender, sender_url, to, to_urls = author[0], author[1], ", ".join(rest), ",".join(rest_urls)
        lines = rng.sample(MESSAGE_LINES, rng.randint(1, 4))
        body = "\r\n".join(lines).format(first=others[0][0].split(" ")[0], n=n, me=me)
        subject = "Quick question" if rng.random() < 0.05 else ""
        rows.append(
            [conv_id, "", sender, sender_url, to, to_urls, f"{stamp:%Y-%m-%d %H:%M:%S} UTC", subject, body,
             "INBOX", "", "No", "No"]
        )  # fmt: skip
    invitations = [
        [me, name, f"{d.month}/{d.day}/{d:%y}, {d:%I:%M %p}", "Hi, we met at the meetup." if i % 3 == 0 else "",
         "OUTGOING", me_url, url] if i % 2 else
        [name, me, f"{d.month}/{d.day}/{d:%y}, {d:%I:%M %p}", "", "INCOMING", url, me_url]
        for i, (name, url) in enumerate(rng.sample(people, min(500, len(people))))
        for d in [start + timedelta(seconds=rng.randrange(span))]
    ]  # fmt: skip
    companies = [*ARCHIVE_TARGETS, *(f"{w} {k}" for w in LI_WORDS[:10] for k in LI_KINDS[:5])]
    applied = [
        [f"{d.month}/{d.day}/{d:%y}, {d:%I:%M %p}", "", "", rng.choice(companies), rng.choice(LI_TITLES[:12]),
         f"http://www.linkedin.com/jobs/view/{3800000000 + i}", "cv.pdf", ""]
        for i in range(100) for d in [start + timedelta(seconds=rng.randrange(span))]
    ]  # fmt: skip
    saved = [
        [f"{d.month}/{d.day}/{d:%y}, {d:%I:%M %p}", f"http://www.linkedin.com/jobs/view/{3900000000 + i}",
         rng.choice(LI_TITLES[:12]), rng.choice(companies)]
        for i in range(200) for d in [start + timedelta(seconds=rng.randrange(span))]
    ]  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(connections_path, "Connections.csv")
        archive.writestr("messages.csv", _csv_text(MESSAGE_HEADER, rows, quote_all=True))
        archive.writestr(
            "Invitations.csv",
            _csv_text(
                ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"], invitations
            ),
        )
        archive.writestr(
            "Profile.csv",
            _csv_text(["First Name", "Last Name", "Maiden Name", "Headline"], [[first, last, "", "Engineer"]]),
        )
        archive.writestr(
            "Jobs/Job Applications.csv",
            _csv_text(
                ["Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url",
                 "Resume Name", "Question And Answers"], applied),
        )  # fmt: skip
        archive.writestr(
            "Jobs/Saved Jobs.csv", _csv_text(["Saved Date", "Job Url", "Job Title", "Company Name"], saved)
        )
        archive.writestr("Skills.csv", "\ufeffName\r\nPython\r\n")
    connections_path.unlink()
    return ArchivePlan(
        connections, messages, conversations, len(strangers), len(invitations), len(applied) + len(saved)
    )


def write_target_companies(path: Path, names: list[str] = ARCHIVE_TARGETS) -> None:
    """A data file with only target companies (the user's targets before importing LinkedIn)."""
    write_data_file(path, Plan(companies=list(names)))
