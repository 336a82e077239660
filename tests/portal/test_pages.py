"""The pages every visitor finds in the footer: contact, accessibility and privacy statements."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accessibility/", "Toegankelijkheidsverklaring"),
        ("/en/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacyverklaring"),
        ("/en/privacy/", "Privacy statement"),
    ],
)
def test_statements_exist_in_both_languages(client, path, heading):
    response = client.get(path)

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_privacy_statement_covers_every_app(client):
    html = client.get("/en/privacy/").content.decode()

    for part in (
        "Meetings",
        "BIODIVA company scan",
        "Fauna-passage monitoring",
        "Advice from the ecologists",
        "Logging in",
        "Your rights",
    ):
        assert f"<h2>{part}</h2>" in html
    assert "for 15 minutes" in html and "24 months after it is closed" in html


def test_every_page_footer_gives_contact_and_the_statements(client, settings):
    settings.CONTACT_EMAIL = "groen@example.org"
    html = client.get("/measures/").content.decode()

    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="mailto:groen@example.org"' in footer
    assert 'href="/accessibility/"' in footer and 'href="/privacy/"' in footer
