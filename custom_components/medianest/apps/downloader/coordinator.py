"""The download queue: yt-dlp jobs kept in Home Assistant's storage, run a few at a time.

Downloads are stored when they are queued and whenever their status changes, so a restart
loses nothing: a queued download is still queued, and one that was running starts again
and resumes its partial file. Each download runs in a yt-dlp child process (see
`api.ytdlp`) with its own folder for partial files under the download folder's
`.medianest` folder; the finished file is moved into the download folder (or the
subfolder asked for), and cancelling removes the partial files.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import contextlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from importlib import metadata
import os
import shutil
from typing import TYPE_CHECKING, Any, Final, override
import uuid

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ...api import safe_folder
from ...api.ytdlp import (
    InvalidInputError,
    Job,
    Progress,
    VideoInfo,
    YtDlpError,
    YtDlpRunner,
    check_subfolder,
    check_url,
    needs_ffmpeg,
)
from ...const import DOMAIN, LOGGER
from ...core.coordinator import MedianestCoordinator, Tier, action_error, validation_error
from .const import (
    CONF_COOKIES_FILE,
    CONF_DOWNLOAD_FOLDER,
    CONF_FORMAT,
    CONF_MAX_CONCURRENT,
    CONF_QUALITY,
    DEFAULT_FORMAT,
    DEFAULT_MAX_CONCURRENT,
    DEFAULT_QUALITY,
    DOWNLOAD_HISTORY,
    DOWNLOAD_PUSH_INTERVAL,
    EVENT_DOWNLOAD_COMPLETED,
    EVENT_DOWNLOAD_FAILED,
)

if TYPE_CHECKING:
    from ...core.spec import MedianestConfigEntry

STORAGE_VERSION = 1
PARTIAL_FOLDER = ".medianest"
# Why a page cannot be queued (the worker's reason), as the user reads it.
PROBE_ERROR_KEYS: Final = {
    "unsupported": "download_unsupported",
    "unreachable": "download_unreachable",
    "video_not_found": "download_video_not_found",
    "format_unavailable": "download_format_unavailable",
    "playlist": "download_playlist",
    "live": "download_live",
    "processing_failed": "download_processing_failed",
    "timeout": "download_timeout",
    "folder_unsafe": "download_folder_unsafe",
}
FFMPEG_ISSUE = "ffmpeg_missing"


class DownloadStatus(StrEnum):
    """Where a download is."""

    QUEUED = "queued"
    DOWNLOADING = "downloading"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = frozenset({DownloadStatus.DOWNLOADING, DownloadStatus.PROCESSING})
FINISHED = frozenset({DownloadStatus.COMPLETED, DownloadStatus.FAILED, DownloadStatus.CANCELLED})


def _time(value: Any) -> datetime | None:
    return dt_util.parse_datetime(value) if isinstance(value, str) else None


@dataclass(slots=True, kw_only=True)
class Download:
    """One download, as stored and as the actions answer."""

    id: str
    url: str
    quality: str
    format: str
    audio_only: bool
    subfolder: str
    info: VideoInfo
    status: DownloadStatus = DownloadStatus.QUEUED
    created: datetime = field(default_factory=dt_util.utcnow)
    started: datetime | None = None
    finished: datetime | None = None
    progress: Progress = field(default_factory=Progress)
    files: list[str] = field(default_factory=list)
    error: str | None = None
    error_reason: str | None = None
    #: the user asked to cancel (as opposed to Home Assistant stopping)
    cancelling: bool = False

    @property
    def title(self) -> str:
        """The video's title."""
        return self.info.title

    @property
    def file_path(self) -> str | None:
        """The finished file."""
        return self.files[0] if self.files else None

    def to_store(self) -> dict[str, Any]:
        """What is stored (progress is not: it starts again after a restart)."""
        return {
            "id": self.id,
            "url": self.url,
            "quality": self.quality,
            "format": self.format,
            "audio_only": self.audio_only,
            "subfolder": self.subfolder,
            "info": self.info.as_dict(),
            "status": self.status.value,
            "created": self.created.isoformat(),
            "started": self.started.isoformat() if self.started else None,
            "finished": self.finished.isoformat() if self.finished else None,
            "files": self.files,
            "error": self.error,
            "error_reason": self.error_reason,
        }

    @classmethod
    def from_store(cls, data: dict[str, Any]) -> Download:
        """Read a stored download."""
        return cls(
            id=str(data["id"]),
            url=str(data["url"]),
            quality=str(data.get("quality", DEFAULT_QUALITY)),
            format=str(data.get("format", DEFAULT_FORMAT)),
            audio_only=bool(data.get("audio_only", False)),
            subfolder=str(data.get("subfolder", "")),
            info=VideoInfo.from_json(data.get("info") or {}),
            status=DownloadStatus(data.get("status", DownloadStatus.QUEUED)),
            created=_time(data.get("created")) or dt_util.utcnow(),
            started=_time(data.get("started")),
            finished=_time(data.get("finished")),
            files=[str(f) for f in data.get("files") or []],
            error=data.get("error"),
            error_reason=data.get("error_reason"),
        )

    def as_json(self, position: int | None = None) -> dict[str, Any]:
        """The download as the actions answer it."""
        progress = self.progress
        return {
            "download_id": self.id,
            "url": self.url,
            "title": self.title,
            "status": self.status.value,
            "position": position,
            "quality": self.quality,
            "format": self.format,
            "audio_only": self.audio_only,
            "subfolder": self.subfolder,
            "progress": {
                "percent": 100.0 if self.status is DownloadStatus.COMPLETED else progress.percent,
                "downloaded": progress.downloaded,
                "total": progress.total,
                "speed": progress.speed,
                "eta": progress.eta,
            },
            "video": {k: v for k, v in self.info.as_dict().items() if k not in ("ext", "height")},
            "file_path": self.file_path,
            "error": self.error,
            "created": self.created.isoformat(),
            "started": self.started.isoformat() if self.started else None,
            "finished": self.finished.isoformat() if self.finished else None,
        }


