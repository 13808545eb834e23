"""The public site's content: assignment type pages, FAQ, stories, open assignments, feedback.

Editors write plain text (paragraphs separated by blank lines); templates render it with
`linebreaks`, so no HTML from editors ever reaches a page. Every row belongs to an
`Organisation` (ADR 0003).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brygga.accounts.models import Organisation, Unit
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import FEEDBACK_COMMENT_MAX_LENGTH, AgeBand, CarerGender


class AssignmentTypePage(PublicIdModel, TimeStampedModel):
    """What an assignment type means for a prospective carer, e.g. "Kontaktperson för barn
    och unga". One assignment type may have several pages, one per target group."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="assignment_type_pages",
        verbose_name=_("organisation"),
    )
    assignment_type = models.ForeignKey(
        AssignmentType,
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("uppdragstyp"),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignment_type_pages",
        verbose_name=_("målgrupp"),
    )
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment_type_pages",
        verbose_name=_("ansvarig enhet"),
    )
    slug = models.SlugField(
        _("adress"),
        max_length=80,
        help_text=_("Sista delen av sidans adress, till exempel kontaktperson-barn-och-unga."),
    )
    title = models.CharField(_("rubrik"), max_length=150)
    intro = models.TextField(
        _("ingress"), max_length=500, help_text=_("En eller två meningar som sammanfattar.")
    )
    body = models.TextField(
        _("om uppdraget"), help_text=_("Vanlig text. Skilj stycken åt med en tom rad.")
    )
    suited_for = models.TextField(_("vem passar uppdraget för"))
    time_commitment = models.TextField(_("hur mycket tid det tar"))
    minimum_age = models.PositiveSmallIntegerField(
        _("lägsta ålder"),
        null=True,
        blank=True,
        help_text=_("Antal år. Lämna tomt om det inte finns någon gräns."),
    )
    requirements = models.TextField(
        _("krav"), help_text=_("Till exempel erfarenhet, körkort och bil, språk.")
    )
    registers_checked = models.TextField(_("registerkontroller"))
    pay_text = models.TextField(_("ersättning"))
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    published = models.BooleanField(_("publicerad"), default=False)

    class Meta:
        verbose_name = _("sida om uppdragstyp")
        verbose_name_plural = _("sidor om uppdragstyper")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="assignmenttypepage_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.title


