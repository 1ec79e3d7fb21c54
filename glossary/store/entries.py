"""Writing and reading entries with their sources, affiliations, links and search keys."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, cast

import sqlite_utils

from glossary.model import KINDS, Citation, Forms, Link, StoredEntry, Summary
from glossary.store.common import (
    SUMMARY_COLUMNS,
    Row,
    json_text,
    memoized,
    now,
    records,
    summary,
    transaction,
)
from glossary.store.schema import words_rowid, words_rowid_sql
from glossary.text import keys


def insert_entry(
    db: sqlite_utils.Database, entry: Mapping[str, Any], import_key: str | None, author: str = ""
) -> int:
    """Insert an entry (revision 1) with its sources; return its id. Links are set apart."""
    return insert_entries(db, [(entry, import_key)], author)[0]


def insert_entries(
    db: sqlite_utils.Database,
    entries: Sequence[tuple[Mapping[str, Any], str | None]],
    author: str = "",
    *,
    at: str | None = None,
) -> list[int]:
    """Insert entries, each with its import key (or None), as revision 1 with their sources,
    in order, and index them; return their ids. A few statements for all of them (an import
    writes 1,000 at a time); at is their time of creation (now when not given). Links are set
    apart."""
    with transaction(db):  # the caller's, when it has one
        return _insert_entries(db, entries, author, at or now())


def _insert_entries(
    db: sqlite_utils.Database,
    entries: Sequence[tuple[Mapping[str, Any], str | None]],
    author: str,
    timestamp: str,
) -> list[int]:
    conn = db.conn  # not db.execute, which parses each statement: an import runs 100,000
    # The ids SQLite would give them one at a time (the largest so far, plus one), given in one
    # statement for all: inside the write transaction nothing else takes one.
    last = conn.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0]
    ids = list(range(last + 1, last + 1 + len(entries)))
    conn.executemany(
        """INSERT INTO entry (id, kind, english, aliases, simplified, traditional, pinyin,
               description, notes, tags, status, verified, romanization, romanization_system,
               created, updated, updated_by, revision, import_key, imported_revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""",
        [
            (
                entry_id,
                *_entry_values(entry),
                timestamp,
                timestamp,
                author,
                import_key,
                1 if import_key else None,
            )
            for entry_id, (entry, import_key) in zip(ids, entries, strict=True)
        ],
    )
    conn.executemany(
        SOURCE_INSERT,
        [
            _source_values(entry_id, position, source)
            for entry_id, (entry, _) in zip(ids, entries, strict=True)
            for position, source in enumerate(entry["sources"])
        ],
    )
    reindex_entries(db, ids, fresh=True)
    return ids


def update_entry(
    db: sqlite_utils.Database,
    entry_id: int,
    entry: Mapping[str, Any],
    *,
    author: str,
    imported: bool = False,
) -> int:
    """Overwrite an entry's fields and sources as its next revision; return that revision."""
    db.execute(
        """UPDATE entry SET kind = ?, english = ?, aliases = ?, simplified = ?, traditional = ?,
               pinyin = ?, description = ?, notes = ?, tags = ?, status = ?, verified = ?,
               romanization = ?, romanization_system = ?, updated = ?, updated_by = ?,
               revision = revision + 1,
               imported_revision = CASE WHEN ? THEN revision + 1 ELSE imported_revision END
           WHERE id = ?""",
        [*_entry_values(entry), now(), author, imported, entry_id],
    )
    _replace_sources(db, entry_id, entry["sources"])
    reindex(db, entry_id)
    return int(db.execute("SELECT revision FROM entry WHERE id = ?", [entry_id]).fetchone()[0])


def as_inserted(entry: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's fields and sources as insert_entries stores them and get_entry reads them
    back (without links, which are set apart)."""
    stored = dict(zip(INSERTED_FIELDS, _entry_fields(entry), strict=True))
    stored["aliases"], stored["tags"] = list(stored["aliases"]), list(stored["tags"])
    stored["sources"] = [
        dict(zip(SOURCE_COLUMNS, _source_values(0, 0, source)[2:], strict=True))
        for source in entry["sources"]
    ]
    return stored


# The columns _entry_values and _source_values give values for, in their order.
INSERTED_FIELDS = (
    "kind",
    "english",
    "aliases",
    "simplified",
    "traditional",
    "pinyin",
    "description",
    "notes",
    "tags",
    "status",
    "verified",
    "romanization",
    "romanization_system",
)
SOURCE_COLUMNS = ("quote", "quote_zh", "title", "publisher", "url", "published", "accessed")


def _entry_values(entry: Mapping[str, Any]) -> list[Any]:
    """An entry's INSERTED_FIELDS as the entry table keeps them."""
    values = _entry_fields(entry)
    values[2], values[8] = _texts_json(values[2]), _texts_json(values[8])
    return values


def _texts_json(texts: list[str]) -> str:
    """A list of texts (aliases, tags) as a column keeps it: JSON, as json.dumps writes it."""
    return json_text(texts) if texts else "[]"


def _entry_fields(entry: Mapping[str, Any]) -> list[Any]:
    """An entry's INSERTED_FIELDS with its aliases and tags as lists."""
    return [
        entry["kind"],
        entry["english"],
        entry.get("aliases") or [],
        entry["simplified"],
        entry.get("traditional") or "",
        entry.get("pinyin") or "",
        entry.get("description") or "",
        entry.get("notes") or "",
        entry.get("tags") or [],
        entry.get("status") or "preferred",
        1 if entry.get("verified") else 0,
        entry.get("romanization") or "",
        entry.get("romanization_system") or "",
    ]


SOURCE_INSERT = """INSERT INTO source (entry_id, position, quote, quote_zh, title, publisher,
    url, published, accessed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def _source_values(entry_id: int, position: int, source: Mapping[str, Any]) -> list[Any]:
    return [
        entry_id,
        position,
        source["quote"],
        source.get("quote_zh"),
        source["title"],
        source.get("publisher"),
        source.get("url"),
        source["published"],
        source.get("accessed"),
    ]


def _replace_sources(
    db: sqlite_utils.Database, entry_id: int, sources: Iterable[Mapping[str, Any]]
) -> None:
    db.execute("DELETE FROM source WHERE entry_id = ?", [entry_id])
    db.conn.executemany(
        SOURCE_INSERT,
        [_source_values(entry_id, position, source) for position, source in enumerate(sources)],
    )


def set_affiliations(
    db: sqlite_utils.Database, person_id: int, affiliations: Iterable[Mapping[str, Any]]
) -> None:
    """Replace a person's affiliations: organization_id, role, as_of, source (an index)."""
    db.execute("DELETE FROM affiliation WHERE person_id = ?", [person_id])
    source_ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM source WHERE entry_id = ? ORDER BY position", [person_id]
        ).fetchall()
    ]
    for position, affiliation in enumerate(affiliations):
        index = affiliation.get("source")
        db.execute(
            """INSERT INTO affiliation (person_id, organization_id, position, role, as_of,
                   source_id) VALUES (?, ?, ?, ?, ?, ?)""",
            [
                person_id,
                affiliation["organization_id"],
                position,
                affiliation.get("role"),
                affiliation.get("as_of"),
                source_ids[index] if index is not None and index < len(source_ids) else None,
            ],
        )


