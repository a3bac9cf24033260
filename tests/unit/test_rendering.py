"""Renderers produce the rows and anchors the data says, and escape what they show."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from macros import rendering
from macros.loading import load

from .conftest import VALID


@pytest.fixture
def knowledge(write, docs):
    return load(write(VALID), docs)


class Tree(HTMLParser):
    """Just enough structure to assert on: ids, and the text of chosen elements."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])

    def handle_data(self, data):
        self.text += data


def test_cite_links_each_reference_to_its_entry(knowledge):
    html = rendering.cite(knowledge, ["smith2020", "jones2019"], "../../")
    assert 'href="../../references/#ref-smith2020"' in html
    assert ">Smith et al. 2020</a>; <a" in html
    assert ">Jones and Evans 2019</a>" in html


def test_cite_of_an_unknown_key_fails(knowledge):
    with pytest.raises(rendering.UnknownReference, match="unknown reference 'nope2000'"):
        rendering.cite(knowledge, ["nope2000"], "")


def test_compare_table_has_a_row_per_attribute_and_a_column_per_treatment(knowledge):
    html = rendering.compare_table(knowledge, None, "")
    tree = Tree(html)
    rows = [a["id"] for t, a in tree.tags if t == "tr" and "id" in a]
    assert rows == ["row-what-it-is", "row-downtime"]
    headers = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert headers == ["Question", "Alpha &lt;b&gt;treatment&lt;/b&gt;", "Beta"]
    assert html.count("<td") == 4


def test_compare_table_filters_by_group(knowledge):
    html = rendering.compare_table(knowledge, "practicalities", "")
    assert 'id="row-downtime"' in html and 'id="row-what-it-is"' not in html
    assert 'id="table-practicalities"' in html


def test_compare_table_shows_unknown_values_with_their_reason(knowledge):
    html = rendering.compare_table(knowledge, "practicalities", "")
    assert "<strong>Not known.</strong> No study has measured it." in html


def test_table_text_is_escaped_and_pipes_and_accents_survive(knowledge):
    html = rendering.compare_table(knowledge, None, "")
    assert "Injections | into the dermis, café-au-lait" in html
    assert "<b>" not in html
    assert "Downtime | recovery" in html


def test_compare_output_has_no_blank_or_indented_lines(knowledge):
    # Markdown would end the HTML block at a blank line, or read indentation as code.
    html = rendering.compare_table(knowledge, None, "")
    assert all(line and not line[0].isspace() for line in html.splitlines())


def test_faq_topic_gives_each_answer_its_anchor_and_a_link_to_itself(knowledge):
    html = rendering.faq_topic(knowledge, "basics", "../../")
    tree = Tree(html)
    assert tree.ids == ["what-is-it", "how-deep"]
    assert html.count('href="#what-is-it"') == 1
    assert html.count('href="#how-deep"') == 1


def test_faq_question_with_script_is_shown_as_text(knowledge):
    html = rendering.faq_topic(knowledge, "basics", "")
    assert "<script>" not in html
    assert "What is &lt;script&gt;alert(1)&lt;/script&gt; it?" in html


def test_faq_answer_paragraphs_and_trainee_detail(knowledge):
    html = rendering.faq_topic(knowledge, "basics", "")
    assert "<p>First paragraph.</p>" in html
    assert "<p>Second paragraph with ünïcode.</p>" in html
    assert html.count("<details") == 1 and "<p>About 0.5 mm.</p>" in html


def test_faq_index_links_every_question_to_its_home(knowledge):
    html = rendering.faq_index(knowledge, "../")
    assert 'href="../faq/basics/#what-is-it"' in html
    assert 'href="../faq/basics/#how-deep"' in html


def test_faq_related_is_chosen_in_the_data(knowledge):
    html = rendering.faq_related(knowledge, "about/", "../")
    assert 'href="../faq/basics/#what-is-it"' in html and "how-deep" not in html
    assert rendering.faq_related(knowledge, "", "") == ""


def test_glossary_gives_each_term_an_anchor(knowledge):
    assert Tree(rendering.glossary(knowledge, "")).ids == ["dermis"]


def test_references_are_sorted_linked_and_show_where_cited(knowledge):
    html = rendering.references(knowledge, {"smith2020": [("/faq/basics/", "FAQ: The basics")]}, "../")
    tree = Tree(html)
    assert tree.ids == ["ref-jones2019", "ref-smith2020"]
    assert 'href="https://doi.org/10.1000/xyz123"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/12345/"' in html
    assert 'Cited on: <a href="../faq/basics/">FAQ: The basics</a>' in html


def test_faq_jsonld_matches_the_answers_and_cannot_end_the_script(knowledge):
    import json

    html = rendering.faq_topic(knowledge, "basics", "")
    raw = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in raw  # a question holding "</script>" cannot close the element
    data = json.loads(raw)
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == ["What is <script>alert(1)</script> it?", "How deep?"]
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "First paragraph.\n\nSecond paragraph with ünïcode."
