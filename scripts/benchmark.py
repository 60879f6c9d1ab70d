"""Measure what one MediaNest poll costs against big fake libraries.

The fake servers run in a child process, so the figures are the client's alone: for
Radarr with 15,000 movies and Sonarr with 5,000 series, the requests, bytes, CPU time and
longest event-loop stall of a steady poll (the fast tier), of the 15-minute tier, and of
the hourly library read, which is what reading the whole library on every poll would cost.
For qBittorrent with 1,000 and 2,000 torrents, an incremental `sync/maindata` poll when
nothing changed and while a seventh of the torrents download, against a full one. For
Uptime Kuma with 300 monitors, one `/metrics` poll. For Plex with 15,000 movies and 500
shows (5,000 episodes) and three sessions, the steady poll (sessions), the newest-item
tier, the library tier (counts with pages of size 0) and, for comparison, reading the
whole movie library. For the downloader, a real yt-dlp
download (a 60-second 640x480 video made with ffmpeg, served at 2 MB/s): what Home
Assistant's process spends on it and its longest loop stall, with yt-dlp in MediaNest's
worker process and, for comparison, in a thread of Home Assistant's own process.

    PYTHONPATH=. .venv/bin/python scripts/benchmark.py            # everything
    PYTHONPATH=. .venv/bin/python scripts/benchmark.py seerr      # one part: arr, qbittorrent, kuma,
                                                                  # plex, seerr or downloader
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
import io
import json
import multiprocessing
from pathlib import Path
import shutil
import sys
import tempfile
import time
from typing import Any

import aiohttp

from custom_components.medianest.api import ytdlp_worker
from custom_components.medianest.api.arr import ArrClient, RadarrClient, SonarrClient
from custom_components.medianest.api.plex import PlexClient
from custom_components.medianest.api.qbittorrent import QbittorrentClient
from custom_components.medianest.api.seerr import SeerrClient
from custom_components.medianest.api.uptime_kuma import UptimeKumaClient
from custom_components.medianest.api.ytdlp import Job, Progress, YtDlpRunner
from tests.fakes.arr import FakeArr
from tests.fakes.base import STATS_PATH
from tests.fakes.plex import FakePlexServer
from tests.fakes.qbittorrent import FakeQbittorrent
from tests.fakes.seerr import FakeSeerr
from tests.fakes.uptime_kuma import FakeUptimeKuma
from tests.fakes.video_site import FakeVideoSite, make_media

KEY = "b" * 32
ROUNDS = 5
STACK = (("Radarr", "radarr", 15_000, 27878, RadarrClient), ("Sonarr", "sonarr", 5_000, 28989, SonarrClient))
# (torrents, port, downloads progressing)
QBITTORRENT = ((1_000, 28080, False), (1_000, 28081, True), (2_000, 28082, False))
KUMA_MONITORS, KUMA_PORT = 300, 23001
PLEX_MOVIES, PLEX_SHOWS, PLEX_PORT = 15_000, 500, 22400
SEERR_REQUESTS, SEERR_PORT = 1_000, 25055
VIDEO_PORT, VIDEO_RATE = 28100, 2_000_000
MEDIA = Path(tempfile.gettempdir()) / "medianest-benchmark-media"


def _serve() -> None:
    async def run() -> None:
        for _, kind, size, port, _ in STACK:
            await FakeArr(kind, KEY, library_size=size, port=port).start()  # type: ignore[arg-type]
        for torrents, port, live in QBITTORRENT:
            await FakeQbittorrent(torrents=torrents, port=port, live=live).start()
        kuma = FakeUptimeKuma(KEY, port=KUMA_PORT)
        for n in range(KUMA_MONITORS - len(kuma.monitors)):
            https = n % 3 == 0
            kuma.add_monitor(
                f"Service {n}",
                url=f"http{'s' if https else ''}://host{n}.lan",
                cert_days=30 if https else None,
            )
        await kuma.start()
        plex = FakePlexServer(KEY, movies=PLEX_MOVIES, shows=PLEX_SHOWS, episodes=10, port=PLEX_PORT)
        plex.play(plex.sections["1"].items[0], transcode=True)
        plex.play(plex.sections["1"].items[1])
        plex.play(plex.sections["2"].items[0]["episodes"][0], state="paused", remote=True)
        await plex.start()
        seerr = FakeSeerr(KEY, port=SEERR_PORT)
        for n in range(SEERR_REQUESTS - len(seerr.requests_by_id)):
            seerr.add_request("movie" if n % 2 else "tv", 10_000 + n, user_id=1 + n % 3, status=1 + n % 3)
        await seerr.start()
        site = FakeVideoSite(MEDIA, port=VIDEO_PORT)
        site.rate = VIDEO_RATE
        site.chunk = 65536
        await site.start()
        await asyncio.Event().wait()

    asyncio.run(run())


class StallMeter:
    """The longest time the event loop was kept from running a 5 ms ticker."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - start - 0.005)

    def __enter__(self) -> StallMeter:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *args: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def fake_stats(session: aiohttp.ClientSession, url: str) -> tuple[int, int]:
    """The requests a fake server has answered and the bytes it has sent."""
    async with session.get(url + STATS_PATH) as response:
        data = await response.json()
    return data["requests"], data["bytes_sent"]


