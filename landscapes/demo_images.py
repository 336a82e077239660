"""A simple drawn "typical image" per demo region, so every page has one until staff upload theirs."""

import random
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

W, H = 1600, 900
HORIZON = 470


def _sky(draw: ImageDraw.ImageDraw) -> None:
    for y in range(HORIZON):
        t = y / HORIZON
        draw.line([(0, y), (W, y)], fill=(int(150 + 80 * t), int(195 + 45 * t), int(235 + 15 * t)))


def _tree(draw, x, y, size, rng, conifer=False) -> None:
    trunk = (92, 64, 40)
    draw.rectangle([x - size * 0.06, y - size * 0.35, x + size * 0.06, y], fill=trunk)
    green = (30 + rng.randint(0, 30), 90 + rng.randint(0, 40), 45 + rng.randint(0, 20))
    if conifer:
        draw.polygon(
            [
                (x, y - size * 1.3),
                (x - size * 0.32, y - size * 0.25),
                (x + size * 0.32, y - size * 0.25),
            ],
            fill=green,
        )
    else:
        r = size * 0.45
        draw.ellipse([x - r, y - size * 0.35 - 2 * r, x + r, y - size * 0.35 + r * 0.4], fill=green)


def _treeline(draw, rng, conifer_share=0.0, y=HORIZON, density=40) -> None:
    for _ in range(density):
        x = rng.randint(-20, W + 20)
        _tree(draw, x, y + rng.randint(0, 12), rng.randint(40, 90), rng, rng.random() < conifer_share)


@cache
def draw_landscape(*, slug: str, landscape_types: tuple[str, ...]) -> bytes:
    """A 1600×900 JPEG drawn from the region's landscape types; the same slug gives the same picture."""
    rng = random.Random(slug)
    img = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(img)
    _sky(draw)
    kinds = set(landscape_types)
    ground = (126, 170, 88)
    if "heath_and_fens" in kinds:
        ground = (140, 110, 140)
    elif "polder" in kinds:
        ground = (110, 170, 90)
    draw.rectangle([0, HORIZON, W, H], fill=ground)
    if "port_and_industry" in kinds:
        for i in range(5):
            x = 150 + i * 280 + rng.randint(-40, 40)
            draw.rectangle([x, HORIZON - 160, x + 14, HORIZON], fill=(200, 60, 50))
            draw.line([(x, HORIZON - 160), (x + 140, HORIZON - 120)], fill=(200, 60, 50), width=10)
        for i in range(3):
            x = 1000 + i * 120
            draw.rectangle([x, HORIZON - 220, x + 30, HORIZON], fill=(150, 150, 155))
    if "urban_fringe" in kinds:
        for i in range(9):
            x = 60 + i * 170 + rng.randint(-20, 20)
            h = rng.randint(60, 120)
            draw.rectangle([x, HORIZON - h, x + 110, HORIZON], fill=(180, 120, 100))
            draw.polygon(
                [(x - 10, HORIZON - h), (x + 55, HORIZON - h - 50), (x + 120, HORIZON - h)],
                fill=(120, 60, 50),
            )
    if "wooded_estates" in kinds:
        draw.rectangle([700, HORIZON - 150, 900, HORIZON], fill=(235, 230, 215))
        draw.polygon([(690, HORIZON - 150), (800, HORIZON - 230), (910, HORIZON - 150)], fill=(70, 80, 95))
    conifers = 0.7 if kinds & {"coniferous_and_mixed_woods", "heath_and_fens"} else 0.1
    _treeline(
        draw,
        rng,
        conifers,
        density=55 if kinds & {"wooded_estates", "coniferous_and_mixed_woods"} else 30,
    )
    if "open_farmland" in kinds or "polder" in kinds:
        for i in range(7):
            y = HORIZON + 30 + i * 60
            shade = (
                150 + rng.randint(-25, 25),
                180 + rng.randint(-20, 20),
                90 + rng.randint(-30, 30),
            )
            draw.polygon([(0, y), (W, y - 20), (W, y + 40), (0, y + 60)], fill=shade)
        if "polder" in kinds:
            for i in range(6):
                y = HORIZON + 55 + i * 62
                draw.line([(0, y + 8), (W, y - 12)], fill=(90, 140, 200), width=6)
    if "horticulture" in kinds:
        for i in range(4):
            x = 120 + i * 360
            draw.rectangle(
                [x, HORIZON + 40, x + 300, HORIZON + 170],
                fill=(215, 230, 240),
                outline=(160, 170, 180),
                width=4,
            )
            for k in range(1, 6):
                draw.line(
                    [(x + k * 50, HORIZON + 40), (x + k * 50, HORIZON + 170)],
                    fill=(160, 170, 180),
                    width=2,
                )
    if "river_valley" in kinds or "clay_pits" in kinds:
        pts = [
            (x, int(700 + 70 * __import__("math").sin(x / 210 + rng.random()))) for x in range(0, W + 40, 40)
        ]
        draw.line(pts, fill=(70, 130, 200), width=70 if "river_valley" in kinds else 0)
        for x in range(80, W, 260):
            y = 600 + rng.randint(-20, 20)
            draw.rectangle([x - 8, y - 70, x + 8, y], fill=(110, 90, 60))
            draw.ellipse([x - 45, y - 130, x + 45, y - 60], fill=(120, 160, 110))
    if "clay_pits" in kinds:
        for i in range(3):
            x = 200 + i * 480
            draw.ellipse([x, 760, x + 360, 860], fill=(80, 140, 190))
    if "heath_and_fens" in kinds:
        draw.ellipse([900, 640, 1450, 780], fill=(95, 145, 190))
        for _ in range(300):
            x, y = rng.randint(0, W), rng.randint(HORIZON + 20, H)
            draw.ellipse([x, y, x + 12, y + 8], fill=(170, 100, 170))
    # hedgerow in front: the measure the portal promotes everywhere
    for x in range(0, W, 26):
        draw.ellipse([x - 20, 820 + rng.randint(-10, 10), x + 30, 900], fill=(40, 105, 50))
    img = img.filter(ImageFilter.SMOOTH)
    out = BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()
