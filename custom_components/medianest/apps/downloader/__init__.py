"""The yt-dlp download queue."""
