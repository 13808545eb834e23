"""Choices for the public site's content."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    """The age of the person an open assignment is for, as a band: never a birth date."""

    AGE_0_6 = "0-6", _("0–6 år")
    AGE_7_12 = "7-12", _("7–12 år")
    AGE_13_17 = "13-17", _("13–17 år")
    AGE_18_25 = "18-25", _("18–25 år")
    AGE_26_64 = "26-64", _("26–64 år")
    AGE_65_PLUS = "65-", _("65 år och äldre")


class CarerGender(models.TextChoices):
    """A wish about the carer's gender, stated only when it matters for the match.

    It describes the carer sought, not the person the assignment is for, so the listing
    reveals less about that person.
    """

    ANY = "any", _("Spelar ingen roll")
    WOMAN = "woman", _("Kvinna")
    MAN = "man", _("Man")


# Content pages that carry the "Hjälpte informationen dig?" question (URL names in `website`).
FEEDBACK_URL_NAMES = frozenset(
    {
        "assignment-type-list",
        "assignment-type-detail",
        "open-assignment-list",
        "open-assignment-detail",
        "faq",
        "contact",
        "story-list",
        "story-detail",
    }
)
FEEDBACK_COMMENT_MAX_LENGTH = 1000
