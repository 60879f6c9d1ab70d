"""Voice: MediaNest's sentences through Home Assistant's built-in conversation agent, and its
intents as an LLM agent sees them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.medianest.const import DOMAIN
from custom_components.medianest.voice.downloads import _seconds
from custom_components.medianest.voice.intents import _time_left
from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent, llm
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util

from .conftest import make_downloader_entry, make_entry, make_plex_entry, refresh, setup_entry
from .fakes.arr import FakeArr
from .fakes.base import Fault
from .fakes.plex import FakePlexServer
from .fakes.qbittorrent import FakeQbittorrent
from .fakes.seerr import FakeSeerr
from .fakes.uptime_kuma import FakeUptimeKuma
from .fakes.video_site import FakeVideoSite

pytestmark = pytest.mark.usefixtures("unload_entries")


@pytest.fixture
async def stack(
    hass: HomeAssistant, sonarr: FakeArr, radarr: FakeArr, kuma: FakeUptimeKuma
) -> dict[str, MockConfigEntry]:
    """Conversation first (as Home Assistant orders it), then Sonarr, Radarr and Kuma."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    return {
        "sonarr": await setup_entry(hass, make_entry(sonarr, quality_profile="1", root_folder="1")),
        "radarr": await setup_entry(hass, make_entry(radarr, quality_profile="1", root_folder="1")),
        "kuma": await setup_entry(hass, make_entry(kuma)),
    }


async def _say(hass: HomeAssistant, text: str, context: Context | None = None) -> str:
    result = await conversation.async_converse(hass, text, None, context or Context(), language="en")
    return str(result.response.speech["plain"]["speech"])


def _titles(server: FakeArr) -> set[str]:
    return {item["title"] for item in server.items.values()}


@pytest.mark.parametrize(
    "sentence",
    [
        "add the movie Arrival",
        "Add the film Arrival to Radarr",
        "get the movie arrival",
        "add Arrival to radarr",
    ],
)
async def test_add_a_movie(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], radarr: FakeArr, sentence: str
) -> None:
    assert "Arrival" not in _titles(radarr)
    assert await _say(hass, sentence) == "Added Arrival (2016) to Radarr and started searching."
    assert "Arrival" in _titles(radarr)
    # Said again: it is there already, and nothing is added twice.
    assert await _say(hass, sentence) == "Arrival is already in Radarr."
    assert sum(1 for title in (i["title"] for i in radarr.items.values()) if title == "Arrival") == 1


@pytest.mark.parametrize(
    "sentence", ["add the series Severance", "add the show severance to Sonarr", "add Severance to Sonarr"]
)
async def test_add_a_series(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], sonarr: FakeArr, sentence: str
) -> None:
    assert await _say(hass, sentence) == "Added Severance (2022) to Sonarr and started searching."
    assert "Severance" in _titles(sonarr)


async def test_nothing_found_is_said(hass: HomeAssistant, stack: dict[str, MockConfigEntry]) -> None:
    assert await _say(hass, "add the movie Zzyzx Qwerty") == "I found no movie called Zzyzx Qwerty."


async def test_several_radarrs_are_told_apart(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], radarr: FakeArr
) -> None:
    other = FakeArr("radarr", "other-key")
    await other.start()
    try:
        plain = make_entry(other, entry_id="radarr_4k", quality_profile="5", root_folder="1")
        uhd = MockConfigEntry(
            domain=DOMAIN,
            title="Radarr 4K",
            unique_id=plain.unique_id,
            data=plain.data,
            options=plain.options,
            entry_id=plain.entry_id,
        )
        await setup_entry(hass, uhd)
        assert await _say(hass, "add the movie Arrival") == "Which one: Radarr, Radarr 4K?"
        assert await _say(hass, "add the movie Arrival to the Radarr 4K") == (
            "Added Arrival (2016) to Radarr 4K and started searching."
        )
        assert "Arrival" in _titles(other)
        assert "Arrival" not in _titles(radarr)
    finally:
        await hass.config_entries.async_unload(uhd.entry_id)
        await other.stop()


