"""The register of unimplemented decisions as JSON: a stable interface for checking it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brygga.accounts.api_auth import HasApiScope

from .. import selectors
from ..permissions import can_view_register, register_record_view
from ..register import parse_iso_date
from .serializers import UnimplementedEntrySerializer

PURPOSE_API_REGISTER = "Registret över ej verkställda beslut via API"


class CanViewRegister(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_view_register(request.user)


class UnimplementedRegisterApi(APIView):
    permission_classes = [HasApiScope, CanViewRegister]
    api_scope = "read:oversight"

    @extend_schema(
        summary="Ej verkställda beslut",
        description=(
            "De poster som är öppna på datumet as_of: beslut som inte verkställts tre månader "
            "efter beslutsdatumet, avbrott som inte återupptagits inom tre månader och beslut "
            "som personalen markerat som delvis verkställda, enligt SoL och LSS. Ett avböjt "
            "erbjudande stänger inte en post. Beslut om klienter i "
            "användarens enheter (alla enheter med behörigheten clients.view_all_units). "
            "Ingen sidindelning. Varje anrop loggas."
        ),
        parameters=[
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                description="Datumet som ÅÅÅÅ-MM-DD; i dag om det utelämnas",
            )
        ],
        responses={
            200: UnimplementedEntrySerializer(many=True),
            400: OpenApiResponse(description="Datumet har fel form"),
        },
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("as_of")
        if raw is None or raw == "":
            as_of = timezone.localdate()
        else:
            try:
                as_of = parse_iso_date(raw)
            except ValueError:
                return Response(
                    {"as_of": [_("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-04-01.")]},
                    status=400,
                )
        user: Any = request.user  # staff in an organisation: CanViewRegister let them in
        entries = selectors.unimplemented_open_on(as_of=as_of, user=user)
        register_record_view(
            actor=user,
            organisation=user.organisation,
            as_of=as_of,
            entries=len(entries),
            purpose=PURPOSE_API_REGISTER,
        )
        return Response([entry.as_json(as_of) for entry in entries])
