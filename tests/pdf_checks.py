"""What an accessible PDF must declare (PDF/UA-1), read back with pypdf as a PDF reader would."""

from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


def assert_accessible_pdf(content: bytes, *, language: str, title: str) -> None:
    """Tagged (marked, with a structure tree), in ``language``, titled with ``title`` (a part of it)
    and shown by its title, with the PDF/UA-1 identification in its XMP metadata."""
    reader = PdfReader(BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/MarkInfo" in catalog and catalog["/MarkInfo"]["/Marked"].value is True, "not tagged"
    assert "/StructTreeRoot" in catalog, "no structure tree"
    assert str(catalog.get("/Lang")) == language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert title in (reader.metadata.title or ""), reader.metadata.title
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp
    figures = list(_elements(catalog["/StructTreeRoot"], "/Figure"))
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures), (
        "a picture without alternative text"
    )


def _elements(node, structure_type: str):
    """The structure elements of ``structure_type`` below ``node``, in reading order."""
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            yield from _elements(child, structure_type)
        return
    if not isinstance(node, DictionaryObject):
        return
    if node.get("/S") == structure_type:
        yield node
    if "/K" in node:
        yield from _elements(node["/K"], structure_type)
