"""Writes of the keeper's side: model sets, their items, and the items' editions (drafted
by the keeper, approved by a leader of the keeping agency, with their change table and
legal basis — the rules of an agency's own controlled documents, TT 26/2014/TT-BKHCN and
ISO 9001:2015 7.5.2–7.5.3). Approving an edition closes the keeper's reviews of the item
and opens an update request in every adopting agency (`propagation`). Each write is one
transaction with an activity entry naming the actor."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload_name
from chuan.documents.choices import DocumentKind
from chuan.kits import permissions
from chuan.kits.choices import EditionState, ItemKind, ReviewStatus, SetScope
from chuan.kits.models import ModelEdition, ModelItem, ModelReview, ModelSet, ModelStep
from chuan.kits.services.common import refuse
from chuan.kits.services.propagation import propagate
from chuan.legal.models import LegalDocument
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.procedures import route
from chuan.procedures.choices import Responsible, StepUnit
from chuan.procedures.models import Procedure

BODY_MAX = 100_000
MAX_STEPS = 60
MODEL_FILE_KINDS = ("docx", "pdf", "xlsx")


@dataclass
class ModelStepData:
    """A step of a model process as a screen, the API or the demo gives it."""

    name: str
    responsible: str
    time_amount: Decimal
    time_unit: str
    department_name: str = ""
    output: str = ""
    forms: str = ""
    signs: bool = False
    gives_result: bool = False


@dataclass
class EditionData:
    """An edition's content: the text (a model document, with placeholders), the steps (a
    model process), the legal basis and the change table."""

    body: str = ""
    steps: list[ModelStepData] = field(default_factory=list)
    legal_basis: list[LegalDocument] = field(default_factory=list)
    changes: list[dict[str, str]] = field(default_factory=list)
    file: UploadedFile | None = None


def _set_for(item_or_set: Any) -> ModelSet:
    return item_or_set if isinstance(item_or_set, ModelSet) else item_or_set.model_set


def _require_keeper(actor: Any, model_set: ModelSet) -> None:
    if not permissions.may_keep(actor, model_set):
        raise PermissionDenied(_("You may not change this model set."))


# --- Sets and items ------------------------------------------------------------------------


def model_set_create(
    *,
    province: AdministrativeUnit,
    keeper: Agency,
    code: str,
    name: str,
    scope: str,
    description: str = "",
    actor: Any,
) -> ModelSet:
    """Open a model set of the province, kept by DOST or by a department for its field."""
    if not permissions.may_create_set(actor, keeper):
        raise PermissionDenied(_("You may not open a model set kept by this agency."))
    errors: dict[str, str] = {}
    code, name = code.strip(), " ".join(name.split())
    if province.level != "province":
        errors["province"] = _("A model set belongs to a province.")
    elif (keeper.unit.province_id or keeper.unit_id) != province.pk:
        errors["keeper"] = _("The keeper must be an agency of this province.")
    if not code or len(code) > 40:
        errors["code"] = _("Give the set's code, e.g. BM-XA-2025.")
    if not name or len(name) > 300:
        errors["name"] = _("Give the set's name.")
    if scope not in SetScope.values:
        errors["scope"] = _("Choose which agencies the set is made for.")
    if not errors and ModelSet.objects.filter(province=province, code__iexact=code).exists():
        errors["code"] = _("The province already has a model set %(code)s.") % {"code": code}
    if errors:
        raise refuse(**errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                model_set = ModelSet.objects.create(
                    province=province,
                    keeper=keeper,
                    code=code,
                    name=name,
                    scope=scope,
                    description=description.strip()[:5000],
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
        except IntegrityError as exc:
            raise refuse(code=_("This code was just taken.")) from exc
        activity_record(
            actor=actor,
            verb="model_set.created",
            target=model_set,
            agency_id=keeper.pk,
            changes={"code": code, "name": name, "scope": scope},
        )
    return model_set


def model_item_create(
    *,
    model_set: ModelSet,
    kind: str,
    code: str,
    title: str,
    content: EditionData,
    document_kind: str = "",
    procedure: Procedure | None = None,
    order: int = 0,
    actor: Any,
) -> ModelItem:
    """Add a model document or a model process to the set, with its first edition as a
    draft for the keeper's leader to approve."""
    _require_keeper(actor, model_set)
    errors: dict[str, str] = {}
    code, title = code.strip(), " ".join(title.split())
    if kind not in ItemKind.values:
        errors["kind"] = _("Choose a model document or a model process.")
    if not code or len(code) > 40:
        errors["code"] = _("Give the document code (mã hiệu), e.g. QT-HT-01.")
    elif model_set.items.filter(code__iexact=code).exists():
        errors["code"] = _("The set already has an item %(code)s.") % {"code": code}
    if not title or len(title) > 300:
        errors["title"] = _("Give the title.")
    if kind == ItemKind.DOCUMENT:
        if document_kind not in DocumentKind.values or document_kind == DocumentKind.EXTERNAL:
            errors["document_kind"] = _("Choose the kind of document.")
        procedure = None
    elif kind == ItemKind.PROCESS:
        document_kind = DocumentKind.OPERATIONAL_PROCEDURE
        if procedure is None:
            errors["procedure"] = _("Choose the procedure of the catalogue.")
        elif procedure.province_id != model_set.province_id:
            errors["procedure"] = _("Choose a procedure of the province's catalogue.")
        elif model_set.items.filter(procedure=procedure).exists():
            errors["procedure"] = _("The set already has a model process for this procedure.")
    if not 0 <= order <= 9999:
        errors["order"] = _("Give an order between 0 and 9999.")
    errors.update(_content_errors(kind, content))
    if errors:
        raise refuse(**errors)
    stored_file = _file_name(content.file)
    with transaction.atomic():
        try:
            with transaction.atomic():
                item = ModelItem.objects.create(
                    model_set=model_set,
                    kind=kind,
                    code=code,
                    title=title,
                    document_kind=document_kind,
                    procedure=procedure,
                    order=order,
                )
        except IntegrityError as exc:
            raise refuse(code=_("This code was just taken.")) from exc
        edition = ModelEdition.objects.create(
            item=item, number=1, body=content.body, changes=[], prepared_by=_user(actor)
        )
        _save_content(edition, content, stored_file)
        activity_record(
            actor=actor,
            verb="model_item.created",
            target=item,
            agency_id=model_set.keeper_id,
            changes={"code": code, "title": title, "kind": kind},
        )
    return item