@pytest.mark.parametrize("sentence", ["is Sonarr up", "is the sonarr running", "how is Sonarr"])
async def test_is_a_service_up(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], sonarr: FakeArr, sentence: str
) -> None:
    assert await _say(hass, sentence) == "Sonarr is up."
    sonarr.retry_after = 0
    await sonarr.set_fault(Fault.REFUSED)
    await refresh(hass, stack["sonarr"])
    assert await _say(hass, sentence) == "Sonarr is not reachable right now."


@pytest.mark.parametrize("sentence", ["is everything running", "what's down", "is anything down"])
async def test_what_is_down(
    hass: HomeAssistant,
    stack: dict[str, MockConfigEntry],
    kuma: FakeUptimeKuma,
    radarr: FakeArr,
    sentence: str,
) -> None:
    assert await _say(hass, sentence) == "Everything is running: 3 services."
    first = next(iter(kuma.monitors))
    kuma.set_status(first, 0)
    radarr.retry_after = 0
    await radarr.set_fault(Fault.REFUSED)
    await refresh(hass, stack["kuma"])
    await refresh(hass, stack["radarr"])
    name = kuma.monitors[first].name
    assert await _say(hass, sentence) == (f"Not reachable right now: Radarr. Down in Uptime Kuma: {name}.")


async def test_other_sentences_stay_home_assistants(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry]
) -> None:
    """A sentence that names no MediaNest service is not taken."""
    answer = await _say(hass, "is the dishwasher running")
    assert "Sonarr" not in answer
    assert "Everything" not in answer


async def test_sentences_follow_the_entries(hass: HomeAssistant, stack: dict[str, MockConfigEntry]) -> None:
    await hass.config_entries.async_unload(stack["sonarr"].entry_id)
    assert "Sonarr" not in await _say(hass, "is Sonarr up")


async def test_llm_agents_get_the_intents(hass: HomeAssistant, stack: dict[str, MockConfigEntry]) -> None:
    handlers = {h.intent_type: h for h in intent.async_get(hass)}
    assert {"MedianestAddMedia", "MedianestStackStatus"} <= set(handlers)
    api = await llm.async_get_api(
        hass,
        llm.LLM_API_ASSIST,
        llm.LLMContext(
            platform="test", context=Context(), language="en", assistant="conversation", device_id=None
        ),
    )
    tools = {tool.name: tool for tool in api.tools}
    add = tools["medianest__MedianestAddMedia"]
    assert "Radarr" in add.description
    assert "Sonarr" in add.description
    assert {str(k) for k in add.parameters.schema} >= {"title", "media_type", "service"}
    assert "Uptime Kuma" in tools["medianest__MedianestStackStatus"].description


@pytest.fixture
async def downloads_stack(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], qbittorrent: FakeQbittorrent
) -> dict[str, MockConfigEntry]:
    """The stack and qBittorrent."""
    return stack | {"qbittorrent": await setup_entry(hass, make_entry(qbittorrent))}


@pytest.mark.parametrize(
    "sentence", ["what's downloading", "is anything downloading", "show me the downloads"]
)
async def test_what_is_downloading(
    hass: HomeAssistant,
    downloads_stack: dict[str, MockConfigEntry],
    sonarr: FakeArr,
    radarr: FakeArr,
    qbittorrent: FakeQbittorrent,
    sentence: str,
) -> None:
    answer = await _say(hass, sentence)
    queued = [e["title"].replace(".", " ") for e in sonarr.queue + radarr.queue]
    torrents = [t["name"] for t in qbittorrent.torrents.values() if t["state"] == "downloading"]
    count = len(queued) + len(torrents)
    assert answer.startswith(f"{count} downloads: ")
    # The soonest done first, each with its progress and time left; five named at most.
    named = answer.removeprefix(f"{count} downloads: ").split("; ")
    assert len(named) == min(count, 5) + (count > 5)
    assert all(" %, " in part for part in named[:2])
    assert any(title in answer for title in queued)


