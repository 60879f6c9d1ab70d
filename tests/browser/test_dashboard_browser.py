"""The Media stack dashboard in a real browser, against the real Home Assistant of the demo.

The test starts `scripts/develop` in a fresh config folder on a free port (the demo stack on
its own ports, Home Assistant, the demo entries added through MediaNest's config flow), then
drives Debian's Chromium with Playwright: every card renders, posters load from Home
Assistant with no key in their addresses, Approve works for an administrator and is absent
for another user, progress bars move, dark theme and a phone's viewport. It prints how long
the dashboard took to render. With MEDIANEST_SCREENSHOTS=<folder> it leaves the README's
screenshots there (`MEDIANEST_SCREENSHOTS=docs/screenshots scripts/test tests/browser`).
MEDIANEST_BROWSER_HA=<url> uses a Home Assistant of scripts/develop started by hand instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
import contextlib
from dataclasses import dataclass
import json
import os
from pathlib import Path
import signal
import socket
import subprocess
import time
from typing import Any

import aiohttp
import pytest
import pytest_socket

from scripts.develop_bootstrap import login_code
from tests.fakes import demo

playwright_api = pytest.importorskip("playwright.async_api", reason="Playwright is not installed")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
#: the demo stack's ports (scripts/develop's fake servers)
DEMO_PORTS = (32410, 18324, 18989, 17878, 19696, 18080, 13001, 15055, 18100)
#: every key, token and password of the demo stack: none may reach the page
SECRETS = tuple(
    getattr(demo, name)
    for name in dir(demo)
    if name.startswith("DEMO_") and name.endswith(("_KEY", "_TOKEN", "_PASSWORD"))
)
CARDS = (
    "medianest-now-playing",
    "medianest-recently-added",
    "medianest-requests",
    "medianest-downloads",
    "medianest-coming-up",
    "medianest-stack-health",
)
#: every poster in the page's cards (through their shadow roots): address, loaded, in view
POSTERS_JS = """() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.tagName === "IMG" && el.classList.contains("poster")) {
        const box = el.getBoundingClientRect();
        const inView = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
        found.push({ src: el.getAttribute("src"), loaded: el.complete && el.naturalWidth > 0, inView });
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
}"""


def _port_free(port: int) -> bool:
    """Nothing listens there (as the fake servers bind: a closed connection's wait is no use)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: Home Assistant's log of the instance the module started (none for one started by hand)
LOGS: list[Path] = []


@pytest.fixture(scope="module")
def home_assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """scripts/develop in a fresh config folder: Home Assistant with the demo entries."""
    pytest_socket.enable_socket()  # to find free ports (each test enables them for itself too)
    if running := os.environ.get("MEDIANEST_BROWSER_HA"):
        yield running  # a Home Assistant of scripts/develop started by hand (a fresh one)
        return
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (scripts/setup installs Debian's chromium)")
    if busy := [p for p in DEMO_PORTS if not _port_free(p)]:
        pytest.skip(f"the demo stack's ports {busy} are in use (is scripts/develop running?)")
    config = tmp_path_factory.mktemp("home-assistant")
    port = _free_port()
    log_path = config / "develop.log"
    LOGS.append(config / "home-assistant.log")
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(ROOT / "scripts" / "develop")],
            cwd=ROOT,
            env=os.environ | {"MEDIANEST_DEVELOP_CONFIG": str(config), "MEDIANEST_DEVELOP_PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 300
        while "Home Assistant is ready" not in log_path.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"scripts/develop did not get ready:\n{log_path.read_text()[-3000:]}")
            time.sleep(1)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where the screenshots go: MEDIANEST_SCREENSHOTS (the README's), else the test's folder."""
    folder = Path(os.environ.get("MEDIANEST_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def _tokens(url: str, username: str, password: str) -> dict[str, Any]:
    """Sign in as the frontend does: a login flow, then the code for tokens."""
    client_id = f"{url}/"
    async with aiohttp.ClientSession() as session:
        code = await login_code(session, url, username, password)
        assert code is not None, f"{username} could not sign in"
        async with session.post(
            f"{url}/auth/token",
            data={"grant_type": "authorization_code", "code": code, "client_id": client_id},
        ) as response:
            tokens: dict[str, Any] = await response.json()
    return tokens | {"hassUrl": url, "clientId": client_id}


async def _websocket(url: str, token: str, *messages: dict[str, Any]) -> list[Any]:
    """Send commands over Home Assistant's websocket; their results."""
    results = []
    async with aiohttp.ClientSession() as session, session.ws_connect(f"{url}/api/websocket") as ws:
        await ws.receive_json()
        await ws.send_json({"type": "auth", "access_token": token})
        assert (await ws.receive_json())["type"] == "auth_ok"
        for number, message in enumerate(messages, start=1):
            await ws.send_json({"id": number, **message})
            while (answer := await ws.receive_json()).get("id") != number:
                pass
            assert answer["success"], answer
            results.append(answer["result"])
    return results


@dataclass
class Browser:
    """Chromium, signed in as one user."""

    url: str
    browser: Any
    tokens: dict[str, Any]

    async def page(self, path: str, *, width: int = 1280, height: int = 900, scheme: str = "light") -> Any:
        context = await self.browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme
        )
        stored = self.tokens | {"expires": int(time.time() * 1000) + self.tokens["expires_in"] * 1000}
        await context.add_init_script(f"localStorage.setItem('hassTokens', {_js_string(stored)});")
        page = await context.new_page()
        await page.goto(f"{self.url}{path}")
        return page


def _js_string(value: dict[str, Any]) -> str:
    return json.dumps(json.dumps(value))


@contextlib.asynccontextmanager
async def _chromium(url: str, username: str, password: str) -> AsyncIterator[Browser]:
    tokens = await _tokens(url, username, password)
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield Browser(url, browser, tokens)
        finally:
            await browser.close()


async def _dashboard(browser: Browser, **viewport: Any) -> tuple[Any, float]:
    """Open /medianest; the page once every card rendered, and how long that took."""
    started = time.monotonic()
    page = await browser.page("/medianest", **viewport)
    await page.wait_for_url("**/medianest/media")
    for card in CARDS:
        await page.locator(f"{card} ha-card").first.wait_for(timeout=20_000)
    return page, time.monotonic() - started


async def _posters_loaded(page: Any) -> list[dict[str, Any]]:
    """The page's posters once those in view have loaded (or ten seconds passed)."""
    deadline = time.monotonic() + 10
    while True:
        posters = await page.evaluate(POSTERS_JS)
        if all(p["loaded"] for p in posters if p["inView"]) or time.monotonic() > deadline:
            return list(posters)
        await page.wait_for_timeout(100)


async def test_every_card_renders_with_posters_from_home_assistant(
    home_assistant: str, screenshots: Path
) -> None:
    async with _chromium(home_assistant, "dev", "dev") as browser:
        for name, viewport in (
            ("dashboard-light", {}),
            ("dashboard-dark", {"scheme": "dark"}),
            ("dashboard-phone", {"width": 390, "height": 844}),
        ):
            page, rendered = await _dashboard(browser, **viewport)
            posters = await _posters_loaded(page)
            print(f"{name}: every card rendered {rendered * 1000:.0f} ms after opening the page")
            assert posters, "no poster on the dashboard"
            assert all(p["loaded"] for p in posters if p["inView"]), posters
            assert all(p["src"].startswith("/api/medianest/poster/") for p in posters), posters
            html = await page.evaluate("() => document.documentElement.outerHTML")
            sources = " ".join(p["src"] for p in posters)
            assert not any(secret in sources for secret in SECRETS)
            assert "image.tmdb.org" not in html
            # What each card shows of the demo stack.
            assert await page.locator("medianest-now-playing .session").count() == 2
            assert await page.locator("medianest-now-playing .transcode").count() == 1
            assert await page.locator("medianest-recently-added .recent").count() > 3
            assert await page.locator("medianest-requests .request").count() >= 2
            assert await page.locator("medianest-downloads .warning").count() == 1  # the stuck import
            assert await page.locator("medianest-downloads button.pause").count() > 0
            assert await page.locator("medianest-stack-health .chip").count() >= 8
            if name == "dashboard-dark":
                background = await page.evaluate(
                    "() => getComputedStyle(document.querySelector('home-assistant'))"
                    ".getPropertyValue('--primary-background-color')"
                )
                assert background.strip().lower() in ("#111111", "#111"), background
            await page.wait_for_timeout(600)  # the progress bars' transition
            toast = page.locator("ha-toast")
            if await toast.count() and await toast.first.is_visible():
                # Home Assistant's own toast (a fresh instance says it started): not in the picture.
                text = await toast.first.evaluate(
                    "t => t.labelText || t.shadowRoot?.textContent || t.textContent"
                )
                print(f"{name}: toast {text!r}")
                await toast.first.wait_for(state="hidden", timeout=15_000)
            await page.screenshot(path=screenshots / f"{name}.png")
            await page.context.close()


async def test_progress_bars_move_as_the_queue_progresses(socket_enabled: None, home_assistant: str) -> None:
    async with _chromium(home_assistant, "dev", "dev") as browser:
        page, _ = await _dashboard(browser)
        bars = page.locator("medianest-downloads .download [role=progressbar]")
        titles = page.locator("medianest-downloads .download .title")

        async def progress() -> dict[str, int]:
            values = {}
            for index in range(await bars.count()):
                values[await titles.nth(index).inner_text()] = int(
                    await bars.nth(index).get_attribute("aria-valuenow")
                )
            return values

        before = await progress()
        # The dashboard reads the queues again every 10 seconds while it is open.
        await page.wait_for_timeout(12_000)
        after = await progress()
        moved = [title for title in before if title in after and after[title] > before[title]]
        assert moved, (before, after)
        await page.context.close()


async def test_a_pile_of_posters_renders_fast_on_a_phone(socket_enabled: None, home_assistant: str) -> None:
    """A dashboard of 50 posters and more on a phone's viewport: render time, from the app."""
    async with _chromium(home_assistant, "dev", "dev") as browser:
        token = browser.tokens["access_token"]
        cards = [
            {"type": "custom:medianest-recently-added", "max_items": 50},
            {"type": "custom:medianest-coming-up", "max_items": 50},
            {"type": "custom:medianest-downloads", "max_items": 50},
            {"type": "custom:medianest-requests", "max_items": 50},
        ] * 2  # the demo has about 40 posters: each card twice
        (dashboards,) = await _websocket(home_assistant, token, {"type": "lovelace/dashboards/list"})
        create = [
            {
                "type": "lovelace/dashboards/create",
                "url_path": "medianest-posters",
                "title": "Posters",
                "mode": "storage",
            }
        ]
        if any(d["url_path"] == "medianest-posters" for d in dashboards):
            create = []  # a Home Assistant started by hand, tested before
        await _websocket(
            home_assistant,
            token,
            *create,
            {
                "type": "lovelace/config/save",
                "url_path": "medianest-posters",
                "config": {"views": [{"path": "all", "cards": cards}]},
            },
        )
        page = await browser.page("/config/dashboard", width=390, height=844)
        await page.wait_for_url("**/config/dashboard")
        await page.wait_for_timeout(1000)
        # Within the app, as a user opens it from the sidebar.
        started = await page.evaluate("() => performance.now()")
        await page.evaluate(
            "() => { history.pushState(null, '', '/medianest-posters/all');"
            " dispatchEvent(new CustomEvent('location-changed')); }"
        )
        deadline = time.monotonic() + 20
        while len(posters := await page.evaluate(POSTERS_JS)) < 50:
            assert time.monotonic() < deadline, f"{len(posters)} posters on {page.url}"
            await page.wait_for_timeout(10)
        in_dom = await page.evaluate("() => performance.now()") - started
        posters = await _posters_loaded(page)
        visible = await page.evaluate("() => performance.now()") - started
        print(
            f"{len(posters)} posters on a 390x844 viewport: in the page {in_dom:.0f} ms, "
            f"those in view loaded {visible:.0f} ms after opening the dashboard"
        )
        assert all(p["loaded"] for p in posters if p["inView"])
        await page.context.close()


async def test_approve_for_an_administrator_only(socket_enabled: None, home_assistant: str) -> None:
    async with _chromium(home_assistant, "dev", "dev") as admin:
        token = admin.tokens["access_token"]
        (user,) = await _websocket(
            home_assistant,
            token,
            {"type": "config/auth/create", "name": "Guest", "group_ids": ["system-users"]},
        )
        await _websocket(
            home_assistant,
            token,
            {
                "type": "config/auth_provider/homeassistant/create",
                "user_id": user["user"]["id"],
                "username": "guest",
                "password": "guest-password",
            },
        )
        page, _ = await _dashboard(admin)
        requests = page.locator("medianest-requests .request")
        count = await requests.count()
        first = await requests.first.locator(".title").inner_text()
        await requests.first.locator("button.approve").click()
        await page.locator("medianest-requests .request .title", has_text=first).wait_for(
            state="detached", timeout=10_000
        )
        assert await requests.count() == count - 1
        # The other requests by status, the approved one among them.
        await page.locator("medianest-requests .totals", has_text="approved").wait_for(timeout=10_000)
        await page.context.close()
    async with _chromium(home_assistant, "guest", "guest-password") as guest:
        page, _ = await _dashboard(guest)
        assert await page.locator("medianest-requests .request").count() == count - 1
        assert await page.locator("medianest-requests button").count() == 0
        await page.context.close()


async def test_pause_and_resume_a_torrent(socket_enabled: None, home_assistant: str) -> None:
    async with _chromium(home_assistant, "dev", "dev") as browser:
        page, _ = await _dashboard(browser)
        row = page.locator("medianest-downloads .download", has=page.locator("button.pause")).first
        title = await row.locator(".title").inner_text()
        await row.locator("button.pause").click()
        same = page.locator("medianest-downloads .download", has=page.locator(".title", has_text=title))
        await same.locator("button.resume").wait_for(timeout=15_000)
        await same.locator("button.resume").click()
        await same.locator("button.pause").wait_for(timeout=15_000)
        await page.context.close()


def test_home_assistant_logged_no_error_of_medianest(home_assistant: str) -> None:
    """The instance's own log, after every test above: no error or warning of MediaNest."""
    if not LOGS:
        pytest.skip("Home Assistant was started by hand: its log is not known here")
    lines = LOGS[0].read_text(errors="replace").splitlines()
    bad = [
        line
        for line in lines
        if ("ERROR" in line or "WARNING" in line)
        and "medianest" in line.lower()
        # what Home Assistant says of every custom integration
        and "We found a custom integration" not in line
    ]
    assert bad == [], "\n".join(bad[:20])
