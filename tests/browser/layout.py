"""How a page lays out on its screen: nothing wider than the window, wide tables that
scroll inside their own box, and images that load."""

from __future__ import annotations

from playwright.sync_api import Page

# Problems as text, measured in the page. A table, figure or block of code that is wider
# than the article must sit in a box that scrolls sideways (the theme wraps tables in one).
_PROBLEMS = """() => {
  const problems = [];
  const page = document.documentElement;
  if (page.scrollWidth > innerWidth + 1) {
    problems.push(`the page is ${page.scrollWidth}px wide in a window of ${innerWidth}px`);
  }
  const article = document.querySelector("article");
  if (!article) return problems.concat(["the page has no article"]);
  const bounds = article.getBoundingClientRect();
  for (const el of article.querySelectorAll("table, figure, img, pre")) {
    let scroller = null;
    for (let up = el.parentElement; up && up !== article; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === "auto" || overflow === "scroll") { scroller = up; break; }
    }
    const r = el.getBoundingClientRect();
    if (!scroller && (r.right > bounds.right + 1 || r.left < bounds.left - 1)) {
      problems.push(`<${el.tagName.toLowerCase()}> is ${Math.round(r.width)}px wide, ` +
        `wider than the article (${Math.round(bounds.width)}px), and does not scroll`);
    }
  }
  for (const img of document.images) {
    if (img.complete && img.naturalWidth === 0) problems.push(`image did not load: ${img.src}`);
  }
  return problems;
}"""


def load_images(page: Page) -> None:
    """Load lazy images now and wait for every image, so that a screenshot shows them."""
    page.evaluate("() => document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")


def layout_problems(page: Page) -> list[str]:
    """What overflows the window or the article in ``page``, and images that did not load."""
    problems: list[str] = page.evaluate(_PROBLEMS)
    return problems