async def test_how_long_until_one_is_downloaded(
    hass: HomeAssistant, downloads_stack: dict[str, MockConfigEntry], radarr: FakeArr
) -> None:
    title = radarr.items[radarr.queue[0]["_item"]]["title"]
    answer = await _say(hass, f"how long until {title} is downloaded")
    assert answer.startswith(f"1 download: {radarr.queue[0]['title'].replace('.', ' ')}, ")
    assert " %, about " in answer
    assert await _say(hass, "is Zzyzx done downloading") == "Zzyzx is not downloading."


@pytest.fixture
async def seerr_stack(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], seerr: FakeSeerr
) -> MockConfigEntry:
    """The stack and Seerr."""
    return await setup_entry(hass, make_entry(seerr))


def _pending(seerr: FakeSeerr) -> list[int]:
    return [r["id"] for r in seerr.requests_by_id.values() if r["status"] == 1]


@pytest.mark.parametrize(
    "sentence",
    ["how many requests are pending", "what's waiting for approval", "are there any pending requests"],
)
async def test_pending_requests(
    hass: HomeAssistant, seerr_stack: MockConfigEntry, seerr: FakeSeerr, sentence: str
) -> None:
    assert await _say(hass, sentence) == (
        "2 requests are waiting for approval: Dune: Part Two for Noah; Dune for Emma."
    )


@pytest.mark.parametrize(
    ("sentence", "status", "answer"),
    [
        ("approve the request for Dune", 2, "Approved the request for Dune."),
        ("approve dune", 2, "Approved the request for Dune."),
        ("decline the request for Dune", 3, "Declined the request for Dune."),
        ("reject Dune", 3, "Declined the request for Dune."),
    ],
)
async def test_approve_and_decline(
    hass: HomeAssistant,
    seerr_stack: MockConfigEntry,
    seerr: FakeSeerr,
    sentence: str,
    status: int,
    answer: str,
) -> None:
    dune = next(r for r in seerr.requests_by_id.values() if r["media"]["tmdbId"] == 438631)
    assert await _say(hass, sentence) == answer
    assert dune["status"] == status
    # Said again: nothing is pending for Dune, and "Dune: Part Two" is not taken for it.
    assert (await _say(hass, sentence)).casefold() == "no request for dune is waiting for approval."
    assert next(r for r in seerr.requests_by_id.values() if r["media"]["tmdbId"] == 693134)["status"] == 1


async def test_only_administrators_decide(
    hass: HomeAssistant, seerr_stack: MockConfigEntry, seerr: FakeSeerr, hass_read_only_user: MockUser
) -> None:
    before = _pending(seerr)
    answer = await _say(hass, "approve the request for Dune", Context(user_id=hass_read_only_user.id))
    assert answer == "Only an administrator can decide on requests."
    assert _pending(seerr) == before


@pytest.mark.parametrize("sentence", ["request the show The Bear", "request the bear"])
async def test_request_a_title(
    hass: HomeAssistant, seerr_stack: MockConfigEntry, seerr: FakeSeerr, sentence: str
) -> None:
    assert await _say(hass, sentence) == "Requested The Bear."
    assert any(r["media"]["tmdbId"] == 136315 for r in seerr.requests_by_id.values())
    assert "already" in await _say(hass, sentence)


def test_times_as_said() -> None:
    words = {
        "less_than_a_minute": "less than a minute",
        "about_a_minute": "about a minute",
        "about_minutes": "about {count} minutes",
        "about_hours": "about {count} hours",
    }
    assert [_time_left(words, s) for s in (None, 20, 70, 600, 4 * 3600)] == [
        None,
        "less than a minute",
        "about a minute",
        "about 10 minutes",
        "about 4 hours",
    ]
    assert [_seconds(t) for t in ("00:10:00", "1.02:03:04", None, "soon")] == [600, 93784, None, None]


