"""Organisations, units and users.

Every record that reaches personal data belongs to an `Organisation` (ADR 0003); staff work in
one or more `Unit`s inside it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import OrganisationKind, Role, UserKind


class Organisation(TimeStampedModel):
    """A municipality or other principal (huvudman) running kontaktverksamhet."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(
        _("typ"), max_length=20, choices=OrganisationKind, default=OrganisationKind.MUNICIPALITY
    )
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    website = models.URLField(_("webbplats"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(TimeStampedModel):
    """An organisational unit (enhet), the scope of a staff member's access to personal data."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisation")
    )
    name = models.CharField(_("namn"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad enhet"),
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    visiting_address = models.CharField(_("besöksadress"), max_length=200, blank=True)
    opening_hours = models.CharField(_("telefontider och öppettider"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("kind", UserKind.STAFF)
        return self.create_user(email, password, **extra)


class User(PublicIdModel, AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: staff (password + TOTP) or the public (one-time e-mail link).

    `is_staff` keeps Django's meaning (may open the technical admin); `kind` says which
    door the person uses.
    """

    email = models.EmailField(_("e-post"), unique=True)
    first_name = models.CharField(_("förnamn"), max_length=100, blank=True)
    last_name = models.CharField(_("efternamn"), max_length=100, blank=True)
    kind = models.CharField(_("typ av konto"), max_length=10, choices=UserKind)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="members", verbose_name=_("enheter")
    )
    title = models.CharField(_("titel"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("får öppna den tekniska administrationen"), default=False)
    date_joined = models.DateTimeField(_("skapad"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["last_name", "first_name", "email"]
        permissions = [
            ("manage_users", _("Får hantera användare, roller och enheter")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def roles(self) -> list[Role]:
        """The roles this user holds, in catalogue order (uses prefetched groups if loaded)."""
        names = {group.name for group in self.groups.all()}
        return [role for role in Role if role.value in names]

    @property
    def is_staff_member(self) -> bool:
        return self.kind == UserKind.STAFF

    @property
    def is_public_member(self) -> bool:
        return self.kind == UserKind.PUBLIC


class LoginLink(models.Model):
    """A one-time sign-in link for a public user. Only a hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inloggningslänk")
        verbose_name_plural = _("inloggningslänkar")
        indexes = [models.Index(fields=["expires_at"], name="loginlink_expires_idx")]

    def __str__(self) -> str:
        return f"LoginLink {self.pk}"


class ApiToken(PublicIdModel, TimeStampedModel):
    """An API token for one integration (a payroll or case system), created by an
    administrator (ADR 0026).

    Only a SHA-256 hash of the secret is stored; `prefix` (the first characters of the token,
    not secret) finds the row. Each token acts through its own service user (kind staff, no
    password, no roles) holding the permissions of the token's scopes and the token's units,
    so gatekeepers, unit scoping and the audit log treat its calls like a staff member's.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("integration"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("behörigheter"), default=list)
    all_units = models.BooleanField(_("alla enheter"), default=False)
    units = models.ManyToManyField(
        Unit, blank=True, related_name="api_tokens", verbose_name=_("enheter")
    )
    service_user = models.OneToOneField(
        User,
        on_delete=models.PROTECT,
        related_name="api_token",
        verbose_name=_("tjänsteanvändare"),
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    expires_at = models.DateTimeField(_("gäller till"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("återkallad av"),
    )
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["organisation", "name", "-created_at"]
        permissions = [("manage_apitoken", _("Får skapa och återkalla API-nycklar"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="apitoken_unique_active_name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_usable(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def has_scope(self, code: str) -> bool:
        return code in self.scopes
