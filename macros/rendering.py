"""Plain functions: (knowledge, arguments) -> HTML string. No MkDocs imports.

Python prepares rows; the templates in `templates/` only loop over them. The
Jinja environment escapes everything by default, so text from the data file
(a question containing `<script>`, a cell containing `|`) reaches the reader
as text.

`root` is the relative path from the page being rendered to the site root
("", "../", "../../"), so links work wherever the site is hosted.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import diagrams
from .models import SITE_WIDE, Faq, Knowledge, Reference

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)

AUDIENCE_LABELS = {"patient": "For patients", "trainee": "For trainees", "both": "For everyone"}
GROUP_LABELS = {
    "at-a-glance": "At a glance",
    "practicalities": "Practicalities",
    "safety": "Safety",
    "evidence": "Evidence",
}
TYPE_LABELS = {
    "meta-analysis": "Meta-analysis",
    "systematic-review": "Systematic review",
    "rct": "Randomised controlled trial",
    "cohort": "Cohort study",
    "case-control": "Case-control study",
    "cross-sectional": "Cross-sectional study",
    "case-series": "Case series",
    "case-report": "Case report",
    "narrative-review": "Narrative review",
    "in-vitro": "Laboratory study",
    "animal": "Animal study",
    "textbook": "Textbook chapter",
    "guideline": "Guideline",
    "regulation": "Regulation or regulator's guidance",
    "label": "Drug label",
    "position-statement": "Position statement",
}


class UnknownReference(KeyError):
    """A citation key that is not in the data file's references."""

    def __str__(self) -> str:
        return f"unknown reference '{self.args[0]}' (add it to references in data/knowledge.yml)"


