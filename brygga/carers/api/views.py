"""The staff API for carers: the pool search and one carer, through the gatekeeper."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brygga.accounts.api_auth import HasApiScope
from brygga.accounts.models import User

from .. import selectors
from ..forms import CarerFilterForm
from ..models import Carer
from ..permissions import access_carer, can_view_carers, carer_list_record_view
from .serializers import CarerDetailSerializer, CarerListSerializer

PURPOSE_API_LIST = "Sökning bland uppdragstagare via API"
PURPOSE_API_DETAIL = "Uppdragstagare hämtad via API"


class CanViewCarers(BasePermission):
    """Signed-in staff holding carers.view_carer, in an organisation."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_view_carers(request.user)


@extend_schema_view(
    get=extend_schema(
        summary="Uppdragstagare (poolen)",
        description=(
            "Godkända uppdragstagare i den egna organisationen, med samma filter som poolen. "
            "Varje anrop loggas."
        ),
        parameters=[
            OpenApiParameter("typ", str, description="Uppdragstypens kod, t.ex. kontaktperson"),
            OpenApiParameter("malgrupp", str, description="Målgruppens kod, t.ex. barn-och-unga"),
            OpenApiParameter("omrade", str, description="Ort, område eller början av postnumret"),
            OpenApiParameter("sprak", str, description="Språk, del av namnet"),
            OpenApiParameter("bil", str, enum=["ja", "nej"], description="Har bil"),
            OpenApiParameter("status", str, description="available, paused, in_assignment …"),
            OpenApiParameter("upphor", bool, description="Något upphör inom bevakningstiden"),
            OpenApiParameter("ordning", str, enum=["name", "area", "approved", "status"]),
        ],
    )
)
class CarerListView(generics.ListAPIView[Carer]):
    serializer_class = CarerListSerializer
    permission_classes = [HasApiScope, CanViewCarers]
    api_scope = "read:carers"

    def get_queryset(self) -> QuerySet[Carer]:
        user: User = self.request.user  # type: ignore[assignment]
        form = CarerFilterForm(self.request.query_params)
        self.filters = form.to_filters(expiry_days=int(settings.CARER_EXPIRY_WARNING_DAYS))
        assert user.organisation is not None  # noqa: S101 - CanViewCarers checked it
        return selectors.carer_list(organisation=user.organisation, filters=self.filters)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        carer_list_record_view(
            user=request.user,  # type: ignore[arg-type]
            filters=self.filters.as_primitives(),
            purpose=PURPOSE_API_LIST,
        )
        return response


@extend_schema_view(
    get=extend_schema(
        summary="En uppdragstagare",
        description="Läsningen loggas med syfte.",
    )
)
class CarerDetailView(generics.RetrieveAPIView[Carer]):
    serializer_class = CarerDetailSerializer
    permission_classes = [HasApiScope, CanViewCarers]
    api_scope = "read:carers"
    lookup_field = "public_id"

    def get_object(self) -> Carer:
        return access_carer(
            user=self.request.user,  # type: ignore[arg-type]
            public_id=self.kwargs["public_id"],
            purpose=PURPOSE_API_DETAIL,
        )
