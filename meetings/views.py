"""Public pages: the meetings list and page, registering, the personal registration page, feeds."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from landscapes.models import Region
from portal.errors import add_service_errors
from portal.files import upload_response
from portal.geojson import geojson_response
from portal.i18n import current_language, in_name_order
from portal.types import throttle_allows

from . import permissions, sections, selectors, services
from .forms import RegistrationForm
from .ical import build_calendar, build_feed
from .models import Meeting, MeetingDocument, Registration
from .throttling import RegistrationThrottle

WHEN_CHOICES = ("upcoming", "past")
# What a personal calendar entry says about the person's own seat (iCalendar STATUS).
SEAT_STATUS: dict[str, str] = {
    Registration.Status.CONFIRMED: "CONFIRMED",
    Registration.Status.WAITING: "TENTATIVE",
    Registration.Status.CANCELLED: "CANCELLED",
}


def meeting_list(request: HttpRequest) -> HttpResponse:
    regions = in_name_order(Region.objects.only("slug", "name_nl", "name_en"))
    region = next((r for r in regions if r.slug == request.GET.get("region")), None)
    when = request.GET.get("when", "")
    if when not in WHEN_CHOICES:
        when = "upcoming"
    meetings = selectors.with_seat_counts(selectors.public_meetings(region=region, when=when))
    page = Paginator(meetings, settings.MEETINGS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "regions": regions,
            "region": region,
            "when": when,
            "is_organiser": permissions.is_organiser(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    is_organiser = permissions.is_organiser(request.user)
    try:
        meeting = selectors.public_meeting(pk=pk, with_drafts=is_organiser)
    except Meeting.DoesNotExist:
        raise Http404 from None
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and not throttle_allows(RegistrationThrottle(), request):
            form.add_error(None, _("Too many registrations from your address. Please try again later."))
            status = 429
        elif form.is_valid():
            try:
                registration = services.register(
                    meeting=meeting, language=current_language(), **form.cleaned_data
                )
            except services.RegistrationError as error:
                add_service_errors(form, error)
            else:
                request.session["meetings_last_status"] = registration.status
                return redirect("meetings:registration-received", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "form": form,
            "seats_left": selectors.seats_left(meeting=meeting),
            "is_organiser": is_organiser,
        },
        status=status,
    )


def registration_received(request: HttpRequest, pk: int) -> HttpResponse:
    """Thanks; the personal link goes only by e-mail, so nobody can manage someone else's seat."""
    meeting = get_object_or_404(Meeting.objects.exclude(status=Meeting.Status.DRAFT), pk=pk)
    status = request.session.pop("meetings_last_status", None)
    if status is None:  # nobody just registered in this browser: there is nothing to thank for
        return redirect(meeting)
    return render(request, "meetings/registration_received.html", {"meeting": meeting, "status": status})


