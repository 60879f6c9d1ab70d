"""MediaNest's intents: what Assist's sentences and LLM agents can ask of the media stack."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, override

import probatio as vol

from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.util import dt as dt_util

from ..api import MedianestApiError
from ..api.uptime_kuma import MonitorStatus
from ..const import DOMAIN, ServiceKind
from .language import phrase, responses
from .whereis import Place, plain

if TYPE_CHECKING:
    from ..core.spec import MedianestConfigEntry

INTENT_ADD_MEDIA = "MedianestAddMedia"
INTENT_STACK_STATUS = "MedianestStackStatus"
INTENT_DOWNLOADS = "MedianestDownloads"
INTENT_REQUESTS = "MedianestRequests"
INTENT_VIDEO = "MedianestVideoDownload"
INTENT_PLEX = "MedianestPlex"
INTENT_WHERE_IS = "MedianestWhereIs"
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
#: how many downloads an answer names
SPOKEN_DOWNLOADS = 5
#: the services whose reachability is asked about (the downloader runs in Home Assistant)
STACK_KINDS = tuple(k for k in ServiceKind if k is not ServiceKind.DOWNLOADER)
_KIND_OF_GROUP = {"movie": ServiceKind.RADARR, "series": ServiceKind.SONARR}


def _say(intent_obj: intent.Intent, key: str, **values: Any) -> intent.IntentResponse:
    return _speak(intent_obj, phrase(intent_obj.hass, key, **values))


def _speak(intent_obj: intent.Intent, speech: str) -> intent.IntentResponse:
    response = intent_obj.create_response()
    response.async_set_speech(speech)
    return response


def _value(slots: dict[str, Any], name: str) -> Any:
    """A slot's value; None when it was not given."""
    return slots.get(name, {}).get("value")


def _group(intent_obj: intent.Intent) -> Any:
    """Which of an intent's sentence groups was said ("add the movie ...": movie); not for LLMs."""
    return _value(intent_obj.slots, "group")


def _entries(hass: HomeAssistant, kinds: tuple[ServiceKind, ...]) -> list[MedianestConfigEntry]:
    return [e for e in hass.config_entries.async_loaded_entries(DOMAIN) if e.runtime_data.kind in kinds]


def _named(entries: list[MedianestConfigEntry], name: str | None) -> list[MedianestConfigEntry]:
    """The entries a spoken name means: its title, or every entry of a service named."""
    if not name:
        return entries
    wanted = name.casefold().removeprefix("the ").strip()
    by_title = [e for e in entries if e.title.casefold() == wanted]
    if by_title:
        return by_title
    by_kind = [e for e in entries if e.runtime_data.spec.manufacturer.casefold() == wanted]
    return by_kind or [e for e in entries if wanted in e.title.casefold()]


class AddMediaIntent(intent.IntentHandler):
    """Add a movie to Radarr or a series to Sonarr, with the entry's defaults, and search."""

    intent_type = INTENT_ADD_MEDIA
    description = (
        "Adds a movie (to Radarr) or a TV series (to Sonarr) by its title, with the entry's "
        "default quality profile and root folder, and starts searching for it. "
        "Say which with media_type; name the Sonarr or Radarr entry when there are several."
    )

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        return {
            vol.Required("title"): cv.string,
            vol.Optional("media_type"): vol.In(["movie", "series"]),
            vol.Optional("service"): cv.string,
        }

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        slots = self.async_validate_slots(intent_obj.slots)
        title = str(slots["title"]["value"])
        service = _value(slots, "service")
        media_type = _value(slots, "media_type") or _group(intent_obj)
        hass = intent_obj.hass
        kinds: tuple[ServiceKind, ...] = (
            (_KIND_OF_GROUP[media_type],)
            if media_type in _KIND_OF_GROUP
            else (ServiceKind.SONARR, ServiceKind.RADARR)
        )
        candidates = _named(_entries(hass, kinds), service)
        kind_word = "kind_movie" if kinds == (ServiceKind.RADARR,) else "kind_series"
        words = responses(hass)
        if not candidates:
            if service:
                return _say(intent_obj, "service_unknown", service=service)
            return _say(intent_obj, "no_service", kind=words.get(kind_word, kind_word))
        if len(candidates) > 1:
            return _say(intent_obj, "several_services", services=", ".join(e.title for e in candidates))
        entry = candidates[0]
        is_movie = entry.runtime_data.kind is ServiceKind.RADARR
        kind_word = "kind_movie" if is_movie else "kind_series"
        try:
            added = await hass.services.async_call(
                DOMAIN,
                "add_movie" if is_movie else "add_series",
                {ATTR_DEVICE_ID: entry.runtime_data.device_id, "term": title},
                blocking=True,
                context=intent_obj.context,
                return_response=True,
            )
        except ServiceValidationError as err:  # already there, and the like: its own message
            if err.translation_key == "no_match":
                return _say(intent_obj, "not_found", kind=words.get(kind_word), title=title)
            return _say(intent_obj, "as_is", message=str(err).rstrip("."))
        except HomeAssistantError as err:
            return _say(intent_obj, "failed", error=str(err))
        result = dict(added or {})
        key = "added" if result.get("search_started") else "added_no_search"
        if not result.get("year"):
            key = "added_no_year"
        return _say(
            intent_obj, key, title=result.get("title", title), year=result.get("year"), service=entry.title
        )


