"""Pages generated from the data (one FAQ page per topic), and the site's page
sources as a whole, so that citations can be collected before any page renders.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .models import Knowledge

DATA_ENV = "KNOWLEDGE_FILE"


def data_path(project_dir: str | Path) -> Path:
    """The data file: $KNOWLEDGE_FILE when set (tests build from copies), else data/knowledge.yml."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(project_dir) / "data" / "knowledge.yml"


def url_of(src_uri: str) -> str:
    """Site URL of a Markdown source path, as MkDocs builds it with directory URLs."""
    parts = list(Path(src_uri).with_suffix("").parts)
    if parts and parts[-1] in ("index", "README"):
        parts.pop()
    return "/" + "".join(f"{p}/" for p in parts)


def root_of(page_url: str) -> str:
    """Relative path from a page (its URL as MkDocs gives it) back to the site root."""
    path = page_url.split("#")[0].strip("/")
    # "faq/basics/" is a folder two deep; "404.html" is a file at the root.
    is_folder = bool(path) and not path.endswith(".html")
    return "../" * (path.count("/") + is_folder)


def _page(front: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body


def generated_pages(knowledge: Knowledge, docs_dir: Path | None = None) -> dict[str, str]:
    """src_uri -> Markdown source of every page built from the data alone.

    FAQ topic pages; and embeds (one per comparison table and per FAQ answer) for
    other sites to frame, which take their review dates from the page they come from.
    """
    pages = {}
    for topic in knowledge.faq_topics:
        if not any(e.topic == topic.id for e in knowledge.faq):
            continue
        front = {
            "title": f"FAQ: {topic.title}",
            "description": topic.description,
            "audience": "both",
            "reviewed": topic.reviewed,
            "review_due": topic.review_due,
        }
        pages[f"faq/{topic.id}.md"] = _page(
            front,
            f"# {topic.title}\n\n{topic.description}\n\n"
            "Every answer has its own link: use it to share or bookmark one answer.\n"
            "All questions are listed on the [FAQ page](index.md).\n\n"
            f"<!-- answers in data/knowledge.yml: faq[] with topic {topic.id} -->\n"
            f'{{{{ faq_topic("{topic.id}") }}}}\n',
        )
    embed = {"template": "embed.html", "search": {"exclude": True}, "link_terms": False}
    topics = {t.id: t for t in knowledge.faq_topics}
    for entry in knowledge.faq:
        topic = topics[entry.topic]
        pages[f"embed/faq/{entry.id}.md"] = _page(
            {"title": entry.question, "description": f"One answer from the FAQ: {topic.title}.",
             "audience": entry.audience, "reviewed": topic.reviewed, "review_due": topic.review_due,
             "source_url": f"/faq/{entry.topic}/#{entry.id}", "source_title": f"FAQ: {topic.title}", **embed},
            f'{{{{ faq_answer("{entry.id}") }}}}\n',
        )
    compare_page = docs_dir / "compare" / "index.md" if docs_dir else None
    compare = front_matter(compare_page.read_text()) if compare_page and compare_page.exists() else {}
    if compare:
        tables = [(g, f'{{{{ compare_table("{g}") }}}}') for g in dict.fromkeys(a.group for a in knowledge.attributes)]
        if knowledge.evidence:
            tables.append(("evidence-by-use", "{{ evidence_matrix() }}"))
        for name, call in tables:
            label = name.replace("-", " ").capitalize()
            pages[f"embed/table/{name}.md"] = _page(
                {"title": f"Comparison: {label.lower()}", "description": f"The {label.lower()} comparison table.",
                 "audience": "both", "reviewed": compare["reviewed"], "review_due": compare["review_due"],
                 "source_url": f"/compare/#{name}", "source_title": compare["title"], **embed},
                call + "\n",
            )
    return pages


# --- who cites what ------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)
_MACRO_CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}", re.S)


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    markdown: str
    embed: bool = False  # a copy of part of another page, made for other sites to frame


def front_matter(markdown: str) -> dict:
    match = _FRONT_MATTER.match(markdown)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def read_source(src_uri: str, markdown: str) -> Source:
    meta = front_matter(markdown)
    title = meta.get("title")
    if not title:
        heading = re.search(r"^# (.+)$", markdown, re.M)
        title = heading.group(1).strip() if heading else src_uri
    return Source(url_of(src_uri), str(title), markdown, meta.get("template") == "embed.html")


def site_sources(docs_dir: Path, knowledge: Knowledge) -> list[Source]:
    sources = [
        read_source(md.relative_to(docs_dir).as_posix(), md.read_text(encoding="utf-8"))
        for md in sorted(docs_dir.rglob("*.md"))
    ]
    sources += [read_source(uri, text) for uri, text in generated_pages(knowledge, docs_dir).items()]
    return sources


def macro_calls(markdown: str) -> list[tuple[str, tuple]]:
    """(name, arguments) of each `{{ name(...) }}` call with literal arguments."""
    calls = []
    for name, args in _MACRO_CALL.findall(markdown):
        try:
            values = ast.literal_eval(f"({args},)") if args.strip() else ()
        except (SyntaxError, ValueError):
            continue
        calls.append((name, values))
    return calls


# Macros that show every entry of one section, with each entry's references.
WHOLE_SECTION = {
    "glossary": "glossary",
    "healing_timeline": "phases",
    "signals_table": "signals",
    "evidence_matrix": "evidence",
    "quiz": "quiz",
    "protocols_table": "protocols",
    "claims": "claims",
    "advice_list": "advice",
}


def refs_shown_by(knowledge: Knowledge, name: str, args: tuple) -> list[str]:
    """The reference ids a macro call puts on its page."""
    if name in WHOLE_SECTION:
        return [r for entry in getattr(knowledge, WHOLE_SECTION[name]) for r in entry.refs]
    if name == "cite":
        return list(args)
    if name == "compare_table":
        group = args[0] if args else None
        attrs = {a.id for a in knowledge.attributes if group is None or a.group == group}
        return [r for t in knowledge.treatments for a, v in t.values.items() if a in attrs for r in v.refs]
    if name == "faq_topic":
        return [r for e in knowledge.faq if e.topic == args[0] for r in e.refs]
    if name == "thickness_table":
        return [r for layer in knowledge.layers for t in layer.thickness for r in t.refs]
    if name == "evidence_for":
        return [r for c in knowledge.evidence if c.treatment == args[0] for r in c.refs]
    if name == "checklist":
        group = knowledge.by_id["checklist"].get(args[0])
        return [r for item in group.items for r in item.refs] if group else []
    if name == "advice":
        entries = knowledge.by_id["advice"]
        return [r for a in args if a in entries for r in entries[a].refs]
    if name == "regulation":
        treatment = args[0] if args else None
        return [r for e in knowledge.regulation
                if treatment is None or not e.treatments or treatment in e.treatments for r in e.refs]
    if name == "safety_box" and knowledge.safety:
        return [r for s in knowledge.safety.signs for r in s.refs] + [
            r for route in knowledge.safety.report for r in route.refs
        ]
    return []


def cited_on(knowledge: Knowledge, sources: list[Source]) -> dict[str, list[tuple[str, str]]]:
    """Reference id -> [(page URL, page title)] for every page that shows it, in site order."""
    index: dict[str, list[tuple[str, str]]] = {}
    for source in sources:
        if source.embed:  # the page it copies is listed already
            continue
        for name, args in macro_calls(source.markdown):
            for ref in refs_shown_by(knowledge, name, args):
                pages = index.setdefault(ref, [])
                if (source.url, source.title) not in pages:
                    pages.append((source.url, source.title))
    return index
