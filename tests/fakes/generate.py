"""Generate believable Sonarr and Radarr libraries of any size, deterministically."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import random
from typing import Any

ADJECTIVES = (
    "Silent",
    "Broken",
    "Golden",
    "Hidden",
    "Last",
    "Crimson",
    "Distant",
    "Frozen",
    "Savage",
    "Quiet",
    "Burning",
    "Electric",
    "Hollow",
    "Iron",
    "Lost",
    "Midnight",
    "Northern",
    "Pale",
    "Scarlet",
    "Wild",
)
NOUNS = (
    "Harbor",
    "Empire",
    "Signal",
    "Garden",
    "Frontier",
    "Kingdom",
    "Machine",
    "River",
    "Tide",
    "Station",
    "Crown",
    "Horizon",
    "Orchard",
    "Protocol",
    "Shore",
    "Summit",
    "Vault",
    "Witness",
    "Circuit",
    "Lantern",
)
NETWORKS = ("HBO", "Netflix", "BBC One", "AMC", "Apple TV+", "FX", "Prime Video", "Channel 4")
STUDIOS = ("Legendary Pictures", "A24", "Warner Bros. Pictures", "Focus Features", "Studio Ghibli", "Neon")
GENRES = ("Drama", "Science Fiction", "Thriller", "Comedy", "Documentary", "Animation", "Crime", "Adventure")

# Well-known titles that lookups can find (the demo's and tests' examples).
KNOWN_SERIES = (
    ("The Expanse", 2015, 280619),
    ("Severance", 2022, 371980),
    ("Andor", 2022, 393189),
    ("Slow Horses", 2022, 390654),
    ("The Bear", 2022, 407728),
)
KNOWN_MOVIES = (
    ("Dune", 2021, 438631),
    ("Dune: Part Two", 2024, 693134),
    ("Arrival", 2016, 329865),
    ("Blade Runner 2049", 2017, 335984),
    ("Everything Everywhere All at Once", 2022, 545611),
)

GB = 1024**3


def iso(moment: datetime) -> str:
    """A date-time as the .NET servers write it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _title(rng: random.Random, used: set[str]) -> str:
    while True:
        title = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        if rng.random() < 0.4:
            title += f" {rng.choice(('II', 'III', 'Returns', 'Rising', 'Chronicles'))}"
        if title not in used:
            used.add(title)
            return title
        if len(used) > 2000:
            title = f"{title} {len(used)}"
            used.add(title)
            return title


def slug(title: str) -> str:
    """A title slug as the servers make it."""
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")


@dataclass
class Library:
    """A generated library and the catalogue lookups search."""

    items: list[dict[str, Any]] = field(default_factory=list)
    catalogue: list[dict[str, Any]] = field(default_factory=list)


def generate_series(count: int, *, seed: int = 1, root: str = "/tv", now: datetime | None = None) -> Library:
    """Make `count` series in the library plus a catalogue of series not added yet."""
    rng = random.Random(seed)
    details = random.Random(seed + 1000)  # its own sequence: the titles stay as they were
    now = now or datetime.now(UTC)
    used: set[str] = set()
    library = Library()
    for index in range(count):
        title = _title(rng, used)
        year = rng.randint(1995, 2025)
        seasons = rng.randint(1, 8)
        episodes = seasons * rng.randint(6, 13)
        have = episodes - rng.randint(0, 3)
        library.items.append(
            {
                "id": index + 1,
                "title": title,
                "sortTitle": title.lower().removeprefix("the "),
                "status": rng.choice(("continuing", "ended", "ended")),
                "overview": f"{title} follows a story of {rng.choice(GENRES).lower()} and consequence.",
                "network": rng.choice(NETWORKS),
                "year": year,
                "path": f"{root}/{title}",
                "rootFolderPath": root,
                "qualityProfileId": 1,
                "seasonFolder": True,
                "monitored": True,
                "seriesType": "standard",
                "tvdbId": 100000 + index,
                "titleSlug": slug(title),
                "genres": [rng.choice(GENRES)],
                "added": iso(now - timedelta(days=rng.randint(1, 2000))),
                "seasons": [{"seasonNumber": n, "monitored": True} for n in range(1, seasons + 1)],
                "statistics": {
                    "seasonCount": seasons,
                    "episodeFileCount": have,
                    "episodeCount": episodes,
                    "totalEpisodeCount": episodes,
                    "sizeOnDisk": have * rng.randint(1, 4) * GB // 2,
                    "percentOfEpisodes": round(100 * have / episodes, 1),
                },
            }
        )
        library.items[-1] |= _series_details(library.items[-1], details)
    for title, year, tvdb in KNOWN_SERIES:
        library.catalogue.append(_lookup_series(title, year, tvdb, rng))
    for index in range(40):
        title = _title(rng, used)
        library.catalogue.append(_lookup_series(title, rng.randint(1995, 2025), 900000 + index, rng))
    return library


