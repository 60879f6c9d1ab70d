"""What every service shares and which names no service."""
