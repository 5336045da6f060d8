"""Tests for revise.render.markdown: card text → rich Markdown for the terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from revise.render.markdown import card_markdown, inline_text


def _printed(text: str, base_dir: Path | None, **console_options: Any) -> str:
    """What a console made with `console_options` receives for card text."""
    console = Console(file=io.StringIO(), **console_options)
    console.print(card_markdown(text, base_dir=base_dir))
    return console.file.getvalue()  # type: ignore[attr-defined]


def render(text: str, width: int = 80, base_dir: Path | None = None) -> str:
    """Card text as a plain terminal shows it, trailing padding removed."""
    output = _printed(text, base_dir, width=width, color_system=None, force_terminal=False)
    return "\n".join(line.rstrip() for line in output.splitlines()).strip("\n")


def colour_output(text: str, base_dir: Path | None = None) -> str:
    """Card text as a colour terminal receives it, rich's own escape codes included."""
    return _printed(text, base_dir, width=80, color_system="truecolor", force_terminal=True)


def test_sigmoid_card() -> None:
    text = r"The sigmoid $\sigma(z) = \frac{1}{1+e^{-z}}$ squashes $z$ into $(0, 1)$."
    assert render(text) == "The sigmoid σ(z) = 1/(1+e⁻ᶻ) squashes z into (0, 1)."


def test_every_math_delimiter() -> None:
    text = "Inline \\(y_i\\) and \\[x^2\\] and $a^2$.\n\n$$\nJ = \\frac{1}{m}\\sum_{i=1}^m L\n$$"
    assert render(text) == "Inline yᵢ and x² and a².\n\nJ = (1/m)∑ᵢ₌₁ᵐ L"


def test_math_output_is_not_read_as_markdown() -> None:
    # x_(dW) and y_(dW) would otherwise become emphasis between the underscores.
    assert render(r"$x_{dW} + y_{dW} * z * w$") == "x_(dW) + y_(dW) * z * w"


def test_dollar_amounts_stay_prose() -> None:
    text = "It costs $5 and $10, or \\$20 with $x$ and $ y $."
    assert render(text) == "It costs $5 and $10, or $20 with x and $ y $."


def test_code_is_not_converted() -> None:
    text = "Inline `$x^2$` stays.\n\n```python\nprice = '$x^2$'\n```\n\nAfter $x^2$."
    lines = [line.strip() for line in render(text).splitlines()]
    assert lines == ["Inline $x^2$ stays.", "", "", "price = '$x^2$'", "", "", "After x²."]


def test_indented_code_is_not_converted() -> None:
    assert "$z$ indented" in render("Before.\n\n    $z$ indented\n\nAfter.")


def test_control_characters_are_inert() -> None:
    text = "ESC \x1b[31mred\x1b[0m bell\x07 csi\x9b del\x7f nul\x00"
    output = render(text)
    assert output == "ESC ␛[31mred␛[0m bell␇ csi<9B> del␡ nul␀"


def test_no_escape_from_the_card_reaches_a_colour_terminal() -> None:
    output = colour_output("**bold** \x1b]0;pwned\x07 \x1b[2J \x9b2J ![i](a.png)")
    # Take out what rich itself writes (colour and hyperlinks); nothing else may remain.
    own_codes = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", output)
    assert "\x1b" not in own_codes and "\x9b" not in own_codes and "\x07" not in own_codes
    assert "␛]0;pwned␇" in own_codes


def test_image_becomes_a_line_with_a_link(tmp_path: Path) -> None:
    text = "See ![the sigmoid curve](img/sigmoid.png) here."
    assert render(text) == "See 🖼 the sigmoid curve (img/sigmoid.png) here."
    output = colour_output(text, base_dir=tmp_path)
    assert "\x1b]8;id=" in output
    assert (tmp_path / "img" / "sigmoid.png").as_uri() in output


def test_image_with_web_address() -> None:
    assert render("![](https://example.com/a.png)") == "🖼 (https://example.com/a.png)"


def test_table() -> None:
    text = "| activation | range |\n|---|---|\n| sigmoid | $(0, 1)$ |\n| tanh | $(-1, 1)$ |"
    lines = [line.strip() for line in render(text).splitlines()]
    assert lines[0].split() == ["activation", "range"]
    assert lines[2].split() == ["sigmoid", "(0,", "1)"]
    assert lines[3].split() == ["tanh", "(-1,", "1)"]


def test_cloze_placeholders_stay_visible() -> None:
    assert render("The [...] squashes z into […], a [range].") == (
        "The [...] squashes z into […], a [range]."
    )


def test_rich_markup_is_not_interpreted() -> None:
    assert render("[bold]not bold[/bold]") == "[bold]not bold[/bold]"


def test_narrow_terminal_wraps() -> None:
    text = "- a list item with $\\alpha_1$ and " + "words " * 20 + "\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    output = render(text, width=40)
    assert all(len(line) <= 40 for line in output.splitlines())
    assert "α₁" in output


def test_inline_text_is_safe() -> None:
    text = inline_text("ML::Deep \x1b[2J [bold]x[/bold]\n$\\sigma$")
    assert text.plain == "ML::Deep ␛[2J [bold]x[/bold] σ"
    assert not text.spans


def test_inline_text_keeps_dollar_amounts() -> None:
    assert inline_text("Budget $5 to $10, \\$x\\$").plain == "Budget $5 to $10, $x$"


def test_cloze_at_line_start_is_not_a_link_definition() -> None:
    # "[…]: text" is a link reference definition to Markdown, which would hide the line.
    assert render("[…]: squashes z into (0, 1)\n\n- [hint]: x") == (
        "[…]: squashes z into (0, 1)\n\n • [hint]: x"
    )


def test_image_path_with_spaces_links_to_the_file(tmp_path: Path) -> None:
    output = colour_output("![](<my plot.png>)", base_dir=tmp_path)
    assert (tmp_path / "my plot.png").as_uri() in output
    assert "my plot.png" in render("![](<my plot.png>)")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"ab z1{}[]()^_\\$`*|&#!-\n\t\x1b\x9b\x07\x00", r"\frac", r"\sqrt", r"\left", r"\right",
             "$$", "```\n", "![a](b)", r"\begin{aligned}", r"\end{aligned}", r"\[", r"\]", r"\(", r"\)"]
        ),
        max_size=40,
    ).map("".join)
)
def test_any_text_renders_without_raw_controls(text: str) -> None:
    output = render(text, width=30) + inline_text(text).plain
    assert not set(output) & {"\x1b", "\x9b", "\x07", "\x00"}



def test_obsidian_image_embeds_are_images_and_note_embeds_stay_as_written() -> None:
    assert render("The map ![[maps/france.png|300]] and ![[flag.png|the flag]]") == (
        "The map 🖼 (maps/france.png) and 🖼 the flag (flag.png)")
    assert render("See ![[Other note]] and ![[slides.pdf]]") == "See ![[Other note]] and ![[slides.pdf]]"
    assert render("`![[a.png]]` as code") == "![[a.png]] as code"
