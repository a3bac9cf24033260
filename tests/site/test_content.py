"""The words patients read: plain English (reading grade 8 or lower) and no hype.

Reading grade is Flesch-Kincaid from textstat 0.7.8 (later releases download
a dictionary at run time and fail offline). Only text a patient reads is
scored: patient and both-audience FAQ answers, glossary definitions, table
cells, and every "In short" block, with citation macros removed.
"""

from __future__ import annotations

import re

import pytest
import textstat

from tests.conftest import PROJECT

MAX_GRADE = 8.0
HYPE = re.compile(r"\b(detox\w*|miracle\w*|guarantee[ds]?|painless|non-surgical facelift|anti-ageing secret)\b", re.I)
MACRO = re.compile(r"\{\{.*?\}\}", re.S)
# A hype phrase in quotation marks is a claim being named (to be checked), not used.
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(MACRO.sub("", text))


def in_short_blocks(markdown: str) -> list[str]:
    """Bodies of `!!! abstract "In short"` admonitions (indented by four spaces)."""
    blocks = re.findall(r'^!!! \w+ "In short"\n((?:    .*\n|\n)+)', markdown, re.M)
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks]


ARTICLES = sorted(p for p in (PROJECT / "docs").rglob("*.md") if "In short" in p.read_text())


def test_the_scorer_works_offline():
    # A scorer that silently returned 0 would pass every text.
    assert grade("The cat sat on the mat. It was warm.") < 4
    assert grade(
        "Notwithstanding considerable methodological heterogeneity, percutaneous collagen induction "
        "demonstrated statistically significant improvements in atrophic cicatricial morphology."
    ) > 12


def test_there_are_articles_with_an_in_short_block():
    assert ARTICLES


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: str(p.relative_to(PROJECT / "docs")))
def test_in_short_blocks_read_at_grade_8_or_lower(path):
    blocks = in_short_blocks(path.read_text())
    assert blocks, f"{path}: 'In short' block not in the expected admonition form"
    for block in blocks:
        assert grade(block) <= MAX_GRADE, f"grade {grade(block):.1f}: {block[:80]}..."


def test_patient_faq_answers_read_at_grade_8_or_lower(knowledge):
    hard = [
        f"{e.id}: grade {grade(e.answer):.1f}"
        for e in knowledge.faq
        if e.audience in ("patient", "both") and grade(e.answer) > MAX_GRADE
    ]
    assert not hard, hard


def test_glossary_definitions_read_at_grade_8_or_lower(knowledge):
    hard = [f"{t.id}: {grade(t.definition):.1f}" for t in knowledge.glossary if grade(t.definition) > MAX_GRADE]
    assert not hard, hard


def test_comparison_cells_read_at_grade_8_or_lower(knowledge):
    hard = [
        f"{t.id}.{attr}: {grade(v.text):.1f}"
        for t in knowledge.treatments
        for attr, v in t.values.items()
        if v.text and grade(v.text) > MAX_GRADE
    ]
    assert not hard, hard


def test_no_hype_words(knowledge):
    texts = [(f"faq {e.id}", f"{e.question} {e.answer} {e.detail or ''}") for e in knowledge.faq]
    texts += [(f"{t.id}.{a}", v.text or v.unknown) for t in knowledge.treatments for a, v in t.values.items()]
    texts += [(str(p.relative_to(PROJECT)), p.read_text()) for p in (PROJECT / "docs").rglob("*.md")]
    found = [f"{where}: {m.group(0)}" for where, text in texts for m in HYPE.finditer(QUOTED.sub("", text))]
    assert not found, found


def test_checklist_items_read_at_grade_8_or_lower(knowledge):
    items = [(g.id, i.text) for g in knowledge.checklist for i in g.items]
    assert items, "the consultation checklist is empty"
    hard = [f"{group}: {text} ({grade(text):.1f})" for group, text in items if grade(text) > MAX_GRADE]
    assert not hard, hard
