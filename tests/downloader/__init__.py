"""Tests of MediaNest's downloader package."""
