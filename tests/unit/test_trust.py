"""Where advice differs, and the safety box: the loader rejects what a reader could not
trust (a dangling source, a one-sided "range", a named scheme with no source), and the
renderers show the data, escaped, with anchors only where they belong."""

from __future__ import annotations

import re

import pytest

from macros import rendering
from macros.loading import load
from macros.pages import Source, cited_on

from .conftest import VALID, line_of, problems
from .test_rendering import Tree

ADVICE = """\
advice:
  - id: make-up
    question: When can I wear <script>alert(1)</script> make-up?
    treatments: [alpha, beta]
    told:
      - After 12 hours | or so.
      - After 3 days, café-style.
    evidence: |
      No study has tested it.

      A second paragraph.
    grade: none
    detail: Animal data only.
    refs: [smith2020]
  - id: sun
    question: Sun?
    treatments: [beta]
    told: [Avoid it for a day., Avoid it for a week.]
    evidence: Wear sunscreen.
    grade: low
    refs: [jones2019, smith2020]
"""

SAFETY = """\
safety:
  signs:
    - sign: Vision changes <b>now</b>.
      urgency: emergency
      refs: [smith2020]
    - sign: Pus or a boil.
      urgency: same-day
      refs: [jones2019]
  report:
    - id: uk
      region: United Kingdom
      scheme: Yellow Card scheme
      how: Anyone can report.
      refs: [yellow]
    - id: elsewhere
      region: Other countries
      how: Ask your doctor.
"""

YELLOW = """\
  - id: yellow
    authors: A regulator
    title: What to report
    journal: Regulator web page
    url: https://example.org/report
    type: regulation
"""


def with_sections(*extra: str) -> str:
    """VALID plus the trust sections, with the regulator's page added to references."""
    return VALID + YELLOW + "".join(extra)


@pytest.fixture
def knowledge(write, docs):
    return load(write(with_sections(ADVICE, SAFETY)), docs)


# --- the loader ---------------------------------------------------------------------------


def test_trust_sections_load(knowledge):
    assert [a.id for a in knowledge.advice] == ["make-up", "sun"]
    assert knowledge.safety.report[0].scheme == "Yellow Card scheme"


def test_advice_citing_an_unknown_reference_names_file_line_and_field(write):
    text = with_sections(ADVICE.replace("refs: [jones2019, smith2020]", "refs: [jones2019, nobody2000]"), SAFETY)
    [message] = problems(write(text))
    line = line_of(text, "refs: [jones2019, nobody2000]")
    assert message.endswith(f"knowledge.yml:{line} advice[1].refs[1]: unknown reference 'nobody2000'")


def test_advice_for_an_unknown_treatment(write):
    text = with_sections(ADVICE.replace("treatments: [beta]", "treatments: [gamma]"), SAFETY)
    [message] = problems(write(text))
    assert re.search(rf":{line_of(text, 'treatments: [gamma]')} advice\[1\]\.treatments\[0\]: "
                     r"unknown treatment 'gamma'$", message)


def test_advice_needs_a_range_of_what_people_are_told(write):
    text = with_sections(ADVICE.replace("told: [Avoid it for a day., Avoid it for a week.]",
                                        "told: [Avoid it for a day.]"), SAFETY)
    [message] = problems(write(text))
    assert "advice[1].told: List should have at least 2 items" in message


def test_advice_needs_a_reference_and_a_grade_from_the_vocabulary(write):
    text = with_sections(ADVICE.replace("    refs: [jones2019, smith2020]\n", "    refs: []\n")
                         .replace("grade: low", "grade: strong"), SAFETY)
    found = problems(write(text))
    assert any("advice[1].refs: List should have at least 1 item" in m for m in found)
    assert any("advice[1].grade: must be 'high', 'moderate', 'low', 'very-low' or 'none'" in m for m in found)


def test_duplicate_advice_id(write):
    text = with_sections(ADVICE.replace("id: sun", "id: make-up"), SAFETY)
    [message] = problems(write(text))
    assert re.search(r":\d+ advice\[1\]\.id: duplicate id 'make-up' \(also advice\[0\]\)$", message)