class StackStatusIntent(intent.IntentHandler):
    """Whether the services of the media stack answer, and which Uptime Kuma monitors are down."""

    intent_type = INTENT_STACK_STATUS
    description = (
        "Tells whether the media services (Plex, Seerr, Sonarr, Radarr, Prowlarr, qBittorrent, "
        "Uptime Kuma) are reachable, and which Uptime Kuma monitors are down. "
        "Give service to ask about one."
    )

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        return {vol.Optional("service"): cv.string}

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        slots = self.async_validate_slots(intent_obj.slots)
        service = _value(slots, "service")
        hass = intent_obj.hass
        entries = _entries(hass, STACK_KINDS)
        if service:
            named = _named(entries, service)
            if not named:
                return _say(intent_obj, "service_unknown", service=service)
            down = [e.title for e in named if not e.runtime_data.coordinator.last_update_success]
            if not down:
                return _say(intent_obj, "service_up", service=" and ".join(e.title for e in named))
            return _say(intent_obj, "service_down", service=" and ".join(down))
        down = [e.title for e in entries if not e.runtime_data.coordinator.last_update_success]
        monitors = [
            monitor.name
            for e in entries
            if e.runtime_data.kind is ServiceKind.UPTIME_KUMA
            and e.runtime_data.coordinator.last_update_success
            for monitor in e.runtime_data.coordinator.data.monitors.values()
            if monitor.reported and monitor.status == MonitorStatus.DOWN
        ]
        if not down and not monitors:
            return _say(intent_obj, "all_up", count=len(entries))
        parts = []
        if down:
            parts.append(phrase(hass, "some_down", down=" and ".join(down)))
        if monitors:
            parts.append(phrase(hass, "monitors_down", monitors=", ".join(sorted(monitors))))
        return _speak(intent_obj, " ".join(parts))


def _time_left(words: dict[str, str], seconds: float | None) -> str | None:
    if seconds is None:
        return None
    minutes = round(seconds / 60)
    if minutes < 1:
        return words["less_than_a_minute"]
    if minutes < 90:
        return words["about_minutes"].format(count=minutes) if minutes > 1 else words["about_a_minute"]
    return words["about_hours"].format(count=round(minutes / 60))


