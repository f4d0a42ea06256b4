"""Online dossiers coming in from the portal: the worker pulls the portal's feed of
submissions (status 1, Mới đăng ký) into the desk's queue; the desk receives each (the
dossier gets status 2 and its code), asks for its completion online, or refuses it.

Pulled, not pushed: the desk system calls out to the portal, as it already does for every
message it sends, so nothing of it need be reachable from outside the province's network; the
feed's cursor advances in the same transaction as what each item wrote, so an item is taken
once even if the worker dies midway, and the portal's duplicated deliveries (the same code
again) are recognised by the code.

A delivery the desk cannot read (a field missing, an unknown agency or procedure, a wrong
citizen ID, a file refused by its content) is kept as malformed with the reasons, for review,
and the portal is told it was refused with them.

Legal basis: Decree 118/2025/NĐ-CP (online dossiers through the portal, receipt),
Circular 03/2025/TT-VPCP (dossier code, Art. 13; completion "once and in full", form 02;
refusal, form 03), Circular 04/2025/TT-VPCP (centralised services' codes)."""

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.calendars.selectors import agency_province_id
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.files import FILE_MAX_BYTES, checked_upload, sha256_of
from chuan.dossiers import rules
from chuan.dossiers.choices import Channel, NotReceivedKind
from chuan.dossiers.services import (
    Applicant,
    Counted,
    ReceiptData,
    dossier_not_receive,
    dossier_receive,
)
from chuan.organisations.models import Agency
from chuan.organisations.scoping import province_family_ids
from chuan.portal import messages as spec
from chuan.portal.choices import SubmissionState
from chuan.portal.client import PortalClient, PortalError, PortalRefusedError
from chuan.portal.models import OnlineSubmission, PortalDossier, PullCursor, SubmissionFile
from chuan.portal.permissions import may_take_in
from chuan.procedures.models import ProcedureVersion
from chuan.procedures.selectors import in_force_on

logger = logging.getLogger(__name__)

FILE_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")
MAX_FILES = 50
PAGE = 100


@dataclass
class Reading:
    """What a delivery says once read, or its problems."""

    problems: list[str]
    agency: Agency | None = None
    version: ProcedureVersion | None = None
    submitted_at: datetime.datetime | None = None
    files: list[dict[str, Any]] | None = None


