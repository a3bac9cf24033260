"""The production configuration, for real: Debian's nginx serving the built site
with deploy/nginx.conf on a loopback port, checked over HTTP and in Chromium."""

from __future__ import annotations

import gzip
import os
import re
import urllib.error
import urllib.request

import pytest

from tools import nginx

pytestmark = pytest.mark.browser

ARTICLE = "/treatments/microneedling/"
EMBED = "/embed/faq/are-they-the-same/"


@pytest.fixture(scope="module")
def served(site):
    if not nginx.find_nginx():
        message = "nginx not found (run `make nginx`)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    with nginx.running(site) as (url, log):
        yield url


def fetch(url: str, **headers) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


def test_pages_carry_the_security_headers(served):
    status, headers, _ = fetch(served + ARTICLE)
    assert status == 200
    csp = directives(headers["content-security-policy"])
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert any(source.startswith("'sha256-") for source in csp["script-src"])
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]
    assert "strict-transport-security" not in headers, "HSTS must only be sent over HTTPS"
    assert "server" not in headers or not re.search(r"\d", headers["server"]), "nginx version exposed"


def test_only_embeds_may_be_framed_by_other_sites(served):
    _, headers, _ = fetch(served + EMBED)
    assert directives(headers["content-security-policy"])["frame-ancestors"] == ["*"]
    assert "x-frame-options" not in headers


@pytest.mark.parametrize("path", [ARTICLE, "/search/search_index.json", "/data/knowledge.json"])
def test_text_is_compressed(served, path):
    status, headers, body = fetch(served + path, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip", path
    assert "accept-encoding" in headers.get("vary", "").lower()
    assert len(gzip.decompress(body)) > 2 * len(body)


def test_fingerprinted_assets_are_immutable_and_pages_revalidate(served, site):
    _, page_headers, html = fetch(served + ARTICLE)
    assert page_headers["cache-control"] == "no-cache"
    assets = re.findall(r'(?:href|src)="((?:\.\./)+assets/[^"]+\.(?:css|js))"', html.decode())
    assert len(assets) >= 5, assets  # theme CSS and JS, the site's own CSS and JS
    for asset in assets:
        url = served + "/" + asset.lstrip("./")
        status, headers, _ = fetch(url)
        assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable", asset
        assert re.search(r"\.[0-9a-f]{8}\.(min\.)?(css|js)$", asset), f"{asset} has no content hash"
    # A repeat visit costs a 304, not the page again.
    status, _, body = fetch(served + ARTICLE, **{"If-None-Match": page_headers["etag"]})
    assert status == 304 and body == b""


def test_missing_pages_get_the_sites_404_page(served):
    status, headers, body = fetch(served + "/treatments/no-such-treatment/")
    assert status == 404
    assert b"md-content" in body and b"404" in body, "not the site's own 404 page"
    assert "content-security-policy" in headers
    assert fetch(served + "/_headers")[0] == 404
    assert fetch(served + "/404.html")[0] == 404


def test_no_source_maps_are_published(served, site):
    assert not list(site.rglob("*.map"))
    _, _, bundle = fetch(served + "/" + next(site.glob("assets/javascripts/bundle.*.js")).relative_to(site).as_posix())
    assert b"sourceMappingURL" not in bundle


# Every kind of page and every script the site runs: the theme's, search, the
# copy buttons, the quiz and an embed inside another site's frame.
CSP_PAGES = ["/", ARTICLE, "/compare/", "/faq/", "/faq/safety/", "/clinics/", "/trainees/self-check/",
             "/glossary/", "/skin/wound-healing/", "/no-such-page/"]
_RECORD_VIOLATIONS = """
window.kbViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.kbViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


def test_the_site_works_under_its_content_security_policy(browser, served):
    context = browser.new_context(service_workers="block")
    context.add_init_script(_RECORD_VIOLATIONS)
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for path in CSP_PAGES:
            errors.clear()
            page.goto(served + path, wait_until="networkidle")
            assert page.evaluate("window.kbViolations") == [], path
            assert page.evaluate("document.documentElement.classList.contains('js')"), f"theme script blocked on {path}"
            expected = "status of 404" if path == "/no-such-page/" else None
            assert not [e for e in errors if not (expected and expected in e)], f"{path}: {errors}"
        # The scripts that run on demand: search (index fetched, worker started), the quiz.
        errors.clear()
        page.goto(served + "/", wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type("collagen", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        page.goto(served + "/trainees/self-check/", wait_until="networkidle")
        page.locator(".kb-quiz-option").first.click()
        assert page.evaluate("window.kbViolations") == []
        assert not errors, errors
    finally:
        context.close()


def test_an_embed_works_inside_another_sites_frame(browser, served, tmp_path):
    """The embed, framed by a page on a second loopback origin, under the embed's own headers."""
    import functools
    import http.server
    import threading

    (tmp_path / "host.html").write_text(
        f'<!doctype html><title>Clinic</title><iframe src="{served}{EMBED}" title="FAQ" width="600" height="400">'
        f'</iframe><iframe src="{served}{ARTICLE}" title="article" width="600" height="400"></iframe>'
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/host.html", wait_until="networkidle")
        frames = {frame.url.replace(served, ""): frame for frame in page.frames if frame.url.startswith(served)}
        assert EMBED in frames, "the embed did not load in the frame"
        assert frames[EMBED].locator("h1").inner_text()
        # A full page refuses to be framed by another site: Chromium shows its error page instead.
        article = frames.get(ARTICLE)
        assert article is None or not article.locator(".md-content").count()
    finally:
        context.close()
        other.shutdown()
        other.server_close()
