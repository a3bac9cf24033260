"""Typed models of data/knowledge.yml.

Every model forbids unknown fields, so a typo in the data file is an error
rather than a silently ignored key. Cross-references between sections (a
reference id, an attribute id, a page URL) are checked in `loading.py`, which
knows the file and the docs folder; the models check one entry at a time.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SiteUrl = Annotated[str, StringConstraints(pattern=r"^/([a-z0-9-]+/)*$")]
SITE_WIDE = "/"  # a change's page when it concerns the whole site
WebUrl = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]

Audience = Literal["patient", "trainee", "both"]
Grade = Literal["high", "moderate", "low", "very-low", "none"]
AttributeGroup = Literal["at-a-glance", "practicalities", "safety", "evidence"]
# The FAQ topic slugs are part of the URL promise (SITE.md): /faq/<topic>/.
FaqTopicId = Literal[
    "basics", "procedure", "results", "recovery", "safety", "suitability",
    "medicines", "at-home", "choosing-a-provider", "costs", "science",
]
StudyType = Literal[
    "meta-analysis", "systematic-review", "rct", "cohort", "case-control",
    "cross-sectional", "case-series", "case-report", "narrative-review", "in-vitro", "animal",
    "textbook", "guideline", "regulation", "label", "position-statement",
]
# Documents without a DOI or PMID: cited by their official URL and issuer.
# (Textbook chapters such as NCBI Bookshelf entries have a stable URL, often no DOI.)
WEB_DOCUMENT_TYPES = {"guideline", "regulation", "label", "position-statement", "textbook"}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(Model):
    id: Id
    authors: Text
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Text
    journal: Text
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,9}$")] | None = None
    url: WebUrl | None = None
    type: StudyType
    short: Text | None = None  # citation label where "First et al. year" reads badly
    note: Text | None = None  # a caveat readers should see beside the reference

    @model_validator(mode="after")
    def _identified(self) -> Reference:
        if self.type in WEB_DOCUMENT_TYPES:
            if not (self.doi or self.pmid or self.url):
                raise ValueError(f"a {self.type} needs a doi, pmid or its official url")
        elif not (self.doi or self.pmid):
            raise ValueError("a journal article needs a doi or a pmid")
        if self.year is None and self.type not in WEB_DOCUMENT_TYPES:
            raise ValueError("year is required for this type of reference")
        return self

    @property
    def label(self) -> str:
        """Short in-text label, e.g. 'Hou et al. 2017' or 'Bos and Meinardi 2000'."""
        year = str(self.year) if self.year else "n.d."
        if self.short:
            return self.short
        names = [a.strip() for a in re.split(r",\s*", self.authors) if a.strip()]
        surnames = [n.rsplit(" ", 1)[0] if re.search(r" [A-Z]{1,3}$", n) else n for n in names]
        if len(surnames) == 1:
            who = surnames[0]
        elif len(surnames) == 2 and "et al" not in surnames[1]:
            who = f"{surnames[0]} and {surnames[1]}"
        else:
            who = f"{surnames[0]} et al."
        return f"{who} {year}"

    @property
    def links(self) -> list[tuple[str, str]]:
        """(label, href) pairs in order of preference."""
        out = []
        if self.doi:
            out.append((f"doi:{self.doi}", f"https://doi.org/{self.doi}"))
        if self.pmid:
            out.append((f"PubMed {self.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"))
        if self.url and not out:
            out.append(("Official page", self.url))
        return out


class Attribute(Model):
    id: Id
    label: Text
    group: AttributeGroup
    help: Text


class Value(Model):
    """One cell of a comparison table: known (text and refs) or unknown (a reason)."""

    text: Text | None = None
    unknown: Text | None = None  # why the value is not known; shown to the reader
    depth_mm: tuple[float, float] | None = None  # a range in millimetres (drawn on the depth diagram)
    layers: list[Id] = []  # skin layers aimed at, when a source names layers but no millimetres
    refs: list[Id] = []

    @model_validator(mode="after")
    def _known_or_not(self) -> Value:
        if (self.text is None) == (self.unknown is None):
            raise ValueError("give either text or unknown (with the reason), not both")
        if self.text is not None and not self.refs:
            raise ValueError("a known value needs at least one reference in refs")
        if self.depth_mm and not 0 <= self.depth_mm[0] <= self.depth_mm[1]:
            raise ValueError("depth_mm must be [shallowest, deepest] in millimetres")
        return self


class Treatment(Model):
    id: Id
    name: Text
    other_names: list[Text] = []
    summary: Text
    values: dict[Id, Value]


class FaqTopic(Model):
    id: FaqTopicId
    title: Text
    description: Text
    reviewed: date
    review_due: date


class Faq(Model):
    id: Id
    topic: FaqTopicId
    audience: Audience
    question: Text
    answer: Text  # plain text; blank lines separate paragraphs
    detail: Text | None = None  # depth for trainees, plain text
    refs: list[Id] = Field(min_length=1)
    related: list[SiteUrl] = []


class GlossaryTerm(Model):
    id: Id
    term: Text
    abbr: Text | None = None
    aliases: list[Text] = []  # other wordings that should link to this term in articles
    definition: Text
    refs: list[Id] = []


MmRange = tuple[Annotated[float, Field(ge=0)], Annotated[float, Field(ge=0)]]


def _ordered(value: tuple[float, float], what: str) -> tuple[float, float]:
    if value[0] > value[1]:
        raise ValueError(f"{what} must be [low, high]")
    return value


class Thickness(Model):
    site: Literal["face", "body"]  # the depth diagram draws the face
    label: Text
    mm: MmRange
    refs: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _range(self) -> Thickness:
        _ordered(self.mm, "mm")
        return self


class Layer(Model):
    id: Id
    name: Text
    summary: Text
    thickness: list[Thickness] = Field(min_length=1)

    def at(self, site: str) -> Thickness | None:
        return next((t for t in self.thickness if t.site == site), None)


class Phase(Model):
    id: Id
    name: Text
    start_hours: float = Field(ge=0)
    end_hours: float = Field(gt=0)
    cells: list[Text] = []  # which signals act in a phase is kept on each signal (signals[].phases)
    what_you_see: Text
    summary: Text
    refs: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _span(self) -> Phase:
        if self.end_hours <= self.start_hours:
            raise ValueError("end_hours must be after start_hours")
        return self


class Signal(Model):
    id: Id
    name: Text
    kind: Literal["cytokine", "growth-factor", "enzyme", "enzyme-inhibitor"]
    sources: list[Text] = []
    targets: list[Text] = []
    role: Text
    phases: list[Id] = []
    refs: list[Id] = Field(min_length=1)


class Indication(Model):
    id: Id
    name: Text
    summary: Text


class Evidence(Model):
    """One cell of the treatment x indication matrix."""

    treatment: Id
    indication: Id
    grade: Grade
    summary: Text
    refs: list[Id] = Field(min_length=1)


# Not "true"/"false": YAML would read those, unquoted, as booleans.
Verdict = Literal["incorrect", "misleading", "unsupported", "partly-true", "correct"]


class Claim(Model):
    id: Id
    claim: Text
    verdict: Verdict
    explanation: Text
    refs: list[Id] = Field(min_length=1)


class ChecklistItem(Model):
    text: Text
    refs: list[Id] = []


class ChecklistGroup(Model):
    id: Id
    title: Text
    items: list[ChecklistItem] = Field(min_length=1)


QuizTopic = Literal[
    "skin-layers", "cytokines", "wound-healing", "mesotherapy", "microneedling", "safety", "evidence", "regulation",
]


class QuizQuestion(Model):
    id: Annotated[str, StringConstraints(pattern=r"^q-[a-z0-9-]+$", max_length=60)]
    topic: QuizTopic
    question: Text
    options: list[Text] = Field(min_length=3, max_length=5)
    answer: int = Field(ge=0)  # index into options, from 0
    explanation: Text
    refs: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _answerable(self) -> QuizQuestion:
        if self.answer >= len(self.options):
            raise ValueError(f"answer {self.answer} is not an option (there are {len(self.options)}, from 0)")
        if len(set(self.options)) != len(self.options):
            raise ValueError("two options are the same")
        return self


class Protocol(Model):
    """What the studies used for one treatment and use: depth, interval, sessions."""

    treatment: Id
    indication: Id
    depth: Text
    interval: Text
    sessions: Text
    refs: list[Id] = Field(min_length=1)


class Advice(Model):
    """Where advice differs: the range of what people are told, and what the evidence says.

    `told` is the spread of advice given in practice (no clinic named), one line
    per position; at least two, or there is no disagreement to show.
    """

    id: Id
    question: Text  # the topic as a reader asks it
    treatments: list[Id] = Field(min_length=1)  # which treatments it concerns
    told: list[Text] = Field(min_length=2)
    evidence: Text  # plain text for patients; blank lines separate paragraphs
    grade: Grade  # strength of the best evidence or consensus behind `evidence`
    detail: Text | None = None  # depth for trainees, plain text
    refs: list[Id] = Field(min_length=1)


class WarningSign(Model):
    """A sign after treatment that needs help: at once (`emergency`) or the same day."""

    sign: Text
    urgency: Literal["emergency", "same-day"]
    refs: list[Id] = Field(min_length=1)


class ReportRoute(Model):
    """Where to report a problem with a product or device, for one country or region."""

    id: Id
    region: Text
    scheme: Text | None = None  # the regulator's reporting scheme, when one is named
    how: Text
    refs: list[Id] = []

    @model_validator(mode="after")
    def _sourced(self) -> ReportRoute:
        # A named scheme is a factual claim about a regulator: it needs its official source.
        if self.scheme and not self.refs:
            raise ValueError("a route that names a scheme needs the scheme's official page in refs")
        return self


class Safety(Model):
    """The "get help now" box: the same signs and reporting routes on every page that shows it."""

    signs: list[WarningSign] = Field(min_length=1)
    report: list[ReportRoute] = Field(min_length=1)


def _not_after_today(day: date, field: str) -> None:
    """A check or a change dated after today is a typo; time passing never makes this fail."""
    if day > date.today():
        raise ValueError(f"{field} {day} is in the future")


class RegulationEntry(Model):
    """One dated, sourced statement of the rules in one country or region."""

    id: Id
    region: Text
    topic: Text  # what the rules cover, e.g. "Who may give these treatments"
    text: Text  # plain text; blank lines separate paragraphs
    treatments: list[Id] = []  # the treatments it concerns; empty means all
    checked: date  # when the entry was last compared with its sources
    refs: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _not_in_the_future(self) -> RegulationEntry:
        _not_after_today(self.checked, "checked")
        return self


class Change(Model):
    """One change in substance to a page (or, with page "/", to the whole site): what a
    clinic linking to the page would want to know. Taken from the project's history."""

    date: date
    page: SiteUrl  # the page it concerns; "/" for the whole site
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]

    @model_validator(mode="after")
    def _true_history(self) -> Change:
        _not_after_today(self.date, "date")
        return self


