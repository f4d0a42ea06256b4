"""The roll-out link: an agency that adopted a kit and approved all it adopted has issued
its QMS documents.

Document control and the catalogue call `documents.hooks.approved` and
`procedures.hooks.approved` inside each approval; when the approval is the agency's last
one missing (every adopted model document has an approved revision and every adopted
model process an approved edition), the event "documents issued" is recorded through the
roll-out's own service (`rollout.services.event_record`), which checks it against the
lifecycle (QĐ 19/2014/QĐ-TTg) like any other event: never recorded twice for one attempt
to build the QMS, nor for a QMS already announced."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.documents.choices import RevisionState
from chuan.documents.models import Revision
from chuan.kits.choices import ItemKind
from chuan.kits.models import AdoptedItem
from chuan.organisations.models import Agency
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess
from chuan.rollout import lifecycle
from chuan.rollout.choices import EventKind, QmsStatus
from chuan.rollout.models import QmsEvent
from chuan.rollout.services import EventData, event_record

_BUILDING = frozenset({QmsStatus.NOT_STARTED, QmsStatus.BUILDING, QmsStatus.LAPSED})


def all_adopted_approved(agency_id: int) -> bool:
    """Whether the agency adopted a kit and approved every item it adopted."""
    adopted = list(
        AdoptedItem.objects.filter(agency_id=agency_id).values_list(
            "item__kind", "document_id", "item__procedure_id"
        )
    )
    if not adopted:
        return False
    documents = {d for kind, d, _p in adopted if kind == ItemKind.DOCUMENT}
    procedures = {p for kind, _d, p in adopted if kind == ItemKind.PROCESS}
    approved_documents = set(
        Revision.objects.filter(
            document_id__in=documents, state=RevisionState.APPROVED
        ).values_list("document_id", flat=True)
    )
    approved_procedures = set(
        InternalProcess.objects.filter(
            agency_id=agency_id, procedure_id__in=procedures, status=ProcessStatus.APPROVED
        ).values_list("procedure_id", flat=True)
    )
    return documents <= approved_documents and procedures <= approved_procedures


def documents_issued_record(*, agency_id: int, actor: Any) -> QmsEvent | None:
    """Record "documents issued" for the agency if it adopted a kit, approved all of it and
    its lifecycle allows the event; None otherwise."""
    if not all_adopted_approved(agency_id):
        return None
    events = [
        lifecycle.Event(kind, on)
        for kind, on in QmsEvent.objects.in_force()
        .filter(agency_id=agency_id)
        .values_list("kind", "occurred_on")
    ]
    today = timezone.localdate()
    if lifecycle.status_on(events, today) not in _BUILDING:
        return None
    lapses = [e.on for e in events if e.kind == EventKind.LAPSED]
    if any(
        e.kind == EventKind.DOCUMENTS_ISSUED and (not lapses or e.on >= max(lapses)) for e in events
    ):
        return None
    agency = Agency.objects.get(pk=agency_id)
    try:
        return event_record(
            agency=agency,
            data=EventData(
                kind=EventKind.DOCUMENTS_ISSUED,
                occurred_on=today,
                note=_(
                    "Every document and process adopted from the province's model set is approved."
                ),
            ),
            actor=actor,
        )
    except ValidationError:
        # The lifecycle refuses it (an event dated later already): nothing to record.
        return None


def on_revision_approved(*, revision: Revision, actor: Any) -> None:
    if AdoptedItem.objects.filter(document_id=revision.document_id).exists():
        documents_issued_record(agency_id=revision.document.agency_id, actor=actor)


def on_process_approved(*, process: InternalProcess, actor: Any) -> None:
    if AdoptedItem.objects.filter(
        agency_id=process.agency_id, item__procedure_id=process.procedure_id
    ).exists():
        documents_issued_record(agency_id=process.agency_id, actor=actor)
