"""Tests of MediaNest's arr package."""
