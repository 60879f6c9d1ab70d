"""The local demo stack: fake servers filled with believable data, on fixed loopback ports.

Run by `scripts/develop`; stops on Ctrl+C or SIGTERM. Switch a server into a fault while
it runs, to see how Home Assistant shows it:

    curl -X POST -d '{"fault": "refused"}' http://127.0.0.1:18989/__fake__/fault
    curl -X POST -d '{"fault": "none"}' http://127.0.0.1:18989/__fake__/fault

Make a new Seerr request (then approve it with {"id": 8, "status": 2}):

    curl -X POST -d '{"title": "Severance"}' http://127.0.0.1:15055/__fake__/request

Take an Uptime Kuma monitor down (status 1 brings it back):

    curl -X POST -d '{"id": 1, "status": 0}' http://127.0.0.1:13001/__fake__/monitor

Make a Prowlarr indexer fail (and recover with "failing": false):

    curl -X POST -d '{"id": 2, "failing": true}' http://127.0.0.1:19696/__fake__/indexer

Plex: "Sign in with Plex" goes to the demo's plex.tv (scripts/develop points MediaNest at
it), whose sign-in page has one button. Start a transcoded session, end them all, or add a movie:

    curl -X POST -d '{"transcode": true}' http://127.0.0.1:32410/__fake__/play
    curl -X POST -d '{}' http://127.0.0.1:32410/__fake__/stop
    curl -X POST -d '{"title": "Dune: Part Three"}' http://127.0.0.1:32410/__fake__/movie

The video site offers a 30-second test video for the downloader, at 50 KB/s so its
progress can be watched: http://127.0.0.1:18100/watch/sample (its HLS stream:
http://127.0.0.1:18100/hls/master.m3u8). The videos are rendered with ffmpeg on the first
start and kept in ~/.cache/medianest/demo-media.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

from .arr import FakeArr
from .base import FakeServer
from .plex import FakePlexServer, FakePlexTv, connection
from .prowlarr import FakeProwlarr
from .qbittorrent import FakeQbittorrent
from .seerr import FakeSeerr
from .uptime_kuma import FakeUptimeKuma
from .video_site import FakeVideoSite, make_media, media_cache

DEMO_SONARR_KEY = "d3m0s0narr0000000000000000000001"
DEMO_RADARR_KEY = "d3m0radarr0000000000000000000002"
DEMO_PROWLARR_KEY = "d3m0pr0wlarr00000000000000000003"
DEMO_SEERR_KEY = "ZDNtMHMzM3JyMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDU="
DEMO_KUMA_KEY = "uk1_d3m0-kuma-0000000000000004"
DEMO_QBT_USER = "admin"
DEMO_QBT_PASSWORD = "medianest-demo"
DEMO_PLEX_ACCOUNT_TOKEN = "d3m0-plex-account-token"
DEMO_PLEX_SERVER_TOKEN = "d3m0-plex-server-token"
PLEX_TV_PORT = 18324
PLEX_PORT = 32410


def build_stack() -> list[tuple[str, FakeServer, str]]:
    """The demo's servers: (service, server, credential to enter)."""
    plex, plex_tv = _plex()
    return [
        ("Plex", plex, DEMO_PLEX_SERVER_TOKEN),
        ("plex.tv", plex_tv, "Sign in with Plex"),
        (
            "Sonarr",
            FakeArr("sonarr", DEMO_SONARR_KEY, library_size=180, queue_size=4, port=18989),
            DEMO_SONARR_KEY,
        ),
        ("Radarr", _radarr(), DEMO_RADARR_KEY),
        ("Seerr", FakeSeerr(DEMO_SEERR_KEY, port=15055), DEMO_SEERR_KEY),
        ("Uptime Kuma", FakeUptimeKuma(DEMO_KUMA_KEY, port=13001), DEMO_KUMA_KEY),
        ("Prowlarr", FakeProwlarr(DEMO_PROWLARR_KEY, indexers=6, port=19696), DEMO_PROWLARR_KEY),
        (
            "qBittorrent",
            FakeQbittorrent(
                username=DEMO_QBT_USER, password=DEMO_QBT_PASSWORD, torrents=40, live=True, port=18080
            ),
            f"{DEMO_QBT_USER} / {DEMO_QBT_PASSWORD}",
        ),
        ("Video site", _video_site(), "-"),
    ]


def _radarr() -> FakeArr:
    """A Radarr with three downloads, one of them done but stuck before its import."""
    radarr = FakeArr("radarr", DEMO_RADARR_KEY, library_size=1200, queue_size=3, port=17878)
    stuck = radarr.queue[-1]
    radarr.stall_import(stuck["id"], f"No files found are eligible for import in /downloads/{stuck['title']}")
    return radarr


def _plex() -> tuple[FakePlexServer, FakePlexTv]:
    """A Plex server with two people watching, and the account that owns it."""
    server = FakePlexServer(DEMO_PLEX_SERVER_TOKEN, movies=320, shows=24, name="Demo Plex", port=PLEX_PORT)
    server.play(server.sections["1"].items[3], user="alice", transcode=True)
    server.play(server.sections["2"].items[1]["episodes"][2], user="bob", state="paused", remote=True)
    account = FakePlexTv(DEMO_PLEX_ACCOUNT_TOKEN, port=PLEX_TV_PORT)
    # As plex.tv lists a server: a remote address that does not answer here, the local one,
    # and the relay.
    account.add_server(
        server,
        [
            connection(f"http://203.0.113.7:{PLEX_PORT}"),
            connection(server.url, local=True),
            connection(f"https://198.51.100.9:{PLEX_PORT}", relay=True),
        ],
    )
    account.add_player("Living Room TV")
    return server, account


def _video_site() -> FakeVideoSite:
    site = FakeVideoSite(make_media(media_cache(), seconds=30), port=18100, seconds=30)
    site.rate = 50_000
    return site


async def main() -> None:
    """Start the stack and keep it running until stopped."""
    stack = build_stack()
    for _, server, _ in stack:
        await server.start()
    print("MediaNest demo stack is running:", flush=True)
    print(f"  {'service':<12} {'URL':<28} API key or user / password", flush=True)
    for name, server, key in stack:
        print(f"  {name:<12} {server.url:<28} {key}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for _, server, _ in stack:
        await server.stop()


if __name__ == "__main__":
    asyncio.run(main())