def _render(template: str, **context) -> str:
    # Macro output goes back into Markdown: no blank lines, or Markdown would
    # end the HTML block early and treat the rest as text.
    html = _env.get_template(template).render(**context)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def spoken_list(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def paragraphs(text: str) -> list[str]:
    """Plain text with blank lines between paragraphs -> one string per paragraph."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class CiteLink:
    label: str
    href: str
    title: str


def cite_links(knowledge: Knowledge, ids: Iterable[str], root: str) -> list[CiteLink]:
    links = []
    for ref_id in ids:
        try:
            ref = knowledge.reference(ref_id)
        except KeyError:
            raise UnknownReference(ref_id) from None
        links.append(CiteLink(ref.label, f"{root}references/#ref-{ref.id}", f"{ref.label}. {ref.title}"))
    return links


def cite(knowledge: Knowledge, ids: Iterable[str], root: str) -> str:
    """Inline citation: (Hou et al. 2017; Bos and Meinardi 2000), each a link to /references/."""
    ids = list(ids)
    if not ids:
        raise ValueError("cite() needs at least one reference id")
    return _render("cite.html.j2", links=cite_links(knowledge, ids, root))


# --- comparison tables ----------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    column: str  # the treatment's name, shown as the cell's label on a phone
    text: str | None
    unknown: str | None
    cites: list[CiteLink]


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    help: str
    cells: list[Cell]


def compare_rows(knowledge: Knowledge, group: str | None = None, treatments: Iterable[str] | None = None):
    """The table as data: a filter over attributes (rows) and treatments (columns)."""
    chosen = list(treatments) if treatments else [t.id for t in knowledge.treatments]
    columns = [knowledge.by_id["treatments"][t] for t in chosen]
    attributes = [a for a in knowledge.attributes if group is None or a.group == group]
    if not attributes:
        raise ValueError(f"no attributes in group '{group}'")
    return columns, attributes


def compare_table(
    knowledge: Knowledge, group: str | None, root: str, treatments: Iterable[str] | None = None
) -> str:
    columns, attributes = compare_rows(knowledge, group, treatments)
    rows = [
        Row(
            id=attr.id,
            label=attr.label,
            help=attr.help,
            cells=[
                Cell(
                    column=t.name,
                    text=(value := t.values[attr.id]).text,
                    unknown=value.unknown,
                    cites=cite_links(knowledge, value.refs, root),
                )
                for t in columns
            ],
        )
        for attr in attributes
    ]
    table_id = f"table-{group}" if group else "table-all"
    caption = GROUP_LABELS[group] if group else "Comparison"
    return _render(
        "compare_table.html.j2",
        table_id=table_id,
        caption=f"{caption}: {spoken_list([t.name for t in columns])}",
        columns=columns,
        rows=rows,
    )


# --- FAQ --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FaqView:
    id: str
    question: str
    audience: str
    answer: list[str]
    detail: list[str]
    cites: list[CiteLink]
    citation: Citation | None = None


def _faq_view(knowledge: Knowledge, entry: Faq, root: str) -> FaqView:
    return FaqView(
        id=entry.id,
        question=entry.question,
        audience=AUDIENCE_LABELS[entry.audience],
        answer=paragraphs(entry.answer),
        detail=paragraphs(entry.detail) if entry.detail else [],
        cites=cite_links(knowledge, entry.refs, root),
    )


def json_for_script(data: object) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def faq_jsonld(entries: list[FaqView]) -> Markup:
    """schema.org FAQPage data for the answers shown on the page, in the same words."""
    return json_for_script(
        {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": e.question,
                    "acceptedAnswer": {"@type": "Answer", "text": "\n\n".join(e.answer)},
                }
                for e in entries
            ],
        }
    )


def faq_topic(
    knowledge: Knowledge, topic: str, root: str, site_name: str | None = None, site_url: str | None = None
) -> str:
    """Every answer in one topic: the answer's permanent home (/faq/<topic>/#<id>).
    With the site's name, each answer carries a ready citation to its own anchor."""
    entries = [_faq_view(knowledge, e, root) for e in knowledge.faq if e.topic == topic]
    if not entries:
        raise ValueError(f"no FAQ entries in topic '{topic}'")
    if site_name:
        home = knowledge.by_id["faq_topics"][topic]
        entries = [
            dataclasses.replace(e, citation=citation(
                site_name, e.question, f"/faq/{topic}/", home.reviewed, site_url,
                anchor=e.id, container=f"FAQ: {home.title}", what="answer",
            ))
            for e in entries
        ]
    return _render("faq_topic.html.j2", entries=entries, jsonld=faq_jsonld(entries))


def faq_answer(knowledge: Knowledge, faq_id: str, root: str) -> str:
    """One answer without its question heading: the body of an embed."""
    entry = knowledge.by_id["faq"].get(faq_id)
    if entry is None:
        raise ValueError(f"no FAQ entry '{faq_id}'")
    return _render("faq_answer.html.j2", e=_faq_view(knowledge, entry, root))


def faq_url(entry: Faq, root: str) -> str:
    return f"{root}faq/{entry.topic}/#{entry.id}"


def faq_index(knowledge: Knowledge, root: str) -> str:
    """Every question, grouped by topic, each linking to its answer's home."""
    groups = []
    for topic in knowledge.faq_topics:
        entries = [e for e in knowledge.faq if e.topic == topic.id]
        if entries:
            groups.append(
                {
                    "id": topic.id,
                    "title": topic.title,
                    "description": topic.description,
                    "href": f"{root}faq/{topic.id}/",
                    "questions": [{"text": e.question, "href": faq_url(e, root)} for e in entries],
                }
            )
    return _render("faq_index.html.j2", groups=groups)


def faq_related(knowledge: Knowledge, page_url: str, root: str) -> str:
    """Links to the answers whose `related` names this page (chosen in the data)."""
    url = "/" + page_url.strip("/") + "/" if page_url.strip("/") else "/"
    entries = [e for e in knowledge.faq if url in e.related]
    if not entries:
        return ""
    return _render(
        "faq_related.html.j2", questions=[{"text": e.question, "href": faq_url(e, root)} for e in entries]
    )


# --- glossary and references -----------------------------------------------------------


def glossary(knowledge: Knowledge, root: str) -> str:
    terms = sorted(knowledge.glossary, key=lambda t: t.term.casefold())
    return _render(
        "glossary.html.j2",
        terms=[
            {
                "id": t.id,
                "term": t.term,
                "abbr": t.abbr,
                "definition": t.definition,
                "cites": cite_links(knowledge, t.refs, root),
            }
            for t in terms
        ],
    )


def reference_sort_key(ref: Reference) -> tuple:
    return (ref.label.casefold(), ref.year or 0, ref.id)


def references(knowledge: Knowledge, cited_on: dict[str, list[tuple[str, str]]], root: str) -> str:
    """Every reference, with its links and the pages that cite it.

    `cited_on` maps a reference id to (site URL, page title) pairs.
    """
    items = []
    for ref in sorted(knowledge.references, key=reference_sort_key):
        items.append(
            {
                "id": ref.id,
                "label": ref.label,
                "authors": ref.authors,
                "year": ref.year or "n.d.",
                "title": ref.title,
                "journal": ref.journal,
                "type": TYPE_LABELS[ref.type],
                "links": ref.links,
                "note": ref.note,
                "cited_on": [
                    {"href": root + url.lstrip("/"), "title": title}
                    for url, title in cited_on.get(ref.id, [])
                ],
            }
        )
    return _render("references.html.j2", items=items)


# --- skin science: diagrams and their tables --------------------------------------------

KIND_LABELS = {
    "cytokine": "Cytokine",
    "growth-factor": "Growth factor",
    "enzyme": "Enzyme",
    "enzyme-inhibitor": "Enzyme inhibitor",
}


def depth_diagram(knowledge: Knowledge) -> str:
    return _render("depth_diagram.html.j2", d=diagrams.depth_diagram(knowledge), tones=diagrams.SKIN_TONES)


def healing_timeline(knowledge: Knowledge, root: str) -> str:
    """The timeline, followed by the same facts as a table (its text alternative)."""
    return _render("healing_timeline.html.j2", t=diagrams.healing_timeline(knowledge)) + "\n" + phases_table(
        knowledge, root
    )


def thickness_table(knowledge: Knowledge, root: str) -> str:
    rows = [
        {
            "layer": layer.name,
            "label": t.label,
            "range": diagrams.range_text(*t.mm),
            "cites": cite_links(knowledge, t.refs, root),
        }
        for layer in knowledge.layers
        for t in layer.thickness
    ]
    return _render("thickness_table.html.j2", rows=rows)


def phases_table(knowledge: Knowledge, root: str) -> str:
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "summary": p.summary,
            "when": diagrams.span_text(p.start_hours, p.end_hours).capitalize(),
            "cells": ", ".join(p.cells),
            "signals": [
                {"name": s.name, "href": f"{root}skin/cytokines/#signal-{s.id}"}
                for s in knowledge.signals
                if p.id in s.phases
            ],
            "what_you_see": p.what_you_see,
            "cites": cite_links(knowledge, p.refs, root),
        }
        for p in knowledge.phases
    ]
    return _render("phases_table.html.j2", rows=rows)


