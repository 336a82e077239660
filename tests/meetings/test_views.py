from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from landscapes.models import RegionMeasure
from meetings import services
from meetings.models import Meeting, MeetingDocument, Outcome, Registration
from tests.landscapes.factories import MeasureFactory, RegionFactory
from tests.meetings.factories import (
    MeetingFactory,
    OutcomeFactory,
    RegistrationFactory,
    UserFactory,
    stakeholder_group,
)
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    ("meetings:staff-meeting-list", False, "get"),
    ("meetings:staff-meeting-create", False, "get"),
    ("meetings:staff-meeting-create", False, "post"),
    ("meetings:staff-meeting-edit", True, "get"),
    ("meetings:staff-meeting-edit", True, "post"),
    ("meetings:staff-meeting-copy", True, "post"),
    ("meetings:staff-meeting-publish", True, "post"),
    ("meetings:staff-meeting-cancel", True, "get"),
    ("meetings:staff-meeting-cancel", True, "post"),
    ("meetings:staff-registrations", True, "get"),
    ("meetings:staff-registrations", True, "post"),
    ("meetings:staff-registrations-csv", True, "get"),
    ("meetings:staff-checkin-pdf", True, "get"),
    ("meetings:staff-report", True, "get"),
    ("meetings:staff-report", True, "post"),
    ("meetings:staff-outcome-create", True, "get"),
    ("meetings:staff-outcome-create", True, "post"),
    ("meetings:staff-outcome-edit", "outcome", "get"),
    ("meetings:staff-outcome-edit", "outcome", "post"),
    ("meetings:staff-document-delete", "document", "post"),
]


def staff_url(name, arg):
    if arg == "document":
        pdf = ContentFile(minimal_pdf(), name="verslag.pdf")
        return reverse(
            name, args=[MeetingDocument.objects.create(meeting=MeetingFactory(), title="V", file=pdf).pk]
        )
    if arg == "outcome":
        return reverse(name, args=[OutcomeFactory().pk])
    return reverse(name, args=[MeetingFactory().pk] if arg else [])


def test_every_staff_url_is_in_the_permission_list():
    from meetings.urls import urlpatterns

    staff_names = {f"meetings:{p.name}" for p in urlpatterns if p.name.startswith("staff-")}
    assert staff_names == {name for name, _arg, _method in STAFF_URLS}


@pytest.mark.parametrize(("name", "arg", "method"), STAFF_URLS)
def test_anonymous_visitors_are_sent_to_login_from_every_staff_page(client, name, arg, method):
    url = staff_url(name, arg)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "arg", "method"), STAFF_URLS)
def test_users_outside_the_organisers_group_get_403_on_every_staff_page(client, name, arg, method):
    client.force_login(UserFactory(username="someone", organiser=False))
    RegistrationFactory(email="secret@example.org")
    response = getattr(client, method)(staff_url(name, arg))
    assert response.status_code == 403
    assert b"secret@example.org" not in response.content


def test_meetings_page_links_the_staff_area_for_organisers_only(client):
    from django.contrib.auth.models import Permission

    staff_area = reverse("meetings:staff-meeting-list")
    with_permission = UserFactory(username="has-perm")
    with_permission.user_permissions.add(Permission.objects.get(codename="change_meeting"))

    client.force_login(with_permission)
    assert staff_area not in client.get("/meetings/").content.decode()
    client.force_login(UserFactory(username="org", organiser=True))
    assert staff_area in client.get("/meetings/").content.decode()


def test_meeting_list_filters_by_region_and_time(client):
    here, there = RegionFactory(slug="here"), RegionFactory(slug="there")
    MeetingFactory(title_nl="Komend hier", regions=[here])
    MeetingFactory(title_nl="Komend daar", regions=[there])
    MeetingFactory(
        title_nl="Voorbij hier",
        regions=[here],
        starts_at=timezone.now() - timedelta(days=5),
        status=Meeting.Status.HELD,
    )
    MeetingFactory(title_nl="Kladversie", regions=[here], status=Meeting.Status.DRAFT)

    upcoming = client.get(reverse("meetings:meeting-list"), {"region": "here"}).content.decode()
    past = client.get(reverse("meetings:meeting-list"), {"region": "here", "when": "past"}).content.decode()

    assert "Komend hier" in upcoming and "Komend daar" not in upcoming and "Voorbij hier" not in upcoming
    assert "Voorbij hier" in past and "Komend hier" not in past
    assert "Kladversie" not in upcoming + past