class Knowledge(Model):
    references: list[Reference]
    attributes: list[Attribute]
    treatments: list[Treatment]
    faq_topics: list[FaqTopic]
    faq: list[Faq]
    glossary: list[GlossaryTerm]
    layers: list[Layer] = []
    phases: list[Phase] = []
    signals: list[Signal] = []
    indications: list[Indication] = []
    evidence: list[Evidence] = []
    claims: list[Claim] = []
    checklist: list[ChecklistGroup] = []
    quiz: list[QuizQuestion] = []
    protocols: list[Protocol] = []
    advice: list[Advice] = []
    safety: Safety | None = None
    regulation: list[RegulationEntry] = []
    changes: list[Change] = []

    @cached_property
    def by_id(self) -> dict[str, dict[str, Model]]:
        """Each id-bearing section as {id: entry}; the lists keep the editor's order."""
        return {
            name: {item.id: item for item in getattr(self, name)}
            for name in (
                "references", "attributes", "treatments", "faq_topics", "faq", "glossary",
                "layers", "phases", "signals", "indications", "claims", "checklist", "quiz",
                "advice", "regulation",
            )
        }

    def reference(self, ref_id: str) -> Reference:
        return self.by_id["references"][ref_id]

    def changes_for(self, page_url: str) -> list[Change]:
        """Changes to one page and to the whole site, newest first (a day's entries
        keep the file's order: the latest first)."""
        chosen = [c for c in self.changes if c.page in (page_url, SITE_WIDE)]
        return sorted(chosen, key=lambda c: c.date, reverse=True)


