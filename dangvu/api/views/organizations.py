"""/api/v1/organizations/: the tree on any date, and the decisions that change it (organizations.services)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import scope_org_ids
from dangvu.organizations import services
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from ..errors import service_errors
from ..filters import AsOfQuerySerializer, OrganizationQuerySerializer, matches, search_q
from ..pagination import Pagination
from ..permissions import ScopedMixin
from ..serializers import (
    ChangeKindSerializer,
    DissolveSerializer,
    FoundSerializer,
    MoveSerializer,
    OrganizationEventSerializer,
    OrganizationSerializer,
    RenameSerializer,
)

ORDERING = {"name": ["sort_key", "id"], "-name": ["-sort_key", "-id"], "code": ["code"], "-code": ["-code"]}


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách tổ chức đảng"),
        parameters=[OrganizationQuerySerializer],
    ),
    retrieve=extend_schema(summary=_("Một tổ chức đảng"), parameters=[AsOfQuerySerializer]),
)
class OrganizationViewSet(ScopedMixin, viewsets.GenericViewSet):
    pagination_class = Pagination
    view_perm = Perm.ORGANIZATIONS_VIEW
    change_perm = Perm.ORGANIZATIONS_CHANGE
    serializer_class = OrganizationSerializer
    lookup_field = "code"

    def get_queryset(self):
        """The one entry point for organizations: every read and write of this resource starts here
        (accounts.scoping: the organizations in the user's scope for what the request does)."""
        return Organization.objects.visible_to(self.request.user, self.perm)

    def get_serializer_class(self):
        # What the browsable API offers as the form of each write.
        return {
            "create": FoundSerializer,
            "rename": RenameSerializer,
            "move": MoveSerializer,
            "change_kind": ChangeKindSerializer,
            "dissolve": DissolveSerializer,
        }.get(self.action, OrganizationSerializer)

    def state_context(self, as_of, history=None) -> dict:
        codes = dict(Organization.objects.values_list("pk", "code"))
        if as_of is not None and history is None:
            history = History.load()
        return {**self.get_serializer_context(), "as_of": as_of, "history": history, "codes": codes}

    def list(self, request):
        params = OrganizationQuerySerializer.parse(request)
        as_of = params.get("as_of")
        queryset = self.get_queryset()
        history = None
        if as_of is not None:
            # The state of each organization on that date comes from its history, not from its columns.
            history = History.load()
            parent = params.get("parent")
            ids = [
                state.id
                for state in history.tree_on(as_of).states.values()
                if (not params.get("kind") or state.kind == params["kind"])
                and (not params.get("sector") or state.sector == params["sector"])
                and (parent is None or state.parent_id == parent.pk)
                and matches(params.get("search"), state.name, state.code)
            ]
            queryset = queryset.filter(pk__in=sorted(ids))
        else:
            for name in ("kind", "sector", "parent"):
                if params.get(name):
                    queryset = queryset.filter(**{name: params[name]})
            if params.get("search"):
                queryset = queryset.filter(search_q(params["search"], ("search_key", "code")))
        queryset = queryset.order_by(*ORDERING[params["ordering"]])
        page = self.paginate_queryset(queryset)
        serializer = OrganizationSerializer(page, many=True, context=self.state_context(as_of, history))
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, code=None):
        as_of = AsOfQuerySerializer.parse(request).get("as_of")
        org = self.get_object()
        return Response(OrganizationSerializer(org, context=self.state_context(as_of)).data)

    @extend_schema(
        summary=_("Thành lập tổ chức"), request=FoundSerializer, responses={201: OrganizationSerializer}
    )
    def create(self, request):
        serializer = FoundSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        day = data.pop("date")
        decision_number = data.pop("decision_number")
        note = data.pop("note")
        if data["parent"] is None and scope_org_ids(request.user, self.perm) is not None:
            # Only a user whose scope is every organization may found one at the top of the tree.
            raise ValidationError({"parent": [_("Chọn tổ chức cấp trên trong phạm vi của bạn.")]})
        with service_errors():
            org = services.found_organization(
                day, decision_number, acting_user=request.user, note=note, **data
            )
        return Response(
            OrganizationSerializer(org, context=self.state_context(None)).data, status=status.HTTP_201_CREATED
        )

    def _decide(self, request, serializer_class, call):
        """Validate the body, call the service on the organization, answer with its state now."""
        org = self.get_object()
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_errors():
            call(org, serializer.validated_data)
        org.refresh_from_db()
        return Response(OrganizationSerializer(org, context=self.state_context(None)).data)

    @extend_schema(summary=_("Đổi tên"), request=RenameSerializer, responses=OrganizationSerializer)
    @action(detail=True, methods=["post"])
    def rename(self, request, code=None):
        return self._decide(
            request,
            RenameSerializer,
            lambda org, d: services.rename(
                org, d["date"], d["decision_number"], d["name"], acting_user=request.user
            ),
        )

    @extend_schema(summary=_("Chuyển trực thuộc"), request=MoveSerializer, responses=OrganizationSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, code=None):
        return self._decide(
            request,
            MoveSerializer,
            lambda org, d: services.move(
                org,
                d["date"],
                d["decision_number"],
                d["parent"],
                acting_user=request.user,
                external_parent=d.get("external_parent"),
            ),
        )

    @extend_schema(
        summary=_("Thay đổi loại hình, cấp"), request=ChangeKindSerializer, responses=OrganizationSerializer
    )
    @action(detail=True, methods=["post"], url_path="change-kind")
    def change_kind(self, request, code=None):
        return self._decide(
            request,
            ChangeKindSerializer,
            lambda org, d: services.change_kind(
                org, d["date"], d["decision_number"], d["kind"], acting_user=request.user
            ),
        )

    @extend_schema(summary=_("Giải thể"), request=DissolveSerializer, responses=OrganizationSerializer)
    @action(detail=True, methods=["post"])
    def dissolve(self, request, code=None):
        return self._decide(
            request,
            DissolveSerializer,
            lambda org, d: services.dissolve(
                org, d["date"], d["decision_number"], acting_user=request.user, note=d["note"]
            ),
        )

    @extend_schema(summary=_("Lịch sử sự kiện của tổ chức"), responses=OrganizationEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def events(self, request, code=None):
        org = self.get_object()
        events = org.events.select_related("parent", "related").order_by("date", "id")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(OrganizationEventSerializer(page, many=True).data)
