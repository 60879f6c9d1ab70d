"""yt-dlp, run in a child process per job (no Home Assistant imports).

Each probe or download is one `python -P ytdlp_worker.py` process that reads its job on
stdin and answers in JSON lines (see `ytdlp_worker`). A child process keeps yt-dlp's
CPU work, its memory and ffmpeg away from Home Assistant's event loop and interpreter
lock, and cancelling is killing the process group: the transfer stops at once, whatever
yt-dlp is waiting for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
import contextlib
from dataclasses import dataclass
import json
import os
from pathlib import Path
import signal
import sys
from typing import Any, Final
from urllib.parse import urlsplit

WORKER: Final = Path(__file__).with_name("ytdlp_worker.py")

QUALITIES: Final = ("best", "2160p", "1080p", "720p", "480p")
FORMATS: Final = ("mp4", "mkv", "webm")
MAX_URL_LENGTH: Final = 2048
MAX_SUBFOLDER_LENGTH: Final = 255
PROBE_TIMEOUT: Final = 90.0
#: how long a killed job may take to go before it is killed harder
KILL_GRACE: Final = 5.0
MAX_LINE: Final = 1 << 20


class YtDlpError(Exception):
    """A probe or download that did not work; `reason` names the translated message."""

    def __init__(self, reason: str, message: str = "") -> None:
        """Keep the reason and yt-dlp's message."""
        super().__init__(message or reason)
        self.reason = reason


class InvalidInputError(YtDlpError):
    """An address or folder refused before anything runs."""


def check_url(url: str) -> str:
    """An http(s) address with a host, or `InvalidInputError`."""
    url = url.strip()
    if not url or len(url) > MAX_URL_LENGTH or any(ord(ch) < 32 or ch == "\x7f" for ch in url):
        raise InvalidInputError("invalid_url")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInputError("invalid_url")
    return url


def check_subfolder(subfolder: str | None) -> str:
    """A relative folder made of plain names, or `InvalidInputError`.

    No absolute paths, no `..`, no empty or dot names, no control characters: the result
    joined to the download folder stays inside it (symbolic links are checked when the
    folder is made, see `subfolder_path`).
    """
    if subfolder is None or subfolder.strip() in ("", "."):
        return ""
    if len(subfolder) > MAX_SUBFOLDER_LENGTH or any(ord(ch) < 32 or ch == "\x7f" for ch in subfolder):
        raise InvalidInputError("invalid_subfolder")
    if subfolder.startswith(("/", "\\", "~")) or "\\" in subfolder or ":" in subfolder:
        raise InvalidInputError("invalid_subfolder")
    names = [name for name in subfolder.strip().strip("/").split("/") if name not in ("", ".")]
    if not names or any(name == ".." or name.startswith(".") or name != name.strip() for name in names):
        raise InvalidInputError("invalid_subfolder")
    return "/".join(names)


def inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether `path`, links resolved, is `folder` or under it."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, root]) == root


def subfolder_path(folder: str, subfolder: str) -> str:
    """Make the folder a download goes to (blocking); refuse one that leads outside."""
    target = os.path.join(folder, subfolder) if subfolder else folder
    if not inside(target, folder):
        raise InvalidInputError("invalid_subfolder")
    os.makedirs(target, exist_ok=True)
    if not inside(target, folder):  # a link made in between
        raise InvalidInputError("invalid_subfolder")
    return target


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoInfo:
    """What a page holds, as the worker describes it."""

    id: str
    title: str
    description: str | None = None
    duration: float | None = None
    uploader: str | None = None
    upload_date: str | None = None
    view_count: int | None = None
    thumbnail: str | None = None
    webpage_url: str = ""
    extractor: str | None = None
    estimated_size: int | None = None
    ext: str | None = None
    height: int | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VideoInfo:
        """Build from the worker's `info` line (unknown keys ignored)."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**{"id": "", "title": "video", **known})

    def as_dict(self) -> dict[str, Any]:
        """A plain dictionary (for storage and action answers)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True, kw_only=True)
