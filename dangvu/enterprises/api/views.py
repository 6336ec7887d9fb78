"""/api/v1/enterprises/: zones, enterprises, mass organizations, their snapshots, party coverage, members'
workplaces, and the coverage figures. Every queryset starts from the model's `visible_to(user, perm)`
(accounts.scoping), so a record outside the user's scope is not found (404); every write calls the
service, whose refusal comes back as a 400 with its Vietnamese message."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.accounts.permissions import Perm
from dangvu.api.errors import service_errors
from dangvu.api.filters import AsOfQuerySerializer, QuerySerializer, search_q
from dangvu.api.pagination import Pagination
from dangvu.api.permissions import ScopedMixin
from dangvu.core.dates import today
from dangvu.figures.coverage import as_json, coverage

from .. import services
from ..choices import (
    Country,
    Industry,
    MassOrganizationKind,
    MassOrganizationLevel,
    Ownership,
)
from ..models import (
    Enterprise,
    MassOrganization,
    MembershipSnapshot,
    PartyCoverage,
    WorkforceSnapshot,
    Workplace,
    Zone,
    active_on,
    enterprise_scope,
)
from .serializers import (
    CoverageQuerySerializer,
    EnterpriseCreateSerializer,
    EnterpriseSerializer,
    EnterpriseStatusField,
    EnterpriseWriteSerializer,
    LinkEndSerializer,
    MassOrganizationDissolveSerializer,
    MassOrganizationSerializer,
    MembershipSnapshotSerializer,
    PartyCoverageSerializer,
    StatusChangeSerializer,
    StatusInputSerializer,
    VoidSerializer,
    WorkforceSerializer,
    WorkplaceSerializer,
    ZoneCodeField,
    ZoneSerializer,
)


def _require_whole_scope(user, perm: str):
    """Records that belong to no party organization (a zone, a new enterprise) are written only by users
    whose scope is the whole installation."""
    everything, _ids = enterprise_scope(user, perm)
    if not everything:
        raise PermissionDenied(_("Chỉ người dùng cấp Đảng ủy được thêm, sửa mục này."))


class ServiceViewSet(ScopedMixin, viewsets.GenericViewSet):
    """A resource whose reads are scoped and whose writes are a service's actions."""

    pagination_class = Pagination
    view_perm = Perm.MASS_ORGS_VIEW
    change_perm = Perm.MASS_ORGS_CHANGE

    def _input(self, serializer_class, *, partial=False, instance=None):
        serializer = serializer_class(
            instance, data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _answer(self, obj, code=status.HTTP_200_OK):
        return Response(self.get_serializer(obj).data, status=code)


# Zones -----------------------------------------------------------------------------------------------------


class ZoneViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    serializer_class = ZoneSerializer
    lookup_field = "code"

    def get_queryset(self):
        return Zone.objects.visible_to(self.request.user, self.perm)

    @extend_schema(summary=_("Thêm khu công nghiệp, khu kinh tế"))
    def create(self, request):
        _require_whole_scope(request.user, self.perm)
        data = self._input(ZoneSerializer)
        with service_errors():
            zone = services.create_zone(data, acting_user=request.user)
        return self._answer(zone, status.HTTP_201_CREATED)

    @extend_schema(summary=_("Sửa khu"))
    def partial_update(self, request, code=None):
        zone = self.get_object()
        _require_whole_scope(request.user, self.perm)
        data = self._input(ZoneSerializer, partial=True, instance=zone)
        with service_errors():
            services.update_zone(zone, data, acting_user=request.user)
        return self._answer(zone)


# Enterprises -----------------------------------------------------------------------------------------------


class EnterpriseQuerySerializer(QuerySerializer):
    as_of = serializers.DateField(
        required=False, help_text=_("Ngày xem tình trạng (YYYY-MM-DD); mặc định là hôm nay.")
    )
    search = serializers.CharField(
        required=False, help_text=_("Tìm theo tên hoặc mã số thuế, không phân biệt dấu.")
    )
    zone = ZoneCodeField(required=False)
    status = EnterpriseStatusField(required=False, help_text=_("Tình trạng vào ngày xem."))
    ownership = serializers.ChoiceField(choices=Ownership.choices, required=False)
    industry = serializers.ChoiceField(choices=Industry.choices, required=False)
    country = serializers.ChoiceField(
        choices=Country.choices, required=False, help_text=_("Có nhà đầu tư của nước này.")
    )
    ordering = serializers.ChoiceField(
        choices=[("name", "name"), ("-name", "-name"), ("tax_code", "tax_code"), ("-tax_code", "-tax_code")],
        required=False,
        default="name",
    )


ENTERPRISE_ORDERING = {
    "name": ["sort_key", "id"],
    "-name": ["-sort_key", "-id"],
    "tax_code": ["tax_code"],
    "-tax_code": ["-tax_code"],
}


@extend_schema_view(
    list=extend_schema(summary=_("Danh sách doanh nghiệp"), parameters=[EnterpriseQuerySerializer]),
    retrieve=extend_schema(summary=_("Một doanh nghiệp"), parameters=[AsOfQuerySerializer]),
)
class EnterpriseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    serializer_class = EnterpriseSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        as_of = AsOfQuerySerializer.parse(self.request).get("as_of") or today()
        return (
            Enterprise.objects.visible_to(self.request.user, self.perm)
            .with_status_on(as_of)
            .select_related("zone")
            .prefetch_related("investor_countries")
        )

    def list(self, request):
        params = EnterpriseQuerySerializer.parse(request)
        queryset = self.get_queryset()
        if params.get("search"):
            queryset = queryset.filter(search_q(params["search"], ("search_key", "tax_code")))
        for name in ("zone", "ownership", "industry"):
            if params.get(name):
                queryset = queryset.filter(**{name: params[name]})
        if params.get("status"):
            queryset = queryset.filter(status_on=params["status"])
        if params.get("country"):
            queryset = queryset.filter(investor_countries__country=params["country"])
        queryset = queryset.order_by(*ENTERPRISE_ORDERING[params["ordering"]])
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _fresh(self, enterprise):
        return self.get_queryset().get(pk=enterprise.pk)

    @extend_schema(
        summary=_("Thêm doanh nghiệp"),
        request=EnterpriseCreateSerializer,
        responses={201: EnterpriseSerializer},
    )
    def create(self, request):
        _require_whole_scope(request.user, self.perm)
        data = self._input(EnterpriseCreateSerializer)
        first = {name: data.pop(name) for name in ("status", "date", "decision_number")}
        with service_errors():
            enterprise = services.create_enterprise(data, acting_user=request.user, **first)
        return self._answer(self._fresh(enterprise), status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Sửa doanh nghiệp"), request=EnterpriseWriteSerializer, responses=EnterpriseSerializer
    )
    def partial_update(self, request, pk=None):
        enterprise = self.get_object()
        data = self._input(EnterpriseWriteSerializer, partial=True)
        with service_errors():
            services.update_enterprise(enterprise, data, acting_user=request.user)
        return self._answer(self._fresh(enterprise))

    @extend_schema(summary=_("Lịch sử tình trạng"), responses=StatusChangeSerializer(many=True))
    @action(detail=True, methods=["get"])
    def statuses(self, request, pk=None):
        enterprise = self.get_object()
        return Response(
            StatusChangeSerializer(enterprise.status_changes.order_by("date", "id"), many=True).data
        )

    @extend_schema(
        summary=_("Ghi tình trạng mới"),
        request=StatusInputSerializer,
        responses={201: StatusChangeSerializer},
    )
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        enterprise = self.get_object()
        data = self._input(StatusInputSerializer)
        with service_errors():
            change = services.record_status(
                enterprise, data.pop("status"), data.pop("date"), acting_user=request.user, **data
            )
        return Response(StatusChangeSerializer(change).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Đính chính một thay đổi tình trạng"),
        request=VoidSerializer,
        responses=StatusChangeSerializer,
    )
    @action(detail=True, methods=["post"], url_path=r"statuses/(?P<change_id>\d+)/void")
    def void_status(self, request, pk=None, change_id=None):
        enterprise = self.get_object()
        change = enterprise.status_changes.filter(pk=change_id).first()
        if change is None:
            return Response({"detail": _("Không tìm thấy.")}, status=status.HTTP_404_NOT_FOUND)
        data = self._input(VoidSerializer)
        with service_errors():
            services.void_status_change(change, data["reason"], acting_user=request.user)
        return Response(StatusChangeSerializer(change).data)


# Snapshots -------------------------------------------------------------------------------------------------


class SnapshotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """Workforce or membership snapshots: list (filtered by their owner), record, change, delete."""

    owner_field = ""
    record = change = delete = None

    def list(self, request):
        queryset = self.get_queryset()
        owner = request.query_params.get(self.owner_field)
        if owner:
            if not owner.isdigit():
                raise serializers.ValidationError({self.owner_field: [_("Mã phải là số nguyên.")]})
            queryset = queryset.filter(**{f"{self.owner_field}_id": int(owner)})
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request):
        data = self._input(self.serializer_class)
        owner = data.pop(self.owner_field)
        with service_errors():
            snapshot = type(self).record(owner, data, acting_user=request.user)
        return self._answer(snapshot, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        snapshot = self.get_object()
        data = self._input(self.serializer_class, partial=True, instance=snapshot)
        if self.owner_field in data and data.pop(self.owner_field) != getattr(snapshot, self.owner_field):
            raise serializers.ValidationError(
                {self.owner_field: [_("Không chuyển số liệu sang nơi khác: xóa và ghi mới.")]}
            )
        with service_errors():
            type(self).change(snapshot, data, acting_user=request.user)
        return self._answer(snapshot)

    def destroy(self, request, pk=None):
        snapshot = self.get_object()
        with service_errors():
            type(self).delete(snapshot, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary=_("Số liệu lao động"),
        parameters=[OpenApiParameter("enterprise", OpenApiTypes.INT, description=_("Mã doanh nghiệp."))],
    )
)
class WorkforceViewSet(SnapshotViewSet):
    serializer_class = WorkforceSerializer
    owner_field = "enterprise"
    record = staticmethod(services.record_workforce)
    change = staticmethod(services.change_workforce)
    delete = staticmethod(services.delete_workforce)

    def get_queryset(self):
        return WorkforceSnapshot.objects.visible_to(self.request.user, self.perm).order_by(
            "enterprise_id", "date"
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Số liệu đoàn viên, hội viên"),
        parameters=[
            OpenApiParameter("organization", OpenApiTypes.INT, description=_("Mã tổ chức đoàn thể."))
        ],
    )
)
class MembershipSnapshotViewSet(SnapshotViewSet):
    serializer_class = MembershipSnapshotSerializer
    owner_field = "organization"
    record = staticmethod(services.record_membership)
    change = staticmethod(services.change_membership)
    delete = staticmethod(services.delete_membership)

    def get_queryset(self):
        return MembershipSnapshot.objects.visible_to(self.request.user, self.perm).order_by(
            "organization_id", "date"
        )


