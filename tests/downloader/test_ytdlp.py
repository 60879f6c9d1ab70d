"""The yt-dlp client and its worker, piece by piece (no Home Assistant, no network).

`test_downloader.py` runs real downloads end to end; this file pins the decisions made on
the way: which formats yt-dlp is asked for, how its errors are told apart, how progress
of a download in several parts adds up, and how a worker that misbehaves is handled.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
from pathlib import Path
import sys
from typing import Any

import pytest
from yt_dlp.networking import Response
from yt_dlp.networking.exceptions import HTTPError, TransportError
from yt_dlp.utils import DownloadError, ExtractorError, PostProcessingError, UnsupportedError

from custom_components.medianest.api import safe_folder, ytdlp, ytdlp_worker
from custom_components.medianest.api.ytdlp import (
    InvalidInputError,
    Job,
    VideoInfo,
    YtDlpError,
    YtDlpRunner,
    check_subfolder,
    check_url,
    subfolder_path,
)


def _job(**fields: Any) -> dict[str, Any]:
    return {"mode": "download", "url": "https://example.com/v", "quality": "best", "format": "mp4",
            "ffmpeg": "/usr/bin/ffmpeg", **fields}  # fmt: skip


@pytest.mark.parametrize(
    ("job", "expected"),
    [
        (
            _job(),
            {
                "format": "bv*+ba/b",
                "format_sort": ["ext:mp4:m4a"],
                "merge_output_format": "mp4",
                "postprocessors": [{"key": "FFmpegVideoRemuxer", "preferedformat": "mp4"}],
            },
        ),
        (
            _job(quality="720p", format="webm"),
            {
                "format": "bv*+ba/b",
                "format_sort": ["res:720", "ext:webm:webm"],
                "merge_output_format": "webm",
                "postprocessors": [{"key": "FFmpegVideoConvertor", "preferedformat": "webm"}],
            },
        ),
        (
            _job(quality="480p", format="webm", ffmpeg=None),
            {"format": "b[ext=webm]", "format_sort": ["res:480", "ext:webm:webm"]},
        ),
        (
            _job(audio_only=True, format="mkv"),
            {
                "format": "ba/b",
                "format_sort": ["ext:webm"],
                "postprocessors": [{"key": "FFmpegExtractAudio", "preferredcodec": "best"}],
            },
        ),
        (_job(audio_only=True, ffmpeg=None), {"format": "ba/b", "format_sort": ["ext:m4a"]}),
    ],
)
def test_format_options(job: dict[str, Any], expected: dict[str, Any]) -> None:
    """Quality, container and audio become yt-dlp's format choice and post-processing."""
    assert ytdlp_worker.format_options(job) == expected


def _http_error(status: int) -> HTTPError:
    return HTTPError(Response(io.BytesIO(b""), "https://example.com/v", {}, status=status))


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (DownloadError("ERROR: gone", (HTTPError, _http_error(404), None)), "video_not_found"),
        (DownloadError("ERROR: denied", (HTTPError, _http_error(403), None)), "unreachable"),
        (ExtractorError("Unable to download webpage", cause=_http_error(410)), "video_not_found"),
        (DownloadError("ERROR: no", (UnsupportedError, UnsupportedError("https://x"), None)), "unsupported"),
        (ExtractorError("failed", cause=TransportError("connection refused")), "unreachable"),
        (
            DownloadError("ERROR: ffmpeg", (PostProcessingError, PostProcessingError("bad"), None)),
            "processing_failed",
        ),
        (DownloadError("ERROR: [x] v: Requested format is not available"), "format_unavailable"),
        (ExtractorError("HTTP Error 404: Not Found"), "video_not_found"),
        (DownloadError("ERROR: something else"), "failed"),
    ],
)
def test_errors_are_told_apart(error: Exception, reason: str) -> None:
    """The reason picks the translated message; the text is yt-dlp's, without its prefix."""
    result = ytdlp_worker.classify(error)
    assert result.reason == reason
    assert not str(result).startswith("ERROR:")


def test_progress_of_a_download_in_two_parts() -> None:
    """Video and audio are two files: progress runs over both, once."""
    out = io.StringIO()
    progress = ytdlp_worker.Progress(
        ytdlp_worker.Output(out),
        {"requested_formats": [{"filesize": 800}, {"filesize_approx": 200}]},
    )
    progress.hook({"status": "downloading", "downloaded_bytes": 400, "total_bytes": 800, "speed": 10.0})
    progress._last = 0  # no throttling between these calls
    progress.hook({"status": "finished", "downloaded_bytes": 800, "total_bytes": 800})
    progress._last = 0
    progress.hook({"status": "downloading", "downloaded_bytes": 100, "total_bytes_estimate": 200, "eta": 3})
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["downloaded"], line["total"], line["percent"]) for line in lines] == [
        (400, 1000, 40.0),
        (800, 1000, 80.0),
        (900, 1000, 90.0),
    ]
    assert lines[2]["eta"] == 3


def test_progress_without_sizes() -> None:
    """Without sizes ahead of time, each part counts for its share."""
    out = io.StringIO()
    progress = ytdlp_worker.Progress(ytdlp_worker.Output(out), {"requested_formats": [{}, {}]})
    progress.hook({"status": "downloading", "downloaded_bytes": 50, "total_bytes": 100})
    progress.hook({"status": "downloading", "downloaded_bytes": 60, "total_bytes": 100})  # throttled
    progress._last = 0
    progress.hook({"status": "downloading", "downloaded_bytes": 5})
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["total"], line["percent"]) for line in lines] == [(None, 25.0), (None, None)]


