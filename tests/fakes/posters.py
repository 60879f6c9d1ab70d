"""Poster images for the fakes: a JPEG per title, as a service would scale it.

Each title gets its own colours and its name on the poster, so a screenshot of the
dashboard shows which poster belongs where (and a wrong one stands out).
"""

from __future__ import annotations

from functools import lru_cache
import hashlib
import io

from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=512)
def poster(title: str, width: int = 250, height: int = 375) -> bytes:
    """A poster of a title: a two-colour gradient with the title on it, as JPEG."""
    digest = hashlib.sha256(title.encode()).digest()
    top = (digest[0] // 2 + 40, digest[1] // 2 + 20, digest[2] // 2 + 60)
    bottom = (digest[3] // 5, digest[4] // 5, digest[5] // 5)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        share = y / (height - 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    font = ImageFont.load_default(size=max(12, width // 9))
    words, lines, line = title.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width * 0.84:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    y = height * 0.62
    for text in lines[:4]:
        draw.text((width * 0.08, y), text, font=font, fill=(250, 250, 250))
        y += width // 8
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
