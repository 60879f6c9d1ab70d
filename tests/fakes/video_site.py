"""A local video site for the downloader: real videos made with ffmpeg, served over HTTP.

`make_media(folder)` renders a short test pattern with sound as an mp4 file and as an HLS
stream with two renditions (240p and 480p) behind a master playlist. `FakeVideoSite`
serves them, each behind a watch page with Open Graph tags (title, description,
thumbnail), as yt-dlp's generic extractor reads them. File downloads can be slowed to a
set rate, honour `Range` (so an interrupted download resumes), and can be made to vanish
(404) to test failures.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
import html
import json
import os
from pathlib import Path
import shutil
import subprocess

from aiohttp import web

from .base import FakeServer

RENDITIONS = (240, 480)


@dataclass(frozen=True, slots=True)
class Video:
    """A video of the site: its watch page and its file."""

    slug: str
    title: str
    file: str
    description: str = ""
    seconds: int = 3


def _ffmpeg(*args: str) -> None:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise RuntimeError("ffmpeg is not installed (scripts/setup installs it)")
    subprocess.run([ffmpeg, "-v", "error", "-y", *args], check=True)


def make_media(folder: Path, *, seconds: int = 3, size: str = "320x240") -> Path:
    """Render the site's videos into `folder` (once; kept if already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    pattern = ["-f", "lavfi", "-i", f"testsrc=size={{size}}:rate=15:duration={seconds}"]
    sound = ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={seconds}"]
    encode = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "48k"]
    clip = folder / "clip.mp4"
    if not clip.exists():
        _ffmpeg(*[a.replace("{size}", size) for a in pattern], *sound, *encode, "-shortest", str(clip))
    hls = folder / "hls"
    if not (hls / "master.m3u8").exists():
        hls.mkdir(exist_ok=True)
        lines = ["#EXTM3U"]
        for height in RENDITIONS:
            size = f"{height * 4 // 3}x{height}"
            _ffmpeg(
                *[a.replace("{size}", size) for a in pattern],
                *sound,
                *encode,
                "-shortest",
                "-f",
                "hls",
                "-hls_time",
                "1",
                "-hls_playlist_type",
                "vod",
                "-hls_segment_filename",
                str(hls / f"{height}_%03d.ts"),
                str(hls / f"{height}.m3u8"),
            )
            lines += [f"#EXT-X-STREAM-INF:BANDWIDTH={height * 1000},RESOLUTION={size}", f"{height}.m3u8"]
        (hls / "master.m3u8").write_text("\n".join(lines) + "\n")
    thumb = folder / "thumb.jpg"
    if not thumb.exists():
        _ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1", str(thumb))
    return folder


class FakeVideoSite(FakeServer):
    """Watch pages, files and an HLS stream on loopback."""

    def __init__(self, media: Path, *, port: int = 0, seconds: int = 3) -> None:
        """Serve the media in `media` (see `make_media`, which made it `seconds` long)."""
        super().__init__(port=port)
        self.media = media
        #: bytes per second for file downloads (None: as fast as possible)
        self.rate: int | None = None
        self.chunk = 4096
        #: files that answer 404
        self.missing: set[str] = set()
        #: the Range header of every file request, in order (None when there was none)
        self.ranges: list[str | None] = []
        self.videos: dict[str, Video] = {}
        #: a cookie (name, value) the watch pages ask for (a site behind a login)
        self.required_cookie: tuple[str, str] | None = None
        self.add_video(
            Video("sample", "Test Pattern Sample", "clip.mp4", "A test pattern with a 440 Hz tone.", seconds)
        )

    def add_video(self, video: Video) -> Video:
        """Offer another watch page (for a file in the media folder)."""
        self.videos[video.slug] = video
        return video

    def watch_url(self, slug: str) -> str:
        """The address of a video's watch page."""
        return f"{self.url}/watch/{slug}"

    @property
    def hls_url(self) -> str:
        """The HLS master playlist."""
        return f"{self.url}/hls/master.m3u8"

    def build_app(self) -> web.Application:
        """Watch pages, files and the HLS folder."""
        app = super().build_app()
        app.router.add_get("/watch/{slug}", self._watch)
        app.router.add_get("/files/{name}", self._file)
        app.router.add_static("/hls", self.media / "hls")
        app.router.add_get("/thumb.jpg", self._thumbnail)
        app.router.add_get("/about", self._about)
        return app

    async def _about(self, request: web.Request) -> web.Response:
        return web.Response(
            text="<html><head><title>About</title></head><body>No video here.</body></html>",
            content_type="text/html",
        )

    async def _thumbnail(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(self.media / "thumb.jpg")

    async def _watch(self, request: web.Request) -> web.Response:
        video = self.videos.get(request.match_info["slug"])
        if video is None:
            raise web.HTTPNotFound
        if self.required_cookie and request.cookies.get(self.required_cookie[0]) != self.required_cookie[1]:
            raise web.HTTPForbidden(text="sign in to watch this video")
        title, description = html.escape(video.title), html.escape(video.description)
        # Schema.org's VideoObject, as video sites embed it: yt-dlp reads the file, the
        # uploader, the date, the duration and the view count from it.
        metadata = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": video.title,
            "description": video.description,
            "thumbnailUrl": f"{self.url}/thumb.jpg",
            "uploadDate": "2026-11-01",
            "duration": f"PT{video.seconds}S",
            "contentUrl": f"{self.url}/files/{video.file}",
            "author": {"@type": "Person", "name": "MediaNest Test Studio"},
            "interactionStatistic": {
                "@type": "InteractionCounter",
                "interactionType": {"@type": "WatchAction"},
                "userInteractionCount": 1234,
            },
        }
        page = f"""<!DOCTYPE html>
<html><head><title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<meta property="og:image" content="{self.url}/thumb.jpg">
<script type="application/ld+json">{json.dumps(metadata)}</script>
</head><body><h1>{title}</h1>
<p>Watch it in the player.</p>
</body></html>"""
        return web.Response(text=page, content_type="text/html")

    async def _file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = self.media / name
        self.ranges.append(request.headers.get("Range"))
        if name in self.missing or "/" in name or not path.is_file():
            raise web.HTTPNotFound
        if self.rate is None:
            return web.FileResponse(path)
        data = await asyncio.to_thread(path.read_bytes)
        start = 0
        status = 200
        headers = {"Content-Type": "video/mp4", "Accept-Ranges": "bytes"}
        if (header := request.headers.get("Range", "")).startswith("bytes="):
            first = header.removeprefix("bytes=").split("-", 1)[0]
            start = int(first) if first.isdigit() else 0
            if start >= len(data):
                return web.Response(status=416, headers={"Content-Range": f"bytes */{len(data)}"})
            status = 206
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        headers["Content-Length"] = str(len(data) - start)
        response = web.StreamResponse(status=status, headers=headers)
        await response.prepare(request)
        if request.method == "HEAD":
            return response
        delay = self.chunk / self.rate
        try:
            for offset in range(start, len(data), self.chunk):
                await response.write(data[offset : offset + self.chunk])
                self.bytes_sent += min(self.chunk, len(data) - offset)
                await asyncio.sleep(delay)
            await response.write_eof()
        except ConnectionError:
            pass  # the client went away (a probe that only wanted the headers, a cancel)
        return response


def media_cache() -> Path:
    """Where the demo keeps its rendered media between runs."""
    home = Path(os.environ.get("MEDIANEST_HOME", Path.home() / ".cache" / "medianest"))
    return home / "demo-media"
