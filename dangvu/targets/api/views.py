"""/api/v1/targets/: targets with their progress (figures.targets), splits, the annual quality rating, the
emulation criteria and ranking, and the commendation register. Every queryset starts from the model's
`visible_to(user, perm)` (accounts.scoping), so a record outside the user's scope is not found (404); every
write calls a `targets.services` action, whose refusal comes back as a 400 with its Vietnamese message."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.accounts.permissions import Perm
from dangvu.api.errors import service_errors
from dangvu.api.pagination import Pagination
from dangvu.api.permissions import ScopedMixin
from dangvu.core.dates import today
from dangvu.core.text import fold
from dangvu.figures.ratings import rating_summary
from dangvu.figures.targets import progress, ranking, rating_day
from dangvu.organizations.tree import History

from .. import services
from ..models import Commendation, CommendationDecision, EmulationCriterion, QualityRating, Target
from ..scope import home_organization
from .serializers import (
    CommendationInputSerializer,
    CommendationQuerySerializer,
    CommendationSerializer,
    CriterionInputSerializer,
    CriterionSerializer,
    ProgressQuerySerializer,
    ProgressSerializer,
    RankingQuerySerializer,
    RankingSerializer,
    RatingEntrySerializer,
    RatingQuerySerializer,
    RatingSerializer,
    RatingSummarySerializer,
    ScoresSerializer,
    SplitSerializer,
    TargetInputSerializer,
    TargetPatchSerializer,
    TargetQuerySerializer,
    TargetSerializer,
)


class _Base(ScopedMixin, viewsets.GenericViewSet):
    pagination_class = Pagination

    def _input(self, serializer_class, data=None, **kwargs):
        serializer = serializer_class(
            data=self.request.data if data is None else data, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary=_("Chỉ tiêu và tiến độ"), parameters=[TargetQuerySerializer]),
    retrieve=extend_schema(summary=_("Một chỉ tiêu với tiến độ"), parameters=[ProgressQuerySerializer]),
    destroy=extend_schema(summary=_("Xóa chỉ tiêu (cùng các phần phân bổ)")),
)
class TargetViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = TargetSerializer
    view_perm = Perm.TARGETS_VIEW
    change_perm = Perm.TARGETS_CHANGE
    action_perms = {"progress": Perm.TARGETS_VIEW}

    def get_queryset(self):
        """The one entry point for targets: those received by an organization in the user's scope."""
        return Target.objects.visible_to(self.request.user, self.perm).select_related("receiver", "assigner")

    def get_serializer_class(self):
        return {
            "create": TargetInputSerializer,
            "partial_update": TargetPatchSerializer,
            "split": SplitSerializer,
        }.get(self.action, TargetSerializer)

    def _changeable(self) -> Target:
        """The target of the URL, if the user may correct or remove it (assigned from within the user's
        scope); one the user only receives is a 403, one outside the scope a 404."""
        target = self.get_object()
        if not Target.objects.changeable_by(self.request.user).filter(pk=target.pk).exists():
            raise PermissionDenied(_("Chỉ tiêu do cấp trên giao: chỉ cấp giao được sửa hoặc xóa."))
        return target

    def _with_progress(self, targets, day):
        history = History.load()
        context = {
            **self.get_serializer_context(),
            "progress": {t.pk: progress(t, day, history) for t in targets},
        }
        return TargetSerializer(targets, many=True, context=context).data

    def list(self, request):
        params = TargetQuerySerializer.parse(request)
        day = params.get("as_of") or today()
        queryset = self.get_queryset()
        if params.get("org"):
            queryset = queryset.filter(
                receiver_id__in=sorted(History.load().ever_under(params["org"].pk, day))
            )
        if params.get("measure"):
            queryset = queryset.filter(measure=params["measure"])
        if params.get("year"):
            year = params["year"]
            queryset = queryset.filter(start__year__lte=year, end__year__gte=year)
        if params.get("assigned_only"):
            queryset = queryset.filter(parent__isnull=True)
        page = self.paginate_queryset(queryset.order_by("-start", "receiver__sort_key", "id"))
        return self.get_paginated_response(self._with_progress(page, day))

    def retrieve(self, request, pk=None):
        day = ProgressQuerySerializer.parse(request).get("as_of") or today()
        return Response(self._with_progress([self.get_object()], day)[0])

    @extend_schema(
        summary=_("Giao chỉ tiêu"), request=TargetInputSerializer, responses={201: TargetSerializer}
    )
    def create(self, request):
        data = self._input(TargetInputSerializer)
        with service_errors():
            target = services.create_target(data, acting_user=request.user)
        return Response(self._with_progress([target], today())[0], status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Sửa chỉ tiêu"), request=TargetPatchSerializer, responses=TargetSerializer)
    def partial_update(self, request, pk=None):
        target = self._changeable()
        data = self._input(TargetPatchSerializer, partial=True)
        with service_errors():
            target = services.update_target(target, data, acting_user=request.user)
        return Response(self._with_progress([target], today())[0])

    def destroy(self, request, pk=None):
        target = self._changeable()
        with service_errors():
            services.delete_target(target, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Tiến độ của chỉ tiêu vào một ngày"),
        parameters=[ProgressQuerySerializer],
        responses=ProgressSerializer,
    )
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        day = ProgressQuerySerializer.parse(request).get("as_of") or today()
        return Response(ProgressSerializer(progress(self.get_object(), day)).data)

    @extend_schema(
        summary=_("Phân bổ chỉ tiêu cho tổ chức trực thuộc (thay cả phân bổ)"),
        request=SplitSerializer,
        responses=TargetSerializer(many=True),
    )
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        target = self.get_object()
        data = self._input(SplitSerializer)
        with service_errors():
            parts = services.split_target(
                target,
                [dict(part) for part in data["parts"]],
                document_number=data.get("document_number") or "",
                document_date=data.get("document_date"),
                acting_user=request.user,
            )
        return Response(self._with_progress(parts, today()))


@extend_schema_view(
    list=extend_schema(
        summary=_("Kết quả đánh giá, xếp loại chất lượng"), parameters=[RatingQuerySerializer]
    ),
    retrieve=extend_schema(summary=_("Một kết quả xếp loại")),
)
class RatingViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = RatingSerializer
    view_perm = Perm.RATINGS_VIEW
    change_perm = Perm.RATINGS_CHANGE
    action_perms = {"summary": Perm.RATINGS_VIEW}

    def get_queryset(self):
        return QualityRating.objects.visible_to(self.request.user, self.perm).select_related(
            "unit", "organization", "member"
        )

    def get_serializer_class(self):
        return RatingEntrySerializer if self.action == "entry" else RatingSerializer

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        params = RatingQuerySerializer.parse(self.request)
        queryset = queryset.filter(year=params["year"])
        if params.get("org"):
            units = History.load().ever_under(params["org"].pk, rating_day(params["year"]))
            queryset = queryset.filter(unit_id__in=sorted(units))
        if params.get("level"):
            queryset = queryset.filter(level=params["level"])
        if params.get("kind") == "member":
            queryset = queryset.filter(member__isnull=False)
        elif params.get("kind") == "organization":
            queryset = queryset.filter(organization__isnull=False)
        return queryset.order_by("unit__sort_key", "id")

    @extend_schema(
        summary=_("Ghi phiếu xếp loại của một tổ chức cho một năm (cả phiếu được kiểm tra theo quy định)"),
        request=RatingEntrySerializer,
        responses=RatingSerializer(many=True),
    )
    @action(detail=False, methods=["post"])
    def entry(self, request):
        data = self._input(RatingEntrySerializer)
        entries = [dict(item) for item in data["entries"]]
        with service_errors():
            written = services.record_ratings(data["org"], data["year"], entries, acting_user=request.user)
        return Response(RatingSerializer(written, many=True).data)

    @extend_schema(
        summary=_("Tổng hợp xếp loại của một tổ chức (với mọi tổ chức trực thuộc) trong một năm"),
        parameters=[RatingQuerySerializer],
        responses=RatingSummarySerializer,
    )
    @action(detail=False, methods=["get"])
    def summary(self, request):
        params = RatingQuerySerializer.parse(request)
        org = params.get("org") or home_organization(request.user)
        if org is None:
            raise NotFound(_("Tài khoản chưa gắn với tổ chức nào."))
        return Response({"org": org.code, **rating_summary(org.pk, params["year"]).as_dict()})


@extend_schema_view(
    list=extend_schema(summary=_("Tiêu chí thi đua")),
    retrieve=extend_schema(summary=_("Một tiêu chí thi đua")),
    destroy=extend_schema(summary=_("Xóa tiêu chí (cùng điểm đã chấm)")),
)
class CriterionViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = CriterionSerializer
    view_perm = Perm.TARGETS_VIEW
    change_perm = Perm.EMULATION_CHANGE

    def get_queryset(self):
        return EmulationCriterion.objects.visible_to(self.request.user, self.perm).select_related("owner")

    def get_serializer_class(self):
        return {"create": CriterionInputSerializer, "scores": ScoresSerializer}.get(
            self.action, CriterionSerializer
        )

    @extend_schema(
        summary=_("Thêm tiêu chí thi đua"),
        request=CriterionInputSerializer,
        responses={201: CriterionSerializer},
    )
    def create(self, request):
        data = self._input(CriterionInputSerializer)
        with service_errors():
            criterion = services.create_criterion(data, acting_user=request.user)
        return Response(CriterionSerializer(criterion).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        criterion = self.get_object()
        with service_errors():
            services.delete_criterion(criterion, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Chấm điểm một tiêu chí (kèm minh chứng)"),
        request=ScoresSerializer,
        responses=CriterionSerializer,
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        criterion = self.get_object()
        data = self._input(ScoresSerializer)
        with service_errors():
            services.record_scores(
                criterion, [dict(item) for item in data["scores"]], acting_user=request.user
            )
        return Response(CriterionSerializer(criterion).data)


class RankingView(ScopedMixin, APIView):
    view_perm = Perm.TARGETS_VIEW

    @extend_schema(
        summary=_("Xếp hạng thi đua các tổ chức trực thuộc trong một năm"),
        parameters=[RankingQuerySerializer],
        responses=RankingSerializer,
    )
    def get(self, request):
        params = RankingQuerySerializer.parse(request)
        org = params.get("org") or home_organization(request.user)
        if org is None:
            raise NotFound(_("Tài khoản chưa gắn với tổ chức nào."))
        year = params.get("year") or today().year - 1
        criteria, rows = ranking(org.pk, year)
        data = [
            {
                "rank": row.rank,
                "code": row.code,
                "name": row.name,
                "points": {
                    str(pk): None if value is None else float(value) for pk, value in row.points.items()
                },
                "total": row.total,
                "completion": row.completion,
            }
            for row in rows
        ]
        return Response(
            RankingSerializer({"org": org.code, "year": year, "criteria": criteria, "rows": data}).data
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Sổ khen thưởng: quyết định khen thưởng"), parameters=[CommendationQuerySerializer]
    ),
    retrieve=extend_schema(summary=_("Một quyết định khen thưởng")),
    destroy=extend_schema(summary=_("Xóa quyết định khen thưởng")),
)
class CommendationViewSet(_Base, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = CommendationSerializer
    view_perm = Perm.COMMENDATIONS_VIEW
    change_perm = Perm.COMMENDATIONS_CHANGE

    def get_queryset(self):
        return CommendationDecision.objects.visible_to(self.request.user, self.perm).prefetch_related(
            "recipients"
        )

    def get_serializer_class(self):
        return CommendationInputSerializer if self.action == "create" else CommendationSerializer

    def get_serializer_context(self):
        visible = set(
            Commendation.objects.visible_to(self.request.user, self.perm).values_list("pk", flat=True)
        )
        return {**super().get_serializer_context(), "recipients": visible}

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        params = CommendationQuerySerializer.parse(self.request)
        if params.get("year"):
            queryset = queryset.filter(date__year=params["year"])
        if params.get("search"):
            queryset = queryset.filter(search_key__contains=fold(params["search"]))
        return queryset.order_by("-date", "-id")

    @extend_schema(
        summary=_("Ghi quyết định khen thưởng"),
        request=CommendationInputSerializer,
        responses={201: CommendationSerializer},
    )
    def create(self, request):
        data = self._input(CommendationInputSerializer)
        collectives, individuals = data.pop("collectives"), data.pop("individuals")
        with service_errors():
            decision = services.record_commendation(
                data, collectives=collectives, individuals=individuals, acting_user=request.user
            )
        return Response(
            CommendationSerializer(decision, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def destroy(self, request, pk=None):
        decision = self.get_object()
        mine = Commendation.objects.visible_to(request.user, Perm.COMMENDATIONS_CHANGE).filter(
            decision=decision
        )
        if mine.count() != decision.recipients.count():
            raise PermissionDenied(_("Quyết định có tập thể, cá nhân ngoài phạm vi của tài khoản."))
        with service_errors():
            services.delete_commendation(decision, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
