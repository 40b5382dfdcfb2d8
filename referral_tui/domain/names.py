"""Company names that differ only by case, punctuation or a legal suffix are the same company.

"Stripe", "stripe inc" and "Stripe, Inc." share the key ``stripe``, so the UI can ask
"same as Stripe?" before a second company drifts apart from the first. The key:

* NFKC-normalises and casefolds (full-width ``Ｓｔｒｉｐｅ`` is ``stripe``, ``ß`` is ``ss``);
* drops accents on Latin letters (``Nestlé`` is ``nestle``) but keeps every mark of other
  scripts, whose vowel signs are part of the letter (``हिन्दी`` stays as it is);
* deletes apostrophes and dots (``McDonald's``, ``S.A.``, ``L.L.C.``), reads ``&`` as ``and``
  and turns every other punctuation or symbol into a space (``Coca-Cola``, ``A/S``);
* joins runs of single letters (``J. P. Morgan`` and ``JP Morgan`` are ``jp morgan``);
* then drops trailing legal suffixes (``Inc``, ``Ltd``, ``GmbH & Co. KG``, ``Pty Ltd`` ...),
  one at a time, but never the last word and never down to a bare ``the``/``and``/``of``: a
  name that is only a suffix keeps it (``Co`` is ``co``, ``L.L.C.`` is ``llc``, ``The
  Limited`` is ``the limited``), and ``SAS Inc`` is ``sas``, the same as ``SAS``.

A name with no letter or digit at all has the empty key and matches nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_JOINERS = frozenset("'\u2018\u2019\u02bc`\u00b4.")
_FILLERS = frozenset({"the", "and", "of"})

_SUFFIX_TEXT = """
    inc incorporated corp corporation co company ltd limited llc llp lp plc gmbh ag kg mbh
    sa sas sarl srl spa bv nv oy oyj ab as asa aps kk se sl sro ltda bhd
    """
_COMPOUND_SUFFIXES = (
    "and co",
    "and company",
    "pty ltd",
    "pty limited",
    "pte ltd",
    "pvt ltd",
    "private limited",
    "sdn bhd",
    "sa de cv",
    "de cv",
    "sp z oo",
    "kabushiki kaisha",
)
LEGAL_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        {(word,) for word in _SUFFIX_TEXT.split()} | {tuple(text.split()) for text in _COMPOUND_SUFFIXES},
        key=lambda words: (-len(words), words),
    )
)
"""Legal-form suffixes as normalised words, longest first (``L.L.C.`` normalises to ``llc``)."""

_SPACES = re.compile(r"\s+")


def _is_kept(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


def _fold(text: str) -> str:
    """NFKC and casefold; drop marks on Latin letters (accents) and marks on no letter at all."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    out: list[str] = []
    keep_marks = False  # whether marks here belong to a letter of a script that needs them
    for ch in decomposed:
        if unicodedata.category(ch)[0] == "M":
            if keep_marks:
                out.append(ch)
            continue
        keep_marks = _is_kept(ch) and not unicodedata.name(ch, "").startswith("LATIN")
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _words(text: str) -> list[str]:
    chars: list[str] = []
    for ch in _fold(text):
        if _is_kept(ch):
            chars.append(ch)
        elif ch == "&":
            chars.append(" and ")
        elif ch not in _JOINERS:
            chars.append(" ")
    words: list[str] = []
    run: list[str] = []  # consecutive one-letter words: initials such as "j p" or "s a"
    for word in "".join(chars).split():
        if len(word) == 1:
            run.append(word)
            continue
        if run:
            words.append("".join(run))
            run = []
        words.append(word)
    if run:
        words.append("".join(run))
    return words


def normalise(name: str) -> str:
    """The name casefolded and stripped of punctuation, legal suffix kept: ``stripe inc``."""
    return " ".join(_words(name))


def company_key(name: str) -> str:
    """The key two spellings of one company share: ``Stripe, Inc.`` -> ``stripe``."""
    words = _words(name)
    kept = len(words)
    stripped = True
    while stripped:
        stripped = False
        for suffix in LEGAL_SUFFIXES:
            n = len(suffix)
            rest = words[: kept - n]
            if kept > n and tuple(words[kept - n : kept]) == suffix and not _FILLERS.issuperset(rest):
                kept -= n
                stripped = True
                break
    return " ".join(words[:kept])


def same_company(a: str, b: str) -> bool:
    """True when the names differ only by case, punctuation or a legal suffix."""
    key = company_key(a)
    return bool(key) and key == company_key(b)


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def exact_known(name: str, known: Iterable[str]) -> str | None:
    """The known name equal to ``name`` ignoring case and spacing (the one to reuse), or None."""
    plain = _plain(name)
    if not plain:
        return None
    return next((k for k in known if _plain(k) == plain), None)


def similar_known(name: str, known: Iterable[str]) -> str | None:
    """The known name that is the same company as ``name`` but spelt differently, or None.

    None also when a known name already equals ``name`` ignoring case and spacing: that one
    is simply reused (see ``exact_known``), there is nothing to ask. So the UI's rule is:
    reuse ``exact_known``; else ask "same as X?" for ``similar_known``; else create.
    With several candidates the first in ``known``'s order wins.
    """
    key, plain = company_key(name), _plain(name)
    if not key:
        return None
    found: str | None = None
    for candidate in known:
        if _plain(candidate) == plain:
            return None
        if found is None and company_key(candidate) == key:
            found = candidate
    return found


def _prefix_forms(prefix: str) -> tuple[str, str]:
    plain = _SPACES.sub(" ", prefix.casefold().lstrip())
    norm = normalise(prefix)
    last = prefix[-1:]
    if norm and last and not _is_kept(last) and last not in _JOINERS:
        norm += " "  # "stripe " or "stripe," ends a word: complete "Stripe Inc", not "Stripes"
    return plain, norm


def complete(prefix: str, known: Iterable[str], limit: int = 10) -> list[str]:
    """Known names (companies, tags) that ``prefix`` could be the start of, best first.

    A name matches when it starts with ``prefix`` ignoring case, or when its normalised form
    (see ``normalise``) starts with the prefix's, so ``stripe i`` completes ``Stripe, Inc.``.
    Shortest first, then alphabetical; names equal ignoring case appear once (the first
    spelling seen); at most ``limit``. A blank prefix completes nothing.
    """
    plain, norm = _prefix_forms(prefix)
    if not plain.strip():
        return []
    seen: dict[str, str] = {}
    for name in known:
        name_plain = _plain(name)
        if not name_plain or name_plain in seen:
            continue
        if name_plain.startswith(plain) or (norm and normalise(name).startswith(norm)):
            seen[name_plain] = name
    ranked = sorted(seen.values(), key=lambda n: (len(n), n.casefold(), n))
    return ranked[: max(limit, 0)]


def known_person(name: str, company: str, people: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The known (name, company) that is this person: the same name ignoring case and spacing,
    at the same company (``same_company``, or the same text); None when there is none. Quick-add
    asks before adding a second one."""
    plain = _plain(name)
    if not plain:
        return None
    return next(
        (
            (n, c)
            for n, c in people
            if _plain(n) == plain and (same_company(c, company) or _plain(c) == _plain(company))
        ),
        None,
    )
