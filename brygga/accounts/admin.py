from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Organisation, Unit, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "email", "phone"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "organisation", "parent", "phone"]
    list_filter = ["organisation"]
    search_fields = ["name"]
    list_select_related = ["organisation", "parent"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "kind", "organisation", "is_active"]
    list_filter = ["kind", "organisation", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["organisation"]
    readonly_fields = ["public_id", "last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("public_id", "email", "password", "kind")}),
        (_("Person"), {"fields": ("first_name", "last_name", "title", "phone")}),
        (_("Organisation"), {"fields": ("organisation", "units")}),
        (
            _("Behörighet"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups")},
        ),
        (_("Tider"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "kind", "organisation", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ["units", "groups"]

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("organisation")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Read and revoke only: a token is created on the staff page, where it is shown once."""

    list_display = ["name", "organisation", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["organisation"]
    search_fields = ["name", "prefix"]
    list_select_related = ["organisation"]
    readonly_fields = [
        "public_id",
        "organisation",
        "name",
        "prefix",
        "scopes",
        "all_units",
        "units",
        "service_user",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
        "last_used_at",
    ]
    exclude = ["token_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Återkalla valda API-nycklar"))
    def revoke(self, request: Any, queryset: Any) -> None:
        from .api_tokens import api_token_revoke

        for token in queryset:
            api_token_revoke(token=token, actor=request.user)
