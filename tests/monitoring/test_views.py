"""Pages per group: the public sees confirmed aggregates, the team records, ecologists manage."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.models import Media, Observation
from tests.monitoring.factories import (
    T0,
    DeploymentFactory,
    ObservationFactory,
    StructureFactory,
    ecologist,
    student,
    taxon,
)
from tests.monitoring.test_services import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(regions):
    structure = StructureFactory(slug="n16", name="Faunatunnel N16", latitude=51.0875, longitude=4.3665)
    dep = DeploymentFactory(structure=structure)
    ObservationFactory(deployment=dep, taxon=taxon("Martes foina"))
    ObservationFactory(deployment=dep, taxon=taxon("Meles meles"), review_status="to_check")
    return structure, dep


def test_structure_gets_its_region_from_the_lookup(site, regions):
    structure, _ = site
    assert structure.region == regions["rupel-zenne-dijle"]


def test_public_pages_show_only_confirmed_figures_in_dutch_and_english(client, site):
    structure, _ = site
    response = client.get(reverse("monitoring:structure-detail", kwargs={"slug": "n16"}))
    page = response.content.decode()
    assert [s.taxon.scientific_name for s in response.context["figures"].species] == ["Martes foina"]
    assert "steenmarter" in page and "Meles meles" not in page
    assert 'role="img"' in page and "chart-hours-desc" in page
    english = client.get(
        "/en" + reverse("monitoring:structure-detail", kwargs={"slug": "n16"})
    ).content.decode()
    assert "beech marten" in english and "Independent events" in english
    assert client.get(reverse("monitoring:index")).status_code == 200
    assert client.get(reverse("monitoring:compare")).status_code == 200


def test_team_figures_include_entries_to_check(client, site):
    client.force_login(ecologist())
    page = client.get(reverse("monitoring:structure-detail", kwargs={"slug": "n16"})).content.decode()
    assert "Meles meles" in page


def test_region_page_lists_the_structures(client, site, regions):
    page = client.get(regions["rupel-zenne-dijle"].get_absolute_url()).content.decode()
    assert "Faunatunnel N16" in page
    other = client.get(regions["kalmthoutse-heide"].get_absolute_url()).content.decode()
    assert "Faunatunnel N16" not in other


def test_map_geojson_colours_structures_by_use_with_words(client, site):
    data = client.get(reverse("monitoring:map-geojson")).json()
    props = data["features"][0]["properties"]
    assert props["title"] == "Faunatunnel N16" and props["color"].startswith("#")
    assert props["rate"] == 10.0 and "per 100" in props["subtitle"]
    assert data["features"][0]["geometry"]["coordinates"] == [4.3665, 51.0875]


def test_species_search_matches_part_of_any_name(client):
    found = client.get(reverse("monitoring:taxa-json"), {"q": "marter"}).json()["results"]
    assert {t["scientific_name"] for t in found} >= {"Martes foina", "Martes martes"}
    assert client.get(reverse("monitoring:taxa-json"), {"q": "badg"}).json()["results"][0][
        "scientific_name"
    ] == ("Meles meles")


def test_anonymous_users_are_sent_to_log_in_and_students_cannot_manage(client, site):
    _, dep = site
    url = reverse("monitoring:observation-create", kwargs={"pk": dep.pk})
    assert client.get(url).status_code == 302
    client.force_login(student())
    assert client.get(url).status_code == 403
    assert client.get(reverse("monitoring:review")).status_code == 403
    assert client.get(reverse("monitoring:export")).status_code == 403
    assert client.get(reverse("monitoring:structure-create")).status_code == 403


def test_student_logs_an_observation_at_an_assigned_deployment(client, site):
    _, dep = site
    user = student()
    dep.assigned_students.add(user)
    client.force_login(user)
    url = reverse("monitoring:observation-create", kwargs={"pk": dep.pk})
    response = client.post(
        url,
        {
            "species": "wezel",
            "timestamp": "2025-05-02T03:10",
            "count": 2,
            "direction": "a_to_b",
            "outcome": "crossing",
            "another": "1",
        },
    )
    assert response.status_code == 302 and "at=2025-05-02T03:10" in response.url
    obs = Observation.objects.get(taxon__scientific_name="Mustela nivalis")
    assert obs.created_by == user and obs.review_status == "to_check" and obs.count == 2
    mine = client.get(reverse("monitoring:my-observations")).content.decode()
    assert "wezel" in mine and "te controleren" in mine


def test_observation_form_explains_bad_input_and_keeps_it(client, site):
    _, dep = site
    client.force_login(ecologist())
    url = reverse("monitoring:observation-create", kwargs={"pk": dep.pk})
    response = client.post(
        url,
        {
            "species": "marter",
            "timestamp": "2020-01-01T10:00",
            "count": 0,
            "direction": "unknown",
            "outcome": "unknown",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "steenmarter" in page and 'value="marter"' in page  # ambiguous: the choices are listed
    assert "id_timestamp_error" in page and "id_count_error" in page
    assert Observation.objects.count() == 2


def test_csv_upload_previews_then_saves_in_one_transaction(client, site):
    _, dep = site
    client.force_login(ecologist())
    url = reverse("monitoring:csv-upload", kwargs={"pk": dep.pk})
    bad = b"timestamp,species\n2025-05-02 01:00,vos\n2025-05-02 02:00,unicorn\nnot a date,vos\n"
    page = client.post(url, {"file": SimpleUploadedFile("obs.csv", bad)}).content.decode()
    assert "Regel 3" in page and "unicorn" in page and "Regel 4" in page
    assert Observation.objects.count() == 2
    good = b"timestamp;species;count\n2025-05-02 01:00;vos;1\n2025-05-02 02:00;das;3\n"
    preview = client.post(url, {"file": SimpleUploadedFile("obs.csv", good)})
    assert Observation.objects.count() == 2
    csv_text = preview.context["form"].initial["csv_text"]
    response = client.post(url, {"csv_text": csv_text, "confirm": "1"})
    assert response.status_code == 302
    assert Observation.objects.count() == 4
    again = client.post(url, {"file": SimpleUploadedFile("obs.csv", good)}).content.decode()
    assert "2 rijen staan al opgeslagen" in again
    client.post(url, {"csv_text": csv_text, "confirm": "1"})
    assert Observation.objects.count() == 4


def test_image_upload_reads_exif_time(client, site):
    _, dep = site
    client.force_login(ecologist())
    url = reverse("monitoring:image-upload", kwargs={"pk": dep.pk})
    response = client.post(url, {"images": [jpeg("2025:05:03 04:15:00")], "species": "vos", "count": 1})
    assert response.status_code == 302
    media = Media.objects.get()
    assert media.observations.get().taxon.scientific_name == "Vulpes vulpes"


def test_public_never_gets_pictures_of_people(client, site):
    _, dep = site
    person = Media.objects.create(
        deployment=dep, timestamp=T0, file=SimpleUploadedFile("p.jpg", jpeg().read())
    )
    fox = Media.objects.create(deployment=dep, timestamp=T0, file=SimpleUploadedFile("f.jpg", jpeg().read()))
    ObservationFactory(deployment=dep, media=person, taxon=taxon("Homo sapiens"))
    ObservationFactory(deployment=dep, media=fox, timestamp=T0 + timedelta(hours=1))
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": person.pk})).status_code == 404
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": fox.pk})).status_code == 200
    page = client.get(reverse("monitoring:structure-detail", kwargs={"slug": "n16"})).content.decode()
    assert f"/media/{person.pk}/" not in page and f"/media/{fox.pk}/" in page
    # A fox and a walker on one picture: the picture stays private.
    ObservationFactory(
        deployment=dep, media=fox, taxon=taxon("Homo sapiens"), timestamp=T0 + timedelta(hours=1)
    )
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": fox.pk})).status_code == 404
    page = client.get(reverse("monitoring:structure-detail", kwargs={"slug": "n16"})).content.decode()
    assert f"/media/{fox.pk}/" not in page
    outsider = student("other-student")
    client.force_login(outsider)
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": person.pk})).status_code == 404
    dep.assigned_students.add(outsider)
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": person.pk})).status_code == 200
    client.force_login(ecologist())
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": person.pk})).status_code == 200


def test_a_picture_marked_not_public_stays_private_on_pages(client, site):
    _, dep = site
    fox = Media.objects.create(
        deployment=dep, timestamp=T0, file=SimpleUploadedFile("f.jpg", jpeg().read()), file_public=False
    )
    ObservationFactory(deployment=dep, media=fox)  # a confirmed fox, but the file is not public
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": fox.pk})).status_code == 404
    page = client.get(reverse("monitoring:structure-detail", kwargs={"slug": "n16"})).content.decode()
    assert f"/media/{fox.pk}/" not in page
    client.force_login(ecologist())
    assert client.get(reverse("monitoring:media-file", kwargs={"pk": fox.pk})).status_code == 200


@pytest.mark.parametrize("observation", ["", "abc", "99999"])
def test_a_review_of_a_missing_observation_is_not_found(client, site, observation):
    client.force_login(ecologist())
    response = client.post(reverse("monitoring:review"), {"observation": observation, "status": "confirmed"})
    assert response.status_code == 404


def test_ecologist_reviews_and_exports(client, site):
    client.force_login(ecologist())
    queue = client.get(reverse("monitoring:review"))
    obs = queue.context["page"].object_list[0]
    client.post(reverse("monitoring:review"), {"observation": obs.pk, "status": "confirmed"})
    obs.refresh_from_db()
    assert obs.review_status == "confirmed"
    for fmt, member in (("camtrap", "datapackage.json"), ("dwc", "occurrence.txt")):
        response = client.get(reverse("monitoring:export"), {"format": fmt, "structure": site[0].pk})
        assert response["Content-Type"] == "application/zip"
        assert member in zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist()


def test_ecologist_manages_structures_deployments_and_failures(client, regions):
    client.force_login(ecologist())
    response = client.post(
        reverse("monitoring:structure-create"),
        {
            "name": "Ecopijp Boom",
            "slug": "ecopijp-boom",
            "structure_type": "ecopipe",
            "latitude": "51.0875",
            "longitude": "4.3665",
            "crosses": "road",
            "photo": jpeg(),
            "photo_caption": "Ingang",
        },
    )
    assert response.status_code == 302
    structure = StructureFactory._meta.model.objects.get(slug="ecopijp-boom")
    assert structure.region == regions["rupel-zenne-dijle"] and structure.photos.count() == 1
    response = client.post(
        reverse("monitoring:deployment-create"),
        {
            "structure": structure.pk,
            "code": "boom-1",
            "method": "camera",
            "position": "A",
            "start": "2025-05-01T12:00",
            "end": "2025-05-11T12:00",
        },
    )
    dep = structure.deployments.get()
    client.post(
        reverse("monitoring:failure-add", kwargs={"pk": dep.pk}),
        {"start": "2025-05-02T12:00", "end": "2025-05-04T12:00", "reason": "SD card full"},
    )
    assert dep.failures.count() == 1
    bad = client.post(reverse("monitoring:structure-create"), {"name": "", "latitude": "north"})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_region_section_queries_do_not_grow_with_structures(rf, site, regions, django_assert_max_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from monitoring.sections import region_section

    request = rf.get("/")
    request.user = AnonymousUser()
    region = regions["rupel-zenne-dijle"]
    for i in range(5):
        dep = DeploymentFactory(structure=StructureFactory(latitude=51.0875, longitude=4.3665 + i / 1000))
        ObservationFactory(deployment=dep)
    # A constant number: the structures, the cached overview and the region's figures, each
    # with a check for Camtrap DP events classified twice and a read of the deployments' ids, and
    # the animals' ids (read once, then cached).
    with django_assert_max_num_queries(14):
        html = region_section(request=request, region=region)
    assert html.count("<li>") == 6


def test_demo_loads_twice_without_duplicates(regions):
    from monitoring import demo
    from monitoring.models import Deployment, Structure

    demo.load()
    counts = (Structure.objects.count(), Deployment.objects.count(), Observation.objects.count())
    demo.load()
    assert (Structure.objects.count(), Deployment.objects.count(), Observation.objects.count()) == counts
    assert Structure.objects.filter(region__isnull=False).count() == 4
    assert counts[2] > 300


def test_overview_figures_follow_new_data(client, site, django_capture_on_commit_callbacks):
    from monitoring import bulk

    structure, dep = site
    first = client.get(reverse("monitoring:index")).context["rows"][0][1]
    assert first["events"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        bulk.load_observations(
            rows=[
                {
                    "deployment_id": dep.pk,
                    "taxon_id": taxon("Bufo bufo").pk,
                    "timestamp": T0,
                    "review_status": "confirmed",
                }
            ]
        )
    assert client.get(reverse("monitoring:index")).context["rows"][0][1]["events"] == 2
    ObservationFactory(deployment=dep, taxon=taxon("Lutra lutra"))
    assert client.get(reverse("monitoring:index")).context["rows"][0][1]["events"] == 3


def _shows(page: str, word: str) -> bool:
    import re

    return re.search(rf"\b{word}\b", page) is not None


def _statistics_queries(client, url) -> tuple[str, int]:
    """The page, and how many of its queries computed independent events (the costly aggregation)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    return page, sum("LAG(" in q["sql"].upper() for q in queries.captured_queries)