def signals_table(knowledge: Knowledge, root: str) -> str:
    phases = knowledge.by_id["phases"]
    rows = [
        {
            "id": s.id,
            "name": s.name,
            "kind": KIND_LABELS[s.kind],
            "sources": ", ".join(s.sources) or "Not stated in our sources",
            "targets": ", ".join(s.targets) or "Not stated in our sources",
            "role": s.role,
            "phases": ", ".join(phases[p].name for p in s.phases) or "Not tied to one phase",
            "cites": cite_links(knowledge, s.refs, root),
        }
        for s in knowledge.signals
    ]
    return _render("signals_table.html.j2", rows=rows)


# --- evidence and claims -------------------------------------------------------------------

GRADE_LABELS = {"high": "High", "moderate": "Moderate", "low": "Low", "very-low": "Very low", "none": "None found"}
VERDICT_LABELS = {
    "incorrect": "False",
    "misleading": "Misleading",
    "unsupported": "Not supported",
    "partly-true": "Partly true",
    "correct": "True",
}


def _evidence_cell(knowledge: Knowledge, cell, root: str) -> dict:
    return {
        "grade": cell.grade,
        "grade_label": GRADE_LABELS[cell.grade],
        "summary": cell.summary,
        "cites": cite_links(knowledge, cell.refs, root),
    }


