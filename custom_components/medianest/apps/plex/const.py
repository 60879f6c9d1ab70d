"""Constants of Plex."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

CONF_CLIENT_IDENTIFIER: Final = "client_identifier"
# Plex: sessions every poll; the newest item every few minutes; the libraries and their
# item counts (one page of size 0 each) rarely, as the product's caching table says.
PLEX_SCAN_INTERVAL: Final = timedelta(seconds=15)
PLEX_RECENT_INTERVAL: Final = timedelta(minutes=5)
PLEX_LIBRARY_INTERVAL: Final = timedelta(minutes=30)
# Sign in with Plex: how often the PIN is read, and how many PINs may be made in a window.
PLEX_PIN_POLL_INTERVAL: Final = 1.0
PLEX_PIN_LIMIT: Final = 10
PLEX_PIN_WINDOW: Final = timedelta(minutes=15)
