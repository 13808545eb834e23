"""Which register checks an assignment type and target group need by law and practice
(domain §2.4), before any organisation adds its own rules. Pure; shared by recruitment
(what to check before approval) and matching (what must still be valid on the start date).
"""

from __future__ import annotations

# Polisen's two registers, social services and Kronofogden: every municipality in domain §2.4.
BASE_CHECKS: tuple[str, ...] = (
    "criminal_record",
    "suspicion_register",
    "social_services",
    "enforcement_authority",
)
CHILDREN_EXTRACT = "children_extract_2013_852"  # lag (2013:852), work with children
LSS_EXTRACT = "lss_extract_2010_479"  # lag (2010:479), LSS support to children
EXTRACT_MAX_AGE_DAYS = 365  # both laws: the extract may be at most a year old

CHILDREN_GROUP = "barn-och-unga"
DISABILITY_GROUP = "funktionsnedsattning"
# LSS support: stödfamilj always, ledsagare and avlösare for children or disability.
LSS_TYPES = frozenset({"stodfamilj", "ledsagare", "avlosare"})


def required_register_checks(
    type_code: str, group_code: str | None
) -> tuple[tuple[str, ...], int | None]:
    """(the checks required, the maximum age in days of the extract among them, if any)."""
    if type_code == "stodfamilj" or (
        type_code in LSS_TYPES and group_code in (DISABILITY_GROUP, CHILDREN_GROUP)
    ):
        return (*BASE_CHECKS, LSS_EXTRACT), EXTRACT_MAX_AGE_DAYS
    if group_code == CHILDREN_GROUP:
        return (*BASE_CHECKS, CHILDREN_EXTRACT), EXTRACT_MAX_AGE_DAYS
    return BASE_CHECKS, None
