"""Tests of MediaNest's uptime_kuma package."""