# What a real server adds to every record beyond what MediaNest reads: a Radarr movie with
# its file and media info is about 4 KB of indented JSON, a Sonarr series with five
# seasons about 4 KB too. Without these the benchmarks would move a quarter of the bytes.
LANGUAGE = {"id": 1, "name": "English"}
RELEASE_GROUPS = ("FLUX", "NTb", "FraMeSToR", "SPARKS", "CMRG", "playWEB", "KOGi")
SENTENCES = (
    "When an old promise comes due, a small group is drawn into a conflict far larger than themselves.",
    "Years after the events that scattered them, they return to the place where everything began.",
    "Every choice has a price, and the bill arrives when it is least expected.",
    "Based on the acclaimed novel, the story spans three generations and two continents.",
)


def _overview(rng: random.Random, title: str) -> str:
    return f"{title}: " + " ".join(rng.sample(SENTENCES, 3))


def _images(kind: str, item_id: int, external: int, covers: tuple[str, ...]) -> list[dict[str, Any]]:
    base = (
        "https://image.tmdb.example/t/p/original" if kind == "movie" else "https://artworks.example/banners"
    )
    return [
        {
            "coverType": cover,
            "url": f"/MediaCover/{item_id}/{cover}.jpg?lastWrite=638712345678901234",
            "remoteUrl": f"{base}/{external}-{cover}-5f3a9c2e1b7d4a60.jpg",
        }
        for cover in covers
    ]


