"""Bind the renderers to the current build: its data, its pages, the page being rendered."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import rendering
from .loading import DataError, load
from .pages import cited_on, data_path, root_of, site_sources


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
    env.macro(lambda topic: rendering.faq_topic(knowledge, topic, root()), "faq_topic")
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
