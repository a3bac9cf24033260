"""Where advice differs, the "get help now" box and the skin-of-colour sections, as a
reader meets them in the built site: generated from the data, cited, the same wherever
they appear, and in plain English."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from .htmlindex import read_site, resolve
from .test_content import HYPE, MAX_GRADE, grade

ADVICE_HOME = "/evidence/advice/"
# Which advice topics each page shows (the pages ask for them by id).
ADVICE_ON = {
    "/treatments/microneedling/": [
        "darker-skin", "isotretinoin", "retinoids", "make-up", "exercise", "sun", "toxin-filler", "cold-sores",
    ],
    "/treatments/mesotherapy/": ["darker-skin", "isotretinoin", "make-up", "exercise", "sun", "toxin-filler",
                                 "cold-sores"],
    "/patients/after-treatment/": ["make-up", "exercise", "sun", "retinoids"],
    "/patients/is-it-right-for-me/": ["isotretinoin", "cold-sores", "darker-skin", "toxin-filler"],
}
SAFETY_PAGES = [
    "/treatments/mesotherapy/",
    "/treatments/microneedling/",
    "/patients/after-treatment/",
    "/trainees/complications/",
]
TREATMENT_PAGES = ["/treatments/mesotherapy/", "/treatments/microneedling/"]


@pytest.fixture(scope="module")
def pages(site):
    return read_site(site)


def text_of(fragment: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def cited(fragment: str) -> list[str]:
    return re.findall(r'references/#ref-([a-z0-9-]+)"', fragment)


def blocks(html: str, tag: str, css_class: str) -> list[str]:
    return re.findall(rf'<{tag} class="{css_class}"[^>]*>.*?</{tag}>', html, re.S)


# --- where advice differs -------------------------------------------------------------------


def test_there_are_at_least_the_eight_topics_the_survey_asks_for(knowledge):
    wanted = {"isotretinoin", "retinoids", "make-up", "exercise", "sun", "toxin-filler", "darker-skin",
              "cold-sores"}
    assert wanted <= {a.id for a in knowledge.advice}


def test_advice_page_lists_every_topic_with_its_anchor_and_sources(pages, knowledge):
    page = pages[ADVICE_HOME]
    articles = blocks(page.html, "article", "kb-advice")
    anchors = [re.search(r'<h2 id="advice-([a-z0-9-]+)"', a).group(1) for a in articles]
    assert anchors == [a.id for a in knowledge.advice]
    for entry, article in zip(knowledge.advice, articles, strict=True):
        text = text_of(article)
        assert "What you may be told" in text and "What the evidence says" in text, entry.id
        for told in entry.told:
            assert told in text, f"{entry.id}: '{told}' missing"
        label = {"very-low": "Very low", "none": "None found"}.get(entry.grade, entry.grade.capitalize())
        assert f"Evidence: {label}" in text, entry.id
        assert set(cited(article)) == set(entry.refs), entry.id


def test_advice_page_is_in_the_navigation_beside_the_other_evidence_pages(pages):
    nav = re.findall(r'<a href="([^"]+)" class="md-nav__link', pages["/evidence/claims/"].html)
    targets = [resolve("/evidence/claims/", href)[0] for href in nav]
    assert ADVICE_HOME in targets
    assert targets.index(ADVICE_HOME) == targets.index("/evidence/claims/") + 1


def test_advice_anchors_live_only_on_the_advice_page(pages):
    elsewhere = {url: [i for i in p.ids if i.startswith("advice-")] for url, p in pages.items() if url != ADVICE_HOME}
    assert not {url: ids for url, ids in elsewhere.items() if ids}


@pytest.mark.parametrize("url", ADVICE_ON)
def test_pages_show_the_advice_they_ask_for_linking_to_its_home(pages, knowledge, url):
    entries = knowledge.by_id["advice"]
    shown = blocks(pages[url].html, "aside", "kb-advice")
    homes = [resolve(url, re.search(r'class="kb-permalink"><a href="([^"]+)"', b).group(1)) for b in shown]
    assert homes == [(ADVICE_HOME, f"advice-{i}") for i in ADVICE_ON[url]]
    for advice_id, block in zip(ADVICE_ON[url], shown, strict=True):
        assert entries[advice_id].question in text_of(block)
        assert set(cited(block)) == set(entries[advice_id].refs), f"{url}: {advice_id}"


def test_advice_reads_at_grade_8_or_lower(knowledge):
    hard = []
    for a in knowledge.advice:
        for part, text in [("question", a.question), ("told", " ".join(a.told)), ("evidence", a.evidence)]:
            if grade(text) > MAX_GRADE:
                hard.append(f"{a.id}.{part}: {grade(text):.1f}")
    assert not hard, hard


def test_no_hype_in_advice_or_the_safety_box(knowledge):
    texts = [f"{a.question} {' '.join(a.told)} {a.evidence} {a.detail or ''}" for a in knowledge.advice]
    texts += [s.sign for s in knowledge.safety.signs] + [r.how for r in knowledge.safety.report]
    assert not [m.group(0) for t in texts for m in HYPE.finditer(t)]


# --- the safety box ---------------------------------------------------------------------------


def safety_box(pages, url) -> str:
    found = blocks(pages[url].html, "aside", "kb-safety")
    assert len(found) == 1, f"{url} shows the safety box {len(found)} times"
    return found[0]


def test_every_safety_page_shows_the_same_box(pages):
    texts = {url: text_of(safety_box(pages, url)) for url in SAFETY_PAGES}
    assert len(set(texts.values())) == 1, "the safety box says different things on different pages"


@pytest.mark.parametrize("url", SAFETY_PAGES)
def test_safety_box_shows_every_sign_from_the_data_with_its_sources(pages, knowledge, url):
    box = safety_box(pages, url)
    for level in ("emergency", "same-day"):
        items = re.findall(r"<li>(.*?)</li>", box.split(f'class="kb-safety-{level}"')[1].split("</ul>")[0], re.S)
        signs = [s for s in knowledge.safety.signs if s.urgency == level]
        assert len(items) == len(signs), f"{url}: {level}"
        for sign, item in zip(signs, items, strict=True):
            assert sign.sign in text_of(item)
            assert cited(item) == sign.refs


def test_the_urgent_signs_cover_what_the_issue_lists(knowledge):
    signs = " ".join(s.sign.lower() for s in knowledge.safety.signs)
    for words in ["spreading", "fever", "pain", "sight", "turns white"]:
        assert words in signs, words


@pytest.mark.parametrize("url", SAFETY_PAGES)
def test_reporting_schemes_link_to_their_sourced_official_page(pages, knowledge, url):
    report = safety_box(pages, url).split('class="kb-safety-report"')[1].split("</ul>")[0]
    named = [r for r in knowledge.safety.report if r.scheme]
    assert {r.id for r in named} >= {"uk", "us"}
    for route in named:
        item = next(li for li in re.findall(r"<li>(.*?)</li>", report, re.S) if route.region in li)
        official = knowledge.reference(route.refs[0]).url
        assert f'<a href="{official}">{htmllib.escape(route.scheme, quote=False)}</a>' in item
        assert cited(item) == route.refs
    assert any(not r.scheme for r in knowledge.safety.report), "no general advice for other countries"


def test_safety_box_reads_at_grade_8_or_lower(knowledge):
    texts = [s.sign for s in knowledge.safety.signs] + [r.how for r in knowledge.safety.report]
    hard = [f"{grade(t):.1f}: {t}" for t in texts if grade(t) > MAX_GRADE]
    assert not hard, hard


# --- skin of colour ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", TREATMENT_PAGES)
def test_treatment_pages_have_a_cited_section_on_darker_skin(pages, url):
    html = pages[url].html
    assert 'id="darker-skin-tones"' in html, f"{url}: no 'Darker skin tones' section"
    section = html.split('id="darker-skin-tones"')[1].split("<h2 ")[0]
    text = text_of(section)
    assert "Fitzpatrick" in text and "IV to VI" in text
    assert "post-inflammatory hyperpigmentation" in text.lower()
    assert len(set(cited(section))) >= 4, f"{url}: the section cites {sorted(set(cited(section)))}"
    assert "Where advice differs: Is it safe for darker skin tones?" in text
    questions = re.findall(r"<li>([^<]*\?)</li>", section.split("What to ask")[1])
    assert len(questions) >= 3, f"{url}: the section has {len(questions)} questions to ask"


# --- regulation by country -------------------------------------------------------------------------

REGULATION_HOME = "/about/regulation/"


def test_regulation_page_lists_every_entry_dated_and_sourced(pages, knowledge):
    html = pages[REGULATION_HOME].html
    rows = re.findall(r'<tr id="regulation-([a-z0-9-]+)">(.*?)</tr>', html, re.S)
    assert [r for r, _ in rows] == [e.id for e in knowledge.regulation]
    for entry, (_, row) in zip(knowledge.regulation, rows, strict=True):
        assert f'<time datetime="{entry.checked.isoformat()}">' in row, entry.id
        assert cited(row) == entry.refs, entry.id
    regions = {e.region for e in knowledge.regulation}
    assert {"England", "United States"} <= regions
    assert "Other countries" in text_of(html)


def test_regulation_anchors_live_only_on_their_page(pages):
    assert not [url for url, p in pages.items()
                if url != REGULATION_HOME and any(i.startswith("regulation-") for i in p.ids)]


@pytest.mark.parametrize("url", TREATMENT_PAGES)
def test_treatment_pages_show_their_rules_linking_to_the_dated_table(pages, knowledge, url):
    treatment = url.strip("/").split("/")[-1]
    table = pages[url].html.split(f'<table id="table-regulation-{treatment}"')[1].split("</table>")[0]
    links = re.findall(r'class="kb-regulation-home" href="([^"]+)"', table)
    wanted = [e.id for e in knowledge.regulation if not e.treatments or treatment in e.treatments]
    assert [resolve(url, href) for href in links] == [(REGULATION_HOME, f"regulation-{i}") for i in wanted]
    assert len(re.findall(r"<time datetime=", table)) == len(wanted)
