"""Chart text as a reader sees it on a desktop: every text of every chart at least 11 CSS
px at the width the chart is shown, and 4.5:1 against the panel the chart sits on, in the
light and the dark scheme. The sizes are read from each SVG's text and scaled by the
width its image is shown at."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import OpenPage, Scheme
from .layout import load_images
from .test_customer_pages import WIDE

MIN_TEXT_PX = 11.0
MIN_CONTRAST = 4.5
PAGES = ("satisfaction.html", "service-levels.html", "customers/finance.html")

# Per chart: its file, the smallest text in CSS px as shown, and the colours of its text
# with the panel's background, as the page computes them.
_TEXTS = """async () => {
  const out = [];
  for (const img of document.querySelectorAll("article .brm-chart img")) {
    const doc = new DOMParser().parseFromString(
      await (await fetch(img.src)).text(), "image/svg+xml");
    const scale = img.getBoundingClientRect().width / doc.documentElement.viewBox.baseVal.width;
    const sizes = [], fills = new Set();
    for (const t of doc.querySelectorAll("text")) {
      const style = t.getAttribute("style") || "";
      const size = /font-size:\\s*([0-9.]+)px/.exec(style);
      const fill = /fill:\\s*(#[0-9a-fA-F]{6})/.exec(style);
      if (size) sizes.push(parseFloat(size[1]) * scale);
      if (fill) fills.add(fill[1]);
    }
    out.push({src: img.getAttribute("src"), smallest: Math.min(...sizes),
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
@pytest.mark.parametrize("path", PAGES)
def test_chart_text_is_large_enough_and_contrasts_with_its_panel_on_a_desktop(
    open_page: OpenPage, path: str, scheme: Scheme
) -> None:
    page = open_page(path, WIDE, scheme)
    load_images(page)
    charts: list[dict[str, Any]] = page.evaluate(_TEXTS)
    assert charts, f"{path} shows charts"
    for chart in charts:
        assert chart["smallest"] >= MIN_TEXT_PX, chart
        panel = _css(chart["panel"])
        for fill in chart["fills"]:
            assert contrast(_hex(fill), panel) >= MIN_CONTRAST, (chart["src"], fill, panel)


def test_the_contrast_of_known_colours() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert contrast(_hex("#868e96"), (255, 255, 255)) < MIN_CONTRAST  # the grey of before
    assert contrast(_hex("#495057"), (255, 255, 255)) > 7
