"""Card text → Anki fields: Python-Markdown HTML, MathJax, clozes kept, images as media."""

from __future__ import annotations

from revise.interop.anki_export.fields import Media, field_html


def test_one_paragraph_is_its_text_and_math_becomes_mathjax_unescaped_by_markdown():
    html = field_html("Loss $-(y \\log \\hat{y}_i)$ is *small* when $a<b$", None, Media())
    assert html == "Loss \\(-(y \\log \\hat{y}_i)\\) is <em>small</em> when \\(a&lt;b\\)"


def test_display_math_in_both_spellings():
    assert field_html("$$E = mc^2$$", None, Media()) == "\\[E = mc^2\\]"
    assert field_html("\\[x_1\\] and \\(y\\)", None, Media()) == "\\[x_1\\] and \\(y\\)"


def test_code_keeps_its_dollars_and_braces():
    html = field_html("`$x$ {{c1::no}}`\n\n```\n$y$\n```", None, Media())
    assert html == "<p><code>$x$ {{c1::no}}</code></p>\n<pre><code>$y$\n</code></pre>"


def test_a_cloze_keeps_its_deletions_hints_and_markdown_inside_them():
    text = "Took off thanks to {{c1::data}}, {{c2::**compute** $x_1$::a hint}}."
    assert field_html(text, None, Media(), cloze=True) == (
        "Took off thanks to {{c1::data}}, {{c2::<strong>compute</strong> \\(x_1\\)::a hint}}.")


def test_several_blocks_stay_html_blocks():
    assert field_html("a\n\n- one\n- two", None, Media()) == "<p>a</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_local_images_become_media_named_once_per_content(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "pic.png").write_bytes(b"one")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "pic.png").write_bytes(b"two")
    media = Media()
    first = field_html("![x](a/pic.png) ![y](a/pic.png)", tmp_path, media)
    second = field_html("![z](b/pic.png)", tmp_path, media)
    assert first == '<img alt="x" src="pic.png"> <img alt="y" src="pic.png">'
    assert second.startswith('<img alt="z" src="pic-') and len(media.files) == 2


def test_missing_and_remote_images_stay_as_written(tmp_path):
    media = Media()
    html = field_html("![a](gone.png) ![b](https://example.com/b.png)", tmp_path, media)
    assert html == '<img alt="a" src="gone.png"> <img alt="b" src="https://example.com/b.png">'
    assert media.files == {}