async def _measure(
    session: aiohttp.ClientSession, url: str, work: Callable[[], Awaitable[Any]]
) -> tuple[float, float, float, float]:
    before = await fake_stats(session, url)
    cpu = 0.0
    with StallMeter() as meter:
        for _ in range(ROUNDS):
            start = time.process_time()
            await work()
            cpu += time.process_time() - start
        await asyncio.sleep(0.01)
    after = await fake_stats(session, url)
    return (after[0] - before[0]) / ROUNDS, (after[1] - before[1]) / ROUNDS, cpu / ROUNDS, meter.worst


def _row(label: str, requests: float, size_bytes: float, cpu: float, stall: float) -> None:
    print(f"  {label:<28} {requests:>8.0f} {size_bytes:>12,.0f} {cpu * 1000:>8.1f} {stall * 1000:>18.1f}")


async def _bench(session: aiohttp.ClientSession, name: str, size: int, client: ArrClient) -> None:
    now = datetime.now(UTC)

    async def fast() -> None:
        await client.queue_count()
        await client.missing_count()
        await client.health()

    async def slow() -> None:
        await client.system_status()
        await client.root_folders()
        await client.quality_profiles()
        await client.calendar(now, now + timedelta(days=7))

    async def library() -> None:
        await client.library_summary()

    print(f"\n{name} with {size:,} items, {ROUNDS} rounds each")
    print(f"  {'':<28} {'requests':>8} {'bytes':>12} {'CPU ms':>8} {'max loop stall ms':>18}")
    figures = {}
    for label, work in (
        ("steady poll (every minute)", fast),
        ("slow tier (every 15 min)", slow),
        ("library read (every hour)", library),
    ):
        requests, size_bytes, cpu, stall = await _measure(session, client.base_url, work)
        figures[label] = (size_bytes, cpu)
        _row(label, requests, size_bytes, cpu, stall)
    full_bytes, full_cpu = figures["library read (every hour)"]
    fast_bytes, fast_cpu = figures["steady poll (every minute)"]
    print(
        f"  a whole-library poll costs {full_bytes / fast_bytes:,.0f}x the bytes and "
        f"{full_cpu / max(fast_cpu, 1e-9):,.0f}x the CPU of a steady poll"
    )