def test_structure_and_region_pages_keep_their_figures_until_the_data_change(
    client, site, regions, django_capture_on_commit_callbacks
):
    from monitoring import bulk

    structure, dep = site
    structure_url = reverse("monitoring:structure-detail", kwargs={"slug": "n16"})
    region_url = regions["rupel-zenne-dijle"].get_absolute_url()
    for url in (structure_url, region_url):
        _page, computed = _statistics_queries(client, url)
        assert computed > 0
        page, computed = _statistics_queries(client, url)
        assert computed == 0, url  # from the cache
        assert "steenmarter" in page and not _shows(page, "egel")

    hedgehog = ObservationFactory(deployment=dep, taxon=taxon("Erinaceus europaeus"))
    for url in (structure_url, region_url):
        page, computed = _statistics_queries(client, url)
        assert computed > 0 and _shows(page, "egel"), url

    hedgehog.delete()
    assert not _shows(_statistics_queries(client, structure_url)[0], "egel")

    with django_capture_on_commit_callbacks(execute=True):
        bulk.load_observations(
            rows=[
                {
                    "deployment_id": dep.pk,
                    "taxon_id": taxon("Erinaceus europaeus").pk,
                    "timestamp": T0 + timedelta(days=2),
                    "review_status": "confirmed",
                }
            ]
        )
    for url in (structure_url, region_url):
        assert _shows(_statistics_queries(client, url)[0], "egel"), url


