"""/api/v1/kits/: the province's QMS kits, scoped like the screens. Sets, items and
editions of the keeper; adoption, adaptation and update requests of the agency; the keeper's
reviews; DOST's adoption table. Errors: 400 naming the field, 403 without the right, 404
outside the caller's scope, 409 when the state does not allow the action."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.params import IntQuery
from chuan.core.permissions import require_perm
from chuan.kits import permissions, selectors, services
from chuan.kits.api import serializers as s
from chuan.kits.choices import AdoptionState, RequestStatus, ReviewStatus
from chuan.kits.models import ModelEdition, ModelItem, ModelSet
from chuan.kits.services import EditionData, ModelStepData
from chuan.organisations.scoping import active_membership
from chuan.procedures.services import StepData

AGENCY = IntQuery("agency", 1, 2**31 - 1, "Only this agency's rows.")


def _read(request: Request) -> None:
    require_perm(request.user, permissions.VIEW)


def _set(request: Request, pk: int) -> ModelSet:
    _read(request)
    model_set = selectors.model_set_get(user=request.user, pk=pk)
    if model_set is None:
        raise Http404
    return model_set


def _item(request: Request, pk: int) -> ModelItem:
    _read(request)
    item = selectors.item_get(user=request.user, pk=pk)
    if item is None:
        raise Http404
    return item


def _edition(request: Request, pk: int) -> ModelEdition:
    _read(request)
    edition = selectors.edition_get(user=request.user, pk=pk)
    if edition is None:
        raise Http404
    return edition


def _content(data: dict[str, Any]) -> EditionData:
    return EditionData(
        body=data.get("body", ""),
        steps=[ModelStepData(**step) for step in data.get("steps", [])],
        legal_basis=list(data.get("legal_basis", [])),
        changes=[dict(row) for row in data.get("changes", [])],
    )


class ModelSetListApi(generics.ListCreateAPIView):
    """Model sets the caller reads (`q` searches code and name); POST opens a set kept by
    `keeper` (DOST, or a department for its own field)."""

    serializer_class = s.ModelSetSerializer

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Code or name.")])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        _read(self.request)
        return selectors.model_set_list(
            user=self.request.user, query=self.request.query_params.get("q", "")[:100]
        )

    @extend_schema(request=s.ModelSetInputSerializer, responses={201: s.ModelSetSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _read(request)
        serializer = s.ModelSetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        keeper = data["keeper"]
        model_set = services.model_set_create(
            province=keeper.unit.province or keeper.unit,
            keeper=keeper,
            code=data["code"],
            name=data["name"],
            scope=data["scope"],
            description=data["description"],
            actor=request.user,
        )
        return Response(s.ModelSetSerializer(model_set).data, status=status.HTTP_201_CREATED)


class ModelSetDetailApi(APIView):
    """A set with its items, each with its newest approved edition and open draft."""

    @extend_schema(responses={200: s.ModelSetDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        model_set = _set(request, pk)
        items = selectors.set_items(model_set)
        return Response(s.ModelSetDetailSerializer(model_set, context={"items": items}).data)


class ModelItemCreateApi(APIView):
    """Add a model document (`body`) or model process (`procedure`, `steps`) to the set,
    its first edition a draft."""

    @extend_schema(request=s.KitItemInputSerializer, responses={201: s.ModelItemSerializer})
    def post(self, request: Request, pk: int) -> Response:
        model_set = _set(request, pk)
        serializer = s.KitItemInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = services.model_item_create(
            model_set=model_set,
            kind=data["kind"],
            code=data["code"],
            title=data["title"],
            document_kind=data["document_kind"],
            procedure=data["procedure"],
            order=data["order"],
            content=_content(data),
            actor=request.user,
        )
        return Response(s.ModelItemSerializer(item).data, status=status.HTTP_201_CREATED)


class AdoptApi(APIView):
    """Adopt the set (or the `items` chosen) for the caller's agency in one step: drafts of
    the agency's documents and processes, placeholders filled."""

    @extend_schema(
        request=s.KitAdoptInputSerializer, responses={201: s.AdoptedItemSerializer(many=True)}
    )
    def post(self, request: Request, pk: int) -> Response:
        model_set = _set(request, pk)
        serializer = s.KitAdoptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        agency = data["agency"]
        if agency is None:
            membership = active_membership(request.user)
            if membership is None:
                return Response(
                    {"agency": [_("Say which agency adopts.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            agency = membership.agency
        adoption = services.model_set_adopt(
            agency=agency, model_set=model_set, items=data["items"], actor=request.user
        )
        rows = selectors.adopted_items(user=request.user, agency_id=agency.pk).filter(
            adoption=adoption
        )
        return Response(
            s.AdoptedItemSerializer(rows, many=True).data, status=status.HTTP_201_CREATED
        )


class AdoptionTableApi(generics.ListAPIView):
    """DOST's adoption table of the set: per agency the edition it runs on for each model
    and its state; `state` filters (current, behind, diverged, kept_own, not_adopted)."""

    serializer_class = s.KitTableRowSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "state", str, enum=AdoptionState.values, description="Only rows in this state."
            )
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        model_set = _set(self.request, self.kwargs["pk"])
        wanted = self.request.query_params.get("state", "")
        wanted = wanted if wanted in AdoptionState.values else ""
        visible = selectors.table_agency_ids(self.request.user, model_set)
        return selectors.adoption_table(model_set, state=wanted, agency_ids=visible).rows


class AdoptionCountsApi(APIView):
    """The adoption table's counts per state, for the dashboard."""

    @extend_schema(responses={200: s.KitTableCountsSerializer})
    def get(self, request: Request, pk: int) -> Response:
        model_set = _set(request, pk)
        visible = selectors.table_agency_ids(request.user, model_set)
        table = selectors.adoption_table(model_set, agency_ids=visible)
        return Response(s.KitTableCountsSerializer(table.counts).data)


class ModelItemDetailApi(APIView):
    """A model item with its editions (drafts for who keeps or approves the set)."""

    @extend_schema(responses={200: s.ModelEditionSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        item = _item(request, pk)
        return Response(
            s.ModelEditionSerializer(selectors.item_editions(item, request.user), many=True).data
        )

    @extend_schema(request=s.KitEditionInputSerializer, responses={201: s.ModelEditionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Draft the item's next edition (from the newest approved one when `body` and
        `steps` are left out); `changes` says what changes, where and why."""
        item = _item(request, pk)
        serializer = s.KitEditionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        edition = services.edition_draft(
            item=item, content=_content(serializer.validated_data), actor=request.user
        )
        return Response(s.ModelEditionSerializer(edition).data, status=status.HTTP_201_CREATED)


class EditionDetailApi(APIView):
    @extend_schema(responses={200: s.ModelEditionSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.ModelEditionSerializer(_edition(request, pk)).data)


class EditionUpdateApi(APIView):
    """Change a draft's content."""

    @extend_schema(request=s.KitEditionInputSerializer, responses={200: s.ModelEditionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        edition = _edition(request, pk)
        serializer = s.KitEditionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        edition = services.edition_update(
            edition=edition, content=_content(serializer.validated_data), actor=request.user
        )
        return Response(s.ModelEditionSerializer(edition).data)


class EditionApproveApi(APIView):
    """A leader of the keeping agency approves the draft; every adopting agency gets an
    update request with a prepared draft."""

    @extend_schema(request=s.KitEditionActionSerializer, responses={200: s.ModelEditionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        edition = _edition(request, pk)
        serializer = s.KitEditionActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        edition = services.edition_approve(
            edition=edition,
            approved_on=serializer.validated_data["approved_on"],
            actor=request.user,
        )
        return Response(s.ModelEditionSerializer(edition).data)


class EditionWithdrawApi(APIView):
    """Give a draft up, with the reason."""

    @extend_schema(request=s.KitEditionActionSerializer, responses={200: s.ModelEditionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        edition = _edition(request, pk)
        serializer = s.KitEditionActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        edition = services.edition_withdraw(
            edition=edition, reason=serializer.validated_data["reason"], actor=request.user
        )
        return Response(s.ModelEditionSerializer(edition).data)


class AdoptedItemListApi(generics.ListAPIView):
    """Adopted models of the agencies the caller sees; `agency` narrows to one."""

    serializer_class = s.AdoptedItemSerializer

    @extend_schema(parameters=[AGENCY.parameter()])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        _read(self.request)
        return selectors.adopted_items(
            user=self.request.user, agency_id=AGENCY.read(self.request.query_params)
        )


def _adopted(request: Request, pk: int) -> Any:
    _read(request)
    adopted = selectors.adopted_item_get(user=request.user, pk=pk)
    if adopted is None:
        raise Http404
    return adopted


class AdoptedDiffApi(APIView):
    """What the agency changed from the model edition its item derives from."""

    @extend_schema(responses={200: s.KitDiffSerializer})
    def get(self, request: Request, pk: int) -> Response:
        diff = selectors.adopted_item_diff(_adopted(request, pk))
        return Response(
            s.KitDiffSerializer(
                {
                    "edition": diff.edition.number,
                    "changed": diff.changed,
                    "pieces": [
                        {"op": p.op, "old": list(p.old), "new": list(p.new)} for p in diff.pieces
                    ],
                }
            ).data
        )


class AdoptedAdaptApi(APIView):
    """Change the agency's text (a model document; `changes` when the approved edition is
    revised) or steps (a model process; departments named as in the agency)."""

    @extend_schema(request=s.KitAdaptInputSerializer, responses={200: s.AdoptedItemSerializer})
    def post(self, request: Request, pk: int) -> Response:
        adopted = _adopted(request, pk)
        serializer = s.KitAdaptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if adopted.item.kind == "document":
            adopted = services.adopted_text_adapt(
                adopted=adopted,
                text=data["text"],
                changes=[dict(row) for row in data["changes"]],
                actor=request.user,
            )
        else:
            departments = {d.name: d for d in adopted.agency.departments.all()}
            steps = [
                StepData(
                    name=row["name"],
                    responsible=row["responsible"],
                    time_amount=row["time_amount"],
                    time_unit=row["time_unit"],
                    department=departments.get(row["department_name"]),
                    output=row["output"],
                    forms=row["forms"],
                    signs=row["signs"],
                    gives_result=row["gives_result"],
                )
                for row in data["steps"]
            ]
            adopted = services.adopted_steps_adapt(adopted=adopted, steps=steps, actor=request.user)
        return Response(s.AdoptedItemSerializer(adopted).data)


class RequestListApi(generics.ListAPIView):
    """Update requests of the agencies the caller sees; `status` open (default), adopted,
    kept or superseded; `agency` narrows to one."""

    serializer_class = s.UpdateRequestSerializer

    @extend_schema(
        parameters=[
            AGENCY.parameter(),
            OpenApiParameter("status", str, enum=RequestStatus.values, description="Default open."),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        _read(self.request)
        params = self.request.query_params
        wanted = params.get("status", RequestStatus.OPEN)
        wanted = wanted if wanted in RequestStatus.values else RequestStatus.OPEN
        return selectors.request_list(
            user=self.request.user, status=wanted, agency_id=AGENCY.read(params)
        )


def _request(request: Request, pk: int) -> Any:
    _read(request)
    found = selectors.request_get(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


class RequestDetailApi(APIView):
    @extend_schema(responses={200: s.UpdateRequestSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(s.UpdateRequestSerializer(_request(request, pk)).data)


class RequestAdoptApi(APIView):
    """Adopt the new edition: a draft from the three-way merge; `choices` settles each
    conflict (numbered from 1) with the agency's text (`ours`) or the model's (`theirs`)."""

    @extend_schema(request=s.KitRequestAdoptSerializer, responses={200: s.UpdateRequestSerializer})
    def post(self, request: Request, pk: int) -> Response:
        found = _request(request, pk)
        serializer = s.KitRequestAdoptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        choices = {row["conflict"]: row["side"] for row in serializer.validated_data["choices"]}
        found = services.request_adopt(request=found, choices=choices, actor=request.user)
        return Response(s.UpdateRequestSerializer(found).data)


class RequestKeepApi(APIView):
    """Keep the agency's own edition; `decision` gives the reason (required)."""

    @extend_schema(request=s.KitDecisionSerializer, responses={200: s.UpdateRequestSerializer})
    def post(self, request: Request, pk: int) -> Response:
        found = _request(request, pk)
        serializer = s.KitDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        found = services.request_keep(
            request=found, reason=serializer.validated_data["decision"], actor=request.user
        )
        return Response(s.UpdateRequestSerializer(found).data)


class ReviewListApi(generics.ListAPIView):
    """The keeper's reviews of models opened by changes of the law; `status` open
    (default), revised or no_change."""

    serializer_class = s.ModelReviewSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=ReviewStatus.values, description="Default open.")
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        _read(self.request)
        wanted = self.request.query_params.get("status", ReviewStatus.OPEN)
        wanted = wanted if wanted in ReviewStatus.values else ReviewStatus.OPEN
        return selectors.review_list(user=self.request.user, status=wanted)


class ReviewCloseApi(APIView):
    """Close a review with a "no change needed" decision and its reason."""

    @extend_schema(request=s.KitDecisionSerializer, responses={200: s.ModelReviewSerializer})
    def post(self, request: Request, pk: int) -> Response:
        _read(request)
        review = selectors.review_get(user=request.user, pk=pk)
        if review is None:
            raise Http404
        serializer = s.KitDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.model_review_close_no_change(
            review=review, decision=serializer.validated_data["decision"], actor=request.user
        )
        return Response(s.ModelReviewSerializer(review).data)