def test_warning_sign_citing_an_unknown_reference(write):
    text = with_sections(ADVICE, SAFETY.replace("refs: [jones2019]", "refs: [ghost2001]"))
    [message] = problems(write(text))
    line = line_of(text, "refs: [ghost2001]")
    assert message.endswith(f"knowledge.yml:{line} safety.signs[1].refs[0]: unknown reference 'ghost2001'")


def test_warning_sign_urgency_is_a_fixed_vocabulary(write):
    text = with_sections(ADVICE, SAFETY.replace("urgency: same-day", "urgency: whenever"))
    [message] = problems(write(text))
    assert "safety.signs[1].urgency: must be 'emergency' or 'same-day'" in message


def test_a_named_reporting_scheme_needs_its_source(write):
    text = with_sections(ADVICE, SAFETY.replace("      refs: [yellow]\n", ""))
    [message] = problems(write(text))
    assert re.search(r":\d+ safety\.report\[0\]: a route that names a scheme needs the scheme's official "
                     r"page in refs$", message)


def test_reporting_route_citing_an_unknown_reference(write):
    text = with_sections(ADVICE, SAFETY.replace("refs: [yellow]", "refs: [yelow]"))
    [message] = problems(write(text))
    assert message.endswith(f":{line_of(text, 'refs: [yelow]')} safety.report[0].refs[0]: unknown reference 'yelow'")


def test_duplicate_reporting_route(write):
    text = with_sections(ADVICE, SAFETY.replace("id: elsewhere", "id: uk"))
    [message] = problems(write(text))
    assert "safety.report[1].id: duplicate id 'uk' (also safety.report[0])" in message


# --- the renderers ---------------------------------------------------------------------------