def test_draft_meeting_page_is_not_found(client):
    assert client.get(MeetingFactory(status=Meeting.Status.DRAFT).get_absolute_url()).status_code == 404


def test_organisers_preview_a_draft_without_a_registration_form(organiser_client):
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title_nl="Nog geheim")

    response = organiser_client.get(draft.get_absolute_url())
    refused = organiser_client.post(draft.get_absolute_url(), registration_data())

    html = response.content.decode()
    assert response.status_code == 200 and "Nog geheim" in html and "Voorbeeld van een ontwerp" in html
    assert 'name="consent"' not in html
    assert refused.status_code == 400 and not draft.registrations.exists()


def test_meeting_page_hides_attendees_and_the_online_link(client):
    meeting = MeetingFactory(format=Meeting.Format.HYBRID, online_url="https://meet.example.org/secret-room")
    RegistrationFactory(meeting=meeting, name="Jan Janssens", email="jan@example.org")

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert "secret-room" not in html and "Jan Janssens" not in html and "jan@example.org" not in html


def registration_data(**changes):
    data = {
        "name": "An Peeters",
        "email": "an@example.org",
        "organisation": "Boerenbond",
        "stakeholder_group": stakeholder_group("farmer").pk,
        "consent": "on",
    }
    return data | changes


def test_registering_from_the_meeting_page_confirms_and_mails(client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(meeting.get_absolute_url(), registration_data(), follow=True)

    assert response.status_code == 200
    registration = meeting.registrations.get()
    assert registration.status == Registration.Status.CONFIRMED and registration.language == "nl"
    assert registration.token not in response.content.decode()
    assert len(mail.outbox) == 1


def test_thank_you_page_only_follows_a_registration(client):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    thanks = reverse("meetings:registration-received", args=[meeting.pk])

    direct = client.get(thanks)
    client.post(meeting.get_absolute_url(), registration_data())
    after_registering = client.get(thanks).content.decode()

    assert direct.status_code == 302 and direct["Location"] == meeting.get_absolute_url()
    assert "wachtlijst" in after_registering and "is bevestigd" not in after_registering


def test_the_form_shares_the_registration_budget_per_address_with_the_api(client, settings):
    settings.MEETINGS_API_REGISTRATION_RATE = "2/hour"
    meeting = MeetingFactory()

    answers = [
        client.post(meeting.get_absolute_url(), registration_data(email=f"p{n}@example.org")).status_code
        for n in range(3)
    ]
    refused = client.post(meeting.get_absolute_url(), registration_data(email="late@example.org"))

    assert answers == [302, 302, 429]
    assert "Te veel inschrijvingen" in refused.content.decode()
    assert 'value="late@example.org"' in refused.content.decode()
    assert meeting.registrations.count() == 2


def test_registering_twice_rerenders_the_form_with_a_message_on_the_email_field(client):
    meeting = MeetingFactory()
    client.post(meeting.get_absolute_url(), registration_data())

    response = client.post(meeting.get_absolute_url(), registration_data(email="AN@example.org"))

    assert response.status_code == 400
    assert "al ingeschreven" in response.content.decode() or "already registered" in response.content.decode()
    assert response.context["form"].errors["email"]
    assert meeting.registrations.count() == 1


def test_registration_without_consent_keeps_the_input(client):
    meeting = MeetingFactory()
    data = registration_data()
    del data["consent"]

    response = client.post(meeting.get_absolute_url(), data)

    assert response.status_code == 400
    assert response.context["form"].errors["consent"]
    assert 'value="An Peeters"' in response.content.decode()
    assert not meeting.registrations.exists()


def test_too_long_remarks_are_refused_on_the_field(client):
    meeting = MeetingFactory()

    response = client.post(meeting.get_absolute_url(), registration_data(remarks="x" * 2001))

    assert response.status_code == 400
    assert response.context["form"].errors["remarks"]
    assert not meeting.registrations.exists()


def test_closed_meeting_refuses_registration(client):
    meeting = MeetingFactory(registration_deadline=timezone.now() - timedelta(hours=1))

    response = client.post(meeting.get_absolute_url(), registration_data())

    assert response.status_code == 400
    assert not meeting.registrations.exists()


def test_personal_page_shows_the_online_link_to_a_confirmed_person_and_cancels(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(
        format=Meeting.Format.ONLINE, online_url="https://meet.example.org/room", capacity=1
    )
    registration = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)

    assert "https://meet.example.org/room" in client.get(registration.get_absolute_url()).content.decode()
    assert "https://meet.example.org/room" not in client.get(waiting.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(registration.get_absolute_url(), {"action": "cancel", "confirm": "yes"})

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert mail.outbox[-1].to == [waiting.email]


def test_personal_page_of_a_cancelled_meeting_says_so_and_offers_no_link(client):
    meeting = MeetingFactory(format=Meeting.Format.ONLINE, online_url="https://meet.example.org/room")
    registration = RegistrationFactory(meeting=meeting)
    services.cancel_meeting(meeting=meeting)

    html = client.get(registration.get_absolute_url()).content.decode()

    assert "Dit overleg is geannuleerd." in html
    assert "meet.example.org" not in html and 'value="cancel"' not in html
    assert 'value="delete"' in html


def test_personal_link_deletes_the_registration_after_confirming(client):
    registration = RegistrationFactory()

    asked = client.post(registration.get_absolute_url(), {"action": "delete"})
    assert asked.status_code == 200 and "Ja, verwijder mijn inschrijving" in asked.content.decode()
    assert Registration.objects.filter(pk=registration.pk).exists()

    response = client.post(registration.get_absolute_url(), {"action": "delete", "confirm": "yes"})

    assert response.status_code == 302
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert client.get(registration.get_absolute_url()).status_code == 404


def test_personal_calendar_says_tentative_on_the_waiting_list_and_cancelled_after_cancelling(client):
    meeting = MeetingFactory(capacity=1)
    seated = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    gone = RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)

    def status(registration):
        url = reverse("meetings:registration-calendar", args=[registration.token])
        return str(Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]["STATUS"])

    assert [status(r) for r in (seated, waiting, gone)] == ["CONFIRMED", "TENTATIVE", "CANCELLED"]


