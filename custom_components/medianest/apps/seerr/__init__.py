"""Seerr, Overseerr and Jellyseerr."""