# --- Editions ------------------------------------------------------------------------------


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _file_name(file: UploadedFile | None) -> str:
    return checked_upload_name(file, kinds=MODEL_FILE_KINDS) if file is not None else ""


def _clean_changes(changes: list[dict[str, str]]) -> list[dict[str, str]]:
    return [
        {k: str(row.get(k, "")).strip()[:300] for k in ("what", "where", "why")}
        for row in changes
        if any(str(row.get(k, "")).strip() for k in ("what", "where", "why"))
    ]


def _content_errors(kind: str, content: EditionData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind == ItemKind.DOCUMENT:
        if not content.body.strip():
            errors["body"] = _("Write the model's text.")
        elif len(content.body) > BODY_MAX:
            errors["body"] = _("The text is longer than %(n)s characters.") % {"n": BODY_MAX}
        return errors
    if kind != ItemKind.PROCESS:
        return errors
    steps = content.steps
    if not steps:
        errors["steps"] = _("A process has at least one step.")
    elif len(steps) > MAX_STEPS:
        errors["steps"] = _("A process has at most %(n)s steps.") % {"n": MAX_STEPS}
    for index, step in enumerate(steps, start=1):
        step.name = " ".join(step.name.split())
        problem = None
        try:
            amount = Decimal(step.time_amount)
        except (InvalidOperation, TypeError, ValueError):
            amount = Decimal(-1)
        if not step.name or len(step.name) > 500:
            problem = _("say what is done")
        elif step.responsible not in Responsible.values:
            problem = _("choose who is responsible")
        elif step.time_unit not in StepUnit.values:
            problem = _("choose hours or days")
        elif not Decimal(0) < amount <= Decimal(999):
            problem = _("allot a time above zero")
        elif len(step.department_name) > 255 or len(step.output) > 500 or len(step.forms) > 300:
            problem = _("shorten the department, output or forms")
        if problem:
            errors["steps"] = _("Step %(n)s: %(problem)s.") % {"n": index, "problem": problem}
            break
        step.time_amount = amount.quantize(Decimal("0.01"))
    if "steps" not in errors and steps:
        problem = route.route_problem(
            [
                route.Routed(index, step.responsible, step.signs, step.gives_result)
                for index, step in enumerate(steps, start=1)
            ]
        )
        if problem:
            errors["steps"] = problem
    return errors


def _save_content(edition: ModelEdition, content: EditionData, stored_file: str) -> None:
    edition.body = content.body.replace("\r\n", "\n") if edition.item.kind == "document" else ""
    fields = ["body", "updated_at"]
    if content.file is not None:
        content.file.name = stored_file
        edition.file.save(stored_file, content.file, save=False)
        fields.append("file")
    edition.save(update_fields=fields)
    edition.legal_basis.set(content.legal_basis)
    edition.steps.all().delete()
    if edition.item.kind == ItemKind.PROCESS:
        ModelStep.objects.bulk_create(
            ModelStep(
                edition=edition,
                order=index,
                name=step.name,
                responsible=step.responsible,
                department_name=" ".join(step.department_name.split()),
                time_amount=step.time_amount,
                time_unit=step.time_unit,
                output=step.output.strip(),
                forms=step.forms.strip(),
                signs=step.signs,
                gives_result=step.gives_result,
            )
            for index, step in enumerate(content.steps, start=1)
        )


def _copy(edition: ModelEdition) -> EditionData:
    return EditionData(
        body=edition.body,
        steps=[
            ModelStepData(
                name=s.name,
                responsible=s.responsible,
                time_amount=s.time_amount,
                time_unit=s.time_unit,
                department_name=s.department_name,
                output=s.output,
                forms=s.forms,
                signs=s.signs,
                gives_result=s.gives_result,
            )
            for s in edition.steps.order_by("order")
        ],
        legal_basis=list(edition.legal_basis.all()),
    )


def edition_draft(
    *, item: ModelItem, content: EditionData | None = None, actor: Any
) -> ModelEdition:
    """Start the item's next edition as a draft: from `content`, or holding the newest
    approved edition's text, steps and legal basis to be changed next. Say what changes,
    where and why (the change table); one draft at a time."""
    _require_keeper(actor, item.model_set)
    rows = _clean_changes(content.changes if content else [])
    if not rows:
        raise refuse(changes=_("Say what changes in this edition, where and why."))
    with transaction.atomic():
        item = ModelItem.objects.select_for_update().select_related("model_set").get(pk=item.pk)
        if item.editions.filter(state=EditionState.DRAFT).exists():
            raise ConflictError(_("A draft of this model is already open."))
        previous = item.editions.filter(state=EditionState.APPROVED).order_by("-number").first()
        data = content if content is not None else EditionData()
        if previous is not None and not data.legal_basis:
            data.legal_basis = list(previous.legal_basis.all())
        if not data.body.strip() and not data.steps:
            if previous is None:
                raise refuse(body=_("Write the model's text."))
            copied = _copy(previous)
            data = EditionData(
                body=copied.body,
                steps=copied.steps,
                legal_basis=data.legal_basis,
                changes=rows,
                file=data.file,
            )
        errors = _content_errors(item.kind, data)
        if errors:
            raise refuse(**errors)
        stored_file = _file_name(data.file)
        number = (item.editions.aggregate(n=Max("number"))["n"] or 0) + 1
        edition = ModelEdition.objects.create(
            item=item, number=number, changes=rows, prepared_by=_user(actor)
        )
        if data.file is None and previous is not None and previous.file:
            edition.file = previous.file.name
        _save_content(edition, data, stored_file)
        activity_record(
            actor=actor,
            verb="model_edition.drafted",
            target=edition,
            agency_id=item.model_set.keeper_id,
            changes={"code": item.code, "edition": number},
        )
    return edition


def _lock_edition(edition: ModelEdition) -> ModelEdition:
    return (
        ModelEdition.objects.select_for_update(of=("self",))
        .select_related("item__model_set")
        .get(pk=edition.pk)
    )


def edition_update(*, edition: ModelEdition, content: EditionData, actor: Any) -> ModelEdition:
    """Change a draft's text or steps, legal basis and change table; an approved edition
    never changes (a new edition is drafted instead)."""
    _require_keeper(actor, edition.item.model_set)
    errors = _content_errors(edition.item.kind, content)
    if errors:
        raise refuse(**errors)
    stored_file = _file_name(content.file)
    with transaction.atomic():
        edition = _lock_edition(edition)
        if edition.state != EditionState.DRAFT:
            raise ConflictError(_("An approved edition cannot change; draft a new edition."))
        rows = _clean_changes(content.changes)
        if edition.number > 1 and not rows:
            raise refuse(changes=_("Say what changes in this edition, where and why."))
        edition.changes = rows
        edition.save(update_fields=["changes", "updated_at"])
        _save_content(edition, content, stored_file)
        activity_record(
            actor=actor,
            verb="model_edition.changed",
            target=edition,
            agency_id=edition.item.model_set.keeper_id,
            changes={"code": edition.item.code, "edition": edition.number},
        )
    return edition


def edition_withdraw(*, edition: ModelEdition, reason: str, actor: Any) -> ModelEdition:
    """Give a draft up (kept, marked withdrawn, never propagated)."""
    _require_keeper(actor, edition.item.model_set)
    reason = " ".join(reason.split())
    if not reason:
        raise refuse(reason=_("Give the reason."))
    with transaction.atomic():
        edition = _lock_edition(edition)
        if edition.state != EditionState.DRAFT:
            raise ConflictError(_("Only a draft can be withdrawn."))
        edition.state = EditionState.WITHDRAWN
        edition.withdrawal_reason = reason[:500]
        edition.save(update_fields=["state", "withdrawal_reason", "updated_at"])
        activity_record(
            actor=actor,
            verb="model_edition.withdrawn",
            target=edition,
            agency_id=edition.item.model_set.keeper_id,
            changes={"code": edition.item.code, "edition": edition.number, "reason": reason},
        )
    return edition


def edition_approve(
    *, edition: ModelEdition, actor: Any, approved_on: datetime.date | None = None
) -> ModelEdition:
    """A leader of the keeping agency approves the draft (not its own author). The item's
    open reviews close as revised by it, and every agency that adopted the item gets an
    update request with the new edition and a draft prepared for it (`propagate`), all in
    this transaction. `approved_on` records an approval signed earlier on paper."""
    model_set = edition.item.model_set
    if not permissions.may_approve(actor, model_set):
        raise PermissionDenied(_("Only a leader of the keeping agency approves its models."))
    today = timezone.localdate()
    approved_on = approved_on or today
    if approved_on > today:
        raise refuse(approved_on=_("An approval cannot be dated in the future."))
    with transaction.atomic():
        # The item's row serialises approvals: two editions never propagate at once.
        ModelItem.objects.select_for_update().filter(pk=edition.item_id).first()
        edition = _lock_edition(edition)
        if edition.state != EditionState.DRAFT:
            raise ConflictError(_("Only a draft can be approved."))
        if actor is not None and actor.pk == edition.prepared_by_id:
            raise refuse(approved_by=_("The approver cannot be the author."))
        previous = (
            edition.item.editions.filter(state=EditionState.APPROVED).order_by("-number").first()
        )
        if previous is not None and previous.approved_on and approved_on < previous.approved_on:
            raise refuse(
                approved_on=_("Edition %(n)s was approved on %(date)s; date this one later.")
                % {"n": previous.number, "date": previous.approved_on.strftime("%d/%m/%Y")}
            )
        edition.state = EditionState.APPROVED
        edition.approved_by = _user(actor)
        edition.approved_on = approved_on
        edition.save(update_fields=["state", "approved_by", "approved_on", "updated_at"])
        reviews = list(
            ModelReview.objects.filter(item_id=edition.item_id, status=ReviewStatus.OPEN)
            .order_by("id")
            .values_list("pk", "legal_document_id")
        )
        ModelReview.objects.filter(pk__in=[pk for pk, _ in reviews]).update(
            status=ReviewStatus.REVISED,
            edition=edition,
            closed_at=timezone.now(),
            closed_by=_user(actor),
        )
        activity_record(
            actor=actor,
            verb="model_edition.approved",
            target=edition,
            agency_id=model_set.keeper_id,
            changes={
                "code": edition.item.code,
                "edition": edition.number,
                "approved_on": approved_on.isoformat(),
                "reviews_closed": len(reviews),
            },
        )
        if previous is not None:
            propagate(
                edition=edition,
                legal_document_id=reviews[0][1] if reviews else None,
                actor=actor,
            )
    return edition
