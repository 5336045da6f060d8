"""The review screen: a card row, counts and grades → rich renderables. Pure: no database, no keys, no clock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import SegmentLines
from rich.text import Text

from revise import scheduling
from revise.render import card_markdown, inline_text
from revise.review.checking import Comparison
from revise.review.typed_view import TypedComparison, verdict_text
from revise.scheduling import Answer

if TYPE_CHECKING:
    from revise.render.images import CardImage

MOST_DRAWN = 3  # images drawn on one side of a card (the others shown as placeholders)
CLOZE_MARK = ("**[", "]**")  # the revealed deletion: bold, and bracketed where bold does not show


def card_screen(
    row: dict,
    *,
    revealed: bool,
    previews: dict[int, Answer] | None = None,
    counts: dict[str, int],
    cram: bool = False,
    notices: list[Text] = (),
    height: int | None = None,
    typing: bool = False,
    comparison: Comparison | None = None,
    protocol: str | None = None,
) -> Fit:
    """The whole screen for a card: heading path, question, and (revealed) answer, the typed answer
    compared and grades, then messages; with `height`, cut to fit that many lines. `typing`: the
    question waits for a typed answer (drawn on the line below the screen). Images are drawn with
    `protocol` (kitty, sixel, blocks), else shown as placeholders."""
    parts: list[tuple[RenderableType, bool]] = [(heading_lines(row), False), (CountsRule(counts, cram), False)]
    rows = max(3, (height or 36) // 3)  # an image takes at most a third of the screen
    if not (revealed and row["kind"] == "cloze"):  # the revealed cloze text replaces the question
        parts += _side(row["front"], row, protocol, rows)
    if revealed:
        parts += _answer_parts(row, previews=previews, counts=counts, rule=row["kind"] != "cloze",
                               comparison=comparison, protocol=protocol, rows=rows)
    else:
        keys = _typing_keys_line() if typing else _keys_line(revealed=False)
        parts += [(Rule(style="dim"), False), (KeysLine(keys, progress_text(counts)), False)]
    parts += [(notice, False) for notice in _few(notices)]
    return Fit(parts, height)


def _few(notices: list[Text], most: int = 5) -> list[Text]:
    """The messages for a screen, at most `most` lines of them: many warnings must not push the card off."""
    if len(notices) <= most:
        return list(notices)
    return [*notices[: most - 1], Text(f"… and {len(notices) - most + 1} more messages", style="dim")]


def _answer_parts(
    row: dict, *, previews: dict[int, Answer] | None, counts: dict[str, int], rule: bool = True,
    comparison: Comparison | None = None, protocol: str | None = None, rows: int = 12,
) -> list[tuple[RenderableType, bool]]:
    """What revealing adds, as Fit parts: the answer (croppable) and its images, the typed answer
    compared, then the grade keys with their intervals."""
    compared = [(TypedComparison(comparison), False), (verdict_text(comparison), False)] if comparison else []
    return [
        *([(Rule(style="dim"), False)] if rule else []),
        *_side(answer_text(row), row, protocol, rows),
        (Rule(style="dim"), False),
        *compared,
        (grade_line(previews), False),
        (KeysLine(_keys_line(revealed=True, accept=comparison is not None), progress_text(counts)), False),
    ]


def answer_part(row: dict, *, previews: dict[int, Answer] | None, counts: dict[str, int], rule: bool = True,
                comparison: Comparison | None = None) -> Group:
    """What revealing adds: the answer, the typed answer compared, then the grade keys with their intervals."""
    parts = _answer_parts(row, previews=previews, counts=counts, rule=rule, comparison=comparison)
    return Group(*(part for part, _ in parts))


def _keys_line(*, revealed: bool, accept: bool = False) -> Wrapped:
    """`Space reveal · u undo · … · q quit`, wrapped between keys on a narrow terminal."""
    first = ["Enter accept"] if accept else [] if revealed else ["Space reveal"]
    keys = first + ["u undo", "b bury", "s suspend", "e edit", "q quit"]
    return Wrapped([Text(key, style="dim") for key in keys], " · ")


def _typing_keys_line() -> Wrapped:
    """While an answer is typed, letters are the answer's: only these keys do something else."""
    keys = ["Enter check", "Esc reveal without typing", "Ctrl-C quit"]
    return Wrapped([Text(key, style="dim") for key in keys], " · ")


