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
    # The log itself
    AUDIT_LOG_REVIEWED = "audit.log_reviewed", _("Loggen granskad")


# Events that record a staff member reading personal data (for the log review's filters).
READ_EVENTS = frozenset({AuditEventType.USER_RECORD_VIEWED})