def evidence_matrix(knowledge: Knowledge, root: str) -> str:
    """Indications (rows) x treatments (columns), each cell graded and cited."""
    cells = {(c.treatment, c.indication): c for c in knowledge.evidence}
    treatments = [t for t in knowledge.treatments if any(c.treatment == t.id for c in knowledge.evidence)]
    rows = [
        {
            "id": ind.id,
            "name": ind.name,
            "summary": ind.summary,
            "cells": [
                {"column": t.name, **_evidence_cell(knowledge, cells[(t.id, ind.id)], root)} for t in treatments
            ],
        }
        for ind in knowledge.indications
    ]
    return _render("evidence_matrix.html.j2", columns=treatments, rows=rows)


def evidence_for(knowledge: Knowledge, treatment: str, root: str) -> str:
    """One treatment's evidence, indication by indication, linking to the full matrix."""
    name = knowledge.by_id["treatments"][treatment].name
    indications = knowledge.by_id["indications"]
    rows = [
        {"id": c.indication, "name": indications[c.indication].name, **_evidence_cell(knowledge, c, root)}
        for c in knowledge.evidence
        if c.treatment == treatment
    ]
    if not rows:
        raise ValueError(f"no evidence cells for treatment '{treatment}'")
    return _render("evidence_for.html.j2", treatment=treatment, name=name, rows=rows,
                   matrix_href=f"{root}evidence/#table-evidence-by-use")


def claims(knowledge: Knowledge, root: str) -> str:
    items = [
        {
            "id": c.id,
            "claim": c.claim,
            "verdict": c.verdict,
            "verdict_label": VERDICT_LABELS[c.verdict],
            "explanation": paragraphs(c.explanation),
            "cites": cite_links(knowledge, c.refs, root),
        }
        for c in knowledge.claims
    ]
    return _render("claims.html.j2", items=items)


def grade(knowledge: Knowledge, treatment: str, indication: str, root: str) -> str:
    """An inline grade from the data, so prose never disagrees with the evidence table."""
    cell = next((c for c in knowledge.evidence if (c.treatment, c.indication) == (treatment, indication)), None)
    if cell is None:
        raise ValueError(f"no evidence cell for {treatment} x {indication}")
    return _render("grade_inline.html.j2", grade=cell.grade, label=GRADE_LABELS[cell.grade],
                   href=f"{root}evidence/#evidence-{indication}")


# --- consultation kit -------------------------------------------------------------------


def checklist(knowledge: Knowledge, group: str, root: str) -> str:
    """A printable list with a box to tick beside each item."""
    chosen = knowledge.by_id["checklist"].get(group)
    if chosen is None:
        raise ValueError(f"no checklist group '{group}'")
    items = [{"text": i.text, "cites": cite_links(knowledge, i.refs, root)} for i in chosen.items]
    return _render("checklist.html.j2", id=chosen.id, title=chosen.title, items=items)


def notes_space() -> str:
    return _render("notes_space.html.j2")


def term_uses(pages: list[tuple[str, str]], root: str) -> str:
    """Where a glossary term is used: (site URL, page title) pairs, as links from the glossary."""
    if not pages:
        return ""
    links = [{"href": root + url.lstrip("/"), "title": title} for url, title in pages]
    return " " + _render("term_uses.html.j2", pages=links)


# --- trainees ----------------------------------------------------------------------------

QUIZ_TOPIC_LABELS = {
    "skin-layers": "Skin layers",
    "cytokines": "Cytokines and growth factors",
    "wound-healing": "Wound healing",
    "mesotherapy": "Mesotherapy",
    "microneedling": "Microneedling",
    "safety": "Safety and complications",
    "evidence": "Evidence",
    "regulation": "Regulation",
}
LETTERS = "ABCDE"


def objectives(items: list[str]) -> str:
    """The learning objectives from a page's front matter."""
    return _render("objectives.html.j2", items=items) if items else ""


