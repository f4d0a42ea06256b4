"""/api/v1/qms/reviews/: management reviews (ISO 9001:2015, 9.3), scoped like the screens;
every step as an action (409 when the review's state does not allow it, 400 naming the
field, 403 with the reason)."""

from typing import Any

from django.http import Http404
from django.urls import path

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.models import User
from chuan.core.api.fields import BoundedIntegerField
from chuan.core.api.params import IntQuery
from chuan.core.params import MAX_ID
from chuan.core.permissions import require_perm
from chuan.improvement.choices import ReviewInputKey
from chuan.improvement.models import Action, ManagementReview, ReviewDecision, ReviewSection
from chuan.improvement.permissions import can_manage_qms
from chuan.improvement.selectors.reviews import review_get, review_list
from chuan.improvement.services import reviews as services
from chuan.organisations.scoping import visible_agencies

_READ = "improvement.view_qms"


class ReviewSectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewSection
        fields = ["key", "headers", "rows", "summary", "comment"]


class ReviewDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewDecision
        fields = ["order", "text"]


class ReviewActionSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)

    class Meta:
        model = Action
        fields = ["id", "order", "description", "owner", "due_on", "state", "done_on", "result"]


class ManagementReviewSerializer(serializers.ModelSerializer):
    chair = serializers.CharField(source="chair.username", read_only=True)
    secretary = serializers.CharField(source="secretary.username", read_only=True)

    class Meta:
        model = ManagementReview
        fields = [
            "id",
            "agency",
            "title",
            "period_start",
            "period_end",
            "held_at",
            "place",
            "chair",
            "secretary",
            "guests",
            "state",
            "compiled_at",
            "approved_at",
        ]


class ManagementReviewDetailSerializer(ManagementReviewSerializer):
    attendees: Any = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    sections = ReviewSectionSerializer(many=True, read_only=True)
    decisions = ReviewDecisionSerializer(many=True, read_only=True)
    actions = ReviewActionSerializer(many=True, read_only=True)

    class Meta(ManagementReviewSerializer.Meta):
        fields = [
            *ManagementReviewSerializer.Meta.fields,
            "attendees",
            "minutes",
            "sections",
            "decisions",
            "actions",
        ]


class ManagementReviewCreateSerializer(serializers.Serializer):
    agency = BoundedIntegerField(min_value=1, max_value=MAX_ID)
    title = serializers.CharField(max_length=255)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    held_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)
    chair = serializers.CharField(max_length=150)
    secretary = serializers.CharField(max_length=150)
    attendees = serializers.ListField(
        child=serializers.CharField(max_length=150), required=False, default=list, max_length=200
    )
    guests = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ReviewStepSerializer(serializers.Serializer):
    """The fields a step needs: `key` and `comment` (comment), `minutes` (minutes), `text`
    (decision), `description`, `owner` and `due_on` (action), `action` and `result`
    (complete)."""

    key = serializers.ChoiceField(choices=ReviewInputKey.choices, required=False)
    comment = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    minutes = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    text = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    owner = serializers.CharField(max_length=150, required=False)
    due_on = serializers.DateField(required=False)
    action = BoundedIntegerField(min_value=1, max_value=MAX_ID, required=False)
    result = serializers.CharField(max_length=5000, required=False, allow_blank=True)


def _user(username: str | None) -> Any:
    if not username:
        return None
    return User.objects.filter(username=username, is_active=True).first()


def _missing(data: dict[str, Any], *names: str) -> Response | None:
    absent = {name: ["This field is required."] for name in names if data.get(name) in (None, "")}
    return Response(absent, status=status.HTTP_400_BAD_REQUEST) if absent else None


AGENCY = IntQuery("agency", 1, MAX_ID, "Only this agency's reviews.")