class PageMeta(Model):
    """Front matter every page carries (SITE.md): who it is for and when it was checked."""

    title: Text | None = None
    description: Annotated[str, StringConstraints(min_length=20, max_length=200)]
    audience: Audience
    reviewed: date
    review_due: date
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = []
    link_terms: bool = True  # link glossary terms to their definitions (off on the glossary itself)
    # The text between headings rendered only when a reader gets near it (macros/chunks.py), so
    # a long page does not block a phone while all of it is laid out at load. false turns it off.
    lazy_sections: bool = True
    objectives: list[Text] = []  # what a trainee should be able to do after reading, shown on the page
    search: dict[str, bool] = {}  # Material: {exclude: true} keeps a page out of search
    template: Literal["embed.html"] | None = None  # embeds: minimal chrome, see overrides/embed.html
    source_url: Annotated[str, StringConstraints(pattern=r"^/([a-z0-9-]+/)*(#[a-z0-9-]+)?$")] | None = None
    source_title: Text | None = None  # an embed's full page, credited under it

    @model_validator(mode="after")
    def _due_after_review(self) -> PageMeta:
        if self.review_due <= self.reviewed:
            raise ValueError("review_due must be after reviewed")
        return self

    def overdue(self, today: date) -> bool:
        return today > self.review_due