@require_http_methods(["GET", "HEAD", "POST"])
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = selectors.registration_by_token(token=token)
    except Registration.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            if request.POST.get("confirm") != "yes":
                # Deleting cannot be undone and may give the seat away: ask once more.
                return render(request, "meetings/registration_delete.html", {"registration": registration})
            services.cancel_registration(registration=registration, delete=True)
            messages.success(request, _("Your registration and your personal data have been deleted."))
            return redirect(registration.meeting)
        if action == "cancel":
            return registration_cancel(request, token)
        return redirect(registration)
    return render(
        request,
        "meetings/registration_detail.html",
        {
            "registration": registration,
            "waiting_position": selectors.waiting_position(registration=registration),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Cancelling from the personal link: GET (or a POST without ``confirm``) asks, a confirmed POST
    cancels, so no link preview or single stray click gives a seat away."""
    try:
        registration = selectors.registration_by_token(token=token)
    except Registration.DoesNotExist:
        raise Http404 from None
    if registration.status == Registration.Status.CANCELLED:
        return redirect(registration)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.cancel_registration(registration=registration)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(registration)
    return render(request, "meetings/registration_cancel.html", {"registration": registration})


@require_safe
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """A report document, served here so an unpublished report's files stay with the organisers."""
    document = get_object_or_404(MeetingDocument.objects.select_related("meeting"), pk=pk)
    if not permissions.can_see_document(document=document, user=request.user):
        raise Http404
    return upload_response(document.file)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def registration_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The registered person's own calendar entry, with the online link."""
    try:
        registration = selectors.registration_by_token(token=token)
    except Registration.DoesNotExist:
        raise Http404 from None
    confirmed = registration.status == Registration.Status.CONFIRMED
    meeting = registration.meeting
    seat_status = SEAT_STATUS[registration.status]
    return _calendar_response(
        build_calendar([meeting], name=meeting.title, with_online_link=confirmed, seat_status=seat_status),
        "meeting.ics",
    )


@require_safe
def calendar_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.exclude(status=Meeting.Status.DRAFT), pk=pk)
    return _calendar_response(build_calendar([meeting], name=meeting.title), f"meeting-{meeting.pk}.ics")


def _cached_feed(meetings, *, scope: str, name: str) -> bytes:
    """Feeds are polled often by calendar programs: reuse the built feed until a meeting changes."""
    stamp = meetings.order_by().aggregate(count=Count("id"), latest=Max("updated_at"))
    latest = stamp["latest"].timestamp() if stamp["latest"] else 0
    key = f"meetings:feed:{scope}:{current_language()}:{stamp['count']}:{latest}"
    content = cache.get(key)
    if content is None:
        content = build_feed(meetings.order_by("starts_at", "id"), name=name)
        cache.set(key, content, settings.MEETINGS_FEED_CACHE_SECONDS)
    return content


@require_safe
def calendar_region(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, slug=slug)
    meetings = Meeting.objects.exclude(status=Meeting.Status.DRAFT).filter(regions=region)
    name = _("Meetings in %(region)s") % {"region": region.name}
    return _calendar_response(_cached_feed(meetings, scope=slug, name=name), f"meetings-{slug}.ics")


@require_safe
def calendar_all(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.exclude(status=Meeting.Status.DRAFT)
    content = _cached_feed(meetings, scope="all", name=_("Stakeholder meetings"))
    return _calendar_response(content, "meetings.ics")


@require_safe
def map_geojson(request: HttpRequest) -> JsonResponse:
    """Upcoming meetings and public outcomes with a location, as points for the overview map."""
    features = []
    for meeting in selectors.public_meetings(when="upcoming").exclude(latitude=None):
        cancelled = meeting.status == Meeting.Status.CANCELLED
        # The words say it is cancelled; the colour only repeats it (no colour-only meaning).
        subtitle = _("Cancelled meeting of %(date)s") if cancelled else _("Meeting on %(date)s")
        features.append(
            _point(
                meeting.longitude,
                meeting.latitude,
                title=meeting.title,
                url=meeting.get_absolute_url(),
                subtitle=subtitle % {"date": _local_date(meeting.starts_at)},
                color=sections.CANCELLED_COLOR if cancelled else sections.MEETING_COLOR,
                muted=cancelled,
            )
        )
    for outcome in selectors.public_outcomes().exclude(latitude=None):
        features.append(
            _point(
                outcome.longitude,
                outcome.latitude,
                title=outcome.title,
                url=outcome.meeting.get_absolute_url() + f"#outcome-{outcome.pk}",
                subtitle=_("Plan: %(status)s") % {"status": outcome.get_status_display()},
                color=sections.PLAN_COLOR,
            )
        )
    return geojson_response({"type": "FeatureCollection", "features": features})


def _local_date(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def _point(lon: float | None, lat: float | None, **properties) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "meetings/privacy.html", {"months": settings.MEETINGS_ANONYMISE_AFTER_MONTHS})
