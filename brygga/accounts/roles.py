"""Which permissions each role holds.

Roles are Django groups named by their `Role` value; this map is the only place that knows
which permissions a role carries. `roles_sync()` runs after every migration, so a new
permission reaches its roles with the deployment that introduces it. Code elsewhere checks
permissions (`user.has_perm(...)`), never group names.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from .constants import Role

# Editing the public site's content (website): assignment type pages, FAQ, stories, feedback.
_WEBSITE_CONTENT = frozenset(
    {
        "website.add_assignmenttypepage",
        "website.change_assignmenttypepage",
        "website.add_faqcategory",
        "website.change_faqcategory",
        "website.add_faqentry",
        "website.change_faqentry",
        "website.add_story",
        "website.change_story",
        "website.view_pagefeedback",
    }
)
# Anonymised listings of assignments waiting for a carer ("Aktuella uppdrag").
_OPEN_ASSIGNMENTS = frozenset({"website.manage_openassignment"})
# Recruitment: handling applicants' investigations; deciding is a delegation of its own.
_RECRUITMENT = frozenset({"applicants.view_applicant", "applicants.change_applicant"})
_RECRUITMENT_DECISION = frozenset({"applicants.decide_applicant"})
_RECRUITMENT_SETTINGS = frozenset(
    {
        "applicants.view_eligibilityrule",
        "applicants.add_eligibilityrule",
        "applicants.change_eligibilityrule",
        "applicants.change_recruitmentsettings",
    }
)
# The carer pool: see carers (case officers too, for matching); change their status; training.
_CARERS_VIEW = frozenset({"carers.view_carer"})
_CARERS_MANAGE = frozenset({"carers.change_carer", "carers.manage_training"})

# Clients and decisions (beslut): case officers register and handle them in their own units;
# managers read them in their units and see protected identities; administrators read them in
# every unit. Protected identity (skyddade personuppgifter) is granted to case officers only
# individually, never through the role.
_CLIENTS_VIEW = frozenset({"clients.view_client", "clients.view_decision"})
_CLIENTS_HANDLE = frozenset(
    {
        "clients.add_client",
        "clients.change_client",
        "clients.add_decision",
        "clients.change_decision",
    }
)
_CLIENTS_PROTECTED_IDENTITY = frozenset({"clients.view_protected_identity"})
_CLIENTS_ALL_UNITS = frozenset({"clients.view_all_units"})
_ASSIGNMENTS_VIEW = frozenset({"assignments.view_assignment"})
_ASSIGNMENTS_HANDLE = frozenset({"assignments.add_offer", "assignments.change_assignment"})
# The register of unimplemented decisions (IVO): managers in their units, administrators in
# all units. Case officers see the IVO dates of their own decisions on the worklist instead.
_OVERSIGHT_REGISTER = frozenset({"oversight.view_unimplemented"})

# "app_label.codename" per role. Later apps add their permissions here.
ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.RECRUITMENT_OFFICER: _WEBSITE_CONTENT
    | _OPEN_ASSIGNMENTS
    | _RECRUITMENT
    | _CARERS_VIEW
    | _CARERS_MANAGE,
    Role.CASE_OFFICER: _OPEN_ASSIGNMENTS
    | _CARERS_VIEW
    | _CLIENTS_VIEW
    | _CLIENTS_HANDLE
    | _ASSIGNMENTS_VIEW
    | _ASSIGNMENTS_HANDLE,
    Role.FINANCE_OFFICER: frozenset(),
    Role.MANAGER: frozenset(
        {
            "audit.review_auditlog",
            "accounts.view_user",
        }
    )
    | _WEBSITE_CONTENT
    | _OPEN_ASSIGNMENTS
    | _RECRUITMENT
    | _RECRUITMENT_DECISION
    | _RECRUITMENT_SETTINGS
    | _CARERS_VIEW
    | _CARERS_MANAGE
    | _CLIENTS_VIEW
    | _CLIENTS_PROTECTED_IDENTITY
    | _ASSIGNMENTS_VIEW
    | _OVERSIGHT_REGISTER,
    Role.ADMINISTRATOR: frozenset(
        {
            "audit.review_auditlog",
            "accounts.view_user",
            "accounts.manage_users",
            "accounts.view_unit",
            "accounts.add_unit",
            "accounts.change_unit",
        }
    )
    | _WEBSITE_CONTENT
    | _RECRUITMENT_SETTINGS
    | frozenset({"applicants.view_applicant"})
    | _CARERS_VIEW
    | _CLIENTS_VIEW
    | _CLIENTS_ALL_UNITS
    | _OVERSIGHT_REGISTER,
}


def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions in ROLE_PERMISSIONS."""
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for name in sorted(perm_names):
            app_label, codename = name.split(".", 1)
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def roles_sync_after_migrate(**kwargs: Any) -> None:
    # Permissions of every app exist only once all apps have migrated; the accounts app's
    # post_migrate runs after django.contrib.auth's create_permissions for the same run.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))
    roles_sync()


def role_group(role: Role) -> Group:
    return Group.objects.get(name=role.value)


def roles_of(user: Any) -> list[Role]:
    return list(user.roles)
