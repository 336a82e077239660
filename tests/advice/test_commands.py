from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from advice.models import AdviceRequest

from .factories import AdviceRequestFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("anonymise_advice_requests", *args, stdout=out)
    return out.getvalue()


def test_the_command_uses_the_configured_months_and_never_repeats(settings):
    closed_13_months_ago = timezone.now() - timedelta(days=400)
    old = AdviceRequestFactory(status="answered", closed_at=closed_13_months_ago)
    settings.ADVICE_ANONYMISE_AFTER_MONTHS = 24

    assert "Advice requests anonymised: 0" in run()
    assert "Advice requests anonymised: 1" in run("--months", "12")
    assert "Advice requests anonymised: 0" in run("--months", "12")
    assert AdviceRequest.objects.get(pk=old.pk).email == ""
