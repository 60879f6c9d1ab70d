"""The download queue with the real yt-dlp and ffmpeg, against a local video site.

Every download here is real: yt-dlp runs in its worker process, fetches the site's watch
page, picks a format and downloads the file (or the HLS fragments) into a temporary
download folder; ffmpeg remuxes, merges or extracts audio.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import json
import os
from pathlib import Path
import shutil
import subprocess
import time
from typing import Any
from unittest.mock import patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.medianest.apps.downloader.const import EVENT_DOWNLOAD_COMPLETED, EVENT_DOWNLOAD_FAILED
from custom_components.medianest.apps.downloader.coordinator import DownloaderCoordinator, DownloadStatus
from custom_components.medianest.const import DOMAIN
from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN, SERVICE_PRESS
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er, issue_registry as ir

from ..conftest import make_downloader_entry, setup_entry
from ..fakes.video_site import FakeVideoSite, Video

PROGRESS = "sensor.downloads_download_progress"


def coordinator_of(entry: MockConfigEntry) -> DownloaderCoordinator:
    """The entry's download queue."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, DownloaderCoordinator)
    return coordinator


async def wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    """Wait until `condition()` holds (real downloads take a few seconds)."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - polls a real download
            await asyncio.sleep(0.05)


async def queue(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Call queue_download and return its answer."""
    response = await hass.services.async_call(
        DOMAIN, "queue_download", data, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    return response


def finished(entry: MockConfigEntry, download_id: str) -> bool:
    """Whether a download has come to an end, its clean-up included."""
    coordinator = coordinator_of(entry)
    return download_id not in coordinator._tasks and coordinator._downloads[download_id].status in (
        DownloadStatus.COMPLETED,
        DownloadStatus.FAILED,
        DownloadStatus.CANCELLED,
    )


def probe_stream(path: str) -> dict[str, Any]:
    """What ffprobe says of a file's streams."""
    ffprobe = shutil.which("ffprobe")
    assert ffprobe is not None
    result = subprocess.run(
        [ffprobe, "-v", "error", "-show_streams", "-show_format", "-of", "json", path],
        capture_output=True,
        check=True,
        text=True,
    )
    return json.loads(result.stdout)


def files_in(folder: Path) -> list[str]:
    """Every file under a folder, relative to it."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


async def test_download_from_a_watch_page(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    """A page is read, queued, downloaded and remuxed; events and sensors follow."""
    statuses: list[str] = []
    coordinator = coordinator_of(downloader_entry)
    coordinator.async_add_listener(
        lambda: statuses.append(d.status.value) if (d := coordinator.data.current) else None
    )
    completed = async_capture_events(hass, EVENT_DOWNLOAD_COMPLETED)

    answer = await queue(hass, url=video_site.watch_url("sample"))

    assert answer["title"] == "Test Pattern Sample"
    assert answer["position"] == 1
    assert answer["status"] in ("queued", "downloading")
    assert answer["video"]["description"] == "A test pattern with a 440 Hz tone."
    assert answer["video"]["thumbnail"] == f"{video_site.url}/thumb.jpg"
    assert answer["video"]["webpage_url"] == video_site.watch_url("sample")
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    await hass.async_block_till_done()

    download = coordinator._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.COMPLETED, download.error
    assert files_in(download_folder) == [os.path.basename(download.files[0])]
    assert download.files[0].startswith(str(download_folder))
    assert download.files[0].endswith(".mp4")
    streams = probe_stream(download.files[0])
    assert {s["codec_type"] for s in streams["streams"]} == {"video", "audio"}
    assert "downloading" in statuses
    assert "processing" in statuses  # the remux to mp4 ran through ffmpeg
    assert not (download_folder / ".medianest").exists()  # partial files are gone

    assert len(completed) == 1
    assert completed[0].data["download_id"] == answer["download_id"]
    assert completed[0].data["file_path"] == download.files[0]
    assert completed[0].data["title"] == "Test Pattern Sample"
    event = hass.states.get("event.downloads_finished_downloads")
    assert event is not None
    assert event.attributes["event_type"] == "completed"
    assert event.attributes["file_path"] == download.files[0]
    assert hass.states.get("sensor.downloads_completed_downloads").state == "1"  # type: ignore[union-attr]
    assert hass.states.get("sensor.downloads_queue_length").state == "0"  # type: ignore[union-attr]

    listed = await hass.services.async_call(
        DOMAIN, "get_downloads", {"status": "completed"}, blocking=True, return_response=True
    )
    assert listed is not None
    [item] = listed["downloads"]
    assert item["download_id"] == answer["download_id"]
    assert item["progress"]["percent"] == 100.0
    assert item["file_path"] == download.files[0]
    assert item["position"] is None


@pytest.mark.parametrize(
    ("source", "options", "suffix", "check"),
    [
        pytest.param("hls", {"quality": "480p"}, ".mp4", {"video": 480}, id="hls-480p"),
        pytest.param("hls", {"quality": "720p"}, ".mp4", {"video": 480}, id="hls-best-under-720p"),
        pytest.param("hls", {"quality": "2160p", "format": "mkv"}, ".mkv", {"video": 480}, id="hls-mkv"),
        pytest.param("page", {"format": "webm"}, ".webm", {"video": 240}, id="page-webm"),
        pytest.param("page", {"audio_only": True}, ".m4a", {"audio": "aac"}, id="audio-m4a"),
    ],
)
async def test_quality_format_and_audio(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    video_site: FakeVideoSite,
    download_folder: Path,
    source: str,
    options: dict[str, Any],
    suffix: str,
    check: dict[str, Any],
) -> None:
    """Quality picks the rendition, format the container; audio-only keeps the sound."""
    url = video_site.hls_url if source == "hls" else video_site.watch_url("sample")
    answer = await queue(hass, url=url, **options)
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    download = coordinator_of(downloader_entry)._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.COMPLETED, download.error
    assert download.files[0].endswith(suffix)
    streams = probe_stream(download.files[0])["streams"]
    if "video" in check:
        [video] = [s for s in streams if s["codec_type"] == "video"]
        assert video["height"] == check["video"]
    else:
        assert [s["codec_name"] for s in streams] == [check["audio"]]


async def test_subfolder(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    """A subfolder is made inside the download folder."""
    answer = await queue(hass, url=video_site.watch_url("sample"), subfolder="Shows/Test ")
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    assert answer["subfolder"] == "Shows/Test"
    [path] = files_in(download_folder)
    assert path.startswith("Shows/Test/Test Pattern Sample [")


async def test_progress_is_throttled_and_the_loop_stays_free(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite
) -> None:
    """A slow download reports progress about once a second; the event loop never stalls."""
    video_site.rate = 16_000  # the clip takes about 3 s
    values: list[str] = []
    hass.bus.async_listen(
        "state_changed",
        lambda event: (
            values.append(event.data["new_state"].state) if event.data["entity_id"] == PROGRESS else None
        ),
    )
    stalls: list[float] = []
    stop = asyncio.Event()

    async def watch_loop() -> None:
        while not stop.is_set():
            start = time.perf_counter()
            await asyncio.sleep(0.005)
            stalls.append(time.perf_counter() - start - 0.005)

    watcher = asyncio.create_task(watch_loop())
    started = time.monotonic()
    answer = await queue(hass, url=video_site.watch_url("sample"))
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    elapsed = time.monotonic() - started
    stop.set()
    await watcher

    download = coordinator_of(downloader_entry)._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.COMPLETED, download.error
    percents = [float(v) for v in values if v not in ("unknown", "unavailable")]
    assert any(0 < p < 100 for p in percents), values
    during = [p for p in percents if p > 0]
    assert during == sorted(during)
    assert percents[-1] == 0  # done: nothing downloads, which is 0 %, not unknown
    # Far fewer writes than yt-dlp's progress callbacks: at most about one a second.
    assert len(values) <= elapsed + 4
    # The worker is another process: the loop only reads its lines. (The benchmark
    # reports the figure; this catches a blocking call, which would stall for seconds.)
    assert max(stalls) < 0.5


async def test_cancel_a_running_download(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    """Cancelling stops the transfer at once and removes the partial files."""
    video_site.rate = 2_000  # far too slow to finish during the test
    failed = async_capture_events(hass, EVENT_DOWNLOAD_FAILED)
    answer = await queue(hass, url=video_site.watch_url("sample"))
    coordinator = coordinator_of(downloader_entry)
    download = coordinator._downloads[answer["download_id"]]
    await wait_for(lambda: download.progress.downloaded > 0)
    assert files_in(download_folder / ".medianest")  # the part file
    sent = video_site.bytes_sent

    started = time.monotonic()
    await hass.services.async_call(
        DOMAIN, "cancel_download", {"download_id": answer["download_id"]}, blocking=True
    )
    assert time.monotonic() - started < 5
    assert download.status is DownloadStatus.CANCELLED
    assert not (download_folder / ".medianest").exists()
    assert files_in(download_folder) == []
    await asyncio.sleep(1)
    assert video_site.bytes_sent - sent <= 2 * video_site.chunk  # the transfer stopped
    assert failed == []
    assert hass.states.get("sensor.downloads_active_downloads").state == "0"  # type: ignore[union-attr]

    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "cancel_download", {"download_id": answer["download_id"]}, blocking=True
        )
    assert err.value.translation_key == "download_finished"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "cancel_download", {"download_id": "nope"}, blocking=True)
    assert err.value.translation_key == "download_not_found"


async def test_cancel_a_queued_download(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    """A download waiting its turn is cancelled without running; the next one moves up."""
    video_site.rate = 4_000
    first = await queue(hass, url=video_site.watch_url("sample"))
    second = await queue(hass, url=video_site.hls_url, quality="480p")
    third = await queue(hass, url=video_site.hls_url, quality="480p", format="mkv")
    assert (first["position"], second["position"], third["position"]) == (1, 2, 3)
    assert hass.states.get("sensor.downloads_queue_length").state == "2"  # type: ignore[union-attr]

    await hass.services.async_call(
        DOMAIN, "cancel_download", {"download_id": second["download_id"]}, blocking=True
    )
    listed = await hass.services.async_call(DOMAIN, "get_downloads", {}, blocking=True, return_response=True)
    assert listed is not None
    assert [(d["download_id"], d["status"], d["position"]) for d in listed["downloads"]] == [
        (first["download_id"], "downloading", 1),
        (third["download_id"], "queued", 2),
        (second["download_id"], "cancelled", None),
    ]
    await hass.services.async_call(
        DOMAIN, "cancel_download", {"download_id": first["download_id"]}, blocking=True
    )
    await wait_for(lambda: finished(downloader_entry, third["download_id"]))
    assert (
        coordinator_of(downloader_entry)._downloads[third["download_id"]].status is DownloadStatus.COMPLETED
    )

    await hass.services.async_call(
        BUTTON_DOMAIN,
        SERVICE_PRESS,
        {ATTR_ENTITY_ID: "button.downloads_clear_download_history"},
        blocking=True,
    )
    listed = await hass.services.async_call(DOMAIN, "get_downloads", {}, blocking=True, return_response=True)
    assert listed == {"downloads": []}
    assert len(files_in(download_folder)) == 1  # clearing the history keeps the files
    assert hass.states.get("sensor.downloads_completed_downloads").state == "1"  # type: ignore[union-attr]


async def test_a_vanished_file_fails_with_an_event(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    """The page is there but its video answers 404: the download fails, with an event."""
    failed = async_capture_events(hass, EVENT_DOWNLOAD_FAILED)
    video_site.rate = 2_000
    video_site.add_video(Video("other", "Another Clip", "other.mp4"))
    shutil.copy(video_site.media / "clip.mp4", video_site.media / "other.mp4")
    first = await queue(hass, url=video_site.watch_url("other"))  # holds the only slot
    answer = await queue(hass, url=video_site.watch_url("sample"))
    video_site.missing.add("clip.mp4")  # gone by the time its turn comes
    video_site.rate = None
    await hass.services.async_call(
        DOMAIN, "cancel_download", {"download_id": first["download_id"]}, blocking=True
    )
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    await hass.async_block_till_done()

    download = coordinator_of(downloader_entry)._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.FAILED
    assert download.error_reason == "video_not_found"
    assert "404" in (download.error or "")
    assert [e.data["download_id"] for e in failed] == [answer["download_id"]], [e.data for e in failed]
    assert "404" in failed[0].data["error"]
    event = hass.states.get("event.downloads_finished_downloads")
    assert event is not None
    assert event.attributes["event_type"] == "failed"
    assert hass.states.get("sensor.downloads_failed_downloads").state == "1"  # type: ignore[union-attr]
    assert files_in(download_folder) == []


@pytest.mark.parametrize(
    ("url", "key"),
    [
        # A deleted video has its own message (not the one for an unknown download id).
        ("http://127.0.0.1:{port}/watch/nothing-here", "download_video_not_found"),
        ("http://127.0.0.1:1/watch/sample", "download_unreachable"),
        ("http://127.0.0.1:{port}/about", "download_unsupported"),
    ],
)
async def test_pages_that_cannot_be_queued(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    video_site: FakeVideoSite,
    download_folder: Path,
    url: str,
    key: str,
) -> None:
    """A missing page, an unreachable host or a page without video: a clear error, nothing queued."""
    with pytest.raises(HomeAssistantError) as err:
        await queue(hass, url=url.format(port=video_site.port))
    assert err.value.translation_key == key
    assert coordinator_of(downloader_entry).downloads() == []
    assert files_in(download_folder) == []


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"url": "file:///etc/passwd"}, "invalid_url"),
        ({"url": "ftp://127.0.0.1/video.mp4"}, "invalid_url"),
        ({"url": "javascript:alert(1)"}, "invalid_url"),
        ({"url": ""}, "invalid_url"),
        ({"url": "   "}, "invalid_url"),
        ({"url": "http://"}, "invalid_url"),
        ({"url": "http://127.0.0.1/" + "a" * 3000}, "invalid_url"),
        ({"url": "http://127.0.0.1/a\nb"}, "invalid_url"),
        ({"subfolder": "../x"}, "invalid_subfolder"),
        ({"subfolder": "/etc"}, "invalid_subfolder"),
        ({"subfolder": "a/../../b"}, "invalid_subfolder"),
        ({"subfolder": "a/\x00b"}, "invalid_subfolder"),
        ({"subfolder": "~/x"}, "invalid_subfolder"),
        ({"subfolder": "..\\x"}, "invalid_subfolder"),
        ({"subfolder": ".hidden"}, "invalid_subfolder"),
        ({"subfolder": "C:/x"}, "invalid_subfolder"),
    ],
)
async def test_bad_inputs_are_refused(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    video_site: FakeVideoSite,
    download_folder: Path,
    data: dict[str, Any],
    key: str,
) -> None:
    """Nothing but http(s) is fetched and nothing is written outside the folder."""
    before = files_in(download_folder.parent)
    requests = len(video_site.requests)
    with pytest.raises(ServiceValidationError) as err:
        await queue(hass, **{"url": video_site.watch_url("sample"), **data})
    assert err.value.translation_key == key
    assert files_in(download_folder.parent) == before
    assert len(video_site.requests) == requests  # nothing was fetched
    assert coordinator_of(downloader_entry).downloads() == []


async def test_restart_loses_nothing(
    hass: HomeAssistant,
    video_site: FakeVideoSite,
    download_folder: Path,
    hass_storage: dict[str, Any],
    unload_entries: None,
) -> None:
    """Unloading mid-download keeps the queue; the next start resumes the part file."""
    video_site.rate = 6_000
    entry = await setup_entry(hass, make_downloader_entry(download_folder))
    first = await queue(hass, url=video_site.watch_url("sample"))
    second = await queue(hass, url=video_site.hls_url, quality="480p")
    download = coordinator_of(entry)._downloads[first["download_id"]]
    await wait_for(lambda: download.progress.downloaded > 8_000)

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    stored = hass_storage[f"{DOMAIN}.downloads.{entry.entry_id}"]["data"]["downloads"]
    assert [(d["id"], d["status"]) for d in stored] == [
        (first["download_id"], "downloading"),
        (second["download_id"], "queued"),
    ]
    partial = download_folder / ".medianest" / first["download_id"]
    [part] = [p for p in partial.iterdir() if p.name.endswith(".part")]
    kept = part.stat().st_size
    assert kept > 0

    video_site.rate = None
    video_site.ranges.clear()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await wait_for(lambda: finished(entry, first["download_id"]) and finished(entry, second["download_id"]))

    coordinator = coordinator_of(entry)
    assert coordinator._downloads[first["download_id"]].status is DownloadStatus.COMPLETED
    assert coordinator._downloads[second["download_id"]].status is DownloadStatus.COMPLETED
    assert f"bytes={kept}-" in video_site.ranges  # it went on where it stopped
    assert len(files_in(download_folder)) == 2


async def test_history_is_bounded(
    hass: HomeAssistant, download_folder: Path, hass_storage: dict[str, Any], unload_entries: None
) -> None:
    """Finished downloads beyond the history size are forgotten; stored ones are read back."""
    stored = [
        {
            "id": f"old{i}",
            "url": f"https://example.com/v/{i}",
            "status": "completed",
            "info": {"id": str(i), "title": f"Old {i}"},
            "created": f"2026-01-01T00:{i // 60:02d}:{i % 60:02d}+00:00",
            "finished": f"2026-01-01T01:{i // 60:02d}:{i % 60:02d}+00:00",
        }
        for i in range(100)
    ]
    stored.append({"broken": True})
    hass_storage["medianest.downloads.downloader_entry"] = {
        "version": 1,
        "key": "medianest.downloads.downloader_entry",
        "data": {"downloads": stored, "completed_total": 100, "failed_total": 3},
    }
    entry = await setup_entry(hass, make_downloader_entry(download_folder))
    coordinator = coordinator_of(entry)
    assert len(coordinator.downloads()) == 100
    assert coordinator.downloads()[0].title == "Old 99"
    assert hass.states.get("sensor.downloads_failed_downloads").state == "3"  # type: ignore[union-attr]
    download = coordinator.downloads()[0]
    await coordinator._async_finish(download, DownloadStatus.COMPLETED)
    coordinator._downloads["new"] = download
    coordinator._trim_history()
    assert len(coordinator.downloads()) == 100


async def test_without_ffmpeg(
    hass: HomeAssistant, video_site: FakeVideoSite, download_folder: Path, unload_entries: None
) -> None:
    """A repair issue explains it; mkv is refused, a plain mp4 still downloads."""
    real_which = shutil.which
    with patch(
        "custom_components.medianest.apps.downloader.coordinator.shutil.which",
        side_effect=lambda name: None if name == "ffmpeg" else real_which(name),
    ):
        entry = await setup_entry(hass, make_downloader_entry(download_folder))
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "ffmpeg_missing")
    assert issue is not None
    assert issue.translation_key == "ffmpeg_missing"

    with pytest.raises(ServiceValidationError) as err:
        await queue(hass, url=video_site.watch_url("sample"), format="mkv")
    assert err.value.translation_key == "ffmpeg_required"

    answer = await queue(hass, url=video_site.watch_url("sample"), format="mp4")
    await wait_for(lambda: finished(entry, answer["download_id"]))
    download = coordinator_of(entry)._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.COMPLETED, download.error
    assert probe_stream(download.files[0])["format"]["format_name"].startswith("mov,mp4")

    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, "ffmpeg_missing") is None


async def test_missing_download_folder_fails_clearly(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    """A folder that went away (an unmounted share) fails the download with a reason."""
    await hass.async_add_executor_job(download_folder.rmdir)
    answer = await queue(hass, url=video_site.watch_url("sample"))
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    download = coordinator_of(downloader_entry)._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.FAILED
    assert download.error_reason == "folder_unavailable"


async def test_entities(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """The downloader's entities, and the yt-dlp version on its device."""
    entities = er.async_entries_for_config_entry(entity_registry, downloader_entry.entry_id)
    for entity in sorted(entities, key=lambda e: e.entity_id):
        assert entity == snapshot(name=f"{entity.entity_id}-entry")
        assert hass.states.get(entity.entity_id) == snapshot(name=f"{entity.entity_id}-state")
    device = entities[0].device_id
    from homeassistant.helpers import device_registry as dr

    entry = dr.async_get(hass).async_get(device)  # type: ignore[arg-type]
    assert entry is not None
    assert entry.model == "yt-dlp"
    assert entry.sw_version == coordinator_of(downloader_entry).version
    assert entry.configuration_url is None


async def test_diagnostics(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    video_site: FakeVideoSite,
    hass_client: Any,
    snapshot: SnapshotAssertion,
) -> None:
    """Diagnostics show the queue with each page's host only."""
    from pytest_homeassistant_custom_component.components.diagnostics import (
        get_diagnostics_for_config_entry,
    )

    answer = await queue(hass, url=video_site.watch_url("sample") + "?token=secret-token")
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    result = await get_diagnostics_for_config_entry(hass, hass_client, downloader_entry)
    assert "secret-token" not in json.dumps(result)
    assert result["downloader"]["downloads"][0]["host"] == "127.0.0.1"
    assert result == snapshot(
        exclude=props("download_folder", "id", "created", "yt_dlp", "ffmpeg", "downloaded", "total")
    )


async def test_a_site_that_needs_cookies(
    hass: HomeAssistant, video_site: FakeVideoSite, download_folder: Path, unload_entries: None
) -> None:
    """With the cookies file from the options the page opens; the file is never changed."""
    video_site.required_cookie = ("session", "signed-in-0123")
    cookies = Path(hass.config.config_dir) / "cookies.txt"
    cookies.write_text(
        "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tsigned-in-0123\n"
    )
    before = cookies.read_bytes()
    entry = await setup_entry(hass, make_downloader_entry(download_folder))
    with pytest.raises(HomeAssistantError) as err:
        await queue(hass, url=video_site.watch_url("sample"))
    assert err.value.translation_key == "download_unreachable"

    hass.config_entries.async_update_entry(entry, options={"cookies_file": "cookies.txt"})
    await hass.async_block_till_done()
    answer = await queue(hass, url=video_site.watch_url("sample"))
    await wait_for(lambda: finished(entry, answer["download_id"]))
    assert coordinator_of(entry)._downloads[answer["download_id"]].status is DownloadStatus.COMPLETED
    assert cookies.read_bytes() == before


async def test_a_file_already_there_is_never_touched(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    """Downloading a video again (also in another format) keeps the earlier file."""
    first = await queue(hass, url=video_site.watch_url("sample"))
    await wait_for(lambda: finished(downloader_entry, first["download_id"]))
    again = await queue(hass, url=video_site.watch_url("sample"))
    mkv = await queue(hass, url=video_site.watch_url("sample"), format="mkv")
    await wait_for(
        lambda: (
            finished(downloader_entry, again["download_id"])
            and finished(downloader_entry, mkv["download_id"])
        )
    )
    downloads = coordinator_of(downloader_entry)._downloads
    assert [downloads[d["download_id"]].status for d in (first, again, mkv)] == [DownloadStatus.COMPLETED] * 3
    assert files_in(download_folder) == [
        "Test Pattern Sample [sample] (2).mp4",
        "Test Pattern Sample [sample].mkv",
        "Test Pattern Sample [sample].mp4",
    ]
    assert downloads[again["download_id"]].file_path == str(
        download_folder / "Test Pattern Sample [sample] (2).mp4"
    )


async def test_removing_the_entry_forgets_the_queue(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    video_site: FakeVideoSite,
    download_folder: Path,
    hass_storage: dict[str, Any],
) -> None:
    """The stored queue and the partial files go with the entry; downloaded files stay."""
    done = await queue(hass, url=video_site.watch_url("sample"))
    await wait_for(lambda: finished(downloader_entry, done["download_id"]))
    video_site.rate = 2_000
    running = await queue(hass, url=video_site.watch_url("sample"), format="webm")
    download = coordinator_of(downloader_entry)._downloads[running["download_id"]]
    await wait_for(lambda: download.progress.downloaded > 0)
    assert f"{DOMAIN}.downloads.{downloader_entry.entry_id}" in hass_storage

    await hass.config_entries.async_remove(downloader_entry.entry_id)
    await hass.async_block_till_done()
    assert f"{DOMAIN}.downloads.{downloader_entry.entry_id}" not in hass_storage
    assert not (download_folder / ".medianest").exists()
    assert files_in(download_folder) == ["Test Pattern Sample [sample].mp4"]


# --- links planted in the download folder never lead a file elsewhere --------------------


@pytest.mark.parametrize(
    ("link", "subfolder"),
    [
        (".medianest", None),  # the partial folder planted as a link
        ("escape", "escape/videos"),  # a subfolder that is a link to outside
    ],
)
async def test_a_link_leading_outside_is_refused(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    video_site: FakeVideoSite,
    download_folder: Path,
    tmp_path: Path,
    link: str,
    subfolder: str | None,
) -> None:
    """A link in the download folder that points outside it is never written through."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (download_folder / link).symlink_to(outside)
    extra = {"subfolder": subfolder} if subfolder else {}
    answer = await queue(hass, url=video_site.watch_url("sample"), **extra)
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    download = coordinator_of(downloader_entry)._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.FAILED
    assert download.error_reason == "folder_unsafe"
    assert list(outside.iterdir()) == []  # nothing written or made there, nothing removed there
    assert (download_folder / link).is_symlink()


async def test_a_subfolder_swapped_for_a_link_during_a_download(
    hass: HomeAssistant,
    downloader_entry: MockConfigEntry,
    video_site: FakeVideoSite,
    download_folder: Path,
    tmp_path: Path,
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    video_site.rate = 16_000  # about 3 s: time to swap the folder
    answer = await queue(hass, url=video_site.watch_url("sample"), subfolder="clips")
    coordinator = coordinator_of(downloader_entry)
    await wait_for(lambda: coordinator._downloads[answer["download_id"]].progress.downloaded > 0)
    (download_folder / "clips").rmdir()
    (download_folder / "clips").symlink_to(outside)
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    download = coordinator._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.FAILED
    assert download.error_reason == "folder_unsafe"
    assert list(outside.iterdir()) == []
    assert files_in(download_folder) == []


async def test_a_subfolder_link_inside_the_folder_is_fine(
    hass: HomeAssistant, downloader_entry: MockConfigEntry, video_site: FakeVideoSite, download_folder: Path
) -> None:
    (download_folder / "Films").mkdir()
    (download_folder / "Movies").symlink_to(download_folder / "Films")
    answer = await queue(hass, url=video_site.watch_url("sample"), subfolder="Movies")
    await wait_for(lambda: finished(downloader_entry, answer["download_id"]))
    download = coordinator_of(downloader_entry)._downloads[answer["download_id"]]
    assert download.status is DownloadStatus.COMPLETED, download.error
    assert [p.parent.name for p in (download_folder / "Films").iterdir()] == ["Films"]
