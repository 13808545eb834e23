"""The one catalogue of audit events: `<entity>.<past participle>`.

Every event Brygga can write is listed here, so the whole list is reviewable in one file.
Add new events at the end of their entity's block.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventType(models.TextChoices):
    # Sign-in and sessions
    USER_LOGGED_IN = "user.logged_in", _("Inloggning")
    USER_LOGGED_OUT = "user.logged_out", _("Utloggning")
    USER_LOGIN_FAILED = "user.login_failed", _("Misslyckad inloggning")
    USER_LOCKED_OUT = "user.locked_out", _("Kontot spärrat efter misslyckade försök")
    USER_SESSION_EXPIRED = "user.session_expired", _("Utloggad efter inaktivitet")
    USER_SECOND_FACTOR_ENROLLED = "user.second_factor_enrolled", _("Tvåfaktorsinloggning aktiverad")
    USER_SECOND_FACTOR_VERIFIED = "user.second_factor_verified", _("Andra faktorn bekräftad")
    USER_SECOND_FACTOR_FAILED = "user.second_factor_failed", _("Fel engångskod")
    USER_RECOVERY_CODES_GENERATED = (
        "user.recovery_codes_generated",
        _("Nya reservkoder skapade"),
    )
    USER_RECOVERY_CODE_USED = "user.recovery_code_used", _("Reservkod använd")
    LOGIN_LINK_SENT = "login_link.sent", _("Inloggningslänk skickad")
    LOGIN_LINK_USED = "login_link.used", _("Inloggningslänk använd")
    # Users and roles
    USER_CREATED = "user.created", _("Användare skapad")
    USER_UPDATED = "user.updated", _("Användare ändrad")
    USER_RECORD_VIEWED = "user.record_viewed", _("Användaruppgifter visade")
    # Applicants (recruitment)
    APPLICANT_REGISTERED = "applicant.registered", _("Intresseanmälan mottagen")
    APPLICANT_REGISTRATION_LINKED = (
        "applicant.registration_linked",
        _("Ny intresseanmälan kopplad till pågående ärende"),
    )
    APPLICANT_STAGE_CHANGED = "applicant.stage_changed", _("Sökandes steg ändrat")
    APPLICANT_ASSIGNED = "applicant.assigned", _("Ansvarig för sökande ändrad")
    APPLICANT_DECISION_PROPOSED = "applicant.decision_proposed", _("Förslag till beslut")
    APPLICANT_DECIDED = "applicant.decided", _("Beslut om godkännande fattat")
    APPLICANT_RECORD_VIEWED = "applicant.record_viewed", _("Sökandes uppgifter visade")
    APPLICANT_LIST_VIEWED = "applicant.list_viewed", _("Arbetslista över sökande hämtad")
    APPLICANT_DETAILS_UPDATED = "applicant.details_updated", _("Sökandes uppgifter ändrade")
    APPLICANT_DOCUMENT_UPLOADED = "applicant.document_uploaded", _("Dokument uppladdat")
    APPLICANT_DOCUMENT_DOWNLOADED = "applicant.document_downloaded", _("Dokument hämtat")
    APPLICANT_DATA_EXPORTED = "applicant.data_exported", _("Sökande hämtade sina uppgifter")
    APPLICANT_DELETION_REQUESTED = (
        "applicant.deletion_requested",
        _("Sökande begärde radering"),
    )
    APPLICANT_REGISTER_CHECK_REQUESTED = (
        "applicant.register_check_requested",
        _("Registerkontroll begärd"),
    )
    APPLICANT_REGISTER_CHECK_RECORDED = (
        "applicant.register_check_recorded",
        _("Svar på registerkontroll registrerat"),
    )
    APPLICANT_REFERENCE_ADDED = "applicant.reference_added", _("Referens tillagd")
    APPLICANT_REFERENCE_CONTACTED = "applicant.reference_contacted", _("Referens kontaktad")
    APPLICANT_MEETING_BOOKED = "applicant.meeting_booked", _("Utredningsmöte bokat")
    APPLICANT_MEETING_RECORDED = "applicant.meeting_recorded", _("Utredningsmöte genomfört")
    APPLICANT_ASSESSMENT_SAVED = "applicant.assessment_saved", _("Bedömning sparad")
    APPLICANT_DECISION_LETTER_SENT = (
        "applicant.decision_letter_sent",
        _("Beslutsbrev skickat till sökande"),
    )
    APPLICANT_DECISION_LETTER_DOWNLOADED = (
        "applicant.decision_letter_downloaded",
        _("Sökande hämtade sitt beslutsbrev"),
    )
    ELIGIBILITY_RULE_SAVED = "eligibility_rule.saved", _("Krav för uppdragstyp sparade")
    RECRUITMENT_SETTINGS_SAVED = (
        "recruitment_settings.saved",
        _("Inställningar för rekrytering sparade"),
    )
    # Carers (uppdragstagare) and training
    CARER_CREATED = "carer.created", _("Uppdragstagare registrerad")
    CARER_APPROVALS_ADDED = "carer.approvals_added", _("Godkännanden tillagda")
    CARER_APPROVAL_REVOKED = "carer.approval_revoked", _("Godkännande återkallat")
    CARER_STATUS_CHANGED = "carer.status_changed", _("Uppdragstagarens status ändrad")
    CARER_PROFILE_UPDATED = "carer.profile_updated", _("Uppdragstagarens uppgifter ändrade")
    CARER_RECORD_VIEWED = "carer.record_viewed", _("Uppdragstagarens uppgifter visade")
    CARER_LIST_VIEWED = "carer.list_viewed", _("Lista över uppdragstagare visad")
    TRAINING_SESSION_CREATED = "training_session.created", _("Utbildningstillfälle skapat")
    TRAINING_SESSION_UPDATED = "training_session.updated", _("Utbildningstillfälle ändrat")
    TRAINING_SIGNUP_CREATED = "training_signup.created", _("Anmälan till utbildning")
    TRAINING_SIGNUP_CANCELLED = "training_signup.cancelled", _("Anmälan till utbildning avbokad")
    TRAINING_ATTENDANCE_RECORDED = (
        "training_signup.attendance_recorded",
        _("Närvaro på utbildning registrerad"),
    )
    # Clients (klienter), decisions (beslut), implementation plans and follow-ups
    CLIENT_REGISTERED = "client.registered", _("Klient registrerad")
    CLIENT_UPDATED = "client.updated", _("Klientens uppgifter ändrade")
    CLIENT_RECORD_VIEWED = "client.record_viewed", _("Klientens uppgifter visade")
    CLIENT_LIST_VIEWED = "client.list_viewed", _("Lista över klienter eller beslut visad")
    CLIENT_GUARDIAN_ADDED = "client.guardian_added", _("Vårdnadshavare tillagd")
    CLIENT_GUARDIAN_UPDATED = "client.guardian_updated", _("Vårdnadshavare ändrad")
    DECISION_REGISTERED = "decision.registered", _("Beslut om insats registrerat")
    DECISION_UPDATED = "decision.updated", _("Beslut om insats ändrat")
    DECISION_RECORD_VIEWED = "decision.record_viewed", _("Beslut om insats visat")
    DECISION_IMPLEMENTED = "decision.implemented", _("Beslut verkställt")
    DECISION_ENDED = "decision.ended", _("Beslut avslutat")
    DECISION_PLAN_SAVED = "decision.plan_saved", _("Genomförandeplan sparad")
    DECISION_FOLLOW_UP_RECORDED = "decision.follow_up_recorded", _("Uppföljning registrerad")
    # Public site content (website)
    ASSIGNMENT_TYPE_PAGE_CREATED = "assignment_type_page.created", _("Sida om uppdragstyp skapad")
    ASSIGNMENT_TYPE_PAGE_UPDATED = "assignment_type_page.updated", _("Sida om uppdragstyp ändrad")
    FAQ_CATEGORY_CREATED = "faq_category.created", _("Frågekategori skapad")
    FAQ_CATEGORY_UPDATED = "faq_category.updated", _("Frågekategori ändrad")
    FAQ_ENTRY_CREATED = "faq_entry.created", _("Fråga och svar skapad")
    FAQ_ENTRY_UPDATED = "faq_entry.updated", _("Fråga och svar ändrad")
    STORY_CREATED = "story.created", _("Berättelse skapad")
    STORY_UPDATED = "story.updated", _("Berättelse ändrad")
    OPEN_ASSIGNMENT_CREATED = "open_assignment.created", _("Aktuellt uppdrag skapat")
    OPEN_ASSIGNMENT_UPDATED = "open_assignment.updated", _("Aktuellt uppdrag ändrat")
    OPEN_ASSIGNMENT_PUBLISHED = "open_assignment.published", _("Aktuellt uppdrag publicerat")
    OPEN_ASSIGNMENT_UNPUBLISHED = (
        "open_assignment.unpublished",
        _("Aktuellt uppdrag avpublicerat"),
    )
    # Offers and assignments (uppdrag)
    OFFER_MADE = "offer.made", _("Uppdrag erbjudet")
    OFFER_ACCEPTED = "offer.accepted", _("Erbjudande accepterat")
    OFFER_DECLINED = "offer.declined", _("Erbjudande avböjt")
    OFFER_WITHDRAWN = "offer.withdrawn", _("Erbjudande återkallat")
    OFFER_VIEWED = "offer.viewed", _("Erbjudande visat för uppdragstagaren")
    CANDIDATES_VIEWED = "decision.candidates_viewed", _("Matchning visad")
    ASSIGNMENT_STARTED = "assignment.started", _("Uppdrag startat")
    ASSIGNMENT_PAUSED = "assignment.paused", _("Uppdrag pausat")
    ASSIGNMENT_INTERRUPTED = "assignment.interrupted", _("Avbrott i uppdrag")
    ASSIGNMENT_RESUMED = "assignment.resumed", _("Uppdrag återupptaget")
    ASSIGNMENT_ENDED = "assignment.ended", _("Uppdrag avslutat")
    ASSIGNMENT_RECORD_VIEWED = "assignment.record_viewed", _("Uppdrag visat")
    # Contracts (uppdragsavtal) and payments
    CONTRACT_VERSION_CREATED = "contract.version_created", _("Uppdragsavtal skickat")
    CONTRACT_ACCEPTED = "contract.accepted", _("Uppdragsavtal accepterat av uppdragstagaren")
    CONTRACT_SIGNED = "contract.signed", _("Uppdragsavtal underskrivet")
    CONTRACT_DOWNLOADED = "contract.downloaded", _("Uppdragsavtal hämtat")
    REPORT_SUBMITTED = "report.submitted", _("Redovisning skickad")
    REPORT_APPROVED = "report.approved", _("Redovisning godkänd")
    REPORT_RETURNED = "report.returned", _("Redovisning returnerad")
    REPORT_VIEWED = "report.viewed", _("Redovisning visad")
    RECEIPT_DOWNLOADED = "report.receipt_downloaded", _("Kvitto hämtat")
    PAYMENT_RUN_CREATED = "payment_run.created", _("Utbetalningskörning skapad")
    PAYMENT_RUN_EXPORTED = "payment_run.exported", _("Utbetalningskörning exporterad")
    PAYMENT_RUN_VIEWED = "payment_run.viewed", _("Utbetalningskörning visad")
    PAYMENT_ADJUSTED = "payment.adjusted", _("Rättelse av utbetalning")
    # Oversight: the register of unimplemented decisions (ej verkställda beslut)
    OVERSIGHT_REGISTER_VIEWED = (
        "oversight.register_viewed",
        _("Registret över ej verkställda beslut visat"),
    )
    # Compensation: a municipality's own rates and settings
    RATE_OVERRIDE_CREATED = "compensation.rate_override_created", _("Eget ersättningsvärde angivet")
    RATE_OVERRIDE_CHANGED = "compensation.rate_override_changed", _("Eget ersättningsvärde ändrat")
    COMPENSATION_SETTINGS_CHANGED = (
        "compensation.settings_changed",
        _("Inställningar för ersättning ändrade"),
    )
    OVERSIGHT_QUARTER_VIEWED = (
        "oversight.quarter_viewed",
        _("Kvartalsrapport om ej verkställda beslut visad"),
    )
    OVERSIGHT_QUARTER_REPORTED = (
        "oversight.quarter_reported",
        _("Kvartal markerat som rapporterat till IVO"),
    )
    OVERSIGHT_ENTRY_NOTE_SAVED = (
        "oversight.entry_note_saved",
        _("Uppgifter om ej verkställt beslut sparade"),
    )
    OVERSIGHT_PARTIAL_MARKED = (
        "oversight.partial_marked",
        _("Beslut markerat som delvis verkställt"),
    )
    OVERSIGHT_PARTIAL_CLOSED = "oversight.partial_closed", _("Delvis verkställt beslut avslutat")
    # Integrations: API tokens and imports (brygga/accounts/api_tokens.py, brygga/integrations)
    API_TOKEN_CREATED = "api_token.created", _("API-nyckel skapad")
    API_TOKEN_REVOKED = "api_token.revoked", _("API-nyckel återkallad")
    API_TOKEN_REFUSED = "api_token.refused", _("Återkallad eller utgången API-nyckel använd")
    API_SCOPE_DENIED = "api_token.scope_denied", _("API-anrop utan behörighet nekat")
    IMPORT_CHECKED = "import.checked", _("Importfil kontrollerad")
    IMPORT_COMPLETED = "import.completed", _("Import genomförd")
    # The log itself
    AUDIT_LOG_REVIEWED = "audit.log_reviewed", _("Loggen granskad")
    AUDIT_LOG_EXPORTED = "audit.log_exported", _("Loggen exporterad")
    AUDIT_PAYLOAD_SCRUBBED = (
        "audit.payload_scrubbed",
        _("Personuppgifter rensade ur loggen vid gallring"),
    )
    # Retention (gallring)
    RETENTION_RUN_COMPLETED = "retention.run_completed", _("Gallring genomförd")
    RETENTION_DRY_RUN_VIEWED = "retention.dry_run_viewed", _("Provkörning av gallring visad")


# Events that record a staff member reading personal data (for the log review's filters).
READ_EVENTS = frozenset(
    {
        AuditEventType.USER_RECORD_VIEWED,
        AuditEventType.APPLICANT_RECORD_VIEWED,
        AuditEventType.APPLICANT_LIST_VIEWED,
        AuditEventType.CARER_RECORD_VIEWED,
        AuditEventType.CARER_LIST_VIEWED,
        AuditEventType.CLIENT_RECORD_VIEWED,
        AuditEventType.CLIENT_LIST_VIEWED,
        AuditEventType.DECISION_RECORD_VIEWED,
        AuditEventType.OVERSIGHT_REGISTER_VIEWED,
        AuditEventType.OVERSIGHT_QUARTER_VIEWED,
        AuditEventType.APPLICANT_DOCUMENT_DOWNLOADED,
        AuditEventType.ASSIGNMENT_RECORD_VIEWED,
        AuditEventType.CANDIDATES_VIEWED,
        AuditEventType.REPORT_VIEWED,
        AuditEventType.PAYMENT_RUN_VIEWED,
    }
)
