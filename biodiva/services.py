"""Writes: sign-up, sites, filling in and completing scans, the action plan."""

import datetime
import math
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.models import User as AuthUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from landscapes.models import Measure
from landscapes.selectors import region_for_point
from portal.links import site_url

from . import scoring
from .constants import ADVISORS_GROUP, COMPANY_USERS_GROUP
from .models import (
    ActionPlanItem,
    AdvisorNote,
    AdvisorRequest,
    Answer,
    Company,
    Question,
    Scan,
    ScanResult,
    Site,
    Theme,
)
from .questionnaire import current_version, theme_specs, themes_of

SIGNUP_SALT = "biodiva.signup"
# The choice code that rules out the other options of a multiple-choice question.
NONE_CODE = "none"


# Sign-up ------------------------------------------------------------------------------------------


@transaction.atomic
def register_company(*, company_name: str, email: str, password: str) -> AbstractBaseUser | None:
    """An inactive user who is member of a new company, and an e-mail with the link to activate it.

    An address that has an account already is never changed (password, company name) and the
    caller cannot tell the difference: the address gets an e-mail saying someone tried to sign up
    with it, with a fresh confirmation link if the account still waits for one (it is confirmed with
    the password chosen at the first sign-up). An account whose confirmation was not done within
    ``BIODIVA_SIGNUP_CONFIRM_DAYS`` is removed first, so the address can start afresh. Links are on
    ``SITE_URL`` (``portal.links``). Returns the new user, or None.
    """
    User = get_user_model()
    expired_before = timezone.now() - datetime.timedelta(days=settings.BIODIVA_SIGNUP_CONFIRM_DAYS)
    stale_signups = unconfirmed_signups(email=email).filter(
        date_joined__lt=expired_before, groups__name=COMPANY_USERS_GROUP, is_staff=False
    )
    for stale in stale_signups:
        for company in stale.biodiva_companies.all():
            if company.members.count() == 1:
                company.delete()
        stale.delete()
    existing = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).order_by("pk").first()
    if existing is not None:
        make_password(password)  # the same work as a new account, so the answer time tells nothing
        _mail_signup_attempt(user=existing, email=email)
        return None
    user = User.objects.create_user(username=email, email=email, password=password, is_active=False)
    user.groups.add(Group.objects.get_or_create(name=COMPANY_USERS_GROUP)[0])
    company = Company.objects.create(name=company_name)
    company.members.add(user)
    body = render_to_string(
        "biodiva/email/confirm.txt",
        {
            "company": company,
            "link": _confirm_link(user),
            "days": settings.BIODIVA_SIGNUP_CONFIRM_DAYS,
        },
    )
    _mail_on_commit(_("Confirm your BIODIVA account"), body, email)
    return user


def _signup_token(user: AbstractBaseUser) -> str:
    return signing.dumps({"user": user.pk}, salt=SIGNUP_SALT)


def _confirm_link(user: AbstractBaseUser) -> str:
    return site_url(reverse("biodiva:signup-confirm", args=[_signup_token(user)]))


def _mail_on_commit(subject: str, body: str, email: str) -> None:
    transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=False))


def _mail_signup_attempt(*, user: AbstractBaseUser, email: str) -> None:
    """Tell the owner of an address that someone signed up with it (nothing was changed)."""
    waiting = not user.is_active and user.last_login is None
    body = render_to_string(
        "biodiva/email/signup_attempt.txt",
        {
            "waiting": waiting,
            "link": _confirm_link(user) if waiting else "",
            "login_url": site_url(reverse(settings.LOGIN_URL)),
            "days": settings.BIODIVA_SIGNUP_CONFIRM_DAYS,
        },
    )
    _mail_on_commit(_("Someone signed up for BIODIVA with your address"), body, email)


def unconfirmed_signups(*, email: str):
    """Accounts for this address that were never confirmed nor used."""
    return get_user_model().objects.filter(
        Q(username__iexact=email) | Q(email__iexact=email), is_active=False, last_login__isnull=True
    )