def _text(data: dict[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def _agency_by_code(code: str, memo: dict[Any, Any]) -> Agency | None:
    key = ("agency", code)
    if key not in memo:
        memo[key] = Agency.objects.filter(code=code).first()
    return memo[key]


def _version_of(
    agency: Agency, procedure_code: str, on: datetime.date, memo: dict[Any, Any]
) -> ProcedureVersion | None:
    key = ("version", agency.pk, procedure_code, on)
    if key not in memo:
        province_id = agency_province_id(agency)
        provinces = {province_id, *province_family_ids(province_id)}
        memo[key] = (
            ProcedureVersion.objects.filter(
                in_force_on(on),
                procedure__code=procedure_code,
                procedure__province_id__in=provinces,
            )
            .select_related("procedure")
            .first()
        )
    return memo[key]


def submission_read(data: Any, *, on: datetime.date, memo: dict[Any, Any] | None = None) -> Reading:
    """Check a delivery against the submission's field list and the desk's rules: the
    agency by its electronic code, the procedure in force in its province's catalogue, the
    applicant's citizen ID and phone, the files' entries. No file is fetched here. `memo`
    keeps the agencies and procedures looked up during one pull."""
    memo = {} if memo is None else memo
    if not isinstance(data, dict):
        return Reading(problems=[_("The delivery is not a dossier.")])
    problems: list[str] = []
    unknown = sorted(set(data) - spec.SUBMISSION_FIELDS)
    if unknown:
        problems.append(_("Unknown fields: %(names)s.") % {"names": ", ".join(unknown[:10])})
    missing = sorted(name for name in spec.SUBMISSION_REQUIRED if data.get(name) in (None, ""))
    if missing:
        problems.append(_("Missing fields: %(names)s.") % {"names": ", ".join(missing)})
    code = data.get("MaHoSo")
    if code is not None and (not isinstance(code, str) or not 1 <= len(code) <= 40):
        problems.append(_("The portal's dossier code is not a code of at most 40 characters."))
    if data.get("TrangThaiHoSo") not in (None, "", 1):
        problems.append(_("Only a dossier newly submitted (status 1) can come in."))
    reading = Reading(problems=problems)
    submitted = spec.parse_portal_time(data.get("NgayNopHoSo") or "")
    if data.get("NgayNopHoSo") and submitted is None:
        problems.append(_("The submission time is not yyyyMMddHHmmss."))
    reading.submitted_at = submitted
    agency_code = data.get("MaDonVi")
    if isinstance(agency_code, str) and agency_code:
        reading.agency = _agency_by_code(agency_code, memo)
        if reading.agency is None:
            problems.append(
                _("No agency has the electronic code %(code)s.") % {"code": agency_code[:20]}
            )
    procedure_code = data.get("MaTTHC")
    if reading.agency is not None and isinstance(procedure_code, str) and procedure_code:
        reading.version = _version_of(reading.agency, procedure_code, on, memo)
        if reading.version is None:
            problems.append(
                _("Procedure %(code)s is not in force in the agency's catalogue.")
                % {"code": procedure_code[:20]}
            )
    id_number = data.get("SoGiayToChuHoSo")
    if isinstance(id_number, str) and id_number and rules.citizen_id_problem(id_number.strip()):
        problems.append(_("The applicant's citizen ID number is not a valid 12-digit number."))
    phone = data.get("SoDienThoai")
    if isinstance(phone, str) and phone and rules.normalised_phone(phone) is None:
        problems.append(_("The applicant's phone is not a Vietnamese phone number."))
    files = data.get("TaiLieuNop")
    if files is not None and (not isinstance(files, list) or len(files) > MAX_FILES):
        problems.append(
            _("The list of files is not a list of at most %(n)s files.") % {"n": MAX_FILES}
        )
    elif isinstance(files, list):
        entries = []
        for entry in files:
            if (
                not isinstance(entry, dict)
                or set(entry) - spec.SUBMISSION_FILE_FIELDS
                or not all(
                    isinstance(entry.get(key), str) and entry.get(key)
                    for key in ("TenTepDinhKem", "DuongDanTaiTepTin", "TenThanhPhanHoSo")
                )
            ):
                problems.append(_("A file entry lacks its name, its component or its address."))
                break
            entries.append(entry)
        reading.files = entries
    return reading


def _payload_hash(data: Any) -> str:
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def _fetch_files(
    client: PortalClient, entries: list[dict[str, Any]]
) -> tuple[list[Any], list[str]]:
    """Fetch and check each file as the desk's uploads are checked: the size first (the
    portal's answer is cut at the limit), then what the content really is."""
    checked, problems = [], []
    for entry in entries:
        name = entry["TenTepDinhKem"][:200]
        try:
            content = client.file(entry["DuongDanTaiTepTin"], FILE_MAX_BYTES)
        except PortalRefusedError as error:
            problems.append(
                _("File %(name)s could not be fetched: %(why)s") % {"name": name, "why": error}
            )
            continue
        upload = SimpleUploadedFile(name, content)
        try:
            result = checked_upload(upload, kinds=FILE_KINDS, field="file")
        except ValidationError as error:
            reasons = "; ".join(error.message_dict.get("file", error.messages))
            problems.append(_("File %(name)s refused: %(why)s") % {"name": name, "why": reasons})
            continue
        checked.append((entry, result, content, sha256_of(upload)))
    return checked, problems


def _store_files(submission: OnlineSubmission, checked: list[Any]) -> None:
    for entry, result, content, digest in checked:
        row = SubmissionFile(
            submission=submission,
            component_code=str(entry.get("MaThanhPhanHoSo") or "")[:50],
            component_name=entry["TenThanhPhanHoSo"][:500],
            portal_file_id=str(entry.get("TepDinhKemId") or "")[:100],
            name=entry["TenTepDinhKem"][:255],
            kind=result.kind,
            size=len(content),
            sha256=digest,
        )
        row.file.save(result.name, ContentFile(content), save=False)
        row.save()


def _fields_of(data: dict[str, Any], reading: Reading) -> dict[str, Any]:
    phone = data.get("SoDienThoai") if isinstance(data.get("SoDienThoai"), str) else ""
    return {
        "agency": reading.agency,
        "version": reading.version,
        "procedure_code": _text(data, "MaTTHC", 20),
        "applicant_name": _text(data, "ChuHoSo", 200),
        "applicant_id_number": _text(data, "SoGiayToChuHoSo", 12),
        "applicant_phone": rules.normalised_phone(phone or "") or _text(data, "SoDienThoai", 15),
        "applicant_email": _text(data, "Email", 254),
        "applicant_address": _text(data, "DiaChiChuHoSo", 300),
        "summary": _text(data, "TrichYeuHoSo", 500),
        "centralised": data.get("DichVuTapTrung") is True,
        "by_post": data.get("HinhThuc") == 1,
        "submitted_at": reading.submitted_at,
    }


@dataclass(frozen=True)
class Ingested:
    submission: OnlineSubmission
    outcome: str  # new, duplicate, revised, malformed


def submission_ingest(
    data: Any, *, client: PortalClient, memo: dict[Any, Any] | None = None
) -> Ingested:
    """Take one delivery of the feed into the queue, in one transaction: a new submission, a
    duplicate of one already held (counted), a revision of one whose completion was asked
    for (it waits again), or a malformed one kept with its problems."""
    today = timezone.localdate()
    digest = _payload_hash(data)
    code = data.get("MaHoSo") if isinstance(data, dict) else None
    code = code if isinstance(code, str) and 1 <= len(code) <= 40 else ""
    held = (
        OnlineSubmission.objects.filter(portal_code=code)
        .exclude(state=SubmissionState.MALFORMED)
        .first()
        if code
        else None
    )
    if held is not None and not (
        held.state == SubmissionState.COMPLETION_REQUESTED and held.payload_hash != digest
    ):
        OnlineSubmission.objects.filter(pk=held.pk).update(deliveries=held.deliveries + 1)
        return Ingested(held, "duplicate")
    reading = submission_read(data, on=today, memo=memo)
    checked: list[Any] = []
    if not reading.problems and reading.files:
        checked, file_problems = _fetch_files(client, reading.files)
        reading.problems.extend(file_problems)
    stored = data if isinstance(data, dict) else {"raw": str(data)[:2000]}
    if reading.problems:
        return _keep_malformed(stored, code, digest, reading)
    with transaction.atomic():
        if held is not None:  # the citizen completed it on the portal
            submission = OnlineSubmission.objects.select_for_update().get(pk=held.pk)
            for name, value in _fields_of(data, reading).items():
                setattr(submission, name, value)
            submission.state = SubmissionState.WAITING
            submission.payload, submission.payload_hash = stored, digest
            submission.deliveries += 1
            submission.save()
            submission.files.all().delete()
            _store_files(submission, checked)
            outcome = "revised"
        else:
            try:
                with transaction.atomic():
                    submission = OnlineSubmission.objects.create(
                        portal_code=code,
                        payload=stored,
                        payload_hash=digest,
                        **_fields_of(data, reading),
                    )
            except IntegrityError:  # another pull took the same code meanwhile
                submission = OnlineSubmission.objects.get(portal_code=code, state__in=_HELD)
                return Ingested(submission, "duplicate")
            _store_files(submission, checked)
            outcome = "new"
        activity_record(
            actor=None,
            verb=f"submission.{'revised' if outcome == 'revised' else 'arrived'}",
            target=submission,
            agency_id=submission.agency_id,
            changes={"portal_code": code},
        )
    return Ingested(submission, outcome)


_HELD = [s for s in SubmissionState.values if s != SubmissionState.MALFORMED]


def _keep_malformed(stored: dict[str, Any], code: str, digest: str, reading: Reading) -> Ingested:
    with transaction.atomic():
        earlier = OnlineSubmission.objects.filter(
            state=SubmissionState.MALFORMED, payload_hash=digest
        ).first()
        if earlier is not None:
            OnlineSubmission.objects.filter(pk=earlier.pk).update(deliveries=earlier.deliveries + 1)
            return Ingested(earlier, "duplicate")
        fields = _fields_of(stored, reading)
        submission = OnlineSubmission.objects.create(
            portal_code=code,
            state=SubmissionState.MALFORMED,
            payload=stored,
            payload_hash=digest,
            problems=reading.problems[:20],
            reason="; ".join(reading.problems)[:2000],
            **fields,
        )
        activity_record(
            actor=None,
            verb="submission.malformed",
            target=submission,
            agency_id=submission.agency_id,
            changes={"portal_code": code, "problems": "; ".join(reading.problems)[:500]},
        )
    return Ingested(submission, "malformed")


@dataclass(frozen=True)
class PullResult:
    new: int
    duplicates: int
    revised: int
    malformed: int
    position: int


def submissions_pull(*, client: PortalClient | None = None, pages: int = 10) -> PullResult:
    """Read the portal's feed from where the desk stopped, at most `pages` pages of
    `PAGE`; each item and the cursor's step past it commit together. Malformed deliveries
    are answered with their reasons (best effort: the portal may ask again)."""
    counts = {"new": 0, "duplicate": 0, "revised": 0, "malformed": 0}
    own = client is None
    client = client or PortalClient()
    cursor, _created = PullCursor.objects.get_or_create(name="submissions")
    position = cursor.position
    memo: dict[Any, Any] = {}
    try:
        for _page in range(pages):
            items = client.submissions(position, PAGE).body.get("items") or []
            if not isinstance(items, list) or not items:
                break
            for item in items:
                place = item.get("cursor") if isinstance(item, dict) else None
                if not isinstance(place, int) or place <= position:
                    continue
                with transaction.atomic():
                    result = submission_ingest(item.get("data"), client=client, memo=memo)
                    PullCursor.objects.filter(pk=cursor.pk).update(
                        position=place, pulled_at=timezone.now()
                    )
                position = place
                counts[result.outcome] += 1
                if result.outcome == "malformed":
                    _answer(client, result.submission)
            if len(items) < PAGE:
                break
    finally:
        if own:
            client.close()
    return PullResult(
        new=counts["new"],
        duplicates=counts["duplicate"],
        revised=counts["revised"],
        malformed=counts["malformed"],
        position=position,
    )


def _answer(client: PortalClient, submission: OnlineSubmission) -> None:
    if not submission.portal_code:
        return
    try:
        client.answer_submission(
            submission.portal_code,
            {"MaHoSo": submission.portal_code, "TiepNhan": False, "LyDo": submission.reason[:1000]},
        )
    except PortalError:
        logger.warning("The portal was not told of malformed %s", submission.portal_code)


# The desk's decisions -----------------------------------------------------------------------


def _locked_waiting(submission: OnlineSubmission, actor: Any) -> OnlineSubmission:
    submission = (
        OnlineSubmission.objects.select_for_update(of=("self",))
        .select_related("agency", "version__procedure")
        .get(pk=submission.pk)
    )
    if submission.agency is None or not may_take_in(actor, submission.agency):
        raise PermissionDenied(_("You may not take in online dossiers for this agency."))
    if submission.state != SubmissionState.WAITING:
        raise ConflictError(
            _("This submission is no longer waiting: it is %(state)s.")
            % {"state": submission.get_state_display().lower()}
        )
    if submission.version is None:
        raise ConflictError(_("The submission names no procedure in force."))
    return submission


def _agency(submission: OnlineSubmission) -> Agency:
    assert submission.agency is not None  # checked by _locked_waiting
    return submission.agency


def _receipt_data(submission: OnlineSubmission) -> ReceiptData:
    components: dict[str, Counted] = {}
    for row in submission.files.all():
        components.setdefault(row.component_name, Counted(row.component_name, originals=1))
    assert submission.version is not None
    return ReceiptData(
        version=submission.version,
        channel=Channel.ONLINE,
        applicant=Applicant(
            name=submission.applicant_name,
            id_number=submission.applicant_id_number,
            phone=submission.applicant_phone,
            email=submission.applicant_email,
            address=submission.applicant_address,
        ),
        components=list(components.values()),
        note=submission.summary,
        idempotency_key=f"portal:{submission.portal_code}"[:100],
        code=submission.portal_code if submission.centralised else "",
    )


def _link(submission: OnlineSubmission, dossier: Any) -> None:
    PortalDossier.objects.bulk_create(
        [PortalDossier(dossier=dossier, agency_id=dossier.agency_id)], ignore_conflicts=True
    )
    PortalDossier.objects.filter(dossier=dossier).update(portal_code=submission.portal_code)


def _decided(
    submission: OnlineSubmission, state: str, dossier: Any, actor: Any, **extra: Any
) -> None:
    submission.state = state
    submission.dossier = dossier
    submission.decided_at = timezone.now()
    submission.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    for name, value in extra.items():
        setattr(submission, name, value)
    submission.save()
    activity_record(
        actor=actor,
        verb=f"submission.{state}",
        target=submission,
        agency_id=submission.agency_id,
        changes={"portal_code": submission.portal_code, "dossier": dossier.code or ""},
    )


def submission_receive(*, submission: OnlineSubmission, actor: Any) -> Any:
    """Receive an online submission at the desk: a dossier through `dossier_receive` on the
    online channel (status 2, its due time and steps), coded by the agency's sequence
    (Circular 03/2025 Art. 13) or, for a centralised service, keeping the code its system
    gave (Art. 13.3 added by Circular 04/2025). The portal hears of it through the outbox."""
    with transaction.atomic():
        submission = _locked_waiting(submission, actor)
        dossier = dossier_receive(
            agency=_agency(submission), data=_receipt_data(submission), actor=actor
        )
        _link(submission, dossier)
        _decided(submission, SubmissionState.RECEIVED, dossier, actor)
    return dossier


def submission_request_completion(
    *, submission: OnlineSubmission, reason: str, missing: list[str], actor: Any
) -> Any:
    """Ask the citizen to complete the dossier online, once and in full (form 02): a dossier
    not received, sent back to the portal (status 5 before receipt) with the papers missing.
    The completed dossier comes back under the same code and waits again."""
    missing = [m.strip()[:300] for m in missing if m.strip()]
    with transaction.atomic():
        submission = _locked_waiting(submission, actor)
        dossier = dossier_not_receive(
            agency=_agency(submission),
            data=_receipt_data(submission),
            kind=NotReceivedKind.INCOMPLETE,
            reason=reason,
            missing=missing,
            actor=actor,
        )
        _link(submission, dossier)
        _decided(
            submission,
            SubmissionState.COMPLETION_REQUESTED,
            dossier,
            actor,
            reason=reason.strip(),
            missing=missing,
        )
    return dossier


def submission_refuse(*, submission: OnlineSubmission, reason: str, actor: Any) -> Any:
    """Refuse an online submission with its reason (form 03): a dossier not received, sent
    back to the portal (status 3)."""
    with transaction.atomic():
        submission = _locked_waiting(submission, actor)
        dossier = dossier_not_receive(
            agency=_agency(submission),
            data=_receipt_data(submission),
            kind=NotReceivedKind.REFUSED,
            reason=reason,
            missing=[],
            actor=actor,
        )
        _link(submission, dossier)
        _decided(submission, SubmissionState.REFUSED, dossier, actor, reason=reason.strip())
    return dossier


def waiting_filter() -> Q:
    return Q(state=SubmissionState.WAITING)
