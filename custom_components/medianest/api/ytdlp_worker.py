"""Runs yt-dlp for MediaNest in a child process of Home Assistant.

The process reads one job (a JSON object) on stdin and writes JSON lines on stdout:
`info` (what a page holds), `progress`, `processing`, `done` (the final file) or `error`
(a reason and a message). It never uses a shell, and a file that would land outside the
job's folder is removed. Killing the process group stops the transfer and ffmpeg with it;
the partial files are in the job's own temporary folder, which the parent removes.

Run it as `python -P ytdlp_worker.py`: without `-P` the folder of this file would come
first on `sys.path`, and its `http.py` would hide the standard library's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from typing import IO, Any

import yt_dlp
from yt_dlp.networking.exceptions import HTTPError, TransportError
from yt_dlp.utils import ExtractorError, PostProcessingError, UnsupportedError, YoutubeDLError


def _load_safe_folder() -> Any:
    """`safe_folder.py` beside this file (this process has no package to import it from)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "safe_folder.py")
    spec = importlib.util.spec_from_file_location("medianest_safe_folder", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


safe_folder = _load_safe_folder()

#: at most this often a progress line (the parent throttles state writes further)
PROGRESS_INTERVAL = 0.5
MAX_DESCRIPTION = 2000
MAX_MESSAGE = 400
#: bytes of the title kept in the file name (yt-dlp cuts at a character boundary)
TITLE_BYTES = 150

HEIGHTS = {"2160p": 2160, "1080p": 1080, "720p": 720, "480p": 480}
#: audio-only downloads: the audio codec each container choice extracts to
AUDIO_CODECS = {"mp4": "m4a", "webm": "opus", "mkv": "best"}


class JobError(Exception):
    """A job that cannot be done, with the reason the parent translates."""

    def __init__(self, reason: str, message: str) -> None:
        """Keep the reason and the message."""
        super().__init__(message)
        self.reason = reason


class Output:
    """Writes the JSON lines the parent reads."""

    def __init__(self, stream: IO[str]) -> None:
        """Write to `stream`."""
        self._stream = stream

    def __call__(self, kind: str, **fields: Any) -> None:
        """Write one line."""
        self._stream.write(json.dumps({"type": kind, **fields}, default=str) + "\n")
        self._stream.flush()


class Logger:
    """yt-dlp's logger: debug output dropped, warnings passed on, errors kept for the message."""

    def __init__(self, output: Output) -> None:
        """Pass warnings to `output`."""
        self._output = output

    def debug(self, message: str) -> None:
        """Drop yt-dlp's chatter."""

    def info(self, message: str) -> None:
        """Drop yt-dlp's chatter."""

    def warning(self, message: str) -> None:
        """Pass a warning on (the parent logs it at debug level)."""
        self._output("warning", message=message[:MAX_MESSAGE])

    def error(self, message: str) -> None:
        """Errors arrive as exceptions; nothing to do here."""


def format_options(job: dict[str, Any]) -> dict[str, Any]:
    """yt-dlp's format choice and post-processing for a job's quality, container and audio."""
    container: str = job["format"]
    has_ffmpeg = bool(job.get("ffmpeg"))
    height = HEIGHTS.get(job["quality"])
    # `res:N` prefers the largest height up to N, else the smallest above it.
    sort = [f"res:{height}"] if height else []
    if job.get("audio_only"):
        sort.append("ext:m4a" if container == "mp4" else "ext:webm")
        options: dict[str, Any] = {"format": "ba/b", "format_sort": sort}
        if has_ffmpeg:
            options["postprocessors"] = [
                {"key": "FFmpegExtractAudio", "preferredcodec": AUDIO_CODECS[container]}
            ]
        return options
    sort.append({"mp4": "ext:mp4:m4a", "webm": "ext:webm:webm", "mkv": "ext"}[container])
    if not has_ffmpeg:
        # Without ffmpeg nothing can be merged or converted: one file that has it all.
        return {"format": f"b[ext={container}]", "format_sort": sort}
    options = {"format": "bv*+ba/b", "format_sort": sort, "merge_output_format": container}
    if container == "webm":
        # Only VP8/VP9/AV1 with Vorbis/Opus fit in webm: convert what is not webm already.
        options["postprocessors"] = [{"key": "FFmpegVideoConvertor", "preferedformat": "webm"}]
    else:
        options["postprocessors"] = [{"key": "FFmpegVideoRemuxer", "preferedformat": container}]
    return options


def ydl_options(job: dict[str, Any], output: Output) -> dict[str, Any]:
    """All of yt-dlp's options for a job."""
    options: dict[str, Any] = {
        "logger": Logger(output),
        "quiet": True,
        "no_warnings": False,
        "noprogress": True,
        "noplaylist": True,
        "color": {"stdout": "no_color", "stderr": "no_color"},
        "socket_timeout": job.get("socket_timeout", 20),
        "retries": 3,
        "fragment_retries": 3,
        # Names that also work on a Windows or Samba share; the title is cut to a sane length.
        "windowsfilenames": True,
        "outtmpl": {"default": f"%(title).{TITLE_BYTES}B [%(id)s].%(ext)s"},
        "continuedl": True,
        "updatetime": False,
        "ffmpeg_location": job.get("ffmpeg") or None,
        "cookiefile": job.get("cookies") or None,
        **format_options(job),
    }
    if job.get("home"):
        # yt-dlp works only in the job's own folder, the current one (see `download`): it
        # never sees (or converts, or overwrites) a file already in the download folder;
        # `safe_folder.place` moves the result there.
        options["paths"] = {"home": ".", "temp": "."}
    return options


SPECIFIC_ERRORS: tuple[type[BaseException], ...] = (
    HTTPError,
    UnsupportedError,
    TransportError,
    PostProcessingError,
)


def _first_cause(err: BaseException) -> BaseException:
    """The most specific error under yt-dlp's wrappers."""
    seen: list[BaseException] = []
    current: BaseException | None = err
    while current is not None and current not in seen:
        seen.append(current)
        if isinstance(current, SPECIFIC_ERRORS):
            return current
        nested = getattr(current, "exc_info", None)
        candidates = (
            nested[1] if isinstance(nested, tuple) and len(nested) > 1 else None,
            getattr(current, "cause", None),
            current.__cause__,
            current.__context__,
        )
        current = next((c for c in candidates if isinstance(c, BaseException)), None)
    return err


def classify(err: BaseException) -> JobError:
    """The reason (for the translated message) and the message of a yt-dlp error."""
    message = str(err).removeprefix("ERROR: ").strip()[:MAX_MESSAGE]
    cause = _first_cause(err)
    if isinstance(cause, HTTPError):
        return JobError("video_not_found" if cause.status in (404, 410) else "unreachable", message)
    if isinstance(cause, UnsupportedError):
        return JobError("unsupported", message)
    if isinstance(cause, TransportError):
        return JobError("unreachable", message)
    if isinstance(cause, PostProcessingError):
        return JobError("processing_failed", message)
    if "Requested format is not available" in message:
        return JobError("format_unavailable", message)
    if isinstance(err, ExtractorError) and "HTTP Error 404" in message:
        return JobError("video_not_found", message)
    return JobError("failed", message)


def _absolute(url: Any, base: str) -> str | None:
    if not isinstance(url, str) or not url:
        return None
    from urllib.parse import urljoin  # noqa: PLC0415 - only for thumbnails

    return urljoin(base, url)


def _size(info: dict[str, Any]) -> int | None:
    parts = info.get("requested_formats") or [info]
    sizes = [part.get("filesize") or part.get("filesize_approx") for part in parts]
    return int(sum(sizes)) if sizes and all(sizes) else None


def describe(info: dict[str, Any]) -> dict[str, Any]:
    """What MediaNest keeps of a video's information."""
    webpage = str(info.get("webpage_url") or info.get("original_url") or "")
    description = info.get("description")
    return {
        "id": str(info.get("id") or ""),
        "title": str(info.get("title") or info.get("id") or "video"),
        "description": description[:MAX_DESCRIPTION] if isinstance(description, str) else None,
        "duration": info.get("duration"),
        "uploader": info.get("uploader") or info.get("channel"),
        "upload_date": info.get("upload_date"),
        "view_count": info.get("view_count"),
        "thumbnail": _absolute(info.get("thumbnail"), webpage),
        "webpage_url": webpage,
        "extractor": info.get("extractor_key") or info.get("extractor"),
        "estimated_size": _size(info),
        "ext": info.get("ext"),
        "height": info.get("height"),
    }


def probe(job: dict[str, Any], output: Output) -> dict[str, Any]:
    """Read what a page holds, with the job's format choice applied."""
    with yt_dlp.YoutubeDL(ydl_options(job, output)) as ydl:
        try:
            info = ydl.extract_info(job["url"], download=False)
        except YoutubeDLError as err:
            raise classify(err) from err
    if not isinstance(info, dict):
        raise JobError("unsupported", "nothing to download on this page")
    if info.get("_type") in ("playlist", "multi_video"):
        raise JobError("playlist", "the address is a playlist; queue its videos one by one")
    if info.get("is_live"):
        raise JobError("live", "the address is a live stream")
    return info


class Progress:
    """Turns yt-dlp's per-file progress into one figure for the whole download."""

    def __init__(self, output: Output, info: dict[str, Any]) -> None:
        """Expect the parts (video and audio) that `info` asks for."""
        self._output = output
        parts = info.get("requested_formats") or [info]
        self._sizes = [part.get("filesize") or part.get("filesize_approx") for part in parts]
        self._done_bytes = 0
        self._done_parts = 0
        self._last = 0.0

    def hook(self, status: dict[str, Any]) -> None:
        """yt-dlp's progress hook."""
        state = status.get("status")
        downloaded = int(status.get("downloaded_bytes") or 0)
        if state == "finished":
            self._done_bytes += downloaded or int(status.get("total_bytes") or 0)
            self._done_parts += 1
            self._emit(status, 0, force=True)
        elif state == "downloading":
            self._emit(status, downloaded)

    def _emit(self, status: dict[str, Any], current: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < PROGRESS_INTERVAL:
            return
        self._last = now
        downloading = status.get("status") == "downloading"
        part_total = float(status.get("total_bytes") or status.get("total_bytes_estimate") or 0)
        # The parts still to come; the one in progress counts with what it says of itself.
        later = [size or 0 for size in self._sizes[self._done_parts + (1 if downloading else 0) :]]
        total: float | None = None
        if all(later) and (part_total or not downloading):
            total = self._done_bytes + (part_total if downloading else 0) + sum(later)
        downloaded = self._done_bytes + current
        percent: float | None = None
        if total:
            percent = 100.0 * downloaded / total
        elif part_total:
            percent = 100.0 * (self._done_parts + current / part_total) / max(len(self._sizes), 1)
        self._output(
            "progress",
            downloaded=downloaded,
            total=int(total) if total else None,
            percent=None if percent is None else round(min(percent, 100.0), 1),
            speed=status.get("speed"),
            eta=status.get("eta"),
        )


def download(job: dict[str, Any], output: Output) -> None:
    """Download a job's video into its folder.

    The download folder and the job's folders in it are opened once, as descriptors, and
    checked (see `safe_folder`); yt-dlp then works in the job's folder as the current
    folder, and the result is moved through the descriptors. A link planted meanwhile, or
    a folder replaced by one, cannot lead a file elsewhere.
    """
    info = probe(job, output)
    output("info", info=describe(info))
    progress = Progress(output, info)

    def postprocessing(status: dict[str, Any]) -> None:
        if status.get("status") == "started" and status.get("postprocessor") != "MoveFiles":
            output("processing", step=status.get("postprocessor"))

    try:
        root_fd, root = safe_folder.open_root(job["root"])
        temp_fd = safe_folder.open_folder(
            root_fd, root, safe_folder.parts(job["partial"]), create=True, links=False
        )
    except safe_folder.UnsafeFolderError as err:
        raise JobError("folder_unsafe", str(err)) from err
    except OSError as err:
        raise JobError("folder_unavailable", f"the download folder cannot be used: {err}") from err
    try:
        os.fchdir(temp_fd)
        options = ydl_options(job, output)
        options["progress_hooks"] = [progress.hook]
        options["postprocessor_hooks"] = [postprocessing]
        with yt_dlp.YoutubeDL(options) as ydl:
            try:
                result = ydl.process_ie_result(ydl.sanitize_info(info), download=True)
            except YoutubeDLError as err:
                raise classify(err) from err
        made = [d.get("filepath") for d in (result or {}).get("requested_downloads") or []]
        made = [f for f in made if isinstance(f, str)]
        here = os.getcwd()
        if not made or not all(
            os.path.dirname(os.path.abspath(f)) == here and os.path.isfile(f) for f in made
        ):
            raise JobError("failed", "yt-dlp finished without a file")
        try:
            home_fd = safe_folder.open_folder(
                root_fd, root, safe_folder.parts(job.get("subfolder") or ""), create=True, links=True
            )
        except safe_folder.UnsafeFolderError as err:
            raise JobError("folder_unsafe", str(err)) from err
        try:
            names = [safe_folder.place(temp_fd, os.path.basename(f), home_fd) for f in made]
            size = sum(os.stat(n, dir_fd=home_fd).st_size for n in names)
        except FileExistsError as err:
            raise JobError("failed", str(err)) from err
        finally:
            os.close(home_fd)
    finally:
        os.close(temp_fd)
        os.close(root_fd)
    output("done", files=[os.path.join(job["home"], n) for n in names], size=size)


def run(stdin: IO[str], stdout: IO[str]) -> int:
    """Do one job; return the exit status."""
    output = Output(stdout)
    try:
        job = json.loads(stdin.read())
        with tempfile.TemporaryDirectory(prefix="medianest-") as scratch:
            if job.get("cookies"):
                # yt-dlp writes its cookie jar back when it closes: give it a copy, so the
                # user's file never changes and parallel downloads do not overwrite it.
                job["cookies"] = shutil.copy(job["cookies"], os.path.join(scratch, "cookies.txt"))
            _do(job, output)
    except JobError as err:
        output("error", reason=err.reason, message=str(err))
        return 1
    except Exception as err:
        output("error", reason="failed", message=f"{type(err).__name__}: {err}"[:MAX_MESSAGE])
        return 1
    return 0


def _do(job: dict[str, Any], output: Output) -> None:
    if job["mode"] == "probe":
        output("info", info=describe(probe(job, output)))
    else:
        download(job, output)


def _stop(signum: int, frame: object) -> None:
    """SIGTERM unwinds like an exception, so the part file is flushed and closed for resuming."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    sys.exit(run(sys.stdin, sys.stdout))
