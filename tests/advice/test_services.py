"""The rules of a request's life: submission, triage, assignment, visit, answer and clean-up."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from advice import selectors, services
from advice.models import AdviceRequest, Attachment, HistoryEntry, InternalNote
from landscapes.models import Municipality
from tests.landscapes.factories import MeasureFactory
from tests.monitoring.factories import StructureFactory
from tests.pdf_checks import assert_accessible_pdf

from .factories import AdviceRequestFactory, UserFactory, ecologist, fake_pdf, pdf, png

pytestmark = pytest.mark.django_db

BASE = {
    "name": "An Peeters",
    "email": "An@Example.org ",
    "organisation_type": "farmer",
    "topic": "fragmentation",
    "description": "Een drukke weg scheidt mijn weiden van het bos.",
    "consent": True,
}


def submit(**overrides):
    return services.submit_request(**(BASE | overrides))


def test_a_request_on_the_map_gets_its_region_history_and_a_mail_with_the_personal_link(
    region, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        advice_request = submit(latitude=51.15, longitude=4.45, photos=[png()], documents=[pdf()])

    assert advice_request.region == region and advice_request.status == "new"
    assert advice_request.email == "an@example.org"
    assert len(advice_request.token) >= 40
    assert [a.kind for a in advice_request.attachments.all()] == ["photo", "document"]
    assert list(advice_request.history.values_list("action", flat=True)) == ["submitted"]
    (message,) = mail.outbox
    assert message.to == ["an@example.org"]
    assert advice_request.reference in message.subject
    assert f"/advice/request/{advice_request.token}/" in message.body


def test_a_municipality_alone_gives_the_region(region):
    advice_request = submit(municipality=Municipality.objects.get(name="Boom"))
    assert advice_request.region == region


@pytest.mark.parametrize(
    ("location", "field"),
    [
        ({}, "municipality"),
        ({"latitude": 50.0, "longitude": 3.0}, "latitude"),
        ({"latitude": 51.15}, "longitude"),
    ],
)
def test_a_request_needs_a_place_in_the_province(region, location, field):
    with pytest.raises(ValidationError) as error:
        submit(**location)
    assert field in error.value.message_dict
    assert not AdviceRequest.objects.exists()


def test_no_request_without_consent(region):
    with pytest.raises(ValidationError) as error:
        submit(latitude=51.15, longitude=4.45, consent=False)
    assert "consent" in error.value.message_dict
    assert not AdviceRequest.objects.exists() and not mail.outbox


def test_a_file_that_is_not_what_it_says_refuses_the_whole_request(region, settings):
    with pytest.raises(ValidationError) as error:
        submit(latitude=51.15, longitude=4.45, photos=[png()], documents=[fake_pdf()])
    assert "virus.pdf" in error.value.message_dict["documents"][0]
    assert not AdviceRequest.objects.exists() and not Attachment.objects.exists()


def test_at_most_the_configured_number_of_files(region, settings):
    settings.ADVICE_MAX_ATTACHMENTS = 2
    with pytest.raises(ValidationError) as error:
        submit(latitude=51.15, longitude=4.45, photos=[png("a.png"), png("b.png")], documents=[pdf()])
    assert "documents" in error.value.message_dict


def test_accepting_tells_the_requester_and_is_recorded(eco, django_capture_on_commit_callbacks):
    advice_request = AdviceRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.triage(advice_request=advice_request, actor=eco, decision="accept")
    advice_request.refresh_from_db()
    assert advice_request.status == "accepted" and advice_request.closed_at is None
    entry = advice_request.history.get()
    assert (entry.action, entry.actor, entry.status) == ("accepted", eco, "accepted")
    assert "accepted" in mail.outbox[0].subject.lower() or "aanvaard" in mail.outbox[0].subject.lower()


@pytest.mark.parametrize("decision", ["refer", "decline"])
def test_referring_or_declining_needs_a_reason_the_requester_reads(
    eco, decision, django_capture_on_commit_callbacks
):
    advice_request = AdviceRequestFactory()
    with pytest.raises(ValidationError) as refused:
        services.triage(advice_request=advice_request, actor=eco, decision=decision, reason="  ")
    assert refused.value.message_dict == {"reason": ["Zeg waarom, of naar wie: de aanvrager leest dit."]}
    with django_capture_on_commit_callbacks(execute=True):
        services.triage(advice_request=advice_request, actor=eco, decision=decision, reason="Zie ANB.")
    advice_request.refresh_from_db()
    assert advice_request.is_closed and advice_request.closed_at is not None
    assert "Zie ANB." in mail.outbox[0].body


def test_a_reason_over_several_lines_reaches_the_requester_whole_and_the_history_on_one_line(eco):
    """The history's detail is a one-line field (``validate_one_line``); the reason itself keeps
    its lines, and a long one is shortened visibly in the history, never cut off silently."""
    advice_request = AdviceRequestFactory()
    reason = "Dit is voor het ANB.\r\n\r\nBel hen: 03 224 62 62.\n" + "Meer uitleg. " * 30
    services.triage(advice_request=advice_request, actor=eco, decision="refer", reason=reason)
    advice_request.refresh_from_db()
    assert advice_request.decision_reason == reason.strip()
    entry = advice_request.history.get()
    entry.full_clean()
    assert entry.detail.startswith("Dit is voor het ANB. Bel hen: 03 224 62 62. Meer uitleg. Meer")
    assert len(entry.detail) == 300 and entry.detail.endswith("…")


def test_a_request_is_triaged_once(eco):
    advice_request = AdviceRequestFactory()
    services.triage(advice_request=advice_request, actor=eco, decision="accept")
    with pytest.raises(services.AdviceError) as refused:
        services.triage(advice_request=advice_request, actor=eco, decision="decline", reason="Toch niet")
    assert refused.value.code == "already_triaged"


def test_requests_go_only_to_members_of_the_team(eco):
    advice_request = AdviceRequestFactory()
    with pytest.raises(ValidationError) as refused:
        services.assign(advice_request=advice_request, actor=eco, assignee=UserFactory(username="buiten"))
    assert refused.value.message_dict == {
        "assignee": ["Aanvragen kunnen alleen aan leden van het team toegewezen worden."]
    }
    colleague = ecologist("collega")
    services.assign(advice_request=advice_request, actor=eco, assignee=colleague)
    advice_request.refresh_from_db()
    assert advice_request.assigned_to == colleague
    assert advice_request.history.get().action == "assigned"


def test_a_site_visit_is_for_an_accepted_request_and_not_in_the_past(eco, django_capture_on_commit_callbacks):
    advice_request = AdviceRequestFactory()
    next_week = timezone.localdate() + timedelta(days=7)
    with pytest.raises(services.AdviceError) as refused:
        services.plan_site_visit(advice_request=advice_request, actor=eco, on=next_week)
    assert refused.value.code == "not_accepted"
    services.triage(advice_request=advice_request, actor=eco, decision="accept")
    with pytest.raises(ValidationError) as refused:
        services.plan_site_visit(
            advice_request=advice_request, actor=eco, on=timezone.localdate() - timedelta(1)
        )
    assert refused.value.message_dict == {
        "site_visit_on": ["Het plaatsbezoek kan niet in het verleden liggen."]
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_site_visit(advice_request=advice_request, actor=eco, on=next_week)
    advice_request.refresh_from_db()
    assert advice_request.site_visit_on == next_week
    assert mail.outbox[-1].to == [advice_request.email]


def test_links_to_measures_and_a_structure_are_kept_with_the_history(eco):
    advice_request = AdviceRequestFactory()
    hedge = MeasureFactory(slug="hedgerow", name_nl="Haag")
    tunnel = StructureFactory(name="Faunatunnel N16")
    services.link(advice_request=advice_request, actor=eco, measures=[hedge], structure=tunnel)
    advice_request.refresh_from_db()
    assert list(advice_request.measures.all()) == [hedge] and advice_request.structure == tunnel
    assert "Haag" in advice_request.history.get().detail


def _letter_text(advice_request: AdviceRequest) -> str:
    with default_storage.open(advice_request.letter.name, "rb") as fh:
        return "".join(page.extract_text() for page in PdfReader(fh).pages)


@pytest.mark.parametrize(("language", "heading"), [("nl", "Advies:"), ("en", "Advice:")])
def test_the_answer_sends_a_pdf_letter_in_the_language_of_the_request(
    eco, language, heading, django_capture_on_commit_callbacks
):
    advice_request = AdviceRequestFactory(language=language, name="Mia Claes")
    with pytest.raises(services.AdviceError) as refused:
        services.answer(advice_request=advice_request, actor=eco, text="Plant een haag.")
    assert refused.value.code == "not_accepted"
    services.triage(advice_request=advice_request, actor=eco, decision="accept")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(advice_request=advice_request, actor=eco, text="Plant een haag van meidoorn.")

    advice_request.refresh_from_db()
    assert advice_request.status == "answered" and advice_request.answered_at is not None
    assert advice_request.letter.name.startswith("advice/letters/")
    text = _letter_text(advice_request)
    assert heading in text and "Mia Claes" in text and "meidoorn" in text
    (message,) = mail.outbox
    assert "meidoorn" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF-")
    title = {"nl": "Adviesbrief", "en": "Advice letter"}[language]
    assert_accessible_pdf(content, language=language, title=f"{title} {advice_request.reference}")


def test_an_empty_answer_is_refused(eco):
    advice_request = AdviceRequestFactory(status="accepted")
    with pytest.raises(ValidationError) as refused:
        services.answer(advice_request=advice_request, actor=eco, text="   ")
    assert refused.value.message_dict == {"text": ["Schrijf eerst het advies."]}
    advice_request.refresh_from_db()
    assert advice_request.status == "accepted" and not advice_request.letter


def test_notes_are_kept_with_their_author(eco):
    advice_request = AdviceRequestFactory()
    with pytest.raises(ValidationError) as refused:
        services.add_note(advice_request=advice_request, author=eco, text=" ")
    assert refused.value.message_dict == {"text": ["Schrijf eerst de notitie."]}
    note = services.add_note(advice_request=advice_request, author=eco, text="Eerst bellen.")
    assert note.author == eco and advice_request.notes.count() == 1


def test_anonymising_erases_personal_data_of_closed_requests_and_keeps_the_figures(
    region, eco, django_capture_on_commit_callbacks
):
    old = submit(latitude=51.15, longitude=4.45, photos=[png()])
    services.triage(advice_request=old, actor=eco, decision="decline", reason="Buiten opdracht, An.")
    services.add_note(advice_request=old, author=eco, text="An belde nog.")
    recent = AdviceRequestFactory(status="declined", closed_at=timezone.now(), region=region)
    still_open = AdviceRequestFactory(region=region)
    AdviceRequest.objects.filter(pk__in=[old.pk, still_open.pk]).update(
        closed_at=timezone.now() - timedelta(days=800)
    )
    AdviceRequest.objects.filter(pk=still_open.pk).update(closed_at=None)
    photo = old.attachments.get().file.name
    figures_before = selectors.figures()

    with django_capture_on_commit_callbacks(execute=True):
        count = services.anonymise_requests(months=24)

    assert count == 1
    old.refresh_from_db()
    assert (old.name, old.email, old.description, old.decision_reason, old.latitude) == ("", "", "", "", None)
    assert old.anonymised_at is not None and old.token == f"anonymised-{old.pk}"
    assert (old.topic, old.region, old.status) == ("fragmentation", region, "declined")
    assert not default_storage.exists(photo)
    assert not Attachment.objects.filter(request=old).exists()
    assert not InternalNote.objects.filter(request=old).exists()
    assert HistoryEntry.objects.filter(request=old).count() == 2
    for other in (recent, still_open):
        other.refresh_from_db()
        assert other.anonymised_at is None and other.name == "Jan Janssens"
    assert selectors.figures() == figures_before
    assert services.anonymise_requests(months=24) == 0


def test_figures_count_per_region_topic_and_month_with_empty_months(region):
    AdviceRequestFactory.create_batch(2, region=region, topic="fauna_passage")
    AdviceRequestFactory(region=None, topic="plan_forest")
    older = AdviceRequestFactory(region=region, topic="plan_forest")
    now = timezone.localtime()
    three_months_ago = (now.replace(day=15) - timedelta(days=92)).replace(day=15)
    AdviceRequest.objects.filter(pk=older.pk).update(created_at=three_months_ago)

    figures = selectors.figures()

    assert figures["total"] == 4
    assert {r["key"]: r["count"] for r in figures["per_region"]} == {"rupel": 3, None: 1}
    assert {r["key"]: (r["count"], r["share"]) for r in figures["per_topic"]} == {
        "fauna_passage": (2, 100),
        "plan_forest": (2, 100),
    }
    assert [(r["key"], r["count"]) for r in figures["per_month"]] == [
        (f"{three_months_ago:%Y-%m}", 1),
        (f"{three_months_ago + timedelta(days=31):%Y-%m}", 0),
        (f"{three_months_ago + timedelta(days=61):%Y-%m}", 0),
        (f"{now:%Y-%m}", 3),
    ]


def test_stored_files_get_a_random_name_and_the_suffix_of_what_they_were_checked_to_be(region):
    advice_request = submit(
        latitude=51.15, longitude=4.45, photos=[png("foto.html")], documents=[pdf("plan.exe")]
    )
    names = sorted(a.file.name for a in advice_request.attachments.all())
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["pdf", "png"]
    assert all(n.startswith("advice/attachments/") and "foto" not in n and "plan" not in n for n in names)
    assert {a.original_name for a in advice_request.attachments.all()} == {"foto.html", "plan.exe"}


def test_anonymising_also_erases_requests_left_open_without_change_for_the_period(region):
    forgotten = AdviceRequestFactory(region=region)
    recently_touched = AdviceRequestFactory(region=region)
    AdviceRequest.objects.filter(pk=forgotten.pk).update(updated_at=timezone.now() - timedelta(days=800))

    assert services.anonymise_requests(months=24) == 1

    forgotten.refresh_from_db()
    recently_touched.refresh_from_db()
    assert forgotten.anonymised_at is not None and (forgotten.name, forgotten.email) == ("", "")
    assert forgotten.status == "new" and forgotten.region == region
    assert recently_touched.anonymised_at is None and recently_touched.name == "Jan Janssens"
