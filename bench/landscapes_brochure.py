"""Time to render a region brochure (WeasyPrint) and to serve it again from the cache.

Uses a throwaway SQLite database and media folder with the landscapes demo content.

    .venv/bin/python bench/landscapes_brochure.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="portal-bench-brochure-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(WORK / "media"),
        "LOG_LEVEL": "ERROR",
        "ALLOWED_HOSTS": "testserver",
    }
)


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from landscapes import demo
    from landscapes.models import Region

    call_command("migrate", verbosity=0)
    demo.load()
    t0 = time.perf_counter()
    import weasyprint  # noqa: F401

    print(f"import weasyprint (once per process)          {1000 * (time.perf_counter() - t0):8.0f} ms")
    client = Client()
    for slug in ("rupel-zenne-dijle", "kalmthoutse-heide", "stad-haven-polders"):
        region = Region.objects.get(slug=slug)
        url = f"/regions/{slug}/brochure.pdf"
        t0 = time.perf_counter()
        response = client.get(url)
        first = b"".join(response.streaming_content)
        rendered = time.perf_counter() - t0
        t0 = time.perf_counter()
        b"".join(client.get(url).streaming_content)
        cached = time.perf_counter() - t0
        from io import BytesIO

        from pypdf import PdfReader

        pages = len(PdfReader(BytesIO(first)).pages)
        print(
            f"{region.name_nl[:40]:<42} first download {1000 * rendered:6.0f} ms ({pages} pages, "
            f"{len(first) // 1024} kB), cached {1000 * cached:5.1f} ms"
        )
    print("Reference (performance-notes.md): a 4-page A4 brochure with images ~0.5 s, 8 pages ~0.8 s.")


if __name__ == "__main__":
    main()
