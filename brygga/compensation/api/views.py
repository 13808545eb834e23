"""`POST /api/v1/compensation/quote/`: what will this cost? (the same answer as the command)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brygga.accounts.api_auth import HasApiScope

from ..inputs import QuoteInputError, quote_from_input
from ..permissions import can_view_rates
from ..quoting import quote_as_json
from .serializers import QuoteErrorSerializer, QuoteRequestSerializer, QuoteResponseSerializer


class CanViewRates(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_view_rates(request.user)


def _flat_errors(errors: Any) -> dict[str, list[str]]:
    """Field errors as lists of strings, as documented: a list field's per-item errors
    ({"4": [...]}) become "Rad 5: …" in the field's list."""
    flat: dict[str, list[str]] = {}
    for field, value in errors.items():
        if isinstance(value, dict):
            flat[field] = [
                _("Rad %(row)s: %(message)s") % {"row": int(index) + 1, "message": message}
                for index, messages in value.items()
                for message in messages
            ]
        else:
            flat[field] = [str(message) for message in value]
    return flat


class QuoteApi(APIView):
    permission_classes = [HasApiScope, CanViewRates]
    api_scope = "read:compensation"

    @extend_schema(
        summary="Beräkna ersättning",
        description=(
            "Arvode, omkostnadsersättning, reseersättning och arbetsgivaravgifter enligt "
            "ersättningstabellerna (prisbasbelopp, SKR:s rekommendationer och kommunens egna "
            "nivåer från sitt datum). Samma indata och svar som kommandot compensation_quote. "
            "Belopp är decimalsträngar med två decimaler. Kräver compensation.view_rate. "
            "Omöjliga indata (okänt år, en vistelse som slutar innan den börjar, ett "
            "födelsedatum efter vistelsen) ger 400 med meddelanden per fält."
        ),
        request=QuoteRequestSerializer,
        responses={
            200: QuoteResponseSerializer,
            400: OpenApiResponse(QuoteErrorSerializer, description="Fel i indata, per fält"),
            403: OpenApiResponse(description="Inte inloggad eller saknar behörighet"),
        },
        examples=[
            OpenApiExample(
                "Kontaktfamilj fredag–söndag 2023",
                request_only=True,
                value={
                    "type": "kontaktfamilj",
                    "law": "sol",
                    "birth_date": "2015-01-01",
                    "stays": ["2023-03-10/2023-03-12"],
                },
            ),
            OpenApiExample(
                "Fel i indata",
                response_only=True,
                status_codes=["400"],
                value={"errors": {"stays": ["En vistelse kan inte sluta innan den börjar."]}},
            ),
        ],
    )
    def post(self, request: Request) -> Response:
        serializer = QuoteRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return Response({"errors": _flat_errors(serializer.errors)}, status=400)
        data: dict[str, Any] = dict(serializer.validated_data)
        user: Any = request.user
        try:
            result = quote_from_input(data, organisation=user.organisation)
        except QuoteInputError as error:
            return Response({"errors": error.errors}, status=400)
        return Response(quote_as_json(result))