async def test_a_queue_that_cannot_be_read_is_said(
    hass: HomeAssistant, downloads_stack: dict[str, MockConfigEntry], sonarr: FakeArr, radarr: FakeArr
) -> None:
    sonarr.retry_after = radarr.retry_after = 0
    await sonarr.set_fault(Fault.REFUSED)
    await radarr.set_fault(Fault.REFUSED)
    answer = await _say(hass, "what's downloading")
    assert answer.endswith(" Sonarr and Radarr could not be asked.")


async def test_requests_without_seerr(hass: HomeAssistant, stack: dict[str, MockConfigEntry]) -> None:
    assert (
        await _say(hass, "how many requests are pending") == "There is no Seerr service set up in MediaNest."
    )


async def test_request_errors_are_said(
    hass: HomeAssistant, seerr_stack: MockConfigEntry, seerr: FakeSeerr
) -> None:
    assert await _say(hass, "request the movie Nothing Like It") == "I found no title called Nothing Like It."
    seerr.retry_after = 0
    await seerr.set_fault(Fault.SERVER_ERROR)
    assert (await _say(hass, "what's waiting for approval")).startswith("That did not work: ")
    await seerr.set_fault(Fault.NONE)
    for request_id in _pending(seerr):
        seerr.set_request_status(request_id, 2)
    assert await _say(hass, "what's waiting for approval") == "No request is waiting for approval."


async def test_download_a_page_and_cancel(
    hass: HomeAssistant,
    stack: dict[str, MockConfigEntry],
    video_site: FakeVideoSite,
    download_folder: Path,
    radarr: FakeArr,
) -> None:
    video_site.rate = 20_000  # slow enough to cancel
    await setup_entry(hass, make_downloader_entry(download_folder))
    url = video_site.watch_url("sample")
    assert await _say(hass, "download the page") == (
        "Give me the address of the page to download, starting with https://."
    )
    answer = await _say(hass, f"download {url}")
    assert answer.startswith("Downloading ")
    title = answer.removeprefix("Downloading ").removesuffix(".")
    assert await _say(hass, f"download the video at {url}") == f"Queued {title}: number 2 in line."
    # Two of the same title: the one downloading now is the one meant.
    assert await _say(hass, f"cancel the download of {title}") == f"Cancelled the download of {title}."
    downloads = stack_downloads(hass)
    assert sorted(d.status.value for d in downloads) in (
        ["cancelled", "queued"],
        ["cancelled", "downloading"],
    )
    # "download the movie ..." stays Radarr's.
    assert (
        await _say(hass, "download the movie Arrival")
        == "Added Arrival (2016) to Radarr and started searching."
    )


def stack_downloads(hass: HomeAssistant) -> list[Any]:
    """The downloader's downloads."""
    (entry,) = [e for e in hass.config_entries.async_loaded_entries(DOMAIN) if e.title == "Downloads"]
    return list(entry.runtime_data.coordinator.downloads())


async def test_cancel_the_only_download(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], video_site: FakeVideoSite, download_folder: Path
) -> None:
    video_site.rate = 20_000
    entry = await setup_entry(hass, make_downloader_entry(download_folder))
    assert await _say(hass, "cancel the download") == "No download to cancel."
    answer = await _say(hass, f"download {video_site.watch_url('sample')}")
    title = answer.removeprefix("Downloading ").removesuffix(".")
    assert await _say(hass, "stop the download") == f"Cancelled the download of {title}."
    coordinator = entry.runtime_data.coordinator
    await hass.async_block_till_done()
    assert [d.status.value for d in coordinator.downloads()] == ["cancelled"]


