"""Take screenshots of key pages of the built handbook (``make screenshots``).

Run after ``make site``; writes PNG files to docs/assets/screenshots/, which the README shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM_ARGS, chromium_path, serve

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "screenshots"
SHOTS = {
    "start": "",
    "glossary": "glossary/#mql",
    "slas": "slas/#lead-follow-up",
    "raci": "roles/#raci-matrix",
    "funnel": "funnel/",
}


def main() -> int:
    """Take every screenshot; return the exit status."""
    executable = chromium_path()
    site = ROOT / "site"
    if executable is None or not (site / "index.html").exists():
        print("needs Chromium (make browser) and a built site (make site)", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        for name, path in SHOTS.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(f"wrote {(OUT / f'{name}.png').relative_to(ROOT)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
