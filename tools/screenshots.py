"""Screenshot every page of the built site, phone and desktop, light and dark, for people to review.

    python tools/screenshots.py [--site-dir site] [--out build/screenshots] [--only /faq/]

Writes one full-page PNG per page and window, and an index.html gallery beside
them (open it from the folder; it needs no server). Chromium as for the tests:
$CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import sys
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import CHROMIUM_ARGS, VIEWPORTS, find_chromium  # noqa: E402
from tests.site.htmlindex import sitemap_urls  # noqa: E402

EMBEDS = ["/embed/table/practicalities/", "/embed/faq/are-they-the-same/"]
WINDOWS = [(viewport, scheme) for viewport in VIEWPORTS for scheme in ("light", "dark")]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-").replace(".html", "") or "home"


def take(site: Path, out: Path, paths: list[str]) -> list[tuple[str, dict[str, str]]]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    shots = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            contexts = {
                window: browser.new_context(viewport=VIEWPORTS[window[0]], color_scheme=window[1])
                for window in WINDOWS
            }
            for number, path in enumerate(paths, 1):
                files = {}
                for (viewport, scheme), context in contexts.items():
                    page = context.new_page()
                    page.goto(base + path, wait_until="networkidle")
                    name = f"{slug(path)}--{viewport}-{scheme}.png"
                    page.screenshot(path=out / name, full_page=True)
                    page.close()
                    files[f"{viewport}, {scheme}"] = name
                shots.append((path, files))
                print(f"[{number}/{len(paths)}] {path}", flush=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return shots


def gallery(shots: list[tuple[str, dict[str, str]]]) -> str:
    rows = []
    for path, files in shots:
        cells = "".join(
            f'<figure><a href="{html.escape(name)}"><img src="{html.escape(name)}" alt="{html.escape(path)}, '
            f'{html.escape(label)}" loading="lazy"></a><figcaption>{html.escape(label)}</figcaption></figure>'
            for label, name in files.items()
        )
        rows.append(f'<section><h2 id="{slug(path)}">{html.escape(path)}</h2><div class="row">{cells}</div></section>')
    toc = "".join(f'<li><a href="#{slug(p)}">{html.escape(p)}</a></li>' for p, _ in shots)
    return f"""<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Screenshots: every page</title>
<style>
body {{ font: 16px/1.4 system-ui, sans-serif; margin: 2rem; }}
.row {{ display: flex; gap: 1rem; align-items: flex-start; overflow-x: auto; }}
figure {{ margin: 0; }} img {{ width: 220px; border: 1px solid #888; }}
figcaption {{ font-size: .85rem; }}
</style>
<h1>Every page, phone and desktop, light and dark</h1>
<p>{len(shots)} pages. Click a picture for the full size.</p>
<ul>{toc}</ul>
{"".join(rows)}
</html>
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    parser.add_argument("--out", type=Path, default=PROJECT / "build" / "screenshots")
    parser.add_argument("--only", action="append", help="just this page (repeatable)")
    args = parser.parse_args()
    if not (args.site_dir / "index.html").exists():
        print(f"error: no built site in {args.site_dir}; run `make build` first", file=sys.stderr)
        return 2
    paths = args.only or sorted(sitemap_urls(args.site_dir)) + EMBEDS
    args.out.mkdir(parents=True, exist_ok=True)
    shots = take(args.site_dir, args.out, paths)
    index = args.out / "index.html"
    index.write_text(gallery(shots), encoding="utf-8")
    print(f"wrote {len(shots) * len(WINDOWS)} screenshots and {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
