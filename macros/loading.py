"""Read data/knowledge.yml, validate it, and check every cross-reference.

Every problem becomes one line that an editor can act on:

    data/knowledge.yml:212 faq[14].refs[1]: unknown reference 'smith2019'

All problems in the file are collected and reported together, so one run of
`python -m macros check` shows everything that needs fixing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .models import SITE_WIDE, Knowledge
from .pages import generated_pages, url_of

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    loc: Loc
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        path = format_loc(self.loc)
        return f"{where} {path}: {self.message}" if path else f"{where}: {self.message}"


class DataError(Exception):
    """The data file cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


# --- YAML with line numbers and no silent overwrites ---------------------------------


def read_yaml(path: Path) -> tuple[object, dict[Loc, int]]:
    """Parse YAML into plain data plus a map from each field's path to its line.

    PyYAML keeps the last of two equal keys without a word; here a duplicate
    key is an error naming both lines, because the first value would be lost.
    """
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(name, None, (), f"cannot read the file: {exc}")]) from exc
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(name, 1, (), "the file is empty")])
        lines: dict[Loc, int] = {}
        problems: list[Problem] = []
        _walk(node, (), lines, problems, name)
        if problems:
            raise DataError(problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise DataError([Problem(name, line, (), f"malformed YAML: {problem}")]) from exc
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, None, (), f"malformed YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    return data, lines


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], problems: list[Problem], name: str):
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            line = key_node.start_mark.line + 1
            if key == "<<":
                problems.append(Problem(name, line, loc, "YAML merge keys ('<<') are not allowed"))
                continue
            if key in seen:
                problems.append(
                    Problem(name, line, loc + (key,), f"duplicate key '{key}' (first at line {seen[key]})")
                )
                continue
            seen[key] = line
            lines[loc + (key,)] = line
            _walk(value_node, loc + (key,), lines, problems, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, loc + (index,), lines, problems, name)


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of the nearest enclosing field that exists in the file."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


# --- validation ---------------------------------------------------------------------------


def _pydantic_message(error: dict) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "missing required field"
    if kind == "literal_error":
        return error["msg"].replace("Input should be", "must be")
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    got = error.get("input")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        message += f" (got {type(got).__name__} {got!r})" if not isinstance(got, dict | list) else ""
    return message


def validate(data: object, lines: dict[Loc, int], name: str) -> Knowledge:
    try:
        return Knowledge.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            # pydantic appends the tag of a union branch ('str', 'int') to loc; drop it.
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
            problems.append(Problem(name, line_of(lines, loc), loc, _pydantic_message(error)))
        raise DataError(problems) from None


