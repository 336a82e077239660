"""The advice letter: a PDF in the language of the request, rendered with WeasyPrint."""

from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import AdviceRequest


def render(*, advice_request: AdviceRequest, signed_by: User | None) -> bytes:
    """A4 letter with the answer, the place and the measures it concerns.

    WeasyPrint is imported here: importing it costs over half a second.
    """
    from weasyprint import HTML

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
    return HTML(string=html).write_pdf()
