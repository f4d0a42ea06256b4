"""Roles of Chuẩn's users, kept as Django groups with permissions.

A role says what a user may do; the agency of their active membership (or the province, or
everything, for the scopes below) says on which data. Later apps extend `ROLE_PERMISSIONS`.
"""

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    DOST_COORDINATOR = "dost_coordinator", _("Provincial QMS coordinator (DOST)")
    INSPECTOR = "inspector", _("Inspector")
    AGENCY_LEADER = "agency_leader", _("Agency leader")
    ISO_SECRETARY = "iso_secretary", _("ISO secretary")
    DOCUMENT_CONTROLLER = "document_controller", _("Document controller")
    DESK_OFFICER = "desk_officer", _("One-stop officer")
    PROCESSING_OFFICIAL = "processing_official", _("Processing official")
    VIEWER = "viewer", _("Viewer")


class Scope(models.TextChoices):
    """How far a role's rights reach."""

    ALL = "all", _("Whole country")
    PROVINCE = "province", _("Whole province")
    AGENCY = "agency", _("Own agency")


ROLE_SCOPE: dict[str, str] = {
    Role.SYSTEM_ADMIN: Scope.ALL,
    Role.DOST_COORDINATOR: Scope.PROVINCE,
    Role.INSPECTOR: Scope.PROVINCE,
}

_READ = [
    "calendars.view_calendarday",
    "legal.view_legaldocument",
    "procedures.view_procedure",
    "dossiers.view_dossier",
    "documents.view_controlleddocument",
    "organisations.view_administrativeunit",
    "organisations.view_agency",
    "organisations.view_department",
    "organisations.view_membership",
    "improvement.view_qms",
    "inspections.view_inspections",
    "training.view_training",
    "kits.view_modelset",
    "feedback.view_feedback",
]
_MANAGE_AGENCY = [
    "organisations.change_agency",
    "organisations.add_department",
    "organisations.change_department",
    "organisations.add_membership",
    "organisations.change_membership",
]

_ROLLOUT_READ = ["rollout.view_qmsevent", "rollout.view_target"]
_ROLLOUT_PROVINCE = [
    *_ROLLOUT_READ,
    "rollout.add_qmsevent",
    "rollout.view_coverage",
    "rollout.add_target",
    "rollout.change_target",
    "rollout.import_statuses",
]

_CALENDAR_EDIT = [
    "calendars.add_calendarday",
    "calendars.change_calendarday",
    "calendars.delete_calendarday",
    "calendars.change_officehours",
]

_LEGAL_EDIT = ["legal.add_legaldocument", "legal.change_legaldocument"]
_CATALOGUE_EDIT = ["procedures.add_procedure", "procedures.change_procedure"]
# The desk's form sets are national, kept by who records the central legal documents.
_FORM_SETS = ["procedures.add_formset", "procedures.change_formset"]
_PROCESS_EDIT = ["procedures.change_internalprocess"]
_PROCESS_APPROVE = ["procedures.approve_internalprocess"]
_DESK = ["dossiers.add_dossier", "dossiers.change_dossier"]
_DOCUMENTS_EDIT = ["documents.add_controlleddocument", "documents.change_controlleddocument"]
_PROCESSING = ["dossiers.change_dossier"]
# The feedback register (NĐ 20/2008): the desk, the ISO secretary and the leaders keep it;
# the official a feedback is assigned to replies (checked by the services).
_FEEDBACK = ["feedback.manage_feedback"]
# Any official of an agency may record a nonconformity they found; the ISO secretary and the
# leaders run the improvement cycle (what only a leader approves, the services check).
_QMS_RAISE = ["improvement.raise_nonconformity"]
_QMS_MANAGE = [*_QMS_RAISE, "improvement.manage_qms"]
# DOST's year: coordinators plan and run inspections, reports, courses and guidance;
# inspectors record results on the teams they are on; an agency's leaders and ISO secretary
# answer its inspections, register its officials for courses and ask DOST questions.
_DOST_YEAR = [
    "inspections.manage_inspections",
    "inspections.inspect",
    "inspections.publish_guidance",
    "training.manage_training",
]
# Reconciling the desk with the national portal: the agency's leaders, DOST, the administrator.
_PORTAL = ["portal.reconcile_portal"]
_AGENCY_ANSWERS = [
    "inspections.answer_inspection",
    "inspections.ask_guidance",
    "training.register_learners",
]