async def _bench_qbittorrent(torrents: int, live: bool, url: str) -> None:
    # qBittorrent's session is a cookie the client keeps itself: no cookie jar.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        client = QbittorrentClient(session, url, "admin", "adminadmin")
        await client.maindata()

        async def steady() -> None:
            await asyncio.sleep(0.2 if live else 0)
            await client.maindata()

        async def full() -> None:
            client.sync.rid = 0  # as a client without incremental sync (or a new session) reads
            await client.maindata()

        activity = "a seventh downloading" if live else "nothing changing"
        print(f"\nqBittorrent with {torrents:,} torrents, {activity}, {ROUNDS} rounds each")
        print(f"  {'':<28} {'requests':>8} {'bytes':>12} {'CPU ms':>8} {'max loop stall ms':>18}")
        figures = {}
        for label, work in (("incremental poll (rid)", steady), ("full sync/maindata", full)):
            requests, size_bytes, cpu, stall = await _measure(session, url, work)
            figures[label] = size_bytes
            _row(label, requests, size_bytes, cpu, stall)
        ratio = figures["full sync/maindata"] / max(figures["incremental poll (rid)"], 1)
        print(f"  a full update costs {ratio:,.0f}x the bytes of an incremental poll")


async def _bench_kuma(session: aiohttp.ClientSession, url: str) -> None:
    client = UptimeKumaClient(session, url, KEY)
    monitors = await client.monitors()
    print(f"\nUptime Kuma with {len(monitors):,} monitors, {ROUNDS} rounds")
    print(f"  {'':<28} {'requests':>8} {'bytes':>12} {'CPU ms':>8} {'max loop stall ms':>18}")
    _row("poll (/metrics)", *await _measure(session, url, client.monitors))


async def _bench_seerr(session: aiohttp.ClientSession, url: str) -> None:
    client = SeerrClient(session, url, KEY)
    print(f"\nSeerr with {SEERR_REQUESTS:,} requests, {ROUNDS} rounds")
    print(f"  {'':<28} {'requests':>8} {'bytes':>12} {'CPU ms':>8} {'max loop stall ms':>18}")

    async def unconditional() -> None:  # what a poll after a change reads (and all polls did)
        await SeerrClient(session, url, KEY).request_counts()
        await client.requests(take=1, status_filter="failed")
        await client.requests(take=20, sort="modified")

    async def steady() -> None:  # nothing changed: the counts, answered 304 without a body
        await client.request_counts()

    await client.request_counts()
    await client.requests(take=20, sort="modified", conditional=True)
    whole = await _measure(session, url, unconditional)
    steady_poll = await _measure(session, url, steady)
    _row("counts, failed, page (changed)", *whole)
    _row("steady poll (counts, 304)", *steady_poll)
    # Per hour at one poll a minute while nothing changes; the page is asked for every
    # 10 minutes to be sure, and answered 304 too.
    before, now = whole[1] * 60, steady_poll[1] * 60
    print(f"  bytes per hour, nothing changing: {before:,.0f} reading everything, {now:,.0f} now")


async def _bench_plex(session: aiohttp.ClientSession, url: str) -> None:
    client = PlexClient(session, url, KEY, "benchmark", "0")
    sections = await client.sections()
    movies = sections[0]
    print(f"\nPlex with {PLEX_MOVIES:,} movies and {PLEX_SHOWS:,} shows, {ROUNDS} rounds")
    print(f"  {'':<28} {'requests':>8} {'bytes':>12} {'CPU ms':>8} {'max loop stall ms':>18}")

    async def libraries() -> None:
        await client.identity()
        for section in await client.sections():
            await client.section_count(section.key)

    _row("steady poll (sessions)", *await _measure(session, url, client.sessions))
    _row("5-minute tier (newest item)", *await _measure(session, url, lambda: client.recently_added(1)))
    _row("30-minute tier (libraries)", *await _measure(session, url, libraries))
    whole = await _measure(session, url, lambda: client.items(movies, size=PLEX_MOVIES))
    _row("whole movie library", *whole)


async def wait_for_fake(session: aiohttp.ClientSession, url: str) -> None:
    """Wait until a fake server answers (it generates its library first)."""
    for _ in range(1200):
        try:
            await fake_stats(session, url)
            return
        except aiohttp.ClientError:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"the fake server at {url} did not start")


