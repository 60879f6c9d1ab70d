"""Tests of MediaNest's prowlarr package."""
