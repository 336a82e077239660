from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from icalendar import Calendar

from tests.admin_checks import (
    assert_add_form_has_its_fields,
    assert_changelist_lists_every_row,
    change_form_data,
)
from tests.meetings.factories import MeetingFactory, OutcomeFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["meeting", "registration", "outcome", "stakeholdergroup"])
def test_admin_lists_and_forms_render(client, model):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    OutcomeFactory(meeting=meeting)

    assert_changelist_lists_every_row(client, "meetings", model)
    assert_add_form_has_its_fields(client, "meetings", model)


def test_admin_reads_an_online_link_typed_without_scheme_as_https(rf):
    from django.contrib.admin.sites import site

    from meetings.models import Meeting

    request = rf.get("/")
    request.user = User.objects.create_superuser("admin", "admin@example.org", "x")
    form_class = site._registry[Meeting].get_form(request)
    assert (
        form_class.base_fields["online_url"].clean("meet.example.org/room") == "https://meet.example.org/room"
    )


def _admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def _meeting_admin_data(client, url, meeting=None, **changes):
    """What the admin's meeting page posts: the meeting's fields and its empty inline rows."""
    from django.utils import timezone

    start = timezone.localtime(meeting.starts_at) if meeting else timezone.localtime() + timedelta(days=20)
    data = {
        "title_nl": meeting.title_nl if meeting else "Overleg in de Kempen",
        "title_en": meeting.title_en if meeting else "",
        "description_nl": "Beschrijving",
        "description_en": "",
        "starts_at_0": start.strftime("%Y-%m-%d"),
        "starts_at_1": "19:00",
        "ends_at_0": start.strftime("%Y-%m-%d"),
        "ends_at_1": "21:00",
        "registration_deadline_0": (start - timedelta(days=2)).strftime("%Y-%m-%d"),
        "registration_deadline_1": "12:00",
        "format": "in_person",
        "venue_name": "Zaal De Schakel",
        "venue_address": "Grote Markt 1, Turnhout",
        "latitude": "51.3227",
        "longitude": "4.9447",
        "online_url": "",
        "capacity": "30",
        "status": "published",
        "minutes": "",
        "attendee_count": "",
        "organisations_present": "",
    }
    if meeting is not None:
        data["regions"] = [str(pk) for pk in meeting.regions.values_list("pk", flat=True)]
    for inline in client.get(url).context["inline_admin_formsets"]:
        formset = inline.formset
        data |= {
            f"{formset.prefix}-TOTAL_FORMS": "0",
            f"{formset.prefix}-INITIAL_FORMS": "0",
            f"{formset.prefix}-MIN_NUM_FORMS": "0",
            f"{formset.prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | changes


def test_a_meeting_added_in_the_admin_without_regions_gets_the_region_of_its_venue(client, regions):
    """The admin saves through services.save_meeting, as the organisers' form does."""
    from meetings.models import Meeting

    client = _admin_client(client)
    url = "/admin/meetings/meeting/add/"
    response = client.post(url, _meeting_admin_data(client, url), follow=True)

    assert response.redirect_chain, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(title_nl="Overleg in de Kempen")
    assert [r.slug for r in meeting.regions.all()] == ["turnhoutse-kempen"]
    shown = [str(m) for m in response.context["messages"]]
    assert f"Regio ingesteld op basis van de kaartlocatie: {meeting.regions.get().name}." in shown


def test_a_meeting_without_regions_outside_the_province_is_refused_on_its_regions_in_the_admin(
    client, regions
):
    from meetings.models import Meeting

    client = _admin_client(client)
    url = "/admin/meetings/meeting/add/"
    response = client.post(url, _meeting_admin_data(client, url, latitude="50.85", longitude="4.35"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["regions"] == [
        "Kies minstens één regio, of geef een kaartlocatie binnen de provincie."
    ]
    assert not Meeting.objects.exists()


def test_a_meeting_moved_in_the_admin_is_a_new_version_for_calendar_programs(client):
    """A changed meeting gets the next calendar sequence (services.save_meeting), so a calendar
    program that has it takes the new time, as after a change on the organisers' form."""
    meeting = MeetingFactory(title_nl="Overleg Boom")
    calendar = reverse("meetings:calendar-meeting", args=[meeting.pk])
    before = Calendar.from_ical(client.get(calendar).content).walk("VEVENT")[0]

    client = _admin_client(client)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    response = client.post(url, _meeting_admin_data(client, url, meeting, starts_at_1="18:00"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    after = Calendar.from_ical(client.get(calendar).content).walk("VEVENT")[0]

    assert str(after["UID"]) == str(before["UID"])
    assert after["DTSTART"].dt != before["DTSTART"].dt
    assert after["SEQUENCE"] > before["SEQUENCE"]


def test_the_admin_refuses_an_online_meeting_without_its_link_as_the_organisers_form_does(client, regions):
    client = _admin_client(client)
    url = "/admin/meetings/meeting/add/"
    response = client.post(url, _meeting_admin_data(client, url, format="online"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["online_url"] == [
        "Een online of hybride overleg heeft een onlinelink nodig."
    ]


def test_raising_capacity_in_the_admin_promotes_people_waiting(client):
    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    client = _admin_client(client)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    response = client.post(url, _meeting_admin_data(client, url, meeting, capacity="2"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_a_document_removed_in_the_admin_takes_its_file_along(client, django_capture_on_commit_callbacks):
    """As on the report page (services.delete_document): no file stays behind that nothing shows."""
    from django.core.files.base import ContentFile

    from meetings.models import MeetingDocument
    from tests.meetings.test_views import minimal_pdf

    meeting = MeetingFactory()
    document = MeetingDocument.objects.create(
        meeting=meeting, title="Verkeerd", file=ContentFile(minimal_pdf(), name="verkeerd.pdf")
    )
    storage, name = document.file.storage, document.file.name
    client = _admin_client(client)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    data = _meeting_admin_data(client, url, meeting)
    data |= {
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "1",
        "documents-0-id": str(document.pk),
        "documents-0-meeting": str(meeting.pk),
        "documents-0-title": document.title,
        "documents-0-DELETE": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not MeetingDocument.objects.exists() and not storage.exists(name)


def _registration_url(registration):
    return f"/admin/meetings/registration/{registration.pk}/change/"


def test_a_registration_cancelled_in_the_admin_gives_its_seat_to_the_first_person_waiting(
    client, django_capture_on_commit_callbacks
):
    """As when someone cancels from their personal link (services.cancel_registration): the person
    waiting gets the seat and an e-mail."""
    from django.core import mail

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1)
    leaving = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(
        meeting=meeting, status=Registration.Status.WAITING, email="wacht@example.org"
    )
    client = _admin_client(client)
    url = _registration_url(leaving)
    data = change_form_data(client, url, status="cancelled")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == Registration.Status.CANCELLED and leaving.cancelled_at
    assert waiting.status == Registration.Status.CONFIRMED and waiting.promoted_at
    assert [m.to for m in mail.outbox] == [["wacht@example.org"]]


@pytest.mark.parametrize("status", ["confirmed", "waiting"])
def test_the_admin_offers_no_seat_outside_the_waiting_list_and_no_other_meeting(client, status):
    """Confirming someone waiting, back to the waiting list, or to another meeting would pass by the
    seat count and the waiting list: only cancelling is offered."""
    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    other = MeetingFactory()
    client = _admin_client(client)
    url = _registration_url(waiting)
    response = client.post(url, change_form_data(client, url, status=status, meeting=str(other.pk)))

    waiting.refresh_from_db()
    assert (waiting.status, waiting.meeting) == (Registration.Status.WAITING, meeting)
    if status == "confirmed":
        assert response.status_code == 200 and "status" in response.context["adminform"].form.errors
    cancelled = RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED)
    form = client.get(_registration_url(cancelled)).context["adminform"].form
    assert "status" not in form.fields and "meeting" not in form.fields


def test_the_admin_checks_in_only_confirmed_seats_as_the_check_in_list_does(client):
    """services.set_attendance: someone on the waiting list is refused on the form; a confirmed seat
    is checked in once the meeting has started."""
    from django.utils import timezone

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1, starts_at=timezone.now() - timedelta(minutes=5))
    seated = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    client = _admin_client(client)

    url = _registration_url(waiting)
    refused = client.post(url, change_form_data(client, url, attended="on"))
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["attended"] == [
        "Alleen wie een bevestigde plaats heeft, kan als aanwezig aangeduid worden."
    ]
    url = _registration_url(seated)
    response = client.post(url, change_form_data(client, url, attended="on"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    seated.refresh_from_db()
    assert (seated.attended, waiting.attended) == (True, False)


def test_the_admin_refuses_a_check_in_before_the_welcome_desk_opens(client, settings):
    settings.MEETINGS_CHECKIN_OPENS_MINUTES = 30
    registration = RegistrationFactory()  # the meeting is in ten days
    client = _admin_client(client)
    url = _registration_url(registration)
    response = client.post(url, change_form_data(client, url, attended="on"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["attended"]
    registration.refresh_from_db()
    assert not registration.attended


ADD_REGISTRATION = "/admin/meetings/registration/add/"


def _registration_add_data(meeting, **changes):
    from tests.meetings.factories import stakeholder_group

    data = {
        "meeting": str(meeting.pk),
        "name": "Els Wouters",
        "email": " Els@Example.org ",
        "organisation": "Boerenbond",
        "stakeholder_group": str(stakeholder_group().pk),
        "remarks": "Belde in",
        "dietary_needs": "",
        "language": "en",
        "consent": "on",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def test_someone_added_in_the_admin_to_a_full_meeting_is_put_on_the_waiting_list_and_told(
    client, django_capture_on_commit_callbacks
):
    """services.register, as on the meeting page: the seat count decides, the person gets the
    waiting-list e-mail in their language, and the admin says what happened."""
    from django.core import mail

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    client = _admin_client(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_REGISTRATION, _registration_add_data(meeting), follow=True)

    assert response.redirect_chain, response.context["adminform"].form.errors
    added = Registration.objects.get(name="Els Wouters")
    assert added.status == Registration.Status.WAITING
    assert (added.email, added.meeting, added.language) == ("els@example.org", meeting, "en")
    assert added.consent_at is not None
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["els@example.org"], f"You are on the waiting list: {meeting.title_en}")
    ]
    shown = [str(m) for m in response.context["messages"]]
    assert "Het overleg is volzet: Els Wouters staat op de wachtlijst en kreeg daarover een e-mail." in shown


def test_someone_added_in_the_admin_to_a_meeting_with_a_free_seat_gets_it_and_a_confirmation(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=2)
    RegistrationFactory(meeting=meeting)
    client = _admin_client(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD_REGISTRATION, _registration_add_data(meeting, language="nl"), follow=True)

    assert response.redirect_chain, response.context["adminform"].form.errors
    added = Registration.objects.get(name="Els Wouters")
    assert added.status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["els@example.org"]]
    assert mail.outbox[0].subject == f"Inschrijving bevestigd: {meeting.title_nl}"
    shown = [str(m) for m in response.context["messages"]]
    assert "Els Wouters heeft een plaats en kreeg een bevestiging per e-mail." in shown


NO_CONSENT = "Om je in te schrijven moet je akkoord gaan met de privacyverklaring."


@pytest.mark.parametrize(
    ("meeting", "changes", "field", "message"),
    [
        ({"status": "draft"}, {}, "__all__", "Inschrijven is niet mogelijk voor dit overleg."),
        (
            {"registration_deadline": timedelta(days=-1)},
            {},
            "__all__",
            "De uiterste inschrijfdatum is voorbij.",
        ),
        ({}, {"consent": None}, "consent", NO_CONSENT),
        ({}, {"email": "AL@example.org"}, "email", None),
    ],
    ids=["draft", "deadline", "consent", "duplicate"],
)
def test_the_admin_refuses_a_registration_the_meeting_page_refuses(client, meeting, changes, field, message):
    """The same checks as services.register, shown on the form; nothing is saved or sent."""
    from django.core import mail
    from django.utils import timezone

    from meetings.models import Registration

    if "registration_deadline" in meeting:
        meeting["registration_deadline"] += timezone.now()
    meeting = MeetingFactory(**meeting)
    RegistrationFactory(meeting=meeting, email="al@example.org")
    client = _admin_client(client)
    response = client.post(ADD_REGISTRATION, _registration_add_data(meeting, **changes))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors.get(field), form.errors
    if message:
        assert form.errors[field] == [message]
    assert not Registration.objects.filter(name="Els Wouters").exists() and not mail.outbox


def test_the_same_address_added_twice_at_once_in_the_admin_is_refused_on_the_form(client, monkeypatch):
    """When the service refuses what the form's check let through a moment earlier (two saves at
    once), the page shows the refusal on the form, as the check would have."""
    from meetings import forms
    from meetings.models import Registration

    meeting = MeetingFactory()
    check = forms.check_registration
    calls = []

    def check_that_misses_the_first_time(**kwargs):
        calls.append(kwargs)
        if len(calls) > 1:
            check(**kwargs)

    monkeypatch.setattr(forms, "check_registration", check_that_misses_the_first_time)
    RegistrationFactory(meeting=meeting, email="els@example.org")
    client = _admin_client(client)
    response = client.post(ADD_REGISTRATION, _registration_add_data(meeting))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"]
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_the_admins_add_page_asks_what_the_meeting_page_asks(client):
    """Status, check-in and dates come from services.register, not from the add page."""
    client = _admin_client(client)
    form = client.get(ADD_REGISTRATION).context["adminform"].form
    assert list(form.fields) == [
        "meeting",
        "name",
        "email",
        "organisation",
        "stakeholder_group",
        "remarks",
        "dietary_needs",
        "language",
        "consent",
    ]


def test_someone_added_in_the_admin_is_mailed_only_once_the_admins_save_is_committed(
    client, django_capture_on_commit_callbacks
):
    """The admin saves in a transaction: the confirmation is queued when it commits, so a worker
    finds the new registration (before, it could look too early, find nobody and send nothing)."""
    from django.core import mail

    meeting = MeetingFactory(capacity=2)
    client = _admin_client(client)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(ADD_REGISTRATION, _registration_add_data(meeting, language="nl"))
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["els@example.org"], f"Inschrijving bevestigd: {meeting.title_nl}")
    ]


def test_the_person_given_a_cancelled_seat_in_the_admin_is_mailed_once_the_save_is_committed(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1)
    leaving = RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING, email="wacht@example.org")
    client = _admin_client(client)
    url = _registration_url(leaving)
    data = change_form_data(client, url, status="cancelled")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["wacht@example.org"]]


def test_the_person_given_a_new_seat_in_the_admin_is_mailed_once_the_save_is_committed(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING, email="wacht@example.org")
    client = _admin_client(client)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    data = _meeting_admin_data(client, url, meeting, capacity="2")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["wacht@example.org"]]


def test_a_registration_deleted_in_the_admin_gives_its_seat_to_the_first_person_waiting(
    client, django_capture_on_commit_callbacks
):
    """The delete page goes through services.cancel_registration(delete=True), as a cancellation
    does: the seat goes to the first person waiting, who is e-mailed."""
    from django.core import mail

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=1)
    leaving = RegistrationFactory(meeting=meeting)
    waiting = Registration.Status.WAITING
    first = RegistrationFactory(meeting=meeting, status=waiting, email="eerst@example.org")
    second = RegistrationFactory(meeting=meeting, status=waiting)
    client = _admin_client(client)
    url = f"/admin/meetings/registration/{leaving.pk}/delete/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Registration.objects.filter(pk=leaving.pk).exists()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED and first.promoted_at
    assert second.status == Registration.Status.WAITING
    assert [m.to for m in mail.outbox] == [["eerst@example.org"]]


def test_registrations_deleted_together_in_the_admin_give_their_seats_to_the_people_waiting(
    client, django_capture_on_commit_callbacks
):
    """The "delete selected" action too: each freed seat goes to the next person waiting, in order,
    and someone waiting who is deleted with them is not mailed."""
    from django.core import mail

    from meetings.models import Registration

    meeting = MeetingFactory(capacity=2)
    leaving = [RegistrationFactory(meeting=meeting), RegistrationFactory(meeting=meeting)]
    status = Registration.Status.WAITING
    waiting = [
        RegistrationFactory(meeting=meeting, status=status, email=f"wacht{n}@example.org") for n in range(4)
    ]
    deleted = [*leaving, waiting[0]]
    other_meeting = MeetingFactory(capacity=1)
    elsewhere = RegistrationFactory(meeting=other_meeting)
    RegistrationFactory(meeting=other_meeting, status=Registration.Status.WAITING, email="ander@example.org")
    client = _admin_client(client)
    data = {
        "action": "delete_selected",
        "_selected_action": [str(r.pk) for r in [*deleted, elsewhere]],
        "post": "yes",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/meetings/registration/", data)

    assert response.status_code == 302
    assert not Registration.objects.filter(pk__in=[r.pk for r in [*deleted, elsewhere]]).exists()
    statuses = {r.email: r.status for r in Registration.objects.all()}
    assert statuses == {
        "wacht1@example.org": Registration.Status.CONFIRMED,
        "wacht2@example.org": Registration.Status.CONFIRMED,
        "wacht3@example.org": Registration.Status.WAITING,
        "ander@example.org": Registration.Status.CONFIRMED,
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ander@example.org",
        "wacht1@example.org",
        "wacht2@example.org",
    ]


@pytest.mark.parametrize("typed", ["al@example.org", " AL@Example.org "])
def test_the_admin_refuses_an_address_already_registered_for_the_meeting_on_the_change_page(client, typed):
    """As services.register refuses a second registration with an address (in any case): a field
    error, not a server error, and nothing saved."""
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="al@example.org")
    registration = RegistrationFactory(meeting=meeting, email="els@example.org")
    client = _admin_client(client)
    url = _registration_url(registration)
    response = client.post(url, change_form_data(client, url, email=typed, name="Els Wouters"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Dit e-mailadres is al ingeschreven voor dit overleg."
    ]
    registration.refresh_from_db()
    assert (registration.email, registration.name) != ("al@example.org", "Els Wouters")
    assert registration.email == "els@example.org"


def test_an_address_changed_in_the_admin_is_stored_as_the_service_stores_it(client):
    """Normalised as services.register normalises it; the registration's own address, a cancelled
    registration's and another meeting's do not count as taken."""
    from meetings.models import Registration

    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="els@example.org", status=Registration.Status.CANCELLED)
    RegistrationFactory(email="els@example.org")
    registration = RegistrationFactory(meeting=meeting, email="e.wouters@example.org")
    client = _admin_client(client)
    url = _registration_url(registration)
    response = client.post(url, change_form_data(client, url, email=" Els@Example.org "))

    assert response.status_code == 302, response.context["adminform"].form.errors
    registration.refresh_from_db()
    assert registration.email == "els@example.org"
    unchanged = client.post(url, change_form_data(client, url, name="Els Wouters"))
    assert unchanged.status_code == 302, unchanged.context["adminform"].form.errors


def test_an_address_taken_meanwhile_is_refused_on_the_change_page(client, monkeypatch):
    """When another registration takes the address between the form's check and the save, the
    page shows the refusal on the form, as the check would have; nothing is saved."""
    from meetings import forms

    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="al@example.org")
    registration = RegistrationFactory(meeting=meeting, email="els@example.org")
    check = forms.address_taken
    calls = []

    def check_that_misses_the_first_time(**kwargs):
        calls.append(kwargs)
        return len(calls) > 1 and check(**kwargs)

    monkeypatch.setattr(forms, "address_taken", check_that_misses_the_first_time)
    client = _admin_client(client)
    url = _registration_url(registration)
    data = change_form_data(client, url, email="al@example.org", name="Els Wouters")
    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Dit e-mailadres is al ingeschreven voor dit overleg."
    ]
    registration.refresh_from_db()
    assert (registration.email, registration.name) == ("els@example.org", registration.name)
    assert registration.name != "Els Wouters"


def test_an_anonymised_registration_is_shown_read_only_and_its_erased_data_cannot_be_typed_back(client):
    from django.utils import timezone

    from meetings import services
    from tests.admin_checks import change_form_data

    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=800))
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save()
    registration = RegistrationFactory(meeting=meeting, name="An Peeters", email="an@example.org")
    assert services.anonymise_registrations(months=12) == 1
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    url = reverse("admin:meetings_registration_change", args=[registration.pk])

    page = client.get(url).content.decode()
    response = client.post(
        url, {**change_form_data(client, url), "name": "An Peeters", "email": "an@example.org"}
    )

    assert 'name="email"' not in page
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.email) == ("", "")
