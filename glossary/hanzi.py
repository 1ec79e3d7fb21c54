"""Chinese characters: recognising them, and converting between simplified and traditional."""

from __future__ import annotations

from functools import cache

import opencc

# CJK Unified Ideographs with Extension A, compatibility ideographs, and Extensions B–H.
CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)


def is_cjk(char: str) -> bool:
    """Tell whether char is a CJK ideograph (〇 included)."""
    code = ord(char)
    return char == "〇" or any(low <= code <= high for low, high in CJK_RANGES)


def has_cjk(text: str) -> bool:
    """Tell whether text contains at least one CJK ideograph."""
    return any(is_cjk(c) for c in text)


def cjk_only(text: str) -> str:
    """Keep only the CJK ideographs of text: "唐纳德·特朗普" → "唐纳德特朗普"."""
    return "".join(c for c in text if is_cjk(c))


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Convert simplified characters to traditional (OpenCC s2t, character standard)."""
    return str(_converter("s2t").convert(text))


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC t2s)."""
    return str(_converter("t2s").convert(text))
