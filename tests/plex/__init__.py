"""Tests of MediaNest's plex package."""
