"""Bind the renderers to the current build: its data, its pages, the page being rendered."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import rendering
from .loading import DataError, load
from .pages import cited_on, data_path, front_matter, read_source, root_of, site_sources, url_of


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
        return cited_on(knowledge, site_sources(docs_dir, knowledge))

    env.variables["knowledge"] = knowledge
    env.macro(lambda *ids: rendering.cite(knowledge, ids, root()), "cite")
    env.macro(
        lambda group=None, treatments=None: rendering.compare_table(knowledge, group, root(), treatments),
        "compare_table",
    )
    env.macro(
        lambda topic: rendering.faq_topic(knowledge, topic, root(), env.conf.site_name, env.conf.site_url),
        "faq_topic",
    )
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

    @cache
    def titles():
        return {source.url: source.title for source in site_sources(docs_dir, knowledge)}

    env.macro(lambda: rendering.changes(knowledge, titles(), root()), "changes")

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
