"""The weekly e-mail digest of the register: counts and links, no names or personnummer.

Managers (holders of `oversight.change_unimplemented`) hear how many entries in their units are
reportable and how many become reportable within 30 days (decisions, avbrott and partial
implementations). Case officers hear the same about the decisions of the clients they are
responsible for. Nobody with nothing to hear gets a mail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from brygga.accounts.models import Organisation, User
from brygga.clients.constants import DecisionStatus
from brygga.clients.models import Decision
from brygga.clients.selectors import with_deadlines

from . import selectors
from .constants import REPORTABLE_LAWS, WARNING_DAYS

SUBJECT_TEMPLATE = "oversight/email/digest_subject.txt"
BODY_TEMPLATE = "oversight/email/digest.txt"


@dataclass
class Digest:
    user: User
    register: dict[str, int] | None = None  # open, soon: the units' register
    own: dict[str, int] | None = None  # passed, soon: the officer's own decisions
    links: dict[str, str] = field(default_factory=dict)

    @property
    def has_news(self) -> bool:
        return any((self.register or {}).values()) or any((self.own or {}).values())


def _holders(organisation: Organisation, codename: str) -> Any:
    permission = Permission.objects.get(content_type__app_label="oversight", codename=codename)
    return (
        User.objects.filter(organisation=organisation, kind="staff", is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .distinct()
        .order_by("pk")
    )


def _own_counts(user: User, today: date) -> dict[str, int]:
    counts = with_deadlines(
        Decision.objects.filter(
            organisation=user.organisation,
            client__responsible_officer=user,
            status=DecisionStatus.ACTIVE,
            legal_basis__law_area__in=REPORTABLE_LAWS,
        ),
        today=today,
    ).aggregate(
        passed=Count("id", filter=Q(ivo_passed=True)),
        soon=Count("id", filter=Q(ivo_soon=True)),
    )
    return {"passed": counts["passed"] or 0, "soon": counts["soon"] or 0}


def digests_for(organisation: Organisation, today: date) -> list[Digest]:
    """One digest per person with something to hear. Queries: a few per recipient."""
    found: dict[int, Digest] = {}
    for user in _holders(organisation, "change_unimplemented"):
        digest = found.setdefault(user.pk, Digest(user=user))
        digest.register = {
            "open": len(selectors.unimplemented_open_on(as_of=today, user=user)),
            "soon": len(
                selectors.unimplemented_reportable_within(as_of=today, days=WARNING_DAYS, user=user)
            ),
        }
    officers = User.objects.filter(
        organisation=organisation,
        is_active=True,
        responsible_for_clients__decisions__status=DecisionStatus.ACTIVE,
    ).distinct()
    for user in officers:
        digest = found.setdefault(user.pk, Digest(user=user))
        digest.own = _own_counts(user, today)
    return [d for d in found.values() if d.has_news]


def digest_send(*, today: date | None = None) -> int:
    """Send this week's digests for every organisation; returns the number of mails."""
    today = today or timezone.localdate()
    sent = 0
    links = {
        "register": settings.SITE_URL + reverse("oversight:register"),
        "worklist": settings.SITE_URL + reverse("clients:worklist") + "?mina=on",
    }
    for organisation in Organisation.objects.order_by("pk"):
        for digest in digests_for(organisation, today):
            with translation.override("sv"):
                context = {
                    "digest": digest,
                    "links": links,
                    "organisation": organisation,
                    "warning_days": WARNING_DAYS,
                    "week_end": today + timedelta(days=6),
                }
                message = EmailMessage(
                    subject=render_to_string(SUBJECT_TEMPLATE, context).strip(),
                    body=render_to_string(BODY_TEMPLATE, context),
                    to=[digest.user.email],
                )
            message.send()
            sent += 1
    return sent
