from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Unit, User


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
