"""Legal bases are dated data: a decision cites only a paragraph in force on its date."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

import pytest

from brygga.clients.models import LegalBasis
from brygga.clients.selectors import legal_basis_valid_on

from .factories import make_client, make_decision

pytestmark = pytest.mark.django_db


def _sol_codes(on: date) -> set[str]:
    return set(legal_basis_valid_on(on).filter(law_area="sol").values_list("code", flat=True))


def test_the_old_social_services_act_applies_until_30_june_2025():
    assert _sol_codes(date(2025, 6, 30)) == {"sol-2001-3-6b", "sol-2001-4-1"}
    assert _sol_codes(date(2025, 7, 1)) == {"sol-2025-kontaktperson", "sol-2025-bistand"}


def test_the_new_laws_paragraphs_are_marked_for_verification():
    new = LegalBasis.objects.filter(sfs_number="2025:400")
    assert new.count() == 2
    assert all(basis.needs_verification and not basis.paragraph for basis in new)
    assert not LegalBasis.objects.filter(sfs_number="2001:453", needs_verification=True).exists()


def test_lss_lvu_and_fb_are_seeded_without_an_end():
    on = date(2026, 11, 1)
    codes = set(legal_basis_valid_on(on).values_list("code", flat=True))
    assert {"lss-9-3", "lss-9-4", "lss-9-5", "lss-9-6", "lvu-22", "fb-6-15c"} <= codes
    assert LegalBasis.objects.get(code="lss-9-4").citation == "LSS (1993:387) 9 § 4"
    assert LegalBasis.objects.get(code="sol-2001-3-6b").citation == "SoL (2001:453) 3 kap. 6 b §"


def test_a_decision_dated_30_june_2025_gets_the_old_law(organisation, unit, case_officer):
    client = make_client(organisation, unit, case_officer)
    old = LegalBasis.objects.get(code="sol-2001-3-6b")
    new = LegalBasis.objects.get(code="sol-2025-kontaktperson")
    decision = make_decision(client, case_officer, decision_date=date(2025, 6, 30), legal_basis=old)
    assert decision.legal_basis == old
    with pytest.raises(ValidationError) as caught:
        make_decision(client, case_officer, decision_date=date(2025, 6, 30), legal_basis=new)
    assert "gällde inte på beslutsdatumet 2025-06-30" in caught.value.message_dict["legal_basis"][0]


def test_a_decision_dated_1_july_2025_gets_the_new_law(organisation, unit, case_officer):
    client = make_client(organisation, unit, case_officer)
    old = LegalBasis.objects.get(code="sol-2001-3-6b")
    new = LegalBasis.objects.get(code="sol-2025-kontaktperson")
    assert make_decision(client, case_officer, decision_date=date(2025, 7, 1), legal_basis=new)
    with pytest.raises(ValidationError) as caught:
        make_decision(client, case_officer, decision_date=date(2025, 7, 1), legal_basis=old)
    assert "SoL (2001:453) 3 kap. 6 b § gällde inte" in caught.value.message_dict["legal_basis"][0]
