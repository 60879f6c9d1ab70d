"""Screenshots of the Media dashboard in Chromium, from the Home Assistant of scripts/develop.

Run `scripts/develop` first, then:

    PYTHONPATH=. .venv/bin/python scripts/dashboard_screenshots.py

It signs in as the development user (trusted network), opens /medianest light and dark at
desktop width and on a phone-sized viewport, waits for every card to render, prints how
long that took, and writes docs/screenshots/dashboard-{light,dark,phone}.png. Playwright
drives Debian's Chromium (/usr/bin/chromium); it downloads no browser.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
import time

from playwright.async_api import async_playwright

from scripts.develop_bootstrap import HA

OUT = Path(__file__).parent.parent / "docs" / "screenshots"
#: the cards always shown (Now playing takes no room while nothing plays)
CARDS = ("medianest-requests", "medianest-downloads", "medianest-coming-up", "medianest-stack-health")
SHOTS = (
    ("dashboard-light", 1280, 900, "light"),
    ("dashboard-dark", 1280, 900, "dark"),
    ("dashboard-phone", 390, 844, "light"),
)


async def main() -> None:
    """Take each screenshot in a fresh browser context."""
    OUT.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            for name, width, height, scheme in SHOTS:
                page = await browser.new_page(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                started = time.monotonic()
                await page.goto(f"{HA}/medianest")
                await page.wait_for_url("**/medianest/media")
                for card in CARDS:
                    await page.locator(f"{card} ha-card").first.wait_for(timeout=20_000)
                rendered = time.monotonic() - started  # sign-in included
                await page.wait_for_timeout(500)  # the progress bars' transition
                await page.screenshot(path=OUT / f"{name}.png")
                print(f"{name}: every card rendered {rendered * 1000:.0f} ms after opening (with sign-in)")
                await page.close()
        finally:
            await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
