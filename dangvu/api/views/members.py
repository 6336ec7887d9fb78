"""/api/v1/members/ and /api/v1/events/: the member registry and its ledger, written through members.services."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.accounts.permissions import Perm
from dangvu.accounts.personal_data import reveal_member
from dangvu.core.dates import today
from dangvu.core.search import member_search_q
from dangvu.figures.counting import Scope, members_on
from dangvu.members import services
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.tree import History

from ..errors import service_errors
from ..filters import (
    MEMBER_ORDERING,
    AsOfQuerySerializer,
    EventQuerySerializer,
    MemberQuerySerializer,
)
from ..pagination import Pagination
from ..permissions import ScopedMixin
from ..serializers import (
    CorrectionResultSerializer,
    CorrectionSerializer,
    EventInputSerializer,
    EventSerializer,
    MemberCreateSerializer,
    MemberSerializer,
    MemberWriteSerializer,
    RevealedSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary=_("Danh sách đảng viên của một tổ chức vào một ngày"), parameters=[MemberQuerySerializer]
    ),
    retrieve=extend_schema(summary=_("Một đảng viên"), parameters=[AsOfQuerySerializer]),
)
class MemberViewSet(ScopedMixin, viewsets.GenericViewSet):
    pagination_class = Pagination
    view_perm = Perm.MEMBERS_VIEW
    change_perm = Perm.MEMBERS_CHANGE
    action_perms = {"reveal": Perm.MEMBERS_REVEAL}
    serializer_class = MemberSerializer

    def get_queryset(self):
        """The one entry point for members: every read and write of this resource, its events included,
        starts here (accounts.scoping: the members in the user's scope for what the request does)."""
        return Member.objects.visible_to(self.request.user, self.perm)

    def get_serializer_class(self):
        # What the browsable API offers as the form of each write.
        return {
            "create": MemberCreateSerializer,
            "update": MemberWriteSerializer,
            "partial_update": MemberWriteSerializer,
            "events": EventInputSerializer,
        }.get(self.action, MemberSerializer)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": today()}

    def member_context(self, as_of=None) -> dict:
        return {**self.get_serializer_context(), "as_of": as_of or today()}

    def list(self, request):
        params = MemberQuerySerializer.parse(request)
        as_of = params.get("as_of") or today()
        org = params.get("org")
        # Members of X on D (figures.counting), X being the whole installation when no org is given.
        scope = Scope(as_of, org.pk if org else None, History.load())
        matching = members_on(scope, status=params.get("status"), sector=params.get("sector"))
        queryset = self.get_queryset().filter(pk__in=matching.values("pk"))
        if params.get("gender"):
            queryset = queryset.filter(gender=params["gender"])
        if params.get("search"):
            queryset = queryset.filter(member_search_q(params["search"]))
        queryset = queryset.order_by(*MEMBER_ORDERING[params["ordering"]])
        page = self.paginate_queryset(queryset)
        serializer = MemberSerializer(page, many=True, context=self.member_context(as_of))
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, pk=None):
        as_of = AsOfQuerySerializer.parse(request).get("as_of")
        member = self.get_object()
        return Response(MemberSerializer(member, context=self.member_context(as_of)).data)

    @extend_schema(
        summary=_("Thêm đảng viên"), request=MemberCreateSerializer, responses={201: MemberSerializer}
    )
    def create(self, request):
        serializer = MemberCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        first_event = dict(data.pop("first_event"))
        with service_errors():
            member = services.create_member(data, first_event=first_event, acting_user=request.user)
        return Response(
            MemberSerializer(member, context=self.member_context()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary=_("Sửa hồ sơ đảng viên"), request=MemberWriteSerializer, responses=MemberSerializer
    )
    def update(self, request, pk=None, partial=False):
        member = self.get_object()
        serializer = MemberWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            member = services.update_member(member, dict(serializer.validated_data), acting_user=request.user)
        return Response(MemberSerializer(member, context=self.member_context()).data)

    @extend_schema(summary=_("Sửa một phần hồ sơ đảng viên"))
    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    @extend_schema(
        summary=_("Hiện đầy đủ dữ liệu cá nhân (được ghi vào nhật ký)"),
        request=None,
        responses=RevealedSerializer,
    )
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        """The masked fields in full, for a user with `members.reveal` on the member; a REVEAL entry of the
        audit trail names the member and the fields."""
        member = self.get_object()
        values = reveal_member(member, acting_user=request.user)
        return Response(RevealedSerializer({"id": member.pk, **values}).data)

    @extend_schema(
        methods=["GET"], summary=_("Biến động của đảng viên"), responses=EventSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Ghi một biến động"),
        request=EventInputSerializer,
        responses={201: EventSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def events(self, request, pk=None):
        member = self.get_object()
        if request.method == "POST":
            serializer = EventInputSerializer(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            with service_errors():
                event = services.record_event(
                    member, acting_user=request.user, **dict(serializer.validated_data)
                )
            return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)
        events = member.events.select_related("organization", "to_organization").order_by("date", "id")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(EventSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary=_("Biến động đảng viên"), parameters=[EventQuerySerializer]),
    retrieve=extend_schema(summary=_("Một biến động")),
)
class EventViewSet(ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Membership events, corrections included (a corrected event stays, with `voided_at` and the reason)."""

    pagination_class = Pagination
    serializer_class = EventSerializer
    view_perm = Perm.MEMBERS_VIEW
    change_perm = Perm.MEMBERS_CHANGE

    def get_queryset(self):
        """The one entry point for membership events: those of the members in the user's scope."""
        members = Member.objects.visible_to(self.request.user, self.perm)
        return (
            MembershipEvent.objects.filter(member__in=members)
            .select_related("organization", "to_organization")
            .order_by("date", "id")
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        params = EventQuerySerializer.parse(self.request)
        if params.get("member") is not None:
            queryset = queryset.filter(member_id=params["member"])
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        if params.get("org"):
            queryset = queryset.filter(Q(organization=params["org"]) | Q(to_organization=params["org"]))
        if params.get("date_from"):
            queryset = queryset.filter(date__gte=params["date_from"])
        if params.get("date_to"):
            queryset = queryset.filter(date__lte=params["date_to"])
        return queryset

    @extend_schema(
        summary=_("Đính chính một biến động"),
        request=CorrectionSerializer,
        responses=CorrectionResultSerializer,
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        event = self.get_object()
        serializer = CorrectionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        replacement = serializer.validated_data.get("replacement")
        with service_errors():
            new_event = services.correct_event(
                event,
                serializer.validated_data["reason"],
                replacement=dict(replacement) if replacement is not None else None,
                acting_user=request.user,
            )
        event.refresh_from_db()
        return Response(
            {
                "corrected": EventSerializer(event).data,
                "replacement": EventSerializer(new_event).data if new_event is not None else None,
            }
        )
