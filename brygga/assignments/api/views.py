"""The staff API for matching, offers and assignments: through the same gatekeeper
(clients.access_decision) as the pages, so the same unit scope and read log apply."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brygga.accounts.api_auth import HasApiScope
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.clients.permissions import access_decision

from .. import selectors
from ..permissions import can_match
from .serializers import AssignmentSerializer, CandidatesSerializer, OfferSerializer

PURPOSE = "Matchning via API"


class CanMatch(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_match(request.user)


def _decision(request: Request, public_id: str) -> Any:
    decision = access_decision(user=request.user, public_id=public_id, purpose=PURPOSE)
    return selectors.decision_for_matching_queryset().get(pk=decision.pk)


class DecisionCandidatesApi(APIView):
    permission_classes = [HasApiScope, CanMatch]
    api_scope = "read:matching"

    @extend_schema(
        summary="Kandidater för ett beslut",
        description=(
            "Uppdragstagare som uppfyller alla krav, bäst först, med skäl för och emot per "
            "kriterium; och de som inte uppfyller kraven, med skälen. 50 per sida i varje "
            "lista. Den som är vilande, saknar ledig plats eller saknar giltigt godkännande "
            "räknas bara, per skäl (excluded_by_reason), och ingår i excluded_count."
        ),
        parameters=[
            OpenApiParameter("page", int, description="Sida bland kandidaterna, från 1"),
            OpenApiParameter(
                "excluded_page", int, description="Sida bland dem som inte uppfyller kraven"
            ),
        ],
        responses=CandidatesSerializer,
    )
    def get(self, request: Request, public_id: str) -> Response:
        decision = _decision(request, public_id)
        result = selectors.decision_candidates(
            decision=decision,
            page=request.query_params.get("page"),
            excluded_page=request.query_params.get("excluded_page"),
        )
        audit_record(
            actor=request.user,
            event=AuditEventType.CANDIDATES_VIEWED,
            subject=decision,
            person=decision.client,
            organisation=decision.organisation,
            purpose=PURPOSE,
        )
        return Response(CandidatesSerializer({"decision": decision, "result": result}).data)


class DecisionOffersApi(APIView):
    permission_classes = [HasApiScope, CanMatch]
    api_scope = "read:matching"

    @extend_schema(summary="Erbjudanden för ett beslut", responses=OfferSerializer(many=True))
    def get(self, request: Request, public_id: str) -> Response:
        decision = _decision(request, public_id)
        return Response(OfferSerializer(decision.offers.all(), many=True).data)


class DecisionAssignmentsApi(APIView):
    permission_classes = [HasApiScope, CanMatch]
    api_scope = "read:matching"

    @extend_schema(summary="Uppdrag för ett beslut", responses=AssignmentSerializer(many=True))
    def get(self, request: Request, public_id: str) -> Response:
        decision = _decision(request, public_id)
        return Response(AssignmentSerializer(decision.assignments.all(), many=True).data)
