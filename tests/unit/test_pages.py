"""Generated pages, URLs, and the citation index collected before pages render."""

from __future__ import annotations

import pytest

from macros.loading import load
from macros.pages import cited_on, generated_pages, macro_calls, read_source, root_of, url_of

from .conftest import VALID


@pytest.mark.parametrize(
    ("src", "url"),
    [("index.md", "/"), ("about.md", "/about/"), ("faq/index.md", "/faq/"), ("faq/basics.md", "/faq/basics/")],
)
def test_url_of(src, url):
    assert url_of(src) == url


@pytest.mark.parametrize(
    ("url", "root"), [("", ""), ("about/", "../"), ("faq/basics/", "../../"), ("404.html", "")]
)
def test_root_of(url, root):
    assert root_of(url) == root


def test_one_page_per_topic_with_entries(write, docs):
    knowledge = load(write(VALID), docs)
    pages = generated_pages(knowledge)
    assert [uri for uri in pages if not uri.startswith("embed/")] == ["faq/basics.md"]
    assert sorted(uri for uri in pages if uri.startswith("embed/faq/")) == ["embed/faq/how-deep.md",
                                                                           "embed/faq/what-is-it.md"]
    assert '{{ faq_topic("basics") }}' in pages["faq/basics.md"]
    assert "reviewed: 2026-01-01" in pages["faq/basics.md"]


def test_macro_calls_are_read_with_their_arguments():
    text = 'a {{ cite("a1", "b2") }} b {{ compare_table("safety") }} {{ faq_index() }} {{ page.title }}'
    assert macro_calls(text) == [("cite", ("a1", "b2")), ("compare_table", ("safety",)), ("faq_index", ())]


def test_cited_on_lists_pages_in_order_without_repeats(write, docs):
    knowledge = load(write(VALID), docs)
    sources = [
        read_source("about.md", "---\ntitle: About us\n---\n{{ cite('jones2019') }} {{ cite('jones2019') }}"),
        read_source("x/index.md", "# Page X\n{{ compare_table('practicalities') }}"),
        *[read_source(uri, text) for uri, text in generated_pages(knowledge).items()],
    ]
    index = cited_on(knowledge, sources)
    assert index["jones2019"] == [("/about/", "About us"), ("/x/", "Page X"), ("/faq/basics/", "FAQ: The basics")]
    assert index["smith2020"] == [("/faq/basics/", "FAQ: The basics")]
