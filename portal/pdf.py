"""The one place where the portal turns HTML into PDF (brochures, BIODIVA reports, check-in lists,
advice letters).

Every PDF is tagged PDF/UA-1 (WeasyPrint's ``pdf_variant="pdf/ua-1"``): a structure tree in reading
order (``/StructTreeRoot``, ``/MarkInfo /Marked true``), the title shown by viewers instead of the file
name (``/DisplayDocTitle``) and the document language (``/Lang``). Title and language are given
explicitly, never taken from whatever language happens to be active: a PDF rendered by a background
task, without a request, still declares the language it was asked in.
"""

from typing import Any

PDF_VARIANT = "pdf/ua-1"


def render_pdf(
    html: str,
    *,
    language: str,
    title: str,
    base_url: str | None = None,
    url_fetcher: Any = None,
) -> bytes:
    """Render ``html`` as a tagged PDF/UA-1 document in ``language`` (BCP 47, e.g. ``nl``, ``en``) with
    ``title``. WeasyPrint is imported here: importing it costs over half a second."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).render(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    document.metadata.title = " ".join(title.split()) or None
    document.metadata.lang = language
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
