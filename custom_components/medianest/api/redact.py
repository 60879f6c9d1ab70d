"""Keep credentials out of anything shown: URLs, and texts that come from a server.

Servers and reverse proxies echo requests in their error pages (the API key, a login
form's `username=…&password=…`, a session cookie). Every text taken from a server passes
through `scrub` before it can reach an exception, a log line or the UI.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
import re
from typing import Final
from urllib.parse import quote, quote_plus

from yarl import URL

REDACTED: Final = "**REDACTED**"
#: the longest server text kept (an error page is cut here)
MAX_SERVER_TEXT: Final = 300
#: shorter secrets are not replaced where they appear (they would match ordinary words)
MIN_SECRET_LENGTH: Final = 4
#: headers whose values are credentials
SECRET_HEADERS: Final = frozenset({"x-api-key", "x-plex-token", "cookie", "authorization", "set-cookie"})

# `name=value` pairs of credentials in forms, queries and cookies.
_PAIRS = re.compile(
    r"(?i)\b((?:[a-z_]*pass(?:word|wd)?|pwd|api[_-]?key|apikey|[a-z_]*token|sid|qbt_sid_\d+|secret|auth)"
    r"\s*[=:]\s*)(\"?)[^&\s;,\"'<>]+"
)
# Credential headers echoed in a text ("Authorization: Basic …", "X-Api-Key: …").
_HEADERS = re.compile(
    r"(?i)\b((?:authorization|proxy-authorization|x-api-key|x-plex-token|cookie)\s*[:=]\s*)[^\r\n<>\"]+"
)
# A URL's user information ("https://user:pass@host").
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]+")
_SPACES = re.compile(r"\s+")


def secret_forms(secret: str) -> set[str]:
    """A secret as it may appear in a text: as is, and URL-encoded."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret)}
    return {f for f in forms if len(f) >= MIN_SECRET_LENGTH}


def header_secrets(headers: Iterable[tuple[str, str]]) -> set[str]:
    """The credentials in request headers (and the parts of a Basic or cookie header)."""
    secrets: set[str] = set()
    for name, value in headers:
        if name.lower() not in SECRET_HEADERS or not value:
            continue
        secrets.add(value)
        scheme, _, rest = value.partition(" ")
        if scheme.lower() in ("basic", "bearer") and rest:
            secrets.add(rest)
            if scheme.lower() == "basic":
                try:
                    user_pass = base64.b64decode(rest, validate=True).decode("utf-8", "replace")
                except ValueError:
                    continue
                password = user_pass.partition(":")[2]
                if password:
                    secrets.add(password)
        for cookie in value.split(";"):
            secrets.add(cookie.strip().partition("=")[2])
    return {s for s in secrets if len(s) >= MIN_SECRET_LENGTH}


def scrub(text: str, secrets: Iterable[str] = (), *, limit: int = MAX_SERVER_TEXT) -> str:
    """A server's text, fit to show: no credential, no control character, not too long."""
    forms: set[str] = set()
    for secret in secrets:
        if secret:
            forms |= secret_forms(secret)
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, REDACTED)
    text = _USERINFO.sub(rf"\1{REDACTED}@", text)
    text = _HEADERS.sub(rf"\1{REDACTED}", text)
    text = _PAIRS.sub(rf"\1\2{REDACTED}", text)
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """A URL without its user information, and the user name and password it held."""
    parsed = URL(url.strip())
    if parsed.user is None and parsed.password is None:
        return url.strip(), None, None
    user = parsed.user or None  # yarl decodes them
    password = parsed.password or None
    return str(parsed.with_user(None).with_password(None)), user, password


__all__ = ["REDACTED", "header_secrets", "scrub", "secret_forms", "split_credentials"]