@dataclass(frozen=True, slots=True)
class DownloaderData:
    """What the downloader's entities show (a snapshot, made on each change)."""

    queued: int = 0
    active: int = 0
    current: Download | None = None
    current_progress: Progress | None = None
    speed: float = 0.0
    completed_total: int = 0
    failed_total: int = 0
    finished: int = 0
    version: str | None = None


@dataclass(frozen=True, slots=True)
class DownloadEvent:
    """A download completed or failed."""

    event_type: str
    download: Download


def _store(hass: HomeAssistant, entry_id: str) -> Store[dict[str, Any]]:
    """Where an entry's queue is kept."""
    return Store(hass, STORAGE_VERSION, f"{DOMAIN}.downloads.{entry_id}")


def _ytdlp_version() -> str | None:
    try:
        return metadata.version("yt-dlp")
    except metadata.PackageNotFoundError:
        return None


class DownloaderCoordinator(MedianestCoordinator[YtDlpRunner, DownloaderData]):
    """The queue of one downloader entry; its data is pushed, never polled."""

    def __init__(self, hass: HomeAssistant, entry: MedianestConfigEntry, client: YtDlpRunner) -> None:
        """Set up the queue (it is read from storage in the first refresh)."""
        super().__init__(hass, entry, client)
        self.folder: str = entry.data[CONF_DOWNLOAD_FOLDER]
        self._store = _store(hass, entry.entry_id)
        self._downloads: dict[str, Download] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._completed_total = 0
        self._failed_total = 0
        self.ffmpeg: str | None = None
        self.version: str | None = None
        self._push_later: CALLBACK_TYPE | None = None
        self._event_listeners: list[Callable[[DownloadEvent], None]] = []
        self._stopping = False
        self._loaded = False

    @override
    def _create_data(self) -> DownloaderData:
        return DownloaderData()

    @override
    def _create_tiers(self) -> list[Tier[DownloaderData]]:
        return []

    def _option(self, key: str, default: Any) -> Any:
        entry = self.config_entry
        return entry.options.get(key, entry.data.get(key, default))

    @property
    def max_concurrent(self) -> int:
        """How many downloads run at once."""
        return int(self._option(CONF_MAX_CONCURRENT, DEFAULT_MAX_CONCURRENT))

    @override
    async def _async_setup(self) -> None:
        stored = await self._store.async_load() or {}
        for item in stored.get("downloads", []):
            try:
                download = Download.from_store(item)
            except KeyError, ValueError, TypeError:
                LOGGER.warning("A stored download could not be read and is skipped: %s", item)
                continue
            if download.status in ACTIVE:
                # Home Assistant stopped while it ran: queue it again; it resumes its part file.
                download.status = DownloadStatus.QUEUED
            self._downloads[download.id] = download
        self._loaded = True
        self._completed_total = int(stored.get("completed_total", 0))
        self._failed_total = int(stored.get("failed_total", 0))
        self.version, self.ffmpeg = await self.hass.async_add_executor_job(
            lambda: (_ytdlp_version(), shutil.which("ffmpeg"))
        )
        if self.version is None:
            raise ConfigEntryError(translation_domain=DOMAIN, translation_key="ytdlp_missing")
        if self.ffmpeg:
            ir.async_delete_issue(self.hass, DOMAIN, FFMPEG_ISSUE)
        else:
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                FFMPEG_ISSUE,
                is_fixable=False,
                is_persistent=False,
                severity=ir.IssueSeverity.WARNING,
                translation_key=FFMPEG_ISSUE,
            )

    @override
    async def _async_update_data(self) -> DownloaderData:
        return self._snapshot()

    def _snapshot(self) -> DownloaderData:
        active = [d for d in self._downloads.values() if d.status in ACTIVE]
        current = active[0] if active else None
        return DownloaderData(
            queued=sum(1 for d in self._downloads.values() if d.status is DownloadStatus.QUEUED),
            active=len(active),
            current=current,
            current_progress=current.progress if current else None,
            speed=float(sum(d.progress.speed or 0 for d in active)),
            completed_total=self._completed_total,
            failed_total=self._failed_total,
            finished=sum(1 for d in self._downloads.values() if d.status in FINISHED),
            version=self.version,
        )

    # -- telling Home Assistant ---------------------------------------------------------

    @callback
    def _push(self) -> None:
        """Hand the entities a new snapshot now."""
        if self._push_later is not None:
            self._push_later()
            self._push_later = None
        self.async_set_updated_data(self._snapshot())

    @callback
    def _push_soon(self) -> None:
        """Hand the entities a new snapshot within a second (progress, speed)."""
        if self._push_later is None:
            self._push_later = async_call_later(self.hass, DOWNLOAD_PUSH_INTERVAL, self._push_from_timer)

    @callback
    def _push_from_timer(self, _now: Any) -> None:
        self._push_later = None
        self._push()

    async def _async_save(self) -> None:
        await self._store.async_save(self._stored())

    def _stored(self) -> dict[str, Any]:
        return {
            "downloads": [d.to_store() for d in self._downloads.values()],
            "completed_total": self._completed_total,
            "failed_total": self._failed_total,
        }

    @callback
    def async_add_event_listener(self, listener: Callable[[DownloadEvent], None]) -> CALLBACK_TYPE:
        """Call `listener` for each completed or failed download; return the remover."""
        self._event_listeners.append(listener)
        return lambda: self._event_listeners.remove(listener)

    @callback
    def _emit(self, event_type: str, download: Download) -> None:
        for listener in list(self._event_listeners):
            listener(DownloadEvent(event_type, download))
        self.hass.bus.async_fire(
            EVENT_DOWNLOAD_COMPLETED if event_type == "completed" else EVENT_DOWNLOAD_FAILED,
            {
                "config_entry_id": self.config_entry.entry_id,
                "download_id": download.id,
                "title": download.title,
                "url": download.url,
                "file_path": download.file_path,
                "error": download.error,
            },
        )

    # -- the queue ------------------------------------------------------------------------

    def downloads(self, status: DownloadStatus | None = None) -> list[Download]:
        """Downloads in queue order (active ones first), then the finished ones, newest first."""
        pending = [d for d in self._downloads.values() if d.status not in FINISHED]
        pending.sort(key=lambda d: d.status not in ACTIVE)
        finished = sorted(
            (d for d in self._downloads.values() if d.status in FINISHED),
            key=lambda d: d.finished or d.created,
            reverse=True,
        )
        return [d for d in (*pending, *finished) if status is None or d.status is status]

    def positions(self) -> dict[str, int]:
        """Each waiting or running download's place in line (1 = first; active ones count)."""
        pending = (d for d in self.downloads() if d.status not in FINISHED)
        return {d.id: n for n, d in enumerate(pending, 1)}

    def _partial(self, download: Download) -> str:
        """The folder of a download's partial files."""
        return os.path.join(self.folder, PARTIAL_FOLDER, download.id)

    def _job(self, download: Download, home: str | None = None) -> Job:
        cookies = self._option(CONF_COOKIES_FILE, None)
        return Job(
            url=download.url,
            quality=download.quality,
            format=download.format,
            audio_only=download.audio_only,
            home=home,
            temp=self._partial(download) if home else None,
            root=self.folder if home else None,
            subfolder=download.subfolder or "",
            partial=f"{PARTIAL_FOLDER}/{download.id}" if home else None,
            ffmpeg=self.ffmpeg,
            cookies=self.hass.config.path(cookies) if cookies else None,
        )

    async def async_queue(
        self,
        url: str,
        *,
        quality: str | None = None,
        fmt: str | None = None,
        audio_only: bool = False,
        subfolder: str | None = None,
    ) -> Download:
        """Read what the page holds, then queue it; raise a translated error if that fails."""
        try:
            url = check_url(url)
            subfolder = check_subfolder(subfolder)
        except InvalidInputError as err:
            raise validation_error(err.reason) from err
        quality = quality or self._option(CONF_QUALITY, DEFAULT_QUALITY)
        fmt = fmt or self._option(CONF_FORMAT, DEFAULT_FORMAT)
        if self.ffmpeg is None and needs_ffmpeg(str(fmt), audio_only):
            raise validation_error("ffmpeg_required", format=str(fmt))
        download = Download(
            id=uuid.uuid4().hex,
            url=url,
            quality=str(quality),
            format=str(fmt),
            audio_only=audio_only,
            subfolder=subfolder,
            info=VideoInfo(id="", title=url),
        )
        try:
            download.info = await self.client.probe(self._job(download))
        except YtDlpError as err:
            raise action_error(PROBE_ERROR_KEYS.get(err.reason, "download_failed"), error=str(err)) from err
        self._downloads[download.id] = download
        await self._async_save()
        self._start_next()
        self._push()
        return download

    async def async_cancel(self, download_id: str) -> Download:
        """Cancel a queued or running download; its partial files are removed."""
        download = self._downloads.get(download_id)
        if download is None:
            raise validation_error("download_not_found", download_id=download_id)
        if download.status in FINISHED:
            raise validation_error("download_finished", title=download.title, status=download.status.value)
        if (task := self._tasks.get(download_id)) is not None:
            download.cancelling = True
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        else:
            # It may have partial files from before a restart.
            await self._async_finish(download, DownloadStatus.CANCELLED, temp=self._partial(download))
        return download

    async def async_clear_history(self) -> None:
        """Forget the finished downloads (their files stay)."""
        for download in [d for d in self._downloads.values() if d.status in FINISHED]:
            del self._downloads[download.id]
        await self._async_save()
        self._push()

    @override
    @callback
    def async_start(self) -> None:
        """Start what is queued (after setup, and when the concurrency changes)."""
        self._start_next()

    @override
    async def async_apply_options(self) -> None:
        """Start more downloads if more may run at once now."""
        self.async_start()
        await super().async_apply_options()

    @callback
    def _start_next(self) -> None:
        if self._stopping:
            return
        for download in self.downloads(DownloadStatus.QUEUED):
            if len(self._tasks) >= self.max_concurrent:
                return
            download.status = DownloadStatus.DOWNLOADING
            # Not started eagerly: the task is in `_tasks` before it runs (and removes itself).
            self._tasks[download.id] = self.config_entry.async_create_background_task(
                self.hass, self._async_run(download), f"{DOMAIN} download {download.id}", eager_start=False
            )

    async def _async_run(self, download: Download) -> None:
        """Run one download to its end (or to Home Assistant stopping)."""
        download.started = dt_util.utcnow()
        download.progress = Progress()
        download.error = download.error_reason = None
        self._push()
        temp = self._partial(download)
        try:
            await self._async_save()
            home = await self.hass.async_add_executor_job(self._prepare, download, temp)
            files = await self.client.download(
                self._job(download, home),
                lambda progress: self._on_progress(download, progress),
                lambda: self._on_processing(download),
            )
        except asyncio.CancelledError:
            self._tasks.pop(download.id, None)
            if download.cancelling:
                await self._async_finish(download, DownloadStatus.CANCELLED, temp=temp)
                self._start_next()
            # else Home Assistant is stopping: it stays "downloading" in storage and resumes.
            raise
        except (YtDlpError, OSError) as err:
            reason = err.reason if isinstance(err, YtDlpError) else "folder_unavailable"
            download.error_reason = reason
            download.error = str(err) or reason
            await self._async_finish(download, DownloadStatus.FAILED, temp=temp)
        else:
            download.files = files
            await self._async_finish(download, DownloadStatus.COMPLETED, temp=temp)
        self._tasks.pop(download.id, None)
        self._start_next()

    def _prepare(self, download: Download, temp: str) -> str:
        """Make and check the target and partial folders (blocking); return the target.

        The worker opens and checks them again when it uses them: this is for a clear
        error before anything is downloaded.
        """
        if not os.path.isdir(self.folder):
            raise YtDlpError("folder_unavailable", f"the download folder {self.folder} does not exist")
        try:
            root_fd, root = safe_folder.open_root(self.folder)
        except OSError as err:
            raise YtDlpError("folder_unavailable", f"the download folder cannot be used: {err}") from err
        try:
            for names, links in (
                ([PARTIAL_FOLDER, download.id], False),
                (safe_folder.parts(download.subfolder or ""), True),
            ):
                os.close(safe_folder.open_folder(root_fd, root, names, create=True, links=links))
        except safe_folder.UnsafeFolderError as err:
            raise YtDlpError("folder_unsafe", str(err)) from err
        finally:
            os.close(root_fd)
        return os.path.join(self.folder, download.subfolder) if download.subfolder else self.folder

    @callback
    def _on_progress(self, download: Download, progress: Progress) -> None:
        if download.status is DownloadStatus.DOWNLOADING:
            download.progress = progress
            self._push_soon()

    @callback
    def _on_processing(self, download: Download) -> None:
        if download.status is not DownloadStatus.PROCESSING:
            download.status = DownloadStatus.PROCESSING
            download.progress = replace(download.progress, speed=None, eta=None)
            self._push()

    async def _async_finish(
        self, download: Download, status: DownloadStatus, *, temp: str | None = None
    ) -> None:
        download.status = status
        download.finished = dt_util.utcnow()
        download.cancelling = False
        if status is not DownloadStatus.COMPLETED:
            download.progress = replace(download.progress, speed=None, eta=None)
        # Status, totals and entities change together, before any waiting.
        if status is DownloadStatus.COMPLETED:
            self._completed_total += 1
            LOGGER.debug("Downloaded %s to %s", download.title, download.file_path)
            self._emit("completed", download)
        elif status is DownloadStatus.FAILED:
            self._failed_total += 1
            LOGGER.info("Download of %s failed: %s", download.title, download.error)
            self._emit("failed", download)
        self._trim_history()
        self._push()
        if temp is not None:
            await self.hass.async_add_executor_job(self._remove_partial, temp)
        await self._async_save()

    def _remove_partial(self, temp: str) -> None:
        """Remove a download's partial files (never through a link planted in their place)."""
        safe_folder.remove_tree(self.folder, [PARTIAL_FOLDER, os.path.basename(temp)])
        # The partial folder too, when no other download has partial files.
        safe_folder.remove_empty(self.folder, [PARTIAL_FOLDER])

    def _trim_history(self) -> None:
        finished = [d for d in self.downloads() if d.status in FINISHED]  # newest first
        for download in finished[DOWNLOAD_HISTORY:]:
            del self._downloads[download.id]

    @override
    async def async_shutdown(self) -> None:
        """Stop the running downloads (they resume after the next start) and store the queue."""
        self._stopping = True
        await super().async_shutdown()
        if self._push_later is not None:
            self._push_later()
            self._push_later = None
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=10)
        self._tasks.clear()
        if self._loaded:  # never overwrite the stored queue with one that was not read
            await self._async_save()


async def async_remove_downloader_data(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Remove a removed entry's stored queue and its partial files."""
    await _store(hass, entry.entry_id).async_remove()
    await hass.async_add_executor_job(
        safe_folder.remove_tree, entry.data[CONF_DOWNLOAD_FOLDER], [PARTIAL_FOLDER]
    )
