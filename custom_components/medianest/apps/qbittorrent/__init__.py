"""qBittorrent."""
