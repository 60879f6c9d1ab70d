"""MediaNest and Home Assistant core's integrations, side by side in Home Assistant.

Each integration is set up in a fresh Home Assistant against the same fake server (in a
child process, so the figures are Home Assistant's alone), with every entity enabled:
Radarr with 15,000 movies, Sonarr with 5,000 series, qBittorrent with 2,000 torrents (a
seventh downloading), Seerr with 1,000 requests and Uptime Kuma with 300 monitors (once with
every response time new on every read, once with nothing changing). For each it prints:

- setup: how long `async_setup` took to return, and until every entity had its state;
- a steady poll: what the coordinators read on their shortest period (requests, bytes,
  CPU of Home Assistant's process, entity states written included, and the longest
  time the event loop was held);
- per hour: every coordinator's poll times how often it runs in an hour (MediaNest's
  slower tiers by their own periods), in bytes and CPU;
- the ratio core / MediaNest.

Core's libraries are the versions its manifests name; they are installed once, outside
the project's environment (`~/.cache/medianest/core-libraries-<version>`).

    PYTHONPATH=. .venv/bin/python scripts/benchmark_ha.py            # every service
    PYTHONPATH=. .venv/bin/python scripts/benchmark_ha.py radarr     # one or more of
                  # radarr, sonarr, qbittorrent, seerr, uptime_kuma, uptime_kuma_unchanged
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
import gc
import importlib
import json
import logging
import multiprocessing
import os
from pathlib import Path
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any

import aiohttp

from scripts.benchmark import StallMeter, fake_stats, wait_for_fake
from tests.fakes.arr import FakeArr
from tests.fakes.qbittorrent import FakeQbittorrent
from tests.fakes.seerr import FakeSeerr
from tests.fakes.uptime_kuma import FakeUptimeKuma

KEY = "b" * 32
SEERR_KEY = "c2VlcnItYmVuY2htYXJrLWtleQ=="
KUMA_KEY = "uk1_benchmark-key"
QBT_USER, QBT_PASSWORD = "admin", "adminadmin"
PORTS = {
    "radarr": 37878,
    "sonarr": 38989,
    "qbittorrent": 38080,
    "seerr": 35055,
    "uptime_kuma": 33001,
    "uptime_kuma_unchanged": 33002,
}
SIZES = {
    "radarr": 15_000,
    "sonarr": 5_000,
    "qbittorrent": 2_000,
    "seerr": 1_000,
    "uptime_kuma": 300,
    "uptime_kuma_unchanged": 300,
}
#: integrations core's ones import without depending on them (core's Seerr imports Cloud,
#: which imports these)
IMPORTED_BY_CORE = ("cloud", "camera", "conversation", "assist_pipeline", "ffmpeg", "stt", "tts")
# The core integration of each service.
CORE_DOMAINS = {
    "radarr": "radarr",
    "sonarr": "sonarr",
    "qbittorrent": "qbittorrent",
    "seerr": "overseerr",
    "uptime_kuma": "uptime_kuma",
    "uptime_kuma_unchanged": "uptime_kuma",
}
POLLS = 10  # steady polls measured, averaged
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "medianest"


def _serve(parts: list[str]) -> None:
    async def run() -> None:
        if "radarr" in parts:
            await FakeArr("radarr", KEY, library_size=SIZES["radarr"], port=PORTS["radarr"]).start()
        if "sonarr" in parts:
            await FakeArr("sonarr", KEY, library_size=SIZES["sonarr"], port=PORTS["sonarr"]).start()
        if "qbittorrent" in parts:
            await FakeQbittorrent(torrents=SIZES["qbittorrent"], port=PORTS["qbittorrent"], live=True).start()
        if "seerr" in parts:
            seerr = FakeSeerr(SEERR_KEY, port=PORTS["seerr"])
            for n in range(SIZES["seerr"] - len(seerr.requests_by_id)):
                seerr.add_request("movie" if n % 2 else "tv", 10_000 + n, user_id=1 + n % 3, status=1 + n % 3)
            await seerr.start()
        for part in ("uptime_kuma", "uptime_kuma_unchanged"):
            if part not in parts:
                continue
            kuma = FakeUptimeKuma(KUMA_KEY, port=PORTS[part])
            kuma.jitter = part == "uptime_kuma"  # every response time new in every read
            for n in range(SIZES[part] - len(kuma.monitors)):
                https = n % 3 == 0
                kuma.add_monitor(
                    f"Service {n}",
                    url=f"http{'s' if https else ''}://host{n}.lan",
                    cert_days=30 if https else None,
                    tags={"site": "home"} if n % 4 == 0 else {},
                )
            await kuma.start()
        await asyncio.Event().wait()

    asyncio.run(run())


def _core_libraries() -> None:
    """Install the libraries of core's integrations once, beside (not into) the environment."""
    import homeassistant.components  # noqa: PLC0415
    from homeassistant.const import __version__  # noqa: PLC0415

    components = Path(homeassistant.components.__file__).parent
    # Core's Seerr imports Home Assistant Cloud, whose code imports the camera integration:
    # their libraries too (the integrations they depend on have theirs in the environment).
    requirements = sorted(
        {
            requirement
            for domain in (*CORE_DOMAINS.values(), *IMPORTED_BY_CORE)
            for requirement in json.loads((components / domain / "manifest.json").read_text()).get(
                "requirements", []
            )
        }
    )
    target = CACHE / f"core-libraries-{__version__}"
    marker = target / ".installed"
    if not marker.exists() or marker.read_text() != "\n".join(requirements):
        print(f"Installing core's libraries once into {target}: {', '.join(requirements)}", flush=True)
        installed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--upgrade",
                "--target",
                str(target),
                *requirements,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        # pip warns that these versions differ from the environment's: they do not mix (the
        # environment's come first on the path). Only a failure is worth showing.
        if installed.returncode:
            sys.exit(f"Could not install core's libraries:\n{installed.stderr[-3000:]}")
        marker.write_text("\n".join(requirements))
    # After the environment: where both have a library, the environment's is used.
    sys.path.append(str(target))


