"""The built site, served on 127.0.0.1, opened in headless Chromium.

Chromium comes from $CHROMIUM_PATH, Debian's /usr/bin/chromium, or
Playwright's own build. Without one the browser tests skip with the reason,
except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
# Without these, Chromium tries to reach Google's hosts on its own.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    debian = Path("/usr/bin/chromium")
    if debian.exists() and b"snap" not in debian.read_bytes()[:4096]:
        return str(debian)
    return None  # let Playwright use its own build, if installed


@pytest.fixture(scope="session")
def server(site):
    yield from _serve(site, _QuietHandler)


@pytest.fixture(scope="session")
def slow_server(site):
    """The same site, but each page's HTML arrives in small pieces, as on a slow
    phone connection, so the browser draws it before all of it has arrived."""
    yield from _serve(site, _TricklingHandler)


def _serve(site: Path, handler_class):
    handler = functools.partial(handler_class, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _TricklingHandler(_QuietHandler):
    PIECE = 2000  # bytes
    PAUSE = 0.03  # seconds between pieces

    def copyfile(self, source, destination):
        if not self.path.split("?")[0].endswith("/"):
            return super().copyfile(source, destination)
        while piece := source.read(self.PIECE):
            destination.write(piece)
            destination.flush()
            time.sleep(self.PAUSE)


# Layout shift while loading, as Lighthouse's CLS counts it: [value, [moved
# nodes]] per shift. Below 0.1 is "good"; MAX_LAYOUT_SHIFT leaves room only
# for the theme's own small moves (its scripts wrap Markdown tables in a scroll box,
# and move the header's icons by a pixel or two). Anything the site inserts
# above text (the FAQ filter was 0.07) goes over it.
MAX_LAYOUT_SHIFT = 0.02
LAYOUT_SHIFTS = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) shifts.push([e.value,
      e.sources.map(s => s.node ? (s.node.outerHTML || s.node.textContent || '').slice(0, 80) : '?')]);
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(shifts), 100);
})"""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        except Error as exc:
            message = f"no usable Chromium (run `make browser`): {exc.message.splitlines()[0]}"
            if in_ci:
                pytest.fail(message)
            pytest.skip(message)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page opened in its own context, with everything it asked for and complained about."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    @property
    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.origin) and not u.startswith("data:")]


@pytest.fixture
def visit(browser, server):
    """visit(path, viewport="desktop", scheme="light", js=True) -> Visit, page loaded."""
    contexts = []

    def _visit(path: str, viewport: str = "desktop", scheme: str = "light", js: bool = True) -> Visit:
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], color_scheme=scheme, java_script_enabled=js, service_workers="block"
        )
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page, server)
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and seen.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: seen.console_errors.append(str(exc)))
        page.goto(server + path, wait_until="networkidle")
        return seen

    yield _visit
    for context in contexts:
        context.close()

