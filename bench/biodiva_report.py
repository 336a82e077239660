"""How long BIODIVA takes to compute a scan's result and to render its PDF report.

Runs on a throwaway SQLite database with the 18 real regions:
    .venv/bin/python bench/biodiva_report.py
"""

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp(prefix="biodiva-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def timed(label: str, fn, repeat: int) -> None:
    fn()  # warm up (caches, imports)
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    per = (time.perf_counter() - start) / repeat
    print(f"{label:<52} {per * 1000:9.2f} ms  (mean of {repeat})")


def main() -> None:
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    from biodiva import demo, scoring
    from biodiva.models import Scan
    from biodiva.questionnaire import theme_specs, themes_of
    from biodiva.report import build_report, render_pdf
    from biodiva.services import answers_by_code, compute_result
    from landscapes.models import RegionMeasure
    from tests.landscapes.factories import MeasureFactory, load_real_regions

    regions = load_real_regions()
    for priority, slug in enumerate(
        ["hedgerow", "pond", "unpaving", "nest_boxes", "bat_friendly_lighting"], 1
    ):
        measure = MeasureFactory(slug=slug, applies_to=["company_site"])
        RegionMeasure.objects.get_or_create(
            region=regions["rupel-zenne-dijle"], measure=measure, priority=priority
        )
    demo.load()
    scan = Scan.objects.get(status=Scan.Status.COMPLETED)
    specs = theme_specs(themes=themes_of(version=scan.version))
    answers = answers_by_code(scan=scan)

    print(
        f"BIODIVA bench on SQLite ({DB}), questionnaire of {sum(len(t.questions) for t in specs)} questions"
    )
    timed(
        "scoring.compute (pure, specs and answers in memory)", lambda: scoring.compute(specs, answers), 2000
    )
    timed("compute_result (read version + answers, then score)", lambda: compute_result(scan=scan), 200)
    timed("build_report (scores, ladder, opportunities, SVGs)", lambda: build_report(scan=scan), 50)
    start = time.perf_counter()
    import weasyprint  # noqa: F401

    print(f"{'import weasyprint (once per process)':<52} {(time.perf_counter() - start) * 1000:9.2f} ms")
    pdf = render_pdf(report=build_report(scan=scan))
    timed("render_pdf (WeasyPrint, A4)", lambda: render_pdf(report=build_report(scan=scan)), 5)
    print(f"PDF size: {len(pdf) / 1024:.0f} kB")
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_bytes(pdf)


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(DB.parent, ignore_errors=True)
