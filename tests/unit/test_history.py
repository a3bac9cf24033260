"""Change history and "cite this": the loader refuses a change that could not be true (a
page that does not exist, a date that has not happened), and the renderers show the data
escaped, newest first, with citations that point at the right address."""

from __future__ import annotations

import re
from datetime import date

import pytest

from macros import rendering
from macros.loading import load

from .conftest import VALID, line_of, problems
from .test_rendering import Tree

CHANGES = """\
changes:
  - date: 2026-02-01
    page: /about/
    summary: Said <script>alert(1)</script> who | checks pages, café.
  - date: 2026-03-01
    page: /
    summary: Every page now shows its review date.
  - date: 2026-01-15
    page: /about/
    summary: First change.
  - date: 2026-02-01
    page: /faq/basics/
    summary: Two new answers.
  - date: 2026-01-10
    page: /about/
    summary: Oldest change.
"""


@pytest.fixture
def knowledge(write, docs):
    return load(write(VALID + CHANGES), docs)


# --- the loader --------------------------------------------------------------------------


def test_changes_load_and_a_page_gets_its_own_and_the_whole_sites_newest_first(knowledge):
    assert len(knowledge.changes) == 5
    about = knowledge.changes_for("/about/")
    assert [c.summary[:5] for c in about] == ["Every", "Said ", "First", "Oldes"]
    assert [c.page for c in knowledge.changes_for("/faq/basics/")] == ["/", "/faq/basics/"]
    assert [c.page for c in knowledge.changes_for("/glossary/")] == ["/"]


def test_a_change_to_an_unknown_page_names_file_line_and_field(write, docs):
    text = VALID + CHANGES.replace("page: /faq/basics/", "page: /faq/nowhere/")
    [message] = problems(write(text), docs)
    line = line_of(text, "page: /faq/nowhere/")
    assert message.endswith(f"knowledge.yml:{line} changes[3].page: no page at '/faq/nowhere/' "
                            "(use '/' for the whole site)")


def test_a_change_dated_in_the_future_names_file_line_and_field(write, docs):
    text = VALID + CHANGES.replace("date: 2026-01-15", "date: 2999-01-15")
    [message] = problems(write(text), docs)
    line = line_of(text, "date: 2999-01-15")
    assert message.endswith(f"knowledge.yml:{line} changes[2]: date 2999-01-15 is in the future")


def test_a_change_needs_a_date_a_page_address_and_a_summary(write, docs):
    text = VALID + CHANGES.replace("    summary: First change.\n", "").replace(
        "page: /faq/basics/", "page: faq/basics").replace("date: 2026-01-10", "date: last week")
    found = problems(write(text), docs)
    assert any(re.search(r":\d+ changes\[2\]\.summary: missing required field$", m) for m in found)
    assert any(re.search(r":\d+ changes\[3\]\.page: String should match pattern", m) for m in found)
    assert any(re.search(r":\d+ changes\[4\]\.date: ", m) for m in found)


def test_a_change_with_an_unknown_field_fails(write, docs):
    text = VALID + CHANGES.replace("    summary: Oldest change.\n", "    summary: Oldest change.\n    by: Dr Who\n")
    [message] = problems(write(text), docs)
    assert message.endswith(f":{line_of(text, 'by: Dr Who')} changes[4].by: unknown field")


def test_today_is_not_the_future(write, docs):
    today = date.today().isoformat()
    knowledge = load(write(VALID + CHANGES.replace("date: 2026-01-10", f"date: {today}")), docs)
    assert knowledge.changes[4].date == date.today()


# --- what changed, on a page and on /about/changes/ ----------------------------------------------


def test_a_page_shows_its_latest_three_changes_escaped_with_a_link_to_all(knowledge):
    html = rendering.page_changes(knowledge, "/about/", "../")
    tree = Tree(html)
    assert "Last changed in substance: 1 March 2026" in tree.text
    items = re.findall(r"<li>(.*?)</li>", html)
    assert len(items) == 3 and "(whole site)" in items[0] and "Oldest" not in html
    assert "&lt;script&gt;" in html and "<script>" not in html and "who | checks pages, café." in tree.text
    assert 'href="../about/changes/"' in html and not tree.ids


def test_a_page_without_changes_says_so(write, docs):
    html = rendering.page_changes(load(write(VALID), docs), "/about/", "")
    assert "No change in substance is listed for this page." in Tree(html).text
    assert 'href="about/changes/"' in html and "<li>" not in html


def test_changes_page_groups_by_day_newest_first_and_labels_each_page(knowledge):
    titles = {"/about/": "About <us>", "/faq/basics/": "FAQ: The basics"}
    html = rendering.changes(knowledge, titles, "../../")
    assert re.findall(r'<h2 id="changes-([\d-]+)">', html) == ["2026-03-01", "2026-02-01", "2026-01-15",
                                                               "2026-01-10"]
    assert "<strong>Whole site</strong>: Every page" in html
    # Within a day, the file's order: the editor lists the latest first.
    day = html.split('id="changes-2026-02-01"')[1].split("</ul>")[0]
    assert day.index("About &lt;us&gt;") < day.index("FAQ: The basics")
    assert 'href="../../about/"' in html and 'href="../../faq/basics/"' in html
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_changes_page_without_changes_fails(write, docs):
    with pytest.raises(ValueError, match="no changes"):
        rendering.changes(load(write(VALID), docs), {}, "")


# --- cite this ------------------------------------------------------------------------------------


def test_a_page_citation_without_a_public_address_is_root_relative():
    c = rendering.citation("My site.", "Skin <b>layers</b>", "/skin/layers/", date(2026, 11, 3))
    html = rendering.citation_block(c)
    text = Tree(html).text
    assert "My site. Skin <b>layers</b>. /skin/layers/. Last reviewed 3 November 2026." in " ".join(text.split())
    assert "Accessed [date you read it]." in text and "Cite this page" in text
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<time datetime="2026-11-03">' in html and "data-anchor" not in html and not Tree(html).ids


def test_an_answer_citation_with_a_public_address_is_absolute_and_keeps_its_question_mark():
    c = rendering.citation("Site", "Does it hurt?", "/faq/procedure/", date(2026, 1, 2), "https://kb.invalid/",
                           anchor="does-it-hurt", container="FAQ: The procedure", what="answer")
    html = rendering.citation_block(c)
    text = " ".join(Tree(html).text.split())
    assert ("Site. Does it hurt? FAQ: The procedure. https://kb.invalid/faq/procedure/#does-it-hurt. "
            "Last reviewed 2 January 2026.") in text
    assert 'data-anchor="does-it-hurt"' in html and "Cite this answer" in text


def test_every_answer_on_a_topic_page_carries_its_own_citation(knowledge):
    html = rendering.faq_topic(knowledge, "basics", "../../", "Site", None)
    blocks = re.findall(r'<div class="kb-citation".*?</div>', html, re.S)
    assert [re.search(r'data-anchor="([^"]+)"', b).group(1) for b in blocks] == ["what-is-it", "how-deep"]
    assert "/faq/basics/#how-deep" in blocks[1] and "Last reviewed 1 January 2026" in Tree(blocks[1]).text
    assert "What is &lt;script&gt;alert(1)&lt;/script&gt; it?" in blocks[0]
    # Without the site's name (unit renders, embeds) there is no citation.
    assert "kb-citation" not in rendering.faq_topic(knowledge, "basics", "")
    assert "kb-citation" not in rendering.faq_answer(knowledge, "how-deep", "")
