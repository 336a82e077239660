"""BIODIVA staff's anonymous overview of all scans, as a page and as CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import render

from portal.i18n import current_language
from portal.types import AuthenticatedHttpRequest

from .permissions import staff_required
from .selectors import staff_overview


@staff_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "biodiva/overview.html", {"overview": staff_overview(), "lang": current_language()}
    )


@staff_required
def overview_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One file with three blocks, each row starting with its kind: region, theme or measure."""
    data = staff_overview()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="biodiva-overview.csv"'
    writer = csv.writer(response)
    writer.writerow(["kind", "code", "name_nl", "name_en", "value_1", "value_2"])
    writer.writerow(["#", "", "", "", "companies / average score / times chosen", "scans / done"])
    for r in data.regions:
        writer.writerow(["region", r["slug"], r["name_nl"], r["name_en"], r["companies"], r["scans"]])
    for t in data.themes:
        writer.writerow(["theme", t["code"], t["name_nl"], t["name_en"], t["average"], t["scans"]])
    for m in data.measures:
        writer.writerow(["measure", m["slug"], m["name_nl"], m["name_en"], m["chosen"], m["done"]])
    return response
