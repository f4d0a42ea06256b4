"""Writes on the inspection file (hồ sơ kiểm tra, TT 26/2014 Art. 39) and the closing of an
inspection: a file holds the document types its form requires (`article39`), Chuẩn ticks
those it already holds, the inspecting unit records the others (an uploaded file, or a
link and a note), and the inspection closes once the file is complete and every request for
correction has an accepted corrective action (Art. 37.4)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload
from chuan.inspections import article39, inspection_states
from chuan.inspections.choices import InspectionState
from chuan.inspections.models import Inspection, InspectionFileItem
from chuan.inspections.permissions import can_manage
from chuan.inspections.selectors import followup as selectors

FILE_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")
MAX_NOTE = 500
MAX_LINK = 300


def _check_manager(inspection: Inspection, actor: Any) -> None:
    if not can_manage(actor, inspection.province_id):
        raise PermissionDenied(_("Only DOST's coordinators of the province keep the file."))


def file_item_record(
    *,
    inspection: Inspection,
    kind: str,
    actor: Any,
    file: UploadedFile | None = None,
    link: str = "",
    note: str = "",
    present: bool = True,
) -> InspectionFileItem:
    """Record one document of the file: in it (with a file, a link to where it is, or a
    note saying where the paper is kept) or, with `present=False`, taken out of it."""
    if kind not in article39.BY_CODE:
        raise ValidationError({"kind": _("Choose a document type of Article 39.")})
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check_manager(inspection, actor)
        if inspection.state == InspectionState.CLOSED:
            raise ConflictError(_("The inspection is closed: its file no longer changes."))
        link, note = (link or "").strip(), (note or "").strip()
        errors: dict[str, str] = {}
        if len(note) > MAX_NOTE:
            errors["note"] = _("Keep the note under 500 characters.")
        if len(link) > MAX_LINK or (link and not link.startswith(("/", "https://", "http://"))):
            errors["link"] = _("Give a link to a page of Chuẩn (starting with /) or a web address.")
        item = InspectionFileItem.objects.filter(inspection=inspection, kind=kind).first()
        has_file = file is not None or (item is not None and bool(item.file))
        if present and not (has_file or link or note):
            errors["file"] = _("Attach the document, link to it or say where it is kept.")
        if errors:
            raise ValidationError(errors)
        if item is None:
            item = InspectionFileItem(inspection=inspection, kind=kind)
        if file is not None:
            checked = checked_upload(file, kinds=FILE_KINDS, field="file")
            item.file.save(checked.name, file, save=False)
        item.present, item.link, item.note = present, link, note
        item.automatic, item.recorded_by = False, actor
        item.save()
        activity_record(
            actor=actor,
            verb="inspection_file.recorded",
            target=inspection,
            agency_id=inspection.agency_id,
            changes={"kind": kind, "present": present, "note": note},
        )
    return item


def inspection_close(*, inspection: Inspection, actor: Any) -> Inspection:
    """Close a concluded inspection (TT 26/2014 Art. 39; `inspection_states` "close"):
    refused while a required document type is missing from the file (each named) or while a
    request for correction has no accepted corrective action. The types Chuẩn held are
    written into the file as links, so the closed file stays as it was."""
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check_manager(inspection, actor)
        if not inspection_states.can("close", inspection.state, inspection.form):
            raise ConflictError(
                _("The inspection is “%(state)s”: only a concluded inspection closes.")
                % {"state": InspectionState(inspection.state).label}
            )
        missing, pending = selectors.close_blockers(inspection)
        errors: list[str] = []
        if missing:
            errors.append(_("The file lacks: %(kinds)s.") % {"kinds": "; ".join(missing)})
        if pending:
            errors.append(
                _("%(count)s request(s) for correction have no accepted corrective action.")
                % {"count": pending}
            )
        if errors:
            raise ValidationError(errors)
        for row in selectors.inspection_file(inspection):
            if row.automatic:
                InspectionFileItem.objects.update_or_create(
                    inspection=inspection,
                    kind=row.kind.code,
                    defaults={"present": True, "link": row.link, "automatic": True},
                )
        inspection.state = inspection_states.target("close")
        inspection.closed_at = timezone.now()
        inspection.save(update_fields=["state", "closed_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="inspection.closed",
            target=inspection,
            agency_id=inspection.agency_id,
            changes={"state": inspection.state},
        )
    return inspection


def register_file_labels() -> None:
    register_verb_labels(
        {
            "inspection_file.recorded": gettext_lazy("Recorded a document of the inspection file"),
            "inspection.closed": gettext_lazy("Closed an inspection"),
        }
    )
    register_field_labels(
        {
            "kind": gettext_lazy("Document type"),
            "present": gettext_lazy("In the file"),
            "note": gettext_lazy("Note"),
        },
        entity="inspection_file",
    )
    register_value_labels("kind", dict(article39.CODE_CHOICES), entity="inspection_file")
    register_field_labels({"state": gettext_lazy("State")}, entity="inspection")
    register_value_labels("state", InspectionState, entity="inspection")
