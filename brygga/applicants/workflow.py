"""The applicant's stages and the allowed moves between them (domain §2.2).

Recruitment officers move applicants forward in issue 4's pipeline; here the table is the
single source of truth, and the applicant may always withdraw while the case is open.
"""

from .constants import ApplicantStage as S

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.CONTACTED, S.CONSENT_PENDING, S.WITHDRAWN, S.NOT_APPROVED}),
    S.CONTACTED: frozenset({S.CONSENT_PENDING, S.REGISTER_CHECKS, S.WITHDRAWN, S.NOT_APPROVED}),
    S.CONSENT_PENDING: frozenset({S.REGISTER_CHECKS, S.WITHDRAWN, S.NOT_APPROVED}),
    S.REGISTER_CHECKS: frozenset({S.INVESTIGATION, S.WITHDRAWN, S.NOT_APPROVED}),
    S.INVESTIGATION: frozenset({S.PROPOSAL, S.WITHDRAWN, S.NOT_APPROVED}),
    S.PROPOSAL: frozenset({S.APPROVED, S.NOT_APPROVED, S.INVESTIGATION, S.WITHDRAWN}),
    S.APPROVED: frozenset(),
    S.NOT_APPROVED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


def can_move(from_stage: str, to_stage: str) -> bool:
    return to_stage in ALLOWED_TRANSITIONS.get(from_stage, frozenset())
