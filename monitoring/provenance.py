"""Whose data are they and under which licence: the portal's own records carry the province's
settings (``MONITORING_DATA_LICENSE``, ``MONITORING_PUBLISHER``), imported records those of the
Camtrap DP package they came from. One rule for the Darwin Core and the Camtrap DP exports."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from .models import CamtrapPackage, Deployment

# The licences GBIF accepts, as it reads them: the address of the legal code and its title, from
# the least to the most restrictive.
LICENSES = {
    "CC0-1.0": (
        "http://creativecommons.org/publicdomain/zero/1.0/legalcode",
        "Public Domain (CC0 1.0)",
    ),
    "CC-BY-4.0": (
        "http://creativecommons.org/licenses/by/4.0/legalcode",
        "Creative Commons Attribution (CC-BY) 4.0 License",
    ),
    "CC-BY-NC-4.0": (
        "http://creativecommons.org/licenses/by-nc/4.0/legalcode",
        "Creative Commons Attribution Non Commercial (CC-BY-NC) 4.0 License",
    ),
}


def _bare(address: str) -> str:
    address = address.strip().lower().removeprefix("https://").removeprefix("http://")
    return address.removesuffix("/").removesuffix("/legalcode").removesuffix("/")


_BY_ADDRESS = {_bare(url): name for name, (url, _) in LICENSES.items()}


def license_id(value: str) -> str:
    """A licence as a name GBIF knows ("CC0-1.0") when it is one, whether given by name or by
    address; anything else as given."""
    value = (value or "").strip()
    if value in LICENSES:
        return value
    return _BY_ADDRESS.get(_bare(value), value)


def license_url(value: str) -> str:
    """A licence as GBIF reads it in a record: the address of its legal code when GBIF knows it."""
    known = LICENSES.get(license_id(value))
    return known[0] if known else value


def most_restrictive(licenses: Iterable[str]) -> str:
    """The most restrictive of the licences; one GBIF does not know counts as the most restrictive."""
    order = list(LICENSES)
    return max(licenses, key=lambda name: (order.index(name) if name in LICENSES else len(order), name))


@dataclass(frozen=True)
class Provenance:
    """The licence (a name such as "CC0-1.0" or an address; "" when the source gives none) and
    rights holder of a deployment's records, and the dataset they were published in."""

    license: str
    rights_holder: str
    dataset_id: str = ""
    dataset_name: str = ""
    citation: str = ""
    package: CamtrapPackage | None = None


def portal_provenance() -> Provenance:
    return Provenance(license=settings.MONITORING_DATA_LICENSE, rights_holder=settings.MONITORING_PUBLISHER)


def scoped_licenses(descriptor: dict, scope: str) -> list[dict]:
    """The package's ``licenses`` entries for ``scope`` ("data" or "media")."""
    entries = [e for e in descriptor.get("licenses") or [] if isinstance(e, dict)]
    return [e for e in entries if e.get("scope", "data") == scope and (e.get("name") or e.get("path"))]


def rights_holders(descriptor: dict) -> list[str]:
    """The package's rights holders: its ``rightsHolder``, else its contributors with that role."""
    own = descriptor.get("rightsHolder")
    if isinstance(own, str) and own.strip():
        return [own.strip()]
    return [
        str(c["title"])
        for c in descriptor.get("contributors") or []
        if isinstance(c, dict) and c.get("role") == "rightsHolder" and c.get("title")
    ]


def package_provenance(package: CamtrapPackage) -> Provenance:
    descriptor = package.descriptor if isinstance(package.descriptor, dict) else {}
    data = [license_id(str(e.get("name") or e.get("path"))) for e in scoped_licenses(descriptor, "data")]
    return Provenance(
        license=most_restrictive(data) if data else "",
        rights_holder=" | ".join(rights_holders(descriptor)),
        dataset_id=str(descriptor.get("id") or package.package_id or ""),
        dataset_name=str(descriptor.get("title") or package.title or ""),
        citation=str(descriptor.get("bibliographicCitation") or ""),
        package=package,
    )


def provenance_by_deployment(*, deployment_ids: QuerySet | Iterable[int]) -> dict[int, Provenance]:
    """Each deployment's provenance (a few queries, whatever the number of records); ``deployment_ids``
    may be a query of their ids."""
    ids = deployment_ids if isinstance(deployment_ids, QuerySet) else list(deployment_ids)
    links = dict(Deployment.objects.filter(pk__in=ids).values_list("pk", "camtrap_package_id"))
    packages = {
        p.pk: package_provenance(p)
        for p in CamtrapPackage.objects.filter(pk__in={pk for pk in links.values() if pk is not None})
    }
    portal = portal_provenance()
    return {dep: packages.get(pkg, portal) if pkg is not None else portal for dep, pkg in links.items()}
