"""/api/v1/training/: courses with their sessions, registrations (read; an agency registers
its own officials by POST), certificates (read), and the public verification of a number —
scoped like the screens (DOST its province, an agency its own)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.accounts.models import User
from chuan.core.api.fields import BoundedPrimaryKeyRelatedField
from chuan.core.api.params import IntQuery
from chuan.core.permissions import require_perm
from chuan.core.throttling import AddressRateThrottle
from chuan.organisations.models import Department
from chuan.organisations.scoping import active_membership
from chuan.training import selectors
from chuan.training.models import Certificate, Course, Registration, Session
from chuan.training.services import registrations as services


class SessionSerializer(serializers.ModelSerializer):
    lecturer = serializers.CharField(source="lecturer.name", default=None, allow_null=True)

    class Meta:
        model = Session
        fields = ["id", "held_on", "starts_at", "module", "topic", "periods", "lecturer"]


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = [
            "id",
            "kind",
            "title",
            "organiser",
            "venue",
            "starts_on",
            "ends_on",
            "max_learners",
            "pass_mark",
            "state",
        ]


class CourseDetailSerializer(CourseSerializer):
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta(CourseSerializer.Meta):
        fields = [*CourseSerializer.Meta.fields, "sessions"]


class RegistrationSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    department = serializers.CharField(source="department.name", default=None, allow_null=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "course",
            "agency",
            "name",
            "position",
            "department",
            "state",
            "mid_score",
            "final_score",
        ]


class RegistrationCreateSerializer(serializers.Serializer):
    course = BoundedPrimaryKeyRelatedField(queryset=Course.objects.all())
    user = BoundedPrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    position = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    department = BoundedPrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )


class CertificateSerializer(serializers.ModelSerializer):
    course = serializers.CharField(source="course.title")
    agency = serializers.CharField(source="agency.name", default=None, allow_null=True)
    revoked = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "holder_name",
            "agency",
            "course",
            "issued_on",
            "valid_until",
            "revoked",
            "revoked_on",
        ]

    def get_revoked(self, certificate: Certificate) -> bool:
        return certificate.revoked_on is not None


YEAR = IntQuery("year", 1900, 9999, "Only courses starting in this year.")


class CourseListApi(generics.ListAPIView):
    """The courses of the user's province, latest first."""

    serializer_class = CourseSerializer

    def get_queryset(self) -> QuerySet[Course]:
        require_perm(self.request.user, "training.view_training")
        year = YEAR.read(self.request.query_params)
        return selectors.course_list(self.request.user, year=year)

    @extend_schema(parameters=[YEAR.parameter()])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _course(request: Request, pk: int) -> Course:
    require_perm(request.user, "training.view_training")
    course = selectors.course_get(request.user, pk)
    if course is None:
        raise Http404
    return course


class CourseDetailApi(APIView):
    @extend_schema(responses={200: CourseDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        course = _course(request, pk)
        return Response(CourseDetailSerializer(course).data)


COURSE = IntQuery("course", 1, 2**63 - 1, "Only this course's learners.")


class RegistrationListApi(generics.ListAPIView):
    """Learners: of the province's courses for DOST, the agency's own otherwise. POST
    registers one of the caller's agency's officials for a course (409 when the course is
    full or has started)."""

    serializer_class = RegistrationSerializer

    def get_queryset(self) -> QuerySet[Registration]:
        require_perm(self.request.user, "training.view_training")
        course_id = COURSE.read(self.request.query_params)
        return selectors.registration_list(self.request.user, course_id=course_id)

    @extend_schema(parameters=[COURSE.parameter()])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=RegistrationCreateSerializer, responses={201: RegistrationSerializer})
    def post(self, request: Request) -> Response:
        require_perm(request.user, "training.register_learners")
        incoming = RegistrationCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        course = selectors.course_get(request.user, data.pop("course").pk)
        membership = active_membership(request.user)
        if course is None or membership is None:
            raise ApiValidationError({"course": [_("Choose a course of your province.")]})
        registration = services.registration_create(
            course=course, agency=membership.agency, actor=request.user, **data
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)


class CertificateListApi(generics.ListAPIView):
    """Certificates: DOST its province's, an agency its own."""

    serializer_class = CertificateSerializer

    def get_queryset(self) -> QuerySet[Certificate]:
        require_perm(self.request.user, "training.view_training")
        return selectors.certificate_list(self.request.user)


class VerifyApi(APIView):
    """Anyone: what a certificate number's public page shows (name, course, date, revoked)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [AddressRateThrottle]
    throttle_scope = "public"

    @extend_schema(
        parameters=[OpenApiParameter("number", OpenApiTypes.STR, required=True)],
        responses={
            200: inline_serializer(
                "CertificateVerification",
                {
                    "number": serializers.CharField(),
                    "holder_name": serializers.CharField(),
                    "course": serializers.CharField(),
                    "issued_on": serializers.DateField(),
                    "revoked": serializers.BooleanField(),
                },
            ),
            400: OpenApiResponse(description="No number given."),
            404: OpenApiResponse(description="No certificate has this number."),
            429: OpenApiResponse(description="Too many requests from this address."),
        },
    )
    def get(self, request: Request) -> Response:
        number = request.query_params.get("number", "").strip()[:40]
        if not number:
            return Response(
                {"number": [_("Give the certificate's number.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        found = selectors.certificate_public(number)
        if found is None:
            return Response(
                {"detail": _("No certificate has this number.")}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(
            {
                "number": found.number,
                "holder_name": found.holder_name,
                "course": found.course_title,
                "issued_on": found.issued_on,
                "revoked": found.revoked,
            }
        )
