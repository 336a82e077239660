"""Monitoring pages in plain words and the page's number format: jargon explained, chart labels whole,
the Statbel credit and a structure's description in the language of the page."""

import pytest
from django.utils import translation

from monitoring.charts import bar_chart, label_lines

from .factories import StructureFactory

pytestmark = pytest.mark.django_db


def test_chart_axis_and_values_use_the_decimal_comma_in_dutch():
    with translation.override("nl"):
        svg = bar_chart(chart_id="c", title="t", description="d", labels=["A", "B"], values=[87.93, 12.5])

    assert ">87,9</text>" in svg and "A: 87,9" in svg and "87.93" not in svg


def test_chart_labels_wrap_instead_of_being_cut():
    assert label_lines("Duiker met looprichel Grote Nete", 146) == ["Duiker met looprichel", "Grote Nete"]
    # too long for two lines: whole words, then an ellipsis (the full name is in the table and description)
    assert label_lines("Duiker met looprichel Grote Nete", 120) == ["Duiker met", "looprichel Grote…"]


def test_a_label_that_fits_stays_whole():
    assert label_lines("Ecoduct Kempen", 150) == ["Ecoduct Kempen"]


def test_structure_page_explains_the_jargon_in_plain_words(client):
    structure = StructureFactory()

    html = client.get(f"/monitoring/structures/{structure.slug}/").content.decode()

    assert "<dfn>Valnacht</dfn>" in html and "<dfn>Onafhankelijke passage</dfn>" in html
    assert "Eén nacht (24 uur)" in html


def test_the_structure_description_follows_the_page_language(client):
    structure = StructureFactory(description="Betonnen kokertunnel.", description_en="Concrete box tunnel.")

    assert "Betonnen kokertunnel." in client.get(f"/monitoring/structures/{structure.slug}/").content.decode()
    english = client.get(f"/en/monitoring/structures/{structure.slug}/").content.decode()
    assert "Concrete box tunnel." in english and "Betonnen" not in english
