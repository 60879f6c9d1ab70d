"""MediaNest: a home media stack in Home Assistant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .api import HttpClient
from .api.ytdlp import YtDlpRunner
from .const import CONF_KIND, CONF_VERIFY_SSL, CONF_WEBHOOK_ID, DOMAIN, ServiceKind
from .coordinator import MedianestCoordinator
from .downloader import DownloaderCoordinator, async_remove_downloader_data
from .entity import async_remove_stale_item_devices, service_device_info
from .kinds import KINDS, KindSpec, async_client_session
from .plex_poster import PlexPosterView
from .seerr_webhook import async_register_webhook, new_webhook_data
from .services import async_setup_services

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


@dataclass(slots=True)
class MedianestRuntimeData:
    """What a loaded entry keeps."""

    spec: KindSpec
    client: HttpClient | YtDlpRunner
    coordinator: MedianestCoordinator[Any, Any]
    #: the registry id of the service's device (item devices point to it)
    device_id: str = ""

    @property
    def kind(self) -> ServiceKind:
        """The entry's service kind."""
        return self.spec.kind


type MedianestConfigEntry = ConfigEntry[MedianestRuntimeData]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions and the poster view once for all entries."""
    async_setup_services(hass)
    hass.http.register_view(PlexPosterView())
    return True


async def async_setup_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> bool:
    """Connect to one service and set up its entities."""
    spec = KINDS[ServiceKind(entry.data[CONF_KIND])]
    if spec.kind is ServiceKind.SEERR and CONF_WEBHOOK_ID not in entry.data:
        hass.config_entries.async_update_entry(entry, data={**entry.data, **new_webhook_data()})
    session = async_client_session(hass, spec, entry.data.get(CONF_VERIFY_SSL, True))
    client = spec.create_client(session, entry.data)
    coordinator = spec.create_coordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = MedianestRuntimeData(spec=spec, client=client, coordinator=coordinator)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, **service_device_info(coordinator)
    )
    entry.runtime_data.device_id = device.id
    await hass.config_entries.async_forward_entry_setups(entry, spec.platforms)
    async_remove_stale_item_devices(coordinator)
    if spec.kind is ServiceKind.SEERR:
        async_register_webhook(hass, entry)
    if isinstance(coordinator, DownloaderCoordinator):
        coordinator.async_start()
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    return True


async def _async_options_updated(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Apply changed options: the upcoming window changes what the slow tier reads."""
    coordinator = entry.runtime_data.coordinator
    if isinstance(coordinator, DownloaderCoordinator):
        coordinator.async_start()  # more downloads may run at once now
        return
    coordinator.force_all_tiers()
    await entry.runtime_data.coordinator.async_request_refresh()


async def async_unload_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> bool:
    """Unload an entry."""
    return await hass.config_entries.async_unload_platforms(entry, entry.runtime_data.spec.platforms)


async def async_remove_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Forget what a removed entry stored (the downloaded files stay)."""
    if entry.data.get(CONF_KIND) == ServiceKind.DOWNLOADER:
        await async_remove_downloader_data(hass, entry)


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: MedianestConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let the user delete the device of an item that no longer exists in the service."""
    if (DOMAIN, entry.entry_id) in device.identifiers:
        return False
    items = entry.runtime_data.spec.items
    if items is None:
        return True
    data = entry.runtime_data.coordinator.data
    current = {(DOMAIN, items.identifier(entry.entry_id, i)) for i in items.ids_fn(data)}
    return not device.identifiers & current