def signup_user(*, token: str) -> AuthUser:
    """The not yet confirmed user a confirmation link was made for.

    Raises ValidationError on a bad or expired link (codes ``invalid``, ``expired``) and on one
    whose account is active already (``used``): the link is no way to log in.
    """
    try:
        data = signing.loads(
            token, salt=SIGNUP_SALT, max_age=datetime.timedelta(days=settings.BIODIVA_SIGNUP_CONFIRM_DAYS)
        )
    except signing.SignatureExpired:
        raise ValidationError(
            _("This confirmation link has expired. Sign up again."), code="expired"
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This confirmation link is not valid."), code="invalid") from None
    user = get_user_model().objects.filter(pk=data.get("user")).first()
    if user is None:
        raise ValidationError(_("This confirmation link is not valid."), code="invalid")
    if user.is_active:
        raise ValidationError(
            _("This account is confirmed already. Log in with your e-mail address and password."),
            code="used",
        )
    return user


def confirm_signup(*, token: str, password: str) -> AuthUser:
    """Activate the account of a confirmation link, given the password chosen at sign-up.

    Asking for the password stops a stranger who signed up with someone else's address from
    getting an account they can log in to, should the owner of the address click the link.
    """
    user = signup_user(token=token)
    if not user.check_password(password):
        raise ValidationError(
            _("This is not the password chosen when signing up. Sign up again to choose a new one."),
            code="wrong_password",
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


# Sites --------------------------------------------------------------------------------------------


def delete_site(*, site: Site) -> None:
    """Delete a site with its scans, answers, results and plan (the caller checked ``may_delete_site``)."""
    site.delete()


def save_site(*, site: Site) -> Site:
    """Save the site with the region its location falls in (the overview map's lookup).

    A company's site names are unique (a database constraint): a second site with the same name,
    also from a form submitted twice at once, is refused with the ``name`` field named.
    """
    site.region = region_for_point(lon=site.longitude, lat=site.latitude)
    taken = ValidationError({"name": _("This company has a site with this name already.")}, code="unique")
    if Site.objects.filter(company_id=site.company_id, name=site.name).exclude(pk=site.pk).exists():
        raise taken
    site.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            site.save()
    except IntegrityError:
        if Site.objects.filter(company_id=site.company_id, name=site.name).exclude(pk=site.pk).exists():
            raise taken from None
        raise
    return site


# A new site that repeats one the same user added this recently, with the same data, is that site
# (a double-click, or the form sent again from the browser's history).
SITE_REPEAT_WINDOW = datetime.timedelta(minutes=1)
SITE_DATA_FIELDS = ("name", "address", "latitude", "longitude", "surface_m2", "sector", "activity")


def repeated_site(*, site: Site, user: AuthUser) -> Site | None:
    """The site of the same company that ``user`` added in the last minute with the same data."""
    if site.pk is not None or not user.pk:
        return None
    return (
        Site.objects.filter(
            company_id=site.company_id,
            created_by=user,
            created_at__gte=timezone.now() - SITE_REPEAT_WINDOW,
            **{field: getattr(site, field) for field in SITE_DATA_FIELDS},
        )
        .order_by("pk")
        .first()
    )


def add_site(*, site: Site, user: AuthUser) -> tuple[Site, bool]:
    """Save a new site added by ``user``: ``(site, True)``. When the same user sent the same site
    moments ago (a double-click, concurrent posts), answer that site: ``(that site, False)``.
    Otherwise a taken name stays a field error (``save_site``)."""
    site.created_by = user if user.pk else None
    try:
        return save_site(site=site), True
    except ValidationError:
        earlier = repeated_site(site=site, user=user)
        if earlier is None:
            raise
        return earlier, False


# Scans --------------------------------------------------------------------------------------------


def start_scan(*, site: Site, user: AuthUser | None) -> Scan:
    """Resume the site's unfinished scan or start one on the current questionnaire version."""
    existing = site.scans.filter(status=Scan.Status.IN_PROGRESS).first()
    if existing:
        return existing
    version = current_version()
    if version is None:
        raise ValidationError(_("There is no published questionnaire yet."), code="no_questionnaire")
    try:
        with transaction.atomic():
            return Scan.objects.create(
                site=site, version=version, started_by=user if user and user.pk else None
            )
    except IntegrityError:
        # A concurrent request started it first (one scan in progress per site is a constraint).
        existing = site.scans.filter(status=Scan.Status.IN_PROGRESS).first()
        if existing is None:
            raise
        return existing


def answers_by_code(*, scan: Scan) -> dict[str, Any]:
    return dict(scan.answers.values_list("question__code", "value"))


def validate_value(*, question: Question, value: Any) -> Any:
    """The value cleaned for its question type; raises ValidationError with a message for the user."""
    if value is None or value == "" or value == []:
        return None
    codes = {c.code for c in question.choices.all()}
    kind = question.kind
    if kind == Question.Kind.YES_NO and value not in (scoring.YES, scoring.NO):
        raise ValidationError(_("Answer yes or no."), code="invalid")
    if kind == Question.Kind.SINGLE and not (isinstance(value, str) and value in codes):
        raise ValidationError(_("Choose one of the options."), code="invalid_choice")
    if kind == Question.Kind.MULTIPLE:
        if not isinstance(value, list) or not all(isinstance(v, str) and v in codes for v in value):
            raise ValidationError(_("Choose among the options."), code="invalid_choice")
        if NONE_CODE in value and len(value) > 1:
            none_label = next(c.label for c in question.choices.all() if c.code == NONE_CODE)
            raise ValidationError(
                _("“%(none)s” cannot be combined with other answers.") % {"none": none_label},
                code="none_and_more",
            )
        return [c for c in codes_in_order(question) if c in value]
    if kind == Question.Kind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValidationError(_("Enter a number."), code="invalid")
        try:
            value = float(value)
        except ValueError:
            raise ValidationError(_("Enter a number."), code="invalid") from None
        if not math.isfinite(value):
            raise ValidationError(_("Enter a number."), code="invalid")
        check_range(question=question, value=value)
        return int(value) if value.is_integer() else value
    if kind == Question.Kind.TEXT:
        if not isinstance(value, str):
            raise ValidationError(_("Enter a text."), code="invalid")
        return value[:2000]
    return value


def codes_in_order(question: Question) -> list[str]:
    return [c.code for c in question.choices.all()]


def check_range(*, question: Question, value: float) -> None:
    unit = f" {question.unit}" if question.unit else ""
    if question.min_value is not None and value < question.min_value:
        raise ValidationError(
            _("Enter at least %(min)s%(unit)s.") % {"min": f"{question.min_value:g}", "unit": unit},
            code="min_value",
        )
    if question.max_value is not None and value > question.max_value:
        raise ValidationError(
            _("Enter at most %(max)s%(unit)s.") % {"max": f"{question.max_value:g}", "unit": unit},
            code="max_value",
        )


def _ensure_open(scan: Scan) -> None:
    if scan.status != Scan.Status.IN_PROGRESS:
        raise ValidationError(_("This scan is completed and can no longer be changed."), code="completed")


@transaction.atomic
def save_answers(*, scan: Scan, values: dict[Question, Any], next_step: int | None = None) -> None:
    """Store cleaned answers (None removes one) and move the scan's bookmark to ``next_step``."""
    _ensure_open(scan)
    for question, value in values.items():
        if value is None:
            Answer.objects.filter(scan=scan, question=question).delete()
        else:
            Answer.objects.update_or_create(scan=scan, question=question, defaults={"value": value})
    if next_step is not None:
        scan.current_step = next_step
    scan.save(update_fields=["current_step", "updated_at"])


def applicable(*, question: Question, answers: dict[str, Any]) -> bool:
    by_code = {}
    current: Question | None = question
    while current is not None and current.code not in by_code:
        by_code[current.code] = _spec(current)
        current = current.condition_question
    return scoring.is_applicable(by_code[question.code], answers, by_code)


def _spec(question: Question) -> scoring.QuestionSpec:
    return scoring.QuestionSpec(
        code=question.code,
        kind=question.kind,
        condition_code=question.condition_question.code if question.condition_question else None,
        condition_values=tuple(map(str, question.condition_values or ())),
    )


def missing_required(*, themes: list[Theme], answers: dict[str, Any]) -> list[tuple[int, Question]]:
    """(step, question) of every required question that applies and has no answer."""
    missing = []
    for step, theme in enumerate(themes, 1):
        for question in theme.questions.all():
            if (
                question.required
                and question.code not in answers
                and applicable(question=question, answers=answers)
            ):
                missing.append((step, question))
    return missing


def compute_result(*, scan: Scan, themes: list[Theme] | None = None) -> scoring.Result:
    themes = themes if themes is not None else themes_of(version=scan.version)
    return scoring.compute(theme_specs(themes=themes), answers_by_code(scan=scan))


@transaction.atomic
def complete_scan(*, scan: Scan) -> ScanResult:
    """Check every required answer, then store the scores; raises ValidationError naming what is missing."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    _ensure_open(scan)
    themes = themes_of(version=scan.version)
    missing = missing_required(themes=themes, answers=answers_by_code(scan=scan))
    if missing:
        step, question = missing[0]
        raise ValidationError(
            _("Step %(step)s still has unanswered questions, e.g. “%(question)s”.")
            % {"step": step, "question": question.text},
            code="incomplete",
            params={"step": step},
        )
    result = compute_result(scan=scan, themes=themes)
    scan.status = Scan.Status.COMPLETED
    scan.completed_at = timezone.now()
    scan.save(update_fields=["status", "completed_at", "updated_at"])
    return ScanResult.objects.create(
        scan=scan,
        overall=result.overall,
        level=result.level,
        theme_scores=[t.as_dict() for t in result.themes],
    )


# Action plan --------------------------------------------------------------------------------------


def add_to_plan(
    *, site: Site, measure: Measure, scan: Scan | None = None, owner: str = "", target_date=None
) -> ActionPlanItem:
    """Put a measure in the site's plan; picking it again updates the owner and date."""
    item, created = ActionPlanItem.objects.get_or_create(
        site=site, measure=measure, defaults={"scan": scan, "owner": owner, "target_date": target_date}
    )
    if not created and (owner or target_date):
        item.owner = owner or item.owner
        item.target_date = target_date or item.target_date
        item.save(update_fields=["owner", "target_date"])
    return item


def remove_from_plan(*, item: ActionPlanItem) -> None:
    item.delete()


def update_plan_item(*, item: ActionPlanItem, owner: str, target_date, done: bool) -> ActionPlanItem:
    item.owner = owner
    item.target_date = target_date
    if done and item.done_at is None:
        item.done_at = timezone.now()
    if not done:
        item.done_at = None
    item.done = done
    item.save(update_fields=["owner", "target_date", "done", "done_at"])
    return item


# Advisors on request ------------------------------------------------------------------------------


def request_advisor(*, company: Company, scan: Scan, user: AuthUser, message: str = "") -> AdvisorRequest:
    """A company asks for a trained advisor from a completed scan; one open request at a time."""
    if scan.status != Scan.Status.COMPLETED or scan.site.company_id != company.pk:
        raise ValidationError(_("Ask for an advisor from a completed scan of your company."), code="scan")
    with transaction.atomic():
        Company.objects.select_for_update().filter(pk=company.pk).first()
        if company.advisor_requests.filter(status=AdvisorRequest.Status.OPEN).exists():
            raise ValidationError(
                _("Your company already asked for an advisor; the province is finding one."), code="open"
            )
        return AdvisorRequest.objects.create(
            company=company, scan=scan, requested_by=user, message=message.strip()
        )


@transaction.atomic
def assign_advisor(*, advisor_request: AdvisorRequest, advisor: AuthUser, by: AuthUser) -> AdvisorRequest:
    """Staff give an open request a trained advisor, who from then on advises the company."""
    advisor_request = AdvisorRequest.objects.select_for_update().get(pk=advisor_request.pk)
    if advisor_request.status != AdvisorRequest.Status.OPEN:
        raise ValidationError(_("This request already has an advisor or was ended."), code="not_open")
    if not advisor.is_active or not advisor.groups.filter(name=ADVISORS_GROUP).exists():
        raise ValidationError(_("Pick one of the trained advisors."), code="not_advisor")
    advisor_request.status = AdvisorRequest.Status.ASSIGNED
    advisor_request.advisor = advisor
    advisor_request.assigned_by = by
    advisor_request.assigned_at = timezone.now()
    advisor_request.save(update_fields=["status", "advisor", "assigned_by", "assigned_at"])
    advisor_request.company.advisors.add(advisor)
    return advisor_request


@transaction.atomic
def end_advising(*, company: Company, advisor: AuthUser) -> None:
    """The company stops working with an advisor: the advisor loses access, the request is ended.

    The advisor's notes stay with them (nobody else reads them) and are gone with the company.
    """
    company.advisors.remove(advisor)
    company.advisor_requests.filter(advisor=advisor, status=AdvisorRequest.Status.ASSIGNED).update(
        status=AdvisorRequest.Status.ENDED, ended_at=timezone.now()
    )


def add_advisor_note(*, company: Company, author: AuthUser, text: str) -> AdvisorNote:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write something in the note."), code="empty")
    return AdvisorNote.objects.create(company=company, author=author, text=text)
