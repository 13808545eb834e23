"""Scoping: which clients and decisions a staff member may reach (organisation, then unit)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from .models import Client, Decision  # noqa: F401 - used in the generic base classes

VIEW_CLIENT = "clients.view_client"
VIEW_ALL_UNITS = "clients.view_all_units"


def sees_all_units(user: Any) -> bool:
    return bool(user.has_perm(VIEW_ALL_UNITS))


class ClientQuerySet(models.QuerySet["Client"]):
    def visible_to(self, user: Any) -> ClientQuerySet:
        """The user's organisation, and within it the user's units unless the user holds
        `clients.view_all_units`. Nothing without `clients.view_client` or an organisation."""
        if not (user.is_authenticated and user.has_perm(VIEW_CLIENT)) or not user.organisation_id:
            return self.none()
        scoped = self.filter(organisation_id=user.organisation_id)
        if sees_all_units(user):
            return scoped
        return scoped.filter(unit__in=user.units.all())


class DecisionQuerySet(models.QuerySet["Decision"]):
    def visible_to(self, user: Any) -> DecisionQuerySet:
        """Decisions about the clients `ClientQuerySet.visible_to` lets the user see."""
        if not (user.is_authenticated and user.has_perm(VIEW_CLIENT)) or not user.organisation_id:
            return self.none()
        scoped = self.filter(organisation_id=user.organisation_id)
        if sees_all_units(user):
            return scoped
        return scoped.filter(client__unit__in=user.units.all())
