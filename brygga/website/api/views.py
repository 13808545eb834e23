"""The public, read-only API: what is published on the site, nothing more."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import AllowAny

from .. import selectors
from ..models import AssignmentTypePage, OpenAssignment
from .serializers import AssignmentTypePageSerializer, OpenAssignmentSerializer


@extend_schema_view(
    get=extend_schema(
        summary="Publicerade sidor om uppdragstyper",
        description="Uppdragstyperna som kommunen beskriver på sin webbplats.",
    )
)
class AssignmentTypePageListView(generics.ListAPIView[AssignmentTypePage]):
    serializer_class = AssignmentTypePageSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    def get_queryset(self) -> QuerySet[AssignmentTypePage]:
        return selectors.assignment_type_page_list_published(
            organisation=selectors.public_organisation(self.request._request)
        )


@extend_schema_view(
    get=extend_schema(
        summary="Publicerade aktuella uppdrag",
        description="Anonyma beskrivningar av uppdrag som väntar på en uppdragstagare.",
        parameters=[
            OpenApiParameter("typ", str, description="Uppdragstypens kod, t.ex. kontaktperson"),
            OpenApiParameter("malgrupp", str, description="Målgruppens kod, t.ex. barn-och-unga"),
            OpenApiParameter("omrade", str, description="Område, t.ex. Norra Ekby"),
        ],
    )
)
class OpenAssignmentListView(generics.ListAPIView[OpenAssignment]):
    serializer_class = OpenAssignmentSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    def get_queryset(self) -> QuerySet[OpenAssignment]:
        params = self.request.query_params
        return selectors.open_assignment_list_published(
            organisation=selectors.public_organisation(self.request._request),
            assignment_type_code=params.get("typ", ""),
            target_group_code=params.get("malgrupp", ""),
            area=params.get("omrade", ""),
        )
