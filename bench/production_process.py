"""The environment of a portal process with the production settings on a throw-away database and
media folder, with the province's regions loaded: what the HTTP and instruction benches serve."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(workdir: Path, *, database_url: str | None = None) -> dict[str, str]:
    """Production settings (no debug) on ``database_url`` or a SQLite file in ``workdir``."""
    (workdir / "static").mkdir(exist_ok=True)
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "ERROR",
    }


def load_regions(env: dict[str, str]) -> None:
    """Migrate the database in ``env`` and load the regions and municipalities."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "shell", "-c", "from landscapes.demo import load_geography; load_geography()"],
        env=env,
        check=True,
        cwd=ROOT,
    )
