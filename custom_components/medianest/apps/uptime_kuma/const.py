"""Constants of Uptime Kuma."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

# Uptime Kuma: one /metrics read covers every monitor (its API allows about 60 a minute).
UPTIME_KUMA_SCAN_INTERVAL: Final = timedelta(seconds=30)
# How long a monitor is no longer reported (paused or deleted) before a repair issue asks.
UPTIME_KUMA_UNREPORTED_REPAIR: Final = timedelta(hours=1)

#: Kuma's monitor types as its interface names them (the rest: capitalised)
MONITOR_MODELS = {
    "http": "HTTP",
    "port": "TCP port",
    "ping": "Ping",
    "keyword": "HTTP keyword",
    "json-query": "HTTP JSON query",
    "grpc-keyword": "gRPC keyword",
    "dns": "DNS",
    "docker": "Docker container",
    "real-browser": "Browser engine",
    "push": "Push",
    "group": "Group",
    "steam": "Steam game server",
    "gamedig": "GameDig",
    "mqtt": "MQTT",
    "rabbitmq": "RabbitMQ",
    "kafka-producer": "Kafka producer",
    "sqlserver": "Microsoft SQL Server",
    "postgres": "PostgreSQL",
    "mysql": "MySQL/MariaDB",
    "mongodb": "MongoDB",
    "radius": "RADIUS",
    "redis": "Redis",
    "tailscale-ping": "Tailscale ping",
    "smtp": "SMTP",
    "snmp": "SNMP",
}


def monitor_model(monitor_type: str | None) -> str | None:
    """A monitor type as a device model ("http" is "HTTP")."""
    if not monitor_type:
        return None
    return MONITOR_MODELS.get(monitor_type, monitor_type.replace("-", " ").capitalize())


#: what a monitor's device says after its name (its device name is "Sonarr (Uptime Kuma)")
DEVICE_SUFFIX = " (Uptime Kuma)"


_MONITOR_TYPES = {name: kind for kind, name in MONITOR_MODELS.items()}


def monitor_type(model: str | None) -> str | None:
    """A monitor's type again from its device's model ("HTTP" is "http")."""
    if not model:
        return None
    return _MONITOR_TYPES.get(model, model.lower().replace(" ", "-"))
