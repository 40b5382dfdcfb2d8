"""Reading vCard 3.0 / 4.0 files (vobject) and writing vCard 4.0 (our own small writer).

Reading: the file is cut into cards at ``BEGIN:VCARD`` / ``END:VCARD`` lines first, and each
card goes through ``vobject`` on its own, so one broken card is reported (Skipped, with its
position and first line) while the others import. Folded lines, vCard 2.1 quoted-printable,
Apple's ``item1.URL`` + ``item1.X-ABLabel`` pairs and ``X-SOCIALPROFILE;type=linkedin`` are
understood; embedded photos are dropped before parsing (we never use them). A card needs a
name (FN, else N, else ORG, else an email or phone); VERSION is not insisted on.

Writing: vobject writes only 3.0, so ``write_vcards`` emits RFC 6350 vCard 4.0 itself:
VERSION right after BEGIN, TEXT escaping (backslash, comma, newline; semicolons too inside
the components of N and ORG), lines folded at 75 octets without splitting a UTF-8 character,
CRLF line ends. Encode the result as UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import vobject  # type: ignore[import-untyped]

from referral_tui.formats.address import AddressCard, first_linkedin, is_linkedin_profile, unique
from referral_tui.formats.connections import Skipped
from referral_tui.formats.csvrows import INVALID_UTF8, has_invalid_utf8
from referral_tui.formats.ics import fold

VCardContact = AddressCard

_BLOB = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_VOBJECT_LINE = re.compile(r"^At line \d+: ")
_EMPTY = "an empty card (no name, email or phone)"


class VCardError(ValueError):
    """The file holds no vCard we can read."""


@dataclass(frozen=True)
class _Card:
    position: int  # 1-based, in file order
    line: int  # the BEGIN:VCARD line
    text: str | None  # None: never closed


def read_vcards(data: bytes, source: str) -> list[VCardContact | Skipped]:
    """Every card of a .vcf file as a VCardContact, or Skipped (line of its BEGIN, "card N: why").

    Raises VCardError naming ``source`` when the file has no card or none can be read."""
    cards = list(_cards(data))
    if not cards:
        raise VCardError(f"{source}: no vCard found (no BEGIN:VCARD line); is this a .vcf contacts file?")
    results: list[VCardContact | Skipped] = []
    unreadable: list[Skipped] = []
    for card in cards:
        item = _read_card(card)
        results.append(item)
        if isinstance(item, Skipped) and not item.reason.endswith(_EMPTY):
            unreadable.append(item)
    if len(unreadable) == len(cards):
        first = unreadable[0]
        raise VCardError(f"{source}: no card could be read; {first.reason} (line {first.line})")
    return results


def _logical_lines(data: bytes) -> list[tuple[int, str]]:
    """Unfolded lines with the physical line each starts on, photo lines dropped.

    Folds are undone on the bytes, before decoding, so a writer that folded in the middle of
    a UTF-8 character does no harm. A line that is not UTF-8 keeps its bad bytes as surrogates
    (its card is then reported), unless no line of the file has valid non-ASCII UTF-8 at all:
    such a file was written in a legacy 8-bit encoding and is read as Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    data = data.removeprefix(b"\xef\xbb\xbf")
    joined: list[tuple[int, bytearray]] = []
    for number, physical in enumerate(data.splitlines(), start=1):
        if physical[:1] in (b" ", b"\t") and joined:
            joined[-1][1].extend(physical[1:])
        elif physical.strip():
            joined.append((number, bytearray(physical)))
    kept = [(number, bytes(raw)) for number, raw in joined if not _BLOB.match(bytes(raw[:40]).decode("latin-1"))]
    lines = [(number, raw.decode("utf-8", errors="surrogateescape")) for number, raw in kept]
    if any(has_invalid_utf8(line) for _, line in lines) and not any(_real_non_ascii(line) for _, line in lines):
        return [(number, _legacy(raw)) for number, raw in kept]
    return lines


def _real_non_ascii(line: str) -> bool:
    return not line.isascii() and any(ord(c) > 0x7F and not 0xDC80 <= ord(c) <= 0xDCFF for c in line)


