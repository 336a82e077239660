"""Recording, reviewing, CSV upload and camera pictures, with the permission checks."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from monitoring import services
from monitoring.csv_import import check_csv
from monitoring.models import Media, Observation
from tests.monitoring.factories import T0, DeploymentFactory, ObservationFactory, ecologist, student, taxon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The reasons are checked in English here; the pages test the Dutch ones."""
    with translation.override("en"):
        yield


GOOD_CSV = """timestamp,species,count,direction,outcome,life_stage,sex,identified_by
2025-05-02 23:10,Vulpes vulpes,1,AB,crossing,adult,,Jan
2025-05-03 01:00,steenmarter,2,b_to_a,turned_back,,female,
2025-05-03 02:00,european badger,,,,,,
"""


def jpeg(exif_time: str | None = None, name: str = "cam.jpg") -> SimpleUploadedFile:
    img = Image.new("RGB", (32, 24), "green")
    exif = Image.Exif()
    if exif_time:
        exif.get_ifd(0x8769)[0x9003] = exif_time
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def test_csv_with_only_good_rows_is_saved_in_one_go():
    dep, user = DeploymentFactory(), ecologist()
    check = check_csv(text=GOOD_CSV, deployment=dep)
    assert check.ok, check.errors
    assert services.save_csv(user=user, deployment=dep, check=check) == 3
    saved = {o.taxon.scientific_name: o for o in Observation.objects.all()}
    assert set(saved) == {"Vulpes vulpes", "Martes foina", "Meles meles"}
    assert saved["Vulpes vulpes"].direction == "a_to_b" and saved["Martes foina"].count == 2
    assert saved["Meles meles"].identified_by == user.username


def test_csv_lists_every_bad_row_with_its_reason_and_saves_nothing():
    dep = DeploymentFactory()
    text = GOOD_CSV + (
        "2025-05-03 03:00,dodo,1,,,,,\n"
        "yesterday,Vulpes vulpes,0,sideways,,,,\n"
        "2024-01-01 10:00,Vulpes vulpes,1,,,,,\n"
    )
    check = check_csv(text=text, deployment=dep)
    assert not check.ok
    assert [e.line for e in check.errors] == [5, 6, 7]
    assert "unknown species 'dodo'" in check.errors[0].message
    assert "not a date and time" in check.errors[1].message
    assert "not a whole number from 1 to 2147483647" in check.errors[1].message
    assert "direction 'sideways'" in check.errors[1].message
    assert "outside the deployment" in check.errors[2].message
    with pytest.raises(ValidationError, match="still has rows with errors"):
        services.save_csv(user=ecologist(), deployment=dep, check=check)
    assert Observation.objects.count() == 0


def test_csv_without_the_required_columns_is_refused():
    check = check_csv(text="when;what\n2025-05-02;fox\n", deployment=DeploymentFactory())
    assert not check.ok and "missing columns: timestamp, species" in check.errors[0].message


def test_students_record_only_at_their_deployments_and_wait_for_review():
    mine, other = DeploymentFactory(), DeploymentFactory()
    user = student()
    mine.assigned_students.add(user)
    data = {"taxon": taxon("Meles meles"), "timestamp": T0 + timedelta(hours=3), "count": 1}
    obs = services.create_observation(user=user, deployment=mine, data=data)
    assert obs.review_status == Observation.Status.TO_CHECK and obs.created_by == user
    with pytest.raises(PermissionDenied):
        services.create_observation(user=user, deployment=other, data=data)
    check = check_csv(text=GOOD_CSV, deployment=other)
    with pytest.raises(PermissionDenied):
        services.save_csv(user=user, deployment=other, check=check)


def test_an_observation_outside_the_deployment_is_refused():
    dep = DeploymentFactory()
    with pytest.raises(ValidationError) as refused:
        services.create_observation(
            user=ecologist(),
            deployment=dep,
            data={"taxon": taxon("Meles meles"), "timestamp": T0 - timedelta(days=1)},
        )
    assert list(refused.value.message_dict) == ["timestamp"]


def test_only_ecologists_review():
    obs = ObservationFactory(review_status="to_check")
    with pytest.raises(PermissionDenied):
        services.review_observation(user=student(), observation=obs, status="confirmed")
    services.review_observation(user=ecologist(), observation=obs, status="rejected")
    obs.refresh_from_db()
    assert obs.review_status == "rejected" and obs.reviewed_at is not None


