"""The hospital that offers the service: its details as pages show them, and the rules for its
staff (session length, login address, the content reviewers' group).

Staff enter the details in Django's admin (models.Organisation, Contact, SupportService).
Every field may be blank: pages then say plainly to ask the child's care team.
"""

import logging
from functools import cached_property

from django.conf import settings
from django.db import DatabaseError

from decisionaid.site.clients import counted_address

logger = logging.getLogger(__name__)
REVIEWERS_GROUP = "Content reviewers"
REVIEWER_PERMISSIONS = ("sign_off_content", "view_signoff")


class Details:
    """The organisation's details as pages show them, read from the database only as far as
    a page uses them (the start page reads only the contacts), with the environment's words
    where About's are left blank.

    When the database cannot be reached, pages still work (the start page needs nothing
    stored): they show what they show with nothing entered."""

    @cached_property
    def organisation(self):
        from decisionaid.hospital.models import Organisation

        return stored(lambda: Organisation.objects.order_by("pk").first(), None) or Organisation()

    @cached_property
    def contacts(self) -> tuple:
        from decisionaid.hospital.models import Contact

        return stored(lambda: tuple(Contact.objects.all()), ())

    @cached_property
    def support_services(self) -> tuple:
        from decisionaid.hospital.models import SupportService

        return stored(lambda: tuple(SupportService.objects.all()), ())

    @property
    def urgent_contact(self):
        """The one to call if the child is unwell now, or None."""
        return next((c for c in self.contacts if c.urgent), None)

    @property
    def other_contacts(self) -> list:
        return [c for c in self.contacts if not c.urgent]

    @property
    def name(self) -> str:
        return self.organisation.name.strip()

    @property
    def runs_and_funds(self) -> str:
        return self.organisation.runs_and_funds.strip() or settings.DECISIONAID_FUNDING

    @property
    def conflicts(self) -> str:
        return self.organisation.conflicts.strip() or settings.DECISIONAID_CONFLICTS

    @property
    def published(self) -> str:
        return self.organisation.published.strip() or settings.DECISIONAID_PUBLISHED

    @property
    def data_responsible(self) -> str:
        return self.organisation.data_responsible.strip()

    @property
    def complaints(self) -> str:
        return self.organisation.complaints.strip()


def stored(query, default):
    try:
        return query()
    except DatabaseError:
        logger.warning("The organisation's details could not be read", exc_info=True)
        return default


def staff_address(request) -> str:
    """The address a staff login comes from, for django-axes' lockout (AXES_CLIENT_IP_CALLABLE):
    counted as the return-code limit counts a family's (an IPv6 client by its /64), so it is
    right behind the proxy too."""
    return counted_address(request.META)


def shorten_staff_session(sender, request, user, **kwargs):
    """On a staff login (user_logged_in): the session ends sooner than a family's."""
    request.session.set_expiry(settings.STAFF_SESSION_SECONDS)


def create_reviewers_group(app_config, using="default", **kwargs):
    """After migrate (post_migrate): the "Content reviewers" group, which may sign off content.
    An administrator adds a colleague to it in the admin (README)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(app_config, verbosity=0, using=using)  # this app's, if not made yet
    group, _ = Group.objects.using(using).get_or_create(name=REVIEWERS_GROUP)
    group.permissions.add(*Permission.objects.using(using).filter(
        content_type__app_label=app_config.label, codename__in=REVIEWER_PERMISSIONS
    ))