def _quiz_view(knowledge: Knowledge, q, number: int, root: str) -> dict:
    return {
        "id": q.id,
        "number": number,
        "question": q.question,
        "options": [{"text": o, "correct": i == q.answer} for i, o in enumerate(q.options)],
        "answer": f"{LETTERS[q.answer]}. {q.options[q.answer]}",
        "explanation": q.explanation,
        "cites": cite_links(knowledge, q.refs, root),
    }


def quiz(knowledge: Knowledge, root: str) -> str:
    """Questions grouped by topic. Without JavaScript each answer is revealed on request;
    assets/kb.js turns the options into buttons, scores and offers a retry."""
    numbers = itertools.count(1)
    groups = []
    for topic, label in QUIZ_TOPIC_LABELS.items():
        chosen = [q for q in knowledge.quiz if q.topic == topic]
        if chosen:
            questions = [_quiz_view(knowledge, q, next(numbers), root) for q in chosen]
            groups.append({"id": topic, "label": label, "questions": questions})
    return _render("quiz.html.j2", groups=groups, total=len(knowledge.quiz))


def protocols_table(knowledge: Knowledge, root: str) -> str:
    """Depth, interval and sessions as studied, by treatment and use, with the evidence grade."""
    treatments = knowledge.by_id["treatments"]
    indications = knowledge.by_id["indications"]
    grades = {(c.treatment, c.indication): c.grade for c in knowledge.evidence}
    rows = [
        {
            "treatment": treatments[p.treatment].name,
            "indication": indications[p.indication].name,
            "indication_id": p.indication,
            "depth": p.depth,
            "interval": p.interval,
            "sessions": p.sessions,
            "grade": grades.get((p.treatment, p.indication), "none"),
            "grade_label": GRADE_LABELS[grades.get((p.treatment, p.indication), "none")],
            "href": f"{root}evidence/#evidence-{p.indication}",
            "cites": cite_links(knowledge, p.refs, root),
        }
        for p in knowledge.protocols
    ]
    return _render("protocols_table.html.j2", rows=rows)


@dataclass(frozen=True)
class PathStep:
    title: str
    href: str
    description: str
    objectives: list[str]


def study_path(steps: list[PathStep]) -> str:
    return _render("study_path.html.j2", steps=steps)


# --- clinics: the link kit ----------------------------------------------------------------


def iframe(src: str, title: str, height: int) -> str:
    """The snippet a clinic pastes into its page (shown as text, so the template escapes it)."""
    title = title.replace('"', "&quot;")
    return (f'<iframe src="{src}" title="{title}" width="100%" height="{height}" '
            'loading="lazy" style="border:0"></iframe>')


@dataclass(frozen=True)
class KitPage:
    url: str  # site URL, e.g. "/skin/layers/"
    title: str
    sections: list[tuple[str, str]]  # (anchor, heading)
    tables: list[tuple[str, str]]  # (table id, caption)


def link_kit(
    knowledge: Knowledge, pages: list[KitPage], embeds: dict[str, str], root: str, site_url: str | None
) -> str:
    """Every page, section, table and FAQ answer with its permanent link; tables with an
    iframe snippet for their embed. `embeds` maps a table id to its embed page URL."""

    def absolute(url: str) -> str:
        return (site_url.rstrip("/") if site_url else "") + url

    page_rows, tables = [], []
    for page in sorted(pages, key=lambda p: p.url):
        page_rows.append({
            "title": page.title,
            "href": root + page.url.lstrip("/"),
            "path": page.url,
            "sections": [{"title": t, "href": f"{root}{page.url.lstrip('/')}#{a}"} for a, t in page.sections],
        })
        for table_id, caption in page.tables:
            embed = embeds.get(table_id)
            tables.append({
                "caption": caption,
                "href": f"{root}{page.url.lstrip('/')}#{table_id}",
                "page": page.title,
                "embed_href": root + embed.lstrip("/") if embed else None,
                "iframe": iframe(absolute(embed), caption, 640) if embed else None,
            })
    topics = []
    for topic in knowledge.faq_topics:
        entries = [e for e in knowledge.faq if e.topic == topic.id]
        topics.append({
            "title": topic.title,
            "answers": [{"question": e.question, "href": faq_url(e, root),
                         "embed_href": f"{root}embed/faq/{e.id}/",
                         "iframe": iframe(absolute(f"/embed/faq/{e.id}/"), e.question, 420)} for e in entries],
        })
    return _render("link_kit.html.j2", pages=page_rows, tables=tables, topics=topics)