class DownloadsIntent(intent.IntentHandler):
    """What is downloading across Sonarr's and Radarr's queues, qBittorrent and the downloader."""

    intent_type = INTENT_DOWNLOADS
    description = (
        "Tells what is downloading now across Sonarr's and Radarr's queues, qBittorrent and "
        "MediaNest's downloader, with progress and time left, soonest done first. "
        "Give title to ask about one download."
    )

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        return {vol.Optional("title"): cv.string}

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        from .downloads import async_active_downloads  # noqa: PLC0415 - it imports the apps

        slots = self.async_validate_slots(intent_obj.slots)
        wanted = _value(slots, "title")
        words = responses(intent_obj.hass)
        downloads, failed = await async_active_downloads(intent_obj.hass)
        if wanted:
            key = str(wanted).casefold()
            downloads = [d for d in downloads if key in d.title.casefold().replace(".", " ")]
            if not downloads:
                return _say(intent_obj, "not_downloading", title=wanted)
        parts = []
        for download in downloads[:SPOKEN_DOWNLOADS]:
            # A release name reads better without its dots ("Dune.2021.2160p" -> "Dune 2021 2160p").
            text = download.title.replace(".", " ") if " " not in download.title else download.title
            if download.progress is not None:
                text += ", " + words["percent"].format(value=round(download.progress))
            if (left := _time_left(words, download.seconds_left)) is not None:
                text += ", " + left
            parts.append(text)
        if not downloads:
            speech = words["nothing_downloading"]
        else:
            count = len(downloads)
            speech = (words["one_download"] if count == 1 else words["downloads"].format(count=count)) + " "
            speech += "; ".join(parts)
            if count > SPOKEN_DOWNLOADS:
                speech += words["and_more"].format(count=count - SPOKEN_DOWNLOADS)
            speech += "."
        if failed:
            speech += " " + words["could_not_read"].format(services=" and ".join(failed))
        return _speak(intent_obj, speech)


class RequestsIntent(intent.IntentHandler):
    """Seerr's media requests: what waits for approval, approve or decline one, request a title."""

    intent_type = INTENT_REQUESTS
    description = (
        "Seerr's media requests. action 'pending' tells how many wait for approval and names them; "
        "'approve' or 'decline' decides the pending request for a title (administrators only); "
        "'request' asks Seerr for a movie or series by title."
    )

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        return {
            vol.Optional("action"): vol.In(["pending", "approve", "decline", "request"]),
            vol.Optional("title"): cv.string,
        }

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        slots = self.async_validate_slots(intent_obj.slots)
        action = _value(slots, "action") or _group(intent_obj) or "pending"
        title = _value(slots, "title")
        hass = intent_obj.hass
        words = responses(hass)
        seerrs = _entries(hass, (ServiceKind.SEERR,))
        if not seerrs:
            return _say(intent_obj, "no_service", kind="Seerr")
        if len(seerrs) > 1:
            return _say(intent_obj, "several_services", services=", ".join(e.title for e in seerrs))
        device = {ATTR_DEVICE_ID: seerrs[0].runtime_data.device_id}

        async def call(name: str, data: dict[str, Any]) -> dict[str, Any]:
            answer = await hass.services.async_call(
                DOMAIN, name, device | data, blocking=True, context=intent_obj.context, return_response=True
            )
            return dict(answer or {})

        try:
            if action == "request" and title:
                made = await call("request_media", {"query": title})
                return _say(intent_obj, "requested", title=made.get("title") or title, year=made.get("year"))
            waiting = (await call("get_requests", {"status": "pending", "max_items": 20}))["requests"]
            if action in ("approve", "decline") and title:
                # The title as said, not a part of it: "approve Dune" must not approve "Dune: Part Two".
                wanted = plain(str(title))
                match = next((r for r in waiting if r.get("title") and plain(r["title"]) == wanted), None)
                if match is None:
                    return _say(intent_obj, "no_pending_request", title=title)
                await call(f"{action}_request", {"request_id": match["id"]})
                return _say(intent_obj, f"{action}d", title=match["title"], user=match.get("requested_by"))
        except Unauthorized:
            return _say(intent_obj, "admins_only")
        except ServiceValidationError as err:
            if err.translation_key == "no_match":
                return _say(intent_obj, "not_found", kind=words.get("kind_title"), title=title)
            return _say(intent_obj, "as_is", message=str(err).rstrip("."))
        except HomeAssistantError as err:
            return _say(intent_obj, "failed", error=str(err))
        if not waiting:
            return _say(intent_obj, "no_requests_waiting")
        named = [
            words["request_by"].format(title=r.get("title") or "?", user=r["requested_by"])
            if r.get("requested_by")
            else (r.get("title") or "?")
            for r in waiting[:SPOKEN_DOWNLOADS]
        ]
        key = "one_request_waiting" if len(waiting) == 1 else "requests_waiting"
        return _say(intent_obj, key, count=len(waiting), requests="; ".join(named))


