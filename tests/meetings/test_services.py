import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Meeting, Registration
from meetings.services import RegistrationError
from portal import tasks as portal_tasks
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    RegistrationFactory,
    stakeholder_group,
)

pytestmark = pytest.mark.django_db


def register(meeting, email="an@example.org", **kwargs):
    data = {
        "meeting": meeting,
        "name": "An Peeters",
        "email": email,
        "stakeholder_group": stakeholder_group("farmer"),
        "consent": True,
        "organisation": "Boerenbond",
    }
    return services.register(**(data | kwargs))


def test_registration_confirms_a_seat_and_mails_an_ics_and_personal_link(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(title_nl="Hagen in Boom", capacity=2)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(meeting)

    assert registration.status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@example.org"]
    assert "Hagen in Boom" in message.subject
    assert registration.get_absolute_url() in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Hagen in Boom"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert str(event["STATUS"]) == "CONFIRMED"


def test_email_is_normalised_and_a_second_registration_with_it_is_refused():
    meeting = MeetingFactory()
    register(meeting, email="An@Example.org ")

    with pytest.raises(RegistrationError) as error:
        register(meeting, email="an@example.ORG")

    assert error.value.code == "duplicate"
    assert error.value.field == "email"
    assert meeting.registrations.count() == 1


def test_after_cancelling_the_same_email_may_register_again():
    meeting = MeetingFactory()
    services.cancel_registration(registration=register(meeting))

    assert register(meeting).status == Registration.Status.CONFIRMED


def test_full_meeting_puts_people_on_the_waiting_list_and_tells_them(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    register(meeting, email="first@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        second = register(meeting, email="second@example.org")

    assert second.status == Registration.Status.WAITING
    assert "waiting list" in mail.outbox[-1].body or "wachtlijst" in mail.outbox[-1].body
    assert not mail.outbox[-1].attachments


def test_cancelling_promotes_the_first_person_waiting_in_order_and_mails_them(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(capacity=1)
    first = register(meeting, email="first@example.org")
    second = register(meeting, email="second@example.org")
    third = register(meeting, email="third@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=first)

    assert promoted == [second]
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED and second.promoted_at
    assert third.status == Registration.Status.WAITING
    assert [m.to for m in mail.outbox] == [["second@example.org"]]
    assert mail.outbox[0].attachments


def test_deleting_a_registration_removes_it_and_frees_the_seat():
    meeting = MeetingFactory(capacity=1)
    first = register(meeting, email="first@example.org")
    second = register(meeting, email="second@example.org")

    services.cancel_registration(registration=first, delete=True)

    assert not Registration.objects.filter(pk=first.pk).exists()
    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED


def test_cancelling_someone_waiting_promotes_nobody():
    meeting = MeetingFactory(capacity=1)
    register(meeting, email="first@example.org")
    waiting = register(meeting, email="second@example.org")

    assert services.cancel_registration(registration=waiting) == []


def test_raising_capacity_promotes_people_waiting():
    meeting = MeetingFactory(capacity=1)
    register(meeting, email="first@example.org")
    waiting = register(meeting, email="second@example.org")
    Meeting.objects.filter(pk=meeting.pk).update(capacity=2)
    meeting.refresh_from_db()

    assert services.fill_free_seats(meeting=meeting) == [waiting]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": Meeting.Status.DRAFT}, "not_open"),
        ({"status": Meeting.Status.CANCELLED}, "not_open"),
        ({"registration_deadline": timezone.now() - timedelta(minutes=1)}, "deadline_passed"),
    ],
)
def test_registration_is_refused_when_closed(changes, code):
    meeting = MeetingFactory(**changes)

    with pytest.raises(RegistrationError) as error:
        register(meeting)

    assert error.value.code == code
    assert not mail.outbox


def test_registration_without_consent_is_refused():
    with pytest.raises(RegistrationError) as error:
        register(MeetingFactory(), consent=False)
    assert error.value.field == "consent"


def test_cancelling_a_meeting_mails_everyone_registered_with_a_cancelled_event(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(capacity=1)
    register(meeting, email="first@example.org")
    register(meeting, email="second@example.org")
    RegistrationFactory(meeting=meeting, status=Registration.Status.CANCELLED, email="gone@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_meeting(meeting=meeting)

    assert told == 2
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", "second@example.org"]
    event = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


class RolledBack(Exception):
    """Raised inside the caller's transaction to undo it."""


def _raise_capacity_and_fill_free_seats(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(capacity=2)
    meeting.refresh_from_db()
    return services.fill_free_seats(meeting=meeting)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda meeting, seated: register(MeetingFactory()), id="confirmed"),
        pytest.param(lambda meeting, seated: register(meeting, email="third@example.org"), id="waiting"),
        pytest.param(
            lambda meeting, seated: services.cancel_registration(registration=seated), id="promoted-on-cancel"
        ),
        pytest.param(
            lambda meeting, seated: _raise_capacity_and_fill_free_seats(meeting), id="promoted-on-capacity"
        ),
        pytest.param(
            lambda meeting, seated: services.cancel_meeting(meeting=meeting), id="meeting-cancelled"
        ),
    ],
)
def test_nobody_is_mailed_about_a_change_that_is_rolled_back(change, django_capture_on_commit_callbacks):
    """A caller's transaction (the admin saves in one) that fails after the service ran undoes the
    change: the e-mail about it is not sent either, not even once the test's own callbacks run."""
    meeting = MeetingFactory(capacity=1)
    seated = register(meeting, email="first@example.org")
    register(meeting, email="second@example.org")  # waiting
    before = sorted(Registration.objects.values_list("email", "status"))
    mail.outbox.clear()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RolledBack),
        transaction.atomic(),
    ):
        change(meeting, seated)
        raise RolledBack

    assert sorted(Registration.objects.values_list("email", "status")) == before
    meeting.refresh_from_db()
    assert (meeting.status, meeting.capacity) == (Meeting.Status.PUBLISHED, 1)
    assert [m.to for m in mail.outbox] == []


def test_copy_makes_a_future_draft_with_the_agenda_and_no_people():
    past = MeetingFactory(
        starts_at=timezone.now() - timedelta(days=100), status=Meeting.Status.HELD, minutes="<p>verslag</p>"
    )
    AgendaItemFactory(meeting=past, title_nl="Rondvraag")
    RegistrationFactory(meeting=past)

    copy = services.copy_meeting(meeting=past)

    assert copy.status == Meeting.Status.DRAFT
    assert copy.starts_at > timezone.now()
    assert copy.starts_at.weekday() == past.starts_at.weekday()
    assert list(copy.regions.all()) == list(past.regions.all())
    assert [i.title_nl for i in copy.agenda_items.all()] == ["Rondvraag"]
    assert copy.registrations.count() == 0
    assert copy.minutes == "" and copy.uid != past.uid


def test_minutes_are_sanitised_when_saved():
    meeting = MeetingFactory(
        minutes='<p onclick="x()">Goed <script>alert(1)</script><a href="https://a.be">link</a></p>'
    )

    assert "script" not in meeting.minutes and "onclick" not in meeting.minutes
    assert '<a href="https://a.be"' in meeting.minutes


def test_reminders_go_once_to_confirmed_people_of_meetings_starting_soon():
    soon = MeetingFactory(starts_at=timezone.now() + timedelta(hours=5))
    later = MeetingFactory(starts_at=timezone.now() + timedelta(days=5))
    confirmed = RegistrationFactory(meeting=soon)
    RegistrationFactory(meeting=soon, status=Registration.Status.WAITING)
    RegistrationFactory(meeting=soon, status=Registration.Status.CANCELLED)
    RegistrationFactory(meeting=later)

    assert services.send_reminders(hours=24) == 1
    assert services.send_reminders(hours=24) == 0

    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None


def test_anonymising_erases_personal_data_of_old_meetings_and_keeps_counts():
    old = MeetingFactory(starts_at=timezone.now() - timedelta(days=400), status=Meeting.Status.HELD)
    recent = MeetingFactory(starts_at=timezone.now() - timedelta(days=10), status=Meeting.Status.HELD)
    RegistrationFactory.create_batch(2, meeting=old, attended=True, remarks="vegetarisch")
    kept = RegistrationFactory(meeting=recent)
    old_links = list(old.registrations.values_list("token", flat=True))

    assert services.anonymise_registrations(months=12) == 2
    assert services.anonymise_registrations(months=12) == 0

    for registration in old.registrations.all():
        assert (registration.name, registration.email, registration.remarks) == ("", "", "")
        assert registration.attended and registration.status == Registration.Status.CONFIRMED
    assert old.registrations.filter(status=Registration.Status.CONFIRMED).count() == 2
    assert not Registration.objects.filter(token__in=old_links).exists()
    kept.refresh_from_db()
    assert kept.name and kept.anonymised_at is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_people_racing_for_the_last_seat_never_both_get_it():
    """Real concurrent transactions (PostgreSQL row lock, SQLite write lock), one thread each."""
    meeting = MeetingFactory(capacity=1)
    group = stakeholder_group("resident")
    start = threading.Barrier(2)
    results, errors = [], []

    def attempt(email):
        try:
            start.wait()
            results.append(
                services.register(
                    meeting=meeting, name=email, email=email, stakeholder_group=group, consent=True
                )
            )
        except Exception as exc:  # reported below, the test must see every failure
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(f"p{i}@example.org",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(r.status for r in results) == [Registration.Status.CONFIRMED, Registration.Status.WAITING]
    assert meeting.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_emails_use_the_language_people_registered_in_and_give_the_online_link_to_confirmed_only(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(
        title_nl="Overleg",
        title_en="Meeting",
        capacity=1,
        format=Meeting.Format.ONLINE,
        online_url="https://meet.example.org/room",
    )
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, email="en@example.org", language="en")
        register(meeting, email="nl@example.org", language="nl")

    english, dutch = mail.outbox
    assert english.subject == "Registration confirmed: Meeting" and "Dear An Peeters" in english.body
    assert "https://meet.example.org/room" in english.body
    event = Calendar.from_ical(english.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "https://meet.example.org/room"
    assert "wachtlijst" in dutch.subject and "Beste An Peeters" in dutch.body
    assert "meet.example.org" not in dutch.body


def test_emails_are_plain_text_without_html_entities(django_capture_on_commit_callbacks):
    """Apostrophes and ampersands are common in Flemish names and places ('t Hof, D'hondt & Zoon)."""
    meeting = MeetingFactory(title_nl="Overleg 't Hof", venue_name="Zaal 't Hof & Co")

    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, name="Jan D'hondt & Zoon")

    body = mail.outbox[0].body
    assert "Beste Jan D'hondt & Zoon," in body
    assert "Overleg 't Hof" in body and "Zaal 't Hof & Co" in body
    assert "&#x27;" not in body and "&amp;" not in body


def test_nobody_is_promoted_once_the_meeting_has_started():
    meeting = MeetingFactory(capacity=1, starts_at=timezone.now() - timedelta(minutes=30))
    leaving = RegistrationFactory(meeting=meeting)
    waiting = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)

    promoted = services.cancel_registration(registration=leaving)

    waiting.refresh_from_db()
    assert promoted == [] and waiting.status == Registration.Status.WAITING
    assert mail.outbox == []


def test_minutes_typed_as_plain_text_keep_their_paragraphs():
    meeting = MeetingFactory(minutes="Eerste alinea\nmet een regel.\n\nTweede alinea & <b>vet</b>")
    plain = MeetingFactory(minutes="Eerste alinea\nmet een regel.\n\nTweede alinea & meer")

    assert plain.minutes == "<p>Eerste alinea<br>met een regel.</p>\n\n<p>Tweede alinea &amp; meer</p>"
    assert "<b>vet</b>" in meeting.minutes and "<p>" not in meeting.minutes


def test_a_reminder_that_could_not_be_sent_is_not_marked_and_goes_out_on_the_next_run(settings):
    registration = RegistrationFactory(meeting=MeetingFactory(starts_at=timezone.now() + timedelta(hours=5)))
    settings.EMAIL_DELIVERY_BACKEND = "tests.portal.backends.ServerDownBackend"

    services.send_reminders(hours=24)

    registration.refresh_from_db()
    assert registration.reminded_at is None and mail.outbox == []

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.send_reminders(hours=24)
    services.send_reminders(hours=24)

    registration.refresh_from_db()
    assert registration.reminded_at is not None
    assert [m.to for m in mail.outbox] == [[registration.email]]


def test_a_failed_delivery_is_tried_again_later_with_back_off(settings):
    from celery.exceptions import Retry

    from meetings import tasks

    settings.EMAIL_DELIVERY_BACKEND = "tests.portal.backends.ServerDownBackend"
    settings.EMAIL_RETRY_BACKOFF_SECONDS = 2
    registration = RegistrationFactory()
    task = tasks.send_registration_email
    scheduled = []

    def retry(**options):
        scheduled.append(options)
        return Retry()

    # As a worker runs it: not eagerly, the fourth try.
    task.push_request(id="t-1", is_eager=False, retries=3)
    task.retry = retry
    try:
        with pytest.raises(Retry):
            task.run(registration_id=registration.pk, kind="confirmed")
    finally:
        del task.retry
        task.pop_request()

    assert len(scheduled) == 1
    assert 0 <= scheduled[0]["countdown"] <= 2 * 2**3
    assert isinstance(scheduled[0]["exc"], ConnectionRefusedError)


def test_cancelling_a_meeting_queues_one_mail_out_instead_of_mailing_in_the_request(
    monkeypatch, django_capture_on_commit_callbacks
):
    from meetings import tasks

    meeting = MeetingFactory()
    people = [register(meeting, email=f"p{n}@example.org") for n in range(3)]
    queued = []
    monkeypatch.setattr(portal_tasks, "enqueue", lambda task, **kwargs: queued.append((task, kwargs)) or True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_meeting(meeting=meeting)

    assert told == 3 and mail.outbox == []
    assert [task for task, _ in queued] == [tasks.send_cancellation_mailout]
    assert sorted(queued[0][1]["registration_ids"]) == sorted(p.pk for p in people)


def test_the_calendar_attachment_names_its_charset_and_method_once(django_capture_on_commit_callbacks):
    """Mail readers (Outlook, Gmail) read the attachment's own header: text/calendar, UTF-8, PUBLISH,
    each said once (also when the event holds letters outside ASCII)."""
    import email

    with django_capture_on_commit_callbacks(execute=True):
        register(MeetingFactory(title_nl="Poelen in Niël"))
    parsed = email.message_from_bytes(mail.outbox[0].message().as_bytes())
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    header = " ".join(part["Content-Type"].split()).lower()
    assert header.count("charset") == 1, header
    assert part.get_param("charset").lower() == "utf-8" and part.get_param("method") == "PUBLISH"
    assert part.get_filename() == "meeting.ics"
    assert "Poelen in Niël" in part.get_payload(decode=True).decode("utf-8")


def test_a_reminder_sent_by_the_scheduler_is_in_the_language_of_the_registration(english):
    """Celery beat runs without a request, in whatever language its process has active (English
    here): each e-mail and its calendar follow the registration's language."""
    from meetings import tasks

    soon = timezone.now() + timedelta(hours=5)
    meeting = MeetingFactory(
        title_nl="Overleg",
        title_en="Meeting",
        starts_at=soon,
        format=Meeting.Format.ONLINE,
        online_url="https://meet.example.org/room",
    )
    RegistrationFactory(meeting=meeting, email="en@example.org", language="en")
    RegistrationFactory(meeting=meeting, email="nl@example.org", language="nl")

    assert tasks.queue_due_reminders.apply(kwargs={"hours": 24}).get() == 2

    sent = {message.to[0]: message for message in mail.outbox}
    for address, subject, online in (
        ("en@example.org", "Reminder: Meeting", "Online link: "),
        ("nl@example.org", "Herinnering: Overleg", "Onlinelink: "),
    ):
        message = sent[address]
        assert message.subject == subject
        calendar = Calendar.from_ical(message.attachments[0][1])
        assert str(calendar["X-WR-CALNAME"]) == subject.split(": ")[1]
        assert online in str(calendar.walk("VEVENT")[0]["DESCRIPTION"])


def test_a_meeting_saved_without_regions_gets_the_region_of_its_location_from_the_service(regions):
    """The one place that derives a meeting's regions (the organisers' form only checks)."""
    meeting = services.save_meeting(
        meeting=MeetingFactory.build(latitude=51.3227, longitude=4.9447), regions=[]
    )
    assert [r.slug for r in Meeting.objects.get(pk=meeting.pk).regions.all()] == ["turnhoutse-kempen"]

    chosen = services.save_meeting(meeting=meeting, regions=[regions["kalmthoutse-heide"]])
    assert [r.slug for r in chosen.regions.all()] == ["kalmthoutse-heide"]


def test_a_meeting_without_regions_outside_the_province_is_refused_on_its_regions_and_not_saved(regions):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            services.save_meeting(meeting=MeetingFactory.build(latitude=50.85, longitude=4.35), regions=[])
        assert refused.value.message_dict["regions"] == [
            "Choose at least one region, or give a map location inside the province."
        ]
    assert not Meeting.objects.exists()


def test_a_changed_meeting_gets_the_next_calendar_sequence_and_a_new_one_starts_at_zero(regions):
    """The one place that tells calendar programs a meeting changed (organisers' form and admin)."""
    region = [regions["rupel-zenne-dijle"]]
    meeting = services.save_meeting(meeting=MeetingFactory.build(), regions=region)
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0

    services.save_meeting(meeting=meeting, regions=region, changed=False)
    assert Meeting.objects.get(pk=meeting.pk).sequence == 0
    services.save_meeting(meeting=meeting, regions=region)
    assert Meeting.objects.get(pk=meeting.pk).sequence == 1
