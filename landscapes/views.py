from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from portal.sections import map_overlays, region_page_sections

from . import selectors
from .models import Measure, Region, Species


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "landscapes/home.html",
        {
            "regions": Region.objects.only("slug", "name_nl", "name_en").order_by("name_nl"),
            "municipality_names": selectors.municipality_names(),
            "map_overlays": map_overlays(request=request),
        },
    )


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        region = selectors.region_page(slug=slug)
    except Region.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "landscapes/region_detail.html",
        {"region": region, "sections": region_page_sections(request=request, region=region)},
    )


def region_brochure(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404


def find_region(request: HttpRequest) -> HttpResponse:
    municipality = selectors.municipality_by_name(name=request.GET.get("municipality", ""))
    if municipality and municipality.region:
        return redirect(municipality.region)
    return redirect("home")


def species_detail(request: HttpRequest, pk: int) -> HttpResponse:
    species = get_object_or_404(Species, pk=pk)
    return render(request, "landscapes/species_detail.html", {"species": species})


def measure_list(request: HttpRequest) -> HttpResponse:
    return render(request, "landscapes/measure_list.html", {"measures": Measure.objects.all()})


def measure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    measure = get_object_or_404(Measure, slug=slug)
    return render(request, "landscapes/measure_detail.html", {"measure": measure})
