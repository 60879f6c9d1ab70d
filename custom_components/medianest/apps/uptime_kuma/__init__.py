"""Uptime Kuma."""