@dataclass
class Cost:
    """What something cost: requests and bytes served, CPU of this process, the worst stall."""

    requests: float = 0
    bytes: float = 0
    cpu: float = 0
    stall: float = 0

    def __add__(self, other: Cost) -> Cost:
        return Cost(
            self.requests + other.requests,
            self.bytes + other.bytes,
            self.cpu + other.cpu,
            max(self.stall, other.stall),
        )

    def __sub__(self, other: Cost) -> Cost:
        return Cost(
            max(self.requests - other.requests, 0),
            max(self.bytes - other.bytes, 0),
            max(self.cpu - other.cpu, 0),
            self.stall,
        )

    def times(self, factor: float) -> Cost:
        """The cost of `factor` times this."""
        return Cost(self.requests * factor, self.bytes * factor, self.cpu * factor, self.stall)


@dataclass
class Result:
    """One integration's figures."""

    setup: float
    ready: float
    setup_stall: float
    entities: int
    steady: Cost
    hour: Cost
    #: MediaNest's hour with the server pushing its events (the library read rarely)
    hour_push: Cost | None = None


async def _measure(hass: Any, session: aiohttp.ClientSession, url: str, work: Callable[[], Any]) -> Cost:
    before = await fake_stats(session, url)
    cpu = time.process_time()
    with StallMeter() as meter:
        await work()
        await hass.async_block_till_done()
        await asyncio.sleep(0.01)
    cpu = time.process_time() - cpu
    after = await fake_stats(session, url)
    return Cost(after[0] - before[0], after[1] - before[1], cpu, meter.worst)


