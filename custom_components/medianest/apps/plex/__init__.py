"""Plex."""
