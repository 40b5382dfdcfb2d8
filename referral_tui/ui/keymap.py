"""The user's key remaps (``[keys]`` in the config), checked once at start.

Textual applies a keymap screen by screen, as each screen's bindings are looked up, and a
remap onto a key another action already has silently takes that key away (``board.score =
"a"`` left quick-add with no key). Here every binding of every UI class is known up front, so
unknown ids and such clashes are reported once, when the app starts, naming both ids.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from functools import cache

from textual.binding import Binding


@cache
def binding_owners() -> tuple[type, ...]:
    """Every class of the UI that declares BINDINGS (screens, widgets, forms)."""
    import referral_tui.ui as ui_package

    owners: list[type] = []
    for info in pkgutil.walk_packages(ui_package.__path__, "referral_tui.ui."):
        module = importlib.import_module(info.name)
        owners += [
            v
            for v in vars(module).values()
            if isinstance(v, type) and v.__module__ == module.__name__ and "BINDINGS" in vars(v)
        ]
    return tuple(owners)


def _bindings(owner: type) -> list[Binding]:
    return [b for b in vars(owner).get("BINDINGS", []) if isinstance(b, Binding)]


def known_binding_ids() -> set[str]:
    """Every binding id a user can remap in the config file (from every UI module)."""
    return {b.id for owner in binding_owners() for b in _bindings(owner) if b.id}


def _keys(spec: str) -> list[str]:
    return [k.strip() for k in spec.split(",") if k.strip()]


def clashes(keymap: Mapping[str, str]) -> Iterator[str]:
    """One sentence for each action that a remap left without a key on its screen.

    (Textual's own clash check lets this through: it treats a binding that the keymap does
    not mention as rebound elsewhere, so ``board.score = "a"`` quietly took quick-add's key.)
    """
    for owner in binding_owners():
        holders: dict[str, list[str]] = {}
        for binding in _bindings(owner):
            if not binding.id:
                continue
            keys = _keys(keymap[binding.id]) if binding.id in keymap else _keys(binding.key)
            for key in keys:
                if binding.id not in holders.setdefault(key, []):
                    holders[key].append(binding.id)
        for key, ids in holders.items():
            takers = [i for i in ids if i in keymap]
            losers = [i for i in ids if i not in keymap]
            for lost in losers:
                if takers:
                    yield (
                        f'key "{key}" is set for both {takers[0]} and {lost}: {takers[0]} has it now; '
                        f"give {lost} another key under [keys]"
                    )
            if len(takers) > 1:
                yield f'key "{key}" is set for both {takers[0]} and {takers[1]}: give one of them another key'


def problems(keymap: Mapping[str, str]) -> list[str]:
    """What is wrong with the ``[keys]`` table: unknown ids first, then clashes (each once)."""
    found: list[str] = []
    unknown = sorted(set(keymap) - known_binding_ids())
    if unknown:
        found.append(f"unknown key binding id {unknown[0]!r}; ? help lists the ids")
    seen: set[str] = set()
    for sentence in clashes({k: v for k, v in keymap.items() if k not in unknown}):
        if sentence not in seen:
            seen.add(sentence)
            found.append(sentence)
    return found
