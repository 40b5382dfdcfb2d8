"""What an import of LinkedIn's export did, in numbers and in the lines the command prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from referral_tui.formats.linkedin_archive import SkippedRow

SHOWN_CHANGES = 20
SHOWN_SKIPPED = 50
SHOWN_UNKNOWN = 10


@dataclass
class ImportSummary:
    """What an import did, for the command's report and the app's toast."""

    source: str = ""
    whole_export: bool = False  # a ZIP or folder (else one CSV)
    kinds: tuple[str, ...] = ()  # the kinds of file found: "connections", "messages", ...
    kinds_of_file: dict[str, str] = field(default_factory=dict)  # file -> its kind
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_company: list[str] = field(default_factory=list)
    candidates: int = 0
    messages: int = 0  # message interactions added
    messages_known: int = 0  # ... already imported before
    messages_unmatched: int = 0  # messages with nobody among your contacts
    message_contacts: set[int] = field(default_factory=set)
    invitations: int = 0
    invitations_known: int = 0
    invitations_unmatched: int = 0
    roles: int = 0  # open roles added to companies
    roles_applied: int = 0  # saved roles now applied to
    roles_known: int = 0
    roles_untracked: int = 0  # at companies that are not your targets
    unknown_people: list[str] = field(default_factory=list)  # wrote to you, not in your contacts
    unknown_added: int = 0
    owner_unknown: bool = False
    skipped: list[SkippedRow] = field(default_factory=list)

    def lines(self) -> list[str]:
        out: list[str] = []
        if "connections" in self.kinds:
            out += self._connection_lines()
        if "messages" in self.kinds:
            people = len(self.message_contacts)
            out.append(
                f"messages: {self.messages} new on {people} contact{'s' if people != 1 else ''}, "
                f"{self.messages_known} already imported, {self.messages_unmatched} with nobody in your contacts"
            )
            if self.owner_unknown:
                out.append(
                    "  could not tell which messages are yours (no Invitations.csv, too few conversations): "
                    "only messages from your contacts were imported"
                )
        if "invitations" in self.kinds:
            out.append(
                f"invitations: {self.invitations} new, {self.invitations_known} already imported, "
                f"{self.invitations_unmatched} with nobody in your contacts"
            )
        if "applications" in self.kinds or "saved_jobs" in self.kinds:
            out.append(
                f"open roles: {self.roles} new on your target companies, {self.roles_applied} marked applied, "
                f"{self.roles_known} already there, {self.roles_untracked} at companies you do not track"
            )
        out += self._unknown_lines()
        if self.whole_export and self.skipped:
            out.append(f"skipped rows: {len(self.skipped)}")
        for row in self.skipped[:SHOWN_SKIPPED]:
            where = f"{row.file} line {row.line}" if self.whole_export else f"line {row.line}"
            out.append(f"  skipped {where}: {row.reason}")
        if len(self.skipped) > SHOWN_SKIPPED:
            out.append(f"  ... and {len(self.skipped) - SHOWN_SKIPPED} more skipped rows")
        return out

    def _connection_lines(self) -> list[str]:
        skipped = sum(1 for s in self.skipped if self.kinds_of_file.get(s.file) == "connections")
        counts = (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"changed company {len(self.changed_company)}, skipped {skipped}"
        )
        out = [f"connections: {counts}" if self.whole_export else counts]
        out.append(f"at one of your target companies (candidate referrers): {self.candidates}")
        out += [f"  changed company: {who}" for who in self.changed_company[:SHOWN_CHANGES]]
        if len(self.changed_company) > SHOWN_CHANGES:
            out.append(f"  ... and {len(self.changed_company) - SHOWN_CHANGES} more")
        return out

    def _unknown_lines(self) -> list[str]:
        count = len(self.unknown_people)
        if not count:
            return []
        names = ", ".join(self.unknown_people[:SHOWN_UNKNOWN]) + (", ..." if count > SHOWN_UNKNOWN else "")
        people = "person" if count == 1 else "people"
        if self.unknown_added:
            return [f"added to your network: {self.unknown_added} {people} who wrote to you ({names})"]
        return [f"not in your contacts: {count} {people} who wrote to you ({names}); add them with --add-unknown"]
