"""Anki's HTML fields → Markdown."""

from __future__ import annotations

import pytest

from revise.interop.html import html_to_markdown

CASES = [
    ("<b>bold</b> and <i>it</i>", "**bold** and *it*"),
    ("one<br>two", "one\\\ntwo"),
    ("<div>a</div><div>b</div>", "a\n\nb"),
    ("<ul><li>x</li><li>y</li></ul>", "- x\n- y"),
    ("<ol><li>x</li></ol>", "1. x"),
    ("<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>", "| a | b |\n| --- | --- |\n| 1 | 2 |"),
    ("<pre><code>x = 1</code></pre>", "```\nx = 1\n```"),
    ("\\(x_1 &lt; y^2\\) and \\[a*b\\]", "\\(x_1 < y^2\\) and \\[a*b\\]"),
    ("[$]1_A \\circ f[/$] and [$$]x^2[/$$]", "$1_A \\circ f$ and $$x^2$$"),
    ("[sound:my word.mp3]", "[🔊 my word.mp3](media/my%20word.mp3)"),
    ('<img src="a/b.png">', "![](media/a_b.png)"),
    ('<img src="https://x.y/p.png" alt="p">', "![p](https://x.y/p.png)"),
    ("text<br>", "text"),
    ("a<script>alert(1)</script>b<style>p{}</style>", "ab"),
    ("{{c1::Paris::city}} &amp; co", "{{c1::Paris::city}} & co"),
]


@pytest.mark.parametrize(("field", "markdown"), CASES)
def test_fields(field, markdown):
    assert html_to_markdown(field, lambda name: name.replace("/", "_")) == markdown
