"""Card identity: note keys, and matching re-parsed files against the notes the collection holds."""

from revise.identity.keys import (
    CardChanges,
    NoteCard,
    NoteMatch,
    NoteRecord,
    ParsedNote,
    SyncPlan,
    group_notes,
    normalise,
    note_key,
)
from revise.identity.matching import (
    card_changes,
    is_edit,
    plan_sync,
    shared_ids,
    similarity,
)

__all__ = [
    "CardChanges", "NoteCard", "NoteMatch", "NoteRecord", "ParsedNote", "SyncPlan", "group_notes", "normalise",
    "note_key", "card_changes", "is_edit", "plan_sync", "shared_ids", "similarity",
]
