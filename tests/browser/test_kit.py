"""The FAQ filter, copy-link buttons and the printable consultation checklist, in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_faq_filter_narrows_questions_as_you_type(visit, knowledge):
    seen = visit("/faq/")
    page = seen.page
    items = page.locator(".kb-faq-index li")
    assert items.count() == len(knowledge.faq)
    page.get_by_label("Filter questions").press_sequentially("isotretinoin", delay=20)
    visible = [t.lower() for t in items.evaluate_all("els => els.filter(e => !e.hidden).map(e => e.textContent)")]
    expected = [e.question.lower() for e in knowledge.faq if "isotretinoin" in e.question.lower()]
    assert visible and sorted(visible) == sorted(expected)
    assert re.fullmatch(r"\d+ of \d+ questions match", page.locator(".kb-filter-status").inner_text())
    page.get_by_label("Filter questions").fill("")
    page.get_by_label("Filter questions").press("Backspace")
    assert items.evaluate_all("els => els.filter(e => e.hidden).length") == 0


def test_faq_index_and_answers_work_without_javascript(visit, knowledge):
    seen = visit("/faq/", js=False)
    assert seen.page.locator(".kb-filter").is_hidden()  # nothing half-working is shown
    assert seen.page.locator(".kb-faq-index li a").count() == len(knowledge.faq)
    entry = knowledge.faq[-1]
    seen = visit(f"/faq/{entry.topic}/#{entry.id}", js=False)
    assert seen.page.locator(f"#{entry.id}").inner_text() == entry.question
    assert seen.page.locator(".kb-copy").count() == 0
    assert seen.page.locator(f'.kb-permalink a[href="#{entry.id}"]').count() == 1


def test_copy_link_puts_the_answers_address_on_the_clipboard(browser, server, knowledge):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        entry = knowledge.faq[0]
        page.goto(f"{server}/faq/{entry.topic}/", wait_until="networkidle")
        article = page.locator(f"article.kb-faq:has(h2#{entry.id})")
        article.get_by_role("button", name=re.compile("^Copy link")).click()
        # the status is written once the clipboard's promise settles: wait for it
        expect(article.get_by_role("status").filter(has_text="Link copied")).to_have_count(1)
        assert page.evaluate("navigator.clipboard.readText()") == f"{server}/faq/{entry.topic}/#{entry.id}"
    finally:
        context.close()


def test_consultation_checklist_prints_on_at_most_two_a4_pages(visit, tmp_path):
    seen = visit("/patients/before-your-consultation/")
    pdf = seen.page.pdf(format="A4", print_background=False)
    (tmp_path / "before-your-consultation.pdf").write_bytes(pdf)  # to look at with pdftoppm
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"prints on {pages} pages"


def test_glossary_definition_shows_on_keyboard_focus_and_hover(visit, knowledge):
    seen = visit("/treatments/mesotherapy/")
    page = seen.page
    term = page.locator("a.kb-term").first
    term_id = term.get_attribute("href").split("#")[1]
    definition = knowledge.by_id["glossary"][term_id].definition
    assert term.get_attribute("title").endswith(definition)  # without JavaScript: the browser's tooltip
    tooltip = page.locator("#kb-tooltip")
    assert tooltip.count() == 0  # nothing is set up before a term is used

    term.focus()
    expect(tooltip).to_be_visible()
    assert definition[:40] in tooltip.inner_text()
    assert term.get_attribute("aria-describedby") == "kb-tooltip"
    assert term.get_attribute("title") is None  # no second, native tooltip on hover
    assert tooltip.get_attribute("role") == "tooltip"
    below = tooltip.bounding_box()["y"] >= term.bounding_box()["y"] + term.bounding_box()["height"]
    above = tooltip.bounding_box()["y"] + tooltip.bounding_box()["height"] <= term.bounding_box()["y"]
    assert below or above, "the definition covers its term"

    page.keyboard.press("Escape")  # dismissible without moving the focus (WCAG 1.4.13)
    expect(tooltip).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('kb-term')")

    page.evaluate("document.activeElement.blur()")
    other = page.locator("a.kb-term").nth(1)
    other_id = other.get_attribute("href").split("#")[1]
    other.hover()
    expect(tooltip).to_be_visible()
    assert knowledge.by_id["glossary"][other_id].definition[:40] in tooltip.inner_text()
    tooltip.hover()  # the pointer can move onto the definition to read it
    page.wait_for_timeout(500)
    expect(tooltip).to_be_visible()
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