# --- trust: where advice differs, and the safety box ------------------------------------

ADVICE_HOME = "evidence/advice/"  # each topic's permanent anchor lives on this page only
URGENCY_ORDER = ("emergency", "same-day")


def _advice_view(knowledge: Knowledge, entry, root: str) -> dict:
    treatments = knowledge.by_id["treatments"]
    return {
        "id": entry.id,
        "question": entry.question,
        "treatments": spoken_list([treatments[t].name for t in entry.treatments]),
        "told": entry.told,
        "evidence": paragraphs(entry.evidence),
        "grade": entry.grade,
        "grade_label": GRADE_LABELS[entry.grade],
        "detail": paragraphs(entry.detail) if entry.detail else [],
        "cites": cite_links(knowledge, entry.refs, root),
        "href": f"{root}{ADVICE_HOME}#advice-{entry.id}",
    }


def advice(knowledge: Knowledge, ids: Iterable[str], root: str) -> str:
    """Chosen "what you may be told / what the evidence says" blocks, each linking to its
    permanent home on /evidence/advice/ (the anchor lives there, not here)."""
    ids = list(ids)
    if not ids:
        raise ValueError("advice() needs at least one advice id")
    entries = knowledge.by_id["advice"]
    missing = [i for i in ids if i not in entries]
    if missing:
        raise ValueError(f"no advice entry {', '.join(repr(i) for i in missing)} in data/knowledge.yml")
    items = [_advice_view(knowledge, entries[i], root) for i in ids]
    return _render("advice.html.j2", items=items, home=False,
                   method_href=f"{root}evidence/#how-we-grade-the-evidence")


def advice_list(knowledge: Knowledge, root: str) -> str:
    """Every advice topic, each with its permanent anchor (#advice-<id>)."""
    if not knowledge.advice:
        raise ValueError("no advice entries in data/knowledge.yml")
    items = [_advice_view(knowledge, a, root) for a in knowledge.advice]
    return _render("advice.html.j2", items=items, home=True,
                   method_href=f"{root}evidence/#how-we-grade-the-evidence")


def safety_box(knowledge: Knowledge, root: str) -> str:
    """Signs that need help after treatment, and where to report a problem: from the data,
    so every page that shows the box says the same thing."""
    if knowledge.safety is None:
        raise ValueError("no safety section in data/knowledge.yml")
    groups = {
        level: [{"sign": s.sign, "cites": cite_links(knowledge, s.refs, root)}
                for s in knowledge.safety.signs if s.urgency == level]
        for level in URGENCY_ORDER
    }
    routes = []
    for route in knowledge.safety.report:
        official = [knowledge.reference(r).url for r in route.refs if knowledge.reference(r).url]
        routes.append({
            "region": route.region,
            "scheme": route.scheme,
            "how": route.how,
            "href": official[0] if route.scheme and official else None,
            "cites": cite_links(knowledge, route.refs, root),
        })
    return _render("safety_box.html.j2", emergency=groups["emergency"], same_day=groups["same-day"],
                   routes=routes)


# --- regulation by country ------------------------------------------------------------------

REGULATION_HOME = "about/regulation/"  # each entry's permanent anchor lives on this page only


