"""MediaNest's intents as tools of Home Assistant's Assist API, for LLM conversation agents.

Each intent is a tool; "where is" is given as data (what every service says of the title)
rather than as the sentence Assist speaks, so an agent can reason over it.
"""

from __future__ import annotations

from typing import override

import probatio as vol

from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv, intent
from homeassistant.helpers.llm import (
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    Tool,
    ToolAnnotations,
    ToolInput,
    ToolResult,
)
from homeassistant.util.json import JsonObjectType

from .const import DOMAIN
from .voice.intents import HANDLERS, WhereIsIntent
from .voice.whereis import async_where_is


class MediaStatusTool(Tool):
    """Where one movie or series is across the stack, as data."""

    name = f"{DOMAIN}__get_media_status"
    title = "Where a title is"
    description = (
        "Follows one movie or series by its title across the media stack and returns what each "
        "service says: Seerr (requested, approved, available), Sonarr or Radarr (in the library, "
        "monitored, files of episodes), downloads (progress in percent, seconds left), Plex "
        "(available, in which library); 'unavailable' names the services that could not be asked."
    )
    parameters = vol.Schema({vol.Required("title", description="The movie's or series' title"): cv.string})
    annotations = ToolAnnotations(read_only=True, destructive=False, idempotent=True)
    integration = DOMAIN

    @override
    async def async_call(
        self, hass: HomeAssistant, tool_input: ToolInput, llm_context: LLMContext
    ) -> ToolResult:
        found = await async_where_is(hass, str(tool_input.tool_args["title"]))
        data: JsonObjectType = found.as_dict()
        return ToolResult(data=data)


@callback
def async_get_tools(hass: HomeAssistant, llm_context: LLMContext, api_id: str) -> LLMTools | None:
    """A tool for each of MediaNest's intents, while an entry is set up."""
    if api_id != LLM_API_ASSIST or not hass.config_entries.async_loaded_entries(DOMAIN):
        return None
    handlers = [
        h for h in intent.async_get(hass) if isinstance(h, HANDLERS) and not isinstance(h, WhereIsIntent)
    ]
    tools: list[Tool] = [IntentTool(f"{DOMAIN}__{h.intent_type}", h, integration=DOMAIN) for h in handlers]
    return LLMTools(tools=[*tools, MediaStatusTool()]) if tools else None
