"""FAQ at scale, structured data that matches what readers see, and the glossary everywhere."""

from __future__ import annotations

import html as html_lib
import json
import re

import pytest

from .htmlindex import read_site


@pytest.fixture(scope="module")
def pages(site):
    return read_site(site)


def test_at_least_120_answers_and_60_glossary_terms(knowledge):
    assert len(knowledge.faq) >= 120
    assert len(knowledge.glossary) >= 60
    assert {e.topic for e in knowledge.faq} == {t.id for t in knowledge.faq_topics}


def test_faq_anchors_are_unique_across_the_whole_site(pages, knowledge):
    for entry in knowledge.faq:
        homes = [url for url, page in pages.items() if entry.id in page.ids]
        assert homes == [f"/faq/{entry.topic}/"], f"#{entry.id} is an anchor on {homes}"


def test_faq_json_ld_parses_and_matches_the_visible_answers(pages, knowledge):
    for topic in knowledge.faq_topics:
        page = pages[f"/faq/{topic.id}/"]
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.html, re.S)
        faq_pages = [data for data in map(json.loads, blocks) if data["@type"] == "FAQPage"]
        assert len(faq_pages) == 1, topic.id
        data = faq_pages[0]
        assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
        visible = [html_lib.unescape(q) for q in re.findall(r'<h2 id="[a-z0-9-]+">(.*?)</h2>', page.html)]
        assert [q["name"] for q in data["mainEntity"]] == visible
        visible_text = " ".join(page.text.split())
        for question in data["mainEntity"]:
            for paragraph in question["acceptedAnswer"]["text"].split("\n\n"):
                assert " ".join(paragraph.split()) in visible_text, paragraph[:60]


def test_every_article_ends_with_questions_chosen_in_the_data(pages, knowledge):
    for entry in knowledge.faq:
        for url in entry.related:
            assert f"#{entry.id}" in pages[url].html.split('class="kb-related"')[-1], (url, entry.id)


def test_glossary_links_to_where_each_term_is_explained(pages, knowledge):
    glossary = pages["/glossary/"].html
    assert "<!--kb-term-uses:" not in glossary
    entries = re.findall(r'<dt id="([a-z0-9-]+)">.*?</dt>\s*<dd>(.*?)</dd>', glossary, re.S)
    assert len(entries) == len(knowledge.glossary)
    with_uses = [term for term, definition in entries if "Explained in context on: <a href=" in definition]
    assert len(with_uses) >= len(knowledge.glossary) * 0.6, "most terms should link to a page that uses them"