class VideoDownloadIntent(intent.IntentHandler):
    """MediaNest's own downloader (yt-dlp): download a web page's video, or cancel a download."""

    intent_type = INTENT_VIDEO
    description = (
        "MediaNest's video downloader (yt-dlp). action 'queue' downloads the video of a web "
        "address (url) with the entry's defaults; 'cancel' cancels the download with a title, "
        "or the only one running or waiting."
    )

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        return {
            vol.Optional("action"): vol.In(["queue", "cancel"]),
            vol.Optional("url"): cv.string,
            vol.Optional("title"): cv.string,
        }

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        from ..apps.downloader.coordinator import ACTIVE, FINISHED, DownloaderCoordinator  # noqa: PLC0415

        slots = self.async_validate_slots(intent_obj.slots)
        action = _value(slots, "action") or _group(intent_obj) or "queue"
        hass = intent_obj.hass
        downloaders = _entries(hass, (ServiceKind.DOWNLOADER,))
        if not downloaders:
            return _say(intent_obj, "no_service", kind="downloader")
        entry = downloaders[0]  # the first: several downloaders differ only by folder
        coordinator = entry.runtime_data.coordinator
        assert isinstance(coordinator, DownloaderCoordinator)
        try:
            if action == "cancel":
                pending = [d for d in coordinator.downloads() if d.status not in FINISHED]
                if title := _value(slots, "title"):
                    pending = [d for d in pending if plain(d.title) == plain(str(title))]
                if not pending:
                    return _say(intent_obj, "nothing_to_cancel")
                running = [d for d in pending if d.status in ACTIVE]
                if len(pending) > 1 and len(running) == 1:
                    pending = running  # "cancel the download": the one downloading now
                if len(pending) > 1:
                    return _say(intent_obj, "several_services", services=", ".join(d.title for d in pending))
                await hass.services.async_call(
                    DOMAIN,
                    "cancel_download",
                    {ATTR_DEVICE_ID: entry.runtime_data.device_id, "download_id": pending[0].id},
                    blocking=True,
                    context=intent_obj.context,
                )
                return _say(intent_obj, "cancelled", title=pending[0].title)
            url = str(_value(slots, "url") or "").strip().strip("<>")
            if "://" not in url and (found := _URL.search(intent_obj.text_input or "")):
                url = found.group(0)  # a sentence's words lose the address's punctuation
            if "://" not in url:
                return _say(intent_obj, "not_an_address")
            queued = await hass.services.async_call(
                DOMAIN,
                "queue_download",
                {ATTR_DEVICE_ID: entry.runtime_data.device_id, "url": url},
                blocking=True,
                context=intent_obj.context,
                return_response=True,
            )
        except HomeAssistantError as err:
            # The downloader's own message carries yt-dlp's whole error: too long to be spoken.
            if (short := f"spoken_{err.translation_key}") in responses(hass):
                return _say(intent_obj, short)
            return _say(intent_obj, "as_is", message=str(err).rstrip("."))
        result = dict(queued or {})
        position = result.get("position")
        key = "queued_next" if isinstance(position, int) and position > 1 else "queued"
        return _say(intent_obj, key, title=result.get("title") or url, position=position)


