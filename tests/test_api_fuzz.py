"""A bounded schemathesis run over the whole API, against the WSGI application in this process.

Every operation of the OpenAPI schema is called with generated valid (positive) and invalid
(negative) input, once as an anonymous client and once as a user who may write in every app (company
member, ecologist, organiser). No answer may be a server error, and every answer must match what the
schema says is sent (body and content type). The examples per operation are few and fixed (and
derandomised), so the run is bounded and repeatable; all failures are reported together.
"""

import json
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

MAX_EXAMPLES = 5
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
APP = get_wsgi_application()


def _openapi() -> dict:
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


@dataclass
class Run:
    """What a run did: the cases sent and, per operation, the first failure found."""

    cases: int = 0
    failures: dict[str, str] = field(default_factory=dict)

    def report(self) -> str:
        lines = [f"{len(self.failures)} operations failed after {self.cases} cases:"]
        lines += [f"--- {label}\n{message}" for label, message in sorted(self.failures.items())]
        return "\n".join(lines)


def fuzz_every_operation(*, headers: dict | None = None, **call_kwargs) -> Run:
    """Send positive and negative cases to every operation; collect failures instead of stopping.

    The WSGI transport hands schemathesis the body as sent, without undoing a ``Content-Encoding`` as
    an HTTP client does, so the cases ask for the plain body (public JSON is gzipped on request)."""
    run = Run()
    headers = {"Accept-Encoding": "identity", **(headers or {})}
    schema = schemathesis.openapi.from_dict(_openapi())
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @FUZZ
            @given(case=operation.as_strategy(generation_mode=mode))
            def send(case):
                run.cases += 1
                case.call_and_validate(checks=CHECKS, headers=headers, **call_kwargs)

            try:
                send()
            except Unsatisfiable:
                continue  # no invalid value exists for this operation's inputs (a free-text path part)
            except (Exception, FailureGroup) as error:  # every failure is reported, none is swallowed
                run.failures[f"{operation.label} ({mode.value})"] = str(error)[:3000]
    return run


@pytest.fixture
def wsgi(db):
    """The application sharing the test's transaction: no connection is closed between requests
    (the Django test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield APP
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(regions):
    """Something behind each list and detail operation: a meeting, a company site with a scan and a
    plan item, a structure with a deployment and observations."""
    from django.contrib.auth.models import Group

    from biodiva.models import ActionPlanItem
    from biodiva.questionnaire import import_questionnaire_file
    from biodiva.services import save_site, start_scan
    from tests.biodiva.conftest import QUESTIONNAIRE
    from tests.biodiva.factories import BOOM, CompanyFactory, SiteFactory, UserFactory
    from tests.landscapes.factories import MeasureFactory
    from tests.meetings.factories import (
        AgendaItemFactory,
        MeetingFactory,
        OutcomeFactory,
        RegistrationFactory,
    )
    from tests.monitoring.factories import DeploymentFactory, ObservationFactory, StructureFactory

    user = UserFactory(username="fuzzer")
    for name in ("ecologists", "organisers"):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    import_questionnaire_file(path=QUESTIONNAIRE)
    company = CompanyFactory(name="Fuzz NV", members=[user])
    site = save_site(site=SiteFactory.build(company=company, name="Werf", **BOOM))
    scan = start_scan(site=site, user=user)
    ActionPlanItem.objects.create(site=site, scan=scan, measure=MeasureFactory(slug="pond"))
    meeting = MeetingFactory(regions=[regions["rupel-zenne-dijle"]])
    AgendaItemFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting)
    OutcomeFactory(meeting=meeting)
    structure = StructureFactory(slug="tunnel-a12", region=regions["rupel-zenne-dijle"])
    deployment = DeploymentFactory(structure=structure, setup_by=user.username)
    ObservationFactory(deployment=deployment, created_by=user)
    return user


@pytest.fixture
def session(api_data, wsgi):
    """Cookies and header of a logged-in browser session of the user who may write everywhere."""
    client = Client()
    client.force_login(api_data)
    token = "a" * 32
    return {"cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}, "token": token}


def test_api_answers_anonymous_clients_without_server_errors(api_data, wsgi):
    run = fuzz_every_operation(app=wsgi)
    assert run.cases > 200
    assert not run.failures, run.report()


def test_api_answers_a_logged_in_writer_without_server_errors(session, wsgi):
    run = fuzz_every_operation(
        app=wsgi, cookies=session["cookies"], headers={"X-CSRFToken": session["token"]}
    )
    assert run.cases > 200
    assert not run.failures, run.report()
