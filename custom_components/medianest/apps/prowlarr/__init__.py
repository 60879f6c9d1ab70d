"""Prowlarr."""
