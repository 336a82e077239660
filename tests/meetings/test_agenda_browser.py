"""In a real browser, at phone and desktop width: staff add, reorder and remove agenda items with
buttons, by keyboard, and the saved agenda follows what they see."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from meetings.models import Meeting

from .factories import MeetingFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_add_reorder_and_remove_agenda_items(page, live_server, reference_data, width):
    organiser = UserFactory(username="org", email="org@example.org")
    organiser.groups.add(Group.objects.get_or_create(name="organisers")[0])
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    meeting.agenda_items.create(position=0, time="19:00", title_nl="Welkom")
    meeting.agenda_items.create(position=1, time="19:15", title_nl="Voorstelling")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/?next=/meetings/staff/{meeting.pk}/")
    page.fill("input[name=username]", "org@example.org")
    page.fill("input[name=password]", "secret-pass-123")
    page.locator("main form button[type=submit]").click()

    editor = page.locator("[data-agenda]")
    editor.get_by_role("button", name="Een agendapunt toevoegen").wait_for()  # the script has run
    expect(editor.get_by_label("Volgorde").first).to_be_hidden()
    expect(editor.get_by_label("Dit punt verwijderen").first).to_be_hidden()

    # the empty row gets a title; a new one is added by keyboard
    items = editor.locator(".agenda-item:visible")
    items.nth(2).locator("input[name$='-time']").fill("20:00")
    items.nth(2).locator("input[name$='-title_nl']").fill("Pauze")
    editor.get_by_role("button", name="Een agendapunt toevoegen").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "agenda-3-time"  # focus moves to the new item
    items.nth(3).locator("input[name$='-time']").fill("21:00")
    items.nth(3).locator("input[name$='-title_nl']").fill("Slot")
    # "Slot" moves above "Pauze"; "Welkom" goes
    items.nth(3).get_by_role("button", name="Naar boven").click()
    items.nth(0).get_by_role("button", name="Verwijderen").click()
    assert editor.locator(".agenda-item:visible").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    with page.expect_navigation():
        page.locator("main form.form > button[type=submit]").click()
    errors = page.locator(".error, .form-errors").all_inner_texts()
    assert errors == []
    titles = [i.title_nl for i in meeting.agenda_items.order_by("position")]
    assert titles == ["Voorstelling", "Slot", "Pauze"]
