"""Mutation testing of the core modules with mutmut: how many of its mutants the tests kill.

`make mutate` runs it (`make mutate MUTATE_GROUPS="security accounts"` for some groups). Each
group mutates a few modules and tests each mutant with its own test files only: of those, mutmut
runs the tests that ran the mutated function when it first ran them all (its "stats"). A group
works in .mutation/<group>/, where mutmut keeps what it has done: a run goes on where the last
one stopped and retests only the functions that changed since; the survivors (and the mutants no
test ran) are retested when the group's test files changed since. Writes
bench/results/mutation.json (each group's latest counts, kept for the groups not run) and
bench/results/mutation.md.

A survivor asks for a test that states the behaviour the mutant breaks, or, when the mutant
changes no behaviour a person or a caller could see, a line in EQUIVALENT saying why.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"
RESULTS = ROOT / "bench" / "results"
TARGET = 0.85  # of the mutants that change behaviour, killed in every module
# What the tests read besides the package and themselves, linked into each group's folder.
LINKED = [
    "glossary",
    "tests",
    "bench",
    "translations",
    "data",
    "setup.py",
    "README.md",
    "SECURITY.md",
]


@dataclass(frozen=True)
class Group:
    """Modules mutated together, and the test files that test them."""

    modules: tuple[str, ...]
    tests: tuple[str, ...]


# Smallest first: a run that cannot finish leaves the small groups done.
GROUPS: dict[str, Group] = {
    "security": Group(("glossary/web/security.py",), ("tests/test_security_headers.py",)),
    "accounts": Group(
        ("glossary/accounts.py", "glossary/store/accounts.py"),
        ("tests/test_accounts.py", "tests/test_accounts_cli.py"),
    ),
    # History through the pages and the API (test_history.py, test_review.py), through the save
    # service directly (test_service.py), and an import's revisions (test_import.py).
    # test_revisions.py tests the pure diff of two snapshots (entries/revisions.py), not these.
    "history": Group(
        ("glossary/store/history.py",),
        (
            "tests/test_history.py",
            "tests/test_review.py",
            "tests/test_service.py",
            "tests/test_import.py",
        ),
    ),
    # The rule book is pure: its table of cases (test_validate.py) tests it directly. The form,
    # the API and the importer's tests reach it through the app, a second or more a mutant,
    # and check how its problems reach a person, which the rule book's mutants do not change.
    "validate": Group(("glossary/entries/validate.py",), ("tests/test_validate.py",)),
    # The text core's own tests are tables of facts, fast to run: searching (test_search.py)
    # would test each mutant again through the app, at a hundred times the cost.
    "keys": Group(
        ("glossary/text/keys.py",), ("tests/test_keys.py", "tests/test_search_systems.py")
    ),
    # Romanization's own tests, the other systems (Wade–Giles, Cantonese: test_systems.py) and
    # the name readings against our tables (test_readings.py).
    "romanize": Group(
        ("glossary/text/romanize.py",),
        (
            "tests/test_romanize.py",
            "tests/test_names.py",
            "tests/test_systems.py",
            "tests/test_readings.py",
        ),
    ),
    # Did you mean: the lexicon, the respellings and their order (test_spelling.py, its
    # corrections searched for through the app as well).
    "spelling": Group(("glossary/text/spelling.py",), ("tests/test_spelling.py",)),
    # The kept answers and the cards kept by what they show, and the marking of the matches.
    "kept": Group(
        ("glossary/web/answers.py", "glossary/web/highlight.py"),
        (
            "tests/test_answers.py",
            "tests/test_cards.py",
            "tests/test_highlight.py",
            "tests/test_escaping.py",
        ),
    ),
    "ranking": Group(
        (
            "glossary/store/dictionary/ranking.py",
            "glossary/store/finding.py",
            "glossary/store/early.py",
        ),
        (
            "tests/test_search.py",
            "tests/test_dictionary.py",
            "tests/test_dictionary_scale.py",
            "tests/test_search_scale.py",
            "tests/test_search_systems.py",  # a name as another system writes it
            "tests/test_vocabulary.py",
            # finding's helpers for exporting what a search or a browse chose, and for
            # matching an import's keys to entries
            "tests/test_export_stream.py",
            "tests/test_import.py",
        ),
    ),
    # Each format's readers and writers (test_readers.py, test_exporters.py), Excel's own
    # (test_xlsx.py), the registry's (test_format_registry.py), and the round trips of real
    # files through the importer (test_interchange.py, test_import_formats.py).
    "formats": Group(
        ("glossary/exchange/formats/*.py",),
        (
            "tests/test_readers.py",
            "tests/test_exporters.py",
            "tests/test_xlsx.py",
            "tests/test_format_registry.py",
            "tests/test_interchange.py",
            "tests/test_import_formats.py",
        ),
    ),
}

# Survivors that change no behaviour, by mutmut's name for them: why no test can tell.
# mutmut numbers a function's mutants in order, so an edit to the function can renumber them:
# the report shows each one's diff beside its reason, to be checked when they move.
EQUIVALENT: dict[str, str] = {
    # The kept answers and cards (answers.py), the marking (highlight.py).
    "glossary.web.answers.xǁKeptAnswersǁ__call____mutmut_23": "a Flask response calls"
    " start_response with a status and headers only, never exc_info",
    "glossary.web.answers.xǁKeptAnswersǁkey__mutmut_3": "without PATH_INFO no path is kept:"
    " None, like '', is not in KEPT_PATHS",
    "glossary.web.answers.xǁKeptAnswersǁkey__mutmut_5": "the same as mutmut_3",
    "glossary.web.answers.xǁKeptAnswersǁkey__mutmut_8": "'XXXX', like '', is not in KEPT_PATHS",
    "glossary.web.answers.xǁKeptAnswersǁkey__mutmut_34": "parse_cookie of a request without a"
    " Cookie header is {}, as the else gives",
    "glossary.web.answers.xǁKeptAnswersǁkey__mutmut_46": "a lang cookie that names no locale"
    " then keys its own copy of the default language's page: the same page, kept twice",
    "glossary.web.answers.x_init_app__mutmut_31": "add_template_global without a name uses"
    " the function's, card",
    "glossary.web.answers.x_init_app__mutmut_33": "the same as mutmut_31",
    "glossary.web.highlight.x_highlight__mutmut_10": "-2, like -1, is below 0: nothing found,"
    " nothing marked",
    "glossary.web.highlight.x_highlight__mutmut_45": "where stop == end the join adds"
    " form[end:stop], which is empty",
    # Did you mean (spelling.py).
    "glossary.text.spelling.xǁLexiconǁof__mutmut_35": "a word of letters has no white space",
    "glossary.text.spelling.xǁLexiconǁof__mutmut_57": "typing.cast does nothing at run time",
    "glossary.text.spelling.xǁLexiconǁnear__mutmut_12": "one edit looked for again finds the same",
    "glossary.text.spelling.x_pinyin_spellings__mutmut_13": "each way one indel more: same order",
    "glossary.text.spelling.x_pinyin_spellings__mutmut_23": "an empty chunk is no syllable",
    "glossary.text.spelling.x_pinyin_spellings__mutmut_38": "no syllable starts with an X",
    # Header names are case-insensitive, in werkzeug's Headers as on the wire.
    "glossary.web.security.x_add_headers__mutmut_14": "Headers finds cache-control in any case",
    "glossary.web.security.x_add_headers__mutmut_15": "Headers finds CACHE-CONTROL in any case",
    "glossary.web.security.x_add_headers__mutmut_19": "a header name is sent in any case",
    "glossary.web.security.x_add_headers__mutmut_20": "a header name is sent in any case",
    # typing.cast does nothing at run time; SQLite reads names (a., A.) in any case; a row
    # just inserted has a row id, never 0 or None.
    "glossary.store.accounts.x_accounts__mutmut_1": "cast changes no value",
    "glossary.store.accounts.x_account_for_token__mutmut_16": "cast changes no value",
    "glossary.store.accounts.x_account_for_token__mutmut_11": "SQLite reads A.name as a.name",
    "glossary.store.accounts.x_insert_account__mutmut_8": "an inserted row's id is never 0",
    "glossary.store.accounts.x__one__mutmut_9": "cast changes no value",
    "glossary.store.accounts.x_account_by_name__mutmut_8": "SQLite reads NAME as name",
    "glossary.store.accounts.x_account_by_id__mutmut_8": "SQLite reads ID as id",
    "glossary.store.accounts.x_record_login_failure__mutmut_6": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_record_login_failure__mutmut_7": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_record_login_failure__mutmut_13": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_record_login_failure__mutmut_14": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_insert_token__mutmut_6": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_insert_token__mutmut_7": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_revoke_tokens__mutmut_7": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_revoke_tokens__mutmut_8": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_forget_login_failures__mutmut_6": "SQLite reads SQL in any case",
    "glossary.store.accounts.x_forget_login_failures__mutmut_7": "SQLite reads SQL in any case",
    # set_account's assertion guards against a column no caller passes; no caller changes all
    # four columns at once.
    "glossary.store.accounts.x_set_account__mutmut_11": "no caller changes all four columns",
    "glossary.store.accounts.x_set_account__mutmut_12": "the message of an assertion never raised",
    "glossary.store.accounts.x_set_account__mutmut_13": "the message of an assertion never raised",
    # 15 s doubled 20 times is far past MAX_DELAY: the cap on the doublings only keeps the
    # number small. A session id is "id:token", the token hex: it holds one colon.
    "glossary.accounts.x_delay__mutmut_16": "15 s · 2^20 is past MAX_DELAY as 2^21 is",
    # zxcvbn lowers the words it is given, and they are taken out of a password in any case.
    "glossary.accounts.x_password_problem__mutmut_10": "zxcvbn lowers the names it is given",
    "glossary.accounts.x_issue_token__mutmut_10": "token_urlsafe's default is 32 bytes",
    "glossary.accounts.x_load_account__mutmut_3": "a session id holds one colon",
    # system_key keeps lower-case letters, ü and ' only, so mutmut's upper-case XX vanish.
    "glossary.text.keys.x_system_key__mutmut_10": "the XX around ' are dropped by the filter",
    "glossary.text.keys.x_system_key__mutmut_14": "the XX around ü's stand-in are dropped",
    "glossary.text.keys.x_system_key__mutmut_22": "the XX around ü are dropped by the filter",
    "glossary.text.keys.x_system_key__mutmut_28": "folded text holds no X to keep",
    "glossary.text.keys.x_pinyin_query__mutmut_74": "break or continue after the last word",
    "glossary.text.keys.x_pinyin_query__mutmut_86": "digits are looked for, whatever joins them",
    "glossary.text.keys.x_entry_keys__mutmut_2": "the default kind, '' or 'XXXX', is no system's",
    "glossary.text.keys.x_entry_keys__mutmut_79": (
        "a field's rows differ in type only where two types share a key: a reading of one-letter"
        " syllables (ē'ē: py and ini 'ee'), whose py row finds it in a better band"
    ),
    # _split_long splits one dictionary word of four or more characters (rjieba's cut, HMM off).
    "glossary.text.romanize.x__split_long__mutmut_5": (
        "HMM only joins runs of unknown characters: a dictionary word is cut alike without it"
    ),
    "glossary.text.romanize.x__split_long__mutmut_6": (
        "HMM only joins runs of unknown characters: a dictionary word is cut alike without it"
    ),
    "glossary.text.romanize.x__split_long__mutmut_10": (
        "the pieces tried are at most three characters: a known word of four is never one"
    ),
    "glossary.text.romanize.x__split_long__mutmut_15": "the slot past the end is never read",
    "glossary.text.romanize.x__split_long__mutmut_20": "at end 0 there is no piece to try",
    "glossary.text.romanize.x__split_long__mutmut_27": (
        "a piece longer than three characters is never known, so it is skipped all the same"
    ),
    "glossary.text.romanize.x__split_long__mutmut_35": (
        "a piece longer than three characters is never known, so it is skipped all the same"
    ),
    # Encodings: Python's default is UTF-8 wherever the project runs (a UTF-8 locale, or the C
    # locale, which Python coerces to UTF-8); codec names are read in any case.
    "glossary.text.romanize.x_write_syllables__mutmut_6": "the default encoding is UTF-8 here",
    "glossary.text.romanize.x_write_syllables__mutmut_8": "the default encoding is UTF-8 here",
    "glossary.text.romanize.x_write_syllables__mutmut_15": "UTF-8 and utf-8 name one codec",
    "glossary.text.romanize.x_write_neutral_readings__mutmut_9": "UTF-8 is the default here",
    "glossary.text.romanize.x_write_neutral_readings__mutmut_11": "UTF-8 is the default here",
    "glossary.text.romanize.x_write_neutral_readings__mutmut_16": "UTF-8 and utf-8 name one codec",
    "glossary.text.romanize.x__table__mutmut_1": "the default encoding is UTF-8 here",
    "glossary.text.romanize.x__table__mutmut_3": "the default encoding is UTF-8 here",
    "glossary.text.romanize.x__table__mutmut_7": "UTF-8 and utf-8 name one codec",
    "glossary.text.romanize.x__table__mutmut_2": (
        "the tables hold no quoted line breaks: universal newlines read each row alike"
    ),
    "glossary.text.romanize.x__table__mutmut_4": (
        "the tables hold no quoted line breaks: universal newlines read each row alike"
    ),
    # pypinyin: Style.TONE is its default style, and a style it has no converter for (None)
    # leaves the toned reading as it is; any errors value but default, exception and replace
    # leaves out what it cannot read, as "ignore" does.
    "glossary.text.romanize.x_everyday_syllables__mutmut_3": "None writes tones, as TONE does",
    "glossary.text.romanize.x_everyday_syllables__mutmut_4": "errors=None ignores, as ignore",
    "glossary.text.romanize.x_everyday_syllables__mutmut_6": "TONE is pypinyin's default",
    "glossary.text.romanize.x_everyday_syllables__mutmut_8": "an unknown errors value ignores",
    "glossary.text.romanize.x_everyday_syllables__mutmut_9": "an unknown errors value ignores",
    "glossary.text.romanize.x_char_readings__mutmut_3": "None writes tones, as TONE does",
    "glossary.text.romanize.x_char_readings__mutmut_5": "errors=None ignores, as ignore",
    "glossary.text.romanize.x_char_readings__mutmut_7": "TONE is pypinyin's default",
    "glossary.text.romanize.x_char_readings__mutmut_11": "an unknown errors value ignores",
    "glossary.text.romanize.x_char_readings__mutmut_12": "an unknown errors value ignores",
    "glossary.text.romanize.x_numbered__mutmut_8": "\\u036F and \\u036f are one character",
    "glossary.text.romanize.x_numbered__mutmut_17": "blank text parses as None, not pinyin",
    "glossary.text.romanize.x_name_syllables__mutmut_15": (
        "segment finds no syllable in letters but a to z: None, as the guard gives"
    ),
    "glossary.text.romanize.x_name_syllables__mutmut_17": (
        "segment finds no syllable in letters but a to z: None, as the guard gives"
    ),
    "glossary.text.romanize.x_name_syllables__mutmut_25": "a syllable starts with no capital X",
    "glossary.text.romanize.x_surname_length__mutmut_6": "None and 0 are both no compound",
    "glossary.text.romanize.x_surname_length__mutmut_10": (
        "surnames.tsv has no three-character surname to find"
    ),
    "glossary.text.romanize.x_wade_giles_syllable__mutmut_7": (
        "pypinyin's Wade-Giles reads ü as it reads v, and no fix is for a syllable with ü"
    ),
    "glossary.text.romanize.x_wade_giles_syllable__mutmut_8": "lower() left no Ü to replace",
    "glossary.text.romanize.x_systems__mutmut_27": "taiwan=None is false, as False is",
    # neutral_throughout returns False first when the characters and syllables differ in number.
    "glossary.text.romanize.x_neutral_throughout__mutmut_11": "the two are always as long",
    "glossary.text.romanize.x_neutral_throughout__mutmut_14": "the two are always as long",
    "glossary.text.romanize.x_neutral_throughout__mutmut_15": "the two are always as long",
    "glossary.text.romanize.x_pypinyin_syllables__mutmut_10": (
        "every syllable in pypinyin's data is ASCII letters once its marks are off"
    ),
    # segment: n + 1 stands for "no split"; start[end] is read only where fewest[end] was set.
    "glossary.text.romanize.x_segment__mutmut_8": "n + 2 is past every real count, as n + 1",
    "glossary.text.romanize.x_segment__mutmut_11": "start is read only where it was set",
    "glossary.text.romanize.x_segment__mutmut_13": "the slot past the end is never read",
    "glossary.text.romanize.x_segment__mutmut_15": (
        "letters[:begin] never take n syllables when begin < n: >= skips nothing more"
    ),
    # mark: no pinyin syllable holds two a's, two e's, two o's or any vowel twice.
    "glossary.text.romanize.x_mark__mutmut_16": "no syllable holds two a's",
    "glossary.text.romanize.x_mark__mutmut_24": "no syllable holds two e's",
    "glossary.text.romanize.x_mark__mutmut_32": "no syllable holds two o's",
    "glossary.text.romanize.x_mark__mutmut_38": "no syllable holds a vowel twice",
    "glossary.text.romanize.x_mark__mutmut_39": (
        "a first-letter vowel marked with a combining accent composes (NFC) to the same letter"
    ),
    "glossary.text.romanize.x_mark__mutmut_40": (
        "a first-letter vowel marked with a combining accent composes (NFC) to the same letter"
    ),
    "glossary.text.romanize.x__words__mutmut_9": (
        "a token of three characters is a dictionary word (HMM off), which _split_long keeps"
        " whole: the fewest pieces"
    ),
    # real_date: a date without its month or day is checked as that month's or year's first.
    "glossary.entries.validate.x_real_date__mutmut_20": "every year has a February 1",
    "glossary.entries.validate.x_real_date__mutmut_26": "every month has a second day",
    # check_entry looks for a field's earlier problem before adding one; _Found.add keeps a
    # field's first problem anyway, so looking under another name changes nothing found.
    "glossary.entries.validate.x_check_entry__mutmut_53": "add keeps the first problem anyway",
    "glossary.entries.validate.x_check_entry__mutmut_54": "add keeps the first problem anyway",
    "glossary.entries.validate.x_check_entry__mutmut_82": "add keeps the first problem anyway",
    "glossary.entries.validate.x_check_entry__mutmut_83": "add keeps the first problem anyway",
    # A pinyin that already has a problem (too long, not storable) is not checked further; the
    # record of an entry with problems is neither stored nor shown (service.check's callers
    # refuse it), so whether its pinyin got tone marks is seen by no one.
    "glossary.entries.validate.x_check_entry__mutmut_110": "a refused record's pinyin is unseen",
    "glossary.entries.validate.x_check_entry__mutmut_111": "a refused record's pinyin is unseen",
    "glossary.entries.validate.x_check_entry__mutmut_130": (
        "a reading is made otherwise only where the pinyin, kind or characters have a problem:"
        " a refused record's pinyin is unseen"
    ),
    "glossary.entries.validate.x_check_entry__mutmut_131": (
        "a reading is made otherwise only where the pinyin, kind or characters have a problem:"
        " a refused record's pinyin is unseen"
    ),
    "glossary.entries.validate.x_check_entry__mutmut_210": (
        "to_traditional('') is ''; derive=False leaves the record unused"
    ),
    "glossary.entries.validate.x_check_entry__mutmut_213": (
        "without a simplified form the entry is refused (it is required): its record is unseen;"
        " derive=False leaves the record unused"
    ),
    "glossary.entries.validate.x__sources__mutmut_17": "add keeps the first problem anyway",
    "glossary.entries.validate.x__sources__mutmut_18": "add keeps the first problem anyway",
    "glossary.entries.validate.x__sources__mutmut_138": (
        "a source without its date is refused (the date is required): its record is unseen"
    ),
    "glossary.entries.validate.x__sources__mutmut_155": "add keeps the first problem anyway",
    "glossary.entries.validate.x__sources__mutmut_156": "add keeps the first problem anyway",
    # Every path the rule book checks holds a field's name: _field's default is never used.
    "glossary.entries.validate.x__field__mutmut_5": "every path names a field",
    "glossary.entries.validate.x__field__mutmut_7": "every path names a field",
    "glossary.entries.validate.x__field__mutmut_9": "every path names a field",
    "glossary.entries.validate.x__text__mutmut_22": (
        "a value that is not text is refused: what the refused record holds is unseen"
    ),
    "glossary.entries.validate.x__text__mutmut_36": (
        "text that cannot be stored is refused: what the refused record holds is unseen"
    ),
    "glossary.entries.validate.x__affiliations__mutmut_109": (
        "a wrong source number is refused: what the refused record holds is unseen"
    ),
    # pinyin_problem parses the whole value at once as a quick path: read word by word it
    # gives the same syllables.
    "glossary.entries.validate.x_pinyin_problem__mutmut_2": "word by word finds the same",
    # '' read on as text is still required (is required) or '' (optional) alike.
    "glossary.entries.validate.x__text__mutmut_5": "'' read on is ''",
    # With derive=False (the importer's check, which reads only the problems) the record
    # is not used: what is derived into it, or not, is unseen.
    "glossary.entries.validate.x_check_entry__mutmut_132": (
        "a reading is made otherwise only where the record is refused or derive=False leaves it"
        " unused"
    ),
    "glossary.entries.validate.x_check_entry__mutmut_212": (
        "to_traditional('') is ''; derive=False leaves the record unused"
    ),
    "glossary.entries.validate.x_pinyin_problem__mutmut_10": (
        "a word holds no space (nor a capital X, once lower-cased): any such separator keeps"
        " the runs apart alike"
    ),
    # A snapshot is read back with json.loads: escaped as ASCII or not, the same text.
    "glossary.store.history.x__snapshot_json__mutmut_2": "json.loads reads \\u escapes alike",
    "glossary.store.history.x__snapshot_json__mutmut_4": "json.loads reads \\u escapes alike",
    "glossary.store.history.x__snapshot_json__mutmut_10": "json.loads reads \\u escapes alike",
    "glossary.store.history.x_revise_from_import__mutmut_25": "SQLite reads SQL in any case",
    "glossary.store.history.x_revise_from_import__mutmut_26": "SQLite reads SQL in any case",
    # Every caller answers NotFound with a 404, whatever it holds.
    "glossary.store.history.x_revert_entry__mutmut_9": "NotFound's value is read by no one",
    "glossary.store.history.x_edit_entry__mutmut_11": "NotFound's value is read by no one",
    "glossary.store.history.x_set_deleted__mutmut_8": "NotFound's value is read by no one",
    "glossary.store.history.x_revisions__mutmut_6": "cast changes no value",
    # revision.comment is NOT NULL DEFAULT '': INSERT OR REPLACE stores '' for a None.
    "glossary.store.history.x__ensure_baseline__mutmut_24": "OR REPLACE stores the default ''",
    "glossary.store.history.x__ensure_baseline__mutmut_7": "SQLite reads SQL in any case",
    "glossary.store.history.x__ensure_baseline__mutmut_8": "SQLite reads SQL in any case",
    "glossary.store.history.x_record_revisions__mutmut_21": "json.loads reads \\u escapes alike",
    "glossary.store.history.x_record_revisions__mutmut_23": "json.loads reads \\u escapes alike",
    "glossary.store.history.x_record_revisions__mutmut_25": "json.loads reads \\u escapes alike",
    # Batches one change apart overlap, and INSERT OR REPLACE writes the same rows again.
    "glossary.store.history.x_record_revisions__mutmut_6": "overlapping batches write alike",
    "glossary.store.history.x_edit_entry__mutmut_43": "SQLite reads SQL in any case",
    "glossary.store.history.x_edit_entry__mutmut_44": "SQLite reads SQL in any case",
    "glossary.store.history.x_revision_snapshot__mutmut_7": "SQLite reads SQL in any case",
    "glossary.store.history.x_revision_snapshot__mutmut_8": "SQLite reads SQL in any case",
    # The import gives as many ids and recorded marks as entries: strict only checks that.
    "glossary.store.history.x_insert_imported__mutmut_24": "the three are always as long",
    "glossary.store.history.x_insert_imported__mutmut_28": "the three are always as long",
    "glossary.store.history.x_insert_imported__mutmut_29": "the three are always as long",
    # The vocabulary only leaves out lookups that would find nothing (test_vocabulary.py:
    # a search finds the same with it as without); the total is counted whatever the page.
    "glossary.store.finding.x__filtered__mutmut_3": "the vocabulary leaves out only misses",
    "glossary.store.finding.x__filtered__mutmut_29": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_finds__mutmut_2": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_finds__mutmut_13": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_finds__mutmut_20": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_finds__mutmut_3": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_key_branches__mutmut_4": "the vocabulary leaves out only misses",
    "glossary.store.finding.x__branches__mutmut_3": "the vocabulary leaves out only misses",
    "glossary.store.finding.x__branches__mutmut_21": "FTS5 reads a column's name in any case",
    "glossary.store.finding.x__branches__mutmut_31": (
        "the characters only narrow the candidates: instr keeps those holding the whole string"
    ),
    "glossary.store.finding.x__branches__mutmut_35": "SQLite reads SQL in any case",
    "glossary.store.finding.x__branches__mutmut_38": "SQLite reads SQL in any case",
    "glossary.store.finding.x__branches__mutmut_39": "SQLite reads SQL in any case",
    # A query without initials looks up an empty one: no key is empty (two syllables or more).
    "glossary.store.finding.x__branches__mutmut_43": "no initials key is empty",
    # Initials looked for as a prefix, not exactly, may add a lookup that finds nothing.
    "glossary.store.finding.x__branches__mutmut_48": "the vocabulary leaves out only misses",
    "glossary.store.finding.x__branches__mutmut_54": "the vocabulary leaves out only misses",
    "glossary.store.finding.x__branches__mutmut_55": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_matches__mutmut_12": "SQLite reads SQL in any case",
    "glossary.store.finding.x__branches__mutmut_72": "FTS5 reads a column's name in any case",
    "glossary.store.finding.x__filtered__mutmut_43": "the total is the same for any page size",
    # finds asks _filtered for a page of one at offset 0: whether it holds an entry is
    # whether the total is past 0, and a page past the end is counted again.
    "glossary.store.finding.x_finds__mutmut_34": "the total is the same for any page size",
    "glossary.store.finding.x_finds__mutmut_35": "a page past the end still gives the total",
    "glossary.store.finding.x_finds__mutmut_36": "a page of one is empty only when none is found",
    "glossary.store.finding.x__filtered__mutmut_11": "SQLite reads SQL in any case",
    "glossary.store.finding.x_browse__mutmut_17": "counting each time finds what is kept",
    "glossary.store.finding.x_browse__mutmut_18": "counting each time finds what is kept",
    "glossary.store.early.x_exists__mutmut_6": "SQLite reads SQL in any case",
    "glossary.store.dictionary.ranking.x_finds__mutmut_11": "SQLite reads SQL in any case",
    "glossary.store.dictionary.ranking.x__count__mutmut_30": "SQLite reads SQL in any case",
    "glossary.store.dictionary.ranking.x__count__mutmut_5": "the three are always as long",
    "glossary.store.dictionary.ranking.x__count__mutmut_9": "the three are always as long",
    "glossary.store.dictionary.ranking.x__count__mutmut_10": "the three are always as long",
    # Whether a lookup is read by length (large) or in rank order changes how fast, not what
    # it reads (test_dictionary_scale.py: every way of reading the lookups ranks alike); the
    # stream number only tells apart the texts of statements open together.
    "glossary.store.dictionary.ranking.xǁBranchǁrows__mutmut_2": "both sources read alike",
    "glossary.store.dictionary.ranking.x__merged__mutmut_17": "both sources read alike",
    "glossary.store.dictionary.ranking.x__merged__mutmut_22": "both sources read alike",
    "glossary.store.dictionary.ranking.x__merged__mutmut_23": "both sources read alike",
    "glossary.store.dictionary.ranking.x__merged__mutmut_27": "a comment in the statement",
    "glossary.store.dictionary.ranking.xǁBranchǁadd_ids__mutmut_20": "the loop ends the method",
    # _count only asks whether more than CAP entries were found: reading on past CAP + 1, or
    # reading a branch counted to its end in chunks, changes what it reads, not its answer.
    # A branch left to count has rows (those counted 0 are dropped): its ids are never NULL.
    "glossary.store.dictionary.ranking.x__count__mutmut_23": "chunks read the ids one read does",
    "glossary.store.dictionary.ranking.x__count__mutmut_38": "a branch left has rows: ids not NULL",
    "glossary.store.dictionary.ranking.x__count__mutmut_48": "CAP + 1 or CAP + 2: both past CAP",
    # A branch of one entry a row read whole (its ids as text) is counted by its ids: its
    # size, one or many, only chooses how the search is read (at once, or counted and merged).
    "glossary.store.dictionary.ranking.x__size__mutmut_5": "its ids count it, its size the way",
    # find_ranked cuts the merged rows at need: a row more read is not shown.
    "glossary.store.dictionary.ranking.x__merged__mutmut_39": "the page is cut at need",
    # Each lookup has its size: strict only checks the two lists are as long.
    "glossary.store.dictionary.ranking.x__merged__mutmut_8": "the two are always as long",
    "glossary.store.dictionary.ranking.x__merged__mutmut_11": "the two are always as long",
    "glossary.store.dictionary.ranking.x__merged__mutmut_12": "the two are always as long",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_5": "SQL in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_6": "SQL names in any case",
    "glossary.store.dictionary.ranking.x__ranked_at_once__mutmut_6": "SQLite reads SQL in any case",
    "glossary.store.dictionary.ranking.x__ranked_at_once__mutmut_8": "SQLite reads SQL in any case",
    # A dictionary entry's card shows no verified mark and no romanization, and the API's
    # result has neither field; a hit's band goes into match, whose band no page or API shows.
    "glossary.store.dictionary.ranking.x__entry__mutmut_7": "no page or API shows a hit's band",
    "glossary.store.dictionary.ranking.x__entry__mutmut_12": "romanization unseen",
    "glossary.store.dictionary.ranking.x__entry__mutmut_26": "romanization unseen",
    "glossary.store.dictionary.ranking.x__entry__mutmut_37": "romanization unseen",
    "glossary.store.dictionary.ranking.x__entry__mutmut_13": "verified unseen",
    "glossary.store.dictionary.ranking.x__entry__mutmut_27": "verified unseen",
    "glossary.store.dictionary.ranking.x__entry__mutmut_38": "verified unseen",
    # A substring's candidates only narrow what is read: the instr() on the whole string
    # decides what is found. Which pair or character drives the lookup, and whether a missing
    # one is noticed before or while reading, changes how fast, not what.
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_18": "any pair finds alike",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_26": "SQL in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_29": "SQL in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_30": "SQL names in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_39": "SQL in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_40": "SQL names in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_46": "SQL in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_47": "SQL names in any case",
    # Two characters are one pair: looking for the pair inside the forms again finds them all.
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_41": "a pair holds itself",
    # distinct only lets a count past CAP stop early (one row an entry); not saying so counts
    # the rows to the end, alike.
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_56": "counted to the end alike",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_20": "SQL in any case",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_21": "SQL names in any case",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_23": "SQL in any case",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_24": "SQL names in any case",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_26": "SQL names in any case",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_28": "SQL in any case",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_29": "SQL names in any case",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_28": "SQL in any case",
    "glossary.store.dictionary.ranking.x__entries__mutmut_17": "SQL in any case",
    "glossary.store.dictionary.ranking.x__entries__mutmut_18": "SQL names in any case",
    # A dictionary hit's band (the first of a ranked row) goes into match only, unseen.
    "glossary.store.dictionary.ranking.x__entries__mutmut_19": "no page or API shows a hit's band",
    "glossary.store.dictionary.ranking.x__ranked__mutmut_8": "no page or API shows a hit's band",
    # The vocabulary only leaves out lookups that would find nothing: a term let through that
    # it could have left out is looked up and finds nothing (test_vocabulary.py).
    "glossary.store.finding.xǁVocabularyǁmay_match__mutmut_24": "looked up, it finds nothing",
    "glossary.store.finding.xǁVocabularyǁmay_match__mutmut_27": "looked up, it finds nothing",
    # key_lookup's scan of search_key_head is the way a large lookup is read in rank order;
    # read the other way (sorted), or with the key's index usable, it finds the same rows in
    # the same order (test_search_scale: every way of reading a lookup ranks alike).
    "glossary.store.early.x_key_lookup__mutmut_1": "read sorted, ranked alike",
    "glossary.store.early.x_key_lookup__mutmut_9": "the same rows by another plan",
    "glossary.store.early.x_key_lookup__mutmut_11": "the same rows by another plan",
    "glossary.store.early.x_key_lookup__mutmut_17": "read sorted, ranked alike",
    # _first_rows reads each lookup up to its share (most + 1 rows) and gives up (None: the
    # sizing path reads the search) as soon as one has more or the rows weigh too much. When it
    # answers, every lookup was read whole; how soon it gives up, in which order it reads the
    # lookups, and how the shares are worked out change how fast, not what is found.
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_7": "lookups read in another order",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_8": "lookups read in another order",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_9": "lookups read in another order",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_12": "another share: sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_13": "another share: sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_19": "another share: sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_30": "it gives up sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_34": "it gives up sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_36": "it gives up sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_40": "it gives up sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_41": "it gives up sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_42": "it gives up sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_46": "it gives up sooner or later",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_48": "it gives up sooner or later",
    # The rows are sorted by band, length, key, length, id and field before the form: a
    # definition's row (form NULL) never ties there with a row that has a form.
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_51": "NULL forms never tie with text",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_53": "NULL forms never tie with text",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_54": "NULL forms never tie with text",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_55": "NULL forms never tie with text",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_56": "NULL forms never tie with text",
    "glossary.store.dictionary.ranking.x__first_rows__mutmut_58": "NULL forms never tie with text",
    # How far the sizing statement counts a lookup's rows decides which way it is read (whole
    # and sorted, or in rank order) and whether the count stops early, not what is found.
    "glossary.store.dictionary.ranking.x__counted_rows__mutmut_1": "read another way, ranked alike",
    "glossary.store.dictionary.ranking.x__counted_rows__mutmut_7": "read another way, ranked alike",
    "glossary.store.dictionary.ranking.x__counted_rows__mutmut_8": "read another way, ranked alike",
    "glossary.store.dictionary.ranking.x__rows__mutmut_1": "read another way, ranked alike",
    "glossary.store.dictionary.ranking.x__rows__mutmut_6": "read another way, ranked alike",
    # distinct says one row an entry (a count past CAP may stop); weight, what ranking a row
    # costs: both choose how a lookup is read. A substring's rows are one an entry whatever
    # its length (one pair's row each, then those holding the whole string).
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_8": "counted to the end alike",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_17": "counted to the end alike",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_30": "counted to the end alike",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_67": "counted to the end alike",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_68": "counted to the end alike",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_18": "a cost, not a rank",
    "glossary.store.dictionary.ranking.x_words_branch__mutmut_31": "a cost, not a rank",
    "glossary.store.early.x_key_lookup__mutmut_28": "read sorted, ranked alike",
    "glossary.store.early.x_key_lookup__mutmut_29": "read sorted, ranked alike",
    # sized counts a key lookup's rows to choose how it is read (sorted, or scanned in rank
    # order past SORTED_MOST); the sizes are one per lookup, strict or not.
    "glossary.store.early.x_sized__mutmut_6": "read another way, ranked alike",
    "glossary.store.early.x_sized__mutmut_7": "read another way, ranked alike",
    "glossary.store.early.x_sized__mutmut_15": "the two are always as long",
    "glossary.store.early.x_sized__mutmut_18": "the two are always as long",
    "glossary.store.early.x_sized__mutmut_19": "the two are always as long",
    # ranked: the stream number only tells apart the texts of statements open together. A
    # lookup's rows lead with their rank (its first four columns) and then the row id: merged
    # or grouped by the whole row, rows of equal rank still come together, the first lookup's
    # first (heapq.merge keeps the streams' order among equals), as the pick by lookup and row
    # id makes them.
    "glossary.store.early.x_ranked__mutmut_13": "the stream number is a comment",
    "glossary.store.early.x_ranked__mutmut_32": "rows lead with their rank",
    "glossary.store.early.x_ranked__mutmut_34": "rows lead with their rank",
    "glossary.store.early.x_ranked__mutmut_39": "the first lookup's row comes first",
    "glossary.store.early.x_ranked__mutmut_41": "the first lookup's row comes first",
    # Lookup.rows reads a key lookup sized past SORTED_MOST from search_key_head, in rank
    # order, and a smaller one sorted: the same rows either way, at another cost (the
    # benchmark's to watch, not a test's); every key lookup is sized before it is read.
    "glossary.store.early.xǁLookupǁrows__mutmut_8": "read sorted, ranked alike",
    "glossary.store.early.xǁLookupǁrows__mutmut_9": "every key lookup is sized first",
    "glossary.store.early.xǁLookupǁrows__mutmut_10": "read another way, ranked alike",
    "glossary.store.early.xǁLookupǁrows__mutmut_21": "a tie-break among equal ranks",
    "glossary.store.early.xǁLookupǁrows__mutmut_22": "a tie-break among equal ranks",
    # +key keeps an initials lookup (key = ?) scanned in rank order rather than sorted
    # (EXPLAIN QUERY PLAN: no temporary B-tree): the same rows, at another cost.
    "glossary.store.early.x_key_lookup__mutmut_8": "read sorted, ranked alike",
    "glossary.store.early.x_count__mutmut_12": "SQL in any case",
    "glossary.store.early.x_count__mutmut_19": "CAP + 2 rows also tell more than CAP",
    # The vocabulary only leaves out lookups that would find nothing: kept or not (at exactly
    # VOCABULARY_KEYS), with a stray letter among its Chinese characters, a search finds the
    # same; SQLite and FTS5's vocabulary table read names in any case.
    "glossary.store.finding.x__vocabulary__mutmut_3": "SQL in any case",
    "glossary.store.finding.x__vocabulary__mutmut_4": "SQL names in any case",
    "glossary.store.finding.x__vocabulary__mutmut_6": "the vocabulary leaves out only misses",
    "glossary.store.finding.x__vocabulary__mutmut_10": "SQL in any case",
    "glossary.store.finding.x__vocabulary__mutmut_11": "SQL names in any case",
    "glossary.store.finding.x__vocabulary__mutmut_15": "SQL in any case",
    "glossary.store.finding.x__vocabulary__mutmut_16": "SQL names in any case",
    "glossary.store.finding.x__vocabulary__mutmut_31": "the vocabulary leaves out only misses",
    # find_ranked: the sizes are one per lookup (strict or not); how it reads a search (at
    # once under FEW, or counted and merged; its first rows before counting when the query
    # is not _likely_many) is a cost, ranked alike; a page past the end is read as empty.
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_45": "the two are always as long",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_48": "the two are always as long",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_49": "the two are always as long",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_58": "read another way, ranked alike",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_61": "the two are always as long",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_64": "the two are always as long",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_65": "the two are always as long",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_66": "read another way, ranked alike",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_86": "a page of none is read as none",
    "glossary.store.dictionary.ranking.x_find_ranked__mutmut_90": "a page past the end is empty",
    "glossary.store.dictionary.ranking.x__likely_many__mutmut_6": "read another way, ranked alike",
    "glossary.store.dictionary.ranking.x__likely_many__mutmut_9": "read another way, ranked alike",
    # A prefix lookup that also finds the key itself finds an entry the exact lookup finds
    # first: an entry counts once, at its best band.
    "glossary.store.dictionary.ranking.x_key_branch__mutmut_14": "SQL in any case",
    "glossary.store.dictionary.ranking.x_key_branch__mutmut_15": "SQL names in any case",
    "glossary.store.dictionary.ranking.x_key_branch__mutmut_17": "the key itself is found first",
    "glossary.store.dictionary.ranking.x_key_branch__mutmut_21": "the key itself is found first",
    "glossary.store.dictionary.ranking.x_key_branch__mutmut_22": "the key itself is found first",
    "glossary.store.dictionary.ranking.x_branches__mutmut_12": "the key itself is found first",
    "glossary.store.dictionary.ranking.x_branches__mutmut_13": "the key itself is found first",
    # finds is asked by "did you mean" only, of corrections, which never hold Chinese: only a
    # lookup of characters reads the connection while the lookups are made.
    "glossary.store.dictionary.ranking.x_finds__mutmut_2": "no correction holds Chinese",
    # key_branch tells "exact" and "prefix" apart: any other name is a range from the key
    # itself, as "inner" is.
    "glossary.store.dictionary.ranking.x_branches__mutmut_14": "any other name reads as inner",
    "glossary.store.dictionary.ranking.x_branches__mutmut_15": "any other name reads as inner",
    # A lookup of Chinese characters anywhere in the forms finds every entry whose form is
    # or starts with them: the key lookups of the same characters, counted or not (a cost),
    # add nothing to the total.
    "glossary.store.dictionary.ranking.x_branches__mutmut_25": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_28": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_30": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_31": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_32": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_33": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_34": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_35": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_36": "counted or not, the same total",
    "glossary.store.dictionary.ranking.x_branches__mutmut_37": "None is as false as False",
    "glossary.store.dictionary.ranking.x_branches__mutmut_38": "counted or not, the same total",
    "glossary.store.early.x_find__mutmut_4": "the vocabulary leaves out only misses",
    "glossary.store.early.x_find__mutmut_20": "a page past the end is empty",
    # lookups: an exact lookup scanned in rank order past SORTED_MOST rows, or sorted, reads
    # the same rows; the vocabulary (or its initials asked as a prefix) leaves out only misses.
    "glossary.store.early.x_lookups__mutmut_6": "read sorted, ranked alike",
    "glossary.store.early.x_lookups__mutmut_11": "read another way, ranked alike",
    "glossary.store.early.x_lookups__mutmut_12": "read another way, ranked alike",
    "glossary.store.early.x_lookups__mutmut_13": "read another way, ranked alike",
    "glossary.store.early.x_lookups__mutmut_14": "read another way, ranked alike",
    "glossary.store.early.x_lookups__mutmut_16": "the vocabulary leaves out only misses",
    "glossary.store.early.x_lookups__mutmut_54": "the vocabulary leaves out only misses",
    "glossary.store.early.x_lookups__mutmut_60": "the vocabulary leaves out only misses",
    "glossary.store.early.x_lookups__mutmut_61": "the vocabulary leaves out only misses",
    "glossary.store.early.x_lookups__mutmut_74": "SQL in any case",
    # The vocabulary answering "may find" more often, or not being kept (computed again, or
    # kept under another name), changes what is asked of SQLite, not what a search finds.
    "glossary.store.finding.xǁVocabularyǁhas_key__mutmut_13": "it leaves out only misses",
    "glossary.store.finding.xǁVocabularyǁhas_key__mutmut_14": "it leaves out only misses",
    "glossary.store.finding.xǁVocabularyǁhas_key__mutmut_18": "it leaves out only misses",
    "glossary.store.finding.xǁVocabularyǁhas_key__mutmut_19": "it leaves out only misses",
    "glossary.store.finding.x_vocabulary__mutmut_2": "kept or not, the same vocabulary",
    "glossary.store.finding.x_vocabulary__mutmut_3": "the name it is kept under",
    "glossary.store.finding.x_vocabulary__mutmut_8": "the name it is kept under",
    "glossary.store.finding.x_vocabulary__mutmut_9": "the name it is kept under",
    "glossary.store.finding.x_find_page__mutmut_1": "every caller says whether verified only",
    "glossary.store.finding.x_find_page__mutmut_2": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_find_page__mutmut_3": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_find_page__mutmut_9": "the vocabulary leaves out only misses",
    "glossary.store.finding.x_find_page__mutmut_21": "the vocabulary leaves out only misses",
    # key_matches: a match's name only says how the vocabulary is asked (exactly, or as the
    # start of a key: a probe that may keep a lookup of nothing) and whether a lookup may be
    # scanned; a condition in capitals is the same SQL, which key_lookup then does not write
    # as +key (the same rows, sorted).
    "glossary.store.early.x_key_matches__mutmut_4": "SQL in any case",
    "glossary.store.early.x_key_matches__mutmut_5": "the vocabulary leaves out only misses",
    "glossary.store.early.x_key_matches__mutmut_6": "the vocabulary leaves out only misses",
    "glossary.store.early.x_key_matches__mutmut_8": "SQL in any case",
    "glossary.store.early.x_key_matches__mutmut_9": "SQL in any case",
    "glossary.store.early.x_key_matches__mutmut_10": "the vocabulary leaves out only misses",
    "glossary.store.early.x_key_matches__mutmut_11": "the vocabulary leaves out only misses",
    "glossary.store.early.x_key_matches__mutmut_13": "SQL in any case",
    "glossary.store.early.x_key_matches__mutmut_14": "SQL in any case",
    "glossary.store.early.x_key_matches__mutmut_15": "the vocabulary leaves out only misses",
    "glossary.store.early.x_key_matches__mutmut_16": "the vocabulary leaves out only misses",
    "glossary.store.early.x_key_matches__mutmut_18": "SQL in any case",
    "glossary.store.early.x_key_matches__mutmut_19": "SQL in any case",
    "glossary.store.early.x_key_matches__mutmut_26": "the vocabulary leaves out only misses",
    "glossary.store.early.x_entries__mutmut_20": "columns and row are as long",
    "glossary.store.early.x_entries__mutmut_23": "columns and row are as long",
    "glossary.store.early.x_entries__mutmut_24": "columns and row are as long",
    "glossary.store.early.x__rarest__mutmut_4": "any character finds alike",
    "glossary.store.early.x__rarest__mutmut_5": "one character repeated: nothing to choose",
    "glossary.store.early.x__rarest__mutmut_6": "counting one character chooses it",
    # Every caller of _words and _description says whether the lookup is kept; FTS5 reads a
    # column filter's name in any case.
    "glossary.store.early.x__words__mutmut_1": "every caller says kept",
    "glossary.store.early.x__description__mutmut_1": "every caller says kept",
    "glossary.store.early.x__words__mutmut_6": "FTS5 reads column names in any case",
    "glossary.store.early.x__description__mutmut_6": "FTS5 reads column names in any case",
    # per_entry only lets the sorted statement stop at the page; ordered only leaves out a
    # tie-break among rows of equal rank, which the merge picks among anyway; a run's rows
    # sorted whole sort by their first four columns (_rank) first.
    "glossary.store.early.x__description__mutmut_13": "read to the end, ranked alike",
    "glossary.store.early.x__description__mutmut_20": "read to the end, ranked alike",
    "glossary.store.early.x__description__mutmut_23": "read to the end, ranked alike",
    "glossary.store.early.x__substring__mutmut_7": "a tie-break among equal ranks",
    "glossary.store.early.x__substring__mutmut_13": "a tie-break among equal ranks",
    "glossary.store.early.x__substring__mutmut_14": "a tie-break among equal ranks",
    "glossary.store.early.x__sorted_runs__mutmut_8": "_rank is a row's first four columns",
    "glossary.store.early.x__sorted_runs__mutmut_10": "_rank is a row's first four columns",
    "glossary.store.early.x__rarest__mutmut_7": "counting one character chooses it",
    "glossary.store.early.x__rarest__mutmut_8": "one character repeated: nothing to choose",
    "glossary.store.early.x__rarest__mutmut_9": "one character repeated: nothing to choose",
    "glossary.store.early.x__rarest__mutmut_19": "SQL in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_63": "counted to the end alike",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_65": "SQL in any case",
    "glossary.store.dictionary.ranking.x_substring_branch__mutmut_66": "SQL names in any case",
    # keep: reading one row more past CAP + 1 still tells more than CAP; a match kept past CAP
    # (True for False) is counted past CAP all the same, and its first rows are the page's.
    "glossary.store.early.x_keep__mutmut_7": "CAP + 2 rows also tell more than CAP",
    "glossary.store.early.x_keep__mutmut_9": "a kept list past CAP counts past CAP",
    "glossary.store.early.x_keep__mutmut_15": "SQL in any case",
    "glossary.store.early.x_keep__mutmut_16": "SQL names in any case",
    "glossary.store.early.x_keep__mutmut_24": "SQL in any case",
    "glossary.store.early.x_keep__mutmut_25": "SQL names in any case",
    # A kept lookup with no rows reads json_each('[]'): sized 0 it is not read, but it would
    # find nothing either way.
    "glossary.store.early.x_keep__mutmut_18": "an empty list finds nothing, read or not",
    "glossary.store.early.x_keep__mutmut_19": "an empty list finds nothing, read or not",
    "glossary.store.finding.x_most_sources_browsed__mutmut_4": "SQLite reads SQL in any case",
    "glossary.store.finding.x_most_sources_browsed__mutmut_5": "SQLite reads SQL in any case",
    # Chunks that start at every id (range's step left out) overlap but still read each id:
    # the most sources, the owners of keys, are the same.
    "glossary.store.finding.x_most_sources__mutmut_8": "overlapping chunks read every id",
    "glossary.store.finding.x_import_key_owners__mutmut_7": "overlapping chunks read every key",
    "glossary.store.finding.x_browsed_among__mutmut_15": "overlapping chunks read every id",
    "glossary.store.finding.x_export_names__mutmut_7": "overlapping chunks read every id",
    "glossary.store.finding.x_system_forms__mutmut_7": "SQLite reads SQL in any case",
    # The save service and revert always give a comment: the default is for tests.
    "glossary.store.history.x_create_entry__mutmut_1": "every caller gives a comment",
    "glossary.store.history.x_edit_entry__mutmut_1": "every caller gives a comment",
    # --- formats (glossary/exchange/formats/*.py) -------------------------------------------
    # json.document zips the same entries and keys twice: either zip's strict=True refuses
    # keys as many as the entries are not.
    "glossary.exchange.formats.json.x_document__mutmut_6": "the other zip checks the lengths",
    "glossary.exchange.formats.json.x_document__mutmut_9": "the other zip checks the lengths",
    "glossary.exchange.formats.json.x_document__mutmut_10": "the other zip checks the lengths",
    "glossary.exchange.formats.json.x_document__mutmut_20": "the other zip checks the lengths",
    "glossary.exchange.formats.json.x_document__mutmut_23": "the other zip checks the lengths",
    "glossary.exchange.formats.json.x_document__mutmut_24": "the other zip checks the lengths",
    # records.keyed gives a key to every record whose key is falsy, before anyone reads it.
    "glossary.exchange.formats.tsv.x__record__mutmut_17": "keyed makes a key for None as for ''",
    "glossary.exchange.formats.tsv.x_read_text__mutmut_56": (
        "where the two differ, both columns or neither hold Chinese: refused either way, alike"
    ),
    # tsv._record asks only whether the script is zh-Hant: any other name reads as simplified.
    "glossary.exchange.formats.tsv.x_read_text__mutmut_129": "only zh-Hant is looked for",
    "glossary.exchange.formats.tsv.x_read_text__mutmut_130": "only zh-Hant is looked for",
    "glossary.exchange.formats.tsv.x_read_text__mutmut_131": "only zh-Hant is looked for",
    "glossary.exchange.formats.json.x__chunks__mutmut_8": "ensure_ascii=None is False to json",
    "glossary.exchange.formats.json.x__chunks__mutmut_31": "first is only asked if it is true",
    # A slug is lower-case: there is no X to strip; codec names are read in any case.
    "glossary.exchange.formats.records.x_slug__mutmut_13": "ASCII and ascii name one codec",
    "glossary.exchange.formats.records.x_slug__mutmut_27": "a slug holds no X to strip",
    "glossary.exchange.formats.records.x_encoded__mutmut_3": "UTF-8 and utf-8 name one codec",
    # Export.of zips the entries with entry_keys(entries), a key for each: strict or not alike.
    "glossary.exchange.formats.records.xǁExportǁof__mutmut_13": "keys are as many as entries",
    "glossary.exchange.formats.records.xǁExportǁof__mutmut_16": "keys are as many as entries",
    "glossary.exchange.formats.records.xǁExportǁof__mutmut_17": "keys are as many as entries",
    "glossary.exchange.formats.records.xǁExportǁof__mutmut_31": "keys are as many as entries",
    "glossary.exchange.formats.records.xǁExportǁof__mutmut_34": "keys are as many as entries",
    "glossary.exchange.formats.records.xǁExportǁof__mutmut_35": "keys are as many as entries",
    # A key entry_keys makes ends in the entry's own id, so it never meets another it makes:
    # only the import keys, taken from the start.
    "glossary.exchange.formats.records.x_entry_keys__mutmut_27": "made keys never meet each other",
    # xlsx: the spool is text this process writes and reads back (UTF-8 wherever the project
    # runs, in any spelling of its name), each row a line of JSON that json.loads reads back
    # alike, escaped as ASCII or not.
    "glossary.exchange.formats.xlsx.x_write__mutmut_2": "the spool is read back as written",
    "glossary.exchange.formats.xlsx.x_write__mutmut_4": "the spool is read back as written",
    "glossary.exchange.formats.xlsx.x_write__mutmut_8": "codec names are read in any case",
    "glossary.exchange.formats.xlsx.x__spooled__mutmut_6": "json.loads reads either back alike",
    "glossary.exchange.formats.xlsx.x__spooled__mutmut_8": "json.loads reads either back alike",
    "glossary.exchange.formats.xlsx.x__spooled__mutmut_9": "json.loads reads either back alike",
    # Every column has a header, whose width (with its filter button) is past 1.
    "glossary.exchange.formats.xlsx.x__spooled__mutmut_14": "a column is never narrower than 1",
    # east_asian_width gives one of F, H, W, Na, A, N: XXWFXX holds W and F as WF does.
    "glossary.exchange.formats.xlsx.x_width__mutmut_8": "no width is X",
    # Each row has a cell for each column of the header (csv.rows): strict only checks that.
    "glossary.exchange.formats.xlsx.x__workbook__mutmut_59": "rows are as long as the header",
    "glossary.exchange.formats.xlsx.x__workbook__mutmut_62": "rows are as long as the header",
    "glossary.exchange.formats.xlsx.x__workbook__mutmut_63": "rows are as long as the header",
    # tbx._key: an id that is not a key already is made one by slug, which lowers it and
    # drops what is not a letter or digit (a leading _ too): the quick path only skips that.
    "glossary.exchange.formats.tbx.x__key__mutmut_4": "slug drops the _ itself",
    "glossary.exchange.formats.tbx.x__key__mutmut_5": "slug lowers the id itself",
    "glossary.exchange.formats.tbx.x__key__mutmut_6": "slug drops the _ itself",
    # An empty administrativeStatus, like XXXX, is no status TBX-Basic has: None either way.
    "glossary.exchange.formats.tbx.x__status__mutmut_14": "'' and XXXX are no status",
    # _contexts wraps each context in an element that only _context_text reads, by its child.
    "glossary.exchange.formats.tbx.x__contexts__mutmut_5": "the wrapper's tag is read by none",
    "glossary.exchange.formats.tbx.x__contexts__mutmut_6": "the wrapper's tag is read by none",
    "glossary.exchange.formats.tbx.x__contexts__mutmut_7": "the wrapper's tag is read by none",
    "glossary.exchange.formats.tbx.x__contexts__mutmut_8": "the wrapper's tag is read by none",
    # _chunks cuts each termEntry from a document of that entry alone, whose text (escaped)
    # holds one <termEntry and one </termEntry>: index or rindex, alike. A document of no
    # entries has no links to write.
    "glossary.exchange.formats.tbx.x__chunks__mutmut_11": "one <termEntry in the text",
    "glossary.exchange.formats.tbx.x__chunks__mutmut_17": "one </termEntry> in the text",
    "glossary.exchange.formats.tbx.x__chunks__mutmut_26": "no entries, no links",
    # A related entry outside the export is written nowhere: where it sorts changes nothing.
    "glossary.exchange.formats.tbx.x__term_entry__mutmut_76": "unexported links are skipped",
    # A tag holds one } at most ({namespace}name): split or rsplit, once or more, alike.
    "glossary.exchange.formats.tbx.x_entries__mutmut_24": "a tag holds one } at most",
    "glossary.exchange.formats.tbx.x_entries__mutmut_25": "a tag holds one } at most",
    "glossary.exchange.formats.tbx.x_entries__mutmut_28": "a tag holds one } at most",
    # A langSet without xml:lang, like one in XXXX, is in no language read.
    "glossary.exchange.formats.tbx.x_language__mutmut_10": "'' and XXXX are no language",
    # csv: zip's strict is False by default. A sheet without its english or simplified
    # column is refused before a row is read: every row's cells hold both.
    "glossary.exchange.formats.csv.x__cells__mutmut_5": "strict=False is the default",
    "glossary.exchange.formats.csv.x__cells__mutmut_8": "strict=False is the default",
    "glossary.exchange.formats.csv.x__record__mutmut_59": "every row has an english cell",
    "glossary.exchange.formats.csv.x__record__mutmut_61": "every row has an english cell",
    "glossary.exchange.formats.csv.x__record__mutmut_64": "every row has an english cell",
    "glossary.exchange.formats.csv.x__record__mutmut_66": "every row has a simplified cell",
    "glossary.exchange.formats.csv.x__record__mutmut_68": "every row has a simplified cell",
    "glossary.exchange.formats.csv.x__record__mutmut_71": "every row has a simplified cell",
    # csv.read looks at the header's line alone: splitting the rest of the file too, or not,
    # gives the same first line.
    "glossary.exchange.formats.csv.x_read__mutmut_10": "the first line is the same",
    "glossary.exchange.formats.csv.x_read__mutmut_13": "the first line is the same",
    # table: the header and its fields are lists made one from the other, as long; no
    # problem is found before the header's (the lines are read after it).
    "glossary.exchange.formats.csv.x_table__mutmut_10": "the two are always as long",
    "glossary.exchange.formats.csv.x_table__mutmut_13": "the two are always as long",
    "glossary.exchange.formats.csv.x_table__mutmut_14": "the two are always as long",
    "glossary.exchange.formats.csv.x_table__mutmut_22": "no problem is listed before these",
    # A header with as many semicolons as commas has none of either (one column): it is
    # refused for the columns it lacks, whichever separator is tried.
    "glossary.exchange.formats.csv.x_read__mutmut_21": "a one-column header is refused alike",
    # io.StringIO's default newline ("\n") translates nothing on reading, as "" does.
    "glossary.exchange.formats.csv.x_read__mutmut_33": "StringIO translates no newline either",
    # _field reads a definition from the column's ending: a word "def" left in the words (or
    # left out) names no language.
    "glossary.exchange.formats.csv.x__field__mutmut_16": "'def' names no language",
    "glossary.exchange.formats.csv.x__field__mutmut_17": "'def' names no language",
    "glossary.exchange.formats.csv.x__field__mutmut_18": "'def' names no language",
    "glossary.exchange.formats.tbx.x__term_entry__mutmut_291": "None is as false as False",
    # A termEntry without a verified note is not verified, whatever stands in for the note.
    "glossary.exchange.formats.tbx.x__record__mutmut_184": "a missing note is not yes",
    "glossary.exchange.formats.tbx.x__record__mutmut_186": "a missing note is not yes",
    "glossary.exchange.formats.tbx.x__record__mutmut_189": "a missing note is not yes",
    # --- end of formats ---------------------------------------------------------------------
}

# mutmut's exit codes for a mutant (mutmut/stats.py), as the report counts them.
STATUS = {1: "killed", 3: "killed", 37: "killed", 0: "survived", 33: "no tests"}
# A mutant past its processor time gets SIGXCPU (-24), and SIGKILL (-9) a second later if it
# is still running (mutmut/runners): both are timeouts.
TIMEOUTS = {24, -24, -9, 36, 152, 255}


def mutmut_config(group: Group) -> str:
    """The [tool.mutmut] section that mutates a group's modules and selects its tests."""
    return "\n".join(
        [
            "",
            "[tool.mutmut]",
            'source_paths = ["glossary"]',
            f"only_mutate = {json.dumps(list(group.modules))}",
            f"pytest_add_cli_args_test_selection = {json.dumps(list(group.tests))}",
            # Each mutant's tests run in a process forked from mutmut's, which has run them
            # all: the plugin empties the package's caches first, or a value cached there (a
            # table read once, a parse kept by lru_cache) would hide the mutant.
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "bench.mutation_plugin"]',
            f"also_copy = {json.dumps(LINKED[2:])}",
            # A mutant that loops for ever is stopped after 8 times its tests' processor time
            # and a few seconds (mutmut's default, 30 times, spent minutes on each).
            "timeout_multiplier = 4.0",
            "",
        ]
    )


