"""Everything downloading across the stack: Sonarr's and Radarr's queues, qBittorrent, yt-dlp."""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant

from ..api import MedianestApiError
from ..api.qbittorrent import TorrentGroup
from ..apps.downloader.coordinator import FINISHED, DownloaderCoordinator
from ..const import DOMAIN, LOGGER, ServiceKind

if TYPE_CHECKING:
    from ..core.spec import MedianestConfigEntry

#: how many of each Sonarr or Radarr queue are read for an answer
QUEUE_ITEMS = 20
_TIME_LEFT = re.compile(r"^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})")


@dataclass(frozen=True, slots=True)
class ActiveDownload:
    """One thing downloading, wherever it is."""

    title: str
    service: str
    progress: float | None
    seconds_left: float | None
    #: the entry it was found in
    entry_id: str = ""
    #: the movie's or series' library id, for a Sonarr or Radarr download
    media_id: int | None = None


def _seconds(time_left: str | None) -> float | None:
    """Sonarr's and Radarr's `timeleft` ("1.02:03:04", "00:10:00") in seconds."""
    match = _TIME_LEFT.match(time_left or "")
    if match is None:
        return None
    days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return float(((days * 24 + hours) * 60 + minutes) * 60 + seconds)


async def async_active_downloads(hass: HomeAssistant) -> tuple[list[ActiveDownload], list[str]]:
    """What downloads now, soonest done first, and the services that could not say."""
    entries: list[MedianestConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    found: list[ActiveDownload] = []
    failed: list[str] = []
    # A torrent Sonarr or Radarr grabbed is in both lists: told once, by its title there.
    in_queues: set[str] = set()
    for entry in entries:
        if entry.runtime_data.kind not in (ServiceKind.SONARR, ServiceKind.RADARR):
            continue
        try:
            _, items = await entry.runtime_data.coordinator.client.queue(QUEUE_ITEMS)
        except MedianestApiError as err:
            LOGGER.debug("The queue of %s could not be read for an answer: %s", entry.title, err)
            failed.append(entry.title)
            continue
        for item in items:
            if item.status not in (None, "downloading", "queued", "delay"):
                continue
            if item.download_id:
                in_queues.add(item.download_id.casefold())
            found.append(
                ActiveDownload(
                    item.title or "?",
                    entry.title,
                    item.progress,
                    _seconds(item.time_left),
                    entry.entry_id,
                    item.media_id,
                )
            )
    for entry in entries:
        kind = entry.runtime_data.kind
        coordinator = entry.runtime_data.coordinator
        if kind is ServiceKind.QBITTORRENT:
            if not coordinator.last_update_success:
                failed.append(entry.title)
                continue
            for torrent in coordinator.client.sync.torrent_list():
                if torrent.group is not TorrentGroup.DOWNLOADING or torrent.hash.casefold() in in_queues:
                    continue
                # The client reads qBittorrent's "no estimate" as None.
                eta = float(torrent.eta) if torrent.eta is not None and torrent.eta >= 0 else None
                found.append(ActiveDownload(torrent.name, entry.title, torrent.percent, eta, entry.entry_id))
        elif isinstance(coordinator, DownloaderCoordinator):
            for download in coordinator.downloads():
                if download.status in FINISHED:
                    continue
                progress = download.progress
                found.append(
                    ActiveDownload(
                        download.title, entry.title, progress.percent, progress.eta, entry.entry_id
                    )
                )
    found.sort(key=lambda d: (d.seconds_left is None, d.seconds_left or 0))
    return found, failed
