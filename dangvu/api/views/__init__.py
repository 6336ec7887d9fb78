from .members import EventViewSet, MemberViewSet
from .organizations import OrganizationViewSet
from .statistics import StatisticsView

__all__ = ["EventViewSet", "MemberViewSet", "OrganizationViewSet", "StatisticsView"]