def _entry_data(service: str, url: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """MediaNest's entry data, core's entry data and core's options for a service."""
    from custom_components.medianest.const import CONF_KIND  # noqa: PLC0415
    from homeassistant.const import (  # noqa: PLC0415
        CONF_API_KEY,
        CONF_HOST,
        CONF_PASSWORD,
        CONF_PORT,
        CONF_SSL,
        CONF_URL,
        CONF_USERNAME,
        CONF_VERIFY_SSL,
        CONF_WEBHOOK_ID,
    )

    ours: dict[str, Any] = {CONF_KIND: service, CONF_URL: url, CONF_VERIFY_SSL: True}
    core: dict[str, Any] = {CONF_URL: url, CONF_VERIFY_SSL: False}
    options: dict[str, Any] = {}
    match service:
        case "radarr" | "sonarr":
            ours[CONF_API_KEY] = core[CONF_API_KEY] = KEY
            if service == "sonarr":
                options = {"upcoming_days": 7, "wanted_max_items": 50}
        case "qbittorrent":
            ours |= {CONF_USERNAME: QBT_USER, CONF_PASSWORD: QBT_PASSWORD}
            core |= {CONF_USERNAME: QBT_USER, CONF_PASSWORD: QBT_PASSWORD}
        case "seerr":
            ours[CONF_API_KEY] = SEERR_KEY
            core = {
                CONF_HOST: "127.0.0.1",
                CONF_PORT: PORTS["seerr"],
                CONF_SSL: False,
                CONF_API_KEY: SEERR_KEY,
                CONF_WEBHOOK_ID: "benchmark",
            }
        case "uptime_kuma" | "uptime_kuma_unchanged":
            ours[CONF_KIND] = "uptime_kuma"
            ours[CONF_API_KEY] = core[CONF_API_KEY] = KUMA_KEY
    return ours, core, options


def _entry_version(domain: str) -> tuple[int, int]:
    """The version of the entries the integration's config flow makes today (no migration)."""
    from homeassistant import config_entries  # noqa: PLC0415

    module = importlib.import_module(
        f"homeassistant.components.{domain}.config_flow"
        if domain != "medianest"
        else "custom_components.medianest.config_flow"
    )
    flows = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, config_entries.ConfigFlow)
        and value.__module__ == module.__name__
    ]
    return flows[0].VERSION, flows[0].MINOR_VERSION


def _coordinators(entry: Any) -> list[Any]:
    from homeassistant.helpers.update_coordinator import DataUpdateCoordinator  # noqa: PLC0415

    return [
        o
        for o in gc.get_objects()
        if isinstance(o, DataUpdateCoordinator) and o.config_entry is entry and o.update_interval
    ]


async def _run_one(service: str, side: str) -> Result:
    from pytest_homeassistant_custom_component.common import (  # noqa: PLC0415
        MockConfigEntry,
        async_test_home_assistant,
    )

    from homeassistant import loader  # noqa: PLC0415
    from homeassistant.helpers import entity_registry as er, frame  # noqa: PLC0415
    from homeassistant.setup import async_setup_component  # noqa: PLC0415

    url = f"http://127.0.0.1:{PORTS[service]}"
    ours, core, options = _entry_data(service, url)
    with tempfile.TemporaryDirectory() as config_dir:
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)  # MediaNest is a custom integration
            frame.async_setup(hass)  # as Home Assistant's start does
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                http_port = probe.getsockname()[1]
            hass.config.internal_url = f"http://127.0.0.1:{http_port}"
            assert await async_setup_component(
                hass, "http", {"http": {"server_host": "127.0.0.1", "server_port": http_port}}
            )
            # What Home Assistant has loaded before any integration's entry is set up.
            for component in ("sensor", "binary_sensor", "button", "switch", "calendar", "event", "webhook"):
                assert await async_setup_component(hass, component, {})
            domain = "medianest" if side == "medianest" else CORE_DOMAINS[service]
            data = ours if side == "medianest" else core
            version, minor = _entry_version(domain)
            entry = MockConfigEntry(
                domain=domain,
                version=version,
                minor_version=minor,
                title=service,
                data=data,
                options=options if side == "core" else {},
                unique_id=f"{domain}-benchmark",
                entry_id=f"{domain}_benchmark",
            )
            entry.add_to_hass(hass)
            async with aiohttp.ClientSession() as session:
                # Home Assistant's own objects are left out of the collector's passes, which
                # would otherwise stall whichever integration runs when one falls due.
                gc.collect()
                gc.freeze()
                start = time.perf_counter()
                with StallMeter() as meter:
                    if not await hass.config_entries.async_setup(entry.entry_id):
                        raise RuntimeError(f"{side} {service}: {entry.state} {entry.reason}")
                    setup = time.perf_counter() - start
                    await hass.async_block_till_done()
                    ready = time.perf_counter() - start
                setup_stall = meter.worst
                entities = len(er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id))
                coordinators = _coordinators(entry)
                hour_push = None
                if side == "medianest":
                    steady, hour, hour_push = await _medianest_costs(hass, session, url, coordinators)
                else:
                    steady, hour = await _core_costs(hass, session, url, coordinators)
                await hass.config_entries.async_unload(entry.entry_id)
                await hass.async_block_till_done()
            await hass.async_stop(force=True)
    gc.unfreeze()
    return Result(setup, ready, setup_stall, entities, steady, hour, hour_push)


