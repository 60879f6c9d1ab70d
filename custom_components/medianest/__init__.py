"""MediaNest: a home media stack in Home Assistant."""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_URL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr, entity_registry as er
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import slugify

from .api import HttpClient
from .api.redact import split_credentials
from .api.ytdlp import YtDlpRunner
from .apps.downloader.coordinator import DownloaderCoordinator, async_remove_downloader_data
from .apps.plex.poster import PlexPosterView
from .apps.seerr.coordinator import seerr_store
from .apps.seerr.webhook import async_register_webhook, new_webhook_data
from .apps.uptime_kuma.coordinator import UptimeKumaCoordinator
from .const import (
    CONF_KIND,
    CONF_PROXY_PASSWORD,
    CONF_PROXY_USERNAME,
    CONF_WEBHOOK_ID,
    DOMAIN,
    ServiceKind,
)
from .coordinator import MedianestCoordinator
from .entity import async_remove_stale_item_devices, service_device_info
from .kinds import KINDS, KindSpec, async_client_session, create_client
from .services import async_setup_services

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
# "user:password@" in a text (an entry title made from a URL).
_USERINFO = re.compile(r"[^\s/@()]+@")


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
    client = create_client(spec, session, entry.data)
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
    if isinstance(coordinator, UptimeKumaCoordinator):
        entry.async_on_unload(coordinator.async_delete_repairs)
    # No update listener: reauth and reconfigure reload the entry themselves, and the options
    # flow applies changed options to the running entry (see `async_apply_options`).
    return True


async def async_apply_options(entry: MedianestConfigEntry) -> None:
    """Apply an entry's changed options without reloading it.

    The upcoming window changes what the slow tier reads; a downloader may run more
    downloads at once. Reloading instead would stop running downloads.
    """
    coordinator = entry.runtime_data.coordinator
    if isinstance(coordinator, DownloaderCoordinator):
        coordinator.async_start()
    if isinstance(coordinator, UptimeKumaCoordinator):
        entry.async_on_unload(coordinator.async_delete_repairs)
        return
    coordinator.force_all_tiers()
    await coordinator.async_request_refresh()


async def async_migrate_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> bool:
    """Bring an entry of an earlier MediaNest up to date."""
    if entry.version > 1:
        return False  # from a newer MediaNest
    if entry.minor_version < 2:
        _migrate_url_credentials(hass, entry)
    return True


def _migrate_url_credentials(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """1.2: credentials typed into a URL move to the proxy fields, out of titles and entity ids."""
    data = dict(entry.data)
    title = entry.title
    if CONF_URL in data:
        url, user, password = split_credentials(str(data[CONF_URL]))
        if user or password:
            data[CONF_URL] = url
            if data.get(CONF_KIND) != ServiceKind.PLEX and CONF_PROXY_USERNAME not in data:
                data[CONF_PROXY_USERNAME] = user or ""
                data[CONF_PROXY_PASSWORD] = password or ""
            title = _USERINFO.sub("", title)
            old_slug, new_slug = slugify(entry.title), slugify(title)
            registry = er.async_get(hass)
            for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
                domain, _, object_id = entity.entity_id.partition(".")
                if old_slug != new_slug and object_id.startswith(old_slug):
                    new_id = f"{domain}.{new_slug}{object_id[len(old_slug) :]}"
                    if registry.async_is_registered(new_id):
                        new_id = registry.async_generate_entity_id(domain, new_id.partition(".")[2])
                    registry.async_update_entity(entity.entity_id, new_entity_id=new_id)
    hass.config_entries.async_update_entry(entry, data=data, title=title, minor_version=2)


async def async_unload_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> bool:
    """Unload an entry."""
    return await hass.config_entries.async_unload_platforms(entry, entry.runtime_data.spec.platforms)


async def async_remove_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Forget what a removed entry stored (the downloaded files stay)."""
    if entry.data.get(CONF_KIND) == ServiceKind.DOWNLOADER:
        await async_remove_downloader_data(hass, entry)
    if entry.data.get(CONF_KIND) == ServiceKind.SEERR:
        await seerr_store(hass, entry.entry_id).async_remove()


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: MedianestConfigEntry, device: dr.DeviceEntry
) -> bool:
    """Let the user delete the device of an item that no longer exists in the service."""
    if (DOMAIN, entry.entry_id) in device.identifiers:
        return False
    items = entry.runtime_data.spec.items
    if items is None:
        return True
    coordinator = entry.runtime_data.coordinator
    for item_id in items.ids_fn(coordinator.data):
        if (DOMAIN, items.identifier(entry.entry_id, item_id)) in device.identifiers:
            # Still known: removable only if the service no longer reports it (a Kuma
            # monitor paused or deleted), which the coordinator then forgets.
            return coordinator.forget_item(item_id)
    return True