def test_unknown_token_is_not_found(client):
    assert client.get(reverse("meetings:registration-detail", args=["nope"])).status_code == 404


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_all_meetings_feed_has_stable_uids_urls_utc_times_and_cancelled_status(client):
    published = MeetingFactory(title_nl="Open overleg")
    cancelled = MeetingFactory(title_nl="Afgelast overleg", status=Meeting.Status.CANCELLED)
    MeetingFactory(title_nl="Kladversie", status=Meeting.Status.DRAFT)

    first = parse(client.get(reverse("meetings:calendar-all")))
    second = parse(client.get(reverse("meetings:calendar-all")))

    events = {str(e["SUMMARY"]): e for e in first.walk("VEVENT")}
    assert set(events) == {"Open overleg", "Afgelast overleg"}
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert str(events["Afgelast overleg"]["STATUS"]) == "CANCELLED"
    assert str(events["Open overleg"]["STATUS"]) == "CONFIRMED"
    assert str(events["Open overleg"]["URL"]).endswith(published.get_absolute_url())
    assert events["Open overleg"].decoded("DTSTART") == published.starts_at
    assert events["Open overleg"]["DTSTART"].to_ical().endswith(b"Z")
    assert str(events["Afgelast overleg"]["UID"]).startswith(f"meeting-{cancelled.uid}@")
    assert first["VERSION"] == "2.0" and first["PRODID"]


def test_region_feed_has_only_that_regions_meetings(client):
    here = RegionFactory(slug="here")
    MeetingFactory(title_nl="Hier", regions=[here])
    MeetingFactory(title_nl="Elders")

    calendar = parse(client.get(reverse("meetings:calendar-region", args=["here"])))

    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Hier"]


def test_meeting_feed_never_contains_the_online_link(client):
    meeting = MeetingFactory(format=Meeting.Format.ONLINE, online_url="https://meet.example.org/room")

    response = client.get(reverse("meetings:calendar-meeting", args=[meeting.pk]))

    assert len(parse(response).walk("VEVENT")) == 1
    assert b"meet.example.org" not in response.content