def heading_lines(row: dict) -> Text:
    """The deck, then the heading path on a line of its own."""
    lines = _styled(inline_text(row["deck"]), "bold cyan")
    headings = json.loads(row["headings"] or "[]")
    if headings and _same_title(row["deck"].split("::")[-1], headings[0]):
        headings = headings[1:]  # the top heading is the deck's title: do not say it twice
    for i, heading in enumerate(headings):
        lines.append("\n" if i == 0 else " › ", style="dim")
        lines.append_text(_styled(inline_text(heading), "dim"))
    lines.end = "\n"
    return lines


def _same_title(deck: str, heading: str) -> bool:
    """True if a heading repeats the deck's name (`2 Improving …` vs `Improving …: more`)."""
    deck, heading = deck.lstrip("0123456789 ._-").lower(), heading.lower()
    return bool(deck) and heading.startswith(deck) and not heading[len(deck):][:1].isalnum()


def _styled(text: Text, style: str) -> Text:
    text = text.copy()
    text.stylize(style)
    return text


def _side(text: str, row: dict, protocol: str | None, rows: int) -> list[tuple[RenderableType, bool]]:
    """One side as Fit parts: its Markdown (croppable), then each of its images (drawn or a
    placeholder; never cut), which resolve next to the card's file (else by name in its vault)."""
    from revise.render.images import ImageBlock

    images = _images(text, row)
    marks = "numbered" if len(images) > 1 else "mark" if images else "links"
    drawn = images[:MOST_DRAWN]  # more would push the keys off: the others are placeholders
    return [(card_markdown(text, _folder(row), marks), True), *(
        (ImageBlock(image, protocol if image in drawn else None, max(3, rows // len(drawn)),
                    number=i if len(images) > 1 else None), False) for i, image in enumerate(images, 1))]


def _folder(row: dict) -> Path | None:
    return Path(row["source"]).parent if row["source"] else None


def _images(text: str, row: dict) -> list[CardImage]:
    """The images of one side: next to the card's note, else by name in its vault or imported folder."""
    from revise.render.attachments import search_folder
    from revise.render.images import card_images

    if "![" not in text:  # most cards: no image, no folder to look at
        return []
    root = search_folder(Path(row["source"]), row.get("source_root")) if row["source"] else None
    return card_images(text, _folder(row), root)


def shown_images(row: dict, *, revealed: bool) -> list[CardImage]:
    """The images on the card's screen, once each: the question's, and (revealed) the answer's."""
    texts = [row["front"], answer_text(row)] if revealed else [row["front"]]
    found = {image.path or image.source: image for text in texts for image in _images(text, row)}
    return list(found.values())


def answer_text(row: dict) -> str:
    """The answer as Markdown: a cloze's full text with the deletion marked, else the back."""
    if row["kind"] == "cloze":
        from revise.notes import cloze_back

        return cloze_back(row["note_text"], row["ord"], mark=CLOZE_MARK)
    return row["back"]


def grade_line(previews: dict[int, Answer] | None) -> Wrapped:
    """`1 Again 1m   2 Hard 6m   3 Good 10m   4 Easy 8d` (no intervals when cramming)."""
    styles = {1: "bold red", 2: "bold yellow", 3: "bold green", 4: "bold blue"}
    grades = []
    for rating, name in scheduling.RATINGS.items():
        grade = Text(f"{rating} {name}", style=styles[rating])
        if previews:
            grade.append(f" {scheduling.format_interval(previews[rating].interval)}")
        grades.append(grade)
    return Wrapped(grades, "   ")


def progress_text(counts: dict[str, int]) -> Text:
    """`2 done · 18 left` (cards left include the current one and learning cards coming back)."""
    return Text(f"{counts['done']} done · {counts['left']} left", style="dim")


def counts_text(counts: dict[str, int], cram: bool = False, form: int = 0) -> Text:
    """`new 3 · learning 1 · review 12` (`cram · 5 left` when cramming); narrower forms 1 and 2:
    `new 3 · lrn 1 · rev 12`, `n3 l1 r12`."""
    if cram:
        return Text(f"cram · {counts['left']} left", style="dim")
    names = [("new", "learning", "review"), ("new ", "lrn ", "rev "), ("n", "l", "r")][form]
    text = Text()
    for i, (key, name, style) in enumerate(zip(("new", "learning", "review"), names, ("blue", "red", "green"))):
        text.append((" " if form == 2 else " · ") if i else "", style="dim")
        text.append(f"{name}{'' if form else ' '}{counts[key]}", style=style)
    return text


class CountsRule:
    """The rule under the heading with the counts at its right, in the longest form that fits."""

    def __init__(self, counts: dict[str, int], cram: bool) -> None:
        self.counts, self.cram = counts, cram

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Rule]:
        forms = [counts_text(self.counts, self.cram, form) for form in range(1 if self.cram else 3)]
        fitting = [text for text in forms if text.cell_len + 4 <= options.max_width]
        yield Rule(fitting[0] if fitting else forms[-1], align="right", style="dim")