def test_describe_keeps_what_matters() -> None:
    """Relative thumbnails become absolute; long descriptions are cut; sizes add up."""
    info = ytdlp_worker.describe(
        {
            "id": "abc",
            "title": "A video",
            "description": "x" * 5000,
            "thumbnail": "/t.jpg",
            "webpage_url": "https://example.com/watch/abc",
            "channel": "A channel",
            "requested_formats": [{"filesize": 10}, {"filesize_approx": 5}],
            "extractor": "generic",
        }
    )
    assert info["thumbnail"] == "https://example.com/t.jpg"
    assert len(info["description"]) == ytdlp_worker.MAX_DESCRIPTION
    assert info["uploader"] == "A channel"
    assert info["estimated_size"] == 15
    assert ytdlp_worker.describe({"requested_formats": [{"filesize": 10}, {}]})["estimated_size"] is None
    assert VideoInfo.from_json({"title": "t", "unknown": 1}).title == "t"


def test_worker_reports_a_broken_job() -> None:
    """Whatever goes wrong, the worker answers with an error line and status 1."""
    out = io.StringIO()
    assert ytdlp_worker.run(io.StringIO("{not json"), out) == 1
    [line] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert line["type"] == "error"
    assert line["reason"] == "failed"


@pytest.mark.parametrize(
    "url", ["https://example.com/v", "HTTP://example.com", " http://127.0.0.1:8080/a?b=c "]
)
def test_urls_accepted(url: str) -> None:
    assert check_url(url) == url.strip()


def test_subfolders() -> None:
    assert check_subfolder(None) == ""
    assert check_subfolder(" . ") == ""
    assert check_subfolder("a/./b//c/") == "a/b/c"
    with pytest.raises(InvalidInputError):
        check_subfolder("a/ b")


def test_subfolder_path_refuses_a_link_out(tmp_path: Path) -> None:
    """A link inside the folder that leads out of it is refused before anything is written."""
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "in" / "link").symlink_to(tmp_path / "out")
    assert subfolder_path(str(tmp_path / "in"), "a/b") == str(tmp_path / "in" / "a" / "b")
    with pytest.raises(InvalidInputError):
        subfolder_path(str(tmp_path / "in"), "link/x")
    assert not (tmp_path / "out" / "x").exists()


async def _runner_with(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: str, **kwargs: Any
) -> YtDlpRunner:
    """A runner whose worker is the given script."""
    script = tmp_path / "worker.py"
    script.write_text(code)
    monkeypatch.setattr(ytdlp, "WORKER", script)
    return YtDlpRunner(sys.executable, **kwargs)


async def test_a_worker_that_crashes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Stray output is skipped; a crash without an error line still fails clearly."""
    runner = await _runner_with(
        monkeypatch,
        tmp_path,
        "import sys\nprint('not json')\nprint('[1, 2]')\nsys.stderr.write('Traceback: boom')\nsys.exit(3)\n",
    )
    with pytest.raises(YtDlpError) as err:
        await runner.download(Job(url="https://example.com"), lambda p: None, lambda: None)
    assert err.value.reason == "failed"
    assert "boom" in str(err.value)


async def test_a_probe_that_hangs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A page that never answers ends in a timeout, and the worker is stopped."""
    runner = await _runner_with(monkeypatch, tmp_path, "import time\ntime.sleep(30)\n", probe_timeout=0.5)
    with pytest.raises(YtDlpError) as err:
        await runner.probe(Job(url="https://example.com"))
    assert err.value.reason == "timeout"


async def test_a_worker_that_ignores_sigterm_is_killed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Cancelling kills a worker that does not stop when asked."""
    monkeypatch.setattr(ytdlp, "KILL_GRACE", 0.3)
    runner = await _runner_with(
        monkeypatch,
        tmp_path,
        "import signal, sys, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        'print(\'{"type": "processing"}\', flush=True)\ntime.sleep(30)\n',
    )
    started = asyncio.Event()
    task = asyncio.create_task(runner.download(Job(url="https://example.com"), lambda p: None, started.set))
    await asyncio.wait_for(started.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_place_never_replaces_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A finished file gets a free name; without hard links it is copied the same way."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    (home / "v.mp4").write_text("earlier")
    (work / "v.mp4").write_text("new")
    home_fd, work_fd = os.open(home, os.O_RDONLY), os.open(work, os.O_RDONLY)
    try:
        assert safe_folder.place(work_fd, "v.mp4", home_fd) == "v (2).mp4"
        assert (home / "v.mp4").read_text() == "earlier"

        def no_links(*args: Any, **kwargs: Any) -> None:
            raise OSError("hard links not supported")

        monkeypatch.setattr(safe_folder.os, "link", no_links)
        (work / "v.mp4").write_text("newer")
        assert safe_folder.place(work_fd, "v.mp4", home_fd) == "v (3).mp4"
        assert not (work / "v.mp4").exists()
        assert (home / "v (3).mp4").read_text() == "newer"
    finally:
        os.close(home_fd)
        os.close(work_fd)
