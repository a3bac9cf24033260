"""A small, valid data file that each test breaks in one way."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.loading import DataError, load

VALID = textwrap.dedent(
    """\
    attributes:
      - id: what-it-is
        label: What it is
        group: at-a-glance
        help: A plain description.
      - id: downtime
        label: Downtime | recovery
        group: practicalities
        help: How long the skin takes to settle.
    treatments:
      - id: alpha
        name: Alpha <b>treatment</b>
        summary: The first one.
        values:
          what-it-is:
            text: Injections | into the dermis, café-au-lait
            refs: [smith2020]
          downtime:
            unknown: No study has measured it.
      - id: beta
        name: Beta
        summary: The second one.
        values:
          what-it-is:
            text: Needles
            depth_mm: [0.5, 1.5]
            refs: [smith2020, jones2019]
          downtime:
            text: About 3 days
            refs: [jones2019]
    faq_topics:
      - id: basics
        title: The basics
        description: First questions.
        reviewed: 2026-01-01
        review_due: 2026-07-01
    faq:
      - id: what-is-it
        topic: basics
        audience: patient
        question: What is <script>alert(1)</script> it?
        answer: |
          First paragraph.

          Second paragraph with ünïcode.
        refs: [smith2020]
        related: [/about/]
      - id: how-deep
        topic: basics
        audience: trainee
        question: How deep?
        answer: Deep enough.
        detail: About 0.5 mm.
        refs: [jones2019, smith2020]
    glossary:
      - id: dermis
        term: Dermis
        definition: The layer under the epidermis.
    references:
      - id: smith2020
        authors: Smith A, Brown B, Green C
        year: 2020
        title: A study
        journal: J Skin. 2020;1:1-2
        doi: 10.1000/xyz123
        type: rct
      - id: jones2019
        authors: Jones D, Evans E
        year: 2019
        title: Another study
        journal: Skin Res. 2019
        pmid: "12345"
        type: cohort
    """
)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "index.md").write_text("# Home\n")
    (folder / "about.md").write_text("# About\n\n{{ faq_related() }}\n")
    return folder


@pytest.fixture
def write(tmp_path: Path):
    """write(text) -> path of a data file holding `text`."""

    def _write(text: str) -> Path:
        path = tmp_path / "knowledge.yml"
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def load_with(write, docs):
    """load_with(extra) -> the valid data file plus `extra` sections, loaded and checked."""
    from macros.loading import load

    return lambda extra: load(write(VALID + extra), docs)


def problems(path, docs=None) -> list[str]:
    """Every problem the loader reports for the file at `path`, as text."""
    with pytest.raises(DataError) as info:
        load(path, docs)
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]
