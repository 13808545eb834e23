"""The contract as a PDF (WeasyPrint), rendered from the version each time; the same body
template is shown on the pages. It names the client by first name and age only."""

from __future__ import annotations

from typing import Any, NoReturn

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import ContractVersion

PDF_TEMPLATE = "contracts/contract_pdf.html"

UNIT_LABELS = {
    "month": _("per månad"),
    "day": _("per dygn"),
    "hour": _("per timme"),
    "km": _("per km"),
}
KIND_LABELS = {
    "fee": _("Arvode (skattepliktigt)"),
    "expense_allowance": _("Omkostnadsersättning (skattefri)"),
    "travel": _("Reseersättning (skattefri)"),
}


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"The contract loads nothing from outside: {url}")


def contract_context(version: ContractVersion) -> dict[str, Any]:
    contract = version.contract
    assignment = contract.assignment
    decision = assignment.decision
    client = decision.client
    return {
        "version": version,
        "contract": contract,
        "organisation": contract.organisation,
        "unit": client.unit,
        "carer": assignment.carer,
        "type_name": decision.assignment_type.name,
        "legal_basis": decision.legal_basis,
        "client_first_name": client.first_name,
        "client_age": client.age_on(version.valid_from),
        "terms": [
            {
                **row,
                "kind_label": KIND_LABELS.get(row["kind"], row["kind"]),
                "unit_label": UNIT_LABELS.get(row["unit"], row["unit"]),
            }
            for row in version.terms
        ],
    }


def contract_pdf(version: ContractVersion) -> bytes:
    from weasyprint import HTML  # loading Pango is slow and only PDFs need it

    with translation.override("sv"):
        html = render_to_string(PDF_TEMPLATE, contract_context(version))
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    return pdf


def contract_filename(version: ContractVersion) -> str:
    return f"uppdragsavtal-version-{version.number}.pdf"
