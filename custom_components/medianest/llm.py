"""MediaNest's intents as tools of Home Assistant's Assist API, for LLM conversation agents."""

from __future__ import annotations

from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.llm import LLM_API_ASSIST, IntentTool, LLMContext, Tool

from .const import DOMAIN
from .voice.intents import HANDLERS


@callback
def async_get_tools(hass: HomeAssistant, llm_context: LLMContext, api_id: str) -> LLMTools | None:
    """A tool for each of MediaNest's intents, while an entry is set up."""
    if api_id != LLM_API_ASSIST or not hass.config_entries.async_loaded_entries(DOMAIN):
        return None
    handlers = [h for h in intent.async_get(hass) if isinstance(h, HANDLERS)]
    tools: list[Tool] = [IntentTool(f"{DOMAIN}__{h.intent_type}", h, integration=DOMAIN) for h in handlers]
    return LLMTools(tools=tools) if tools else None
