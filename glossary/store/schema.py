"""The schema of the SQLite database and its migrations."""

from __future__ import annotations

import sqlite3

import sqlite_utils

# The glossary's full-text rows are numbered in the order the words band ranks entries (store.early
# reads a match in rowid order and stops when a page is full): from the top bit down, the entry's
# standing (3 bits: deleted entries' are 4 and more), the length of its first English or pinyin
# key's form (8 bits, longer ones as 255), the first three bytes of its English folded (its fold,
# as UTF-8, which orders as the fold does), and its id (ENTRY_BITS). Entries alike in all but the
# rest of the fold share the bits above the id: a reader sorts those among themselves.
ENTRY_BITS = 28  # ids up to 268 million
ENTRY_MASK = (1 << ENTRY_BITS) - 1  # rowid & ENTRY_MASK: the entry's id
LIVE_WORDS = 4 << 60  # the rowids of entries not deleted are below this
STANDING = "(({e}.status = 'deprecated') * 2 + (1 - {e}.verified) + 4 * ({e}.deleted IS NOT NULL))"


def words_rowid(entry_id: int, standing: int, formlen: int, fold: str) -> int:
    """The rowid of an entry's full-text row (see ENTRY_BITS), as words_rowid_sql computes it."""
    if not 0 <= entry_id <= ENTRY_MASK:
        raise ValueError(f"entry id {entry_id} is beyond the full-text index's {ENTRY_BITS} bits")
    head = int.from_bytes(fold.encode()[:3].ljust(3, b"\0"), "big")
    return standing << 60 | min(formlen, 255) << 52 | head << ENTRY_BITS | entry_id


def words_rowid_sql(entry: str) -> str:
    """words_rowid of the entry a table alias (or NEW, OLD) names, as SQL: its first English or
    pinyin key's length read from search_key, which must hold its keys."""
    formlen = f"""coalesce((SELECT min(formlen, 255) FROM search_key INDEXED BY search_key_entry
        WHERE entry_id = {entry}.id AND type IN ('text', 'py') ORDER BY rowid LIMIT 1), 0)"""
    # The fold's first three bytes as six hexadecimal digits (0 past its end), each its value.
    digits = " | ".join(
        f"((instr('0123456789ABCDEF', substr(h, {k}, 1)) - 1) << {4 * (6 - k)})"
        for k in range(1, 7)
    )
    head = f"""(SELECT {digits} FROM (SELECT
        substr(hex(substr(CAST(lower({entry}.english) AS BLOB), 1, 3)) || '000000', 1, 6) AS h))"""
    return (
        f"(({STANDING.format(e=entry)} << 60) | ({formlen} << 52) | ({head} << {ENTRY_BITS})"
        f" | {entry}.id)"
    )


