"""The staff API for applicants: the worklist, one case, and stage moves through the same
service and gatekeeper as the pages (so the same permissions and read log apply)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brygga.accounts.api_auth import HasApiScope
from brygga.accounts.models import User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record

from .. import selectors, services
from ..constants import ApplicantStage
from ..models import Applicant
from ..permissions import access_applicant, can_handle_applicants, can_view_applicants
from .serializers import (
    ApplicantDetailSerializer,
    ApplicantListSerializer,
    StageMoveInputSerializer,
)

OFFICER_PATTERN = (
    r"^(me|none|[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})$"
)
PURPOSE_API_LIST = "Arbetslista för rekrytering via API"
PURPOSE_API_DETAIL = "Sökande hämtad via API"


def _with_flags(applicant: Applicant) -> Applicant:
    """One applicant carries the same overdue flags as a worklist row (the schema's promise)."""
    flags = selectors.applicant_flags(applicant)
    applicant.callback_overdue, applicant.investigation_overdue = flags  # type: ignore[attr-defined]
    return applicant


class CanViewApplicants(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_view_applicants(request.user)


class CanHandleApplicants(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_handle_applicants(request.user)


@extend_schema_view(
    get=extend_schema(
        summary="Sökande (arbetslistan)",
        description="Öppna ärenden i den egna organisationen, försenade först. Anropet loggas.",
        parameters=[
            OpenApiParameter("steg", str, many=True, description="Steg, t.ex. received"),
            OpenApiParameter("typ", str, description="Uppdragstypens kod"),
            OpenApiParameter(
                "ansvarig",
                str,
                description="'me', 'none' eller ett användar-id",
                pattern=OFFICER_PATTERN,
            ),
            OpenApiParameter("forsenade", bool, description="Bara försenade"),
        ],
    )
)
class ApplicantListView(generics.ListAPIView[Applicant]):
    serializer_class = ApplicantListSerializer
    permission_classes = [HasApiScope, CanViewApplicants]
    api_scope = "read:applicants"

    def get_queryset(self) -> QuerySet[Applicant]:
        params = self.request.query_params
        officer = params.get("ansvarig", "")
        if officer not in {"", "me", "none"}:
            try:
                UUID(officer)
            except ValueError:
                raise ValidationError(
                    {"ansvarig": ["Skriv 'me', 'none' eller en användares id."]}
                ) from None
        filters = selectors.WorklistFilters(
            stages=tuple(params.getlist("steg")),
            assignment_type=params.get("typ", ""),
            officer=officer,
            overdue_only=params.get("forsenade") in {"1", "true", "ja"},
        )
        return selectors.applicant_worklist(
            viewer=self.request.user,  # type: ignore[arg-type]
            filters=filters,
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        audit_record(
            actor=request.user,
            event=AuditEventType.APPLICANT_LIST_VIEWED,
            changes={"query": dict(request.query_params.lists())},
            purpose=PURPOSE_API_LIST,
        )
        return response


@extend_schema_view(
    get=extend_schema(summary="En sökande", description="Läsningen loggas med syfte.")
)
class ApplicantDetailView(generics.RetrieveAPIView[Applicant]):
    serializer_class = ApplicantDetailSerializer
    permission_classes = [HasApiScope, CanViewApplicants]
    api_scope = "read:applicants"

    def get_object(self) -> Applicant:
        return _with_flags(
            access_applicant(
                user=self.request.user,
                public_id=self.kwargs["public_id"],
                purpose=PURPOSE_API_DETAIL,
            )
        )


class ApplicantStageMoveView(APIView):
    permission_classes = [HasApiScope, CanHandleApplicants]
    api_scope = "write:applicants"

    @extend_schema(
        summary="Flytta sökande till ett annat steg",
        description=(
            "Samma regler som på sidan: bara tillåtna steg, och godkännande eller avslag sker "
            "genom beslut, inte här."
        ),
        request=StageMoveInputSerializer,
        responses={
            200: ApplicantDetailSerializer,
            409: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="Steget går inte att välja från ärendets nuvarande steg.",
            ),
        },
    )
    def post(self, request: Request, public_id: str) -> Response:
        user: User = request.user  # type: ignore[assignment]
        applicant = access_applicant(user=user, public_id=public_id, purpose=PURPOSE_API_DETAIL)
        data = StageMoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.applicant_move(
                applicant=applicant,
                to_stage=ApplicantStage(data.validated_data["to_stage"]),
                actor=user,
                note=data.validated_data.get("note", ""),
            )
        except services.ApplicantTransitionError:
            # A valid stage that the case's current stage does not lead to: a state conflict.
            return Response(
                {"to_stage": ["Det steget går inte att välja från det nuvarande."]},
                status=status.HTTP_409_CONFLICT,
            )
        refreshed = _with_flags(selectors.applicant_for_staff_queryset().get(pk=applicant.pk))
        return Response(ApplicantDetailSerializer(refreshed).data, status=status.HTTP_200_OK)
