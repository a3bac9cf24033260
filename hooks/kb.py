"""MkDocs hooks: what needs the whole site rather than one macro call.

- on_files: FAQ topic pages and embeds generated from the data; redirects for
  moved pages; the data published as JSON with its schema
- on_nav: the FAQ topic pages under FAQ in the navigation
- on_page_markdown: every page's front matter checked; overdue reviews warned
- on_page_content: learning objectives under the title; glossary terms linked;
  each page's sections and tables recorded for the clinics' link kit; the text
  between headings wrapped in chunks rendered lazily (macros/chunks.py), unless
  the page says `lazy_sections: false`
- on_page_context: the page's ready citation and its recent changes, shown with
  its review dates (overrides/partials/source-file.html)
- on_post_page: the link kit and the glossary's "used on" lists filled in, once
  every page's content is known
- on_post_build: source maps dropped, the site's own assets fingerprinted, and
  the `_headers` file for static hosts written (macros/deploy.py)

Loaded through `hooks:` in mkdocs.yml. The work is in the `macros` package;
this file only connects it to MkDocs events.
"""

from __future__ import annotations

import logging
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros import deploy, redirects  # noqa: E402
from macros.chunks import UnbalancedHTML, chunk  # noqa: E402
from macros.glossary_links import link_terms  # noqa: E402
from macros.loading import DataError, format_loc, load  # noqa: E402
from macros.models import PageMeta  # noqa: E402
from macros.opendata import SCHEMA_FILE, knowledge_json  # noqa: E402
from macros.pages import data_path, front_matter, generated_pages, root_of, url_of  # noqa: E402
from macros.rendering import (  # noqa: E402
    KitPage,
    citation,
    citation_block,
    link_kit,
    objectives,
    page_changes,
    term_uses,
)

# Not under the "mkdocs" logger: a page past its review date must warn, but
# `--strict` turns every mkdocs warning into a failed build, and time passing
# must never fail a build or a test.
review_log = logging.getLogger("kb.review")
if not review_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    review_log.addHandler(_handler)
    review_log.propagate = False

_generated: set[str] = set()
# glossary term id -> [(page URL, page title)] where the term was linked, filled as pages render
_term_uses: dict[str, list[tuple[str, str]]] = {}
_TERM_USES = re.compile(r"<!--kb-term-uses:([a-z0-9-]+)-->")
# every page's sections and tables, for the clinics' link kit, filled as pages render
_kit_pages: list[KitPage] = []
_embeds: dict[str, str] = {}  # table id -> URL of its embeddable page
LINK_KIT = "<!--kb-link-kit-->"
_TABLE = re.compile(r'<table id="([a-z0-9-]+)"[^>]*>\s*<caption[^>]*>(.*?)</caption>', re.S)


def _knowledge(config):
    try:
        return load(data_path(Path(config.config_file_path).parent), config.docs_dir)
    except DataError as exc:  # the macros plugin reports it first; this is a fallback
        raise PluginError(str(exc)) from None


def on_files(files, config):
    _generated.clear()
    _term_uses.clear()
    _kit_pages.clear()
    _embeds.clear()
    for src_uri, content in generated_pages(_knowledge(config), Path(config.docs_dir)).items():
        if files.get_file_from_path(src_uri):
            raise PluginError(f"docs/{src_uri} would hide a page generated from the data; remove it")
        # Not "omitted from nav": on_nav below puts these pages in the nav.
        files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        meta = front_matter(content)
        if meta.get("template") != "embed.html":  # embeds stay out of the nav
            _generated.add(src_uri)
        elif meta["source_url"].startswith("/compare/#"):
            _embeds[f"table-{meta['source_url'].split('#')[1]}"] = url_of(src_uri)
    # Moved pages keep their old addresses (redirects.yml).
    live = {url_of(f.src_uri) for f in files.documentation_pages()}
    for old, new in redirects.load().items():
        if new.split("#")[0] not in live:
            raise PluginError(f"redirects.yml: {old} points to {new}, which is not a page")
        if old in live:
            raise PluginError(f"redirects.yml: {old} is still a page; remove the page or the redirect")
        files.append(File.generated(config, old.strip("/") + "/index.html", content=redirects.page(old, new)))
    # Open data: the validated data file and its schema, published with the site.
    files.append(File.generated(config, "data/knowledge.json", content=knowledge_json(_knowledge(config))))
    files.append(File.generated(config, "data/knowledge.schema.json", content=SCHEMA_FILE.read_text()))
    return files


