"""What a review selection (decks, tags, paths) matches, and the names the session offers as hints."""

from __future__ import annotations

from sqlite_utils import Database

# How a review selection matches a note `n`; {v} is a value's parameter. substr, not LIKE: a deck or
# path holding _ or % means itself, and case counts.
_SELECTED_BY = {
    "deck": "(n.deck = {v} OR substr(n.deck, 1, length({v}) + 2) = {v} || '::')",
    "tag": "EXISTS (SELECT 1 FROM json_each(n.tags) WHERE value = {v})",
    "path": "(n.source = {v} OR substr(n.source, 1, length({v}) + 1) = {v} || '/')",
}


def selection_sql(
    decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> tuple[str, dict]:
    """SQL true for notes `n` in a review selection (any of the decks, and any of the tags, and any of
    the paths given), with its named parameters."""
    clauses, params = [], {}
    for kind, values in (("deck", decks), ("tag", tags), ("path", paths)):
        names = [f"{kind}{i}" for i in range(len(values))]
        if names:
            clauses.append("(" + " OR ".join(_SELECTED_BY[kind].format(v=":" + name) for name in names) + ")")
            params.update(zip(names, values))
    return " AND ".join(clauses) or "1", params


def deck_group_sql(within: str | None, without: tuple[str, ...]) -> tuple[str, dict]:
    """SQL true for notes `n` in deck `within` (and its subdecks; any deck for None) but in none of the
    decks `without` (and theirs): the decks of one daily-limit group, with its named parameters."""
    deck = _SELECTED_BY["deck"]
    clauses = [deck.format(v=":within")] if within is not None else []
    clauses += [f"NOT {deck.format(v=f':without{i}')}" for i in range(len(without))]
    params = {"within": within} if within is not None else {}
    return " AND ".join(clauses) or "1", params | {f"without{i}": d for i, d in enumerate(without)}


def has_cards(
    db: Database, *, decks: tuple[str, ...] = (), tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()
) -> bool:
    """True if a review selection holds any card of a live note (suspended or not, due or not)."""
    selected, params = selection_sql(decks, tags, paths)
    sql = f"SELECT 1 FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.retired = 0 AND c.retired = 0 AND {selected} LIMIT 1"
    return db.execute(sql, params).fetchone() is not None


def tag_names(db: Database) -> list[str]:
    """Every tag on a live note, sorted."""
    sql = "SELECT DISTINCT t.value FROM notes n, json_each(n.tags) t WHERE n.retired = 0 ORDER BY t.value"
    return [row[0] for row in db.execute(sql)]


def deck_names(db: Database) -> list[str]:
    """Every deck of a note that is not retired."""
    return [row[0] for row in db.execute("SELECT DISTINCT deck FROM notes WHERE retired = 0 ORDER BY deck")]
