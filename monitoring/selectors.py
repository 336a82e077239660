"""Reads of the monitoring app for views, the API and the region pages."""

from django.db.models import Q, QuerySet

from .models import Deployment, Observation, Structure, Taxon


def taxon_index() -> dict[str, Taxon]:
    """Every taxon under its scientific, Dutch and English name, case-folded (for CSV rows)."""
    index: dict[str, Taxon] = {}
    for taxon in Taxon.objects.all():
        for name in (taxon.name_en, taxon.name_nl, taxon.scientific_name):
            if name:
                index[name.casefold()] = taxon
    return index


def search_taxa(*, query: str, limit: int = 15) -> list[Taxon]:
    """Taxa with the text in any of their names; names that start with it come first."""
    query = query.strip()
    if not query:
        return []
    matches = Taxon.objects.filter(
        Q(scientific_name__icontains=query) | Q(name_nl__icontains=query) | Q(name_en__icontains=query)
    )[:200]
    folded = query.casefold()

    def rank(taxon: Taxon) -> tuple:
        names = (taxon.name_nl, taxon.name_en, taxon.scientific_name)
        return (not any(n.casefold().startswith(folded) for n in names), taxon.kind != "animal", taxon.name)

    return sorted(matches, key=rank)[:limit]


def structures() -> QuerySet[Structure]:
    return Structure.objects.select_related("region").order_by("name")


def structures_in_region(*, region) -> QuerySet[Structure]:
    return structures().filter(region=region)


def structures_open_for_students() -> QuerySet[Structure]:
    """Structures interns and student projects may monitor, for the students' page."""
    return structures().filter(open_for_students=True)


def public_media_observations() -> QuerySet[Observation]:
    """Observations whose media the public may see: public pictures of confirmed animals, never with
    people or vehicles."""
    return Observation.objects.filter(
        review_status=Observation.Status.CONFIRMED,
        taxon__kind=Taxon.Kind.ANIMAL,
        media__isnull=False,
        media__file_public=True,
    ).exclude(media__observations__taxon__kind__in=[Taxon.Kind.HUMAN, Taxon.Kind.VEHICLE])


def selection(*, structure=None, region=None, date_from=None, date_to=None) -> dict:
    """Deployments and period of an export or statistics selection (structure, region, dates)."""
    from .statistics import period_bounds

    deployments = Deployment.objects.all()
    parts = []
    if structure is not None:
        deployments = deployments.filter(structure=structure)
        parts.append(structure.name)
    if region is not None:
        deployments = deployments.filter(structure__region=region)
        parts.append(region.name)
    start, end = period_bounds(date_from=date_from, date_to=date_to)
    if date_from or date_to:
        parts.append(f"{date_from or '…'} – {date_to or '…'}")
        if start:
            deployments = deployments.filter(end__gt=start)
        if end:
            deployments = deployments.filter(start__lt=end)
    title = "Fauna passage monitoring" + (": " + ", ".join(parts) if parts else ", province of Antwerp")
    return {"deployments": deployments, "start": start, "end": end, "title": title}