@pytest.mark.parametrize("sentence", ["what's playing", "who is watching", "is anyone watching Plex"])
async def test_whats_playing(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], plex: FakePlexServer, sentence: str
) -> None:
    await setup_entry(hass, make_plex_entry(plex))
    assert await _say(hass, sentence) == "Nothing is playing on Plex."
    movie = plex.sections["1"].items[0]
    plex.play(movie, user="alice")
    assert await _say(hass, sentence) == f"1 playing: alice watches {movie['title']} on Living Room."


@pytest.mark.parametrize("sentence", ["what was added to Plex today", "what's new on Plex"])
async def test_added_to_plex_today(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], plex: FakePlexServer, sentence: str
) -> None:
    await setup_entry(hass, make_plex_entry(plex))
    assert await _say(hass, sentence) == "Nothing was added to Plex today."
    plex._now = int(dt_util.start_of_local_day().timestamp())  # the next item is added today
    plex.add_movie("1", "Arrival", year=2016)
    assert await _say(hass, sentence) == "1 added to Plex today: Arrival."


async def test_the_same_answer_as_an_action(
    hass: HomeAssistant, downloads_stack: dict[str, MockConfigEntry], sonarr: FakeArr, radarr: FakeArr
) -> None:
    """`medianest.get_active_downloads`: what "what's downloading" says, for automations and dashboards."""
    answer = await hass.services.async_call(
        DOMAIN, "get_active_downloads", {}, blocking=True, return_response=True
    )
    assert answer["unavailable"] == []
    downloads = answer["downloads"]
    assert {d["service"] for d in downloads} == {"Sonarr", "Radarr", "qBittorrent"}
    lefts = [d["seconds_left"] for d in downloads if d["seconds_left"] is not None]
    assert lefts == sorted(lefts)
    assert {e["title"] for e in sonarr.queue + radarr.queue} <= {d["title"] for d in downloads}


@pytest.fixture
async def whole_stack(
    hass: HomeAssistant,
    downloads_stack: dict[str, MockConfigEntry],
    seerr: FakeSeerr,
    plex: FakePlexServer,
) -> dict[str, MockConfigEntry]:
    """Every service that can say where a title is."""
    return downloads_stack | {
        "seerr": await setup_entry(hass, make_entry(seerr)),
        "plex": await setup_entry(hass, make_plex_entry(plex)),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "where is the movie Dune",
        "where's Dune in the media stack",
        "what's the status of the film dune",
        "what is happening with the movie Dune",
    ],
)
async def test_where_is_a_title(
    hass: HomeAssistant,
    whole_stack: dict[str, MockConfigEntry],
    radarr: FakeArr,
    plex: FakePlexServer,
    qbittorrent: FakeQbittorrent,
    sentence: str,
) -> None:
    """One title followed from its request in Seerr through Radarr and the download to Plex."""
    name = plex.friendly_name
    assert await _say(hass, sentence) == (
        f"Dune (2021): requested in Seerr, waiting for approval; not on {name} yet."
    )
    assert await _say(hass, "add the movie Dune") == "Added Dune (2021) to Radarr and started searching."
    answer = await _say(hass, sentence)
    assert answer.startswith(
        "Dune (2021): requested in Seerr, waiting for approval; in Radarr, monitored, not downloaded yet; "
        "downloading in Radarr, "
    )
    assert answer.endswith(f"; not on {name} yet.")
    # A torrent of another Dune is not this one; one of this Dune that Radarr did not grab is.
    qbittorrent.add("f" * 40, "Dune.Part.Two.2024.2160p.WEB-DL", 10**9, progress=0.5)
    qbittorrent.add("e" * 40, "Dune.2021.2160p.UHD.BluRay", 10**9, progress=0.25)
    await refresh(hass, whole_stack["qbittorrent"])
    answer = await _say(hass, sentence)
    assert "downloading in qBittorrent, 25 %" in answer
    assert "50 %" not in answer
    radarr.advance(3600 * 24)
    radarr._queue_view()  # the download is done, and Radarr imports it
    plex.add_movie("1", "Dune", year=2021)
    answer = await _say(hass, sentence)
    assert "in Radarr and downloaded" in answer
    assert f"on {name} in Movies" in answer


