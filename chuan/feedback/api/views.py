"""/api/v1/feedback/: the feedback register, scoped like the screens. Actions are
sub-resources (`/{id}/classify/`, `/assign/`, `/forward/`, `/reply/`, `/publish/`); one the
feedback's state does not allow answers 409, a bad field 400 naming it, an action the
caller may not take 403."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.calendars.selectors import agency_province_id
from chuan.core.api.params import IntQuery
from chuan.core.params import MAX_ID
from chuan.core.permissions import require_perm
from chuan.dossiers.models import Dossier
from chuan.feedback import selectors, services
from chuan.feedback.api.serializers import (
    ACTION_SERIALIZERS,
    ClassifySerializer,
    FeedbackInputSerializer,
    FeedbackSerializer,
)
from chuan.feedback.choices import Channel, Classification, ContentType, State
from chuan.feedback.models import Feedback
from chuan.organisations.scoping import active_membership, visible_agencies
from chuan.procedures.models import Procedure

AGENCY = IntQuery("agency", 1, MAX_ID, "Only this agency's register.")


class FeedbackListCreateApi(generics.ListCreateAPIView):
    """The register of the agencies the caller sees, newest first; POST records a feedback
    an official received (not the citizen's form, which is the public page's)."""

    serializer_class = FeedbackSerializer

    def get_queryset(self) -> QuerySet[Feedback]:
        params = self.request.query_params
        return selectors.feedback_list(
            user=self.request.user,
            filters=selectors.Filters(
                query=params.get("q", "")[:100],
                state=params.get("state", "")[:30],
                classification=params.get("classification", "")[:30],
                content_type=params.get("content_type", "")[:30],
                channel=params.get("channel", "")[:30],
                agency_id=AGENCY.read(params),
                overdue=params.get("overdue") == "true",
            ),
        ).select_related("procedure")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("state", OpenApiTypes.STR, enum=State.values),
            OpenApiParameter("classification", OpenApiTypes.STR, enum=Classification.values),
            OpenApiParameter("content_type", OpenApiTypes.STR, enum=ContentType.values),
            OpenApiParameter("channel", OpenApiTypes.STR, enum=Channel.values),
            OpenApiParameter("overdue", OpenApiTypes.BOOL),
            AGENCY.parameter(),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "feedback.view_feedback")
        return super().get(request, *args, **kwargs)

    @extend_schema(request=FeedbackInputSerializer, responses={201: FeedbackSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "feedback.manage_feedback")
        serializer = FeedbackInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        if "agency" in values:
            agency = visible_agencies(request.user).filter(pk=values["agency"]).first()
        else:
            membership = active_membership(request.user)
            agency = membership.agency if membership else None
        if agency is None:
            return Response(
                {"agency": [_("No agency you can see has this id.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        dossier = procedure = None
        if values.get("dossier_code"):
            dossier = Dossier.objects.filter(
                agency=agency, code=values["dossier_code"].strip().upper()
            ).first()
            if dossier is None:
                return Response(
                    {"dossier_code": [_("No dossier of the agency has this code.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        if values.get("procedure_code"):
            procedure = Procedure.objects.filter(
                code=values["procedure_code"].strip(), province_id=agency_province_id(agency)
            ).first()
            if procedure is None:
                return Response(
                    {"procedure_code": [_("No procedure of the catalogue has this code.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        feedback = services.feedback_receive(
            agency=agency,
            data=services.FeedbackData(
                channel=values["channel"],
                sender_name=values["sender_name"],
                sender_phone=values.get("sender_phone", ""),
                sender_email=values.get("sender_email", ""),
                sender_address=values.get("sender_address", ""),
                content_type=values["content_type"],
                content=values["content"],
                dossier=dossier,
                procedure=procedure,
                official=values.get("official"),
            ),
            actor=request.user,
        )
        return Response(FeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)


def _feedback(request: Request, pk: int) -> Feedback:
    feedback = selectors.feedback_get(user=request.user, pk=pk)
    if feedback is None:
        raise Http404
    return feedback


class FeedbackDetailApi(APIView):
    serializer_class = FeedbackSerializer

    @extend_schema(responses={200: FeedbackSerializer})
    def get(self, request: Request, pk: int) -> Response:
        require_perm(request.user, "feedback.view_feedback")
        return Response(FeedbackSerializer(_feedback(request, pk)).data)


class FeedbackActionApi(APIView):
    """One action on a feedback: classify, assign, forward, reply or publish; the body is
    the action's (see each serializer)."""

    serializer_class = ClassifySerializer

    @extend_schema(
        operation_id="v1_feedback_action",
        request=ClassifySerializer,
        responses={200: FeedbackSerializer},
        parameters=[
            OpenApiParameter(
                "action", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(ACTION_SERIALIZERS)
            )
        ],
    )
    def post(self, request: Request, pk: int, action: str) -> Response:
        require_perm(request.user, "feedback.view_feedback")
        feedback = _feedback(request, pk)
        serializer_class = ACTION_SERIALIZERS.get(action)
        if serializer_class is None:
            raise Http404
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, actor = serializer.validated_data, request.user
        if action == "classify":
            feedback = services.feedback_classify(
                feedback=feedback,
                classification=data["classification"],
                note=data.get("note", ""),
                actor=actor,
            )
        elif action == "assign":
            feedback = services.feedback_assign(
                feedback=feedback, assignee=data["assignee"], actor=actor
            )
        elif action == "forward":
            feedback = services.feedback_forward(
                feedback=feedback,
                forwarded_to=data["forwarded_to"],
                reference=data.get("reference", ""),
                actor=actor,
            )
        elif action == "reply":
            feedback = services.feedback_reply(feedback=feedback, reply=data["reply"], actor=actor)
        else:
            feedback = services.feedback_publish(
                feedback=feedback, summary=data.get("summary", ""), actor=actor
            )
        return Response(FeedbackSerializer(feedback).data)
