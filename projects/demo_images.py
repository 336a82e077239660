"""Drawn before/after pictures for the demo projects (no photographs are shipped)."""

import random
from io import BytesIO

from PIL import Image, ImageDraw

SIZE = (1200, 675)


def draw(*, seed: str, after: bool) -> bytes:
    """A grey, paved site (before) or the same site with grass, shrubs, trees and a pond (after)."""
    rng = random.Random(seed)
    img = Image.new("RGB", SIZE, "#bcd7ea")
    d = ImageDraw.Draw(img)
    horizon = 330
    d.rectangle([0, horizon, SIZE[0], SIZE[1]], fill="#7fae5a" if after else "#9a9a96")
    building = (rng.randint(80, 400), horizon - rng.randint(120, 200))
    d.rectangle([building[0], building[1], building[0] + 520, horizon + 40], fill="#d8d2c4", outline="#555")
    if not after:
        for x in range(0, SIZE[0], 90):
            d.line([(x, horizon + 120), (x + 60, horizon + 120)], fill="#f4f4f0", width=6)
        return _jpeg(img)
    d.rectangle([building[0], building[1] - 16, building[0] + 520, building[1]], fill="#5f8f3e")
    d.ellipse([700, 480, 1050, 600], fill="#4f8fbf", outline="#2f5f7f", width=3)
    for _ in range(14):
        x, y = rng.randint(0, SIZE[0]), rng.randint(horizon + 20, SIZE[1] - 40)
        r = rng.randint(25, 60)
        d.line([(x, y), (x, y + r)], fill="#5b3b1f", width=8)
        d.ellipse(
            [x - r, y - r * 1.6, x + r, y + r * 0.3], fill=rng.choice(["#2f6b2f", "#3d7f35", "#28592a"])
        )
    for _ in range(120):
        x, y = rng.randint(0, SIZE[0]), rng.randint(horizon + 10, SIZE[1])
        d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=rng.choice(["#f2d13c", "#e8e8f8", "#c94c7c"]))
    return _jpeg(img)


def _jpeg(img: Image.Image) -> bytes:
    out = BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()