def on_nav(nav, config, files):
    """Put the generated FAQ topic pages in the section that holds faq/index.md."""
    index = files.get_file_from_path("faq/index.md")
    section = index.page.parent if index and index.page else None
    if not isinstance(section, Section):
        return nav
    for src_uri in sorted(_generated, key=_topic_order(config)):
        file = files.get_file_from_path(src_uri)
        page = file.page or Page(None, file, config)
        page.parent = section
        section.children.append(page)
    nav.pages = [item for item in _flatten(nav.items) if isinstance(item, Page)]
    for prev, page, nxt in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None], strict=True):
        page.previous_page, page.next_page = prev, nxt
    return nav


def _topic_order(config):
    order = [t.id for t in _knowledge(config).faq_topics]
    return lambda src_uri: order.index(Path(src_uri).stem)


def _flatten(items):
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from _flatten(item.children)


def on_page_markdown(markdown, page, config, files):
    try:
        meta = PageMeta.model_validate(page.meta)
    except ValidationError as exc:
        problems = "; ".join(f"{format_loc(e['loc']) or 'front matter'}: {e['msg']}" for e in exc.errors())
        raise PluginError(f"docs/{page.file.src_uri}: front matter: {problems}") from None
    if meta.overdue(datetime.now(UTC).date()):
        review_log.warning(f"docs/{page.file.src_uri}: review was due on {meta.review_due}")
    return markdown


def on_page_content(html, page, config, files):
    """Objectives under the title; the first mention of each glossary term linked to its
    definition (shown on hover and focus); the page's sections and tables recorded; on
    pages that do not opt out (lazy_sections: false), the text between headings cut into
    chunks the browser renders when they come near."""
    if page.meta.get("objectives"):
        html = html.replace("</h1>", "</h1>\n" + objectives(page.meta["objectives"]), 1)
    if page.meta.get("template") != "embed.html":
        sections = [(item.id, item.title) for top in page.toc for item in top.children]
        tables = [(table_id, re.sub(r"<[^>]+>", "", caption)) for table_id, caption in _TABLE.findall(html)]
        _kit_pages.append(KitPage("/" + page.url, page.title, sections, tables))
    if page.meta.get("link_terms", True):
        linked: set[str] = set()
        html = link_terms(html, _knowledge(config).glossary, root_of(page.url) + "glossary/", linked)
        for term in linked:
            _term_uses.setdefault(term, []).append(("/" + page.url, page.title))
    if not page.meta.get("lazy_sections", True):
        return html
    try:
        return chunk(html)
    except UnbalancedHTML as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error} (in the page's HTML, after Markdown)") from error


def on_page_context(context, page, config, nav):
    """Every page with review dates (not the embeds) offers a citation and says what
    changed in it lately; the partial that shows the review dates places both."""
    meta = page.meta or {}
    if meta.get("reviewed") and meta.get("template") != "embed.html":
        path = "/" + page.url
        cite = citation(config.site_name, page.title, path, meta["reviewed"], config.site_url)
        context["kb_citation"] = Markup(citation_block(cite))
        context["kb_changes"] = Markup(page_changes(_knowledge(config), path, root_of(page.url)))
    return context


def on_post_page(output, page, config):
    """Fill in the clinics' link kit and the glossary's "explained in context on" lines.
    MkDocs renders every page's content before it writes any page, so both are complete."""
    root = root_of(page.url)
    if LINK_KIT in output:
        kit = link_kit(_knowledge(config), _kit_pages, _embeds, root, config.site_url)
        output = output.replace(LINK_KIT, kit)
    if "<!--kb-term-uses:" not in output:
        return output
    return _TERM_USES.sub(lambda m: term_uses(sorted(_term_uses.get(m.group(1), [])), root), output)


def on_post_build(config):
    """Lean, cacheable assets and the static hosts' headers, once every page is written."""
    deploy.finish(Path(config.site_dir))
