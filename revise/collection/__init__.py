"""The SQLite collection: opening and migrating it, and every SQL read and write."""

from revise.collection.database import (  # noqa: F401
    default_collection_path,
    open_collection,
    is_missing_or_empty,
    read_only_connection,
    add_missing_functions,
    sql_pow,
    sqlite_problem,
    writing,
)
from revise.collection.sync import (  # noqa: F401
    source_rows,
    save_sources,
    save_card_counts,
    forget_sources,
    note_records,
    explicit_id_places,
    apply_sync_plan,
    holds_notes,
    insert_notes,
    indexes_deferred,
)
from revise.collection.sources import (  # noqa: F401
    source_roots,
    source_files,
    save_origin,
    forget_origin,
)
from revise.collection.cards import (  # noqa: F401
    active_card_counts,
    list_cards,
    card_json,
    CARD_STATES,
)
from revise.collection.decks import (  # noqa: F401
    deck_counts,
    deck_tree,
)
from revise.collection.selection import (  # noqa: F401
    has_cards,
    tag_names,
    deck_names,
)
from revise.collection.reviews import (  # noqa: F401
    review_cards,
    review_card,
    missing_card_ids,
    new_cards_answered_between,
    answers_between,
    save_answer,
    undo_answer,
    set_schedule,
    sibling_cards,
    count_due_before,
    new_cards_by_deck,
    count_new_cards,
)
from revise.collection.queue import (  # noqa: F401
    due_learning_cards,
    lowest_recall_reviews,
    count_due_reviews,
    new_cards,
)
from revise.collection.stats import (  # noqa: F401
    StatsQuery,
    StatsRows,
    read_stats,
    stats_reader,
)
from revise.collection.history import (  # noqa: F401
    cards_by_explicit_id,
    attach_history,
)
from revise.collection.card_info import (  # noqa: F401
    card_row,
    card_reviews,
)
from revise.collection.export import (  # noqa: F401
    export_notes,
    reviews_of,
)

# Backups, restore and doctor are loaded when first used: reading commands, the most frequent, need none of them.
_LAZY = {"graphs": ("GraphsQuery", "GraphsRows", "first_answer", "read_graphs"),
         "backups": ("Backup", "backups_dir", "daily_backup", "list_backups", "make_backup"),
         "restore": ("check_collection_file", "restore_collection"),
         "doctor": ("Problem", "diagnose", "pending_steps", "repair")}


def __getattr__(name: str):
    """The lazily loaded names above, imported from their module on first use (PEP 562)."""
    import importlib

    for module, names in _LAZY.items():
        if name in names:
            return getattr(importlib.import_module(f"revise.collection.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
