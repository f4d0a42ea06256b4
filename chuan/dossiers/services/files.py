"""Digitised papers and electronic results: the file of a paper received (its scan, or the
electronic original of an online submission) and the file of the result (the signed
electronic result, or the scan of the paper one).

Legal basis: Decree 45/2020/NĐ-CP Art. 14 and Decree 118/2025/NĐ-CP Art. 22 (electronic
results and dossiers), Circular 01/2023/TT-VPCP ch. II (digitisation), Circular
03/2025/TT-VPCP Art. 5 (what need not be copied). The 766 index (QĐ 766/QĐ-TTg, indicators
4.1–4.2) counts dossiers with digitised papers and with an electronic result.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload_name, sha256_of
from chuan.dossiers.choices import EventKind, FileOrigin, Status
from chuan.dossiers.models import Dossier, ReceivedComponent
from chuan.dossiers.permissions import may_process, may_receive
from chuan.dossiers.services.common import add_event, bump_figures, record_activity

# A scan is a PDF or an image; an electronic original may also be an Office document.
DOSSIER_FILE_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")
RESULT_STATUSES = (Status.FINISHED, Status.RETURNED)


def _origin_checked(origin: str) -> None:
    if origin not in FileOrigin.values:
        raise ValidationError({"origin": [_("Say whether the file is a scan or the original.")]})


def _locked(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("version", "agency")
        .get(pk=dossier.pk)
    )


def _local_day(instant: datetime.datetime) -> datetime.date:
    return timezone.localtime(instant).date()


@transaction.atomic
def component_attach_file(
    *,
    dossier: Dossier,
    order: int,
    file: UploadedFile,
    origin: str,
    actor: Any,
) -> ReceivedComponent:
    """Attach (or replace) the file of a paper received with the dossier, checked by
    content before it is stored. The first paper digitised counts the dossier as digitised
    on its day of receipt (the 766 index's denominator is the dossiers received)."""
    _origin_checked(origin)
    if not may_receive(actor, dossier.agency):
        raise PermissionDenied(_("Only the one-stop desk digitises the papers received."))
    name = checked_upload_name(file, kinds=DOSSIER_FILE_KINDS)
    dossier = _locked(dossier)
    if dossier.status == Status.NOT_RECEIVED or not dossier.code:
        raise ConflictError(_("Papers are digitised for a dossier that was received."))
    component = (
        ReceivedComponent.objects.select_for_update().filter(dossier=dossier, order=order).first()
    )
    if component is None:
        raise ValidationError({"order": [_("The dossier has no such paper.")]})
    first = not ReceivedComponent.objects.filter(dossier=dossier).exclude(file="").exists()
    now = timezone.now()
    component.file_sha256 = sha256_of(file)
    component.file_origin = origin
    component.file_at = now
    component.file.save(name, file, save=False)
    component.save(update_fields=["file", "file_origin", "file_sha256", "file_at"])
    if first:
        bump_figures(dossier, _local_day(dossier.received_at), "digitised")
    add_event(
        dossier, EventKind.FILE_ATTACHED, actor, now, component=component.order, origin=origin
    )
    record_activity(dossier, "component_digitised", actor, paper=component.name, origin=origin)
    return component


@transaction.atomic
def result_attach_file(*, dossier: Dossier, file: UploadedFile, origin: str, actor: Any) -> Dossier:
    """Attach (or replace) the result's file once the dossier is finished: the signed
    electronic result or the scan of the paper one. The first one counts the dossier as
    having an electronic result on its finish day."""
    _origin_checked(origin)
    if not may_process(actor, dossier.agency_id):
        raise PermissionDenied(_("You may not process this agency's dossiers."))
    name = checked_upload_name(file, kinds=DOSSIER_FILE_KINDS)
    dossier = _locked(dossier)
    if dossier.status not in RESULT_STATUSES or dossier.ended_at is None:
        raise ConflictError(_("The result's file is attached once the dossier is finished."))
    first = not dossier.result_file
    now = timezone.now()
    dossier.result_file_sha256 = sha256_of(file)
    dossier.result_file_origin = origin
    dossier.result_file_at = now
    dossier.result_file.save(name, file, save=False)
    dossier.save(
        update_fields=["result_file", "result_file_origin", "result_file_sha256", "result_file_at"]
    )
    if first:
        bump_figures(dossier, _local_day(dossier.ended_at), "electronic_result")
    add_event(dossier, EventKind.FILE_ATTACHED, actor, now, component="result", origin=origin)
    record_activity(dossier, "result_file_attached", actor, origin=origin)
    return dossier