class Fit:
    """Parts of a screen one under another; when `height` is given, the `crop` ones (question, answer)
    are cut with a `… N more lines` line so that the whole fits: a card taller than the terminal keeps
    its heading, question and keys on screen instead of scrolling them off the top."""

    def __init__(self, parts: list[tuple[RenderableType, bool]], height: int | None = None) -> None:
        self.parts, self.height = parts, height

    def __rich_console__(self, console: Console, options: Any) -> Iterator[RenderableType]:
        if self.height is None:
            yield from (part for part, _ in self.parts)
            return
        rendered = [(console.render_lines(part, options, pad=False), crop) for part, crop in self.parts]
        fixed = sum(len(lines) for lines, crop in rendered if not crop)
        rooms = iter(share_lines(self.height - fixed, [len(lines) for lines, crop in rendered if crop]))
        for lines, crop in rendered:
            room = next(rooms) if crop else len(lines)
            if len(lines) > room:
                hidden = len(lines) - room + 1  # the … line takes the place of one
                more = Text(f"… {hidden} more line{'s' * (hidden > 1)} (a taller window shows them; e opens the file)",
                            style="dim", no_wrap=True, overflow="ellipsis")
                lines = lines[: room - 1] + console.render_lines(more, options, pad=False)
            yield SegmentLines(lines, new_lines=True)


def share_lines(room: int, sizes: list[int]) -> list[int]:
    """How many lines each croppable part may keep so they take at most `room`: small parts keep all
    theirs, the rest share what is left evenly (at least one line each; no cut at all when there is
    not even that)."""
    if sum(sizes) <= room or room < len(sizes):
        return sizes
    shares, left = [0] * len(sizes), room
    for i in sorted(range(len(sizes)), key=lambda i: sizes[i]):  # the smallest first
        waiting = sum(1 for share in shares if share == 0)
        shares[i] = min(sizes[i], max(1, left // waiting))
        left -= shares[i]
    return shares


class KeysLine:
    """The keys at the left and the progress at the right; when narrow, the keys wrap between keys
    beside the progress, which stays on their last line, or across the width with the progress under
    them, whichever takes fewer lines."""

    def __init__(self, keys: Wrapped, progress: Text) -> None:
        self.keys, self.progress = keys, progress

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Text]:
        width, right = options.max_width, self.progress.cell_len
        beside = self.keys.lines(width - right - 1)
        under = self.keys.lines(width)
        if under[-1].cell_len + 1 + right > width:
            under.append(Text())
        too_wide = max(line.cell_len for line in beside) > width - right - 1  # a key alone is wider
        lines = under if too_wide or len(under) < len(beside) else beside
        lines[-1].append(" " * (width - lines[-1].cell_len - right))
        lines[-1].append_text(self.progress)
        yield from lines


class Wrapped:
    """Items in a row with `sep` between them, wrapped only between items: at 40 columns `4 Easy 10d`
    moves to the next line whole instead of leaving its interval behind."""

    def __init__(self, items: list[Text], sep: str) -> None:
        self.items, self.sep = items, sep

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Text]:
        yield from self.lines(options.max_width)

    def lines(self, width: int) -> list[Text]:
        """The items laid out in lines of at most `width` cells (an item wider than that alone)."""
        lines = [Text()]
        for item in self.items:
            if lines[-1] and lines[-1].cell_len + len(self.sep) + item.cell_len > width:
                lines.append(Text())
            if lines[-1]:
                lines[-1].append(self.sep, style="dim")
            lines[-1].append_text(item)
        return lines

    def __rich_measure__(self, console: Console, options: Any) -> Measurement:
        widths = [item.cell_len for item in self.items]
        return Measurement(max(widths), sum(widths) + len(self.sep) * (len(widths) - 1))