class FaqCategory(PublicIdModel, TimeStampedModel):
    """A group of questions on "Frågor och svar", e.g. "Ersättning och skatt"."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="faq_categories",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("rubrik"), max_length=150)
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faq_categories",
        verbose_name=_("ansvarig enhet"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    published = models.BooleanField(_("publicerad"), default=True)

    class Meta:
        verbose_name = _("frågekategori")
        verbose_name_plural = _("frågekategorier")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class FaqEntry(PublicIdModel, TimeStampedModel):
    """One question and its answer. The organisation is the category's."""

    category = models.ForeignKey(
        FaqCategory, on_delete=models.PROTECT, related_name="entries", verbose_name=_("kategori")
    )
    question = models.CharField(_("fråga"), max_length=250)
    answer = models.TextField(
        _("svar"), help_text=_("Vanlig text. Skilj stycken åt med en tom rad.")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    published = models.BooleanField(_("publicerad"), default=False)

    class Meta:
        verbose_name = _("fråga och svar")
        verbose_name_plural = _("frågor och svar")
        ordering = ["category__order", "order", "question"]

    def __str__(self) -> str:
        return self.question


class Story(PublicIdModel, TimeStampedModel):
    """A carer's own story ("berättelse"), published with their consent. No images yet."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("organisation"),
    )
    assignment_type = models.ForeignKey(
        AssignmentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("uppdragstyp"),
    )
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("ansvarig enhet"),
    )
    slug = models.SlugField(_("adress"), max_length=80)
    title = models.CharField(_("rubrik"), max_length=150)
    byline = models.CharField(
        _("vem berättar"),
        max_length=150,
        help_text=_("Till exempel ”Lena, kontaktperson sedan 2021”. Bara förnamn."),
    )
    intro = models.TextField(_("ingress"), max_length=500)
    body = models.TextField(
        _("berättelse"), help_text=_("Vanlig text. Skilj stycken åt med en tom rad.")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    published = models.BooleanField(_("publicerad"), default=False)

    class Meta:
        verbose_name = _("berättelse")
        verbose_name_plural = _("berättelser")
        ordering = ["order", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="story_unique_slug")
        ]

    def __str__(self) -> str:
        return self.title


class OpenAssignment(PublicIdModel, TimeStampedModel):
    """An assignment waiting for a carer ("Aktuella uppdrag"), described anonymously.

    Only fields that cannot identify the person are allowed here: an age band, never a birth
    date; an area, never an address; no name, personnummer or contact details. A test keeps
    it that way. A listing about a person with protected identity is never published: the
    services refuse and a database constraint backs them up.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="open_assignments",
        verbose_name=_("organisation"),
    )
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="open_assignments",
        verbose_name=_("ansvarig enhet"),
    )
    assignment_type = models.ForeignKey(
        AssignmentType,
        on_delete=models.PROTECT,
        related_name="open_assignments",
        verbose_name=_("uppdragstyp"),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="open_assignments",
        verbose_name=_("målgrupp"),
    )
    title = models.CharField(
        _("rubrik"),
        max_length=150,
        help_text=_("Till exempel ”Kontaktperson till en fotbollsintresserad tonåring”."),
    )
    age_band = models.CharField(_("ålder"), max_length=10, choices=AgeBand)
    carer_gender = models.CharField(
        _("önskat kön hos uppdragstagaren"),
        max_length=10,
        choices=CarerGender,
        default=CarerGender.ANY,
    )
    area = models.CharField(
        _("område"),
        max_length=80,
        help_text=_("En stadsdel eller ort, till exempel Norra Ekby. Aldrig en adress."),
    )
    interests = models.TextField(_("intressen"), max_length=500, blank=True)
    scope = models.CharField(
        _("omfattning"), max_length=150, help_text=_("Till exempel ”2 träffar i månaden”.")
    )
    start_wish = models.CharField(
        _("önskad start"), max_length=100, blank=True, help_text=_("Till exempel ”Snarast”.")
    )
    description = models.TextField(
        _("beskrivning"),
        max_length=2000,
        help_text=_(
            "Skriv inget som kan peka ut personen: inga namn, skolor, diagnoser eller adresser."
        ),
    )
    client_has_protected_identity = models.BooleanField(
        _("personen har skyddade personuppgifter"),
        default=False,
        help_text=_("Ett uppdrag för en person med skyddade personuppgifter publiceras aldrig."),
    )
    published = models.BooleanField(_("publicerat"), default=False, editable=False)
    published_at = models.DateTimeField(_("publicerat"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("aktuellt uppdrag")
        verbose_name_plural = _("aktuella uppdrag")
        ordering = ["-published_at", "-created_at"]
        permissions = [
            ("manage_openassignment", _("Får skapa, ändra och publicera aktuella uppdrag")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(published=True) & Q(client_has_protected_identity=True)),
                name="openassignment_protected_identity_never_published",
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "published", "-published_at"],
                name="openassignment_public_idx",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PageFeedback(models.Model):
    """An anonymous answer to "Hjälpte informationen dig?". No personal data is stored: no
    user, no address, no browser details; only the page, yes/no and an optional comment."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="page_feedback",
        verbose_name=_("organisation"),
    )
    path = models.CharField(_("sida"), max_length=200)
    helpful = models.BooleanField(_("hjälpte informationen"))
    comment = models.TextField(_("kommentar"), max_length=FEEDBACK_COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("synpunkt på sida")
        verbose_name_plural = _("synpunkter på sidor")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "path"], name="pagefeedback_page_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.path} ({'ja' if self.helpful else 'nej'})"
