"""The advice letter: a PDF in the language of the request, rendered with WeasyPrint."""

from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.pdf import render_pdf

from .models import AdviceRequest


def render(*, advice_request: AdviceRequest, signed_by: User | None) -> bytes:
    """A4 letter with the answer, the place and the measures it concerns, in the request's language."""
    with translation.override(advice_request.language):
        html = render_to_string(
            "advice/letter_pdf.html",
            {
                "advice_request": advice_request,
                "measures": list(advice_request.measures.all()) if advice_request.pk else [],
                "signed_by": signed_by,
                "today": timezone.localdate(),
            },
        )
        title = f"{gettext('Advice letter')} {advice_request.reference}"
    return render_pdf(html, language=advice_request.language, title=title)
