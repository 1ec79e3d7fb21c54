"""Every read and write of the database: the only place with SQL.

common: vocabularies, time, transactions; entries: entries and their parts; finding: browse and
search; history: revisions, conflicts, delete, review; accounts: accounts, tokens, login failures;
dictionary: the base dictionary (CC-CEDICT), a read-only collection beside the glossary.
"""

from glossary.store.accounts import (
    account_by_id,
    account_by_name,
    account_for_token,
    accounts,
    count_login_failures,
    forget_login_failures,
    insert_account,
    insert_token,
    record_login_failure,
    revoke_tokens,
    set_account,
)
from glossary.store.common import KINDS, STATUSES, now, transaction
from glossary.store.dictionary import COLLECTION as DICTIONARY
from glossary.store.dictionary import dictionary_info, find_in_dictionary, get_dictionary_entry
from glossary.store.entries import (
    count_entries,
    counts_by_kind,
    entries_with_characters,
    featured,
    get_entry,
    import_state,
    insert_entry,
    refresh_search_keys,
    reindex,
    set_affiliations,
    set_related,
    update_entry,
)
from glossary.store.finding import browse, find
from glossary.store.history import (
    Conflict,
    NotFound,
    create_entry,
    edit_entry,
    entry_names,
    recent_changes,
    record_revision,
    revert_entry,
    review_queue,
    revise_from_import,
    revision_snapshot,
    revisions,
    set_deleted,
    snapshot,
    verify_entry,
)
from glossary.store.loading import DictionaryRow, dictionary_order, replace_dictionary, stage_rows
from glossary.store.ranking import CAP as COUNT_CAP

__all__ = [
    "KINDS",
    "STATUSES",
    "COUNT_CAP",
    "DICTIONARY",
    "Conflict",
    "DictionaryRow",
    "NotFound",
    "account_by_id",
    "account_by_name",
    "account_for_token",
    "accounts",
    "browse",
    "count_entries",
    "count_login_failures",
    "counts_by_kind",
    "create_entry",
    "dictionary_info",
    "dictionary_order",
    "edit_entry",
    "entries_with_characters",
    "entry_names",
    "featured",
    "find",
    "find_in_dictionary",
    "forget_login_failures",
    "get_dictionary_entry",
    "get_entry",
    "import_state",
    "insert_account",
    "insert_entry",
    "insert_token",
    "now",
    "recent_changes",
    "record_login_failure",
    "record_revision",
    "refresh_search_keys",
    "reindex",
    "replace_dictionary",
    "revert_entry",
    "review_queue",
    "revise_from_import",
    "revision_snapshot",
    "revisions",
    "revoke_tokens",
    "set_account",
    "set_affiliations",
    "set_deleted",
    "set_related",
    "snapshot",
    "stage_rows",
    "transaction",
    "update_entry",
    "verify_entry",
]
