"""Who may do what in BIODIVA.

Roles: BIODIVA staff (group ``biodiva staff``) follow every company and see the anonymous overview;
trained advisors (group ``biodiva advisors``) see the companies they are linked to; company members
see their own company. Being staff for another app (``is_staff``) grants nothing here.

Object rules: every page and API call looks its objects up through ``companies_for``, ``sites_for``,
``scans_for`` or ``plan_items_for``, so another company's data answers 404; then the role decides
(403 for an advisor trying what only the company's members may do).
"""

from django.db.models import Q, QuerySet

from portal.permissions import AnyUser, has_role, role_required

from .constants import ADVISORS_GROUP, STAFF_GROUP
from .models import ActionPlanItem, Company, Scan, Site

# Roles ---------------------------------------------------------------------------------------------


def is_biodiva_staff(user: AnyUser) -> bool:
    """BIODIVA staff (and superusers): every company, the overview and the advisor requests."""
    return has_role(user, STAFF_GROUP)


def is_advisor(user: AnyUser) -> bool:
    """A trained advisor (and superusers): the advisor's own pages."""
    return has_role(user, ADVISORS_GROUP)


staff_required = role_required(STAFF_GROUP)
advisor_required = role_required(ADVISORS_GROUP)


def roles(user: AnyUser) -> dict[str, bool]:
    """Which role pages the dashboard links to."""
    return {"advisor": is_advisor(user), "staff": is_biodiva_staff(user)}


# Object rules --------------------------------------------------------------------------------------


def _own_or_advised(user: AnyUser) -> Q:
    """Members, and linked advisors who are still in the trained-advisors group (whoever leaves it
    loses access to the companies they were linked to)."""
    return Q(members=user) | Q(advisors=user, advisors__groups__name=ADVISORS_GROUP)


def companies_for(*, user: AnyUser) -> QuerySet[Company]:
    """BIODIVA staff see every company, members their own, advisors the companies they advise."""
    if not user.is_authenticated:
        return Company.objects.none()
    if is_biodiva_staff(user):
        return Company.objects.all()
    return Company.objects.filter(_own_or_advised(user)).distinct()


def has_company(*, user: AnyUser) -> bool:
    """Whether the user is a member or a linked advisor of a company (being BIODIVA staff does not count)."""
    if not user.is_authenticated:
        return False
    return Company.objects.filter(_own_or_advised(user)).exists()


def sites_for(*, user: AnyUser) -> QuerySet[Site]:
    return Site.objects.filter(company__in=companies_for(user=user)).select_related("company", "region")


def scans_for(*, user: AnyUser) -> QuerySet[Scan]:
    return Scan.objects.filter(site__in=sites_for(user=user)).select_related(
        "site", "site__company", "site__region", "version"
    )


def plan_items_for(*, user: AnyUser) -> QuerySet[ActionPlanItem]:
    return ActionPlanItem.objects.filter(site__in=sites_for(user=user)).select_related("site", "measure")


def is_member(*, user: AnyUser, company: Company) -> bool:
    return user.is_authenticated and company.members.filter(pk=user.pk).exists()


def may_delete_site(*, user: AnyUser, site: Site) -> bool:
    """Deleting a site wipes its history: for the company's members and BIODIVA staff, not its advisors."""
    return is_biodiva_staff(user) or is_member(user=user, company=site.company)


def advises(*, user: AnyUser, company: Company) -> bool:
    return user.is_authenticated and company.advisors.filter(pk=user.pk, groups__name=ADVISORS_GROUP).exists()
