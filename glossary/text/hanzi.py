"""Chinese characters: recognising them, and converting between simplified and traditional."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import opencc

# CJK Unified Ideographs with Extension A, compatibility ideographs, and Extensions B–H.
CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)
# The same set as a regular expression: a search per string is far faster than a test per
# character, and the base dictionary's import derives keys from 122,000 entries.
CJK = re.compile("[〇" + "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES) + "]")


def is_cjk(char: str) -> bool:
    """Tell whether char is a CJK ideograph (〇 included)."""
    code = ord(char)
    return char == "〇" or any(low <= code <= high for low, high in CJK_RANGES)


def has_cjk(text: str) -> bool:
    """Tell whether text contains at least one CJK ideograph."""
    return CJK.search(text) is not None


def cjk_only(text: str) -> str:
    """Keep only the CJK ideographs of text: "唐纳德·特朗普" → "唐纳德特朗普"."""
    return "".join(CJK.findall(text))


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Convert simplified characters to traditional (OpenCC s2t, character standard)."""
    return str(_converter("s2t").convert(text))


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC t2s)."""
    return str(_converter("t2s").convert(text))


def scripts(form: str) -> tuple[str, ...]:
    """Return the scripts Chinese text is written in: zh-Hans, zh-Hant or both.

    Text is simplified where OpenCC's t2s leaves it as it is, and traditional where t2s changes
    it or s2t leaves it as it is: 三不 is both, 谢锋 simplified only, 謝鋒 traditional only. A form
    whose characters s2t writes otherwise (台北, which OpenCC's standard writes 臺北) is
    simplified only: a termbase's traditional column gets the entry's own traditional form.
    """
    simplified = to_simplified(form) == form
    traditional = not simplified or to_traditional(form) == form
    return tuple(
        script for script, written in (("zh-Hans", simplified), ("zh-Hant", traditional)) if written
    )


def by_language(forms: Iterable[str]) -> dict[str, list[str]]:
    """Return forms by the language a termbase files them under, in their order: those
    without Chinese under "en", a Chinese one under each script it is written in (scripts)."""
    found: dict[str, list[str]] = {"en": [], "zh-Hans": [], "zh-Hant": []}
    for form in forms:
        for language in scripts(form) if has_cjk(form) else ("en",):
            found[language].append(form)
    return found


# Regional conventions: OpenCC's character-level configs (no phrase substitution, so a name
# is never rewritten into another word): s2t is the OpenCC standard, s2tw Taiwan, s2hk Hong Kong.
REGIONS = {None: "s2t", "tw": "s2tw", "hk": "s2hk"}


def to_traditional_for(text: str, region: str | None) -> str:
    """Convert simplified to traditional with Taiwan ("tw") or Hong Kong ("hk") conventions."""
    return str(_converter(REGIONS[region]).convert(text))


@cache
def _traditional_sources() -> dict[str, tuple[str, ...]]:
    """Map each simplified character to every traditional character OpenCC simplifies to it."""
    sources: dict[str, list[str]] = {}
    for low, high in CJK_RANGES[:2]:  # not the compatibility ideographs
        characters = [chr(code) for code in range(low, high + 1)]
        simplified = to_simplified("\n".join(characters)).split("\n")
        for character, target in zip(characters, simplified, strict=True):
            if len(target) == 1 and target != character:
                sources.setdefault(target, []).append(character)
    return {k: tuple(v) for k, v in sources.items() if len(v) > 1}


def ambiguous_characters(simplified: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return the characters of simplified text with several traditional forms (干 → 乾 幹 榦)."""
    sources = _traditional_sources()
    seen = dict.fromkeys(c for c in simplified if c in sources)
    return [(c, sources[c]) for c in seen]
