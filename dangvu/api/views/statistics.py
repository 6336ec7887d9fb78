"""/api/v1/statistics/: exactly figures.stats.statistics(), the bundle `dangvu stats --json` prints."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.accounts.permissions import Perm
from dangvu.accounts.scoping import figures_scope
from dangvu.figures.stats import root_organization, statistics

from ..filters import StatisticsQuerySerializer
from ..permissions import ScopedMixin
from ..serializers import StatisticsSerializer


class StatisticsView(ScopedMixin, APIView):
    view_perm = Perm.FIGURES_VIEW

    @extend_schema(
        summary=_("Số liệu của một tổ chức (với mọi tổ chức trực thuộc) vào một ngày"),
        parameters=[StatisticsQuerySerializer],
        responses=StatisticsSerializer,
    )
    def get(self, request):
        params = StatisticsQuerySerializer.parse(request)
        org = params.get("org")
        if org is None:
            org = self.default_organization(request.user)
        return Response(statistics(org, params["as_of"], period_from=params.get("from")))

    @staticmethod
    def default_organization(user):
        """The whole installation for a user who sees every figure, else the user's own organization."""
        scope = figures_scope(user)
        if scope is not None:
            if user.organization_id not in scope:
                raise NotFound(_("Tài khoản chưa gắn với tổ chức nào."))
            return user.organization
        try:
            return root_organization()
        except ObjectDoesNotExist:
            raise NotFound(_("Chưa có tổ chức đảng nào.")) from None
