"""Treatment pages, evidence by use and claims: generated from the data, every cell cited."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import DATA, run_build

from .htmlindex import read_site

TREATMENT_PAGES = ["/treatments/mesotherapy/", "/treatments/microneedling/"]


@pytest.fixture(scope="module")
def pages(site):
    return read_site(site)


def cited(html: str) -> set[str]:
    return set(re.findall(r'references/#ref-([a-z0-9-]+)"', html))


@pytest.mark.parametrize("url", TREATMENT_PAGES)
def test_treatment_pages_cite_at_least_12_distinct_references(pages, url, knowledge):
    refs = cited(pages[url].html)
    assert len(refs) >= 12, f"{url} cites {len(refs)} references"
    assert refs <= {r.id for r in knowledge.references}


@pytest.mark.parametrize("url", TREATMENT_PAGES)
def test_treatment_pages_show_their_evidence_from_the_data(pages, url, knowledge):
    treatment = url.strip("/").split("/")[-1]
    table = pages[url].html.split(f'<table id="table-evidence-{treatment}" class="kb-data">')[1].split("</table>")[0]
    rows = re.findall(r'<tr id="evidence-([a-z0-9-]+)">', table)
    assert rows == [c.indication for c in knowledge.evidence if c.treatment == treatment]


def test_evidence_matrix_has_every_cell_graded_and_cited(pages, knowledge):
    html = pages["/evidence/"].html
    table = html.split('<table id="table-evidence-by-use" class="kb-data">')[1].split("</table>")[0]
    rows = re.findall(r'<tr id="evidence-([a-z0-9-]+)">(.*?)</tr>', table, re.S)
    assert [r for r, _ in rows] == [i.id for i in knowledge.indications]
    graded = {c.treatment for c in knowledge.evidence}
    for indication, row in rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        assert len(cells) == len(graded), indication
        for cell in cells:
            assert re.search(r'class="kb-grade kb-grade-[a-z-]+">Evidence: ', cell), indication
            assert cited(cell), f"an evidence cell for {indication} has no source"


def test_every_claim_has_its_anchor_verdict_and_sources(pages, knowledge):
    html = pages["/evidence/claims/"].html
    assert len(knowledge.claims) >= 12
    for claim in knowledge.claims:
        assert pages["/evidence/claims/"].ids.count(claim.id) == 1, claim.id
        article = html.split(f'<h2 id="{claim.id}">')[1].split("</article>")[0]
        assert "Verdict: <strong>" in article
        assert cited(article), f"claim {claim.id} has no source"


def test_evidence_and_claims_change_when_the_data_changes(tmp_path):
    data = yaml.safe_load(DATA.read_text())
    data["evidence"][0]["summary"] = "A summary only this test writes."
    data["claims"][0]["explanation"] = "An explanation only this test writes."
    copy = tmp_path / "knowledge.yml"
    copy.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = run_build(tmp_path / "site", data=copy)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert "A summary only this test writes." in (site / "evidence" / "index.html").read_text()
    treatment = data["evidence"][0]["treatment"]
    assert "A summary only this test writes." in (site / "treatments" / treatment / "index.html").read_text()
    assert "An explanation only this test writes." in (site / "evidence" / "claims" / "index.html").read_text()
