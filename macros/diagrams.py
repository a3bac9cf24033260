"""SVG diagrams computed from the data: the depth diagram and the healing timeline.

Geometry is worked out here in plain Python; the templates only place what
they are given. Every number drawn comes from data/knowledge.yml, so a change
there changes the picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .models import Knowledge

# --- depth diagram ------------------------------------------------------------------------

WIDTH = 640
PX_PER_MM = 110
TOP = 64  # room for column headings above the skin surface
LEFT = 64  # room for the millimetre ruler
FIRST_MARKER_X = 380  # right of the layer labels
MARKER_SPACING = 170  # room for a heading such as "Creams and serums" and its note
SITE = "face"


def mm_text(value: float, figures: int = 3) -> str:
    """A measurement to a sensible precision: 0.7589 -> '0.759' (or '0.76'), 1.9692 -> '1.97', 2.0 -> '2'."""
    if value < 1:
        return f"{value:.{figures}g}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def range_text(low: float, high: float, unit: str = "mm", figures: int = 3) -> str:
    low_text, high_text = mm_text(low, figures), mm_text(high, figures)
    return f"{low_text} {unit}" if low_text == high_text else f"{low_text} to {high_text} {unit}"


@dataclass(frozen=True)
class Band:
    id: str
    name: str
    y: float
    height: float
    label: str
    label_y: float


@dataclass(frozen=True)
class Zone:
    """Where a boundary between two layers may lie, across the measured sites."""

    y: float
    height: float


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


# The epidermis is drawn in a range of skin tones, light to deep, so the diagram is
# about everyone's skin. Illustrative colours, not a clinical scale.
SKIN_TONES = ("#f3d5c0", "#e0b593", "#c48e66", "#9a6642", "#6e4529", "#432818")


@dataclass(frozen=True)
class Marker:
    name: str
    x: float
    kind: str  # "needle": a millimetre range; "target": layers aimed at
    y_start: float
    y_low: float
    y_end: float
    note: str


@dataclass(frozen=True)
class DepthDiagram:
    width: int
    height: int
    left: int
    surface_y: float
    bands: list[Band]
    zones: list[Zone]
    ticks: list[Tick]
    markers: list[Marker]
    title: str
    desc: str


def depth_diagram(knowledge: Knowledge) -> DepthDiagram:
    """A to-scale cross-section of facial skin with where each treatment works."""
    layers = knowledge.layers
    if not layers:
        raise ValueError("the depth diagram needs a layers section in the data")
    ranges = [layer.at(SITE).mm for layer in layers]
    # Boundaries: each layer's bottom lies between the sums of the lows and of the highs above it.
    lows, highs, low, high = [], [], 0.0, 0.0
    for lo, hi in ranges:
        low, high = low + lo, high + hi
        lows.append(low)
        highs.append(high)
    needles = [
        t.values["target-layer"].depth_mm for t in knowledge.treatments
        if "target-layer" in t.values and t.values["target-layer"].depth_mm
    ]
    deepest = max([highs[-2] if len(highs) > 1 else highs[-1], *(n[1] for n in needles)])
    depth = math.ceil((deepest + 0.4) * 2) / 2  # show a little of what lies below, to the next 0.5 mm
    depth = min(depth, highs[-1])

    def y(mm: float) -> float:
        return round(TOP + mm * PX_PER_MM, 1)

    bands, zones = [], []
    top = 0.0
    for index, layer in enumerate(layers):
        mid = (lows[index] + highs[index]) / 2 if index < len(layers) - 1 else depth
        bottom = min(mid, depth)
        label = f"{layer.name}: {range_text(*ranges[index], figures=2)} thick"
        height = y(bottom) - y(top)
        # The epidermis is a few pixels thick at this scale: label it just below.
        label_y = y(top) + height / 2 + 5 if height > 30 else y(bottom) + 16
        bands.append(Band(layer.id, layer.name, y(top), round(height, 1), label, round(label_y, 1)))
        if index < len(layers) - 1:
            zones.append(Zone(y(lows[index]), round(max(y(highs[index]) - y(lows[index]), 1.0), 1)))
        top = bottom

    ticks = [Tick(y(i / 2), mm_text(i / 2)) for i in range(int(depth * 2) + 1)]
    markers = []
    x = FIRST_MARKER_X
    for treatment in knowledge.treatments:
        value = treatment.values.get("target-layer")
        if value is None:
            continue
        if value.depth_mm:
            lo, hi = value.depth_mm
            markers.append(Marker(treatment.name, x, "needle", y(0), y(lo), y(hi),
                                  f"needles {range_text(lo, hi)} long"))
        elif value.layers:
            chosen = [i for i, layer in enumerate(layers) if layer.id in value.layers]
            start, end = bands[chosen[0]].y, bands[chosen[-1]].y + bands[chosen[-1]].height
            names = " and ".join(layers[i].name.lower() for i in chosen)
            markers.append(Marker(treatment.name, x, "target", start, start, round(end, 1), f"aims at the {names}"))
        else:
            continue
        x += MARKER_SPACING

    title = "Skin layers of the face, to scale, and where each treatment works"
    parts = [f"{layer.name} {range_text(*layer.at(SITE).mm)} thick ({layer.at(SITE).label})" for layer in layers]
    parts += [f"{m.name}: {m.note}" for m in markers]
    desc = (f"Cross-section drawn to scale from the surface down to {mm_text(depth)} mm. " + "; ".join(parts)
            + ". The top layer is drawn in a range of skin tones, from light to deep.")
    # Wide enough for every column heading: the drawing scrolls sideways on a phone.
    # (About 7.5 px a character in the bold 13 px heading, 6.5 in the 12 px note.)
    last = markers[-1] if markers else None
    width = max(WIDTH, int(last.x + max(7.5 * len(last.name), 6.5 * len(last.note)) / 2 + 12)) if last else WIDTH
    return DepthDiagram(width, int(y(depth)) + 24, LEFT, y(0), bands, zones, ticks, markers, title, desc)


# --- healing timeline ---------------------------------------------------------------------

AXIS_START_HOURS = 1 / 60  # one minute: a log axis cannot start at zero
TICKS_HOURS = [(1 / 60, "1 minute"), (1, "1 hour"), (24, "1 day"), (168, "1 week"),
               (730, "1 month"), (8760, "1 year")]
ROW = 46
PLOT_LEFT, PLOT_RIGHT = 150, 620


# (below this many hours, name it in this unit)
_UNITS = [(1, "minute", 1 / 60), (48, "hour", 1), (14 * 24, "day", 24), (730, "week", 168),
          (8760, "month", 730), (math.inf, "year", 8760)]


def duration_text(hours: float) -> str:
    """Hours as a reader would say them: 0.5 -> '30 minutes', 72 -> '3 days'."""
    limit, unit, size = next(u for u in _UNITS if hours < u[0])
    count = round(hours / size, 1)
    count = int(count) if count == int(count) else count
    return f"{count} {unit}{'' if count == 1 else 's'}"


def span_text(start: float, end: float) -> str:
    first = "at once" if start == 0 else f"from {duration_text(start)}"
    return f"{first} to about {duration_text(end)}"


@dataclass(frozen=True)
class Bar:
    id: str
    name: str
    x: float
    y: float
    width: float
    label: str
    label_x: float
    label_anchor: str


@dataclass(frozen=True)
class AxisTick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: float
    bars: list[Bar]
    ticks: list[AxisTick]
    title: str
    desc: str


def healing_timeline(knowledge: Knowledge) -> Timeline:
    phases = knowledge.phases
    if not phases:
        raise ValueError("the healing timeline needs a phases section in the data")
    end = max(8760.0, max(p.end_hours for p in phases))
    span = math.log10(end / AXIS_START_HOURS)

    def x(hours: float) -> float:
        hours = max(hours, AXIS_START_HOURS)
        return round(PLOT_LEFT + math.log10(hours / AXIS_START_HOURS) / span * (PLOT_RIGHT - PLOT_LEFT), 1)

    bars = []
    for index, phase in enumerate(phases):
        left, right = x(phase.start_hours), x(phase.end_hours)
        label = span_text(phase.start_hours, phase.end_hours)
        inside = right - left > 7 * len(label)
        bars.append(Bar(phase.id, phase.name, left, 20 + index * ROW, round(right - left, 1), label,
                        round(left + 8 if inside else min(right + 6, PLOT_RIGHT), 1),
                        "start" if inside or right + 6 < PLOT_RIGHT - 120 else "end"))
    axis_y = 20 + len(phases) * ROW
    ticks = [AxisTick(x(h), label) for h, label in TICKS_HOURS if h <= end]
    desc = "Timeline on a logarithmic scale from 1 minute to " + duration_text(end) + ". " + "; ".join(
        f"{p.name}: {span_text(p.start_hours, p.end_hours)} after the injury" for p in phases) + "."
    title = "The phases of wound healing over time"
    return Timeline(WIDTH, int(axis_y + 44), PLOT_LEFT, PLOT_RIGHT, axis_y, bars, ticks, title, desc)
