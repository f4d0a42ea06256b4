"""API of DOST's guidance (QĐ 19/2014/QĐ-TTg Art. 12), under
/api/v1/inspections/guidance/: letters (DOST drafts with files, publishes, withdraws; an
agency reads and acknowledges), who acknowledged, questions with their messages, the FAQ.
Scoped like the screens; refusals are 400 naming the field, 403 with the reason, 404 for
what the caller may not see, 409 when the state does not allow the step."""

from typing import Any

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chuan.core.api.pagination import check_page
from chuan.core.permissions import require_perm
from chuan.inspections.guidance_permissions import (
    can_publish_guidance,
    can_read_guidance_province,
)
from chuan.inspections.guidance_states import FileRole
from chuan.inspections.models import (
    GuidanceFaq,
    GuidanceFile,
    GuidanceLetter,
    GuidanceMessage,
    GuidanceQuestion,
    GuidanceReceipt,
)
from chuan.inspections.selectors import guidance as selectors
from chuan.inspections.services import guidance as services
from chuan.organisations.choices import AgencyKind, UnitLevel
from chuan.organisations.scoping import active_membership

_READ = "inspections.view_inspections"


def _who(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


class GuidanceFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = GuidanceFile
        fields = ["id", "role", "title"]


class GuidanceLetterSerializer(serializers.ModelSerializer):
    receipt_count = serializers.IntegerField(read_only=True, allow_null=True)
    acknowledged_count = serializers.IntegerField(read_only=True, allow_null=True)
    own_acknowledged_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = GuidanceLetter
        fields = [
            "id",
            "province",
            "number",
            "issued_on",
            "title",
            "summary",
            "audience_level",
            "audience_kind",
            "state",
            "published_at",
            "withdrawn_at",
            "withdrawn_reason",
            "receipt_count",
            "acknowledged_count",
            "own_acknowledged_at",
        ]


class GuidanceLetterDetailSerializer(serializers.ModelSerializer):
    files = GuidanceFileSerializer(many=True, read_only=True)

    class Meta:
        model = GuidanceLetter
        fields = [
            "id",
            "province",
            "number",
            "issued_on",
            "title",
            "summary",
            "audience_level",
            "audience_kind",
            "state",
            "published_at",
            "withdrawn_at",
            "withdrawn_reason",
            "files",
        ]


class GuidanceLetterCreateSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    issued_on = serializers.DateField()
    title = serializers.CharField(max_length=255)
    summary = serializers.CharField(max_length=20_000, required=False, default="", allow_blank=True)
    audience_level = serializers.ChoiceField(
        choices=UnitLevel.choices, required=False, default="", allow_blank=True
    )
    audience_kind = serializers.ChoiceField(
        choices=AgencyKind.choices, required=False, default="", allow_blank=True
    )
    letter_file = serializers.FileField()
    templates = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=9
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class GuidanceReceiptSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    acknowledged_by = serializers.SerializerMethodField()

    class Meta:
        model = GuidanceReceipt
        fields = ["agency", "agency_name", "acknowledged_at", "acknowledged_by"]

    def get_acknowledged_by(self, obj: GuidanceReceipt) -> str:
        return _who(obj.acknowledged_by)


class GuidanceMessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = GuidanceMessage
        fields = ["id", "from_dost", "author", "text", "sent_at", "has_file"]

    def get_author(self, obj: GuidanceMessage) -> str:
        return _who(obj.author)

    def get_has_file(self, obj: GuidanceMessage) -> bool:
        return bool(obj.file)


class GuidanceQuestionSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = GuidanceQuestion
        fields = [
            "id",
            "agency",
            "agency_name",
            "subject",
            "state",
            "created_at",
            "answered_at",
            "closed_at",
        ]


class GuidanceQuestionCreateSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=255)
    text = serializers.CharField(max_length=20_000)
    file = serializers.FileField(required=False)


class GuidanceMessageCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20_000)
    file = serializers.FileField(required=False)


class GuidanceFaqCreateSerializer(serializers.Serializer):
    question_text = serializers.CharField(max_length=20_000)
    answer_text = serializers.CharField(max_length=20_000)


class GuidanceFaqSerializer(serializers.ModelSerializer):
    class Meta:
        model = GuidanceFaq
        fields = ["id", "question", "answer", "published_at"]


_PARSERS = [MultiPartParser, FormParser, JSONParser]