async def _core_costs(
    hass: Any, session: aiohttp.ClientSession, url: str, coordinators: list[Any]
) -> tuple[Cost, Cost]:
    """Each coordinator's poll; the steady poll is what runs on the shortest period."""
    shortest = min(c.update_interval for c in coordinators)
    steady, hour = Cost(), Cost()
    for coordinator in coordinators:
        polls = [await _measure(hass, session, url, coordinator.async_refresh) for _ in range(POLLS)]
        poll = _average(polls)
        hour = hour + poll.times(timedelta(hours=1) / coordinator.update_interval)
        if coordinator.update_interval == shortest:
            steady = steady + poll
    return steady, hour


async def _medianest_costs(
    hass: Any, session: aiohttp.ClientSession, url: str, coordinators: list[Any]
) -> tuple[Cost, Cost, Cost | None]:
    """The steady poll (its fast tier); each slower tier's extra cost by its own period.

    Sonarr and Radarr also get the hour with push on: the library read every 12 hours;
    Seerr too: its poll every 5 minutes.
    """
    from custom_components.medianest.apps.arr.const import ARR_LIBRARY_PUSH_INTERVAL  # noqa: PLC0415
    from custom_components.medianest.apps.seerr.const import SEERR_PUSH_SCAN_INTERVAL  # noqa: PLC0415
    from custom_components.medianest.apps.seerr.coordinator import SeerrCoordinator  # noqa: PLC0415

    (coordinator,) = coordinators
    if os.environ.get("BENCHMARK_PROFILE"):  # where MediaNest's steady poll spends its time
        import cProfile  # noqa: PLC0415
        import pstats  # noqa: PLC0415

        with cProfile.Profile() as profile:
            for _ in range(POLLS):
                await coordinator.async_refresh()
                await hass.async_block_till_done()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    steady = _average([await _measure(hass, session, url, coordinator.async_refresh) for _ in range(POLLS)])
    hour = steady.times(timedelta(hours=1) / coordinator.update_interval)
    library: tuple[Cost, Cost] | None = None  # its hourly cost, and one read
    for tier in coordinator._tiers:
        if tier.interval is None:
            continue

        async def forced(tier: Any = tier) -> None:
            tier.last_run = None
            await coordinator.async_refresh()

        extra = await _measure(hass, session, url, forced) - steady
        hour = hour + extra.times(timedelta(hours=1) / tier.interval)
        if tier.name == "library":  # with push: the same read, every 12 hours instead
            library = (extra.times(timedelta(hours=1) / tier.interval), extra)
    # Seerr reads its page of recent requests every 10 minutes even when nothing changed.
    seerr = isinstance(coordinator, SeerrCoordinator)
    if seerr:

        async def page() -> None:
            coordinator._page_read_at = None
            await coordinator.async_refresh()

        extra = await _measure(hass, session, url, page) - steady
        hour = hour + extra.times(timedelta(hours=1) / coordinator.page_interval)
    hour_push = None
    if library is not None:
        hourly, read = library
        hour_push = hour - hourly + read.times(timedelta(hours=1) / ARR_LIBRARY_PUSH_INTERVAL)
    if seerr:  # Seerr pushing: polls every 5 minutes
        polls = timedelta(hours=1) / coordinator.update_interval
        hour_push = hour - steady.times(polls - timedelta(hours=1) / SEERR_PUSH_SCAN_INTERVAL)
    return steady, hour, hour_push


def _average(costs: list[Cost]) -> Cost:
    total = Cost()
    for cost in costs:
        total = total + cost
    return Cost(total.requests / len(costs), total.bytes / len(costs), total.cpu / len(costs), total.stall)


