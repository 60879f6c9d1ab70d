"""Voice: MediaNest's intents, and the sentences that reach them through Assist.

The intents (`homeassistant.helpers.intent`) carry descriptions and slot schemas, so LLM
agents get them as tools through Home Assistant's Assist API. The built-in conversation
agent gets MediaNest's sentences (`<language>.yaml` beside this file) as sentence
triggers: the same registration the conversation trigger of automations uses, so nothing
needs copying into the configuration folder, and they are matched before Home
Assistant's own intents. Sentences that name a service are made for the names of the
entries set up (and rebuilt as entries come and go), so "is the dishwasher running"
stays Home Assistant's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent

from ..const import DOMAIN, LOGGER, ServiceKind
from .intents import INTENT_ADD_MEDIA, INTENT_STACK_STATUS, STACK_KINDS, async_register_intents
from .language import DATA_VOICE, Voice, load_language

if TYPE_CHECKING:
    from hassil.recognize import RecognizeResult

    from homeassistant.components.conversation import ConversationInput

    from ..core.spec import MedianestConfigEntry

#: the kinds each group of sentences names with <service>
SERVICE_KINDS = {
    (INTENT_ADD_MEDIA, "movie"): (ServiceKind.RADARR,),
    (INTENT_ADD_MEDIA, "series"): (ServiceKind.SONARR,),
    (INTENT_ADD_MEDIA, "named"): (ServiceKind.SONARR, ServiceKind.RADARR),
    (INTENT_STACK_STATUS, "service"): STACK_KINDS,
}


async def async_setup_voice(hass: HomeAssistant) -> None:
    """Register the intents and load the sentences once (the first entry's setup)."""
    if DATA_VOICE in hass.data:
        return
    async_register_intents(hass)
    language = hass.config.language.split("-")[0]
    data = await hass.async_add_executor_job(load_language, language)
    if data is None:
        data = await hass.async_add_executor_job(load_language, "en")
        LOGGER.debug("MediaNest has no sentences in %s yet: English ones are used", language)
    assert data is not None
    hass.data[DATA_VOICE] = Voice(language=data)


@callback
def async_update_sentences(
    hass: HomeAssistant,
    *,
    adding: MedianestConfigEntry | None = None,
    removing: MedianestConfigEntry | None = None,
) -> None:
    """Register the sentences for the entries set up (one being set up or unloaded included or not)."""
    voice: Voice | None = hass.data.get(DATA_VOICE)
    if voice is None or "conversation" not in hass.config.components:
        return
    from homeassistant.components.conversation.agent_manager import (  # noqa: PLC0415
        get_agent_manager,
    )

    if voice.unregister is not None:
        voice.unregister()
        voice.unregister = None
    entries = [e for e in hass.config_entries.async_loaded_entries(DOMAIN) if e is not removing]
    if adding is not None and adding not in entries:
        entries.append(adding)
    names = _service_names(entries)
    voice.meanings = {}
    sentences: list[str] = []
    for intent_type, groups in voice.language["intents"].items():
        for group, templates in groups.items():
            kinds = SERVICE_KINDS.get((intent_type, group))
            for template in templates:
                if "<service>" not in template:
                    _add(voice, sentences, template, intent_type, {"group": group})
                    continue
                for name, kind in names:
                    if kinds is not None and kind in kinds:
                        text = template.replace("<service>", name)
                        _add(voice, sentences, text, intent_type, {"group": group, "service": name})
    if sentences:
        voice.unregister = get_agent_manager(hass).register_trigger(
            sentences, lambda user_input, result: _async_answer(hass, user_input, result)
        )


def _add(voice: Voice, sentences: list[str], text: str, intent_type: str, slots: dict[str, str]) -> None:
    if text not in voice.meanings:
        voice.meanings[text] = (intent_type, slots)
        sentences.append(text)


def _service_names(entries: list[MedianestConfigEntry]) -> list[tuple[str, ServiceKind]]:
    """Each entry's title and its service's name, longest first (the most specific)."""
    names: dict[str, ServiceKind] = {}
    for entry in entries:
        kind = entry.runtime_data.kind
        for name in (entry.title, entry.runtime_data.spec.manufacturer):
            cleaned = "".join(c for c in name if c.isalnum() or c in " -'").strip()
            if cleaned:
                names.setdefault(cleaned, kind)
    return sorted(names.items(), key=lambda item: -len(item[0]))


async def _async_answer(
    hass: HomeAssistant, user_input: ConversationInput, result: RecognizeResult
) -> str | None:
    """Handle a matched sentence through its intent; the answer to speak."""
    voice: Voice | None = hass.data.get(DATA_VOICE)
    template = result.intent_sentence.text if result.intent_sentence else None
    if voice is None or template not in voice.meanings:
        return None
    intent_type, fixed = voice.meanings[template]
    slots = {name: {"value": value} for name, value in fixed.items()}
    for name, entity in result.entities.items():
        value = entity.value.strip() if isinstance(entity.value, str) else entity.value
        slots[name] = {"value": value, "text": entity.text.strip()}
    response = await intent.async_handle(
        hass,
        DOMAIN,
        intent_type,
        slots,
        text_input=user_input.text,
        context=user_input.context,
        language=user_input.language,
        device_id=user_input.device_id,
        satellite_id=user_input.satellite_id,
    )
    speech: str = response.speech.get("plain", {}).get("speech", "")
    return speech or None