@pytest.mark.parametrize(
    "sentence", ["is Dune on Plex yet", "can I watch Dune on Plex", "is dune available on plex"]
)
async def test_is_it_on_plex(
    hass: HomeAssistant, whole_stack: dict[str, MockConfigEntry], plex: FakePlexServer, sentence: str
) -> None:
    name = plex.friendly_name
    assert await _say(hass, sentence) == (
        f"No, Dune (2021) is not on {name} yet. It is requested in Seerr, waiting for approval."
    )
    plex.add_movie("1", "Dune", year=2021)
    assert await _say(hass, sentence) == f"Yes, Dune (2021) is on {name} in Movies."


async def test_where_is_nothing_and_where_is_a_person(
    hass: HomeAssistant, whole_stack: dict[str, MockConfigEntry]
) -> None:
    assert await _say(hass, "where is the movie Zzyzx Qwerty") == (
        "I found Zzyzx Qwerty nowhere in the media stack."
    )
    # A bare "where is ..." stays Home Assistant's ("where is Paulus").
    assert "media stack" not in await _say(hass, "where is Paulus")


async def test_where_is_says_what_could_not_be_asked(
    hass: HomeAssistant, whole_stack: dict[str, MockConfigEntry], seerr: FakeSeerr
) -> None:
    seerr.retry_after = 0
    await seerr.set_fault(Fault.SERVER_ERROR)
    try:
        answer = await _say(hass, "where is the movie Dune")
    finally:
        await seerr.set_fault(Fault.NONE)
    assert answer.endswith("Seerr could not be asked.")


async def test_where_is_as_an_action(
    hass: HomeAssistant, whole_stack: dict[str, MockConfigEntry], sonarr: FakeArr
) -> None:
    """`medianest.get_media_status`: the answer of "where is", as data."""
    series = next(iter(sonarr.items.values()))
    answer = await hass.services.async_call(
        DOMAIN, "get_media_status", {"title": series["title"]}, blocking=True, return_response=True
    )
    assert answer["title"] == series["title"]
    assert answer["media_type"] == "series"
    assert answer["unavailable"] == []
    sonarr_place = next(p for p in answer["places"] if p["kind"] == "sonarr")
    stats = series["statistics"]
    assert sonarr_place["service"] == "Sonarr"
    assert sonarr_place["files"] == stats["episodeFileCount"]
    assert sonarr_place["episodes"] == stats["episodeCount"]
    assert sonarr_place["state"] in ("downloaded", "partly", "missing", "unmonitored")


async def test_llm_agents_get_where_is_as_data(
    hass: HomeAssistant, whole_stack: dict[str, MockConfigEntry]
) -> None:
    context = llm.LLMContext(
        platform="test", context=Context(), language="en", assistant="conversation", device_id=None
    )
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, context)
    tools = {tool.name: tool for tool in api.tools}
    assert "medianest__MedianestWhereIs" not in tools  # given as data instead
    tool = tools["medianest__get_media_status"]
    assert "Seerr" in tool.description
    assert tool.annotations.read_only
    answer = await api.async_call_tool(llm.ToolInput("medianest__get_media_status", {"title": "Dune"}))
    assert not answer.error
    result = answer.data
    assert result["title"] == "Dune"
    assert result["year"] == 2021
    assert [(p["kind"], p["state"]) for p in result["places"]] == [("seerr", "requested")]


async def test_a_page_that_cannot_be_reached_is_said_shortly(
    hass: HomeAssistant, stack: dict[str, MockConfigEntry], download_folder: Path
) -> None:
    """The downloader's message carries yt-dlp's whole error; spoken, it is one short sentence."""
    await setup_entry(hass, make_downloader_entry(download_folder))
    assert await _say(hass, "download http://127.0.0.1:9/watch/nothing") == "I could not reach that page."