def regulation(knowledge: Knowledge, root: str, treatment: str | None = None) -> str:
    """Dated, sourced rules by country. With a treatment, only the entries that concern it,
    each linking to its permanent home; without, every entry with its anchor."""
    if treatment is not None and treatment not in knowledge.by_id["treatments"]:
        raise ValueError(f"no treatment '{treatment}'")
    entries = [e for e in knowledge.regulation if treatment is None or not e.treatments or treatment in e.treatments]
    if not entries:
        raise ValueError("no regulation entries" + (f" for '{treatment}'" if treatment else ""))
    treatments = knowledge.by_id["treatments"]
    rows = [
        {
            "id": e.id,
            "region": e.region,
            "topic": e.topic,
            "text": paragraphs(e.text),
            "about": spoken_list([treatments[t].name for t in e.treatments]) if e.treatments else "Both treatments",
            "checked": e.checked.isoformat(),
            "checked_label": f"{e.checked.day} {e.checked:%B %Y}",
            "cites": cite_links(knowledge, e.refs, root),
            "href": f"{root}{REGULATION_HOME}#regulation-{e.id}",
        }
        for e in entries
    ]
    table_id = f"table-regulation-{treatment}" if treatment else "table-regulation"
    return _render("regulation.html.j2", rows=rows, home=treatment is None, table_id=table_id)


# --- trust: citing a page or an answer, and what changed -----------------------------------

CHANGES_HOME = "about/changes/"
CHANGES_SHOWN = 3  # a page lists its most recent changes; the rest are on CHANGES_HOME


def long_date(day: date) -> str:
    """2026-11-03 -> "3 November 2026"."""
    return f"{day.day} {day:%B %Y}"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


@dataclass(frozen=True)
class Citation:
    label: str  # "Cite this page" or "Cite this answer"
    site: str
    title: str
    title_text: str  # the title as it reads in the citation, ending in a full stop or "?"
    container: str | None
    url: str  # absolute with SITE_URL, otherwise from the site root
    anchor: str | None
    reviewed: str
    reviewed_label: str


def citation(
    site_name: str, title: str, path: str, reviewed: date, site_url: str | None = None, *,
    anchor: str | None = None, container: str | None = None, what: str = "page",
) -> Citation:
    """A ready citation in the site's one style: Site. Title. [Container.] URL. Last
    reviewed <date>. Accessed <date> (a placeholder until kb.js fills in today)."""
    url = (site_url.rstrip("/") if site_url else "") + path + (f"#{anchor}" if anchor else "")
    return Citation(
        label=f"Cite this {what}", site=" ".join(site_name.split()).rstrip("."), title=title,
        title_text=_sentence(title), container=container.rstrip(".") if container else None, url=url,
        anchor=anchor, reviewed=reviewed.isoformat(), reviewed_label=long_date(reviewed),
    )


def citation_block(c: Citation) -> str:
    return _render("citation.html.j2", c=c)


def _change_row(change) -> dict:
    return {"date": change.date.isoformat(), "date_label": long_date(change.date),
            "summary": change.summary, "page": change.page, "site_wide": change.page == SITE_WIDE}


def page_changes(knowledge: Knowledge, page_url: str, root: str) -> str:
    """When a page last changed in substance and what changed: its latest entries
    (and the whole site's), with a link to the full list."""
    items = [_change_row(c) for c in knowledge.changes_for(page_url)[:CHANGES_SHOWN]]
    return _render("page_changes.html.j2", items=items, href=f"{root}{CHANGES_HOME}")


def changes(knowledge: Knowledge, titles: Mapping[str, str], root: str) -> str:
    """Every change, newest first, grouped by day, each labelled with the page it concerns.
    `titles` maps a page's site URL to its title."""
    if not knowledge.changes:
        raise ValueError("no changes in data/knowledge.yml")
    ordered = sorted(knowledge.changes, key=lambda c: c.date, reverse=True)
    days = []
    for day, group in itertools.groupby(ordered, key=lambda c: c.date):
        items = []
        for change in group:
            site_wide = change.page == SITE_WIDE
            items.append({
                **_change_row(change),
                "title": "Whole site" if site_wide else titles.get(change.page, change.page),
                "href": None if site_wide else root + change.page.lstrip("/"),
            })
        days.append({"date": day.isoformat(), "date_label": long_date(day), "entries": items})
    return _render("changes.html.j2", days=days)