def _print(service: str, results: dict[str, Result]) -> None:
    ours, core = results["medianest"], results["core"]
    print(f"\n{service} ({SIZES[service]:,} items), every entity enabled")
    header = f"  {'':<34} {'MediaNest':>14} {'core':>14} {'core/MediaNest':>15}"
    print(header)

    def row(label: str, mine: float, theirs: float, fmt: str, ratio: bool = True) -> None:
        quotient = f"{theirs / mine:,.1f}x" if ratio and mine else "-"
        print(f"  {label:<34} {format(mine, fmt):>14} {format(theirs, fmt):>14} {quotient:>15}")

    row("entities", ours.entities, core.entities, ",.0f", ratio=False)
    row("setup returns (s)", ours.setup, core.setup, ".3f")
    row("setup, every entity ready (s)", ours.ready, core.ready, ".3f")
    row("setup: longest loop stall (ms)", ours.setup_stall * 1000, core.setup_stall * 1000, ".1f")
    row("steady poll: requests", ours.steady.requests, core.steady.requests, ",.1f")
    row("steady poll: bytes", ours.steady.bytes, core.steady.bytes, ",.0f")
    row("steady poll: CPU (ms)", ours.steady.cpu * 1000, core.steady.cpu * 1000, ",.1f")
    row("steady poll: longest loop stall (ms)", ours.steady.stall * 1000, core.steady.stall * 1000, ".1f")
    row("per hour: bytes", ours.hour.bytes, core.hour.bytes, ",.0f")
    row("per hour: CPU (ms)", ours.hour.cpu * 1000, core.hour.cpu * 1000, ",.0f")
    row("per hour: longest loop stall (ms)", ours.hour.stall * 1000, core.hour.stall * 1000, ".1f")
    if ours.hour_push is not None:
        row("per hour, push on: bytes", ours.hour_push.bytes, core.hour.bytes, ",.0f")
        row("per hour, push on: CPU (ms)", ours.hour_push.cpu * 1000, core.hour.cpu * 1000, ",.0f")


def _quiet() -> None:
    if os.environ.get("BENCHMARK_LOG"):  # to see why a setup failed, and what held the loop
        logging.basicConfig(level=logging.WARNING)
        loop = asyncio.get_running_loop()
        loop.set_debug(True)
        loop.slow_callback_duration = 0.02
        started: list[float] = []

        def collection(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                started[:] = [time.perf_counter()]
            elif started and (took := time.perf_counter() - started[0]) > 0.01:
                print(f"garbage collection of generation {info['generation']}: {took * 1000:.0f} ms")

        gc.callbacks.append(collection)
        return
    logging.basicConfig(level=logging.CRITICAL)
    # The integrations log errors that do not matter here (core's Kuma asks GitHub for its
    # latest release; there is no internet).
    for name in ("homeassistant", "custom_components", "aiohttp"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _enable_every_entity() -> None:
    from homeassistant.helpers.entity import Entity  # noqa: PLC0415

    Entity.entity_registry_enabled_default = property(lambda self: True)  # type: ignore[assignment,method-assign]


async def main() -> None:
    """Start the fake servers in a child process and measure both sides of each service."""
    parts = [p for p in PORTS if p in sys.argv[1:]] or list(PORTS)
    _core_libraries()
    _quiet()
    _enable_every_entity()
    server = multiprocessing.Process(target=_serve, args=(parts,), daemon=True)
    server.start()
    try:
        async with aiohttp.ClientSession() as session:
            for service in parts:
                await wait_for_fake(session, f"http://127.0.0.1:{PORTS[service]}")
        for service in parts:
            sides = os.environ.get("BENCHMARK_SIDES", "medianest,core").split(",")
            results = {}
            for side in sides:
                try:
                    results[side] = await _run_one(service, side)
                except (ImportError, RuntimeError) as err:  # core's Seerr needs cloud, camera...
                    print(f"\n{service}: {side} could not be set up here ({type(err).__name__}: {err})")
            if len(results) == 2:
                _print(service, results)
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    asyncio.run(main())
