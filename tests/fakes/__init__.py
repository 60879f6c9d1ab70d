"""Fake servers for the services MediaNest talks to (tests, demo stack, benchmarks)."""
