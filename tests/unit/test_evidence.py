"""Evidence cells and claims: complete, cross-checked, rendered with words not colour alone."""

from __future__ import annotations

import re

import pytest

from macros import rendering
from macros.loading import DataError

EVIDENCE = """\
indications:
  - id: scars
    name: Scars
    summary: Marks left by healing.
  - id: lines
    name: Fine lines
    summary: Small wrinkles.
evidence:
  - treatment: alpha
    indication: scars
    grade: low
    summary: Small studies <b>only</b>.
    refs: [smith2020]
  - treatment: alpha
    indication: lines
    grade: none
    summary: No study in people.
    refs: [jones2019]
  - treatment: beta
    indication: scars
    grade: moderate
    summary: One good trial.
    refs: [jones2019]
  - treatment: beta
    indication: lines
    grade: very-low
    summary: Case series.
    refs: [smith2020]
claims:
  - id: flushes-toxins
    claim: It flushes toxins.
    verdict: incorrect
    explanation: |
      No study shows this.

      The body clears waste by itself.
    refs: [smith2020]
"""


@pytest.fixture
def evidence(load_with):
    return lambda text=EVIDENCE: load_with(text)


def test_matrix_has_a_row_per_indication_and_a_column_per_treatment(evidence):
    html = rendering.evidence_matrix(evidence(), "../")
    assert re.findall(r'<tr id="evidence-([a-z-]+)">', html) == ["scars", "lines"]
    assert re.findall(r'<th scope="col">(.*?)</th>', html)[1:] == ["Alpha &lt;b&gt;treatment&lt;/b&gt;", "Beta"]
    assert html.count("<td") == 4
    assert '<span class="kb-grade kb-grade-very-low">Evidence: Very low</span>' in html
    assert "Small studies &lt;b&gt;only&lt;/b&gt;." in html


def test_evidence_for_one_treatment(evidence):
    html = rendering.evidence_for(evidence(), "beta", "../../")
    assert re.findall(r'<tr id="evidence-([a-z-]+)">', html) == ["scars", "lines"]
    assert "Evidence: Moderate" in html and 'href="../../evidence/#table-evidence-by-use"' in html


def test_claims_have_anchor_verdict_and_sources(evidence):
    html = rendering.claims(evidence(), "../../")
    assert '<h2 id="flushes-toxins">' in html and "Verdict: <strong>False</strong>" in html
    assert "<p>No study shows this.</p>" in html and "<p>The body clears waste by itself.</p>" in html
    assert 'href="../../references/#ref-smith2020"' in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  - treatment: beta\n    indication: lines\n    grade: very-low\n    summary: Case series.\n"
          "    refs: [smith2020]\n", ""), "evidence: no cell for beta x lines"),
        (("indication: lines\n    grade: none", "indication: lnies\n    grade: none"),
         "evidence[1].indication: unknown indication 'lnies'"),
        (("grade: low", "grade: weak"), "evidence[0].grade: must be 'high', 'moderate', 'low', 'very-low' or 'none'"),
        (("verdict: incorrect", "verdict: wrong"), "claims[0].verdict: must be"),
        (("  - treatment: beta\n    indication: lines", "  - treatment: beta\n    indication: scars"),
         "evidence[3]: a second cell for beta x scars (also evidence[2])"),
    ],
)
def test_bad_evidence_data_is_named(evidence, change, message):
    with pytest.raises(DataError) as info:
        evidence(EVIDENCE.replace(*change))
    assert any(message in str(p) for p in info.value.problems), [str(p) for p in info.value.problems]
