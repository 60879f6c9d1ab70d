"""Sonarr and Radarr."""
