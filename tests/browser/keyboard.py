"""Keyboard use of a page: Tab through it and see where the focus goes, and whether a
sighted keyboard user can see it there (WCAG 2.4.7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

# Transitions would let a look be read halfway: the test compares the settled states.
_NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)

# One Tab stop: how the element that had the focus looks now that it lost it, against how
# it looked with the focus (outline and border as drawn, shadow, colours, underline, width:
# the theme's search field widens); then the same record for the element that has it now. An
# input hidden behind a label shows its focus on the label: its own, or the one after it
# (the theme's colour-scheme switch styles ".md-option:focus-visible + label"). Two frames
# pass first, for what the page's scripts change when the focus moves.
_STEP = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const parts = el => {
    const next = el.nextElementSibling;
    const labels = el.labels ? Array.from(el.labels) : [];
    return [el, ...labels, ...(next && next.tagName === "LABEL" ? [next] : [])];
  };
  const look = el => parts(el).map(p => {
    const s = getComputedStyle(p), r = p.getBoundingClientRect();
    const drawn = (style, width, color) =>
      style === "none" || parseFloat(width) === 0 ? "none" : `${style} ${width} ${color}`;
    return [drawn(s.outlineStyle, s.outlineWidth, s.outlineColor),
            drawn(s.borderTopStyle, s.borderTopWidth, s.borderColor), s.boxShadow,
            s.backgroundColor, s.color, s.textDecorationLine, Math.round(r.width)].join(" ");
  }).join(" / ");
  const shown = el => parts(el).some(p => {
    const r = p.getBoundingClientRect(), s = getComputedStyle(p);
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight &&
      r.right > 0 && r.left < innerWidth && s.visibility !== "hidden" && s.opacity !== "0";
  });
  const describe = el => {
    const text = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
    const names = typeof el.className === "string" ? el.className.trim() : "";
    const classes = names ? "." + names.split(/\\s+/).join(".") : "";
    return el.tagName.toLowerCase() + classes + (text ? ` "${text.slice(0, 40)}"` : "");
  };
  const before = window.__brmFocus || null;
  const left = before &&
    {name: before.name, shown: before.shown, changed: look(before.el) !== before.look};
  const el = document.activeElement;
  const now = el && el !== document.body ? el : null;
  window.__brmFocus = now &&
    {el: now, look: look(now), name: describe(now), shown: shown(now)};
  return {left: left, now: now ? describe(now) : null};
}"""


@dataclass(frozen=True, slots=True)
class Stop:
    """An element that the Tab key reached, and whether its focus could be seen."""

    name: str
    shown: bool
    indicated: bool

    def problem(self) -> str | None:
        """What is wrong with this stop for a sighted keyboard user, if anything."""
        if not self.shown:
            return f"{self.name}: takes the focus but is not on screen"
        if not self.indicated:
            return f"{self.name}: looks the same with and without the focus"
        return None


def calm(page: Page) -> None:
    """Switch off transitions and animations, so that looks are read settled."""
    page.add_style_tag(content=_NO_TRANSITIONS)


def tab_through(page: Page, limit: int = 400) -> list[Stop]:
    """Press Tab from the top of the page until the focus leaves the page or comes back to
    the first stop, at most ``limit`` times; every stop reached, in order."""
    page.evaluate("() => { window.__brmFocus = null; document.activeElement?.blur(); }")
    stops: list[Stop] = []
    first: str | None = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        step: dict[str, Any] = page.evaluate(_STEP)
        left = step["left"]
        if left:
            stops.append(Stop(left["name"], left["shown"], left["changed"]))
        now = step["now"]
        if now is None or now == first:
            break
        first = first or now
    return stops


def focus_by_tab(page: Page, selector: str, limit: int = 400) -> bool:
    """Press Tab until the element matching ``selector`` has the focus; whether it did."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return True
    return False
