"""Write a realistic folder of course notes for benchmarks: every card syntax amid prose.

    python bench/generate_notes.py OUT_DIR [--files 1000] [--cards 100000] [--seed 0]

Each file is a lecture summary: front matter (YAML, TOML or none), nested headings, prose,
nested lists, tables, images, code blocks and math, with cards of every syntax of DESIGN.md §3
mixed in. `revise.notes.parse` finds exactly `cards` cards in the folder (the test suite checks a
small corpus); every card's text is unique, so none is merged with another.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "gradient loss weight bias layer network activation softmax entropy batch epoch optimizer "
    "momentum variance estimate sample feature kernel stride padding pooling attention token "
    "embedding vector matrix tensor convex minimum saddle point regularisation dropout noise "
    "signal inference posterior prior likelihood evidence model parameter update rule step "
    "decay schedule warmup curve error residual skip block encoder decoder sequence memory"
).split()
TOPICS = (
    "Sigmoid Tanh ReLU Softmax Adam RMSprop Dropout BatchNorm LayerNorm Attention Transformer "
    "Backpropagation Convolution Pooling Embedding Tokeniser Perceptron Autoencoder GAN VAE "
    "Regularisation Momentum Nesterov Adagrad Entropy KL-divergence Bayes MLE MAP Kernel SVM"
).split()


def _sentence(rng: random.Random, words: int = 12) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _prose(rng: random.Random) -> str:
    sentences = [_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.4:
        sentences.insert(1, "The update is $w_{t+1} = w_t - \\eta \\nabla L(w_t)$ for a step.")
    if rng.random() < 0.2:
        sentences.append("See <sup>1</sup> and `a::b` in `config.py`, or https://example.org/a::b.")
    return " ".join(sentences)


def _context_block(rng: random.Random) -> str:
    """Prose, tables, code, math or nested lists: context that never makes a card."""
    kind = rng.randrange(6)
    if kind == 0:
        return "| term | meaning |\n|---|---|\n" + "\n".join(
            f"| {rng.choice(TOPICS)} | {_sentence(rng, 5)} |" for _ in range(rng.randint(2, 5))
        )
    if kind == 1:
        return "```python\ndef step(w, g, lr=0.1):\n    # a :: b is not a card here\n" \
               "    return w - lr * g  # {{c1::no}}\n```"
    if kind == 2:
        return "$$\n\\sigma(z) = \\frac{1}{1 + e^{-z}} \\quad a :: b\n$$"
    if kind == 3:
        return f"![diagram of {rng.choice(TOPICS)}](img/{rng.randrange(100)}.png)\n\n{_prose(rng)}"
    if kind == 4:
        return "\n".join(
            f"{'  ' * depth}- {_sentence(rng, rng.randint(4, 10))}"
            for depth in (0, 1, 2, 1, 0, 1)
        )
    return _prose(rng)


class _Cards:
    """Makes card blocks whose texts are unique within the corpus."""

    def __init__(self, rng: random.Random, file_no: int) -> None:
        self.rng = rng
        self.file_no = file_no
        self.serial = 0

    def uid(self) -> str:
        self.serial += 1
        return f"{self.rng.choice(TOPICS)} ({self.file_no}.{self.serial})"

    def block(self, room: int) -> tuple[int, str]:
        """One inline card block of at most `room` cards: (count, Markdown)."""
        makers = [self.single, self.bold_bullets, self.multiline, self.definition, self.highlight]
        if room >= 2:
            makers += [self.reversed, self.cloze, self.multiline_reversed]
        return self.rng.choice(makers)()

    def single(self) -> tuple[int, str]:
        return 1, f"{self.uid()} :: {_sentence(self.rng, 8)}"

    def reversed(self) -> tuple[int, str]:
        return 2, f"{self.uid()} ::: {_sentence(self.rng, 6)}"

    def bold_bullets(self) -> tuple[int, str]:
        sep = self.rng.choice([":", " —", " –", " -"])
        return 1, (
            f"- **{self.uid()}**{sep} {_sentence(self.rng, 10)}\n"
            f"  - {_sentence(self.rng, 6)}\n    - with $x^2$ and `code`"
        )

    def multiline(self) -> tuple[int, str]:
        return 1, f"What does {self.uid()} do?\n?\n{_sentence(self.rng)}\n{_sentence(self.rng)}"

    def multiline_reversed(self) -> tuple[int, str]:
        return 2, f"{self.uid()}\n??\n{_sentence(self.rng)}"

    def definition(self) -> tuple[int, str]:
        return 1, f"{self.uid()}\n: {_sentence(self.rng, 9)}"

    def cloze(self) -> tuple[int, str]:
        return 2, (
            f"The {{{{c1::{self.uid()}}}}} keeps a running {{{{c2::average::statistic}}}} "
            f"of the {{{{c1::$g^2$}}}} terms. {_sentence(self.rng, 6)}"
        )

    def highlight(self) -> tuple[int, str]:
        return 1, f"{_sentence(self.rng, 6)} What matters is =={self.uid()}==."

    def hashcards(self, room: int) -> tuple[int, str]:
        """A `Q:`/`A:` or `C:` block (put last in a section: its answer runs to the next heading)."""
        if room >= 2 and self.rng.random() < 0.3:
            return 2, f"C: The [{self.uid()}] squashes z into [(0, 1)] ![](s.png)."
        return 1, f"Q: What is {self.uid()}?\nA: {_sentence(self.rng)}\n\n{_sentence(self.rng)}"


def _front_matter(rng: random.Random, course: int, file_no: int) -> str:
    roll = rng.random()
    if roll < 0.5:
        return f"---\ndeck: Course {course}::Lecture {file_no}\ntags: [ml, week{file_no % 12}]\n---\n"
    if roll < 0.6:
        return f'---\nname = "Course {course} lecture {file_no}"\n---\n'
    if roll < 0.7:
        return '+++\ntags = ["ml"]\n+++\n'
    return ""


def _note(rng: random.Random, course: int, file_no: int, target: int) -> str:
    cards = _Cards(rng, file_no)
    parts = [_front_matter(rng, course, file_no) + f"# Lecture {file_no}: {rng.choice(TOPICS)}"]
    made = 0
    while made < target:
        parts.append(f"## {rng.choice(TOPICS)} #ml")
        for _ in range(rng.randint(2, 4)):
            parts.append(_context_block(rng))
            if made < target:
                count, block = cards.block(target - made)
                made += count
                parts.append(block)
        parts.append(f"### [{rng.choice(TOPICS)}](https://example.org/{made}) review")
        if made < target:
            count, block = cards.hashcards(target - made)
            made += count
            parts.append(block)
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, files: int = 1000, cards: int = 100_000, seed: int = 0) -> None:
    """Write `files` Markdown notes holding `cards` cards in total under `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for file_no in range(files):
        course = file_no // 50
        target = cards // files + (1 if file_no < cards % files else 0)
        path = folder / f"course-{course:02d}" / f"lecture-{file_no:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_note(rng, course, file_no, target), encoding="utf-8")


def main() -> None:
    """Command-line entry: write the corpus to the given folder."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("folder", type=Path)
    args.add_argument("--files", type=int, default=1000)
    args.add_argument("--cards", type=int, default=100_000)
    args.add_argument("--seed", type=int, default=0)
    ns = args.parse_args()
    generate(ns.folder, ns.files, ns.cards, ns.seed)


if __name__ == "__main__":
    main()
