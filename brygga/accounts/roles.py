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
# Managers also write what IVO asks for (partial implementation, reasons for delay) and see the
# statistics. Marking a quarter as reported (huvudrapportör, oversight.report_quarter) is given
# to a person the nämnd appoints, never through a role.
_OVERSIGHT_MANAGE = frozenset({"oversight.change_unimplemented"})
_OVERSIGHT_STATISTICS = frozenset({"oversight.view_statistics"})

# Compensation (rates as data): every role that handles decisions or money reads the rates and
# quotes; finance officers and administrators enter the municipality's own rates and settings.
_COMPENSATION_VIEW = frozenset({"compensation.view_rate"})
_COMPENSATION_MANAGE = frozenset(
    {
        "compensation.add_rate",
        "compensation.change_rate",
        "compensation.change_compensationsettings",
    }
)
# Contracts (uppdragsavtal): the case officer handling the assignment makes, changes and signs.
_CONTRACTS_HANDLE = frozenset(
    {"contracts.view_contract", "contracts.add_contract", "contracts.sign_contract"}
)
# Carers' reports: the case officer approves or returns them (unit scope via the decision).
_REPORTS_APPROVE = frozenset({"payments.view_report", "payments.approve_report"})
# Payment runs, the payroll export and corrections (adjustment lines); salary codes.
_PAYMENTS_FINANCE = frozenset(
    {
        "payments.view_report",
        "payments.view_paymentrun",
        "payments.add_paymentrun",
        "payments.export_paymentrun",
        "payments.view_paymentline",
        "payments.add_paymentline",
        "payments.view_paymentsettings",
        "payments.change_paymentsettings",
    }
)
# Integrations: API tokens for systems and imports from spreadsheets (administrators only).
_INTEGRATIONS = frozenset({"accounts.manage_apitoken", "integrations.run_import"})

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
    | _ASSIGNMENTS_HANDLE
    | _COMPENSATION_VIEW
    | _CONTRACTS_HANDLE
    | _REPORTS_APPROVE,
    Role.FINANCE_OFFICER: _COMPENSATION_VIEW | _COMPENSATION_MANAGE | _PAYMENTS_FINANCE,
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
    | _OVERSIGHT_REGISTER
    | _COMPENSATION_VIEW
    | _OVERSIGHT_MANAGE
    | _OVERSIGHT_STATISTICS,
    Role.ADMINISTRATOR: frozenset(
        {
            "audit.review_auditlog",
            "accounts.view_user",
            "accounts.manage_users",
            "accounts.view_unit",
            "accounts.add_unit",
            "accounts.change_unit",
            "retention.run_retention",
        }
    )
    | _WEBSITE_CONTENT
    | _RECRUITMENT_SETTINGS
    | frozenset({"applicants.view_applicant"})
    | _CARERS_VIEW
    | _CLIENTS_VIEW
    | _CLIENTS_ALL_UNITS
    | _OVERSIGHT_REGISTER
    | _COMPENSATION_VIEW
    | _COMPENSATION_MANAGE
    | _OVERSIGHT_STATISTICS
    | _INTEGRATIONS,
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