def test_advice_block_shows_both_sides_escaped_and_links_to_its_home(knowledge):
    html = rendering.advice(knowledge, ["make-up"], "../../")
    tree = Tree(html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "What you may be told" in tree.text and "What the evidence says" in tree.text
    assert "After 12 hours | or so." in tree.text and "café-style" in tree.text
    assert "Evidence: None found" in tree.text
    assert html.count("<p>No study has tested it.</p>") == 1 and "<p>A second paragraph.</p>" in html
    assert "For trainees" in tree.text and "Animal data only." in tree.text
    # The permanent anchor lives on /evidence/advice/ only; here the block links to it.
    assert not [i for i in tree.ids if i.startswith("advice-")]
    assert 'href="../../evidence/advice/#advice-make-up"' in html
    assert 'href="../../references/#ref-smith2020"' in html


def test_advice_blocks_come_in_the_order_asked(knowledge):
    html = rendering.advice(knowledge, ["sun", "make-up"], "")
    assert html.index("Sun?") < html.index("make-up?")
    assert "Evidence: Low" in html and 'href="references/#ref-jones2019"' in html


def test_unknown_or_missing_advice_id_fails(knowledge):
    with pytest.raises(ValueError, match="no advice entry 'tan'"):
        rendering.advice(knowledge, ["tan"], "")
    with pytest.raises(ValueError, match="at least one advice id"):
        rendering.advice(knowledge, [], "")


def test_advice_list_gives_each_topic_its_anchor(knowledge):
    html = rendering.advice_list(knowledge, "../../")
    tree = Tree(html)
    assert [i for i in tree.ids if i.startswith("advice-")] == ["advice-make-up", "advice-sun"]
    assert 'href="#advice-sun"' in html
    assert "About: Alpha &lt;b&gt;treatment&lt;/b&gt; and Beta" in html


def test_safety_box_groups_signs_by_urgency_and_links_the_official_page(knowledge):
    html = rendering.safety_box(knowledge, "../")
    emergency = html.split('class="kb-safety-emergency"')[1].split("</ul>")[0]
    same_day = html.split('class="kb-safety-same-day"')[1].split("</ul>")[0]
    assert "Vision changes &lt;b&gt;now&lt;/b&gt;." in emergency and "Pus" not in emergency
    assert "Pus or a boil." in same_day
    report = html.split('class="kb-safety-report"')[1]
    assert '<a href="https://example.org/report">Yellow Card scheme</a>' in report
    assert 'href="../references/#ref-yellow"' in report
    assert "Other countries:</strong> Ask your doctor." in report
    assert Tree(html).ids == ["get-help-now", "report-a-problem"]


def test_safety_box_without_data_fails(write, docs):
    with pytest.raises(ValueError, match="no safety section"):
        rendering.safety_box(load(write(VALID), docs), "")


def test_references_page_knows_where_advice_and_safety_sources_are_shown(knowledge):
    sources = [
        Source("/a/", "Page A", '{{ advice("sun") }}'),
        Source("/b/", "Page B", "{{ safety_box() }}"),
        Source("/c/", "Page C", "{{ advice_list() }}"),
        Source("/embed/x/", "Embed", "{{ advice_list() }}", embed=True),
    ]
    index = cited_on(knowledge, sources)
    assert index["jones2019"] == [("/a/", "Page A"), ("/b/", "Page B"), ("/c/", "Page C")]
    assert index["yellow"] == [("/b/", "Page B")]
    assert index["smith2020"] == [("/a/", "Page A"), ("/b/", "Page B"), ("/c/", "Page C")]


# --- regulation by country ---------------------------------------------------------------------

REGULATION = """\
regulation:
  - id: uk-plan
    region: United <i>Kingdom</i>
    topic: licensing plans
    text: |
      A scheme is planned.

      No start date.
    checked: 2026-01-02
    refs: [smith2020]
  - id: us-devices
    region: United States
    topic: devices
    text: Class II.
    treatments: [beta]
    checked: 2025-12-31
    refs: [jones2019]
"""


def test_regulation_citing_an_unknown_reference_names_file_line_and_field(write):
    text = with_sections(REGULATION.replace("refs: [jones2019]", "refs: [fda1999]"))
    [message] = problems(write(text))
    assert message.endswith(f"knowledge.yml:{line_of(text, 'refs: [fda1999]')} regulation[1].refs[0]: "
                            "unknown reference 'fda1999'")


def test_regulation_needs_a_checked_date_that_is_not_in_the_future(write):
    missing = with_sections(REGULATION.replace("    checked: 2025-12-31\n", ""))
    assert any("regulation[1].checked: missing required field" in m for m in problems(write(missing)))
    future = with_sections(REGULATION.replace("checked: 2025-12-31", "checked: 2999-01-01"))
    assert any("regulation[1]: checked 2999-01-01 is in the future" in m for m in problems(write(future)))


def test_regulation_needs_a_source_and_a_known_treatment(write):
    text = with_sections(REGULATION.replace("    refs: [jones2019]\n", "    refs: []\n")
                         .replace("treatments: [beta]", "treatments: [delta]"))
    found = problems(write(text))
    assert any("regulation[1].refs: List should have at least 1 item" in m for m in found)


def test_regulation_for_an_unknown_treatment(write):
    text = with_sections(REGULATION.replace("treatments: [beta]", "treatments: [delta]"))
    [message] = problems(write(text))
    assert "regulation[1].treatments[0]: unknown treatment 'delta'" in message


def test_regulation_table_dates_every_entry_and_anchors_it_only_at_home(write, docs):
    knowledge = load(write(with_sections(REGULATION)), docs)
    home = rendering.regulation(knowledge, "../../")
    assert re.findall(r'<tr id="(regulation-[a-z0-9-]+)">', home) == ["regulation-uk-plan", "regulation-us-devices"]
    assert '<time datetime="2026-01-02">2 January 2026</time>' in home
    assert "United &lt;i&gt;Kingdom&lt;/i&gt;: licensing plans" in home
    assert "<p>A scheme is planned.</p>" in home and 'href="../../references/#ref-smith2020"' in home
    # A treatment page shows the entries for it (and those for every treatment), linking home.
    alpha = rendering.regulation(knowledge, "../", "alpha")
    assert "uk-plan" in alpha and "Class II." not in alpha
    assert 'id="regulation-' not in alpha and 'href="../about/regulation/#regulation-uk-plan"' in alpha
    beta = rendering.regulation(knowledge, "", "beta")
    assert "Class II." in beta and 'id="table-regulation-beta"' in beta
    with pytest.raises(ValueError, match="no treatment 'gamma'"):
        rendering.regulation(knowledge, "", "gamma")
