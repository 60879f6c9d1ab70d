"""The text fields the config flow's forms share."""

from __future__ import annotations

from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType

URL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
SECRET_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
TEXT_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.TEXT, autocomplete="username"))
FOLDER_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.TEXT))
