"""THE yearly summary of the annual quality rating for an organization with everything under it.

Definitions, for organization X and year Y (rating day R: 31 December of Y, or today while Y runs):
- The ratings counted are those of Y entered by an organization that was under X on some day up to R
  (History.ever_under), so that an organization ended since keeps its entry in the summary.
- Members to rate: the members of X on R (figures.counting.members_on); organizations to rate: the
  organizations under X on R, X itself excluded.
- Each level's share: its count / the number rated × 100, one decimal, rounded half up (core.numbers).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from dangvu.core import rules
from dangvu.core.numbers import percent
from dangvu.organizations.tree import History
from dangvu.targets.choices import LEVEL_ORDER
from dangvu.targets.models import QualityRating

from .counting import Scope, members_on
from .targets import rating_day


@dataclass
class LevelCounts:
    to_rate: int = 0
    by_level: dict[str, int] = field(default_factory=dict)

    @property
    def rated(self) -> int:
        return sum(self.by_level.values())

    @property
    def not_rated(self) -> int:
        return max(self.to_rate - self.rated, 0)

    def share(self, level: str) -> Decimal | None:
        return percent(self.by_level.get(level, 0), self.rated)

    def rows(self) -> list[tuple[str, int, Decimal | None]]:
        return [
            (level.value, self.by_level.get(level.value, 0), self.share(level.value)) for level in LEVEL_ORDER
        ]

    def as_dict(self) -> dict:
        return {
            "to_rate": self.to_rate,
            "rated": self.rated,
            "by_level": {level: count for level, count, _share in self.rows()},
            "percent": {
                level: None if share is None else float(share) for level, _count, share in self.rows()
            },
        }


@dataclass
class RatingSummary:
    org_id: int
    year: int
    day: datetime.date
    regulation: str
    members: LevelCounts
    organizations: LevelCounts

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "day": self.day.isoformat(),
            "regulation": self.regulation,
            "members": self.members.as_dict(),
            "organizations": self.organizations.as_dict(),
        }


def rating_summary(org_id: int, year: int, history: History | None = None) -> RatingSummary:
    history = history or History.load()
    day = rating_day(year)
    units = history.ever_under(org_id, day)
    rows = (
        QualityRating.objects.filter(year=year, unit_id__in=sorted(units))
        .values("level")
        .annotate(members=Count("member_id"), organizations=Count("organization_id"))
        .order_by()
    )
    members, organizations = LevelCounts(), LevelCounts()
    for row in rows:
        members.by_level[row["level"]] = row["members"]
        organizations.by_level[row["level"]] = row["organizations"]
    scope = Scope(day, org_id, history)
    if scope.tree.exists(org_id):
        members.to_rate = members_on(scope).count()
        organizations.to_rate = len(scope.tree.under(org_id)) - 1
    return RatingSummary(
        org_id,
        year,
        day,
        rules.value("rating.regulation", datetime.date(year, 12, 31)),
        members,
        organizations,
    )
