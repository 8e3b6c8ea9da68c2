"""The hospital that offers the service: its details as pages show them, and the rules for its
staff (session length, login address, the content reviewers' group).

Staff enter the details in Django's admin (models.Organisation, Contact, SupportService).
Every field may be blank: pages then say plainly to ask the child's care team.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError

from decisionaid import throttle

logger = logging.getLogger(__name__)
REVIEWERS_GROUP = "Content reviewers"
REVIEWER_PERMISSIONS = ("sign_off_content", "view_signoff")


@dataclass(frozen=True)
class Details:
    name: str
    runs_and_funds: str
    conflicts: str
    published: str
    data_responsible: str
    complaints: str
    contacts: tuple
    support_services: tuple

    @property
    def urgent_contact(self):
        """The one to call if the child is unwell now, or None."""
        return next((c for c in self.contacts if c.urgent), None)

    @property
    def other_contacts(self) -> list:
        return [c for c in self.contacts if not c.urgent]


def details() -> Details:
    """The organisation's details, with the environment's words where About's are left blank.

    When the database cannot be reached, pages still work (the start page needs nothing
    stored): they show what they show with nothing entered."""
    from decisionaid.models import Contact, Organisation, SupportService

    try:
        organisation = Organisation.objects.order_by("pk").first() or Organisation()
        contacts, services = tuple(Contact.objects.all()), tuple(SupportService.objects.all())
    except DatabaseError:
        logger.warning("The organisation's details could not be read", exc_info=True)
        organisation, contacts, services = Organisation(), (), ()
    return Details(
        name=organisation.name.strip(),
        runs_and_funds=organisation.runs_and_funds.strip() or settings.DECISIONAID_FUNDING,
        conflicts=organisation.conflicts.strip() or settings.DECISIONAID_CONFLICTS,
        published=organisation.published.strip() or settings.DECISIONAID_PUBLISHED,
        data_responsible=organisation.data_responsible.strip(),
        complaints=organisation.complaints.strip(),
        contacts=contacts,
        support_services=services,
    )


def staff_address(request) -> str:
    """The address a staff login comes from, for django-axes' lockout (AXES_CLIENT_IP_CALLABLE):
    found as the return-code limit finds a family's, so it is right behind the proxy too."""
    return throttle.client_address(request.META)


def shorten_staff_session(sender, request, user, **kwargs):
    """On a staff login (user_logged_in): the session ends sooner than a family's."""
    request.session.set_expiry(settings.STAFF_SESSION_SECONDS)


def create_reviewers_group(app_config, using="default", verbosity=1, **kwargs):
    """After migrate (post_migrate): the "Content reviewers" group, which may sign off content.
    An administrator adds a colleague to it in the admin (README)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(app_config, verbosity=0, using=using)  # this app's, if not made yet
    group, _ = Group.objects.using(using).get_or_create(name=REVIEWERS_GROUP)
    group.permissions.add(*Permission.objects.using(using).filter(
        content_type__app_label=app_config.label, codename__in=REVIEWER_PERMISSIONS
    ))
