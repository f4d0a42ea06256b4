"""Choices of the province's QMS kits (bộ mẫu hệ thống quản lý chất lượng)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SetScope(models.TextChoices):
    """Which agencies a model set is made for (TT 26/2014/TT-BKHCN Art. 41.6: agencies with
    similar procedures may share one work-handling process)."""

    COMMUNE_LEVEL = "commune_level", _("Communes, wards and special zones")
    COMMUNES = "communes", _("Communes")
    WARDS = "wards", _("Wards")
    PROVINCIAL = "provincial", _("Provincial departments and boards")


class ItemKind(models.TextChoices):
    """What a model item is: a model controlled document, or a model internal process for a
    procedure of the province's catalogue."""

    DOCUMENT = "document", _("Model document")
    PROCESS = "process", _("Model internal process")


class EditionState(models.TextChoices):
    """A model edition is drafted by the keeper and approved by the keeper's leader; a draft
    given up is withdrawn (kept, never propagated)."""

    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RequestStatus(models.TextChoices):
    """Where a model update request stands in the adopting agency."""

    OPEN = "open", _("Open")
    ADOPTED = "adopted", _("Adopted: a draft was prepared")
    KEPT = "kept", _("Closed: the agency keeps its own")
    SUPERSEDED = "superseded", _("Superseded by a newer edition")


class ReviewStatus(models.TextChoices):
    """A keeper's review of a model item opened by a change of the law."""

    OPEN = "open", _("Open")
    REVISED = "revised", _("Closed by a new edition")
    NO_CHANGE = "no_change", _("Closed: no change needed")


class AdoptionState(models.TextChoices):
    """Where an agency stands against a model item or a set, as DOST's adoption table shows it
    (computed, never stored)."""

    CURRENT = "current", _("Adopted, current")
    BEHIND = "behind", _("Behind: a newer edition waits")
    DIVERGED = "diverged", _("Adopted with local changes")
    KEPT_OWN = "kept_own", _("Keeps its own edition")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class MergeChunk(models.TextChoices):
    """Where a piece of a three-way merge comes from."""

    SAME = "same", _("Unchanged")
    OURS = "ours", _("The agency's change")
    THEIRS = "theirs", _("The model's change")
    BOTH = "both", _("The same change on both sides")
    CONFLICT = "conflict", _("Conflict")
