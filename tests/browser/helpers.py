"""What the journeys share: the axe-core check, screenshots, and small steps a person takes."""

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

VENDOR = Path(__file__).resolve().parent / "vendor"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE_SOURCE = (VENDOR / "axe.min.js").read_text(encoding="utf-8")  # axe-core 4.14.1 from the npm registry

# WCAG 2.1 levels A and AA; axe tags each rule with the success criteria levels it checks.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now (after any htmx swap) and return the WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Injected by Playwright, not served by the intranet; allowed past the CSP by bypass_csp on the context.
        page.add_script_tag(content=AXE_SOURCE)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        WCAG_TAGS,
    )


def _scripted_copy(page: Page) -> Page:
    """The page's current markup served again, at its own address, to the scripted twin of its context."""
    twin: Page = page.context.audit_twin  # type: ignore[attr-defined]
    html = page.content()
    twin.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    try:
        twin.goto(page.url)
    finally:
        twin.unroute(page.url)
    return twin


def audit(page: Page, state: str = "") -> None:
    """Fail on any WCAG 2.1 A/AA violation axe-core finds on the page in its current state."""
    page.wait_for_load_state("load")
    checked = _scripted_copy(page) if hasattr(page.context, "audit_twin") else page
    violations = axe_violations(checked)
    if violations:
        lines = [f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url} {state}".rstrip()]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(f"    {node['target']}: {node['summary']}")
        raise AssertionError("\n".join(lines))


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot for a person to look at (tests/browser/artifacts/, not in git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_htmx(page: Page) -> None:
    """Wait until htmx has no request in flight and has settled the swapped content."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
    )


def flash(page: Page) -> Any:
    """The message region (an aria-live region): where a user is told what just happened."""
    return page.locator("#messages")


def expect_message(page: Page, text: str | re.Pattern[str]) -> None:
    expect(flash(page)).to_contain_text(text)