class ReviewListApi(generics.ListCreateAPIView):
    """Management reviews the caller sees (`agency` filters); POST plans one."""

    serializer_class = ManagementReviewSerializer

    @extend_schema(parameters=[AGENCY.parameter()])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        require_perm(self.request.user, _READ)
        agency_id = AGENCY.read(self.request.query_params)
        return review_list(user=self.request.user, agency_id=agency_id)

    @extend_schema(
        request=ManagementReviewCreateSerializer, responses={201: ManagementReviewDetailSerializer}
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_perm(request.user, "improvement.manage_qms")
        serializer = ManagementReviewCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        agency = visible_agencies(request.user).filter(pk=data["agency"]).first()
        if agency is None:
            return Response({"agency": ["No such agency."]}, status=status.HTTP_400_BAD_REQUEST)
        if not can_manage_qms(request.user, agency.pk):
            raise PermissionDenied
        attendees = [_user(name) for name in data["attendees"]]
        if any(user is None for user in attendees):
            return Response(
                {"attendees": ["No active user has this username."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        review = services.review_create(
            agency=agency,
            data=services.ReviewData(
                title=data["title"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                held_at=data["held_at"],
                place=data["place"],
                chair=_user(data["chair"]),
                secretary=_user(data["secretary"]),
                attendees=attendees,
                guests=data["guests"],
            ),
            actor=request.user,
        )
        fresh = review_get(user=request.user, pk=review.pk)
        return Response(
            ManagementReviewDetailSerializer(fresh).data, status=status.HTTP_201_CREATED
        )


def _review(request: Request, pk: int) -> ManagementReview:
    require_perm(request.user, _READ)
    review = review_get(user=request.user, pk=pk)
    if review is None:
        raise Http404
    return review


class ReviewDetailApi(APIView):
    """A review with its input pack, decisions and actions."""

    @extend_schema(responses={200: ManagementReviewDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ManagementReviewDetailSerializer(_review(request, pk)).data)


STEPS = ["compile", "comment", "minutes", "decision", "action", "complete", "approve"]


class ReviewStepApi(APIView):
    """`compile` (again, until approval), `comment` (key, comment), `minutes` (minutes),
    `decision` (text), `action` (description, owner, due_on), `complete` (action, result),
    `approve` (the chair only: the pack freezes)."""

    step = ""

    @extend_schema(request=ReviewStepSerializer, responses={200: ManagementReviewDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = ReviewStepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        step = self.step
        review = _review(request, pk)
        if step not in ("complete", "approve") and not can_manage_qms(
            request.user, review.agency_id
        ):
            raise PermissionDenied
        actor = request.user
        refused = None
        if step == "compile":
            services.review_compile(review=review, actor=actor)
        elif step == "approve":
            services.review_approve(review=review, actor=actor)
        elif step == "comment":
            refused = _missing(data, "key")
            if refused is None:
                services.review_comment(
                    review=review, key=data["key"], comment=data.get("comment", ""), actor=actor
                )
        elif step == "minutes":
            services.review_record_minutes(
                review=review, minutes=data.get("minutes", ""), actor=actor
            )
        elif step == "decision":
            services.review_decision_add(review=review, text=data.get("text", ""), actor=actor)
        elif step == "action":
            refused = _missing(data, "owner", "due_on")
            if refused is None:
                services.review_action_add(
                    review=review,
                    description=data.get("description", ""),
                    owner=_user(data["owner"]),
                    due_on=data["due_on"],
                    actor=actor,
                )
        else:
            refused = _missing(data, "action")
            action = review.actions.filter(pk=data.get("action") or 0).first()
            if refused is None and action is None:
                refused = Response(
                    {"action": ["No such action."]}, status=status.HTTP_400_BAD_REQUEST
                )
            if refused is None and action is not None:
                services.review_action_complete(
                    action=action, result=data.get("result", ""), actor=actor
                )
        if refused is not None:
            return refused
        return Response(ManagementReviewDetailSerializer(review_get(user=actor, pk=review.pk)).data)


urlpatterns = [
    path("reviews/", ReviewListApi.as_view(), name="qms_review_list"),
    path("reviews/<int:pk>/", ReviewDetailApi.as_view(), name="qms_review_detail"),
    *(
        path(
            f"reviews/<int:pk>/{step}/",
            ReviewStepApi.as_view(step=step),
            name=f"qms_review_{step}",
        )
        for step in STEPS
    ),
]
