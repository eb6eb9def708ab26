"""Chart text as a reader sees it on a desktop and on a phone: every text of every kind of
chart at least 11 CSS px at the width the chart is shown, 4.5:1 against the panel the chart
sits on, in the light and the dark scheme, and no title cut short. The sizes are read from
each SVG's text and scaled by the width its image is shown at."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest

from brm_build.charts.model import Spec

from .conftest import DESKTOP, PHONE, OpenPage, Scheme, Screen
from .layout import load_images

MIN_TEXT_PX = 11.0
MIN_CONTRAST = 4.5
PAGES = ("satisfaction.html", "service-levels.html", "customers/finance.html", "practice.html")
"""Between them every kind of chart the example draws (tested below)."""
KINDS = {
    "csat-organisation": "trend",
    "nps-organisation": "nps",
    "answers-organisation": "distribution",
    "csat-by-customer": "comparison",
    "sl-attainment-by-customer": "heatmap",
    "sl-agreement-finance-erp-2025": "agreement",
    "practice-shares": "quarters",
}

# Per chart: its file, the smallest text in CSS px as shown, and the colours of its text
# with the panel's background, as the page computes them.
_TEXTS = """async () => {
  const out = [];
  for (const img of document.querySelectorAll("article .brm-chart img")) {
    const doc = new DOMParser().parseFromString(
      await (await fetch(img.src)).text(), "image/svg+xml");
    const scale = img.getBoundingClientRect().width / doc.documentElement.viewBox.baseVal.width;
    const sizes = [], fills = new Set(), cut = [];
    for (const t of doc.querySelectorAll("text")) {
      if (t.textContent.includes("…")) cut.push(t.textContent);
      const style = t.getAttribute("style") || "";
      const size = /font-size:\\s*([0-9.]+)px/.exec(style);
      const fill = /fill:\\s*(#[0-9a-fA-F]{6})/.exec(style);
      if (size) sizes.push(parseFloat(size[1]) * scale);
      if (fill) fills.add(fill[1]);
    }
    out.push({src: img.getAttribute("src"), smallest: Math.min(...sizes), cut,
              fills: [...fills], panel: getComputedStyle(img).backgroundColor});
  }
  return out;
}"""


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _hex(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _css(colour: str) -> tuple[int, int, int]:
    parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    r, g, b = (int(float(p)) for p in parts[:3])
    return (r, g, b)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "screen", [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
)
@pytest.mark.parametrize("path", PAGES)
def test_chart_text_is_large_enough_whole_and_contrasts_with_its_panel(
    open_page: OpenPage, path: str, screen: Screen, scheme: Scheme
) -> None:
    page = open_page(path, screen, scheme)
    load_images(page)
    charts: list[dict[str, Any]] = page.evaluate(_TEXTS)
    assert charts, f"{path} shows charts"
    for chart in charts:
        assert chart["smallest"] >= MIN_TEXT_PX, chart
        assert not chart["cut"], chart
        panel = _css(chart["panel"])
        for fill in chart["fills"]:
            assert contrast(_hex(fill), panel) >= MIN_CONTRAST, (chart["src"], fill, panel)


def test_the_pages_show_every_kind_of_chart(built_site: Path) -> None:
    shown = "".join((built_site / path).read_text(encoding="utf-8") for path in PAGES)
    for name in KINDS:
        assert f"charts/{name}.svg" in shown, name
    kinds = {kind.__name__.removesuffix("Spec").lower() for kind in get_args(Spec)}
    assert set(KINDS.values()) == kinds, "a kind of chart the pages do not show"


def test_the_contrast_of_known_colours() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert contrast(_hex("#868e96"), (255, 255, 255)) < MIN_CONTRAST  # the grey of before
    assert contrast(_hex("#495057"), (255, 255, 255)) > 7
