"""Reading an uploaded file's bytes as text: UTF-8 or UTF-16, else GB18030 or Big5 when they fit.

Byte-order marks decide first; then strict UTF-8; then UTF-16 without a mark (told by its NUL
bytes); then GB18030 and Big5, each judged by how much of the text is made of the characters
its own standard calls common (GB 2312 level 1, Big5 level 1). Statistical detectors guess
wrongly on the few characters of a glossary line (谢锋 in GB18030 reads as Big5 郅瑟), so a
file that fits neither clearly is refused with a message rather than read wrongly.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter

from glossary.messages import N_, Said
from glossary.text import hanzi

BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
CHINESE = (("GB18030", "gb18030"), ("Big5", "cp950"), ("Big5", "big5hkscs"))
MIN_COMMON = 0.8  # the share of common characters a legacy decoding needs to be believed
MIN_LEAD = 0.15  # and its lead over the other legacy decoding


class Undecodable(Said):
    """Bytes that are not text in an encoding the glossary reads; the message says which."""


def decode(raw: bytes) -> tuple[str, str]:
    """Return the text of raw and the name of its encoding; raise Undecodable if unsure."""
    for mark, codec, name in BOMS:
        if raw.startswith(mark):
            try:
                return raw[len(mark) :].decode(codec), name
            except UnicodeDecodeError as error:
                message = N_(
                    "the file starts with a %(encoding)s byte-order mark but is not "
                    "%(encoding)s (byte %(byte)s)"
                )
                raise Undecodable(message, encoding=name, byte=error.start + len(mark)) from error
    if b"\x00" in raw:  # ASCII in UTF-16 is valid UTF-8 too, but no text file holds NULs
        return _utf16_without_mark(raw), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return _legacy_chinese(raw)


def _utf16_without_mark(raw: bytes) -> str:
    sample = raw[:4000]
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    codec = "utf-16-le" if odd > 0.3 > even else "utf-16-be" if even > 0.3 > odd else None
    if codec and len(raw) % 2 == 0:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    raise Undecodable(N_("the file contains NUL bytes and is not UTF-16 text"))


def _legacy_chinese(raw: bytes) -> tuple[str, str]:
    readings: dict[str, tuple[str, float]] = {}
    for name, codec in CHINESE:
        if name in readings:
            continue
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        readings[name] = (text, common_share(text, name))
    ranked = sorted(readings.items(), key=lambda item: item[1][1], reverse=True)
    if ranked:
        best_name, (text, best) = ranked[0]
        runner_up = ranked[1][1][1] if len(ranked) > 1 else 0.0
        if best >= MIN_COMMON and best - runner_up >= MIN_LEAD:
            return text, best_name
    raise Undecodable(
        N_(
            "the file is not UTF-8 or UTF-16, and it does not read clearly as GB18030 or Big5 "
            "Chinese; save it as UTF-8 (in Excel: “CSV UTF-8”) and try again"
        )
    )


def common_share(text: str, standard: str) -> float:
    """Return the share of the non-ASCII characters of text that standard counts as common
    (tone-marked pinyin letters and punctuation included).

    The characters are counted in one pass (counting each distinct character over the whole
    text, as this did before, took a minute for 5 MB of 60,000 distinct characters).
    """
    counted = common = 0
    for char, weight in Counter(text).items():
        if char.isascii():
            continue
        counted += weight
        if (
            unicodedata.category(char)[0] in "PZ"
            or _pinyin_letter(char)
            or _is_common(char, standard)
        ):
            common += weight
    return common / counted if counted else 1.0


def _pinyin_letter(char: str) -> bool:
    """Tell a tone-marked Latin letter (ā, ǚ): common in a pinyin column, and never what
    bytes of Chinese read in the wrong legacy encoding turn into."""
    base = unicodedata.normalize("NFD", char)[0]
    return base.isascii() and base.isalpha() and char.isalpha()


def _is_common(char: str, standard: str) -> bool:
    if standard == "GB18030":  # a GB18030 file may hold traditional characters too
        return any(_gb2312_level1(c) for c in {char, hanzi.to_simplified(char)})
    try:
        code = int.from_bytes(char.encode("big5"), "big")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= code <= 0xC67E  # Big5 level 1: the 5,401 frequently used characters


def _gb2312_level1(char: str) -> bool:
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7  # GB 2312 level 1: 3,755 characters
