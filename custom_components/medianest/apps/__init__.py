"""One package per service: its coordinator, and what only it needs."""