def _series_details(series: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    stats = series["statistics"]
    seasons = stats["seasonCount"]
    per_season = max(1, stats["episodeCount"] // seasons)
    first = datetime(series["year"], rng.randint(1, 12), rng.randint(1, 28), tzinfo=UTC)
    return {
        "alternateTitles": [{"title": series["title"].upper(), "seasonNumber": -1}],
        "overview": _overview(rng, series["title"]),
        "ended": series["status"] == "ended",
        "airTime": f"{rng.randint(18, 22)}:00",
        "images": _images("series", series["id"], series["tvdbId"], ("banner", "poster", "fanart")),
        "originalLanguage": LANGUAGE,
        "seasons": [
            {
                "seasonNumber": n,
                "monitored": True,
                "statistics": {
                    "previousAiring": iso(first + timedelta(days=365 * (n - 1) + 70)),
                    "episodeFileCount": per_season,
                    "episodeCount": per_season,
                    "totalEpisodeCount": per_season,
                    "sizeOnDisk": per_season * rng.randint(1, 4) * GB // 2,
                    "releaseGroups": rng.sample(RELEASE_GROUPS, 2),
                    "percentOfEpisodes": 100.0,
                },
            }
            for n in range(1, seasons + 1)
        ],
        "monitorNewItems": "all",
        "useSceneNumbering": False,
        "runtime": rng.choice((25, 45, 55)),
        "tvRageId": 0,
        "tvMazeId": 40000 + series["id"],
        "tmdbId": 60000 + series["id"],
        "firstAired": iso(first),
        "lastAired": iso(first + timedelta(days=365 * (seasons - 1) + 70)),
        "cleanTitle": series["titleSlug"].replace("-", ""),
        "imdbId": f"tt{9000000 + series['id']}",
        "certification": rng.choice(("TV-14", "TV-MA", "TV-PG")),
        "tags": [],
        "ratings": {"votes": rng.randint(100, 90000), "value": round(rng.uniform(5, 9.5), 1)},
        "languageProfileId": 1,
        "statistics": stats | {"releaseGroups": rng.sample(RELEASE_GROUPS, 3)},
    }


def _movie_details(movie: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    title, year, item_id = movie["title"], movie["year"], movie["id"]
    details: dict[str, Any] = {
        "originalLanguage": LANGUAGE,
        "alternateTitles": [
            {
                "sourceType": "tmdb",
                "movieMetadataId": item_id,
                "title": f"{title} ({lang})",
                "id": item_id * 3 + n,
            }
            for n, lang in enumerate(("DE", "FR"))
        ],
        "secondaryYearSourceId": 0,
        "overview": _overview(rng, title),
        "physicalRelease": movie["digitalRelease"],
        "releaseDate": movie["digitalRelease"],
        "images": _images("movie", item_id, movie["tmdbId"], ("poster", "fanart")),
        "website": f"https://www.{movie['titleSlug'][:20]}.example",
        "youTubeTrailerId": f"{rng.getrandbits(40):011x}",
        "folderName": movie["path"],
        "cleanTitle": movie["titleSlug"].replace("-", ""),
        "certification": rng.choice(("PG", "PG-13", "R")),
        "tags": [],
        "ratings": {
            name: {"votes": rng.randint(10, 900000), "value": round(rng.uniform(4, 9.5), 1), "type": "user"}
            for name in ("imdb", "tmdb", "metacritic", "rottenTomatoes", "trakt")
        },
        "popularity": round(rng.uniform(1, 150), 3),
        "collection": {"title": f"{title} Collection", "tmdbId": 700000 + item_id},
    }
    if movie["hasFile"]:
        group = rng.choice(RELEASE_GROUPS)
        name = f"{title} ({year}) Bluray-1080p.mkv"
        details["movieFileId"] = item_id
        details["movieFile"] = {
            "movieId": item_id,
            "relativePath": name,
            "path": f"{movie['path']}/{name}",
            "size": movie["sizeOnDisk"],
            "dateAdded": movie["added"],
            "sceneName": f"{title.replace(' ', '.')}.{year}.1080p.BluRay.x264-{group}",
            "releaseGroup": group,
            "edition": "",
            "languages": [LANGUAGE],
            "quality": {
                "quality": {"id": 7, "name": "Bluray-1080p", "source": "bluray", "resolution": 1080},
                "revision": {"version": 1, "real": 0, "isRepack": False},
            },
            "customFormats": [],
            "customFormatScore": 0,
            "indexerFlags": 0,
            "mediaInfo": {
                "audioBitrate": 1509000,
                "audioChannels": 5.1,
                "audioCodec": "DTS",
                "audioLanguages": "eng/fre/ger",
                "audioStreamCount": 3,
                "videoBitDepth": 8,
                "videoBitrate": 9800000,
                "videoCodec": "x264",
                "videoDynamicRangeType": "",
                "videoFps": 23.976,
                "resolution": "1920x800",
                "runTime": f"{movie['runtime'] // 60}:{movie['runtime'] % 60:02d}:12",
                "scanType": "Progressive",
                "subtitles": "eng/eng/fre/ger/spa/ita/dut",
            },
            "originalFilePath": f"{title.replace(' ', '.')}.{year}.1080p.BluRay.x264-{group}/{name}",
            "qualityCutoffNotMet": False,
            "id": item_id,
        }
        details["statistics"] = movie["statistics"] | {"releaseGroups": [group]}
    return details


def _lookup_series(title: str, year: int, tvdb: int, rng: random.Random) -> dict[str, Any]:
    seasons = rng.randint(1, 6)
    return {
        "id": 0,
        "title": title,
        "sortTitle": title.lower(),
        "status": "continuing",
        "overview": f"{title} ({year}).",
        "network": rng.choice(NETWORKS),
        "year": year,
        "tvdbId": tvdb,
        "titleSlug": slug(title),
        "folder": title,
        "remotePoster": f"https://artworks.example/{tvdb}.jpg",
        "images": [{"coverType": "poster", "remoteUrl": f"https://artworks.example/{tvdb}.jpg"}],
        "seasons": [{"seasonNumber": n, "monitored": True} for n in range(1, seasons + 1)],
    }


def generate_movies(
    count: int, *, seed: int = 2, root: str = "/movies", now: datetime | None = None
) -> Library:
    """Make `count` movies in the library plus a catalogue of movies not added yet."""
    rng = random.Random(seed)
    details = random.Random(seed + 1000)  # its own sequence: the titles stay as they were
    now = now or datetime.now(UTC)
    used: set[str] = set()
    library = Library()
    for index in range(count):
        title = _title(rng, used)
        year = rng.randint(1970, 2026)
        has_file = rng.random() < 0.93
        size = rng.randint(2, 60) * GB if has_file else 0
        release = now - timedelta(days=rng.randint(-60, 15000))
        library.items.append(
            {
                "id": index + 1,
                "title": title,
                "originalTitle": title,
                "sortTitle": title.lower().removeprefix("the "),
                "year": year,
                "overview": f"{title} is a {rng.choice(GENRES).lower()} film.",
                "studio": rng.choice(STUDIOS),
                "runtime": rng.randint(80, 170),
                "genres": [rng.choice(GENRES)],
                "status": "released" if release < now else "announced",
                "minimumAvailability": "released",
                "monitored": True,
                "hasFile": has_file,
                "isAvailable": release < now,
                "sizeOnDisk": size,
                "tmdbId": 200000 + index,
                "imdbId": f"tt{3000000 + index}",
                "titleSlug": f"{slug(title)}-{200000 + index}",
                "qualityProfileId": 1,
                "path": f"{root}/{title} ({year})",
                "rootFolderPath": root,
                "added": iso(now - timedelta(days=rng.randint(1, 3000))),
                "inCinemas": iso(release),
                "digitalRelease": iso(release + timedelta(days=45)),
                "statistics": {"movieFileCount": int(has_file), "sizeOnDisk": size},
            }
        )
        library.items[-1] |= _movie_details(library.items[-1], details)
    for title, year, tmdb in KNOWN_MOVIES:
        library.catalogue.append(_lookup_movie(title, year, tmdb, rng))
    for index in range(40):
        title = _title(rng, used)
        library.catalogue.append(_lookup_movie(title, rng.randint(1970, 2026), 900000 + index, rng))
    return library


def _lookup_movie(title: str, year: int, tmdb: int, rng: random.Random) -> dict[str, Any]:
    return {
        "id": 0,
        "title": title,
        "originalTitle": title,
        "year": year,
        "overview": f"{title} ({year}).",
        "runtime": rng.randint(90, 160),
        "tmdbId": tmdb,
        "titleSlug": f"{slug(title)}-{tmdb}",
        "folderName": f"{title} ({year})",
        "remotePoster": f"https://images.example/{tmdb}.jpg",
        "images": [{"coverType": "poster", "remoteUrl": f"https://images.example/{tmdb}.jpg"}],
        "status": "released",
    }
