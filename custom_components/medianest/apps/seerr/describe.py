"""A Seerr request as actions and the dashboard give it."""

from __future__ import annotations

from typing import Any

from ...api.seerr import MediaRequest, MediaTitle


def request_json(request: MediaRequest, title: MediaTitle | None) -> dict[str, Any]:
    """A request with its title, year and poster, as plain values."""
    return {
        "id": request.id,
        "title": title.title if title else None,
        "year": title.year if title else None,
        "media_type": request.media_type,
        "tmdb_id": request.tmdb_id,
        "status": request.status_name,
        "media_status": request.media_status_name,
        "is_4k": request.is_4k,
        "requested_by": request.requested_by,
        "created": request.created.isoformat() if request.created else None,
        "updated": request.updated.isoformat() if request.updated else None,
        "poster": title.poster if title else None,
    }
