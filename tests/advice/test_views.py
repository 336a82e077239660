"""The pages per role: the public form, the requester's link, the team's queue (and nobody else)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from advice import services
from advice.models import AdviceRequest
from tests.landscapes.factories import MeasureFactory
from tests.monitoring.factories import StructureFactory

from .factories import AdviceRequestFactory, UserFactory, ecologist, fake_pdf, pdf, png

pytestmark = pytest.mark.django_db

FORM = {
    "name": "An Peeters",
    "email": "an@example.org",
    "organisation_type": "school",
    "organisation": "Basisschool De Linde",
    "topic": "biodiversity",
    "municipality": "Boom",
    "description": "We willen de speelplaats ontharden.",
    "consent": "on",
}


def test_the_form_is_public_in_dutch_and_english(client, region):
    nl = client.get("/advice/").content.decode()
    en = client.get("/en/advice/").content.decode()
    assert "Vraag advies aan de provinciale ecologen" in nl and 'value="Boom"' in nl
    assert "Ask the provincial ecologists for advice" in en and "wildlife crossing" in en


def test_sending_the_form_stores_the_request_and_mails_the_link(
    client, region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/advice/", FORM | {"photos": [png()], "documents": [pdf()]})
    assert response.status_code == 302 and response["Location"] == "/advice/received/"
    advice_request = AdviceRequest.objects.get()
    assert advice_request.region == region and advice_request.attachments.count() == 2
    assert advice_request.language == "nl"
    assert advice_request.token in mail.outbox[0].body
    assert "Bedankt voor je aanvraag" in client.get("/advice/received/").content.decode()
    # The thanks page is for the person who just sent a request only.
    assert client.get("/advice/received/").status_code == 302


def test_an_english_request_is_answered_in_english(client, region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/advice/", FORM)
    assert AdviceRequest.objects.get().language == "en"
    (message,) = mail.outbox
    assert message.subject.startswith("We received your request for advice")
    assert "Follow your request with your personal link" in message.body


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"consent": ""}, "privacyverklaring"),
        ({"municipality": ""}, "Kies de gemeente"),
        ({"municipality": "", "latitude": "50.0", "longitude": "3.0"}, "niet in de provincie Antwerpen"),
        ({"documents": [fake_pdf()]}, "geen PDF"),
        ({"photos": [pdf("foto.jpg")]}, "geen afbeelding"),
        ({"email": "niet-een-adres"}, "geldig e-mailadres"),
    ],
)
def test_bad_input_re_renders_the_form_with_messages_and_stores_nothing(
    client, region, change, field_message
):
    response = client.post("/advice/", FORM | change)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not AdviceRequest.objects.exists() and not mail.outbox


def test_the_form_is_limited_per_client_address(client, region, settings):
    settings.ADVICE_REQUEST_RATE = "2/hour"
    assert client.post("/advice/", FORM).status_code == 302
    assert client.post("/advice/", FORM).status_code == 302
    response = client.post("/advice/", FORM)
    assert response.status_code == 429 and "Te veel aanvragen" in response.content.decode()
    assert AdviceRequest.objects.count() == 2


def test_the_personal_link_shows_progress_and_answer_but_never_internal_notes(client, eco):
    advice_request = AdviceRequestFactory(description="Mijn weiden liggen aan de N16.")
    services.triage(advice_request=advice_request, actor=eco, decision="accept")
    services.assign(advice_request=advice_request, actor=eco, assignee=eco)
    services.add_note(advice_request=advice_request, author=eco, text="GEHEIM: buurman is lastig.")
    services.plan_site_visit(advice_request=advice_request, actor=eco, on=timezone.localdate() + timedelta(3))
    hedge = MeasureFactory(slug="hedgerow", name_nl="Haag")
    tunnel = StructureFactory(slug="n16", name="Faunatunnel N16")
    services.link(advice_request=advice_request, actor=eco, measures=[hedge], structure=tunnel)
    services.answer(advice_request=advice_request, actor=eco, text="Plant een haag van meidoorn.")

    html = client.get(advice_request.get_absolute_url()).content.decode()

    assert "Mijn weiden liggen aan de N16." in html and "Plant een haag van meidoorn." in html
    assert "Beantwoord" in html and "Plaatsbezoek gepland" in html
    assert hedge.get_absolute_url() in html and tunnel.get_absolute_url() in html
    assert "GEHEIM" not in html and eco.last_name not in html
    letter = client.get(f"{advice_request.get_absolute_url()}letter.pdf")
    assert letter.status_code == 200 and b"".join(letter.streaming_content).startswith(b"%PDF-")


def test_a_wrong_or_anonymised_link_finds_nothing(client):
    advice_request = AdviceRequestFactory()
    assert client.get("/advice/request/not-the-token/").status_code == 404
    AdviceRequest.objects.filter(pk=advice_request.pk).update(anonymised_at=timezone.now())
    assert client.get(advice_request.get_absolute_url()).status_code == 404


def test_a_requester_gets_only_their_own_files(client, region):
    mine = services.submit_request(
        name="A",
        email="a@example.org",
        organisation_type="citizen",
        topic="biodiversity",
        description="x",
        consent=True,
        latitude=51.15,
        longitude=4.45,
        photos=[png("tuin.png")],
    )
    theirs = services.submit_request(
        name="B",
        email="b@example.org",
        organisation_type="citizen",
        topic="biodiversity",
        description="y",
        consent=True,
        latitude=51.15,
        longitude=4.45,
        photos=[png("ander.png")],
    )
    own = mine.attachments.get()
    response = client.get(f"{mine.get_absolute_url()}files/{own.pk}/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    other = theirs.attachments.get()
    assert client.get(f"{mine.get_absolute_url()}files/{other.pk}/").status_code == 404


TEAM_PAGES = ["/advice/team/", "/advice/team/figures/", "/advice/team/{pk}/", "/advice/team/{pk}/letter.pdf"]


@pytest.mark.parametrize("path", TEAM_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, path):
    advice_request = AdviceRequestFactory()
    response = client.get(path.format(pk=advice_request.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", TEAM_PAGES)
def test_other_staff_and_requesters_do_not_see_the_queue(client, other_staff, path):
    advice_request = AdviceRequestFactory()
    client.force_login(other_staff)
    assert client.get(path.format(pk=advice_request.pk)).status_code == 403
    client.force_login(UserFactory(username="bedrijf"))
    assert client.get(path.format(pk=advice_request.pk)).status_code == 403


def test_other_staff_cannot_act_on_a_request(client, other_staff):
    advice_request = AdviceRequestFactory()
    client.force_login(other_staff)
    response = client.post(advice_request.get_staff_url(), {"action": "triage", "decision": "accept"})
    assert response.status_code == 403
    advice_request.refresh_from_db()
    assert advice_request.status == "new"


def test_the_queue_lists_open_requests_with_filters(client, eco, region):
    AdviceRequestFactory(topic="fauna_passage", region=region, organisation="Gemeente Boom")
    AdviceRequestFactory(topic="plan_forest", organisation="Bosgroep")
    AdviceRequestFactory(status="declined", organisation="Afgewezen BV")
    client.force_login(eco)
    html = client.get("/advice/team/").content.decode()
    assert "Gemeente Boom" in html and "Bosgroep" in html and "Afgewezen BV" not in html
    html = client.get("/advice/team/?topic=fauna_passage&region=rupel").content.decode()
    assert "Gemeente Boom" in html and "Bosgroep" not in html
    assert "Afgewezen BV" in client.get("/advice/team/?status=all").content.decode()


def test_the_team_triages_assigns_notes_and_answers_from_the_request_page(
    client, eco, django_capture_on_commit_callbacks
):
    colleague = ecologist("collega")
    advice_request = AdviceRequestFactory()
    url = advice_request.get_staff_url()
    client.force_login(eco)

    assert client.post(url, {"action": "triage", "decision": "decline"}).status_code == 400
    assert client.post(url, {"action": "triage", "decision": "accept"}).status_code == 302
    assert client.post(url, {"action": "assign", "assignee": colleague.pk}).status_code == 302
    assert client.post(url, {"action": "note", "text": "Bellen na 17u."}).status_code == 302
    visit = (timezone.localdate() + timedelta(days=5)).isoformat()
    assert client.post(url, {"action": "visit", "site_visit_on": visit}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "answer", "text": "Leg een poel aan."})
    assert response.status_code == 302

    advice_request.refresh_from_db()
    assert advice_request.status == "answered" and advice_request.assigned_to == colleague
    html = client.get(url).content.decode()
    assert "Bellen na 17u." in html and "Leg een poel aan." in html
    history = list(advice_request.history.values_list("action", "actor__username"))
    assert history == [
        ("accepted", "eco"),
        ("assigned", "eco"),
        ("visit_planned", "eco"),
        ("answered", "eco"),
    ]
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"


def test_an_unknown_action_is_refused(client, eco):
    advice_request = AdviceRequestFactory()
    client.force_login(eco)
    assert client.post(advice_request.get_staff_url(), {"action": "delete"}).status_code == 400


def test_the_team_sees_the_figures(client, eco, region):
    AdviceRequestFactory.create_batch(3, region=region, topic="fauna_passage")
    client.force_login(eco)
    html = client.get("/en/advice/team/figures/").content.decode()
    assert "Rupel area" in html and "Design of a wildlife crossing or fauna passage" in html
    assert "3 requests in all." in html


def test_the_form_is_linked_from_the_site_navigation(client, db):
    assert 'href="/advice/"' in client.get("/meetings/").content.decode()


@pytest.mark.parametrize(
    "backend", ["tests.portal.backends.ServerDownBackend", "tests.portal.backends.BrokenMessageBackend"]
)
def test_a_failing_mail_server_never_turns_a_stored_request_into_an_error(
    client, region, settings, backend, django_capture_on_commit_callbacks
):
    settings.EMAIL_DELIVERY_BACKEND = backend
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/advice/", FORM)

    assert response.status_code == 302 and response["Location"] == "/advice/received/"
    assert AdviceRequest.objects.count() == 1
