"""Bind the renderers to the current build: its data, its pages, the page being rendered."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import rendering
from .loading import DataError, load
from .models import Knowledge
from .pages import (
    Source,
    data_path,
    front_matter,
    macro_calls,
    read_source,
    refs_shown_by,
    root_of,
    site_sources,
    url_of,
)


def trust_refs_shown_by(knowledge: Knowledge, name: str, args: tuple) -> list[str]:
    """Reference ids put on a page by the advice and safety macros (pages.refs_shown_by
    knows the older macros)."""
    if name == "advice":
        entries = knowledge.by_id["advice"]
        return [r for a in args if a in entries for r in entries[a].refs]
    if name == "advice_list":
        return [r for a in knowledge.advice for r in a.refs]
    if name == "regulation":
        treatment = args[0] if args else None
        return [r for e in knowledge.regulation
                if treatment is None or not e.treatments or treatment in e.treatments for r in e.refs]
    if name == "safety_box" and knowledge.safety:
        return [r for s in knowledge.safety.signs for r in s.refs] + [
            r for route in knowledge.safety.report for r in route.refs
        ]
    return []


def citations_of(knowledge: Knowledge, sources: list[Source]) -> dict[str, list[tuple[str, str]]]:
    """Reference id -> [(page URL, page title)] for every page that shows it, in site order."""
    index: dict[str, list[tuple[str, str]]] = {}
    for source in sources:
        if source.embed:  # the page it copies is listed already
            continue
        for name, args in macro_calls(source.markdown):
            for ref in refs_shown_by(knowledge, name, args) + trust_refs_shown_by(knowledge, name, args):
                pages = index.setdefault(ref, [])
                if (source.url, source.title) not in pages:
                    pages.append((source.url, source.title))
    return index


def register(env) -> None:
    from mkdocs.exceptions import PluginError

    project = Path(env.conf.config_file_path).parent
    docs_dir = Path(env.conf.docs_dir)
    try:
        # Validated here, when the configuration loads: a bad file stops the
        # build before the site folder is touched.
        knowledge = load(data_path(project), docs_dir)
    except DataError as exc:
        raise PluginError(f"data file has {len(exc.problems)} problem(s):\n{exc}") from None

    def root() -> str:
        return root_of(env.page.url)

    @cache
    def citations():
        return citations_of(knowledge, site_sources(docs_dir, knowledge))

    env.variables["knowledge"] = knowledge
    env.macro(lambda *ids: rendering.cite(knowledge, ids, root()), "cite")
    env.macro(
        lambda group=None, treatments=None: rendering.compare_table(knowledge, group, root(), treatments),
        "compare_table",
    )
    env.macro(lambda topic: rendering.faq_topic(knowledge, topic, root()), "faq_topic")
    env.macro(lambda faq_id: rendering.faq_answer(knowledge, faq_id, root()), "faq_answer")
    env.macro(lambda: rendering.faq_index(knowledge, root()), "faq_index")
    env.macro(lambda: rendering.faq_related(knowledge, env.page.url, root()), "faq_related")
    env.macro(lambda: rendering.glossary(knowledge, root()), "glossary")
    env.macro(lambda: rendering.references(knowledge, citations(), root()), "references")
    env.macro(lambda: rendering.depth_diagram(knowledge), "depth_diagram")
    env.macro(lambda: rendering.thickness_table(knowledge, root()), "thickness_table")
    env.macro(lambda: rendering.healing_timeline(knowledge, root()), "healing_timeline")
    env.macro(lambda: rendering.signals_table(knowledge, root()), "signals_table")
    env.macro(lambda: rendering.evidence_matrix(knowledge, root()), "evidence_matrix")
    env.macro(lambda treatment: rendering.evidence_for(knowledge, treatment, root()), "evidence_for")
    env.macro(lambda: rendering.claims(knowledge, root()), "claims")
    env.macro(lambda treatment, indication: rendering.grade(knowledge, treatment, indication, root()), "grade")
    env.macro(lambda group: rendering.checklist(knowledge, group, root()), "checklist")
    env.macro(rendering.notes_space, "notes_space")
    env.macro(lambda: rendering.quiz(knowledge, root()), "quiz")
    env.macro(lambda: rendering.protocols_table(knowledge, root()), "protocols_table")
    env.macro(lambda *ids: rendering.advice(knowledge, ids, root()), "advice")
    env.macro(lambda: rendering.advice_list(knowledge, root()), "advice_list")
    env.macro(lambda: rendering.safety_box(knowledge, root()), "safety_box")
    env.macro(lambda treatment=None: rendering.regulation(knowledge, root(), treatment), "regulation")

    def study_path(*src_uris: str) -> str:
        """Pages in the order to read them, with their descriptions and objectives."""
        steps = []
        for src_uri in src_uris:
            path = docs_dir / src_uri
            if not path.is_file():
                raise ValueError(f"study_path: no page docs/{src_uri}")
            markdown = path.read_text(encoding="utf-8")
            meta = front_matter(markdown)
            steps.append(rendering.PathStep(
                title=read_source(src_uri, markdown).title,
                href=root() + url_of(src_uri).lstrip("/"),
                description=meta.get("description", ""),
                objectives=list(meta.get("objectives", [])),
            ))
        return rendering.study_path(steps)

    env.macro(study_path, "study_path")
    # Filled in when the page is written (hooks/kb.py), once every page's sections are known.
    env.macro(lambda: "<!--kb-link-kit-->", "link_kit")
