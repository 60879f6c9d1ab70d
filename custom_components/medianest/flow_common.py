"""What the config flow's steps share: text fields, and the error a failed check shows."""

from __future__ import annotations

from homeassistant.helpers.selector import TextSelector, TextSelectorConfig, TextSelectorType

from .api import MedianestApiError

URL_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.URL))
SECRET_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))
TEXT_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.TEXT, autocomplete="username"))
FOLDER_SELECTOR = TextSelector(TextSelectorConfig(type=TextSelectorType.TEXT))

# The form error of each client error kind; anything else is an unexpected answer.
_ERROR_KEYS = {
    "authentication": "invalid_auth",
    "timeout": "timeout",
    "connection": "cannot_connect",
    "banned": "banned",
    "host_rejected": "host_rejected",
    "too_large": "response_too_large",
}


def error_key(err: MedianestApiError) -> str:
    """The form error that tells the user why a connection check failed."""
    return _ERROR_KEYS.get(err.kind, "invalid_response")
