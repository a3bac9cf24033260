"""Trainees' study path, quiz and reference table; the clinics' link kit and embeds."""

from __future__ import annotations

import re

import pytest

from .htmlindex import read_site


@pytest.fixture(scope="module")
def pages(site):
    return read_site(site)


def test_quiz_has_at_least_60_questions_each_anchored_with_answer_and_sources(pages, knowledge):
    assert len(knowledge.quiz) >= 60
    html = pages["/trainees/self-check/"].html
    for question in knowledge.quiz:
        article = html.split(f'<article class="kb-quiz-q" id="{question.id}"')[1].split("</article>")[0]
        options = re.findall(r"<li( data-correct)?>", article)
        assert len(options) == len(question.options)
        assert [i for i, flag in enumerate(options) if flag] == [question.answer]
        assert "Show the answer" in article and "references/#ref-" in article


def test_protocols_table_has_a_row_per_protocol_with_its_grade(pages, knowledge):
    table = pages["/trainees/"].html.split('<table id="table-protocols" class="kb-data">')[1].split("</table>")[0]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">", table)
    assert len(rows) == len(knowledge.protocols) > 0
    assert table.count("kb-grade-inline") == len(knowledge.protocols)


def test_study_path_lists_pages_with_their_objectives(pages):
    path = pages["/trainees/"].html.split('<ol class="kb-study-path">')[1].split("</ol>")[0]
    assert len(re.findall(r"<li>\s*<p><a href=", path)) >= 10
    assert path.count("<ul>") >= 8, "most steps should show what you will learn"


def test_pages_show_their_learning_objectives_under_the_title(pages):
    for url in ["/skin/layers/", "/trainees/complications/", "/trainees/consent/"]:
        html = pages[url].html
        assert re.search(r"</h1>\s*<div class=\"admonition info kb-objectives\">", html), url


def test_link_kit_lists_every_faq_answer_table_and_page(pages, knowledge):
    kit = pages["/clinics/"].html
    assert "<!--kb-link-kit-->" not in kit
    for entry in knowledge.faq:
        assert f'href="../faq/{entry.topic}/#{entry.id}"' in kit, entry.id
        assert f'href="../embed/faq/{entry.id}/"' in kit, entry.id
    for group in {a.group for a in knowledge.attributes}:
        assert f'href="../compare/#table-{group}"' in kit
        assert f"src=&#34;/embed/table/{group}/&#34;" in kit  # shown as code to copy, so escaped
    for url in ("/skin/layers/", "/treatments/mesotherapy/", "/trainees/"):
        assert f"<code>{url}</code>" in kit


def test_embeds_are_minimal_credit_the_source_and_stay_out_of_search(site, pages, knowledge):
    entry = knowledge.faq[0]
    html = pages[f"/embed/faq/{entry.id}/"].html
    assert '<base target="_top">' in html and 'name="robots" content="noindex"' in html
    assert 'class="md-header' not in html and 'class="md-sidebar' not in html and "md-search" not in html
    assert f'href="/faq/{entry.topic}/#{entry.id}">FAQ: ' in html and "CC BY 4.0" in html
    assert entry.answer.split("\n")[0][:40] in html
    index = (site / "search" / "search_index.json").read_text()
    assert '"location":"embed/' not in index
