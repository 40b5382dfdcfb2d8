"""What the board knows, kept up to date change by change instead of rebuilt.

The board at 10,000 referrers must paint at once and answer every key within a frame, so
this model never builds every card: it keeps each phase's referrer ids in board order
(read from the stored fields, no records built), each referrer's next follow-up date and
newest ask status, and makes a card only when a column draws it (cached). The store tells
it which records changed (its listener), and ``apply()`` updates only what those touch:
a move changes two id lists and one card.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable
from datetime import date

from textual.cache import LRUCache

from referral_tui.domain import search
from referral_tui.domain.board import Card
from referral_tui.domain.cards import make_card, newest_ask_statuses, next_due_dates, timing_roles
from referral_tui.domain.records import PHASES, Ask, Company, Contact, FollowUp, FollowUpStatus, Phase, order_key
from referral_tui.domain.roles import ROLE_MAX_AGE_DAYS
from referral_tui.store.errors import NotFound
from referral_tui.store.repository import Repository

CARD_CACHE = 400  # cards kept built: a few screens of every column
_PHASE_OF: dict[object, Phase] = {p.value: p for p in PHASES}


class BoardModel:
    def __init__(self, repo: Repository, today: date, role_max_age: int = ROLE_MAX_AGE_DAYS) -> None:
        self.repo = repo
        self.today = today
        self.role_max_age = role_max_age
        self._roles: dict[int, tuple[str, ...]] = {}  # company id -> current role titles (read when drawn)
        self.query = ""
        self.ids: dict[Phase, list[int]] = {p: [] for p in PHASES}
        self.coached: frozenset[int] = frozenset()
        self._phase_of: dict[int, Phase] = {}
        self._companies: dict[int, str] = {}
        self._due: dict[int, date] = {}
        self._followups: dict[int, tuple[int, date, bool]] = {}  # id -> (contact, due, open)
        self._asks: dict[int, tuple[int, date, int, str]] = {}  # id -> (contact, day, id, status)
        self._status: dict[int, str] = {}
        self._cards: LRUCache[int, Card] = LRUCache(CARD_CACHE)
        self._dirty: dict[str, set[str]] = {}
        self._dirty_lock = threading.Lock()
        #: How many cards were built so far (a test checks that only what is seen is built).
        self.built = 0
        repo.engine.listen(self._note)

    # -- the store's changes ----------------------------------------------------------

    def _note(self, table: str, keys: Iterable[str] | None) -> None:
        """Called by the store (under its mutex, on any thread) for every record that changed."""
        with self._dirty_lock:
            found = self._dirty.setdefault(table, set())
            if keys is None:
                found.add("*")
            else:
                found.update(keys)

    def take_dirty(self) -> dict[str, set[str]]:
        with self._dirty_lock:
            dirty, self._dirty = self._dirty, {}
        return dirty

    # -- reading everything (at start, and when the filter changes) ----------------------

    def rebuild(self, query: str | None = None) -> None:
        """Read the ids of every phase and the derived dates and statuses again."""
        if query is not None:
            self.query = query
        self.take_dirty()
        self._companies = self._company_names()
        self._roles = {}
        self._followups = {
            fid: (cid, date.fromisoformat(due), status == FollowUpStatus.OPEN)
            for fid, cid, due, status in self.repo.columns_by_id(FollowUp, "contact_id", "due", "status")
        }
        self._due = next_due_dates((c, d) for c, d, is_open in self._followups.values() if is_open)
        self._asks = {
            aid: (cid, date.fromisoformat(day), aid, status)
            for aid, cid, day, status in self.repo.columns_by_id(Ask, "contact_id", "day", "status")
        }
        self._status = newest_ask_statuses(self._asks.values())
        self.ids = {p: [] for p in PHASES}
        self._phase_of = {}
        filtering = bool(self.query.strip())
        fields = ("phase", "archived", "name", "company_id", "tags") if filtering else ("phase", "archived")
        for cid, value, archived, *rest in self.repo.columns_by_id(Contact, *fields):
            phase = _PHASE_OF.get(value)  # a dict, not Phase(): 10,000 enum calls cost more than the scan
            if phase is not None and not archived and (not filtering or self._matches(*rest)):
                self.ids[phase].append(cid)
                self._phase_of[cid] = phase
        for ids in self.ids.values():
            if ids and ids[-1] < 0 or any(b < a for a, b in zip(ids, ids[1:], strict=False)):
                ids.sort(key=order_key)  # unsaved (negative) ids, or a hand-edited file out of order
        self._cards.clear()

    def _matches(self, name: object, company_id: object, tags: object) -> bool:
        """The board filter (``domain.search``): every word of the query in the name, the
        company or a tag."""
        if not self.query.strip():
            return True
        company = self._companies.get(company_id, "") if isinstance(company_id, int) else ""
        labels = [str(t) for t in tags] if isinstance(tags, list) else []
        return search.matches(search.haystack(str(name), company, tags=labels), self.query)

    # -- one change at a time ------------------------------------------------------------

    def apply(self) -> tuple[set[Phase], set[int]]:
        """Bring the model up to date with the changes noted since the last call; returns the
        phases whose lists changed and the referrers whose cards changed."""
        dirty = self.take_dirty()
        phases: set[Phase] = set()
        cards: set[int] = set()
        if not dirty:
            return phases, cards
        if "*" in dirty.get("contacts", set()) or ("companies" in dirty and self.query.strip()):
            before = {p: list(ids) for p, ids in self.ids.items()}
            self.rebuild()
            return {p for p in PHASES if before[p] != self.ids[p]}, set(self._phase_of)
        if "companies" in dirty:  # a name or the open roles changed: only cards show them
            self._companies = self._company_names()
            self._roles = {}
            cards |= {cid for cid in self._phase_of if self._cards.get(cid) is not None}
        for key in dirty.get("followups", ()):
            cards |= self._followup_changed(int(key))
        for key in dirty.get("asks", ()):
            cards |= self._ask_changed(int(key))
        for key in dirty.get("contacts", ()):
            cid = int(key)
            cards.add(cid)
            phases |= self._contact_changed(cid)
        for cid in cards:
            self._cards.discard(cid)
        return phases, cards

    def _contact_changed(self, cid: int) -> set[Phase]:
        """Move the referrer's id to where it belongs now; the phases whose lists changed."""
        was = self._phase_of.get(cid)
        now: Phase | None = None
        row = self.repo.columns_of(Contact, cid, "phase", "archived", "name", "company_id", "tags", resolve=False)
        if row is not None:
            phase, archived, name, company_id, tags = row
            if phase and not archived and self._matches(name, company_id, tags):
                now = _PHASE_OF.get(phase)
        if was == now:
            return set()  # still in the same place (board order is by id): only the card changed
        changed: set[Phase] = set()
        if was is not None:
            self.ids[was].remove(cid)
            del self._phase_of[cid]
            changed.add(was)
        if now is not None:
            bisect.insort(self.ids[now], cid, key=order_key)
            self._phase_of[cid] = now
            changed.add(now)
        return changed

    def _followup_changed(self, fid: int) -> set[int]:
        touched = set()
        old = self._followups.pop(fid, None)
        if old is not None:
            touched.add(old[0])
        row = self.repo.columns_of(FollowUp, fid, "contact_id", "due", "status", resolve=False)
        if row is not None:
            cid, due, status = row
            self._followups[fid] = (cid, date.fromisoformat(due), status == FollowUpStatus.OPEN)
            touched.add(cid)
        for cid in touched:
            dates = [d for c, d, is_open in self._followups.values() if c == cid and is_open]
            if dates:
                self._due[cid] = min(dates)
            else:
                self._due.pop(cid, None)
        return touched

    def _ask_changed(self, aid: int) -> set[int]:
        touched = set()
        old = self._asks.pop(aid, None)
        if old is not None:
            touched.add(old[0])
        row = self.repo.columns_of(Ask, aid, "contact_id", "day", "status", resolve=False)
        if row is not None:
            cid, day, status = row
            self._asks[aid] = (cid, date.fromisoformat(day), aid, status)
            touched.add(cid)
        statuses = newest_ask_statuses(a for a in self._asks.values() if a[0] in touched)
        for cid in touched:
            if cid in statuses:
                self._status[cid] = statuses[cid]
            else:
                self._status.pop(cid, None)
        return touched

    def set_coached(self, coached: frozenset[int]) -> set[int]:
        """New coach markers; returns the referrers whose marker changed."""
        changed = set(coached ^ self.coached)
        self.coached = coached
        for cid in changed:
            self._cards.discard(cid)
        return changed

    # -- cards -----------------------------------------------------------------------

    def card(self, cid: int) -> Card:
        card = self._cards.get(cid)
        if card is None:
            try:
                contact = self.repo.contact(cid)
            except NotFound:  # gone since the ids were read; the next apply() drops it
                contact = Contact(name="…", id=cid)
            company = self._companies.get(contact.company_id or 0, "") if contact.company_id else ""
            timing = contact.phase is Phase.TIMING and contact.company_id is not None
            card = make_card(
                contact,
                company,
                self._due.get(cid),
                self._status.get(cid, ""),
                self.today,
                coached=cid in self.coached,
                roles=self._roles_at(contact.company_id) if timing and contact.company_id else (),
            )
            self._cards.set(cid, card)
            self.built += 1
        return card

    def _roles_at(self, company_id: int) -> tuple[str, ...]:
        roles = self._roles.get(company_id)
        if roles is None:
            row = self.repo.columns_of(Company, company_id, "open_roles")
            roles = timing_roles(row[0] if row else None, self.today, self.role_max_age)
            self._roles[company_id] = roles
        return roles

    def phase_of(self, cid: int) -> Phase | None:
        return self._phase_of.get(self.repo.resolve(Contact, cid))

    def _company_names(self) -> dict[int, str]:
        return {cid: str(name) for cid, name in self.repo.columns_by_id(Company, "name")}
