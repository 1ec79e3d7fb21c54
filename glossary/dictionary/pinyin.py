"""CC-CEDICT's numbered pinyin written with tone marks and grouped into words."""

from __future__ import annotations

import re
from functools import cache

from glossary.text import romanize

SYLLABLE = re.compile(r"([A-Za-z:]+)([1-5])")
# Runs of more syllables than this (phrases, idioms) are split into words with rjieba.
LONGEST_WORD = 3


def convert_pinyin(
    numbered: str, characters: str = ""
) -> tuple[str, list[list[romanize.Syllable]]]:
    """Write CC-CEDICT's numbered syllables with tone marks, grouped into words.

    "u:" is ü, tone 5 is the neutral tone, an "r5" joins the syllable before it (erhua). A
    capitalised syllable starts a word (CC-CEDICT capitalises each word of a proper noun:
    "Zhong1 guo2 She4 hui4" → "Zhōngguó Shèhuì"); other runs of up to three syllables are one
    word ("dian4 nao3" → "diànnǎo"), longer ones are split into words by the characters they
    read, when there is one syllable per character. Returns the pinyin and its words of
    syllables for the search keys, or no words when a part is not pinyin (Latin letters).
    """
    tokens = numbered.split()
    aligned = len(tokens) == len(characters)
    # Each piece: (index of its token, syllable, tone, capitalised) or (index, text, -1, False).
    pieces: list[tuple[int, str, int, bool]] = []
    for index, token in enumerate(tokens):
        read = _read_token(token)
        if read is None:
            pieces.append((index, token, -1, False))
        elif read[0] == "r" and read[1] == 0 and pieces and pieces[-1][2] >= 0:
            last = pieces[-1]
            pieces[-1] = (last[0], last[1] + "r", last[2], last[3])
        else:
            pieces.append((index, *read))
    words: list[str] = []
    syllables: list[list[romanize.Syllable]] = []
    pinyin_only = True
    run: list[tuple[int, str, int, bool]] = []

    def end_run() -> None:
        for group in _split_run(run, characters if aligned else ""):
            # As romanize.join_syllables joins them, with an apostrophe before a, o or e.
            text = _mark(group[0][1], group[0][2]) + "".join(
                ("'" if s[0] in "aoe" else "") + _mark(s, t) for _, s, t, _ in group[1:]
            )
            words.append(text[:1].upper() + text[1:] if group[0][3] else text)
            syllables.append([(s, t) for _, s, t, _ in group])
        run.clear()

    for piece in pieces:
        index, text, tone, capital = piece
        if tone >= 0:
            if capital and run:
                end_run()
            run.append(piece)
            continue
        end_run()
        if text in (",", "，"):
            if words:
                words[-1] += ","
        elif text not in ("·", "•", "・"):
            pinyin_only = False
            if _is_letter(text) and index > 0 and _is_letter(tokens[index - 1]) and words:
                words[-1] += text  # "O K" → "OK"
            else:
                words.append(text)
    end_run()
    return " ".join(words), syllables if pinyin_only else []


@cache
def _read_token(token: str) -> tuple[str, int, bool] | None:
    """Read one numbered syllable: "Lu:3" → ("lv", 3, True), or None if it is not one."""
    found = SYLLABLE.fullmatch(token)
    if not found:
        return None
    return found[1].lower().replace("u:", "v"), int(found[2]) % 5, found[1][:1].isupper()


_mark = cache(romanize.mark)  # some 1,600 syllables with their tones, marked 300,000 times


def _is_letter(token: str) -> bool:
    return len(token) == 1 and token.isascii() and token.isalpha()


def _split_run(
    run: list[tuple[int, str, int, bool]], characters: str
) -> list[list[tuple[int, str, int, bool]]]:
    """Split a run of syllables into words: short runs whole, long ones by the words they read."""
    if len(run) <= LONGEST_WORD:
        return [run] if run else []
    if not characters:
        return [[piece] for piece in run]
    text = characters[run[0][0] : run[-1][0] + 1]
    if len(text) != len(run):  # an erhua syllable reads two characters
        return [[piece] for piece in run]
    groups, position = [], 0
    for length in romanize.word_lengths(text):
        groups.append(run[position : position + length])
        position += length
    return [group for group in groups if group]
