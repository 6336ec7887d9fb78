from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    """What a target counts. Each measure is a flow of the shared definitions over the target's period
    (dangvu.figures.targets.reached): admissions and party organizations founded from figures.counting;
    the mass-organization measures from the enterprise register (figures.coverage)."""

    ADMISSIONS = "admissions", _("Kết nạp đảng viên")
    ORGANIZATIONS_FOUNDED = "organizations_founded", _("Thành lập tổ chức đảng")
    TRADE_UNIONS_FOUNDED = "trade_unions_founded", _("Thành lập công đoàn cơ sở")
    YOUTH_UNIONS_FOUNDED = "youth_unions_founded", _("Thành lập tổ chức Đoàn cơ sở")
    UNION_MEMBERS_GAINED = "union_members_gained", _("Phát triển đoàn viên công đoàn (số tăng thực)")
    YOUTH_MEMBERS_GAINED = "youth_members_gained", _("Phát triển đoàn viên thanh niên (số tăng thực)")


# The unit of each measure, as a screen writes it after a number ("96 đảng viên").
UNITS = {
    Measure.ADMISSIONS: _("đảng viên"),
    Measure.ORGANIZATIONS_FOUNDED: _("tổ chức"),
    Measure.TRADE_UNIONS_FOUNDED: _("công đoàn cơ sở"),
    Measure.YOUTH_UNIONS_FOUNDED: _("tổ chức Đoàn"),
    Measure.UNION_MEMBERS_GAINED: _("đoàn viên"),
    Measure.YOUTH_MEMBERS_GAINED: _("đoàn viên"),
}

# Measures read from the enterprise register (dangvu.enterprises): a target of these can only be set while
# that app is installed.
MASS_ORGANIZATION_MEASURES = {
    Measure.TRADE_UNIONS_FOUNDED,
    Measure.YOUTH_UNIONS_FOUNDED,
    Measure.UNION_MEMBERS_GAINED,
    Measure.YOUTH_MEMBERS_GAINED,
}


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")
    DATES = "dates", _("Từ ngày đến ngày")


class Pace(models.TextChoices):
    """Where progress stands against the share of the period elapsed (figures.targets)."""

    NOT_STARTED = "not_started", _("Chưa đến kỳ")
    REACHED = "reached", _("Đã đạt chỉ tiêu")
    AHEAD = "ahead", _("Vượt tiến độ")
    ON_PACE = "on_pace", _("Đúng tiến độ")
    BEHIND = "behind", _("Chậm tiến độ")
    MISSED = "missed", _("Không đạt chỉ tiêu")


class RatingLevel(models.TextChoices):
    """The four levels of the annual quality rating (rules.md), best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETE = "complete", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETE = "not_complete", _("Không hoàn thành nhiệm vụ")


# Best first: a lower index is a higher level.
LEVEL_ORDER = [RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETE, RatingLevel.NOT_COMPLETE]


class SubjectKind(models.TextChoices):
    MEMBER = "member", _("Đảng viên")
    ORGANIZATION = "organization", _("Tổ chức đảng")


class CriterionKind(models.TextChoices):
    TARGETS = "targets", _("Hoàn thành chỉ tiêu (tính tự động từ tiến độ)")
    MANUAL = "manual", _("Chấm điểm theo minh chứng")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
