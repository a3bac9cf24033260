"""macros/chunks.py: the text between a page's top-level headings, wrapped for lazy rendering."""

from __future__ import annotations

import pytest

from macros.chunks import UnbalancedHTML, chunk

OPEN = '<div class="kb-chunk">'


def test_text_after_each_top_level_heading_is_wrapped_and_headings_stay_outside():
    html = (
        '<p>Intro</p>\n<h2 id="a">A</h2>\n<p>One</p>\n<h3 id="b">B</h3>\n<ul><li>Two</li></ul>\n'
        '<h2 id="c">C</h2>\n<p>Three</p>\n'
    )
    out = chunk(html)
    assert out.startswith("<p>Intro</p>\n<h2 id=\"a\">A</h2>")  # the intro, at the top, is left as it is
    assert out.count(OPEN) == 3
    assert f'<h2 id="a">A</h2>{OPEN}\n<p>One</p>\n</div>' in out
    assert f'<h3 id="b">B</h3>{OPEN}\n<ul><li>Two</li></ul>\n</div>' in out
    assert out.endswith(f'<h2 id="c">C</h2>{OPEN}\n<p>Three</p>\n</div>\n')
    assert out.replace(OPEN, "").replace("</div>\n", "") == html  # wrapped, nothing else changed
    for heading in ('<h2 id="a">', '<h3 id="b">', '<h2 id="c">'):
        before = out[: out.index(heading)]
        assert before.count(OPEN) == before.count("</div>"), f"{heading} ended up inside a chunk"


def test_headings_inside_other_elements_do_not_split_them():
    inside = '<section class="kb-faq-group"><h2 id="x">X</h2><p>In</p></section><p>After</p>'
    assert chunk(f'<h2 id="a">A</h2>{inside}') == f'<h2 id="a">A</h2>{OPEN}{inside}</div>\n'


def test_pages_without_headings_and_empty_sections_are_left_alone():
    assert chunk("<p>Only text</p>") == "<p>Only text</p>"
    assert chunk('<h2 id="a">A</h2>\n<h2 id="b">B</h2>') == '<h2 id="a">A</h2>\n<h2 id="b">B</h2>'


def test_void_and_self_closed_elements_do_not_upset_the_count():
    html = '<h2 id="a">A</h2><p>x<br>y<img src="i.svg" alt=""></p><svg><path d="M0 0"/></svg><h2 id="b">B</h2><p>z</p>'
    out = chunk(html)
    assert out.count(OPEN) == 2
    assert f'<h2 id="b">B</h2>{OPEN}<p>z</p></div>' in out


@pytest.mark.parametrize(("html", "message"), [
    ('<h2 id="a">A</h2><div><p>open</div>', "line 1, column 30: </div> does not close <p>"),
    ('<h2 id="a">A</h2><div>never closed', "<div> is never closed"),
])
def test_unbalanced_html_is_refused_with_where(html, message):
    with pytest.raises(UnbalancedHTML) as raised:
        chunk(html)
    assert message in str(raised.value)
