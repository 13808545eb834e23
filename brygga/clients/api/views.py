"""The staff API for clients and decisions, through the gatekeepers; every call is logged."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brygga.accounts.api_auth import HasApiScope
from brygga.core.pagination import DeferredJoinPagination

from .. import selectors
from ..constants import DecisionStatus
from ..models import Client, Decision
from ..permissions import (
    access_client,
    access_decision,
    can_view_clients,
    client_list_record_view,
)
from ..selectors import ClientFilters, DecisionFilters
from .serializers import (
    ClientDetailSerializer,
    ClientListSerializer,
    DecisionDetailSerializer,
    DecisionListSerializer,
)

PURPOSE_API_CLIENTS = "Sökning bland klienter via API"
PURPOSE_API_CLIENT = "Klient hämtad via API"
PURPOSE_API_DECISIONS = "Arbetslista över beslut via API"
PURPOSE_API_DECISION = "Beslut hämtat via API"


class CanViewClients(BasePermission):
    """Signed-in staff holding clients.view_client, in an organisation."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_view_clients(request.user)


def _flag(value: str | None) -> bool:
    return (value or "").lower() in {"1", "true", "ja"}


@extend_schema_view(
    get=extend_schema(
        summary="Klienter",
        description=(
            "Klienter i användarens enheter (alla enheter med behörigheten "
            "clients.view_all_units). Varje anrop loggas."
        ),
        parameters=[
            OpenApiParameter("q", str, description="Del av namnet eller början av numret"),
            OpenApiParameter("mina", bool, description="Bara klienter där jag är ansvarig"),
        ],
    )
)
class ClientListView(generics.ListAPIView[Client]):
    serializer_class = ClientListSerializer
    permission_classes = [HasApiScope, CanViewClients]
    api_scope = "read:clients"

    def get_queryset(self) -> QuerySet[Client]:
        params = self.request.query_params
        self.filters = ClientFilters(search=params.get("q", ""), mine=_flag(params.get("mina")))
        return selectors.client_list(user=self.request.user, filters=self.filters)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        client_list_record_view(
            user=request.user, filters=self.filters.as_primitives(), purpose=PURPOSE_API_CLIENTS
        )
        return response


@extend_schema_view(
    get=extend_schema(
        summary="En klient",
        description=(
            "Adress och kontaktuppgifter (även vårdnadshavarnas) är tomma och contact.hidden är "
            "sant för en klient med skyddade personuppgifter, om inte användaren har "
            "behörigheten clients.view_protected_identity. Läsningen loggas med syfte."
        ),
    )
)
class ClientDetailView(generics.RetrieveAPIView[Client]):
    serializer_class = ClientDetailSerializer
    permission_classes = [HasApiScope, CanViewClients]
    api_scope = "read:clients"
    lookup_field = "public_id"

    def get_object(self) -> Client:
        return access_client(
            user=self.request.user, public_id=self.kwargs["public_id"], purpose=PURPOSE_API_CLIENT
        )


@extend_schema_view(
    get=extend_schema(
        summary="Beslut (arbetslistan)",
        description=(
            "Beslut om klienter i användarens enheter, mest brådskande först: ej verkställda "
            "beslut som väntat längst överst. reportable_on är dagen då ett ej verkställt "
            "beslut ska rapporteras till IVO. Varje anrop loggas."
        ),
        parameters=[
            OpenApiParameter("mina", bool, description="Bara klienter där jag är ansvarig"),
            OpenApiParameter("enhet", int, description="Enhetens id"),
            OpenApiParameter("typ", str, description="Insatsens kod, t.ex. kontaktperson"),
            OpenApiParameter(
                "status",
                str,
                enum=list(DecisionStatus.values),
                description="Tomt: ej verkställda och pågående",
            ),
        ],
    )
)
class DecisionListView(generics.ListAPIView[Decision]):
    serializer_class = DecisionListSerializer
    pagination_class = DeferredJoinPagination
    permission_classes = [HasApiScope, CanViewClients]
    api_scope = "read:clients"

    def get_queryset(self) -> QuerySet[Decision]:
        params = self.request.query_params
        status = params.get("status", "")
        self.filters = DecisionFilters(
            mine=_flag(params.get("mina")),
            unit=params.get("enhet", "") if (params.get("enhet") or "").isdigit() else "",
            assignment_type=params.get("typ", ""),
            status=status if status in DecisionStatus.values else "",
        )
        return selectors.decision_worklist(user=self.request.user, filters=self.filters)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        client_list_record_view(
            user=request.user, filters=self.filters.as_primitives(), purpose=PURPOSE_API_DECISIONS
        )
        return response


@extend_schema_view(get=extend_schema(summary="Ett beslut", description="Läsningen loggas."))
class DecisionDetailView(generics.RetrieveAPIView[Decision]):
    serializer_class = DecisionDetailSerializer
    permission_classes = [HasApiScope, CanViewClients]
    api_scope = "read:clients"
    lookup_field = "public_id"

    def get_object(self) -> Decision:
        return access_decision(
            user=self.request.user,
            public_id=self.kwargs["public_id"],
            purpose=PURPOSE_API_DECISION,
        )
