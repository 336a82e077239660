"""What staff and visitors notice of the meetings' look: a CSV that opens in Belgian Excel, "volzet"
on a full meeting, the waiting-list position in the e-mail and an agenda edited naturally."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, Registration

from .factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
BOM = "\ufeff"


def test_registrations_csv_opens_in_belgian_excel_with_human_labels(organiser_client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, name="Els Aerts", email="els@example.org", organisation="Natuurpunt")

    response = organiser_client.get(reverse("meetings:staff-registrations-csv", args=[meeting.pk]))

    body = response.content.decode("utf-8")
    assert body.startswith(BOM)  # the byte-order mark that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(body.removeprefix(BOM)), delimiter=";"))
    assert rows[0] == [
        "Naam",
        "E-mailadres",
        "Organisatie",
        "Stakeholdergroep",
        "Status",
        "Opmerkingen",
        "Dieetwensen",
        "Aanwezig",
        "Ingeschreven op",
    ]
    assert rows[1][:3] == ["Els Aerts", "els@example.org", "Natuurpunt"]
    assert rows[1][4] == "bevestigd" and rows[1][7] == "nee"


def test_the_meetings_list_says_volzet_when_every_seat_is_taken(client):
    full = MeetingFactory(title_nl="Vol overleg", capacity=1)
    RegistrationFactory(meeting=full, status=Registration.Status.CONFIRMED)
    MeetingFactory(title_nl="Nog plaats", capacity=5)

    html = client.get(reverse("meetings:meeting-list")).content.decode()

    full_card = html[html.index("Vol overleg") : html.index("</li>", html.index("Vol overleg"))]
    other_card = html[html.index("Nog plaats") : html.index("</li>", html.index("Nog plaats"))]
    assert "Volzet" in full_card
    assert "Volzet" not in other_card
    assert "Full" in client.get("/en/meetings/").content.decode()


def test_the_waiting_list_e_mail_gives_the_position(regions, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, status=Registration.Status.CONFIRMED)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    first_waiting_group = Registration.objects.filter(meeting=meeting).first().stakeholder_group
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(
            meeting=meeting,
            name="Jan",
            email="jan@example.org",
            stakeholder_group=first_waiting_group,
            consent=True,
        )

    assert registration.status == Registration.Status.WAITING
    assert "Je staat als 2e op de wachtlijst." in mail.outbox[-1].body


def test_the_agenda_form_shows_no_raw_formset(organiser_client):
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    meeting.agenda_items.create(position=0, time="19:00", title_nl="Welkom")
    meeting.agenda_items.create(position=1, time="19:15", title_nl="Voorstelling")

    html = organiser_client.get(reverse("meetings:staff-meeting-edit", args=[meeting.pk])).content.decode()

    items = html[html.index('<ol class="agenda-items">') : html.index("</ol>", html.index("agenda-items"))]
    assert items.count('<li class="agenda-item">') == 3  # the two items and one empty one
    assert "Agendapunt" in items and "Dit punt verwijderen" in items
    assert "Volgorde 0" not in html


def test_agenda_items_are_saved_in_the_order_given_and_removed_ones_go(organiser_client, regions):
    from .test_views import meeting_form_data

    data = meeting_form_data(
        **{
            "agenda-TOTAL_FORMS": "3",
            "agenda-0-position": "3",
            "agenda-0-time": "20:30",
            "agenda-0-title_nl": "Slot",
            "agenda-1-position": "1",
            "agenda-1-time": "19:00",
            "agenda-1-title_nl": "Welkom",
            "agenda-2-position": "2",
            "agenda-2-time": "19:15",
            "agenda-2-title_nl": "Weg ermee",
            "agenda-2-DELETE": "on",
        }
    )

    assert organiser_client.post(reverse("meetings:staff-meeting-create"), data).status_code == 302
    items = Meeting.objects.get(title_nl="Nieuw overleg").agenda_items.all()
    assert [(i.position, i.title_nl) for i in items] == [(1, "Welkom"), (2, "Slot")]


def test_the_personal_page_shows_the_place_on_the_waiting_list(client):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, status=Registration.Status.CONFIRMED)
    RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)
    second = RegistrationFactory(meeting=meeting, status=Registration.Status.WAITING)

    html = client.get(second.get_absolute_url()).content.decode()

    assert "als 2e in de rij" in html
