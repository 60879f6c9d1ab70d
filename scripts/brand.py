"""Draw MediaNest's brand images (icon, logo) into custom_components/medianest/brand/.

Run with the project's virtual environment: `.venv/bin/python scripts/brand.py`.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "custom_components" / "medianest" / "brand"
TOP = (38, 198, 218)
BOTTOM = (94, 53, 177)


def icon(size: int) -> Image.Image:
    """A rounded square with a gradient, a nest of arcs and a play mark."""
    scale = 4
    big = size * scale
    gradient = Image.new("RGBA", (big, big))
    draw = ImageDraw.Draw(gradient)
    for y in range(big):
        t = y / (big - 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM, strict=True))
        draw.line([(0, y), (big, y)], fill=(*color, 255))
    mask = Image.new("L", (big, big), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, big - 1, big - 1], radius=big // 5, fill=255)
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    image.paste(gradient, (0, 0), mask)
    draw = ImageDraw.Draw(image)
    centre = big / 2
    for index, radius in enumerate((0.36, 0.28)):
        r = big * radius
        box = [centre - r, centre - r * 0.55 + big * 0.1, centre + r, centre + r * 1.45 + big * 0.1]
        draw.arc(box, 200, 340, fill=(255, 255, 255, 230 - index * 60), width=big // 28)
    tri = big * 0.17
    cx, cy = centre + tri * 0.15, centre + big * 0.04
    draw.polygon([(cx - tri * 0.8, cy - tri), (cx - tri * 0.8, cy + tri), (cx + tri, cy)], fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def logo(height: int) -> Image.Image:
    """The icon followed by the name."""
    mark = icon(height)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", int(height * 0.5))
    except OSError:
        font = ImageFont.load_default(size=int(height * 0.5))
    text = "MediaNest"
    width = int(font.getlength(text)) + height + height // 4
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste(mark, (0, 0), mark)
    ImageDraw.Draw(image).text(
        (height + height // 6, height // 2), text, font=font, fill=(69, 39, 160, 255), anchor="lm"
    )
    return image


def main() -> None:
    """Write every brand image."""
    OUT.mkdir(parents=True, exist_ok=True)
    icon(256).save(OUT / "icon.png", optimize=True)
    icon(512).save(OUT / "icon@2x.png", optimize=True)
    logo(128).save(OUT / "logo.png", optimize=True)
    logo(256).save(OUT / "logo@2x.png", optimize=True)


if __name__ == "__main__":
    main()
