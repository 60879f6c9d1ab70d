"""What a service is to MediaNest: its spec, and what a loaded entry of it keeps.

Each service's package under `apps/` describes itself with a `ServiceSpec` (how its client
and coordinator are made, which entities it has, how its entries are checked and set up);
`apps/__init__.py` lists them. Nothing here names a service.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiohttp

from homeassistant.config_entries import ConfigEntry, OptionsFlow
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_create_clientsession, async_get_clientsession
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..api import HttpClient
from ..api.ytdlp import YtDlpRunner
from ..const import CONF_PROXY_PASSWORD, CONF_PROXY_USERNAME, ServiceKind

if TYPE_CHECKING:
    from .coordinator import MedianestCoordinator
    from .flow import ServiceFlow
    from .poster import PosterFetcher

type Client = HttpClient | YtDlpRunner
type CoordinatorFactory = Callable[[HomeAssistant, MedianestConfigEntry, Any], MedianestCoordinator[Any, Any]]
#: adds a service's own entities of one platform (the health entities are added for it)
type PlatformSetup = Callable[[MedianestConfigEntry, AddConfigEntryEntitiesCallback], None]


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemKind:
    """Things inside a service that get a device each (Prowlarr indexers, Kuma monitors).

    Their devices point to the service's device; they appear and disappear with the items.
    """

    key: str
    ids_fn: Callable[[Any], Iterable[int | str]]
    name_fn: Callable[[Any, Any], str]
    model_fn: Callable[[Any, Any], str | None] = lambda data, item_id: None
    #: the item's page in the service's web interface, from the service's address
    url_fn: Callable[[str, Any], str | None] = lambda base_url, item_id: None
    #: name the devices "<item> (<service>)": a monitor named "Sonarr" is not Sonarr's device
    name_with_service: bool = False

    def identifier(self, entry_id: str, item_id: int | str) -> str:
        """The device identifier of one item."""
        return f"{entry_id}_{self.key}_{item_id}"


@dataclass(frozen=True, kw_only=True, slots=True)
class ServiceSpec:
    """One service: how its entries are made, checked, set up and shown."""

    kind: ServiceKind
    #: the product, as people name it (device manufacturer and model, messages)
    manufacturer: str
    default_url: str = ""
    create_client: Callable[[aiohttp.ClientSession, Mapping[str, Any]], Client]
    create_coordinator: CoordinatorFactory
    #: the service's own entities per platform
    platforms: Mapping[Platform, PlatformSetup] = field(default_factory=dict)
    #: items inside the service that get a device each
    items: ItemKind | None = None
    #: what the Media dashboard shows of an entry, beyond its name and health (read when a
    #: dashboard is open, never by the polls); bounded lists of plain values
    dashboard: Callable[[MedianestConfigEntry], Awaitable[dict[str, Any]]] | None = None
    #: the section changes without the polls' data changing (a queue's or a session's
    #: progress): an open dashboard reads it again every few seconds
    dashboard_live: bool = False
    #: fetches a poster the dashboard shows (by the reference its section gave `poster_url`)
    poster: PosterFetcher | None = None
    #: the client keeps a session cookie: give it a session of its own without a cookie jar
    own_session: bool = False
    #: a service reached over the network (connectivity, response time and error rate)
    network: bool = True
    #: the entry may carry a reverse proxy's basic-authentication credentials
    proxy_auth: bool = True
    # --- the config flow (for services added with the shared URL-and-credentials form) ---
    #: checks a new or changed entry's connection; returns the entry's title
    validate: Callable[[HttpClient], Awaitable[str]] | None = None
    #: the credential fields of the add, reauth and reconfigure forms
    credential_fields: Callable[[], dict[Any, Any]] | None = None
    #: what a new entry keeps besides the form (a webhook's id and secret)
    new_entry_data: Callable[[], dict[str, Any]] = dict
    #: the step that asks for new credentials, and the one that changes the address
    reauth_step: str = "reauth_confirm"
    reconfigure_step: str | None = None
    # --- the entry's life ---
    #: brings an entry's data up to date before it is set up
    prepare_entry: Callable[[HomeAssistant, MedianestConfigEntry], None] | None = None
    #: starts what the entry needs beside its entities (a webhook), once they are set up
    on_setup: Callable[[HomeAssistant, MedianestConfigEntry], None] | None = None
    #: forgets what a removed entry stored
    async_remove_entry: Callable[[HomeAssistant, MedianestConfigEntry], Awaitable[None]] | None = None
    #: replaces the shared diagnostics
    diagnostics: Callable[[MedianestConfigEntry], dict[str, Any]] | None = None

    @property
    def all_platforms(self) -> tuple[Platform, ...]:
        """Every platform an entry of the service uses (health entities included)."""
        health = (Platform.BINARY_SENSOR, Platform.SENSOR) if self.network else ()
        return tuple(sorted({*self.platforms, *health}))

    def setup_platform(
        self,
        platform: Platform,
        entry: MedianestConfigEntry,
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        """Add the service's own entities of one platform, if it has any."""
        if (setup := self.platforms.get(platform)) is not None:
            setup(entry, async_add_entities)

    def client_session(
        self, hass: HomeAssistant, verify_ssl: bool, *, auto_cleanup: bool = True
    ) -> aiohttp.ClientSession:
        """The session a client of this service uses.

        Most share Home Assistant's session. A client that keeps a session cookie gets a
        session of its own without a cookie jar (sharing Home Assistant's connections);
        created during setup, it is detached when the entry unloads; with
        `auto_cleanup=False` the caller detaches it.
        """
        if self.own_session:
            return async_create_clientsession(
                hass, verify_ssl=verify_ssl, auto_cleanup=auto_cleanup, cookie_jar=aiohttp.DummyCookieJar()
            )
        return async_get_clientsession(hass, verify_ssl=verify_ssl)

    def client(self, session: aiohttp.ClientSession, data: Mapping[str, Any]) -> Client:
        """The entry's client, with the reverse proxy's credentials where the entry has them."""
        client = self.create_client(session, data)
        if isinstance(client, HttpClient):
            client.set_proxy_auth(data.get(CONF_PROXY_USERNAME), data.get(CONF_PROXY_PASSWORD))
        return client


@dataclass(frozen=True, kw_only=True, slots=True)
class App:
    """One package of `apps/`: its services, and what they add to the flow and the actions."""

    services: tuple[ServiceSpec, ...]
    #: the config flow steps (a `ServiceFlow` subclass the config flow inherits from)
    flow: type[ServiceFlow]
    #: the options flow of the package's entries
    options_flow: Callable[[], OptionsFlow] | None = None
    #: registers what the package offers once for all entries: its actions, its views
    setup: Callable[[HomeAssistant], None] | None = None


@dataclass(slots=True)
class MedianestRuntimeData:
    """What a loaded entry keeps."""

    spec: ServiceSpec
    client: Client
    coordinator: MedianestCoordinator[Any, Any]
    #: the registry id of the service's device (item devices point to it)
    device_id: str = ""

    @property
    def kind(self) -> ServiceKind:
        """The entry's service kind."""
        return self.spec.kind


type MedianestConfigEntry = ConfigEntry[MedianestRuntimeData]