def test_region_section_lists_meetings_and_plans_in_constant_queries(rf, django_assert_max_num_queries):
    from meetings.sections import region_section

    region = RegionFactory()
    for _ in range(3):
        meeting = MeetingFactory(regions=[region])
        OutcomeFactory(meeting=meeting, status=Outcome.Status.REALISED, title_nl="Gerealiseerd plan")
        OutcomeFactory(meeting=meeting, is_public=False, title_nl="Geheim plan")
    OutcomeFactory(meeting=MeetingFactory(regions=[region]), status=Outcome.Status.IDEA)

    with django_assert_max_num_queries(6):
        html = region_section(request=rf.get("/"), region=region)

    assert "Gerealiseerd plan" in html and "Geheim plan" not in html
    assert "3 van 4" in html or "3 of 4" in html


def test_map_overlay_lists_upcoming_meetings_and_located_outcomes(client):
    from meetings.sections import map_overlay

    overlay = map_overlay(request=None)
    MeetingFactory(title_nl="Op de kaart", latitude=51.1, longitude=4.4)
    online = MeetingFactory(
        title_nl="Geen locatie", latitude=None, longitude=None, format=Meeting.Format.ONLINE
    )
    OutcomeFactory(meeting=online, title_nl="Poel", latitude=51.2, longitude=4.5)
    OutcomeFactory(meeting=online, title_nl="Niet publiek", latitude=51.2, longitude=4.5, is_public=False)

    data = client.get(overlay["url"]).json()

    assert overlay["id"] == "meetings"
    titles = {f["properties"]["title"]: f for f in data["features"]}
    assert set(titles) == {"Op de kaart", "Poel"}
    assert titles["Op de kaart"]["geometry"]["coordinates"] == [4.4, 51.1]
    assert titles["Op de kaart"]["properties"]["url"].startswith("/")


def meeting_form_data(**changes):
    start = timezone.localtime() + timedelta(days=20)
    data = {
        "title_nl": "Nieuw overleg",
        "title_en": "New meeting",
        "description_nl": "Beschrijving",
        "starts_at": start.strftime("%Y-%m-%dT19:00"),
        "ends_at": start.strftime("%Y-%m-%dT21:00"),
        "registration_deadline": (start - timedelta(days=2)).strftime("%Y-%m-%dT12:00"),
        "format": "in_person",
        "venue_name": "Zaal De Schakel",
        "venue_address": "Kerkstraat 1, Boom",
        "latitude": "51.0875",
        "longitude": "4.3665",
        "capacity": "30",
        "agenda-TOTAL_FORMS": "1",
        "agenda-INITIAL_FORMS": "0",
        "agenda-0-position": "1",
        "agenda-0-time": "19:00",
        "agenda-0-title_nl": "Welkom",
    }
    return data | changes


def test_organiser_creates_a_meeting_and_the_region_comes_from_the_venue(organiser_client, regions):
    response = organiser_client.post(reverse("meetings:staff-meeting-create"), meeting_form_data())

    assert response.status_code == 302
    meeting = Meeting.objects.get(title_nl="Nieuw overleg")
    assert [r.slug for r in meeting.regions.all()] == ["rupel-zenne-dijle"]
    assert meeting.status == Meeting.Status.DRAFT
    assert timezone.localtime(meeting.starts_at).hour == 19
    assert [i.title_nl for i in meeting.agenda_items.all()] == ["Welkom"]


def test_the_organiser_is_told_the_region_taken_from_the_map_and_the_chosen_groups_are_kept(
    organiser_client, regions
):
    from tests.meetings.factories import stakeholder_group

    group = stakeholder_group("resident")
    data = meeting_form_data(latitude="51.3227", longitude="4.9447", stakeholder_groups=[str(group.pk)])
    response = organiser_client.post(reverse("meetings:staff-meeting-create"), data, follow=True)

    meeting = Meeting.objects.get(title_nl="Nieuw overleg")
    assert [r.slug for r in meeting.regions.all()] == ["turnhoutse-kempen"]
    assert list(meeting.stakeholder_groups.all()) == [group]
    shown = [str(m) for m in response.context["messages"]]
    assert f"Regio ingesteld op basis van de kaartlocatie: {meeting.regions.get().name}." in shown


