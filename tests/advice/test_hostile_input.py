"""Hostile input to advice requests: a picture disguised as a web page, and a flood of requests
that changes X-Forwarded-For each time. The picture is stored and served as what it is; the flood
spends one budget."""

import pytest

from advice.models import AdviceRequest
from tests.test_uploads import badger

from .test_views import FORM

pytestmark = pytest.mark.django_db


def test_a_photo_named_html_sent_as_html_is_stored_and_served_as_a_png(client, region):
    response = client.post("/advice/", FORM | {"photos": [badger()]})
    assert response.status_code == 302
    advice_request = AdviceRequest.objects.get()
    attachment = advice_request.attachments.get()
    assert attachment.file.name.endswith(".png")
    served = client.get(f"/advice/request/{advice_request.token}/files/{attachment.pk}/")
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"


def test_a_new_x_forwarded_for_per_request_does_not_escape_the_request_limit(client, region, settings):
    settings.ADVICE_REQUEST_RATE = "2/hour"
    answers = [
        client.post("/advice/", FORM, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(3)
    ]
    assert answers == [302, 302, 429]
    assert AdviceRequest.objects.count() == 2


@pytest.mark.parametrize("field", ["name", "organisation", "phone"])
def test_a_line_break_in_a_single_line_field_is_a_field_error_on_the_page_and_the_api(client, region, field):
    value = "Basisschool\r\nBcc: x@example.org"
    response = client.post("/en/advice/", FORM | {field: value})
    assert response.status_code in (200, 400)
    assert response.context["form"].errors[field] == ["Enter this on one line, without line breaks."]
    payload = {key: value for key, value in FORM.items() if key != "consent"} | {"consent": True}
    api = client.post("/api/v1/advice/requests/", payload | {field: value}, content_type="application/json")
    assert api.status_code == 400 and field in api.json()
    assert not AdviceRequest.objects.exists()
