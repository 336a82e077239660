"""HTML pages: the overview map, region pages, species and measures, and the brochure download."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.i18n import current_language, in_name_order
from portal.sections import map_overlays, region_page_sections

from . import brochures, selectors
from .models import ApplicationArea, LandscapeType, Measure, Region, Species


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    regions = selectors.region_cards()
    return render(
        request,
        "landscapes/home.html",
        {
            "regions": regions,
            "suggestions": selectors.finder_suggestions(),
            "overview": {
                "regions": {r["slug"]: r for r in regions},
                "overlays": map_overlays(request=request),
                "regionsUrl": reverse("regions-geojson") + "?detail=simplified",
                "lookupUrl": reverse("region-lookup"),
                "findUrl": reverse("municipality-find"),
                "texts": {
                    "outside": _(
                        "This place is not in the province of Antwerp, so it is in none of its regions."
                    ),
                    "error": _("The region could not be looked up. Please try again."),
                    "readMore": _("Read the landscape image"),
                    "brochure": _("Download the brochure (PDF)"),
                    "locating": _("Finding your location…"),
                    "noLocation": _("Your location is not available. Type your municipality instead."),
                    "youAreIn": _("You are in"),
                },
            },
            "municipality": request.GET.get("municipality", ""),
            "finder_error": _finder_error(request.GET.get("municipality")),
        },
    )


@require_safe
def find_region(request: HttpRequest) -> HttpResponse:
    """The no-JavaScript path of the finder: a municipality, postcode or deelgemeente leads to its
    region's page (with a note such as "Borsbeek is since 2025 part of Antwerpen"); anything else
    goes back to the finder, which says what is wrong and keeps what was typed."""
    query = request.GET.get("municipality", "").strip()
    answer = selectors.find_place(query=query)
    if answer.municipality and answer.municipality.region:
        if answer.note:
            messages.info(request, answer.note)
        return redirect(answer.municipality.region)
    return redirect(f"{reverse('home')}?{urlencode({'municipality': query})}#finder")


def _finder_error(query: str | None) -> str:
    if query is None:
        return ""
    answer = selectors.find_place(query=query)
    if answer.municipality and answer.municipality.region:
        return ""
    return answer.error or _("“%(name)s” is not in one of the regions of the province.") % {
        "name": query.strip()
    }


@require_safe
def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        region = selectors.region_page(slug=slug)
    except Region.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "landscapes/region_detail.html",
        {
            "region": region,
            "measure_groups": selectors.measures_by_application_area(region=region),
            "sections": region_page_sections(request=request, region=region),
        },
    )


@require_safe
def region_brochure(request: HttpRequest, slug: str) -> FileResponse:
    """The official brochure when staff uploaded one, else the portal's own (rendered once, cached)."""
    region = get_object_or_404(Region, slug=slug)
    prefer_generated = request.GET.get("version") == "portal"
    stored = brochures.brochure_file(
        region=region, language=current_language(), prefer_generated=prefer_generated
    )
    filename = (
        f"landschapsbeeld-{region.slug}.pdf"
        if current_language() == "nl"
        else f"landscape-image-{region.slug}.pdf"
    )
    response = FileResponse(
        stored.open("rb"), content_type="application/pdf", as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "public, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def species_detail(request: HttpRequest, pk: int) -> HttpResponse:
    species = get_object_or_404(Species, pk=pk)
    needs = species.needs.select_related("region").prefetch_related("elements")
    measures = species.measures.all()
    return render(
        request, "landscapes/species_detail.html", {"species": species, "needs": needs, "measures": measures}
    )


@require_safe
def measure_list(request: HttpRequest) -> HttpResponse:
    areas = ApplicationArea.objects.all()
    area_code = request.GET.get("applies_to", "")
    measures = in_name_order(Measure.objects.prefetch_related("applies_to", "ecosystem_services"))
    if area_code:
        measures = measures.filter(applies_to__code=area_code)
    return render(
        request,
        "landscapes/measure_list.html",
        {"measures": measures, "areas": areas, "selected_area": area_code},
    )


@require_safe
def measure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    measure = get_object_or_404(
        Measure.objects.prefetch_related("applies_to", "ecosystem_services", "development_goals", "species"),
        slug=slug,
    )
    region_measures = in_name_order(measure.region_measures.select_related("region"), "region__name")
    return render(
        request, "landscapes/measure_detail.html", {"measure": measure, "region_measures": region_measures}
    )


@require_safe
def region_list(request: HttpRequest) -> HttpResponse:
    """All regions with their image, filtered by landscape type (an unknown type shows them all)."""
    types = list(in_name_order(LandscapeType.objects))
    wanted = request.GET.get("type", "")
    known = wanted in {t.code for t in types}
    regions = selectors.region_index(landscape_type=wanted if known else "")
    return render(
        request,
        "landscapes/region_list.html",
        {
            "regions": regions,
            "types": types,
            "selected_type": wanted if known else "",
            "unknown_type": bool(wanted) and not known,
        },
    )


@require_safe
def species_list(request: HttpRequest) -> HttpResponse:
    """All species by group with what they need, searchable on any of their names."""
    query = request.GET.get("q", "")[:100]
    group = request.GET.get("group", "")
    if group not in Species.Group.values:
        group = ""
    groups = selectors.species_index(query=query, group=group)
    return render(
        request,
        "landscapes/species_list.html",
        {"groups": groups, "query": query, "group": group, "group_choices": Species.Group.choices},
    )