async def _bench_downloader(session: aiohttp.ClientSession) -> None:
    url = f"http://127.0.0.1:{VIDEO_PORT}/watch/sample"
    size = (MEDIA / "clip.mp4").stat().st_size
    rate = VIDEO_RATE / 1e6
    print(f"\nDownloader: a real yt-dlp download of {size:,} bytes at {rate:.0f} MB/s, remuxed by ffmpeg")
    print(f"  {'':<28} {'seconds':>8} {'updates':>12} {'CPU ms':>8} {'max loop stall ms':>18}")
    ffmpeg = shutil.which("ffmpeg")
    with tempfile.TemporaryDirectory() as folder:
        job = Job(
            url=url,
            home=folder,
            temp=f"{folder}/.medianest/bench",
            root=folder,
            partial=".medianest/bench",
            ffmpeg=ffmpeg,
        )
        updates: list[Progress] = []
        runner = YtDlpRunner()
        start, cpu = time.perf_counter(), time.process_time()
        with StallMeter() as meter:
            await runner.probe(job)
            await runner.download(job, updates.append, lambda: None)
        _row_download("worker process (MediaNest)", start, len(updates), cpu, meter.worst)

    # The same job with yt-dlp in a thread of this process, as an in-process design would run it.
    with tempfile.TemporaryDirectory() as folder:
        job = Job(
            url=url,
            home=folder,
            temp=f"{folder}/.medianest/bench",
            root=folder,
            partial=".medianest/bench",
            ffmpeg=ffmpeg,
        )
        out = io.StringIO()
        start, cpu = time.perf_counter(), time.process_time()
        with StallMeter() as meter:
            await asyncio.to_thread(ytdlp_worker.run, io.StringIO(job.payload("download").decode()), out)
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        updates_count = sum(1 for line in lines if line["type"] == "progress")
        _row_download("thread in this process", start, updates_count, cpu, meter.worst)


def _row_download(label: str, start: float, updates: int, cpu: float, stall: float) -> None:
    seconds = time.perf_counter() - start
    cpu_ms = (time.process_time() - cpu) * 1000
    print(f"  {label:<28} {seconds:>8.1f} {updates:>12} {cpu_ms:>8.0f} {stall * 1000:>18.1f}")


async def main() -> None:
    """Start the fake servers in a child process and measure."""
    parts = set(sys.argv[1:]) or {"arr", "qbittorrent", "kuma", "plex", "seerr", "downloader"}
    make_media(MEDIA, seconds=60, size="640x480")
    server = multiprocessing.Process(target=_serve, daemon=True)
    server.start()
    try:
        async with aiohttp.ClientSession() as session:
            if "downloader" in parts:
                await wait_for_fake(session, f"http://127.0.0.1:{VIDEO_PORT}")
                await _bench_downloader(session)
            for name, _, size, port, client_class in STACK if "arr" in parts else ():
                url = f"http://127.0.0.1:{port}"
                await wait_for_fake(session, url)
                await _bench(session, name, size, client_class(session, url, KEY))
            for torrents, port, live in QBITTORRENT if "qbittorrent" in parts else ():
                url = f"http://127.0.0.1:{port}"
                await wait_for_fake(session, url)
                await _bench_qbittorrent(torrents, live, url)
            if "plex" in parts:
                await wait_for_fake(session, f"http://127.0.0.1:{PLEX_PORT}")
                await _bench_plex(session, f"http://127.0.0.1:{PLEX_PORT}")
            if "seerr" in parts:
                await wait_for_fake(session, f"http://127.0.0.1:{SEERR_PORT}")
                await _bench_seerr(session, f"http://127.0.0.1:{SEERR_PORT}")
            if "kuma" in parts:
                await wait_for_fake(session, f"http://127.0.0.1:{KUMA_PORT}")
                await _bench_kuma(session, f"http://127.0.0.1:{KUMA_PORT}")
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    asyncio.run(main())
