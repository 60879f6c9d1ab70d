"""Uptime Kuma's fixtures: a fake Kuma that takes a user's login, and an entry with it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.medianest.const import DOMAIN
from homeassistant.const import CONF_PASSWORD, CONF_URL, CONF_USERNAME, CONF_VERIFY_SSL

from ..fakes.uptime_kuma import FakeUptimeKuma


@pytest.fixture
async def kuma_login(socket_enabled: None) -> AsyncIterator[FakeUptimeKuma]:
    """A fake Kuma without API keys: /metrics and the socket take the user's login."""
    server = FakeUptimeKuma("", slow_seconds=1.0)
    await server.start()
    yield server
    await server.stop()


def login_entry(kuma: FakeUptimeKuma, password: str | None = None) -> MockConfigEntry:
    """An entry that logs in to Kuma as its user."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="Uptime Kuma",
        unique_id=f"uptime_kuma_127.0.0.1:{kuma.port}",
        data={
            "kind": "uptime_kuma",
            CONF_URL: kuma.url,
            CONF_VERIFY_SSL: True,
            CONF_USERNAME: kuma.username,
            CONF_PASSWORD: password or kuma.user_password,
        },
        entry_id="kuma_login",
        minor_version=2,
    )