class PlexIntent(intent.IntentHandler):
    """Plex: what is playing and who watches, and what was added today."""

    intent_type = INTENT_PLEX
    description = (
        "Plex: question 'playing' tells who watches what on which player; 'added' tells what "
        "was added to Plex's libraries today."
    )

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        return {vol.Optional("question"): vol.In(["playing", "added"])}

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        from ..apps.plex.coordinator import PlexCoordinator  # noqa: PLC0415

        slots = self.async_validate_slots(intent_obj.slots)
        question = _value(slots, "question") or _group(intent_obj)
        hass = intent_obj.hass
        words = responses(hass)
        plexes = _entries(hass, (ServiceKind.PLEX,))
        if not plexes:
            return _say(intent_obj, "no_service", kind="Plex")
        parts: list[str] = []
        today = dt_util.start_of_local_day()
        try:
            for entry in plexes:
                coordinator = entry.runtime_data.coordinator
                assert isinstance(coordinator, PlexCoordinator)
                if question == "added":
                    items = await coordinator.client.recently_added(20)
                    parts += [
                        f"{item.show}, {item.title}" if item.show else item.title
                        for item in items
                        if item.added_at is not None and item.added_at >= today
                    ]
                else:
                    parts += [
                        words["playing_one"].format(
                            user=s.user or words["someone"], title=s.title or "?", player=s.player or "?"
                        )
                        for s in await coordinator.client.playing()
                    ]
        except MedianestApiError as err:
            return _say(intent_obj, "failed", error=str(err))
        if question == "added":
            if not parts:
                return _say(intent_obj, "nothing_added")
            return _say(
                intent_obj, "added_today", count=len(parts), items="; ".join(parts[:SPOKEN_DOWNLOADS])
            )
        if not parts:
            return _say(intent_obj, "nothing_playing")
        return _say(intent_obj, "playing", count=len(parts), sessions="; ".join(parts[:SPOKEN_DOWNLOADS]))


def _place(words: dict[str, str], place: Place) -> str:
    """What one service says of a title, as a part of a sentence."""
    details = place.details
    if place.state == "downloading":
        text = words["where_downloading"].format(service=place.service)
        if details.get("progress") is not None:
            text += ", " + words["percent"].format(value=round(details["progress"]))
        if (left := _time_left(words, details.get("seconds_left"))) is not None:
            text += ", " + left
        return text
    if place.state == "partly":
        return words["where_partly"].format(
            service=place.service, files=details["files"], episodes=details["episodes"]
        )
    key = f"where_{place.kind.value}_{place.state}"
    if key not in words:
        key = f"where_{place.state}"
    return words.get(key, "{service}: {state}").format(
        service=place.service, state=place.state, library=details.get("library")
    )


class WhereIsIntent(intent.IntentHandler):
    """Where one movie or series is across the stack, from request to Plex."""

    intent_type = INTENT_WHERE_IS
    description = (
        "Follows one movie or series by its title across the media stack: whether it is requested "
        "in Seerr (and approved), in Sonarr's or Radarr's library (monitored, downloaded), "
        "downloading (progress, time left), and available on Plex."
    )

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        return {vol.Required("title"): cv.string}

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        from .whereis import async_where_is  # noqa: PLC0415 - it imports the apps

        slots = self.async_validate_slots(intent_obj.slots)
        hass = intent_obj.hass
        words = responses(hass)
        found = await async_where_is(hass, str(slots["title"]["value"]))
        name = f"{found.title} ({found.year})" if found.year else found.title
        parts = [_place(words, place) for place in found.places]
        plexes = [e.title for e in _entries(hass, (ServiceKind.PLEX,))]
        on_plex = [p for p in found.places if p.kind is ServiceKind.PLEX]
        if _group(intent_obj) == "plex" and plexes:
            if on_plex:
                speech = words["yes_on_plex"].format(title=name, where=parts[found.places.index(on_plex[0])])
            else:
                speech = words["not_on_plex"].format(title=name, service=plexes[0])
                if parts:
                    speech += " " + words["it_is"].format(where="; ".join(parts))
        elif not parts:
            speech = words["nowhere"].format(title=found.title)
        else:
            if plexes and not on_plex:
                parts.append(words["where_not_on_plex"].format(service=plexes[0]))
            speech = f"{name}: " + "; ".join(parts) + "."
        if found.unavailable:
            speech += " " + words["could_not_read"].format(services=" and ".join(found.unavailable))
        return _speak(intent_obj, speech)


HANDLERS = (
    AddMediaIntent,
    StackStatusIntent,
    DownloadsIntent,
    RequestsIntent,
    VideoDownloadIntent,
    PlexIntent,
    WhereIsIntent,
)


@callback
def async_register_intents(hass: HomeAssistant) -> None:
    """Register MediaNest's intents (once)."""
    for handler in HANDLERS:
        intent.async_register(hass, handler())
