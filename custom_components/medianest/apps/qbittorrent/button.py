"""qBittorrent's buttons: pause and resume every torrent."""

from __future__ import annotations

from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...core.button import MedianestButton, MedianestButtonEntityDescription
from ...core.entity import add_described
from ...core.spec import MedianestConfigEntry
from .coordinator import QbittorrentCoordinator

QbittorrentButton = MedianestButtonEntityDescription[QbittorrentCoordinator]

BUTTONS: tuple[QbittorrentButton, ...] = (
    QbittorrentButton(key="pause_all", translation_key="pause_all", press_fn=lambda c: c.client.pause()),
    QbittorrentButton(key="resume_all", translation_key="resume_all", press_fn=lambda c: c.client.resume()),
)


def setup_buttons(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the buttons."""
    add_described(entry, async_add_entities, MedianestButton, BUTTONS)
