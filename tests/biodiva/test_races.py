"""Concurrent and double submits: one scan in progress per site, one site per name and company."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction

from biodiva import services
from biodiva.models import Scan, Site
from biodiva.questionnaire import current_version

from .factories import BOOM, SiteFactory


def _concurrently(n, work):
    """Run ``work(i)`` in n threads released at once; returns (results, errors).

    The test database on SQLite is shared in memory, where a write that meets another one fails at
    once with "database table is locked" instead of waiting as a database file or PostgreSQL would:
    such a request is sent again, as a browser's second click would arrive a moment later."""
    start = threading.Barrier(n)
    results, errors = [], []

    def attempt(i):
        for _ in range(50):
            try:
                return work(i)
            except OperationalError as exc:
                if "locked" not in str(exc):
                    raise
        return work(i)

    def run(i):
        try:
            start.wait()
            results.append(attempt(i))
        except Exception as exc:  # every failure is reported to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db
def test_a_second_scan_in_progress_is_refused_by_the_database(site, questionnaire):
    Scan.objects.create(site=site, version=current_version())
    with pytest.raises(IntegrityError), transaction.atomic():
        Scan.objects.create(site=site, version=current_version())
    Scan.objects.filter(site=site).update(status=Scan.Status.COMPLETED)
    Scan.objects.create(site=site, version=current_version())  # completed ones do not count


@pytest.mark.django_db(transaction=True)
def test_five_concurrent_new_scans_make_one_scan_in_progress(site, questionnaire, company_user):
    results, errors = _concurrently(5, lambda i: services.start_scan(site=site, user=company_user))
    assert errors == []
    assert len({scan.pk for scan in results}) == 1
    assert site.scans.filter(status=Scan.Status.IN_PROGRESS).count() == 1


@pytest.mark.django_db
def test_when_a_concurrent_request_won_start_scan_returns_its_scan(site, questionnaire, monkeypatch):
    """The lookup missed the scan another request was inserting: the insert fails on the constraint
    and the service answers with that scan instead of an error."""
    other = Scan.objects.create(site=site, version=current_version())
    real_filter = site.scans.filter
    calls = []

    def first_lookup_misses(*args, **kwargs):
        calls.append(1)
        qs = real_filter(*args, **kwargs)
        return qs.none() if len(calls) == 1 else qs

    monkeypatch.setattr(type(site.scans), "filter", lambda self, *a, **k: first_lookup_misses(*a, **k))
    assert services.start_scan(site=site, user=None) == other
    assert site.scans.count() == 1


@pytest.mark.django_db(transaction=True)
def test_five_concurrent_site_forms_make_one_site(company):
    def save(i):
        return services.save_site(site=SiteFactory.build(company=company, name="Werf Boom", **BOOM))

    results, errors = _concurrently(5, save)
    assert len(results) == 1
    assert len(errors) == 4 and all(isinstance(e, ValidationError) for e in errors)
    assert all("name" in e.message_dict for e in errors)
    assert Site.objects.filter(company=company).count() == 1


@pytest.mark.django_db
def test_the_site_form_names_the_field_when_the_name_is_taken(client, regions, company_user, company, site):
    client.force_login(company_user)
    data = {
        "name": site.name,
        "address": "Kerkstraat 1, 2850 Boom",
        "latitude": BOOM["latitude"],
        "longitude": BOOM["longitude"],
        "surface_m2": 1000,
        "sector": "industry",
        "activity": "office",
    }
    response = client.post(f"/en/biodiva/companies/{company.pk}/sites/new/", data)
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Site.objects.filter(company=company).count() == 1
    # another company may use the name
    other = SiteFactory(name=site.name)
    assert other.pk


@pytest.mark.django_db
def test_the_api_refuses_a_taken_site_name_with_the_field_named(client, regions, company_user, company, site):
    client.force_login(company_user)
    data = {
        "company": company.pk,
        "name": site.name,
        "address": "Kerkstraat 1, 2850 Boom",
        "surface_m2": 1000,
        "sector": "industry",
        "activity": "office",
        **BOOM,
    }
    response = client.post("/api/v1/biodiva/sites/", data, content_type="application/json")
    assert response.status_code == 400 and "name" in response.json()
    assert Site.objects.filter(company=company).count() == 1


@pytest.mark.django_db(transaction=True)
def test_five_concurrent_posts_of_the_same_new_site_all_answer_that_site(company, company_user):
    def add(i):
        site = SiteFactory.build(company=company, name="Werf Boom", **BOOM)
        return services.add_site(site=site, user=company_user)

    results, errors = _concurrently(5, add)
    assert errors == []
    assert len({site.pk for site, _created in results}) == 1
    assert sorted(created for _site, created in results) == [False, False, False, False, True]
    assert Site.objects.filter(company=company).count() == 1
