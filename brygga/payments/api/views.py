"""Payment runs and their lines for finance integrations: read only, for finance officers,
their own organisation only; reading a run's lines is logged."""

from __future__ import annotations

from django.http import Http404

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brygga.accounts.api_auth import HasApiScope
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

from .. import selectors
from .serializers import PaymentRunDetailSerializer, PaymentRunSerializer

PURPOSE = "Utbetalning via API"


class CanViewRuns(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_staff_user(request.user) and request.user.has_perm("payments.view_paymentrun")


class PaymentRunListApi(APIView):
    permission_classes = [HasApiScope, CanViewRuns]
    api_scope = "read:payments"

    @extend_schema(
        summary="Utbetalningskörningar",
        description="Organisationens körningar, senaste månaden först. Ingen sidindelning.",
        responses=PaymentRunSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        runs = selectors.runs_for(user=request.user)
        return Response(PaymentRunSerializer(runs, many=True).data)


class PaymentRunDetailApi(APIView):
    permission_classes = [HasApiScope, CanViewRuns]
    api_scope = "read:payments"

    @extend_schema(
        summary="En utbetalningskörning med rader",
        description=(
            "Körningens rader per uppdragstagare: slag, skattepliktighet, antal, à-pris, belopp, "
            "arbetsgivaravgifter och regel. Belopp som decimalsträngar med två decimaler. "
            "Anropet loggas."
        ),
        responses=PaymentRunDetailSerializer,
    )
    def get(self, request: Request, public_id: str) -> Response:
        run = selectors.runs_for(user=request.user).filter(public_id=public_id).first()
        if run is None:
            raise Http404
        audit_record(
            actor=request.user,
            event=AuditEventType.PAYMENT_RUN_VIEWED,
            subject=run,
            purpose=PURPOSE,
        )
        return Response(PaymentRunDetailSerializer(run).data)