# The province's QMS kits: DOST and the departments keep model sets (a department only the
# sets it keeps, `kits.permissions`); an agency's ISO secretary and document controller adopt
# and adapt them for their own agency.
_KITS_KEEP = ["kits.keep_models"]
_KITS_ADOPT = ["kits.adopt_models"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.SYSTEM_ADMIN: [
        *_READ,
        *_MANAGE_AGENCY,
        "organisations.add_agency",
        "organisations.import_agencies",
        "core.view_activityentry",
        "accounts.view_user",
        "accounts.manage_users",
        *_ROLLOUT_PROVINCE,
        *_CALENDAR_EDIT,
        *_LEGAL_EDIT,
        *_FORM_SETS,
        *_CATALOGUE_EDIT,
        *_PROCESS_EDIT,
        *_PROCESS_APPROVE,
        *_DESK,
        *_DOCUMENTS_EDIT,
        *_QMS_MANAGE,
        *_DOST_YEAR,
        *_AGENCY_ANSWERS,
        *_KITS_KEEP,
        *_KITS_ADOPT,
        *_FEEDBACK,
        *_PORTAL,
    ],
    Role.DOST_COORDINATOR: [
        *_READ,
        *_MANAGE_AGENCY,
        "organisations.add_agency",
        "organisations.import_agencies",
        "core.view_activityentry",
        "accounts.view_user",
        "accounts.manage_users",
        *_ROLLOUT_PROVINCE,
        *_CALENDAR_EDIT,
        *_LEGAL_EDIT,
        *_FORM_SETS,
        *_CATALOGUE_EDIT,
        *_PROCESS_EDIT,
        *_PROCESS_APPROVE,
        *_DOST_YEAR,
        *_KITS_KEEP,
        *_PORTAL,
    ],
    Role.INSPECTOR: [
        *_READ,
        "core.view_activityentry",
        *_ROLLOUT_READ,
        "rollout.add_qmsevent",
        "rollout.view_coverage",
        "inspections.inspect",
    ],
    Role.AGENCY_LEADER: [
        *_READ,
        *_MANAGE_AGENCY,
        "core.view_activityentry",
        "accounts.view_user",
        "accounts.manage_users",
        *_ROLLOUT_READ,
        "rollout.add_qmsevent",
        *_PROCESS_APPROVE,
        *_PROCESSING,
        *_QMS_MANAGE,
        *_AGENCY_ANSWERS,
        *_FEEDBACK,
        *_PORTAL,
    ],
    Role.ISO_SECRETARY: [
        *_READ,
        *_MANAGE_AGENCY,
        "core.view_activityentry",
        "accounts.view_user",
        *_ROLLOUT_READ,
        "rollout.add_qmsevent",
        *_PROCESS_EDIT,
        *_DOCUMENTS_EDIT,
        *_QMS_MANAGE,
        *_AGENCY_ANSWERS,
        *_KITS_KEEP,
        *_KITS_ADOPT,
        *_FEEDBACK,
    ],
    Role.DOCUMENT_CONTROLLER: [
        *_READ,
        "core.view_activityentry",
        *_ROLLOUT_READ,
        *_LEGAL_EDIT,
        *_PROCESS_EDIT,
        *_PROCESS_APPROVE,
        *_DOCUMENTS_EDIT,
        *_QMS_RAISE,
        *_KITS_KEEP,
        *_KITS_ADOPT,
    ],
    Role.DESK_OFFICER: [*_READ, *_ROLLOUT_READ, *_DESK, *_QMS_RAISE, *_FEEDBACK],
    Role.PROCESSING_OFFICIAL: [*_READ, *_ROLLOUT_READ, *_PROCESSING, *_QMS_RAISE],
    Role.VIEWER: [*_READ, *_ROLLOUT_READ],
}


def sync_role_groups() -> None:
    """Create a group per role and give it exactly the role's permissions (idempotent)."""
    by_name = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set([by_name[name] for name in dotted_names if name in by_name])


def sync_role_groups_after_migrate(sender: Any, **kwargs: Any) -> None:
    # Each app's permissions appear in its own post_migrate; re-syncing after each of ours
    # leaves the groups complete whichever app migrates last.
    if getattr(sender, "name", "").startswith("chuan."):
        sync_role_groups()


# Roles each role may give to the accounts it creates: nobody grants more than they hold.
AGENCY_ROLES = [
    Role.AGENCY_LEADER,
    Role.ISO_SECRETARY,
    Role.DOCUMENT_CONTROLLER,
    Role.DESK_OFFICER,
    Role.PROCESSING_OFFICIAL,
    Role.VIEWER,
]


PROVINCE_WIDE_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.DOST_COORDINATOR, Role.INSPECTOR})


def grantable_roles(user: Any) -> list[str]:
    """The roles `user` may give to an official they register."""
    if user.is_superuser or Role.SYSTEM_ADMIN in user_roles(user):
        return list(Role.values)
    if Role.DOST_COORDINATOR in user_roles(user):
        return [Role.DOST_COORDINATOR, Role.INSPECTOR, *AGENCY_ROLES]
    if Role.AGENCY_LEADER in user_roles(user):
        return list(AGENCY_ROLES)
    return []


def user_roles(user: Any) -> list[str]:
    """Return the role codes of a user, cached on the user object for the request."""
    cached: list[str] | None = getattr(user, "_chuan_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        cached = [role for role in Role.values if role in names]
        user._chuan_roles = cached
    return cached


def user_scope(user: Any) -> str:
    """Return the widest scope among the user's roles; superusers see everything."""
    if user.is_superuser:
        return Scope.ALL
    scopes = {ROLE_SCOPE.get(role, Scope.AGENCY) for role in user_roles(user)}
    for scope in (Scope.ALL, Scope.PROVINCE):
        if scope in scopes:
            return scope
    return Scope.AGENCY