def test_the_cached_structure_page_shows_the_same_figures_as_computed(client, site):
    structure, dep = site
    ObservationFactory(deployment=dep, taxon=taxon("Martes foina"), timestamp=T0 + timedelta(hours=3))
    client.force_login(ecologist())
    url = reverse("monitoring:structure-detail", kwargs={"slug": "n16"})
    first, second = client.get(url), client.get(url)
    for response in (first, second):
        figures = response.context["figures"]
        assert [(s.taxon.scientific_name, s.records, s.events) for s in figures.species] == [
            ("Martes foina", 2, 2),
            ("Meles meles", 1, 1),
        ]
        assert figures.trap_nights == 10
        assert [d.n for d in response.context["deployments"]] == [3]
        assert response.context["month_rows"][T0.month - 1][1] == 3


def test_the_english_review_queue_names_species_in_english_only(client, site):
    client.force_login(ecologist())
    page = client.get("/en" + reverse("monitoring:review")).content.decode()
    assert "badger" in page and "das ·" not in page and "das (Meles meles)" not in page


def test_an_observation_recorded_without_identified_by_names_who_entered_it(client, site):
    """ "Leave empty for yourself": as the API and the CSV import do."""
    _, dep = site
    user = ecologist()
    user.first_name, user.last_name = "An", "Peeters"
    user.save()
    client.force_login(user)
    url = reverse("monitoring:observation-create", kwargs={"pk": dep.pk})
    response = client.post(
        url,
        {
            "species": "wezel",
            "timestamp": "2025-05-02T03:10",
            "count": 1,
            "direction": "a_to_b",
            "outcome": "crossing",
            "identified_by": "",
        },
    )

    assert response.status_code == 302
    assert Observation.objects.get(taxon__scientific_name="Mustela nivalis").identified_by == "An Peeters"
