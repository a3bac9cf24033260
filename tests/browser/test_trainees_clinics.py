"""The quiz with and without JavaScript, the link kit's filter, and embeds inside a frame."""

from __future__ import annotations

import http.server
import threading

import pytest

pytestmark = pytest.mark.browser


def test_quiz_scores_marks_in_words_and_retries_wrong_answers(visit, knowledge):
    seen = visit("/trainees/self-check/")
    page = seen.page
    first, second = knowledge.quiz[0], knowledge.quiz[1]
    right = page.locator(f"#{first.id} .kb-quiz-option").nth(first.answer)
    right.click()
    assert "(correct answer)" in right.inner_text()
    assert page.locator(f"#{first.id} .kb-quiz-answer").get_attribute("open") is not None
    wrong_index = (second.answer + 1) % len(second.options)
    page.locator(f"#{second.id} .kb-quiz-option").nth(wrong_index).click()
    assert "(your answer)" in page.locator(f"#{second.id} .kb-quiz-option").nth(wrong_index).inner_text()
    assert page.locator(".kb-quiz-score").inner_text() == f"Answered 2 of {len(knowledge.quiz)}, 1 correct"
    page.get_by_role("button", name="Try the ones I got wrong again").click()
    assert page.locator(f"#{second.id}").is_visible()
    assert page.locator(f"#{first.id}").is_hidden()
    assert page.locator(f"#{second.id} .kb-quiz-option").first.is_enabled()
    assert not seen.foreign_requests and not seen.console_errors


def test_quiz_works_without_javascript(visit, knowledge):
    seen = visit("/trainees/self-check/", js=False)
    page = seen.page
    question = knowledge.quiz[-1]
    answer = page.locator(f"#{question.id} .kb-quiz-answer")
    assert not answer.locator("p").first.is_visible()
    answer.locator("summary").click()
    assert question.options[question.answer] in answer.inner_text()
    assert page.locator(".kb-quiz-option").count() == 0


def test_link_kit_filter_narrows_the_links(visit, knowledge):
    seen = visit("/clinics/")
    page = seen.page
    leaves = ".kb-link-kit li:not(:has(li))"
    total = page.locator(leaves).count()
    page.get_by_label("Filter links").press_sequentially("isotretinoin", delay=20)
    visible = page.locator(f"{leaves}:not([hidden]) > a.kb-copyable").all_inner_texts()
    expected = [e.question for e in knowledge.faq if "isotretinoin" in e.question.lower()]
    assert expected and set(expected) <= set(visible)
    assert all("isotretinoin" in text.lower() for text in visible)
    assert len(visible) < total


@pytest.fixture
def second_origin(server):
    """A page on another loopback port that frames one of the site's embeds."""
    entry = "/embed/table/practicalities/"

    class Host(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = (f'<!doctype html><html lang="en"><head><title>A clinic page</title></head><body>'
                    f'<main><h1>A clinic page</h1><iframe src="{server}{entry}" title="Comparison table" '
                    f'width="800" height="600"></iframe></main></body></html>').encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Host)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_an_embed_renders_inside_a_frame_on_another_origin(browser, second_origin, server, knowledge):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(second_origin, wait_until="networkidle")
        frame = page.frame_locator("iframe")
        assert frame.locator("table#table-practicalities").is_visible()
        rows = frame.locator("tr[id^=row-]").count()
        assert rows == sum(a.group == "practicalities" for a in knowledge.attributes)
        credit = frame.locator(".kb-attribution")
        assert "CC BY 4.0" in credit.inner_text()
        assert credit.locator("a").first.get_attribute("href").endswith("/compare/#practicalities")
    finally:
        context.close()

