"""Tests of MediaNest's qbittorrent package."""
