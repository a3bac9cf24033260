"""The skin-science pages: diagrams drawn from the data, with text alternatives."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import DATA, run_build

from .htmlindex import read_site

SCIENCE_PAGES = ["/skin/layers/", "/skin/cytokines/", "/skin/wound-healing/"]


@pytest.fixture(scope="module")
def pages(site):
    return read_site(site)


@pytest.mark.parametrize("url", SCIENCE_PAGES)
def test_science_pages_cite_and_link_terms(pages, url):
    html = pages[url].html
    assert len(set(re.findall(r'references/#ref-([a-z0-9-]+)"', html))) >= 8, "fewer than 8 sources cited"
    assert html.count('class="kb-term"') >= 5, "glossary terms are not linked"
    assert 'class="kb-related"' in html, "no related FAQ entries at the end"


def svg_of(html: str, figure_id: str) -> str:
    """The contents of the figure with this id, or "" when the page has none."""
    match = re.search(rf'<figure [^>]*id="{figure_id}">(.*?)</figure>', html, re.S)
    return match.group(1) if match else ""


def test_depth_diagram_is_present_with_title_description_and_table(pages, knowledge):
    html = pages["/skin/layers/"].html
    svg = svg_of(html, 'depth-diagram')
    assert '<svg viewBox="0 0' in svg and 'role="img"' in svg
    assert re.search(r'<title id="depth-diagram-title">[^<]+</title>', svg)
    assert re.search(r'<desc id="depth-diagram-desc">[^<]+</desc>', svg)
    for layer in knowledge.layers:
        assert f'class="kb-dia-layer kb-dia-{layer.id}"' in svg
    rows = re.findall(r"<tr>\s*<th scope=\"row\">", html.split('id="table-thickness"')[1].split("</table>")[0])
    assert len(rows) == sum(len(layer.thickness) for layer in knowledge.layers)


def test_timeline_is_present_with_title_description_and_table(pages, knowledge):
    html = pages["/skin/wound-healing/"].html
    svg = svg_of(html, 'healing-timeline')
    assert re.search(r'<title id="healing-timeline-title">[^<]+</title>', svg)
    assert re.search(r'<desc id="healing-timeline-desc">[^<]+</desc>', svg)
    assert svg.count('class="kb-dia-phase') == len(knowledge.phases)
    assert sorted(re.findall(r'<tr id="phase-([a-z0-9-]+)">', html)) == sorted(p.id for p in knowledge.phases)


def test_signals_table_has_a_row_per_signal(pages, knowledge):
    html = pages["/skin/cytokines/"].html
    assert re.findall(r'<tr id="signal-([a-z0-9-]+)">', html) == [s.id for s in knowledge.signals]


def test_changing_a_thickness_in_the_data_changes_the_diagram(tmp_path, pages):
    data = yaml.safe_load(DATA.read_text())
    dermis = next(layer for layer in data["layers"] if layer["id"] == "dermis")
    face = next(t for t in dermis["thickness"] if t["site"] == "face")
    face["mm"] = [round(face["mm"][0] + 0.5, 3), round(face["mm"][1] + 0.5, 3)]
    copy = tmp_path / "knowledge.yml"
    copy.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = run_build(tmp_path / "site", data=copy)
    assert result.returncode == 0, result.stderr
    changed = (tmp_path / "site" / "skin" / "layers" / "index.html").read_text()
    before = svg_of(pages["/skin/layers/"].html, 'depth-diagram')
    after = svg_of(changed, 'depth-diagram')
    assert before != after
    bands = [re.search(r'kb-dia-dermis" [^>]*height="([\d.]+)"', svg).group(1) for svg in (before, after)]
    assert float(bands[1]) == pytest.approx(float(bands[0]) + 0.5 * 110, abs=1)
