"""The SQLite collection: opening and migrating it, and every SQL read and write."""

from revise.collection.database import (  # noqa: F401
    default_collection_path,
    open_collection,
    add_missing_functions,
    sql_pow,
    sqlite_problem,
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
from revise.collection.cards import (  # noqa: F401
    active_card_counts,
    list_cards,
    card_json,
    deck_counts,
)
from revise.collection.selection import (  # noqa: F401
    has_cards,
    tag_names,
    deck_names,
)
from revise.collection.reviews import (  # noqa: F401
    review_cards,
    due_cards,
    new_cards,
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
from revise.collection.stats import (  # noqa: F401
    StatsQuery,
    StatsRows,
    read_stats,
    stats_reader,
)
from revise.collection.card_info import (  # noqa: F401
    open_read_only,
    card_row,
    card_reviews,
)
from revise.collection.export import (  # noqa: F401
    export_notes,
    reviews_of,
)
