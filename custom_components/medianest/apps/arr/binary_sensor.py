"""The health check of the Servarr family (Sonarr, Radarr, Prowlarr): problems it reports."""

from __future__ import annotations

from typing import Protocol

from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ...api.models import HealthIssue
from ...core.binary_sensor import MedianestBinarySensor, MedianestBinarySensorEntityDescription
from ...core.entity import add_described
from ...core.spec import MedianestConfigEntry

MAX_LISTED_PROBLEMS = 10


class HasHealth(Protocol):
    """Data of a server with a health check."""

    @property
    def health(self) -> list[HealthIssue]:
        """What the server's health check says."""
        ...


def _problems(data: HasHealth) -> list[HealthIssue]:
    return [issue for issue in data.health if issue.is_problem]


HEALTH = MedianestBinarySensorEntityDescription[HasHealth](
    key="health",
    translation_key="health",
    device_class=BinarySensorDeviceClass.PROBLEM,
    is_on_fn=lambda data: bool(_problems(data)),
    attributes_fn=lambda data: {
        "problems": [
            {"source": i.source, "type": i.type, "message": i.message}
            for i in _problems(data)[:MAX_LISTED_PROBLEMS]
        ]
    },
)


def setup_health(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the health check's problem sensor."""
    add_described(entry, async_add_entities, MedianestBinarySensor, (HEALTH,))
