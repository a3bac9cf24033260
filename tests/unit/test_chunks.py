"""macros/chunks.py: the text between a page's top-level headings, wrapped for lazy rendering."""

from __future__ import annotations

import re

import pytest

from macros.chunks import PHONE_COLUMN, WIDE_COLUMN, UnbalancedHTML, chunk, estimate_height

OPEN = '<div class="kb-chunk">'
_SIZED = re.compile(r'<div class="kb-chunk" style="--kb-phone:(\d+)em;--kb-wide:(\d+)em">')


def _chunk(html: str) -> str:
    """chunk(html), each chunk's opening tag without its height estimates (tested below)."""
    out = chunk(html)
    assert out.count('<div class="kb-chunk"') == len(_SIZED.findall(out)), "a chunk without estimates"
    return _SIZED.sub(OPEN, out)


def test_text_after_each_top_level_heading_is_wrapped_and_headings_stay_outside():
    html = (
        '<p>Intro</p>\n<h2 id="a">A</h2>\n<p>One</p>\n<h3 id="b">B</h3>\n<ul><li>Two</li></ul>\n'
        '<h2 id="c">C</h2>\n<p>Three</p>\n'
    )
    out = _chunk(html)
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
    assert _chunk(f'<h2 id="a">A</h2>{inside}') == f'<h2 id="a">A</h2>{OPEN}{inside}</div>\n'


def test_pages_without_headings_and_empty_sections_are_left_alone():
    assert _chunk("<p>Only text</p>") == "<p>Only text</p>"
    assert _chunk('<h2 id="a">A</h2>\n<h2 id="b">B</h2>') == '<h2 id="a">A</h2>\n<h2 id="b">B</h2>'


def test_void_and_self_closed_elements_do_not_upset_the_count():
    html = '<h2 id="a">A</h2><p>x<br>y<img src="i.svg" alt=""></p><svg><path d="M0 0"/></svg><h2 id="b">B</h2><p>z</p>'
    out = _chunk(html)
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


def test_each_chunk_carries_its_own_estimates_phone_taller_than_wide():
    short, long = "<p>One line.</p>", "<p>" + "A sentence of ordinary length. " * 40 + "</p>"
    out = chunk(f'<h2 id="a">A</h2>{short}<h2 id="b">B</h2>{long}')
    (short_phone, short_wide), (long_phone, long_wide) = [tuple(map(int, m)) for m in _SIZED.findall(out)]
    assert long_phone > short_phone and long_wide > short_wide
    assert long_phone > long_wide  # the same text wraps onto more lines in a phone's column


def _lines(html: str) -> float:
    """Estimated height in lines of body text (1.6 em each) on a phone."""
    return estimate_height(html, PHONE_COLUMN) / 1.6


def test_text_is_measured_in_lines_that_grow_with_its_length():
    words = "word " * 60  # 300 letters: about 9 lines in a 328 px column, then the paragraph's margin
    assert 8 <= _lines(f"<p>{words}</p>") <= 12
    assert _lines(f"<p>{words * 2}</p>") > _lines(f"<p>{words}</p>") * 1.7
    assert estimate_height(f"<p>{words}</p>", WIDE_COLUMN) < estimate_height(f"<p>{words}</p>", PHONE_COLUMN)


def test_what_is_not_drawn_adds_no_height():
    words = "word " * 60
    bare = estimate_height("<p>Summary</p>", PHONE_COLUMN)
    closed = estimate_height(f"<details><summary>Summary</summary><p>{words * 5}</p></details>", PHONE_COLUMN)
    opened = estimate_height(f"<details open><summary>Summary</summary><p>{words * 5}</p></details>", PHONE_COLUMN)
    assert closed < bare + 5 < opened
    assert estimate_height(f'<p>x<span class="kb-sr-only">{words * 5}</span></p>', PHONE_COLUMN) == estimate_height(
        "<p>x</p>", PHONE_COLUMN)
    assert estimate_height(f"<p hidden>{words}</p>", PHONE_COLUMN) == 0
    # and what follows it is measured as if it were not there (no indent left behind)
    text = f"<p>{words * 3}</p>"
    assert estimate_height(f"<p hidden>x</p>{text}", PHONE_COLUMN) == estimate_height(text, PHONE_COLUMN)
    summary_only = estimate_height("<details><summary>Summary</summary><p>x</p></details>", PHONE_COLUMN)
    after_details = estimate_height(f"<details><summary>Summary</summary><p>x</p></details>{text}", PHONE_COLUMN)
    assert after_details <= summary_only + estimate_height(text, PHONE_COLUMN)
    assert estimate_height("\n  \n", PHONE_COLUMN) == 0


def test_diagrams_are_as_tall_as_their_view_box_at_their_drawn_width():
    svg = '<svg viewBox="0 0 800 400"><text>{}</text></svg>'.format("label " * 50)
    # drawn at least 560 px (35 em) wide, so at least 17.5 em tall: its labels add nothing
    assert 17.5 <= estimate_height(svg, PHONE_COLUMN) <= 17.5 * 1.1 + 2


def test_a_data_table_is_cards_on_a_phone_and_a_plain_table_is_rows():
    cells = "".join(f"<td>{'answer ' * 8}</td>" for _ in range(4))
    rows = f"<tbody>{'<tr><th>Question</th>' + cells + '</tr>'}</tbody>" * 3
    cards = estimate_height(f'<table class="kb-data">{rows}</table>', PHONE_COLUMN)
    plain = estimate_height(f"<table>{rows}</table>", PHONE_COLUMN)
    assert cards > plain * 2  # each answer stacked under its label, rather than side by side