def test_camera_pictures_take_their_time_from_exif():
    dep, user = DeploymentFactory(), ecologist()
    result = services.upload_camera_images(
        user=user, deployment=dep, files=[jpeg("2025:05:03 04:15:00")], taxon=taxon("Vulpes vulpes")
    )
    assert result.errors == []
    media = Media.objects.get()
    assert media.timestamp.isoformat() == "2025-05-03T02:15:00+00:00"  # 04:15 in Brussels
    assert Observation.objects.get().media == media


def test_pictures_without_exif_need_a_time_and_bad_files_store_nothing():
    dep, user = DeploymentFactory(), ecologist()
    fake = SimpleUploadedFile("evil.jpg", b"not a picture", content_type="image/jpeg")
    result = services.upload_camera_images(user=user, deployment=dep, files=[jpeg(), fake])
    reasons = dict(result.errors)
    assert "no EXIF time" in reasons["cam.jpg"] and "evil.jpg" in reasons
    assert Media.objects.count() == 0
    ok = services.upload_camera_images(
        user=user, deployment=dep, files=[jpeg()], fallback_time=T0 + timedelta(hours=1)
    )
    assert ok.errors == [] and Media.objects.count() == 1


def test_an_observation_with_a_photo_keeps_both_together():
    dep, user = DeploymentFactory(), ecologist()
    data = {"taxon": taxon("Meles meles"), "timestamp": T0 + timedelta(hours=2)}
    obs = services.create_observation(user=user, deployment=dep, data=data, photo=jpeg())
    assert obs.media.deployment == dep and obs.level == "media"
    with pytest.raises(ValidationError) as refused:
        services.create_observation(
            user=user, deployment=dep, data=data | {"direction": "sideways"}, photo=jpeg(name="second.jpg")
        )
    assert "direction" in refused.value.message_dict
    assert Media.objects.count() == 1  # the refused observation left no picture behind


def test_uploading_the_same_csv_again_reports_the_rows_stored_already_and_saves_none_twice():
    dep, user = DeploymentFactory(), ecologist()
    services.save_csv(user=user, deployment=dep, check=check_csv(text=GOOD_CSV, deployment=dep))
    again = check_csv(text=GOOD_CSV, deployment=dep)
    assert again.duplicate_lines == [2, 3, 4] and not again.rows and not again.ok
    assert "stored already" in again.errors[0].message
    # one new row among known ones: only it is saved; a corrected comment is still the same record
    more = GOOD_CSV.replace(",Jan\n", ",Jan,\n").replace("identified_by\n", "identified_by,comments\n")
    more += "2025-05-03 03:00,vos,1,,,,,\n"
    more = more.replace(
        "2025-05-03 01:00,steenmarter,2,b_to_a,turned_back,,female,",
        "2025-05-03 01:00,steenmarter,2,b_to_a,turned_back,,female,,gecorrigeerd",
    )
    check = check_csv(text=more, deployment=dep)
    assert check.duplicate_lines == [2, 3, 4] and len(check.rows) == 1
    assert services.save_csv(user=user, deployment=dep, check=check) == 1
    assert Observation.objects.filter(deployment=dep).count() == 4


def test_a_row_repeated_within_the_file_is_saved_once():
    dep, user = DeploymentFactory(), ecologist()
    text = "timestamp,species,count\n2025-05-02 23:10,vos,1\n2025-05-02 23:10,vos,1\n2025-05-02 23:10,vos,2\n"
    check = check_csv(text=text, deployment=dep)
    assert check.duplicate_lines == [3] and len(check.rows) == 2
    assert services.save_csv(user=user, deployment=dep, check=check) == 2


def test_confirming_the_same_preview_twice_saves_the_rows_once():
    """A double confirm (two tabs, a resubmitted form): the second save finds the rows stored."""
    dep, user = DeploymentFactory(), ecologist()
    first, second = check_csv(text=GOOD_CSV, deployment=dep), check_csv(text=GOOD_CSV, deployment=dep)
    assert services.save_csv(user=user, deployment=dep, check=first) == 3
    assert services.save_csv(user=user, deployment=dep, check=second) == 0
    assert Observation.objects.filter(deployment=dep).count() == 3