def set_related(
    db: sqlite_utils.Database, entry_id: int, related_ids: list[int], *, replace: bool = False
) -> None:
    """Link an entry to each of related_ids (see also), in both directions; with replace, only
    to those."""
    if replace:
        db.execute("DELETE FROM related WHERE entry_id = ? OR related_id = ?", [entry_id, entry_id])
    for other in related_ids:
        if other != entry_id:
            low, high = sorted((entry_id, other))
            db.execute("INSERT OR IGNORE INTO related VALUES (?, ?)", [low, high])


def reindex(db: sqlite_utils.Database, entry_id: int) -> None:
    """Rebuild an entry's search keys, character index and full-text row from its forms."""
    reindex_entries(db, [entry_id])


def reindex_entries(db: sqlite_utils.Database, ids: Sequence[int], *, fresh: bool = False) -> None:
    """Rebuild the search keys, character index and full-text row of each of ids (distinct)
    from its forms, read a few statements for all of them; fresh: the entries were just
    inserted and have none yet, so there is nothing to delete first."""
    if not ids:
        return
    conn = db.conn  # not db.execute, which parses each statement: an import runs 100,000
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(
        f"""SELECT id, english, aliases, simplified, traditional, pinyin, description,
                  romanization, kind,
                  (status = 'deprecated') * 2 + (1 - verified) + 4 * (deleted IS NOT NULL),
                  lower(english)
           FROM entry WHERE id IN ({marks})""",
        list(ids),
    ).fetchall()
    forms = {row[0]: row[1:] for row in rows}
    if not fresh:
        # The full-text rows first: where each is numbered is read from the keys it goes with.
        numbered = conn.execute(
            f"SELECT {words_rowid_sql('e')} FROM entry e WHERE e.id IN ({marks})", list(ids)
        ).fetchall()
        conn.executemany("DELETE FROM entry_fts WHERE rowid = ?", numbered)
        conn.execute(f"DELETE FROM search_key WHERE entry_id IN ({marks})", list(ids))
        conn.execute(f"DELETE FROM search_char WHERE entry_id IN ({marks})", list(ids))
        conn.execute(f"DELETE FROM entry_char WHERE entry_id IN ({marks})", list(ids))
    search_keys, search_chars, characters, words = [], [], [], []
    for entry_id in ids:
        english, aliases_json, simplified, traditional, pinyin, description = forms[entry_id][:6]
        romanization, kind, standing, fold = forms[entry_id][6:]
        aliases = json.loads(aliases_json)
        derived = keys.entry_keys(
            english, aliases, simplified, traditional, pinyin, romanization, kind=kind
        )
        search_keys += [
            (entry_id, field, form, key_type, key, standing, len(form), fold)
            for field, form, key_type, key in derived
        ]
        # Each character of each Chinese key, with the key's rank (store.early reads it).
        search_chars += [
            (ch, standing, len(form), fold, entry_id, key)
            for _, form, key_type, key in derived
            if key_type == "hanzi"
            for ch in dict.fromkeys(key)
        ]
        characters += [
            (ch, entry_id) for ch in keys.entry_chars([simplified, traditional, *aliases])
        ]
        # Numbered in the words band's rank order: by its first English or pinyin key.
        first = next((form for _, form, t, _ in derived if t in ("text", "py")), "")
        words.append(
            (
                words_rowid(entry_id, standing, len(first), fold),
                keys.entry_words(english, [*aliases, romanization], pinyin),
                description,
            )
        )
    conn.executemany(
        """INSERT INTO search_key (entry_id, field, form, type, key, standing, formlen, fold)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        search_keys,
    )
    conn.executemany(
        """INSERT OR IGNORE INTO search_char (ch, standing, formlen, fold, entry_id, key)
           VALUES (?, ?, ?, ?, ?, ?)""",
        search_chars,
    )
    conn.executemany("INSERT INTO entry_char (ch, entry_id) VALUES (?, ?)", characters)
    # In rowid order: FTS5 writes out the terms it holds whenever a rowid is not above the
    # last one it was given, so rows in entry order made a small segment every row or two.
    words.sort(key=lambda row: row[0])
    conn.executemany("INSERT INTO entry_fts (rowid, names, description) VALUES (?, ?, ?)", words)
    # Each write adds a segment to the index, and every search reads every segment: merge
    # them as we go (up to 100 pages of work; usermerge 2 is set by migration 6).
    conn.execute("INSERT INTO entry_fts (entry_fts, rank) VALUES ('merge', 100)")


def settle_full_text(db: sqlite_utils.Database, written: int) -> None:
    """Merge the full-text index's segments after a write of many (written) entries.

    A write of as many entries as a quarter of the glossary's rewrites the index as one
    segment (FTS5's 'optimize'): each term of a MATCH is then looked up once, not in each of
    the two or three segments the merges leave, and at 100,000 entries the rewrite costs less
    than the merges (0.5 s against 0.7 s). Otherwise the segments are merged as far as
    usermerge asks (see reindex_entries), the work growing with the write and not with the
    glossary: each merge of 500 pages that does any work changes more than one row (FTS5's
    own measure of whether work was left)."""
    (entries,) = db.execute("SELECT count(*) FROM entry").fetchone()
    if written * 4 >= entries:
        db.conn.execute("INSERT INTO entry_fts (entry_fts) VALUES ('optimize')")
        return
    while True:
        before = db.conn.total_changes
        db.conn.execute("INSERT INTO entry_fts (entry_fts, rank) VALUES ('merge', 500)")
        if db.conn.total_changes - before < 2:
            return


# Indexes that a large write builds once at its end, not a row at a time: those only
# searching and browsing read (the review queue, recent changes too), never the write itself
# (which finds import keys through entry.import_key, duplicates through search_key_key and
# revisions by entry). The review queue's and the changes' indexes run newest first: each
# new row went in at their beginning.
DEFERRED_INDEXES = (
    "search_key_head",
    "entry_english",
    "entry_kind",
    "entry_review",
    "revision_at",
    "revision_changes",
)


@contextmanager
def indexes_deferred(db: sqlite_utils.Database) -> Iterator[None]:
    """Inside the caller's transaction, drop DEFERRED_INDEXES for the block and create them
    again, as they were defined, when it is done; if it fails, the transaction's rollback
    brings them back. Sorting 800,000 search keys once costs a fraction of keeping the
    index in order as each is inserted; SQLite sorts them with a helper thread on each other
    processor (PRAGMA threads: 1.3 s → 0.9 s for search_key_head at 100,000 entries, 2 cores)."""
    assert db.conn.in_transaction
    marks = ", ".join("?" * len(DEFERRED_INDEXES))
    defined = db.conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})",
        DEFERRED_INDEXES,
    ).fetchall()
    for name, _ in defined:
        db.conn.execute(f"DROP INDEX {name}")
    yield
    (threads,) = db.conn.execute("PRAGMA threads").fetchone()
    db.conn.execute(f"PRAGMA threads = {_other_processors()}")
    try:
        for _, sql in defined:
            db.conn.execute(sql)
    finally:
        db.conn.execute(f"PRAGMA threads = {int(threads)}")


def _other_processors() -> int:
    """The processors this process may run on, less the one it runs on."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return max(0, usable - 1)


def refresh_search_keys(db: sqlite_utils.Database) -> None:
    """Rebuild every entry's search keys when the way keys are derived has changed."""
    if _keys_version(db) == keys.KEYS_VERSION:
        return
    with transaction(db):
        if _keys_version(db) == keys.KEYS_VERSION:  # another process got here first
            return
        for (entry_id,) in db.execute("SELECT id FROM entry").fetchall():
            reindex(db, entry_id)
        db.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('keys_version', ?)",
            [str(keys.KEYS_VERSION)],
        )


def _keys_version(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT value FROM meta WHERE name = 'keys_version'").fetchone()
    return int(row[0]) if row else 0


# Reading entries -------------------------------------------------------------------------------


def count_entries(db: sqlite_utils.Database) -> int:
    """Return how many live (not deleted) entries there are."""
    return sum(counts_by_kind(db).values())


def counts_by_kind(db: sqlite_utils.Database) -> dict[str, int]:
    """Return how many entries there are of each kind, every kind listed. Every search page
    shows them: they are counted again only after a change (at 100,000 entries, counting
    cost more than the search)."""
    return dict(memoized(db, "counts_by_kind", lambda: _counts_by_kind(db)))


def _counts_by_kind(db: sqlite_utils.Database) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    sql = "SELECT kind, count(*) FROM entry WHERE deleted IS NULL GROUP BY kind"
    for kind, count in db.execute(sql).fetchall():
        counts[kind] = count
    return counts


# The import states are rows (Row) as the importer reads them: a TypedDict of their own once
# exchange/importer.py types its records.
def import_state(db: sqlite_utils.Database, import_key: str) -> Row | None:
    """Return id, revision and imported_revision of the entry imported under import_key."""
    sql = "SELECT id, revision, imported_revision FROM entry WHERE import_key = ?"
    rows = records(db, sql, [import_key])  # not db.query, which parses it: imports ask often
    return rows[0] if rows else None


def site_entry_state(db: sqlite_utils.Database, entry_id: int) -> Row | None:
    """Return id, revision and English of a live entry made on the site (no import key)."""
    sql = """SELECT id, revision, english FROM entry
             WHERE id = ? AND import_key IS NULL AND deleted IS NULL"""
    rows = records(db, sql, [entry_id])
    return rows[0] if rows else None


def import_states(db: sqlite_utils.Database, import_keys: Sequence[str]) -> dict[str, Row]:
    """Return import_state of each of import_keys that names an entry, by key: one query."""
    if not import_keys:
        return {}
    marks = ", ".join("?" * len(import_keys))
    sql = f"""SELECT import_key, id, revision, imported_revision FROM entry
              WHERE import_key IN ({marks})"""
    return {row.pop("import_key"): row for row in records(db, sql, list(import_keys))}


def site_entry_states(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, Row]:
    """Return site_entry_state of each of ids that is one, by id: one query."""
    ids = [entry_id for entry_id in ids if 0 < entry_id < 2**63]  # past SQLite's integers
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    sql = f"""SELECT id, revision, english FROM entry
              WHERE id IN ({marks}) AND import_key IS NULL AND deleted IS NULL"""
    return {row["id"]: row for row in records(db, sql, ids)}


def adopt_import_key(db: sqlite_utils.Database, entry_id: int, import_key: str) -> None:
    """Give an entry made on the site the key it was exported and imported back under."""
    db.execute("UPDATE entry SET import_key = ? WHERE id = ?", [import_key, entry_id])


def entries_with_characters(
    db: sqlite_utils.Database, kind: str | None, characters: str
) -> list[StoredEntry]:
    """Return the full live entries (of a kind, if given) whose characters, in either script,
    are exactly these."""
    ids = entry_ids_with_characters(db, kind, characters)
    return [entry for entry_id in ids if (entry := get_entry(db, entry_id)) is not None]


def entry_ids_with_characters(
    db: sqlite_utils.Database, kind: str | None, characters: str, *, up_to: int | None = None
) -> list[int]:
    """Return the ids of the live entries (of a kind, if given; with ids up to up_to, if given)
    whose characters, in either script, are exactly these: verified first, then oldest."""
    rows = db.execute(
        """SELECT DISTINCT e.id FROM search_key k JOIN entry e ON e.id = k.entry_id
           WHERE k.type = 'hanzi' AND k.key = ? AND k.field IN ('simplified', 'traditional')
             AND (? IS NULL OR e.kind = ?) AND e.deleted IS NULL AND (? IS NULL OR e.id <= ?)
           ORDER BY e.verified DESC, e.id""",
        [keys.hanzi_key(characters), kind, kind, up_to, up_to],
    ).fetchall()
    return [entry_id for (entry_id,) in rows]


def entry_ids_by_spelling(
    db: sqlite_utils.Database, spellings: Iterable[tuple[str, str]], *, up_to: int
) -> dict[tuple[str, str], list[int]]:
    """Return, for each (kind, characters), what entry_ids_with_characters gives for them (ids
    up to up_to): one query for all of them."""
    wanted: dict[str, list[tuple[str, str]]] = {}
    for kind, characters in set(spellings):
        wanted.setdefault(keys.hanzi_key(characters), []).append((kind, characters))
    found: dict[tuple[str, str], list[int]] = {s: [] for group in wanted.values() for s in group}
    if not wanted:
        return found
    marks = ", ".join("?" * len(wanted))
    rows = db.conn.execute(
        f"""SELECT DISTINCT k.key, e.kind, e.id, e.verified
            FROM search_key k JOIN entry e ON e.id = k.entry_id
            WHERE k.type = 'hanzi' AND k.key IN ({marks})
              AND k.field IN ('simplified', 'traditional') AND e.deleted IS NULL AND e.id <= ?
            ORDER BY e.verified DESC, e.id""",
        [*wanted, up_to],
    ).fetchall()
    for key, kind, entry_id, _ in rows:
        for spelling in wanted[key]:
            if spelling[0] == kind:
                found[spelling].append(entry_id)
    return found


def kinds_with_characters(db: sqlite_utils.Database, characters: str) -> set[str]:
    """Return the kinds of the live entries whose characters, in either script, are these."""
    rows = db.execute(
        """SELECT DISTINCT e.kind FROM search_key k JOIN entry e ON e.id = k.entry_id
           WHERE k.type = 'hanzi' AND k.key = ? AND k.field IN ('simplified', 'traditional')
             AND e.deleted IS NULL""",
        [keys.hanzi_key(characters)],
    ).fetchall()
    return {kind for (kind,) in rows}


def entry_exists(db: sqlite_utils.Database, entry_id: int, kind: str | None = None) -> bool:
    """Tell whether a live entry (of that kind, when given) has this id: one query."""
    if not 0 < entry_id < 2**63:  # past SQLite's integers
        return False
    row = db.execute(
        "SELECT 1 FROM entry WHERE id = ? AND deleted IS NULL AND (? IS NULL OR kind = ?)",
        [entry_id, kind, kind],
    ).fetchone()
    return row is not None


def last_entry_id(db: sqlite_utils.Database) -> int:
    """Return the largest id an entry has (0 when there is none)."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0])


class EntryForms(Forms):
    """How an entry is written, every way, with its id: what an article is searched for."""

    id: int


def entry_forms(
    db: sqlite_utils.Database, ids: Iterable[int] | None = None
) -> Iterator[EntryForms]:
    """Yield how every live entry (or each of ids that is live) is written: English, aliases,
    romanization, both scripts. Best first: preferred before deprecated, verified before
    unverified. Read as a stream: the article reader's marker reads every entry."""
    where, params = "deleted IS NULL", []
    if ids is not None:
        params = sorted(set(ids))
        where += f" AND id IN ({', '.join('?' * len(params))})"
    rows = db.execute(
        f"""SELECT id, kind, english, aliases, simplified, traditional, pinyin, romanization
           FROM entry WHERE {where}
           ORDER BY status = 'deprecated', verified DESC, id""",
        params,
    )
    names = ("id", "kind", "english", "aliases", "simplified", "traditional", "pinyin")
    for row in rows:
        entry = dict(zip((*names, "romanization"), row, strict=True))
        entry["aliases"] = json.loads(entry["aliases"])
        yield cast(EntryForms, entry)


def forms_version(db: sqlite_utils.Database) -> tuple[Any, ...]:
    """Return a value that changes whenever any entry's forms may have changed."""
    return tuple(
        db.execute(
            "SELECT count(*), max(id), max(updated), total(revision) FROM entry"
            " WHERE deleted IS NULL"
        ).fetchone()
    )


def featured(db: sqlite_utils.Database, limit: int) -> list[Summary]:
    """Return verified people and organizations to show on the home page, newest first."""
    rows = db.query(
        f"""SELECT {SUMMARY_COLUMNS} FROM entry e
            WHERE e.verified AND e.kind IN ('person', 'organization') AND e.deleted IS NULL
            ORDER BY e.updated DESC, e.id LIMIT ?""",
        [limit],
    )
    return [summary(row) for row in rows]


def get_entry(db: sqlite_utils.Database, entry_id: int) -> StoredEntry | None:
    """Return an entry with its sources, affiliations, members and related entries, or None."""
    return get_entries(db, [entry_id]).get(entry_id)


def get_entries(db: sqlite_utils.Database, ids: list[int]) -> dict[int, StoredEntry]:
    """Return the entries of ids that exist, by id, each as get_entry returns it: read a few
    statements for all of them (an export reads 100,000 entries), and those with links one
    by one."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    entries: dict[int, Any] = {}  # StoredEntry once complete
    for entry in records(db, f"SELECT * FROM entry WHERE id IN ({marks})", ids):
        entry["url"] = f"/entries/{entry['id']}"
        entry["aliases"] = json.loads(entry["aliases"])
        entry["tags"] = json.loads(entry["tags"])
        entry["verified"] = bool(entry["verified"])
        entry["deleted"] = entry["deleted"] or None
        entry["sources"] = []
        entry["affiliations"], entry["members"], entry["related"] = [], [], []
        entries[entry["id"]] = entry
    for source in records(
        db,
        f"""SELECT entry_id, id, quote, quote_zh, title, publisher, url, published, accessed
           FROM source WHERE entry_id IN ({marks}) ORDER BY entry_id, position""",
        ids,
    ):
        entries[source.pop("entry_id")]["sources"].append(source)
    linked = db.execute(
        f"""SELECT person_id FROM affiliation WHERE person_id IN ({marks})
            UNION SELECT organization_id FROM affiliation WHERE organization_id IN ({marks})
            UNION SELECT entry_id FROM related WHERE entry_id IN ({marks})
            UNION SELECT related_id FROM related WHERE related_id IN ({marks})""",
        ids * 4,
    ).fetchall()
    for (entry_id,) in linked:
        if entry_id in entries:
            _add_links(db, entries[entry_id])
    return entries


def _add_links(db: sqlite_utils.Database, entry: StoredEntry) -> None:
    """Read an entry's affiliations, members and related entries into it."""
    entry_id = entry["id"]
    entry["affiliations"] = _affiliations(db, "a.person_id = ?", "a.organization_id", entry_id)
    entry["members"] = _affiliations(db, "a.organization_id = ?", "a.person_id", entry_id)
    # records(), not db.query: sqlite-utils' parsing of each statement was a third of the
    # time an import spent reading entries back for their revisions.
    rows = records(
        db,
        f"""SELECT {SUMMARY_COLUMNS} FROM related r JOIN entry e
              ON e.id = CASE WHEN r.entry_id = ?1 THEN r.related_id ELSE r.entry_id END
            WHERE (r.entry_id = ?1 OR r.related_id = ?1) AND e.deleted IS NULL
            ORDER BY e.english COLLATE NOCASE""",
        [entry_id],
    )
    entry["related"] = [summary(row) for row in rows]


def _affiliations(db: sqlite_utils.Database, where: str, other: str, entry_id: int) -> list[Link]:
    affiliations: list[Link] = []
    for row in records(
        db,
        f"""SELECT a.role, a.as_of, {SUMMARY_COLUMNS}, s.position AS source_position,
                   s.title AS source_title,
                   s.publisher AS source_publisher, s.url AS source_url,
                   s.published AS source_published
            FROM affiliation a JOIN entry e ON e.id = {other}
            LEFT JOIN source s ON s.id = a.source_id
            WHERE {where} AND e.deleted IS NULL ORDER BY a.as_of DESC, a.position""",
        [entry_id],
    ):
        source = None
        if row["source_title"]:
            source = Citation(
                title=row["source_title"],
                publisher=row["source_publisher"],
                url=row["source_url"],
                published=row["source_published"],
            )
        affiliations.append(
            Link(
                role=row["role"],
                as_of=row["as_of"],
                entry=summary(row),
                source=source,
                source_index=row["source_position"],
            )
        )
    return affiliations