# Mass organizations ----------------------------------------------------------------------------------------


class MassOrganizationQuerySerializer(QuerySerializer):
    as_of = serializers.DateField(required=False, help_text=_("Chỉ các tổ chức tồn tại vào ngày này."))
    kind = serializers.ChoiceField(choices=MassOrganizationKind.choices, required=False)
    level = serializers.ChoiceField(choices=MassOrganizationLevel.choices, required=False)
    enterprise = serializers.IntegerField(required=False)
    search = serializers.CharField(required=False)


@extend_schema_view(
    list=extend_schema(summary=_("Tổ chức đoàn thể"), parameters=[MassOrganizationQuerySerializer]),
    retrieve=extend_schema(summary=_("Một tổ chức đoàn thể")),
)
class MassOrganizationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    serializer_class = MassOrganizationSerializer

    def get_queryset(self):
        return MassOrganization.objects.visible_to(self.request.user, self.perm)

    def list(self, request):
        params = MassOrganizationQuerySerializer.parse(request)
        queryset = self.get_queryset()
        if params.get("as_of"):
            queryset = queryset.existing_on(params["as_of"])
        for name in ("kind", "level"):
            if params.get(name):
                queryset = queryset.filter(**{name: params[name]})
        if params.get("enterprise"):
            queryset = queryset.filter(enterprise_id=params["enterprise"])
        if params.get("search"):
            queryset = queryset.filter(search_q(params["search"]))
        page = self.paginate_queryset(queryset.order_by("sort_key", "id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary=_("Thành lập tổ chức đoàn thể"))
    def create(self, request):
        data = self._input(MassOrganizationSerializer)
        if data.get("enterprise") is None:
            _require_whole_scope(request.user, self.perm)
        with service_errors():
            org = services.found_mass_organization(data, acting_user=request.user)
        return self._answer(org, status.HTTP_201_CREATED)

    @extend_schema(summary=_("Sửa tổ chức đoàn thể"))
    def partial_update(self, request, pk=None):
        org = self.get_object()
        data = self._input(MassOrganizationSerializer, partial=True, instance=org)
        for name in ("kind", "level", "enterprise", "unit"):
            if name in data and data[name] == getattr(org, name):
                data.pop(name)
        with service_errors():
            services.update_mass_organization(org, data, acting_user=request.user)
        return self._answer(org)

    @extend_schema(
        summary=_("Giải thể"),
        request=MassOrganizationDissolveSerializer,
        responses=MassOrganizationSerializer,
    )
    @action(detail=True, methods=["post"])
    def dissolve(self, request, pk=None):
        org = self.get_object()
        data = self._input(MassOrganizationDissolveSerializer)
        with service_errors():
            services.dissolve_mass_organization(
                org, data["date"], data["decision_number"], acting_user=request.user
            )
        return self._answer(org)


# Party coverage and workplaces -----------------------------------------------------------------------------


class DatedLinkQuerySerializer(QuerySerializer):
    as_of = serializers.DateField(required=False, help_text=_("Chỉ các liên kết còn hiệu lực vào ngày này."))
    enterprise = serializers.IntegerField(required=False)


@extend_schema_view(
    list=extend_schema(
        summary=_("Tổ chức đảng phụ trách doanh nghiệp"), parameters=[DatedLinkQuerySerializer]
    ),
    retrieve=extend_schema(summary=_("Một liên kết tổ chức đảng – doanh nghiệp")),
)
class PartyCoverageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    serializer_class = PartyCoverageSerializer

    def get_queryset(self):
        return PartyCoverage.objects.visible_to(self.request.user, self.perm).select_related("organization")

    def list(self, request):
        params = DatedLinkQuerySerializer.parse(request)
        queryset = self.get_queryset()
        if params.get("as_of"):
            queryset = queryset.filter(active_on(params["as_of"]))
        if params.get("enterprise"):
            queryset = queryset.filter(enterprise_id=params["enterprise"])
        page = self.paginate_queryset(queryset.order_by("enterprise_id", "start", "id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary=_("Giao tổ chức đảng phụ trách doanh nghiệp"))
    def create(self, request):
        data = self._input(PartyCoverageSerializer)
        with service_errors():
            coverage_row = services.link_party_organization(
                data.pop("organization"),
                data.pop("enterprise"),
                data.pop("start"),
                acting_user=request.user,
                **data,
            )
        return self._answer(coverage_row, status.HTTP_201_CREATED)

    @extend_schema(summary=_("Thôi phụ trách"), request=LinkEndSerializer, responses=PartyCoverageSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        coverage_row = self.get_object()
        data = self._input(LinkEndSerializer)
        with service_errors():
            services.end_party_coverage(
                coverage_row, data["end"], decision_number=data["decision_number"], acting_user=request.user
            )
        return self._answer(coverage_row)


@extend_schema_view(
    list=extend_schema(summary=_("Nơi làm việc của đảng viên"), parameters=[DatedLinkQuerySerializer]),
    retrieve=extend_schema(summary=_("Một nơi làm việc")),
)
class WorkplaceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ServiceViewSet):
    """Part of a member's record: read with members.view, written with members.change, in the member's
    scope. Any enterprise of the register may be named (the point is to find members in enterprises
    that no party organization covers yet)."""

    serializer_class = WorkplaceSerializer
    view_perm = Perm.MEMBERS_VIEW
    change_perm = Perm.MEMBERS_CHANGE

    def get_queryset(self):
        return Workplace.objects.visible_to(self.request.user, self.perm).select_related("enterprise")

    def list(self, request):
        params = DatedLinkQuerySerializer.parse(request)
        queryset = self.get_queryset()
        if params.get("as_of"):
            queryset = queryset.filter(active_on(params["as_of"]))
        if params.get("enterprise"):
            queryset = queryset.filter(enterprise_id=params["enterprise"])
        page = self.paginate_queryset(queryset.order_by("member_id", "start", "id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(summary=_("Ghi nơi làm việc"))
    def create(self, request):
        data = self._input(WorkplaceSerializer)
        with service_errors():
            workplace = services.record_workplace(
                data.pop("member"),
                data.pop("enterprise"),
                data.pop("start"),
                acting_user=request.user,
                **data,
            )
        return self._answer(workplace, status.HTTP_201_CREATED)

    @extend_schema(summary=_("Thôi làm việc"), request=LinkEndSerializer, responses=WorkplaceSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        workplace = self.get_object()
        data = self._input(LinkEndSerializer)
        with service_errors():
            services.end_workplace(workplace, data["end"], acting_user=request.user)
        return self._answer(workplace)


# The coverage figures --------------------------------------------------------------------------------------


class CoverageView(ScopedMixin, APIView):
    """Exactly figures.coverage.coverage(), the figures `dangvu coverage --json` prints, over the
    enterprises in the user's scope for aggregate figures (the whole register for the Committee)."""

    view_perm = Perm.FIGURES_VIEW

    @extend_schema(
        summary=_(
            "Độ bao phủ của công đoàn, Đoàn Thanh niên và tổ chức đảng trong doanh nghiệp vào một ngày"
        ),
        parameters=[CoverageQuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        query = CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        everything, _ids = enterprise_scope(request.user, self.perm)
        within = None
        if not everything:
            within = set(Enterprise.objects.visible_to(request.user, self.perm).values_list("pk", flat=True))
        data = coverage(params.get("as_of") or today(), zone=params.get("zone"), within=within)
        return Response(as_json(data))