def _legacy(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _cards(data: bytes) -> Iterator[_Card]:
    """The cards of a file; text outside BEGIN:VCARD ... END:VCARD is ignored."""
    lines: list[str] | None = None
    start = position = 0
    for number, line in _logical_lines(data):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if lines is not None:
                yield _Card(position, start, None)
            lines, start, position = [line.strip()], number, position + 1
        elif lines is None:
            continue
        elif marker == "END:VCARD":
            lines.append(line.strip())
            yield _Card(position, start, "\r\n".join(lines) + "\r\n")
            lines = None
        else:
            lines.append(line)
    if lines is not None:
        yield _Card(position, start, None)


def _read_card(card: _Card) -> VCardContact | Skipped:
    where = f"card {card.position}"
    if card.text is None:
        return Skipped(card.line, f"{where}: never closed (no END:VCARD)")
    if has_invalid_utf8(card.text):
        return Skipped(card.line, f"{where}: {INVALID_UTF8}")
    try:
        component = vobject.readOne(card.text, allowQP="quoted-printable" in card.text.casefold())
        contact = _contact(card.line, component)
    except Exception as exc:  # vobject raises ParseError, binascii.Error, UnicodeError, ...
        return Skipped(card.line, f"{where}: not a readable vCard ({_VOBJECT_LINE.sub('', str(exc))})")
    return contact if contact is not None else Skipped(card.line, f"{where}: {_EMPTY}")


def _flat(value: Any) -> str:
    """A property value as text: lists (ORG units split at unescaped commas) joined back."""
    if isinstance(value, list):
        return ",".join(_flat(v) for v in value)
    if isinstance(value, bytes):
        return ""
    return str(value).strip()


def _contact(line: int, card: Any) -> VCardContact | None:
    children = list(card.getChildren())
    by_name: dict[str, list[Any]] = {}
    for child in children:
        by_name.setdefault(child.name.upper(), []).append(child)
    labels = {c.group.casefold(): _flat(c.value).casefold() for c in by_name.get("X-ABLABEL", []) if c.group}

    def texts(name: str) -> list[str]:
        return [text for text in (_flat(c.value) for c in by_name.get(name, [])) if text]

    first = last = ""
    for n in by_name.get("N", []):
        value = n.value
        if isinstance(value, str):
            parts = value.split(";")
            last, first = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
        else:
            last, first = _join(value.family), _join(value.given)
        break
    org = next((_flat(c.value[0] if isinstance(c.value, list) else c.value) for c in by_name.get("ORG", [])), "")
    emails = unique(e.removeprefix("mailto:") for e in texts("EMAIL"))
    phones = unique(p.removeprefix("tel:") for p in texts("TEL"))
    urls = [u.replace("\\:", ":") for u in texts("URL")]
    labelled = [
        _flat(c.value).replace("\\:", ":")
        for c in by_name.get("URL", [])
        if c.group and "linkedin" in labels.get(c.group.casefold(), "")
    ]
    social = [_social(c) for c in by_name.get("X-SOCIALPROFILE", []) if _is_linkedin_social(c)]
    linkedin = next((u for u in (*social, *labelled) if u), "") or first_linkedin(urls)
    name = next(iter(texts("FN")), "") or " ".join(p for p in (first, last) if p) or org
    name = name or next(iter(emails), "") or next(iter(phones), "")
    if not name:
        return None
    categories: list[str] = []
    for c in by_name.get("CATEGORIES", []):
        values = c.value if isinstance(c.value, list) else str(c.value).split(",")
        categories += [_flat(v) for v in values]
    return AddressCard(
        line=line,
        name=name,
        first=first,
        last=last,
        org=org,
        title=next(iter(texts("TITLE")), ""),
        emails=emails,
        phones=phones,
        urls=unique([*urls, linkedin] if linkedin else urls),
        linkedin_url=linkedin,
        note="\n".join(texts("NOTE")).replace("\r\n", "\n"),
        categories=unique(categories),
    )


def _join(value: Any) -> str:
    return " ".join(_flat(v) for v in value if _flat(v)) if isinstance(value, list) else _flat(value)


def _is_linkedin_social(child: Any) -> bool:
    kinds = [t.casefold() for value in child.params.get("TYPE", []) for t in value.split(",")]
    singles = [s.casefold() for s in getattr(child, "singletonparams", [])]
    return "linkedin" in kinds or "linkedin" in singles or is_linkedin_profile(_flat(child.value))


def _social(child: Any) -> str:
    """The profile URL of an X-SOCIALPROFILE; Apple may give ``x-apple:user`` plus ``x-user=user``."""
    value = _flat(child.value).replace("\\:", ":")
    if "linkedin.com" in value.casefold():
        return value
    user = next(iter(child.params.get("X-USER", [])), "").strip()
    return f"https://www.linkedin.com/in/{user}" if user else ""


# -- writing vCard 4.0 ------------------------------------------------------------------


def escape_text(value: str, component: bool = False) -> str:
    """RFC 6350 3.4 escaping: backslash, comma and newlines; a semicolon too inside a component."""
    text = value.replace("\\", "\\\\").replace(",", "\\,")
    if component:
        text = text.replace(";", "\\;")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _uri(value: str) -> str:
    return "".join(value.split("\n")).replace("\r", "").strip()


def card_lines(card: AddressCard) -> list[str]:
    """The content lines of one vCard 4.0 (unfolded, without line ends)."""
    name = card.name or " ".join(p for p in (card.first, card.last) if p) or card.org or next(iter(card.emails), "")
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{escape_text(name)}"]
    if card.first or card.last:
        lines.append(f"N:{escape_text(card.last, True)};{escape_text(card.first, True)};;;")
    if card.org:
        lines.append(f"ORG:{escape_text(card.org, True)}")
    if card.title:
        lines.append(f"TITLE:{escape_text(card.title)}")
    lines += [f"EMAIL:{escape_text(email)}" for email in card.emails]
    lines += [f"TEL:{escape_text(phone)}" for phone in card.phones]
    lines += [f"URL:{_uri(url)}" for url in card.urls]
    if card.linkedin_url:
        lines.append(f"X-SOCIALPROFILE;TYPE=linkedin:{_uri(card.linkedin_url)}")
    if card.note:
        lines.append(f"NOTE:{escape_text(card.note)}")
    if card.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in card.categories))
    lines.append("END:VCARD")
    return lines


def write_vcards(cards: Iterable[AddressCard]) -> str:
    """A vCard 4.0 file (RFC 6350) for the cards: folded at 75 octets, CRLF line ends."""
    return "".join(fold(line) + "\r\n" for card in cards for line in card_lines(card))