def prepare(name: str, group: Group) -> Path:
    """Make a group's folder: links to the checkout, and a pyproject.toml with its section.
    Copies mutmut made of modules it does not mutate are refreshed where the checkout changed."""
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    for linked in LINKED:
        link = folder / linked
        if not link.is_symlink():
            link.symlink_to(ROOT / linked)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (folder / "pyproject.toml").write_text(pyproject + mutmut_config(group), encoding="utf-8")
    _refresh_copies(folder)
    return folder


def _refresh_copies(folder: Path) -> None:
    """Copy again the package's files mutmut copied once and would not copy again."""
    copies = folder / "mutants" / "glossary"
    if not copies.is_dir():
        return
    for source in (ROOT / "glossary").rglob("*"):
        copy = copies / source.relative_to(ROOT / "glossary")
        stale = copy.is_file() and source.stat().st_mtime > copy.stat().st_mtime
        if source.is_file() and stale and not _mutated(copy):
            shutil.copy2(source, copy)


def _mutated(copy: Path) -> bool:
    """Tell whether a copy is one mutmut wrote its mutants into."""
    return copy.suffix == ".py" and copy.with_name(copy.name + ".meta").is_file()


def tests_digest(group: Group) -> str:
    """A digest of a group's test files (and the helpers they share)."""
    digest = hashlib.sha256()
    for path in sorted({*group.tests, "tests/conftest.py"}):
        if (ROOT / path).is_file():
            digest.update((ROOT / path).read_bytes())
    return digest.hexdigest()