class LetterListApi(generics.ListAPIView):
    """Letters: DOST's province's with their counts, or those sent to the caller's agency
    (the unacknowledged first). POST (DOST, multipart) drafts one with its files."""

    serializer_class = GuidanceLetterSerializer
    parser_classes = _PARSERS

    def get_queryset(self) -> Any:
        require_perm(self.request.user, _READ)
        return selectors.letter_list_api(user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": GuidanceLetterCreateSerializer},
        responses={201: GuidanceLetterDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        require_perm(request.user, "inspections.publish_guidance")
        province = selectors.home_province(request.user)
        if province is None or not can_publish_guidance(request.user, province.pk):
            raise PermissionDenied
        serializer = GuidanceLetterCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        files: list[tuple[str, str, Any]] = [
            (
                FileRole.LETTER,
                _("Guidance letter %(number)s") % {"number": data["number"]},
                data["letter_file"],
            )
        ]
        files += [(FileRole.TEMPLATE, f.name.rsplit(".", 1)[0], f) for f in data["templates"]]
        letter = services.guidance_create(
            province=province,
            data=services.LetterData(
                number=data["number"],
                issued_on=data["issued_on"],
                title=data["title"],
                summary=data["summary"],
                audience_level=data["audience_level"],
                audience_kind=data["audience_kind"],
                files=files,
            ),
            actor=request.user,
        )
        return Response(GuidanceLetterDetailSerializer(letter).data, status=status.HTTP_201_CREATED)


def _letter(request: Request, pk: int) -> GuidanceLetter:
    require_perm(request.user, _READ)
    letter = selectors.letter_get(user=request.user, pk=pk)
    if letter is None:
        raise Http404
    return letter


class LetterDetailApi(APIView):
    """A letter with its files."""

    @extend_schema(responses={200: GuidanceLetterDetailSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(GuidanceLetterDetailSerializer(_letter(request, pk)).data)


class LetterPublishApi(APIView):
    """Publish a draft to its audience (one receipt per agency)."""

    @extend_schema(request=None, responses={200: GuidanceLetterDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        letter = _letter(request, pk)
        services.guidance_publish(letter=letter, actor=request.user)
        letter.refresh_from_db()
        return Response(GuidanceLetterDetailSerializer(letter).data)


class LetterWithdrawApi(APIView):
    """Withdraw a published letter with the reason."""

    @extend_schema(request=WithdrawSerializer, responses={200: GuidanceLetterDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        serializer = WithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        letter = services.guidance_withdraw(
            letter=_letter(request, pk),
            reason=serializer.validated_data["reason"],
            actor=request.user,
        )
        return Response(GuidanceLetterDetailSerializer(letter).data)


class LetterAcknowledgeApi(APIView):
    """Acknowledge the letter for the caller's agency (again: nothing changes)."""

    @extend_schema(request=None, responses={200: GuidanceReceiptSerializer})
    def post(self, request: Request, pk: int) -> Response:
        receipt = services.guidance_acknowledge(letter=_letter(request, pk), actor=request.user)
        return Response(GuidanceReceiptSerializer(receipt).data)


UNREAD = OpenApiParameter(
    "unread", bool, description="Only the agencies that have not acknowledged."
)


class LetterReceiptsApi(generics.ListAPIView):
    """Who has acknowledged the letter and who not (DOST of the province)."""

    serializer_class = GuidanceReceiptSerializer

    @extend_schema(parameters=[UNREAD])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        check_page(request)
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        letter = _letter(self.request, self.kwargs["pk"])
        if not can_read_guidance_province(self.request.user, letter.province_id):
            raise PermissionDenied
        unread = self.request.query_params.get("unread") in ("1", "true", "True")
        return selectors.receipt_list(letter=letter, unread=unread)


class QuestionListApi(generics.ListAPIView):
    """Questions: DOST's province's, or the caller's agency's own. POST asks one."""

    serializer_class = GuidanceQuestionSerializer
    parser_classes = _PARSERS

    def get_queryset(self) -> Any:
        require_perm(self.request.user, _READ)
        return selectors.question_list(user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": GuidanceQuestionCreateSerializer},
        responses={201: GuidanceQuestionSerializer},
    )
    def post(self, request: Request) -> Response:
        require_perm(request.user, "inspections.ask_guidance")
        membership = active_membership(request.user)
        if membership is None:
            raise PermissionDenied
        serializer = GuidanceQuestionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        question = services.question_ask(
            agency=membership.agency,
            subject=data["subject"],
            text=data["text"],
            upload=data.get("file"),
            actor=request.user,
        )
        return Response(GuidanceQuestionSerializer(question).data, status=status.HTTP_201_CREATED)


def _question(request: Request, pk: int) -> GuidanceQuestion:
    require_perm(request.user, _READ)
    question = selectors.question_get(user=request.user, pk=pk)
    if question is None:
        raise Http404
    return question


class QuestionDetailApi(APIView):
    """A question (its messages are at …/messages/)."""

    @extend_schema(responses={200: GuidanceQuestionSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(GuidanceQuestionSerializer(_question(request, pk)).data)


class MessageListApi(generics.ListAPIView):
    """The thread of a question, oldest first; POST adds a message (DOST's answers it, the
    agency's follows it up)."""

    serializer_class = GuidanceMessageSerializer
    parser_classes = _PARSERS

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        check_page(request)
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.message_list(question=_question(self.request, self.kwargs["pk"]))

    @extend_schema(
        request={"multipart/form-data": GuidanceMessageCreateSerializer},
        responses={201: GuidanceMessageSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        question = _question(request, pk)
        serializer = GuidanceMessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.question_reply(
            question=question,
            text=serializer.validated_data["text"],
            upload=serializer.validated_data.get("file"),
            actor=request.user,
        )
        return Response(GuidanceMessageSerializer(message).data, status=status.HTTP_201_CREATED)


class QuestionCloseApi(APIView):
    """Close the question (either side)."""

    @extend_schema(request=None, responses={200: GuidanceQuestionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        question = services.question_close(question=_question(request, pk), actor=request.user)
        return Response(GuidanceQuestionSerializer(question).data)


class QuestionFaqApi(APIView):
    """Publish the answer, rewritten without the agency's name, in the FAQ (DOST)."""

    @extend_schema(request=GuidanceFaqCreateSerializer, responses={201: GuidanceFaqSerializer})
    def post(self, request: Request, pk: int) -> Response:
        question = _question(request, pk)
        serializer = GuidanceFaqCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        faq = services.faq_publish(
            question=question,
            question_text=serializer.validated_data["question_text"],
            answer_text=serializer.validated_data["answer_text"],
            actor=request.user,
        )
        return Response(GuidanceFaqSerializer(faq).data, status=status.HTTP_201_CREATED)


SEARCH = OpenApiParameter("q", str, description="Words of the question or answer.")


class FaqListApi(generics.ListAPIView):
    """The FAQ of the caller's province (`q` searches, diacritics ignored)."""

    serializer_class = GuidanceFaqSerializer

    @extend_schema(parameters=[SEARCH])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        require_perm(self.request.user, _READ)
        query = self.request.query_params.get("q", "")[:200]
        return selectors.faq_list(user=self.request.user, query=query)


_G = "guidance"
urlpatterns = [
    path(f"{_G}/letters/", LetterListApi.as_view(), name="guidance_letters"),
    path(f"{_G}/letters/<int:pk>/", LetterDetailApi.as_view(), name="guidance_letter"),
    path(f"{_G}/letters/<int:pk>/publish/", LetterPublishApi.as_view(), name="guidance_publish"),
    path(f"{_G}/letters/<int:pk>/withdraw/", LetterWithdrawApi.as_view(), name="guidance_withdraw"),
    path(
        f"{_G}/letters/<int:pk>/acknowledge/",
        LetterAcknowledgeApi.as_view(),
        name="guidance_acknowledge",
    ),
    path(f"{_G}/letters/<int:pk>/receipts/", LetterReceiptsApi.as_view(), name="guidance_receipts"),
    path(f"{_G}/questions/", QuestionListApi.as_view(), name="guidance_questions"),
    path(f"{_G}/questions/<int:pk>/", QuestionDetailApi.as_view(), name="guidance_question"),
    path(f"{_G}/questions/<int:pk>/messages/", MessageListApi.as_view(), name="guidance_messages"),
    path(f"{_G}/questions/<int:pk>/close/", QuestionCloseApi.as_view(), name="guidance_close"),
    path(f"{_G}/questions/<int:pk>/faq/", QuestionFaqApi.as_view(), name="guidance_faq"),
    path(f"{_G}/faq/", FaqListApi.as_view(), name="guidance_faq_list"),
]