def cross_check(
    knowledge: Knowledge, lines: dict[Loc, int], name: str, pages: SitePages | None
) -> list[Problem]:
    """Ids that must be unique, and every id or URL that must point at something."""
    problems: list[Problem] = []

    def problem(loc: Loc, message: str) -> None:
        problems.append(Problem(name, line_of(lines, loc), loc, message))

    for section in knowledge.by_id:
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(knowledge, section)):
            if item.id in seen:
                problem((section, index, "id"), f"duplicate id '{item.id}' (also {section}[{seen[item.id]}])")
            else:
                seen[item.id] = index

    refs = set(knowledge.by_id["references"])

    def check_refs(loc: Loc, ids: Iterable[str]) -> None:
        for index, ref in enumerate(ids):
            if ref not in refs:
                problem(loc + (index,), f"unknown reference '{ref}'")

    def check_id(loc: Loc, item: str, section: str, what: str) -> None:
        if item not in knowledge.by_id[section]:
            problem(loc, f"unknown {what} '{item}'")

    def check_ids(loc: Loc, ids: Iterable[str], section: str, what: str) -> None:
        for index, item in enumerate(ids):
            check_id(loc + (index,), item, section, what)

    attribute_ids = [a.id for a in knowledge.attributes]
    for t_index, treatment in enumerate(knowledge.treatments):
        base = ("treatments", t_index, "values")
        for attr in attribute_ids:
            if attr not in treatment.values:
                problem(base, f"no value for attribute '{attr}' (write `unknown: <reason>` if not known)")
        for attr, value in treatment.values.items():
            if attr not in attribute_ids:
                problem(base + (attr,), f"unknown attribute '{attr}'")
            check_refs(base + (attr, "refs"), value.refs)
            check_ids(base + (attr, "layers"), value.layers, "layers", "layer")

    # An answer's id is its permanent anchor, and each anchor lives on exactly one page:
    # it may not also be a glossary term's or a claim's anchor.
    other_anchors = {g.id: "glossary" for g in knowledge.glossary} | {c.id: "claims" for c in knowledge.claims}
    for index, entry in enumerate(knowledge.faq):
        if entry.id in other_anchors:
            problem(("faq", index, "id"), f"'{entry.id}' is also an id in {other_anchors[entry.id]}; "
                    "anchors must be unique site-wide")

    topic_ids = {t.id for t in knowledge.faq_topics}
    for index, entry in enumerate(knowledge.faq):
        if entry.topic not in topic_ids:
            problem(("faq", index, "topic"), f"topic '{entry.topic}' has no entry in faq_topics")
        check_refs(("faq", index, "refs"), entry.refs)
        if pages is not None:
            for r_index, url in enumerate(entry.related):
                if url not in pages.urls:
                    problem(("faq", index, "related", r_index), f"no page at '{url}'")
                elif url not in pages.showing_related:
                    problem(("faq", index, "related", r_index),
                            f"'{url}' does not list related questions (add {{{{ faq_related() }}}} to it)")

    for index, term in enumerate(knowledge.glossary):
        check_refs(("glossary", index, "refs"), term.refs)

    for index, layer in enumerate(knowledge.layers):
        for t_index, thickness in enumerate(layer.thickness):
            check_refs(("layers", index, "thickness", t_index, "refs"), thickness.refs)
        if not layer.at("face"):
            problem(("layers", index, "thickness"), "no 'face' entry (the depth diagram draws the face)")
    for index, phase in enumerate(knowledge.phases):
        check_refs(("phases", index, "refs"), phase.refs)
    cells: dict[tuple[str, str], int] = {}
    for index, cell in enumerate(knowledge.evidence):
        check_id(("evidence", index, "treatment"), cell.treatment, "treatments", "treatment")
        check_id(("evidence", index, "indication"), cell.indication, "indications", "indication")
        check_refs(("evidence", index, "refs"), cell.refs)
        pair = (cell.treatment, cell.indication)
        if pair in cells:
            problem(("evidence", index), f"a second cell for {pair[0]} x {pair[1]} (also evidence[{cells[pair]}])")
        cells.setdefault(pair, index)
    # Every treatment that has evidence is graded for every indication: a gap is
    # written as grade `none`, never left out.
    graded = {c.treatment for c in knowledge.evidence}
    for treatment in (t.id for t in knowledge.treatments if t.id in graded):
        for indication in knowledge.indications:
            if (treatment, indication.id) not in cells:
                problem(("evidence",), f"no cell for {treatment} x {indication.id} (grade it; `none` if no study)")
    for index, claim in enumerate(knowledge.claims):
        check_refs(("claims", index, "refs"), claim.refs)
    for index, question in enumerate(knowledge.quiz):
        check_refs(("quiz", index, "refs"), question.refs)
    for index, protocol in enumerate(knowledge.protocols):
        check_id(("protocols", index, "treatment"), protocol.treatment, "treatments", "treatment")
        check_id(("protocols", index, "indication"), protocol.indication, "indications", "indication")
        check_refs(("protocols", index, "refs"), protocol.refs)
    for index, group in enumerate(knowledge.checklist):
        for i_index, item in enumerate(group.items):
            check_refs(("checklist", index, "items", i_index, "refs"), item.refs)
    for index, signal in enumerate(knowledge.signals):
        check_refs(("signals", index, "refs"), signal.refs)
        check_ids(("signals", index, "phases"), signal.phases, "phases", "phase")
    for index, entry in enumerate(knowledge.advice):
        check_refs(("advice", index, "refs"), entry.refs)
        check_ids(("advice", index, "treatments"), entry.treatments, "treatments", "treatment")
    if knowledge.safety:
        for index, sign in enumerate(knowledge.safety.signs):
            check_refs(("safety", "signs", index, "refs"), sign.refs)
        routes: dict[str, int] = {}
        for index, route in enumerate(knowledge.safety.report):
            check_refs(("safety", "report", index, "refs"), route.refs)
            if route.id in routes:
                problem(("safety", "report", index, "id"),
                        f"duplicate id '{route.id}' (also safety.report[{routes[route.id]}])")
            routes.setdefault(route.id, index)
    for index, entry in enumerate(knowledge.regulation):
        check_refs(("regulation", index, "refs"), entry.refs)
        check_ids(("regulation", index, "treatments"), entry.treatments, "treatments", "treatment")
    # A change names the page it changed, so each page can show its own history.
    if pages is not None:
        for index, change in enumerate(knowledge.changes):
            if change.page != SITE_WIDE and change.page not in pages.urls:
                problem(("changes", index, "page"), f"no page at '{change.page}' (use '/' for the whole site)")
    return problems


# --- pages the data may point at ---------------------------------------------------------


@dataclass(frozen=True)
class SitePages:
    urls: set[str]  # every page the built site will have, written or generated
    showing_related: set[str]  # pages that list their related questions ({{ faq_related() }})


def site_pages(docs_dir: Path, knowledge: Knowledge) -> SitePages:
    urls, showing = set(), set()
    for md in docs_dir.rglob("*.md"):
        url = url_of(md.relative_to(docs_dir).as_posix())
        urls.add(url)
        if "faq_related(" in md.read_text(encoding="utf-8"):
            showing.add(url)
    return SitePages(urls | {url_of(uri) for uri in generated_pages(knowledge, docs_dir)}, showing)


# --- the entry point ----------------------------------------------------------------------

_cache: dict[tuple, Knowledge] = {}


def load(path: str | Path, docs_dir: str | Path | None = None) -> Knowledge:
    """Load and fully check a data file; raise DataError listing every problem.

    Cached on the file's path and content, so the hook and the macros of one
    build (and `mkdocs serve` rebuilds) parse it only when it changes.
    """
    path = Path(path).resolve()
    docs = Path(docs_dir).resolve() if docs_dir else None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise DataError([Problem(display_path(path), None, (), f"cannot read the file: {exc}")]) from exc
    key = (path, digest, docs)
    if key in _cache:
        return _cache[key]
    name = display_path(path)
    data, lines = read_yaml(path)
    knowledge = validate(data, lines, name)
    pages = site_pages(docs, knowledge) if docs else None
    problems = cross_check(knowledge, lines, name, pages)
    if problems:
        raise DataError(problems)
    _cache[key] = knowledge
    return knowledge
