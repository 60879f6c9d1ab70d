"""The calendar of episodes airing (Sonarr) and movies being released (Radarr)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import override

from homeassistant.components.calendar import CalendarEntity, CalendarEntityDescription, CalendarEvent
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from ...api.arr import CalendarItem
from ...core.actions import translate_api_errors
from ...core.entity import MedianestEntity
from ...core.spec import MedianestConfigEntry
from .coordinator import ArrCoordinator

DEFAULT_RUNTIME = timedelta(minutes=30)

CALENDAR = CalendarEntityDescription(key="calendar", translation_key="calendar")


def setup_calendar(entry: MedianestConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback) -> None:
    """Add the calendar."""
    coordinator = entry.runtime_data.coordinator
    assert isinstance(coordinator, ArrCoordinator)
    async_add_entities([ArrCalendar(coordinator, CALENDAR)])


def _event(item: CalendarItem) -> CalendarEvent:
    summary = f"{item.title} - {item.subtitle}" if item.subtitle else item.title
    if item.all_day:
        # The date as written (midnight UTC), not that moment in local time: west of UTC
        # it would be the evening before.
        day = item.start.astimezone(UTC).date()
        return CalendarEvent(
            start=day,
            end=day + timedelta(days=1),
            summary=summary,
            description=item.overview,
            uid=f"{item.id}-{day.isoformat()}",
        )
    runtime = timedelta(minutes=item.runtime_minutes) if item.runtime_minutes else DEFAULT_RUNTIME
    return CalendarEvent(
        start=item.start,
        end=item.start + runtime,
        summary=summary,
        description=item.overview,
        uid=str(item.id),
    )


class ArrCalendar(MedianestEntity[ArrCoordinator], CalendarEntity):
    """What airs or is released next, and any range on request."""

    @property
    @override
    def event(self) -> CalendarEvent | None:
        now = dt_util.now()
        events = sorted(
            (_event(i) for i in self.coordinator.data.upcoming),
            key=lambda e: e.start_datetime_local,
        )
        return next((e for e in events if e.end_datetime_local >= now), None)

    @override
    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        async with translate_api_errors(self.coordinator.config_entry.title):
            items = await self.coordinator.client.calendar(start_date, end_date)
        events = [_event(item) for item in items]
        return [e for e in events if e.end_datetime_local > start_date and e.start_datetime_local < end_date]