# Each migration takes the schema from version i to i + 1; PRAGMA user_version records how many ran.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN
            ('person', 'organization', 'term', 'place', 'document', 'event')),
        english TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        simplified TEXT NOT NULL,
        traditional TEXT NOT NULL DEFAULT '',
        pinyin TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'preferred'
            CHECK (status IN ('preferred', 'admitted', 'deprecated')),
        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        import_key TEXT UNIQUE,
        imported_revision INTEGER
    );
    CREATE INDEX entry_kind ON entry (kind, english COLLATE NOCASE);

    CREATE TABLE source (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        quote TEXT NOT NULL,
        quote_zh TEXT,
        title TEXT NOT NULL,
        publisher TEXT,
        url TEXT,
        published TEXT NOT NULL,
        accessed TEXT
    );
    CREATE INDEX source_entry ON source (entry_id, position);

    CREATE TABLE affiliation (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT,
        as_of TEXT,
        source_id INTEGER REFERENCES source (id) ON DELETE SET NULL
    );
    CREATE INDEX affiliation_person ON affiliation (person_id, position);
    CREATE INDEX affiliation_organization ON affiliation (organization_id);

    CREATE TABLE related (
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        related_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        PRIMARY KEY (entry_id, related_id),
        CHECK (entry_id < related_id)
    ) WITHOUT ROWID;
    CREATE INDEX related_back ON related (related_id);

    -- Search keys, derived from an entry on every save (see glossary.search.entry_keys).
    -- type: text (English, folded), hanzi, py (toneless pinyin), pym (tone marks),
    -- pyn (tone numbers), ini (initials); form is the text as the entry shows it.
    CREATE TABLE search_key (
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        form TEXT NOT NULL,
        type TEXT NOT NULL,
        key TEXT NOT NULL
    );
    CREATE INDEX search_key_key ON search_key (type, key);
    CREATE INDEX search_key_entry ON search_key (entry_id);

    -- One row per distinct CJK character of an entry's forms, so that a query of one or two
    -- characters (which trigram indexes cannot match) is answered from an index.
    CREATE TABLE entry_char (
        ch TEXT NOT NULL,
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        PRIMARY KEY (ch, entry_id)
    ) WITHOUT ROWID;
    CREATE INDEX entry_char_entry ON entry_char (entry_id);

    -- Words of the names (English, aliases, pinyin without tones) and of the description.
    CREATE VIRTUAL TABLE entry_fts USING fts5 (
        names, description, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    """
    -- A person's own published romanization (Tsai Ing-wen) and its system (Wade–Giles…).
    ALTER TABLE entry ADD COLUMN romanization TEXT NOT NULL DEFAULT '';
    ALTER TABLE entry ADD COLUMN romanization_system TEXT NOT NULL DEFAULT '';
    -- Settings of the stored data, such as the version of the search keys' derivation.
    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    """
    -- Accounts: roles editor < reviewer < admin. session_token changes at logout and on a new
    -- password, which ends every session signed with the old one.
    CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'admin')),
        password_hash TEXT NOT NULL,
        session_token TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created TEXT NOT NULL
    );
    -- API tokens, stored as SHA-256 hashes of the token (the token itself is shown once).
    CREATE TABLE api_token (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL,
        revoked TEXT
    );
    -- Failed logins, for throttling per account name and per address.
    CREATE TABLE login_failure (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE,
        address TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX login_failure_name ON login_failure (name, at);
    CREATE INDEX login_failure_address ON login_failure (address, at);

    -- Every saved state of an entry: author, time, comment, action and a full snapshot (JSON).
    CREATE TABLE revision (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN
            ('import', 'create', 'edit', 'revert', 'delete', 'restore')),
        comment TEXT NOT NULL DEFAULT '',
        snapshot TEXT NOT NULL,
        UNIQUE (entry_id, revision)
    );
    CREATE INDEX revision_at ON revision (at DESC, id DESC);

    ALTER TABLE entry ADD COLUMN deleted TEXT;  -- when it was deleted; NULL while it is live
    ALTER TABLE entry ADD COLUMN delete_reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE entry ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE entry ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE entry ADD COLUMN verified_at TEXT;
    """,
    """
    -- The base dictionary (CC-CEDICT): a separate, read-only collection that
    -- `glossary import-cedict` replaces whole. Its key tables mirror search_key, entry_char and
    -- entry_fts, so that the glossary's stay small; nothing that edits entries touches them.
    CREATE TABLE dictionary (
        id INTEGER PRIMARY KEY,
        traditional TEXT NOT NULL,
        simplified TEXT NOT NULL,
        pinyin TEXT NOT NULL,           -- tone marks, grouped into words: "diànnǎo"
        pinyin_numbered TEXT NOT NULL,  -- as CC-CEDICT writes it: "dian4 nao3"
        definitions TEXT NOT NULL,      -- a JSON list, as CC-CEDICT gives them
        english TEXT NOT NULL           -- the definitions joined with "; ", for display
    );
    -- The key types of search_key; field is simplified, traditional, pinyin or definition.
    -- (type, key) leads, so that each lookup reads one range of this table and nothing else.
    CREATE TABLE dictionary_key (
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        dictionary_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        form TEXT NOT NULL,
        PRIMARY KEY (type, key, dictionary_id, field)
    ) WITHOUT ROWID;
    CREATE TABLE dictionary_char (
        ch TEXT NOT NULL,
        dictionary_id INTEGER NOT NULL,
        PRIMARY KEY (ch, dictionary_id)
    ) WITHOUT ROWID;
    -- Words of the definitions; the text itself stays in dictionary (external content).
    CREATE VIRTUAL TABLE dictionary_fts USING fts5 (
        english, content = 'dictionary', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    """
    -- The base dictionary at scale: each lookup reads its rows already in the order results are
    -- ranked in, so that a search stops after one page instead of sorting 40,000 matches.
    -- Within a band, dictionary results rank by formlen (the matched form's length, at most
    -- 255), then key, then simplen (the entry's simplified length), then id; ids are numbered
    -- by the length of the definitions (at most 255), then simplen, so that the full-text
    -- index, which returns rows by id, returns them in rank order too. The rows loaded are
    -- renumbered and copied here, so that a loaded dictionary needs no new import.
    CREATE TABLE dictionary_number AS
        SELECT id AS old, row_number() OVER (
            ORDER BY min(length(english), 255), length(simplified), id) AS new
        FROM dictionary;
    CREATE UNIQUE INDEX dictionary_number_old ON dictionary_number (old);
    DROP TABLE dictionary_fts;
    CREATE TABLE dictionary_ranked (
        id INTEGER PRIMARY KEY,
        traditional TEXT NOT NULL,
        simplified TEXT NOT NULL,
        pinyin TEXT NOT NULL,
        pinyin_numbered TEXT NOT NULL,
        definitions TEXT NOT NULL,
        english TEXT NOT NULL
    );
    INSERT INTO dictionary_ranked
        SELECT n.new, d.traditional, d.simplified, d.pinyin, d.pinyin_numbered, d.definitions,
               d.english
        FROM dictionary d JOIN dictionary_number n ON n.old = d.id ORDER BY n.new;
    CREATE TABLE dictionary_key_ranked (
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        formlen INTEGER NOT NULL,
        simplen INTEGER NOT NULL,
        dictionary_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        form TEXT NOT NULL,
        PRIMARY KEY (type, key, formlen, simplen, dictionary_id, field)
    ) WITHOUT ROWID;
    INSERT INTO dictionary_key_ranked
        SELECT k.type, k.key, min(length(k.form), 255), length(d.simplified), n.new, k.field,
               k.form
        FROM dictionary_key k JOIN dictionary_number n ON n.old = k.dictionary_id
            JOIN dictionary d ON d.id = k.dictionary_id
        ORDER BY 1, 2, 3, 4, 5, 6;
    -- The characters of each entry, with its forms, so that a search for characters reads
    -- one range of this table, not the dictionary's wide rows.
    CREATE TABLE dictionary_char_ranked (
        ch TEXT NOT NULL,
        simplen INTEGER NOT NULL,
        dictionary_id INTEGER NOT NULL,
        simplified TEXT NOT NULL,
        traditional TEXT NOT NULL,
        PRIMARY KEY (ch, simplen, dictionary_id)
    ) WITHOUT ROWID;
    INSERT INTO dictionary_char_ranked
        SELECT c.ch, length(d.simplified), n.new, d.simplified, d.traditional
        FROM dictionary_char c JOIN dictionary_number n ON n.old = c.dictionary_id
            JOIN dictionary d ON d.id = c.dictionary_id
        ORDER BY 1, 2, 3;
    DROP TABLE dictionary_key;
    DROP TABLE dictionary_char;
    DROP TABLE dictionary;
    DROP TABLE dictionary_number;
    ALTER TABLE dictionary_ranked RENAME TO dictionary;
    ALTER TABLE dictionary_key_ranked RENAME TO dictionary_key;
    ALTER TABLE dictionary_char_ranked RENAME TO dictionary_char;
    -- A prefix of one or two letters matches tens of thousands of keys: this index reads
    -- them shortest form first (one seek per length), so the first page costs one page.
    CREATE INDEX dictionary_key_length
        ON dictionary_key (type, formlen, key, simplen, dictionary_id);
    -- Each pair of characters written next to each other in an entry's forms, with the forms:
    -- a search for two characters or more reads the entries holding its rarest pair.
    CREATE TABLE dictionary_bigram (
        pair TEXT NOT NULL,
        simplen INTEGER NOT NULL,
        dictionary_id INTEGER NOT NULL,
        simplified TEXT NOT NULL,
        traditional TEXT NOT NULL,
        PRIMARY KEY (pair, simplen, dictionary_id)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO dictionary_bigram
        WITH RECURSIVE at (id, form, i) AS (
            SELECT id, form, 1 FROM (
                SELECT id, simplified AS form FROM dictionary
                UNION ALL SELECT id, traditional FROM dictionary WHERE traditional != simplified)
            WHERE length(form) > 1
            UNION ALL SELECT id, form, i + 1 FROM at WHERE i + 2 <= length(form))
        SELECT substr(at.form, at.i, 2), length(d.simplified), d.id, d.simplified, d.traditional
        FROM at JOIN dictionary d ON d.id = at.id
        ORDER BY 1, 2, 3;
    -- Prefix indexes, so that a one- to three-letter last word ("a*") reads one list of rows.
    CREATE VIRTUAL TABLE dictionary_fts USING fts5 (
        english, content = 'dictionary', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    );
    INSERT INTO dictionary_fts (dictionary_fts) VALUES ('rebuild');
    -- The glossary's full-text index gets prefix indexes too.
    CREATE VIRTUAL TABLE entry_fts_prefixed USING fts5 (
        names, description, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    );
    INSERT INTO entry_fts_prefixed (rowid, names, description)
        SELECT rowid, names, description FROM entry_fts;
    DROP TABLE entry_fts;
    ALTER TABLE entry_fts_prefixed RENAME TO entry_fts;
    """,
    # 6: full-text indexes of one segment each. A MATCH looks its terms up in every segment of
    # the index (about 3 µs each): the dictionary's rebuild left 8 and the glossary's edits 10
    # (one more for each write until FTS5 merges them). usermerge 2 lets the merge that each
    # write of an entry now runs (store.entries.reindex) keep the glossary's at two or three.
    """
    INSERT INTO dictionary_fts (dictionary_fts) VALUES ('optimize');
    INSERT INTO entry_fts (entry_fts, rank) VALUES ('usermerge', 2);
    INSERT INTO entry_fts (entry_fts) VALUES ('optimize');
    """,
    # 7: the glossary's full-text terms, by column, as a table (FTS5's own, nothing stored):
    # a search leaves out the glossary's word lookups that no term can match (store.finding).
    """
    CREATE VIRTUAL TABLE entry_fts_terms USING fts5vocab (entry_fts, col);
    """,
    # 8: the dictionary's full-text index in pages of 500 bytes, not FTS5's 4,050. A search of
    # several words ("sight in a") seeks, for each definition holding the rare one, through
    # the pages of the common ones ("in", in 15,000): smaller pages are sought in less. The
    # import writes it so too (store.dictionary.loading.FTS_PAGE); the index is the same size.
    """
    INSERT INTO dictionary_fts (dictionary_fts, rank) VALUES ('pgsz', 500);
    INSERT INTO dictionary_fts (dictionary_fts) VALUES ('rebuild');
    INSERT INTO dictionary_fts (dictionary_fts) VALUES ('optimize');
    """,
    # 9: an API token may expire (`glossary user token NAME --expires-in DAYS`): when, as UTC
    # ISO 8601 like every time stored; NULL for a token that does not.
    """
    ALTER TABLE api_token ADD COLUMN expires TEXT;
    """,
    # 10: the glossary at scale (store.early): each search key carries its row's rank within a
    # band (the entry's standing, the form's length, the entry's English folded as NOCASE
    # folds it), so that a lookup reads its rows in rank order from search_key_rank and stops
    # when a page is full. A trigger keeps standing and fold when the entry changes; deleted
    # entries' keys get standing 4 and more, which every lookup leaves out.
    """
    ALTER TABLE search_key ADD COLUMN standing INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE search_key ADD COLUMN formlen INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE search_key ADD COLUMN fold TEXT NOT NULL DEFAULT '';
    UPDATE search_key SET formlen = length(form),
        standing = (SELECT (e.status = 'deprecated') * 2 + (1 - e.verified)
                    + 4 * (e.deleted IS NOT NULL) FROM entry e WHERE e.id = entry_id),
        fold = (SELECT lower(e.english) FROM entry e WHERE e.id = entry_id);
    DROP INDEX search_key_key;
    CREATE INDEX search_key_key ON search_key (type, key, standing, entry_id);
    CREATE INDEX search_key_rank ON search_key (type, standing, formlen, fold, entry_id, key);
    -- Browsing reads entries in English order from here and stops at the page.
    CREATE INDEX entry_english ON entry (english COLLATE NOCASE, id);
    -- Recent changes and the review queue read their first rows from these, newest first,
    -- and stop at the page, not sort every revision or entry.
    CREATE INDEX revision_changes ON revision (at DESC, id DESC);
    CREATE INDEX entry_review ON entry (updated DESC, id DESC)
        WHERE NOT verified AND deleted IS NULL;
    CREATE TRIGGER search_key_standing AFTER UPDATE OF status, verified, english, deleted
    ON entry BEGIN
        UPDATE search_key SET
            standing = (NEW.status = 'deprecated') * 2 + (1 - NEW.verified)
                + 4 * (NEW.deleted IS NOT NULL),
            fold = lower(NEW.english)
        WHERE entry_id = NEW.id;
    END;
    """,
    # 11: imports that run as jobs (glossary.exchange.jobs): a large upload's dry run or import
    # runs in a process of its own, which writes its phase, its counts and a heartbeat here for
    # any worker to show; outcome is its report (JSON) once it ends. The uploaded file is kept
    # in the instance folder under the job's id.
    """
    CREATE TABLE import_job (
        id TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        on_duplicate TEXT NOT NULL,
        skip_invalid INTEGER NOT NULL CHECK (skip_invalid IN (0, 1)),
        dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
        state TEXT NOT NULL DEFAULT 'waiting'
            CHECK (state IN ('waiting', 'running', 'done', 'failed', 'interrupted')),
        phase TEXT NOT NULL DEFAULT '',
        read INTEGER NOT NULL DEFAULT 0,
        checked INTEGER NOT NULL DEFAULT 0,
        written INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,
        created TEXT NOT NULL,
        heartbeat TEXT NOT NULL,
        finished TEXT
    );
    CREATE INDEX import_job_state ON import_job (state, heartbeat);
    """,
    # 12: each verification, as history keeps each revision (store.review): which revision a
    # reviewer vouched for, who and when, so that the review queue can show what changed since,
    # recent changes and the feed can list it, and it can be undone. An undo is a row of its
    # own (action 'undo', pointing at the verification it takes back in undoes); a verification
    # keeps the state it replaced (previous_*), which its undo restores. The entries verified
    # already are recorded as verified at the revision they are at.
    """
    CREATE TABLE verification (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        reviewer TEXT NOT NULL,
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('verify', 'undo')),
        undoes INTEGER REFERENCES verification (id),
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        previous_verified INTEGER NOT NULL DEFAULT 0,
        previous_by TEXT NOT NULL DEFAULT '',
        previous_at TEXT
    );
    CREATE INDEX verification_entry ON verification (entry_id, id);
    CREATE INDEX verification_changes ON verification (at DESC, id DESC);
    INSERT INTO verification (entry_id, revision, reviewer, at, action)
        SELECT id, revision, verified_by, coalesce(verified_at, updated), 'verify'
        FROM entry WHERE verified ORDER BY coalesce(verified_at, updated), id;
    -- The review queue's count and pages read this index alone (it covers the columns they
    -- test), not each entry's row as well: at 100,000 entries that was most of their time.
    DROP INDEX entry_review;
    CREATE INDEX entry_review ON entry (updated DESC, id DESC, verified, deleted)
        WHERE NOT verified AND deleted IS NULL;
    """,
    # 13: Chinese anywhere in a form, read in rank order (store.early): one row for each
    # distinct character of each Chinese search key, ordered by the character, then the key's
    # rank (the entry's standing, the form's length, the fold, the entry), so that a query
    # of Chinese reads the keys holding its rarest character best first and stops at the
    # page, not sort every key holding it. Written with the keys (store.entries.reindex: in
    # Python, a trigger on search_key made an import half as slow again); a trigger keeps the
    # standing and the fold when the entry changes, as migration 10's does for search_key.
    # And search_key_rank gives way to search_key_head, the same order within each first
    # character of a key: a prefix lookup reads only the keys sharing its first character
    # ("con" reads the 10,000 English keys in c, not all 300,000, for its 1,000).
    """
    CREATE TABLE search_char (
        ch TEXT NOT NULL,
        standing INTEGER NOT NULL,
        formlen INTEGER NOT NULL,
        fold TEXT NOT NULL,
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        PRIMARY KEY (ch, standing, formlen, fold, entry_id, key)
    ) WITHOUT ROWID;
    CREATE INDEX search_char_entry ON search_char (entry_id);
    INSERT OR IGNORE INTO search_char (ch, standing, formlen, fold, entry_id, key)
        WITH RECURSIVE position (n) AS (
            SELECT 1 UNION ALL SELECT n + 1 FROM position
            WHERE n < (SELECT max(length(key)) FROM search_key WHERE type = 'hanzi'))
        SELECT substr(k.key, p.n, 1), k.standing, k.formlen, k.fold, k.entry_id, k.key
        FROM search_key k JOIN position p ON p.n <= length(k.key) WHERE k.type = 'hanzi';
    CREATE TRIGGER search_char_standing AFTER UPDATE OF status, verified, english, deleted
    ON entry BEGIN
        UPDATE search_char SET
            standing = (NEW.status = 'deprecated') * 2 + (1 - NEW.verified)
                + 4 * (NEW.deleted IS NOT NULL),
            fold = lower(NEW.english)
        WHERE entry_id = NEW.id;
    END;
    DROP INDEX search_key_rank;
    CREATE INDEX search_key_head ON search_key
        (type, substr(key, 1, 1), standing, formlen, fold, entry_id, key);
    """,
    # 14: words read in rank order (store.early): the full-text rows renumbered as words_rowid
    # numbers them (a row whose entry is gone keeps its number, for `glossary check` to find),
    # and a trigger that moves an entry's row when its standing or English changes. Built from
    # words_rowid_sql: a change to it needs a migration of its own.
    f"""
    CREATE TEMP TABLE entry_words AS SELECT rowid AS id, names, description FROM entry_fts;
    DELETE FROM entry_fts;
    INSERT INTO entry_fts (rowid, names, description)
        SELECT coalesce({words_rowid_sql("e")}, w.id), w.names, w.description
        FROM entry_words w LEFT JOIN entry e ON e.id = w.id;
    DROP TABLE temp.entry_words;
    INSERT INTO entry_fts (entry_fts) VALUES ('optimize');
    CREATE TRIGGER entry_fts_rank AFTER UPDATE OF status, verified, english, deleted
    ON entry WHEN {words_rowid_sql("OLD")} != {words_rowid_sql("NEW")} BEGIN
        INSERT INTO entry_fts (rowid, names, description)
            SELECT {words_rowid_sql("NEW")}, names, description FROM entry_fts
            WHERE rowid = {words_rowid_sql("OLD")};
        DELETE FROM entry_fts WHERE rowid = {words_rowid_sql("OLD")};
    END;
    """,
    # 15: prefix indexes of four to six letters as well. A last word typed part way ("idiom"
    # of "idiomatic") is looked for as a prefix; without an index of its length, FTS5 merges
    # the rows of every term starting so before it skips to those the other words found: at
    # 100,000 entries "deliberate violation idiom" read 0.8 ms in each index, and 0.05 with
    # it. The indexes grow by about half (24 to 38 MB for the glossary's at 100,000). The rows
    # keep their numbers; the trigger of 14 finds the new table by its name.
    """
    CREATE TEMP TABLE entry_words AS SELECT rowid AS id, names, description FROM entry_fts;
    DROP TABLE entry_fts;
    CREATE VIRTUAL TABLE entry_fts USING fts5 (
        names, description, tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3 4 5 6'
    );
    INSERT INTO entry_fts (entry_fts, rank) VALUES ('usermerge', 2);
    INSERT INTO entry_fts (rowid, names, description)
        SELECT id, names, description FROM temp.entry_words ORDER BY id;
    DROP TABLE temp.entry_words;
    INSERT INTO entry_fts (entry_fts) VALUES ('optimize');
    DROP TABLE dictionary_fts;
    CREATE VIRTUAL TABLE dictionary_fts USING fts5 (
        english, content = 'dictionary', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6'
    );
    INSERT INTO dictionary_fts (dictionary_fts, rank) VALUES ('pgsz', 500);
    INSERT INTO dictionary_fts (dictionary_fts) VALUES ('rebuild');
    INSERT INTO dictionary_fts (dictionary_fts) VALUES ('optimize');
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(database: sqlite_utils.Database) -> int:
    """Return the schema version recorded in the database."""
    return int(database.execute("PRAGMA user_version").fetchone()[0])


def migrate(database: sqlite_utils.Database) -> None:
    """Run the migrations the database has not had yet, each in its own transaction."""
    conn = database.conn
    while (version := schema_version(database)) < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if schema_version(database) == version:
                for statement in split_statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def split_statements(script: str) -> list[str]:
    """Split a migration script into complete SQL statements."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]