class Progress:
    """How far a download is."""

    downloaded: int = 0
    total: int | None = None
    percent: float | None = None
    speed: float | None = None
    eta: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """One download (or probe) request."""

    url: str
    quality: str = "best"
    format: str = "mp4"
    audio_only: bool = False
    #: the folder the file lands in (as shown), and the job's own folder for partial files
    home: str | None = None
    temp: str | None = None
    #: the download folder, and the subfolder and partial folder inside it (relative):
    #: the worker opens them itself, at the moment it uses them (see `safe_folder`)
    root: str | None = None
    subfolder: str = ""
    partial: str | None = None
    ffmpeg: str | None = None
    cookies: str | None = None

    def payload(self, mode: str) -> bytes:
        """The job as the worker reads it."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return json.dumps({"mode": mode, **fields}).encode()


def needs_ffmpeg(fmt: str, audio_only: bool) -> bool:
    """Whether a choice cannot be honoured without ffmpeg (mkv is always a remux)."""
    return fmt == "mkv" and not audio_only


class YtDlpRunner:
    """Starts worker processes with the same Python and the same import path as ours."""

    def __init__(self, python: str | None = None, *, probe_timeout: float = PROBE_TIMEOUT) -> None:
        """Use `python` (default: this interpreter)."""
        self._python = python or sys.executable
        self._probe_timeout = probe_timeout
        # Packages Home Assistant installed into its own folder are found the same way.
        self._env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
            "PYTHONIOENCODING": "utf-8",
            "PYTHONDONTWRITEBYTECODE": "1",
        }

    async def _start(self, job: Job, mode: str) -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(
            self._python,
            "-P",
            str(WORKER),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._env,
            start_new_session=True,  # its own process group: ffmpeg goes with it
            limit=MAX_LINE,
        )
        assert process.stdin is not None
        process.stdin.write(job.payload(mode))
        await process.stdin.drain()
        process.stdin.close()
        return process

    async def probe(self, job: Job) -> VideoInfo:
        """Read what a page holds (with the job's format choice, for the estimated size)."""
        result: dict[str, Any] = {}

        def on_line(line: dict[str, Any]) -> None:
            if line.get("type") == "info":
                result["info"] = line.get("info")

        try:
            async with asyncio.timeout(self._probe_timeout):
                await self._run(job, "probe", on_line)
        except TimeoutError:
            raise YtDlpError("timeout", "the page did not answer in time") from None
        return VideoInfo.from_json(result.get("info") or {})

    async def download(
        self,
        job: Job,
        on_progress: Callable[[Progress], None],
        on_processing: Callable[[], None],
    ) -> list[str]:
        """Download a job; return the files made. Cancelling the task kills the worker."""
        files: list[str] = []

        def on_line(line: dict[str, Any]) -> None:
            match line.get("type"):
                case "progress":
                    on_progress(
                        Progress(
                            downloaded=int(line.get("downloaded") or 0),
                            total=line.get("total"),
                            percent=line.get("percent"),
                            speed=line.get("speed"),
                            eta=line.get("eta"),
                        )
                    )
                case "processing":
                    on_processing()
                case "done":
                    files.extend(str(f) for f in line.get("files") or [])

        await self._run(job, "download", on_line)
        return files

    async def _run(self, job: Job, mode: str, on_line: Callable[[dict[str, Any]], None]) -> None:
        process = await self._start(job, mode)
        assert process.stdout is not None
        assert process.stderr is not None
        stderr = asyncio.ensure_future(process.stderr.read())
        error: YtDlpError | None = None
        try:
            async for raw in process.stdout:
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue  # something printed by a library, not ours
                if not isinstance(line, dict):
                    continue
                if line.get("type") == "error":
                    error = YtDlpError(str(line.get("reason") or "failed"), str(line.get("message") or ""))
                else:
                    on_line(line)
            code = await process.wait()
        except BaseException:
            await self._kill(process)
            stderr.cancel()
            raise
        tail = (await stderr).decode(errors="replace").strip()[-400:]
        if error is not None:
            raise error
        if code != 0:
            raise YtDlpError("failed", tail or f"yt-dlp stopped with status {code}")

    @staticmethod
    async def _kill(process: asyncio.subprocess.Process) -> None:
        """Stop a worker and everything it started."""
        if process.returncode is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                async with asyncio.timeout(KILL_GRACE):
                    await process.wait()
            except TimeoutError:
                continue
            return
