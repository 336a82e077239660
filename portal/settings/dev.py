"""Local development: DEBUG on and a fixed, clearly insecure key unless the environment says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")
# No map background unless asked for: `make serve` makes no request outside the machine.
os.environ.setdefault("MAP_BACKGROUND", "custom" if os.environ.get("MAP_TILE_URL") else "none")

from .base import *  # noqa: E402,F403
from .env import env_str  # noqa: E402

SECRET_KEY = env_str("SECRET_KEY") or "dev-only-not-secret-0b4a7f3c9e2d4c1b8a6f5e3d2c1b0a9f"
