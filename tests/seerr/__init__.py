"""Tests of MediaNest's seerr package."""
