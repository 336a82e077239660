from django.contrib import admin, messages
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_config import take_saved

from . import services
from .forms import MeetingAdminForm, RegistrationAddAdminForm, RegistrationAdminForm
from .models import AgendaItem, Meeting, MeetingDocument, Outcome, Registration, StakeholderGroup


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1


class DocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "starts_at", "format", "capacity", "status"]
    list_filter = ["status", "format", "regions"]
    search_fields = ["title_nl", "title_en", "venue_name"]
    filter_horizontal = ["regions", "stakeholder_groups"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, DocumentInline]
    form = MeetingAdminForm
    # A link typed without a scheme is a secure one, as on the organisers' own form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "regions":
            # As on the organisers' form: services.save_meeting takes the region of the location.
            kwargs["required"] = False
            kwargs["help_text"] = gettext_lazy("Leave empty to use the region of the venue's map location.")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        """Stored by ``services.save_meeting``, with the regions and groups, as on the organisers' form."""
        services.save_meeting(
            meeting=obj,
            regions=form.cleaned_data["regions"],
            stakeholder_groups=form.cleaned_data["stakeholder_groups"],
            changed=form.has_changed(),
        )
        if not form.cleaned_data["regions"]:
            region = obj.regions.get()
            self.message_user(
                request, _("Region set from the map location: %(region)s.") % {"region": region.name}
            )

    def save_related(self, request, form, formsets, change) -> None:
        # Not form.save_m2m(): it would set the regions to the empty choice again (save_model set them).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        services.fill_free_seats(meeting=form.instance)

    def save_formset(self, request, form, formset, change) -> None:
        """Documents are attached and removed by the services, as on the report page: a removed
        document's file goes too."""
        if formset.model is not MeetingDocument:
            return super().save_formset(request, form, formset, change)
        for document in formset.save(commit=False):
            services.attach_document(meeting=form.instance, document=document)
        for document in formset.deleted_objects:
            services.delete_document(document=document)
        formset.save_m2m()


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Someone added here is registered by ``services.register``, as on the meeting page: a seat
    while there is one, else a place on the waiting list, and the e-mail that says which; the add
    page asks what the meeting page asks and shows the service's refusals on the form.

    A registration is only cancelled or deleted here (its delete page, the "delete selected" action)
    by ``services.cancel_registration``: the freed seat goes to the first person waiting, who is
    e-mailed. Confirming someone waiting, putting someone back on
    the waiting list, undoing a cancellation or moving someone to another meeting would pass by the
    seat count and the order of the waiting list (``services.register``), so an existing registration's
    status offers only cancelled, a cancelled one's status is read-only, and so is the meeting.
    An address typed on the change page is stored and refused as ``services.register`` stores and
    refuses it (``RegistrationAdminForm``).
    Check-in (``attended``) goes through ``services.set_attendance``: only confirmed seats, once the
    welcome desk is open; the form shows its refusal."""

    list_display = ["name", "email", "meeting", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "stakeholder_group"]
    search_fields = ["name", "email", "organisation"]
    raw_id_fields = ["meeting"]
    form = RegistrationAdminForm

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*RegistrationAddAdminForm.Meta.fields, "consent"]
        return super().get_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = RegistrationAddAdminForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.anonymised_at is not None:
            # Its personal data were erased (GDPR): nothing is typed back in, and nothing else of a
            # meeting that ended long ago changes (its counts stay as they were).
            return [field.name for field in Registration._meta.fields if field.editable]
        fields = ["promoted_at", "cancelled_at", "meeting"]
        if obj.status == Registration.Status.CANCELLED:
            fields.append("status")
        return fields

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except services.RegistrationError:
            # Refused between the form's check and the service (the same address saved twice at once,
            # the meeting closed meanwhile): nothing was saved, and the form's check now shows why.
            return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except services.RegistrationError:
            # An address another registration of the meeting took between the form's check and the
            # save: nothing was saved, and the form's check now shows it on the address.
            return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            self._register(request, obj, form.cleaned_data)
            return
        cancel = "status" in form.changed_data and obj.status == Registration.Status.CANCELLED
        check_in = "attended" in form.changed_data
        # The other fields first, status and check-in as they were; then these by their services.
        if cancel:
            obj.status = form.initial["status"]
        if check_in:
            obj.attended = form.initial["attended"]
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError:  # one_active_registration_per_email
            raise services.RegistrationError(
                str(services.ALREADY_REGISTERED), code="duplicate", field="email"
            ) from None
        if check_in:
            services.set_attendance(
                meeting=obj.meeting,
                attended_ids={obj.pk} if form.cleaned_data["attended"] else set(),
                registration_ids={obj.pk},
            )
        if cancel:
            services.cancel_registration(registration=obj)
        obj.refresh_from_db()

    def delete_model(self, request, obj: Registration) -> None:
        """Deleted by ``services.cancel_registration``, as a cancellation: the freed seat goes to the
        first person waiting, who is e-mailed once the delete is committed."""
        services.cancel_registration(registration=obj, delete=True)

    def delete_queryset(self, request, queryset) -> None:
        """Each one by ``services.cancel_registration``, in one transaction: all or none, and the
        e-mails once it commits (someone waiting who is given a seat and then deleted with the others
        is not mailed; the seat goes on to the next person waiting)."""
        with transaction.atomic():
            for registration in queryset.order_by("created_at", "id"):
                services.cancel_registration(registration=registration, delete=True)

    def _register(self, request, obj: Registration, data: dict) -> None:
        registration = services.register(
            meeting=data["meeting"],
            name=data["name"],
            email=data["email"],
            stakeholder_group=data["stakeholder_group"],
            consent=data["consent"],
            organisation=data["organisation"],
            remarks=data["remarks"],
            dietary_needs=data["dietary_needs"],
            language=data["language"],
        )
        take_saved(obj, registration)
        if registration.status == Registration.Status.WAITING:
            message = _("The meeting is full: %(name)s is on the waiting list and was told so by e-mail.")
            self.message_user(request, message % {"name": registration.name}, messages.WARNING)
        else:
            message = _("%(name)s has a seat and was sent a confirmation by e-mail.")
            self.message_user(request, message % {"name": registration.name})


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "meeting", "status", "is_public"]
    list_filter = ["status", "is_public"]
    search_fields = ["title_nl", "organisation"]
    raw_id_fields = ["meeting"]
    filter_horizontal = ["measures"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "position"]
