"""Make real .torrent files (BitTorrent v1, single file) for the integration tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

PIECE_LENGTH = 16 * 1024


def bencode(value: object) -> bytes:
    """Encode a value as BitTorrent's bencoding."""
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(f"cannot bencode {type(value).__name__}")


def make_torrent(data_file: Path, tracker: str = "http://127.0.0.1:9/announce") -> tuple[bytes, str]:
    """The .torrent of one file, and its v1 info hash (hex)."""
    content = data_file.read_bytes()
    pieces = b"".join(
        hashlib.sha1(content[i : i + PIECE_LENGTH]).digest() for i in range(0, len(content), PIECE_LENGTH)
    )
    info = {"name": data_file.name, "length": len(content), "piece length": PIECE_LENGTH, "pieces": pieces}
    torrent = bencode({"announce": tracker, "info": info, "created by": "MediaNest tests"})
    return torrent, hashlib.sha1(bencode(info)).hexdigest()
