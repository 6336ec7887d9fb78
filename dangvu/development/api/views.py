"""/api/v1/development/: candidates and their steps, what is due, reminders, the holiday calendar, the core
cell and the funnel. Every read starts from `Candidate.objects.visible_to(user, perm)` (accounts.scoping):
a candidate outside the user's scope is not found (404). Every write calls development.services."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import figures_scope, has_perm, scope_org_ids
from dangvu.api.errors import service_errors
from dangvu.api.filters import search_q
from dangvu.api.pagination import Pagination
from dangvu.api.permissions import ScopedMixin
from dangvu.core.dates import today
from dangvu.figures.funnel import funnel_figures
from dangvu.figures.stats import root_organization
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .. import services
from ..choices import StepKind
from ..deadlines import due_for_user
from ..models import Candidate, CandidateStep, Holiday, Notification
from .serializers import (
    CandidateCreateSerializer,
    CandidateListSerializer,
    CandidateQuerySerializer,
    CandidateSerializer,
    CandidateWriteSerializer,
    DueItemSerializer,
    DueQuerySerializer,
    FoundCellResultSerializer,
    FoundCellSerializer,
    FunnelQuerySerializer,
    HolidaySerializer,
    NotificationSerializer,
    StepInputSerializer,
    StepSerializer,
    VoidSerializer,
)

ORDERING = {
    "name": ["sort_key", "id"],
    "-name": ["-sort_key", "-id"],
    "stage_on": ["stage_on", "sort_key", "id"],
    "-stage_on": ["-stage_on", "sort_key", "id"],
}


def parse(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def not_found_code(field: str, org: Organization):
    """The same answer as for a code that does not exist: an organization outside the scope is not named."""
    raise serializers.ValidationError({field: [_("Không có tổ chức mã “%(code)s”.") % {"code": org.code}]})


def in_scope(user, perm: str, org: Organization | None) -> bool:
    ids = scope_org_ids(user, perm)
    return org is None or ids is None or org.pk in ids


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Danh sách quần chúng ưu tú"), parameters=[CandidateQuerySerializer]
    ),
    retrieve=extend_schema(summary=gettext_lazy("Một quần chúng: hồ sơ, các bước, bước tiếp theo")),
)
class CandidateViewSet(
    ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    pagination_class = Pagination
    view_perm = Perm.CANDIDATES_VIEW
    change_perm = Perm.CANDIDATES_CHANGE

    def get_queryset(self):
        """The one entry point: the candidates in the user's scope for what the request does."""
        return Candidate.objects.visible_to(self.request.user, self.perm).select_related(
            "preparing_organization"
        )

    def get_serializer_class(self):
        return CandidateListSerializer if self.action == "list" else CandidateSerializer

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        params = parse(CandidateQuerySerializer, self.request)
        if params.get("org"):
            under = History.load().tree_on(today()).under(params["org"].pk)
            queryset = queryset.filter(preparing_organization_id__in=sorted(under))
        if params.get("search"):
            queryset = queryset.filter(search_q(params["search"]))
        if params.get("stage"):
            queryset = queryset.filter(stage=params["stage"])
        if params.get("source"):
            queryset = queryset.filter(source=params["source"])
        if params.get("enterprise"):
            queryset = queryset.with_enterprise(params["enterprise"])
        if params.get("open") is not None:
            closed = Q(stage__in=[StepKind.STOPPED, StepKind.RECOGNIZED])
            queryset = queryset.exclude(closed) if params["open"] else queryset.filter(closed)
        if params.get("overdue") is not None:
            overdue = {item.candidate_id for item in due_for_user(self.request.user, today()) if item.overdue}
            key = Q(pk__in=sorted(overdue))
            queryset = queryset.filter(key) if params["overdue"] else queryset.exclude(key)
        return queryset.order_by(*ORDERING[params["ordering"]])

    @extend_schema(
        summary=gettext_lazy("Đề xuất một quần chúng bồi dưỡng"),
        request=CandidateCreateSerializer,
        responses={201: CandidateSerializer},
    )
    def create(self, request):
        serializer = CandidateCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organization = data.pop("preparing_organization")
        if not in_scope(request.user, self.perm, organization):
            not_found_code("preparing_organization", organization)
        with service_errors():
            candidate = services.propose_candidate(
                data,
                source=data.pop("source"),
                preparing_organization=organization,
                date=data.pop("date"),
                proposing_body=data.pop("proposing_body", ""),
                document_number=data.pop("document_number", ""),
                note=data.pop("note", ""),
                acting_user=request.user,
            )
        return Response(CandidateSerializer(candidate).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Sửa hồ sơ quần chúng"),
        request=CandidateWriteSerializer,
        responses=CandidateSerializer,
    )
    def partial_update(self, request, pk=None):
        candidate = self.get_object()
        serializer = CandidateWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            candidate = services.update_candidate(
                candidate, dict(serializer.validated_data), acting_user=request.user
            )
        return Response(CandidateSerializer(candidate).data)

    @extend_schema(
        methods=["GET"], summary=gettext_lazy("Các bước của quần chúng"), responses=StepSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary=gettext_lazy("Ghi một bước"),
        request=StepInputSerializer,
        responses={201: StepSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def steps(self, request, pk=None):
        candidate = self.get_object()
        if request.method == "GET":
            steps = candidate.steps.select_related("organization").prefetch_related("introductions")
            return Response(StepSerializer(steps.order_by("date", "id"), many=True).data)
        serializer = StepInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if data.get("organization") is not None and not in_scope(
            request.user, self.perm, data["organization"]
        ):
            not_found_code("organization", data["organization"])
        if "introducers" in data:
            visible = Member.objects.visible_to(request.user, self.perm)
            introducers = [dict(item) for item in data["introducers"]]
            ids = [item["member"] for item in introducers if item.get("member") is not None]
            known = set(visible.filter(pk__in=ids).values_list("pk", flat=True))
            for item in introducers:
                if item.get("member") is not None and item["member"] not in known:
                    raise serializers.ValidationError(
                        {"introducers": [_("Không có đảng viên mã %(id)s.") % {"id": item["member"]}]}
                    )
            data["introducers"] = introducers
        kind = data.pop("kind")
        with service_errors():
            step = services.record_step(candidate, kind, acting_user=request.user, **data)
        return Response(StepSerializer(step).data, status=status.HTTP_201_CREATED)


class StepVoidView(ScopedMixin, APIView):
    view_perm = Perm.CANDIDATES_CHANGE
    change_perm = Perm.CANDIDATES_CHANGE

    @extend_schema(
        summary=gettext_lazy("Đính chính (hủy) bước ghi sau cùng"),
        request=VoidSerializer,
        responses=StepSerializer,
    )
    def post(self, request, pk):
        candidates = Candidate.objects.visible_to(request.user, self.perm)
        step = CandidateStep.objects.filter(pk=pk, candidate__in=candidates).first()
        if step is None:
            raise NotFound()
        serializer = VoidSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            step = services.void_step(step, serializer.validated_data["reason"], acting_user=request.user)
        return Response(StepSerializer(step).data)


class DueView(ScopedMixin, APIView):
    view_perm = Perm.CANDIDATES_VIEW

    @extend_schema(
        summary=gettext_lazy("Việc cần làm: các hạn đến và quá hạn trong phạm vi của người dùng"),
        parameters=[DueQuerySerializer],
        responses=DueItemSerializer(many=True),
    )
    def get(self, request):
        day = parse(DueQuerySerializer, request).get("on") or today()
        items = due_for_user(request.user, day)
        codes = dict(
            Organization.objects.filter(pk__in={i.organization_id for i in items}).values_list("pk", "code")
        )
        return Response(
            [{**item.as_dict(), "organization": codes.get(item.organization_id)} for item in items]
        )


@extend_schema_view(list=extend_schema(summary=gettext_lazy("Nhắc việc của người dùng")))
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The user's own reminders (recorded by `dangvu remind`), newest due date first."""

    serializer_class = NotificationSerializer
    pagination_class = Pagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Notification.objects.none()
        queryset = Notification.objects.filter(user=self.request.user).order_by("-due_on", "-id")
        if self.request.query_params.get("unread") in ("1", "true"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset

    @extend_schema(summary=gettext_lazy("Đánh dấu đã đọc"), request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        services.mark_notification_read(notification, acting_user=request.user)
        return Response(NotificationSerializer(notification).data)


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Lịch nghỉ lễ, Tết (tính ngày làm việc)")),
    create=extend_schema(summary=gettext_lazy("Thêm ngày nghỉ")),
    destroy=extend_schema(summary=gettext_lazy("Xóa ngày nghỉ")),
)
class HolidayViewSet(
    ScopedMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The holiday calendar: read by anyone who works with candidates, kept by the rule administrators."""

    serializer_class = HolidaySerializer
    view_perm = Perm.CANDIDATES_VIEW
    change_perm = Perm.RULES_MANAGE
    queryset = Holiday.objects.all()

    def filter_queryset(self, queryset):
        year = self.request.query_params.get("year")
        return queryset.filter(date__year=int(year)) if year and year.isdigit() else queryset

    def perform_create(self, serializer):
        with service_errors():
            serializer.instance = services.add_holiday(
                serializer.validated_data["date"],
                serializer.validated_data["name"],
                acting_user=self.request.user,
            )

    def perform_destroy(self, instance):
        services.remove_holiday(instance, acting_user=self.request.user)


class FoundCellView(ScopedMixin, APIView):
    """Found an enterprise's cell out of the core cell (organizations.change and members.change)."""

    view_perm = Perm.ORGANIZATIONS_CHANGE
    change_perm = Perm.ORGANIZATIONS_CHANGE

    @extend_schema(
        summary=gettext_lazy("Thành lập chi bộ doanh nghiệp từ chi bộ nòng cốt"),
        request=FoundCellSerializer,
        responses={201: FoundCellResultSerializer},
    )
    def post(self, request):
        user = request.user
        if not has_perm(user, Perm.MEMBERS_CHANGE):
            self.permission_denied(request)
        serializer = FoundCellSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        for name in ("core_cell", "parent"):
            if data.get(name) is not None and not in_scope(user, Perm.ORGANIZATIONS_CHANGE, data[name]):
                not_found_code(name, data[name])
        visible = Member.objects.visible_to(user, Perm.MEMBERS_CHANGE)
        members = list(visible.filter(pk__in=data["members"]))
        missing = sorted(set(data["members"]) - {m.pk for m in members})
        if missing:
            raise serializers.ValidationError(
                {"members": [_("Không có đảng viên mã %(id)s.") % {"id": ", ".join(map(str, missing))}]}
            )
        with service_errors():
            result = services.found_cell_from_core(
                data["enterprise_name"],
                data["code"],
                data["name"],
                data["date"],
                data["decision_number"],
                members,
                core_cell=data.get("core_cell"),
                parent=data.get("parent"),
                kind=data["kind"],
                enterprise_kind=data["enterprise_kind"],
                acting_user=user,
            )
        return Response(
            {
                "organization": result.organization.code,
                "transferred": len(result.transfers),
                "reassigned": len(result.reassigned),
                "warnings": result.warnings,
            },
            status=status.HTTP_201_CREATED,
        )


class FunnelView(ScopedMixin, APIView):
    """Exactly figures.funnel.funnel_figures(), the bundle `dangvu funnel --json` prints."""

    view_perm = Perm.FIGURES_VIEW

    @extend_schema(
        summary=gettext_lazy(
            "Phát triển đảng viên: các bước, tỷ lệ, thời gian, theo nguồn, doanh nghiệp, chi bộ nòng cốt"
        ),
        parameters=[FunnelQuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        params = parse(FunnelQuerySerializer, request)
        scope = figures_scope(request.user)
        org = params.get("org")
        if org is None:
            if scope is None:
                try:
                    org = root_organization()
                except ObjectDoesNotExist:
                    raise NotFound(_("Chưa có tổ chức đảng nào.")) from None
            elif request.user.organization_id in scope:
                org = request.user.organization
            else:
                raise NotFound(_("Tài khoản chưa gắn với tổ chức nào."))
        elif scope is not None and org.pk not in scope:
            raise NotFound()
        return Response(funnel_figures(org, params["from"], params["to"]))