def mutmut(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run mutmut in a group's folder."""
    return subprocess.run(
        [sys.executable, "-m", "mutmut", *args],
        cwd=folder,
        text=True,
        capture_output=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def run(name: str, group: Group, jobs: int, retest_timeouts: bool = False) -> float:
    """Run mutmut over a group, then retest its survivors if its tests changed since they
    survived, and (retest_timeouts) its timeouts; return the seconds it took."""
    started = time.monotonic()
    folder = prepare(name, group)
    digest_file = folder / "tests.sha256"
    digest = tests_digest(group)  # of the tests this run reads, whatever changes meanwhile
    changed = digest_file.is_file() and digest_file.read_text() != digest
    if changed:
        # mutmut traces only the tests it has not seen: a test changed to call another
        # function would keep its old trace, and the mutants there would not run it.
        (folder / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    # A mutant no test ran may be run by a test written since (and, if it is listed as
    # equivalent, found to survive), as a survivor may be killed.
    survivors = [
        m
        for m, status in statuses(folder).items()
        if status == "no tests" or (status == "survived" and m not in EQUIVALENT)
    ]
    if changed and survivors:
        _check(mutmut(folder, "run", "--max-children", str(jobs), *survivors))
    _check(mutmut(folder, "run", "--max-children", str(jobs)))
    # A mutant whose tests ran out of wall-clock time beside other work is counted as
    # caught: tried again on a quiet machine, an equivalent one survives.
    if retest_timeouts and (
        timeouts := [m for m, status in statuses(folder).items() if status == "timeout"]
    ):
        _check(mutmut(folder, "run", "--max-children", str(jobs), *timeouts))
    digest_file.write_text(digest)
    return time.monotonic() - started


def _check(done: subprocess.CompletedProcess[str]) -> None:
    """Stop on a mutmut run that failed (its clean run, its stats), with what it said."""
    if done.returncode != 0:
        sys.exit(f"mutmut failed ({done.returncode}):\n{done.stdout[-4000:]}{done.stderr[-4000:]}")


def statuses(folder: Path) -> dict[str, str]:
    """Each mutant of a group's folder and what became of it, from mutmut's .meta files."""
    found: dict[str, str] = {}
    for meta in sorted((folder / "mutants").rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for mutant, code in codes.items():
            found[mutant] = _status(code)
    return found


def _status(code: int | None) -> str:
    if code is None:
        return "not run"
    if code in TIMEOUTS:
        return "timeout"  # the mutant made a test loop or crawl: it was caught
    return STATUS.get(code, "suspicious")


def module_of(mutant: str) -> str:
    """The module a mutant is in: glossary.text.keys.x_fold__mutmut_3 → glossary/text/keys.py,
    and a package's own (glossary.exchange.formats.x_named__mutmut_1) its __init__.py."""
    path = mutant.split("__mutmut_")[0].rsplit(".", 1)[0].replace(".", "/")
    return f"{path}/__init__.py" if (ROOT / path).is_dir() else f"{path}.py"


def summary(
    name: str, folder: Path, seconds: float | None, before: dict[str, Any]
) -> dict[str, Any]:
    """A group's counts by module, its survivors with their diffs, and the survivors of
    earlier runs that tests written since have killed."""
    found = statuses(folder)
    killed_since = {
        s["mutant"]: s["diff"]
        for s in [*before.get("killed_since", []), *before.get("survivors", [])]
        if found.get(s["mutant"]) in ("killed", "timeout")
    }
    modules: dict[str, Counter[str]] = {}
    for mutant, status in found.items():
        if status == "survived" and mutant in EQUIVALENT:
            status = "equivalent"
        modules.setdefault(module_of(mutant), Counter())[status] += 1
    survivors = [m for m, status in found.items() if status in ("survived", "no tests")]
    return {
        "group": name,
        "seconds": round(seconds) if seconds is not None else None,
        "modules": {module: dict(counts) for module, counts in sorted(modules.items())},
        "survivors": [
            {
                "mutant": mutant,
                "status": found[mutant],
                "equivalent": EQUIVALENT.get(mutant),
                "diff": _diff(folder, mutant),
            }
            for mutant in survivors
        ],
        "killed_since": [{"mutant": m, "diff": diff} for m, diff in killed_since.items()],
    }


def _diff(folder: Path, mutant: str) -> str:
    """The lines a mutant changes, as `mutmut show` prints them (read here: a `mutmut show`
    for each survivor would start mutmut again each time)."""
    try:
        from mutmut.mutation.diff_apply import get_diff_for_mutant
    except ImportError:  # another mutmut than 3.8's layout
        shown = mutmut(folder, "show", mutant).stdout
    else:
        here = Path.cwd()
        os.chdir(folder)
        try:
            shown = get_diff_for_mutant(mutant, path=module_of(mutant))
        finally:
            os.chdir(here)
    lines = [line for line in shown.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    return "\n".join(lines)


def rate(counts: dict[str, int]) -> float | None:
    """The share of killed mutants among those that change behaviour, all of them run."""
    behaviour = sum(n for status, n in counts.items() if status != "equivalent")
    if not behaviour or counts.get("not run"):
        return None
    return (counts.get("killed", 0) + counts.get("timeout", 0)) / behaviour


def markdown(result: dict[str, Any]) -> str:
    """The report: a table by module, then each survivor with its diff and verdict."""
    lines = [
        "# Mutation testing (`make mutate`)",
        "",
        "Generated by bench/mutation.py; each group's latest run is kept. Kill rate: killed (or",
        "timed out) among the mutants that change behaviour (survivors listed as equivalent",
        f"below are left out); target {TARGET:.0%} in every module.",
        "",
        "| module | group | mutants | killed | timeout | survived | no tests | equivalent "
        "| not run | kill rate | run |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for group in result["groups"].values():
        for module, counts in group["modules"].items():
            share = rate(counts)
            cells = [counts.get(k, 0) for k in STATUS_COLUMNS]
            lines.append(
                f"| {module} | {group['group']} | {sum(counts.values())} | "
                + " | ".join(str(c) for c in cells)
                + f" | {'—' if share is None else f'{share:.1%}'} | {group['run']} |"
            )
    if missing := [name for name in GROUPS if name not in result["groups"]]:
        lines += ["", f"Groups not run yet: {', '.join(missing)}."]
    lines += ["", "## Survivors", ""]
    for group in result["groups"].values():
        for survivor in group["survivors"]:
            verdict = survivor["equivalent"]
            lines += [
                f"- `{survivor['mutant']}` ({survivor['status']}): "
                + (f"equivalent: {verdict}" if verdict else "**not killed yet**"),
                "",
                "  ```diff",
                *[f"  {line}" for line in survivor["diff"].splitlines()],
                "  ```",
            ]
    lines += ["", "## Survivors of earlier runs, killed by tests written since", ""]
    for group in result["groups"].values():
        for killed in group.get("killed_since", []):
            lines += [f"- `{killed['mutant']}`", "", "  ```diff"]
            lines += [f"  {line}" for line in killed["diff"].splitlines()] + ["  ```"]
    return "\n".join(lines) + "\n"


def _today() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


STATUS_COLUMNS = ("killed", "timeout", "survived", "no tests", "equivalent", "not run")


def main(argv: list[str] | None = None) -> int:
    """Run the groups named (all by default) and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=", ".join(GROUPS))
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once")
    parser.add_argument("--report-only", action="store_true", help="run nothing, write the report")
    parser.add_argument(
        "--retest-timeouts", action="store_true", help="test each timeout again after the run"
    )
    args = parser.parse_args(argv)
    if unknown := [name for name in args.groups if name not in GROUPS]:
        parser.error(f"unknown groups {unknown}: choose from {', '.join(GROUPS)}")
    saved = RESULTS / "mutation.json"
    result = json.loads(saved.read_text()) if saved.is_file() else {"groups": {}}
    for name in args.groups or list(GROUPS):
        seconds = (
            None if args.report_only else run(name, GROUPS[name], args.jobs, args.retest_timeouts)
        )
        folder = WORK / name
        if folder.is_dir():
            before = result["groups"].get(name, {})
            entry = summary(name, folder, seconds or before.get("seconds"), before)
            entry["run"] = before.get("run") if seconds is None else _today()
            result["groups"][name] = entry
            saved.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
            (RESULTS / "mutation.md").write_text(markdown(result), encoding="utf-8")
            print(f"{name}: {entry['modules']} in {entry['seconds']} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