def test_a_meeting_without_regions_at_a_spot_outside_the_province_is_refused_on_its_regions(
    organiser_client, regions
):
    response = organiser_client.post(
        reverse("meetings:staff-meeting-create"), meeting_form_data(latitude="50.85", longitude="4.35")
    )

    assert response.status_code == 400
    assert "regions" in response.context["form"].errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"latitude": "95"}, "latitude"),
        ({"format": "online"}, "online_url"),
        ({"ends_at": "2020-01-01T10:00"}, "ends_at"),
        ({"latitude": "", "longitude": ""}, "regions"),
        ({"capacity": "0"}, "capacity"),
    ],
)
def test_meeting_form_rejects_bad_input_with_field_errors(organiser_client, changes, field):
    response = organiser_client.post(reverse("meetings:staff-meeting-create"), meeting_form_data(**changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_an_error_on_a_group_of_checkboxes_is_announced_with_the_group(organiser_client):
    response = organiser_client.post(
        reverse("meetings:staff-meeting-create"), meeting_form_data(latitude="", longitude="")
    )

    html = response.content.decode()
    assert 'aria-describedby="id_regions_helptext id_regions_error"' in html
    assert 'id="id_regions_error"' in html


def test_organiser_publishes_copies_and_cancels(organiser_client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    organiser_client.post(reverse("meetings:staff-meeting-publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    organiser_client.post(reverse("meetings:staff-meeting-copy", args=[meeting.pk]))
    assert Meeting.objects.filter(copied_from=meeting, status=Meeting.Status.DRAFT).exists()

    RegistrationFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(reverse("meetings:staff-meeting-cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert len(mail.outbox) == 1


def test_organiser_sees_registrations_exports_csv_and_checks_in(organiser_client):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(minutes=30))
    present = RegistrationFactory(meeting=meeting, name="Els Aerts", email="els@example.org")
    absent = RegistrationFactory(meeting=meeting, organisation="=HYPERLINK(1)")

    page = organiser_client.get(reverse("meetings:staff-registrations", args=[meeting.pk]))
    csv_response = organiser_client.get(reverse("meetings:staff-registrations-csv", args=[meeting.pk]))
    organiser_client.post(
        reverse("meetings:staff-registrations", args=[meeting.pk]), {"attended": [present.pk]}
    )

    assert "els@example.org" in page.content.decode()
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Naam;E-mailadres;Organisatie")
    assert any(line.startswith("Els Aerts;els@example.org") for line in lines)
    assert ";'=HYPERLINK(1);" in csv_response.content.decode("utf-8-sig")
    present.refresh_from_db()
    absent.refresh_from_db()
    assert present.attended and not absent.attended


def test_checkin_list_refuses_someone_without_a_confirmed_seat_as_the_api_does(organiser_client):
    """One rule for the list and the API: a person on the waiting list cannot be checked in."""
    from django.contrib.messages import get_messages
    from django.utils import translation

    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(minutes=30))
    present = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)

    response = organiser_client.post(
        reverse("meetings:staff-registrations", args=[meeting.pk]), {"attended": [present.pk, waiting.pk]}
    )

    with translation.override("nl"):
        refused = translation.gettext("Only people with a confirmed seat can be checked in.")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [refused]
    present.refresh_from_db()
    waiting.refresh_from_db()
    assert not present.attended and not waiting.attended


def test_checkin_list_is_a_pdf_with_the_names(organiser_client):
    from io import BytesIO

    from pypdf import PdfReader

    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, name="Els Aerts")

    response = organiser_client.get(reverse("meetings:staff-checkin-pdf", args=[meeting.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert "Els Aerts" in PdfReader(BytesIO(response.content)).pages[0].extract_text()


def test_report_sanitises_minutes_marks_the_meeting_held_and_publishes(organiser_client, client):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=2))
    data = {
        "minutes": "<p>Goed overleg</p><script>alert(1)</script>",
        "attendee_count": "12",
        "organisations_present": "Natuurpunt\nGemeente Boom",
        "report_published": "on",
    }

    organiser_client.post(reverse("meetings:staff-report", args=[meeting.pk]), data)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.attendee_count == 12
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "<p>Goed overleg</p>" in html and "alert(1)" not in html and "Gemeente Boom" in html


def minimal_pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_report_accepts_a_real_pdf_and_refuses_anything_else(organiser_client):
    meeting = MeetingFactory()
    url = reverse("meetings:staff-report", args=[meeting.pk])

    fake = SimpleUploadedFile("notes.pdf", b"not a pdf at all", content_type="application/pdf")
    refused = organiser_client.post(url, {"upload": "1", "title": "Nep", "file": fake})
    real = SimpleUploadedFile("slides.pdf", minimal_pdf(), content_type="application/pdf")
    accepted = organiser_client.post(url, {"upload": "1", "title": "Presentatie", "file": real})

    assert refused.status_code == 400 and refused.context["document_form"].errors["file"]
    assert accepted.status_code == 302
    assert list(MeetingDocument.objects.values_list("title", flat=True)) == ["Presentatie"]


def test_report_documents_are_only_public_once_the_report_is(organiser_client):
    client = Client()  # anonymous; the ``client`` fixture is the organiser's
    meeting = MeetingFactory(status=Meeting.Status.HELD, starts_at=timezone.now() - timedelta(days=2))
    pdf = SimpleUploadedFile("verslag.pdf", minimal_pdf(), content_type="application/pdf")
    organiser_client.post(
        reverse("meetings:staff-report", args=[meeting.pk]), {"upload": "1", "title": "Verslag", "file": pdf}
    )
    document = MeetingDocument.objects.get(meeting=meeting)

    hidden = client.get(document.get_absolute_url())
    for_organiser = organiser_client.get(document.get_absolute_url())
    Meeting.objects.filter(pk=meeting.pk).update(report_published=True)
    published = client.get(document.get_absolute_url())
    page = client.get(meeting.get_absolute_url()).content.decode()

    assert hidden.status_code == 404
    assert for_organiser.status_code == 200 and for_organiser["Content-Type"] == "application/pdf"
    assert published.status_code == 200 and b"".join(published.streaming_content).startswith(b"%PDF")
    assert f'href="{document.get_absolute_url()}"' in page and document.file.url not in page


def test_organiser_removes_a_document_and_its_file(organiser_client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    document = MeetingDocument.objects.create(
        meeting=meeting, title="Verkeerd", file=ContentFile(minimal_pdf(), name="verkeerd.pdf")
    )
    storage, name = document.file.storage, document.file.name
    page = organiser_client.get(reverse("meetings:staff-report", args=[meeting.pk])).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(reverse("meetings:staff-document-delete", args=[document.pk]))

    assert reverse("meetings:staff-document-delete", args=[document.pk]) in page
    assert response.status_code == 302
    assert not MeetingDocument.objects.exists() and not storage.exists(name)


def test_outcome_measures_are_limited_to_the_regions_landscape_image(organiser_client):
    region = RegionFactory()
    meeting = MeetingFactory(regions=[region])
    own, other = MeasureFactory(slug="hedge"), MeasureFactory(slug="elsewhere")
    RegionMeasure.objects.create(region=region, measure=own, priority=1)
    url = reverse("meetings:staff-outcome-create", args=[meeting.pk])
    data = {"title_nl": "Haag", "description_nl": "Een haag", "status": "planned", "is_public": "on"}

    refused = organiser_client.post(url, data | {"measures": [other.pk]})
    accepted = organiser_client.post(url, data | {"measures": [own.pk], "start_date": "2026-01-01"})

    assert refused.status_code == 400 and "measures" in refused.context["form"].errors
    assert accepted.status_code == 302
    outcome = meeting.outcomes.get()
    assert list(outcome.measures.all()) == [own]


def test_dutch_and_english_meeting_pages(client):
    meeting = MeetingFactory(title_nl="Overleg Boom", title_en="Meeting Boom")

    assert "Overleg Boom" in client.get(meeting.get_absolute_url()).content.decode()
    english = client.get("/en" + meeting.get_absolute_url()).content.decode()
    assert "Meeting Boom" in english and "Register" in english


def test_cached_feed_shows_a_cancellation_at_once(client):
    meeting = MeetingFactory(title_nl="Open overleg")
    before = parse(client.get(reverse("meetings:calendar-all"))).walk("VEVENT")[0]

    services.cancel_meeting(meeting=meeting)
    after = parse(client.get(reverse("meetings:calendar-all"))).walk("VEVENT")[0]

    assert str(before["STATUS"]) == "CONFIRMED"
    assert str(after["STATUS"]) == "CANCELLED" and after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["UID"]) == str(before["UID"])


def test_held_meeting_cannot_be_cancelled(organiser_client):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=3), status=Meeting.Status.HELD)
    RegistrationFactory(meeting=meeting)

    organiser_client.post(reverse("meetings:staff-meeting-cancel", args=[meeting.pk]))

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and not mail.outbox


def test_feed_lines_are_folded_crlf_for_calendar_programs(client):
    MeetingFactory(
        title_nl="Een heel lang overleg over hagen " * 5, description_nl="Lange tekst met é en ü. " * 20
    )

    content = client.get(reverse("meetings:calendar-all")).content

    lines = content.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in content.replace(b"\r\n", b"")


def test_region_page_shows_the_meetings_section(client):
    region = RegionFactory(slug="regio-met-overleg")
    MeetingFactory(title_nl="Overleg in de regio", regions=[region])

    html = client.get(region.get_absolute_url()).content.decode()

    assert "Overleg in de regio" in html


def test_raising_capacity_in_the_staff_form_promotes_people_waiting(
    organiser_client, regions, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1, regions=[regions["rupel-zenne-dijle"]])
    RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    local = timezone.localtime
    data = meeting_form_data(
        title_nl=meeting.title_nl,
        starts_at=local(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        ends_at=local(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        registration_deadline=local(meeting.registration_deadline).strftime("%Y-%m-%dT%H:%M"),
        regions=[regions["rupel-zenne-dijle"].pk],
        capacity="2",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(reverse("meetings:staff-meeting-edit", args=[meeting.pk]), data)

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert mail.outbox[-1].to == [waiting.email]


def test_a_meeting_changed_on_the_staff_form_is_a_new_version_for_calendar_programs(
    organiser_client, regions
):
    meeting = MeetingFactory(regions=[regions["rupel-zenne-dijle"]])
    local = timezone.localtime
    data = meeting_form_data(
        title_nl=meeting.title_nl,
        description_nl=meeting.description_nl,
        title_en=meeting.title_en,
        starts_at=local(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        ends_at=local(meeting.ends_at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        registration_deadline=local(meeting.registration_deadline).strftime("%Y-%m-%dT%H:%M"),
        venue_name=meeting.venue_name,
        venue_address=meeting.venue_address,
        capacity=str(meeting.capacity),
        regions=[regions["rupel-zenne-dijle"].pk],
        **{"agenda-TOTAL_FORMS": "0"},
    )
    url = reverse("meetings:staff-meeting-edit", args=[meeting.pk])
    calendar = reverse("meetings:calendar-meeting", args=[meeting.pk])

    def sequence() -> int:
        return int(Calendar.from_ical(organiser_client.get(calendar).content).walk("VEVENT")[0]["SEQUENCE"])

    before = sequence()
    assert organiser_client.post(url, data).status_code == 302
    moved = sequence()
    assert organiser_client.post(url, data).status_code == 302

    assert moved == before + 1
    assert sequence() == moved, "saved unchanged: calendar programs have nothing new to take"


def test_staff_form_groups_checkboxes_under_a_legend(organiser_client):
    html = organiser_client.get(reverse("meetings:staff-meeting-create")).content.decode()

    assert "<legend>Regio's" in html or "<legend>Regio&#x27;s" in html
    assert '<label for="id_title_nl">' in html


def test_feed_times_follow_brussels_summer_and_winter_time(client):
    brussels = ZoneInfo("Europe/Brussels")
    year = timezone.now().year + 1
    MeetingFactory(title_nl="Zomer", starts_at=datetime(year, 7, 1, 19, 0, tzinfo=brussels))
    MeetingFactory(title_nl="Winter", starts_at=datetime(year, 1, 15, 19, 0, tzinfo=brussels))

    events = {
        str(e["SUMMARY"]): e for e in parse(client.get(reverse("meetings:calendar-all"))).walk("VEVENT")
    }

    assert events["Zomer"]["DTSTART"].to_ical() == f"{year}0701T170000Z".encode()
    assert events["Winter"]["DTSTART"].to_ical() == f"{year}0115T180000Z".encode()


def test_map_says_in_words_that_a_meeting_is_cancelled(client):
    MeetingFactory(title_nl="Gaat door", latitude=51.1, longitude=4.4)
    MeetingFactory(title_nl="Afgelast", latitude=51.2, longitude=4.5, status=Meeting.Status.CANCELLED)

    features = client.get("/meetings/map.geojson").json()["features"]

    subtitles = {f["properties"]["title"]: f["properties"]["subtitle"] for f in features}
    assert subtitles["Afgelast"].startswith("Geannuleerd overleg van ")
    assert subtitles["Gaat door"].startswith("Overleg op ")


@pytest.mark.parametrize(
    "backend", ["tests.portal.backends.ServerDownBackend", "tests.portal.backends.BrokenMessageBackend"]
)
def test_a_failing_mail_server_never_turns_a_saved_registration_into_an_error(client, settings, backend):
    settings.EMAIL_DELIVERY_BACKEND = backend
    meeting = MeetingFactory()

    response = client.post(meeting.get_absolute_url(), registration_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:registration-received", args=[meeting.pk])
    assert meeting.registrations.get().email == "an@example.org"


def test_private_documents_keep_their_permission_check_on_object_storage(organiser_client, settings):
    """With the files in a bucket (no local path, no public address used) the portal still streams a
    document only to whom may see it."""
    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    }
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    pdf = SimpleUploadedFile("verslag.pdf", minimal_pdf(), content_type="application/pdf")
    organiser_client.post(
        reverse("meetings:staff-report", args=[meeting.pk]), {"upload": "1", "title": "Verslag", "file": pdf}
    )
    document = MeetingDocument.objects.get(meeting=meeting)

    hidden = Client().get(document.get_absolute_url())
    for_organiser = organiser_client.get(document.get_absolute_url())

    assert hidden.status_code == 404
    assert for_organiser.status_code == 200
    assert b"".join(for_organiser.streaming_content) == minimal_pdf()


@pytest.mark.parametrize(
    ("prefix", "language", "title"),
    [("", "nl", "Aanwezigheidslijst: Poelen in Boom"), ("/en", "en", "Check-in list: Ponds in Boom")],
)
def test_checkin_list_is_an_accessible_pdf_in_the_language_asked(organiser_client, prefix, language, title):
    meeting = MeetingFactory(title_nl="Poelen in Boom", title_en="Ponds in Boom")
    response = organiser_client.get(f"{prefix}/meetings/staff/{meeting.pk}/check-in.pdf")
    assert_accessible_pdf(response.content, language=language, title=title)


def test_feed_is_the_same_calendar_as_built_in_one_go_and_in_both_languages(client):
    from meetings.ical import build_calendar, build_feed

    MeetingFactory(title_nl="Eerste", title_en="First", starts_at=timezone.now() + timedelta(days=3))
    MeetingFactory(title_nl="Tweede", title_en="Second", format=Meeting.Format.ONLINE)
    MeetingFactory(title_nl="Afgelast", status=Meeting.Status.CANCELLED)
    meetings = Meeting.objects.order_by("starts_at", "id")

    for language in ("nl", "en"):
        with translation.override(language):
            for _ in range(2):  # built, then from the cached events
                assert build_feed(meetings, name="Overleg") == build_calendar(meetings, name="Overleg")


def test_after_one_meeting_changed_only_its_event_is_rebuilt(client, monkeypatch):
    from meetings import ical

    meetings = [MeetingFactory(title_nl=f"Overleg {n}") for n in range(5)]
    first = parse(client.get(reverse("meetings:calendar-all")))
    built = []
    original = ical.build_event
    monkeypatch.setattr(
        ical, "build_event", lambda meeting, **kw: built.append(meeting.pk) or original(meeting, **kw)
    )

    changed = meetings[2]
    changed.title_nl = "Verplaatst overleg"
    changed.save()
    second = parse(client.get(reverse("meetings:calendar-all")))

    assert built == [changed.pk]
    assert len(second.walk("VEVENT")) == len(first.walk("VEVENT")) == 5
    titles = [str(e["SUMMARY"]) for e in second.walk("VEVENT")]
    assert "Verplaatst overleg" in titles and "Overleg 2" not in titles
    english = parse(client.get("/en" + reverse("meetings:calendar-all")))
    assert len(english.walk("VEVENT")) == 5
    assert len(built) == 6  # English events are built for English
