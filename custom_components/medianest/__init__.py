"""MediaNest: a home media stack in Home Assistant."""

from __future__ import annotations

import re

from homeassistant.const import CONF_URL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr, entity_registry as er
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import slugify

from .api.redact import split_credentials
from .apps import SERVICES, spec_of
from .const import CONF_KIND, CONF_PROXY_PASSWORD, CONF_PROXY_USERNAME, DOMAIN, ServiceKind
from .core.entity import async_remove_stale_item_devices, service_device_info
from .core.poster import PosterView, async_forget_posters
from .core.spec import MedianestConfigEntry, MedianestRuntimeData
from .dashboard import async_entries_changed, async_setup_dashboard
from .services import async_setup_services
from .voice import async_setup_voice, async_update_sentences

__all__ = ["MedianestConfigEntry", "MedianestRuntimeData"]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
# "user:password@" in a text (an entry title made from a URL).
_USERINFO = re.compile(r"[^\s/@()]+@")


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register what each service offers once for all entries: its actions, its views."""
    async_setup_services(hass)
    hass.http.register_view(PosterView())
    await async_setup_dashboard(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> bool:
    """Connect to one service and set up its entities."""
    spec = SERVICES[ServiceKind(entry.data[CONF_KIND])]
    if spec.prepare_entry is not None:
        spec.prepare_entry(hass, entry)
    session = spec.client_session(hass, entry.data.get(CONF_VERIFY_SSL, True))
    client = spec.client(session, entry.data)
    coordinator = spec.create_coordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = MedianestRuntimeData(spec=spec, client=client, coordinator=coordinator)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, **service_device_info(coordinator)
    )
    entry.runtime_data.device_id = device.id
    await hass.config_entries.async_forward_entry_setups(entry, spec.all_platforms)
    async_remove_stale_item_devices(coordinator)
    if spec.on_setup is not None:
        spec.on_setup(hass, entry)
    coordinator.async_start()
    coordinator.async_read_deferred()
    await async_setup_voice(hass)
    async_update_sentences(hass, adding=entry)
    async_entries_changed(hass)
    # No update listener: reauth and reconfigure reload the entry themselves, and the options
    # flow applies changed options to the running entry (`async_apply_options` of its coordinator).
    return True


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
            if (
                (spec := spec_of(data.get(CONF_KIND))) is not None
                and spec.proxy_auth
                and CONF_PROXY_USERNAME not in data
            ):
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
    unloaded = await hass.config_entries.async_unload_platforms(entry, entry.runtime_data.spec.all_platforms)
    if unloaded:
        async_forget_posters(hass, entry.entry_id)
        async_update_sentences(hass, removing=entry)
        async_entries_changed(hass)
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: MedianestConfigEntry) -> None:
    """Forget what a removed entry stored (the downloaded files stay)."""
    spec = spec_of(entry.data.get(CONF_KIND))
    if spec is not None and spec.async_remove_entry is not None:
        await spec.async_remove_entry(hass, entry)


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
