"""Diagrams are drawn from the data: change a number and the picture changes."""

from __future__ import annotations

import re

import pytest

from macros import diagrams, rendering
from macros.loading import DataError

SCIENCE = """\
layers:
  - id: epidermis
    name: Epidermis <i>outer</i>
    summary: The outer layer.
    thickness:
      - site: face
        label: Face
        mm: [0.03, 0.06]
        refs: [smith2020]
  - id: dermis
    name: Dermis
    summary: The middle layer.
    thickness:
      - site: face
        label: Face
        mm: [0.8, 2.0]
        refs: [smith2020]
      - site: body
        label: Body sites
        mm: [2.1, 5.9]
        refs: [jones2019]
  - id: hypodermis
    name: Hypodermis
    summary: Fat.
    thickness:
      - site: face
        label: Face
        mm: [2.0, 6.0]
        refs: [jones2019]
phases:
  - id: haemostasis
    name: Haemostasis
    start_hours: 0
    end_hours: 6
    cells: [platelets]
    what_you_see: A little bleeding.
    summary: The clot forms.
    refs: [smith2020]
  - id: remodelling
    name: Remodelling
    start_hours: 504
    end_hours: 8760
    what_you_see: The scar fades.
    summary: Collagen matures.
    refs: [jones2019]
signals:
  - id: pdgf
    name: PDGF
    kind: growth-factor
    sources: [platelets]
    role: Draws in cells.
    phases: [haemostasis]
    refs: [smith2020]
"""


@pytest.fixture
def science(load_with):
    return lambda text=SCIENCE: load_with(text)


def test_layer_bands_are_drawn_to_scale(science):
    drawing = diagrams.depth_diagram(science())
    epidermis, dermis, _ = drawing.bands
    # Band bottoms sit at the middle of each boundary's range: 0.045 mm, then 0.045 + 1.4 mm.
    assert epidermis.height == pytest.approx(0.045 * diagrams.PX_PER_MM, abs=0.2)
    assert dermis.height == pytest.approx(1.4 * diagrams.PX_PER_MM, abs=0.2)


def test_changing_a_thickness_changes_the_drawing(science):
    before = rendering.depth_diagram(science())
    after = rendering.depth_diagram(science(SCIENCE.replace("mm: [0.8, 2.0]", "mm: [1.2, 2.4]")))
    assert before != after
    assert "0.8 to 2 mm" in before and "1.2 to 2.4 mm" in after


def test_depth_diagram_has_title_description_and_escaped_text(science):
    svg = rendering.depth_diagram(science())
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="depth-diagram-title depth-diagram-desc"', svg)
    assert "<title id=\"depth-diagram-title\">" in svg and "<desc id=\"depth-diagram-desc\">" in svg
    assert "Epidermis &lt;i&gt;outer&lt;/i&gt;" in svg and "<i>" not in svg


def test_the_top_layer_is_drawn_in_a_range_of_skin_tones(science):
    svg = rendering.depth_diagram(science())
    stops = re.findall(r'<stop offset="[\d.]+" stop-color="(#[0-9a-f]{6})"/>', svg)
    assert stops == list(diagrams.SKIN_TONES) and len(stops) >= 5

    def lightness(colour):
        return sum(int(colour[i:i + 2], 16) for i in (1, 3, 5)) / 3

    assert lightness(stops[0]) > 200 and lightness(stops[-1]) < 60, "from light to deep"
    first_band = re.search(r'<rect class="kb-dia-layer kb-dia-[a-z]+"([^>]*)>', svg).group(1)
    assert 'fill="url(#depth-diagram-tones)"' in first_band
    assert "range of skin tones" in re.search(r"<desc[^>]*>([^<]+)</desc>", svg).group(1)


def test_timeline_uses_a_log_axis(science):
    timeline = diagrams.healing_timeline(science())
    haemostasis, remodelling = timeline.bars
    assert haemostasis.x == diagrams.PLOT_LEFT  # time zero sits at the axis start (1 minute)
    assert remodelling.x + remodelling.width == pytest.approx(diagrams.PLOT_RIGHT, abs=0.2)
    # 6 hours is 360 minutes: log10(360) / log10(525600) of the way along.
    share = (haemostasis.x + haemostasis.width - diagrams.PLOT_LEFT) / (diagrams.PLOT_RIGHT - diagrams.PLOT_LEFT)
    assert share == pytest.approx(0.4469, abs=0.002)
    assert "Haemostasis: at once to about 6 hours after the injury" in timeline.desc


def test_timeline_and_table_come_from_the_data(science):
    html = rendering.healing_timeline(science(), "../../")
    assert "<title id=\"healing-timeline-title\">" in html
    assert 'id="phase-remodelling"' in html and "From 3 weeks to about 1 year" in html
    assert 'href="../../skin/cytokines/#signal-pdgf"' in html


def test_signals_table(science):
    html = rendering.signals_table(science(), "")
    assert 'id="signal-pdgf"' in html and "Growth factor" in html and "Haemostasis" in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # Which signals act in a phase is kept on the signal only, so the two cannot disagree.
        (("    cells: [platelets]\n", "    cells: [platelets]\n    signals: [pdgf]\n"),
         "phases[0].signals: unknown field"),
        (("phases: [haemostasis]", "phases: [clotting]"), "signals[0].phases[0]: unknown phase 'clotting'"),
        (("  - id: hypodermis\n    name: Hypodermis\n    summary: Fat.\n    thickness:\n      - site: face",
          "  - id: hypodermis\n    name: Hypodermis\n    summary: Fat.\n    thickness:\n      - site: body"),
         "layers[2].thickness: no 'face' entry"),
        (("mm: [2.0, 6.0]", "mm: [6.0, 2.0]"), "layers[2].thickness[0]: mm must be [low, high]"),
        (("end_hours: 6\n", "end_hours: 0\n"), "phases[0].end_hours: Input should be greater than 0"),
    ],
)
def test_bad_science_data_is_named(science, change, message):
    with pytest.raises(DataError) as info:
        science(SCIENCE.replace(*change))
    assert any(message in str(p) for p in info.value.problems), [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("hours", "text"),
    [(1 / 60, "1 minute"), (6, "6 hours"), (72, "3 days"), (504, "3 weeks"), (730, "1 month"), (8760, "1 year")],
)
def test_durations_read_naturally(hours, text):
    assert diagrams.duration_text(hours) == text
