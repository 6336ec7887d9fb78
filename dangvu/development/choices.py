from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Who brings the candidate forward (the funnel's "by source")."""

    TRADE_UNION = "trade_union", _("Công đoàn")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên")
    MEMBERS = "members", _("Đảng viên")


class StepKind(models.TextChoices):
    """The steps of member development, in the order of rules.md, then the two that can come at any time
    before admission: stopping, and passing the candidate to another party organization."""

    PROPOSED = "proposed", _("Được đề xuất bồi dưỡng")
    TRAINED = "trained", _("Học lớp bồi dưỡng nhận thức về Đảng, được cấp giấy chứng nhận")
    APPLIED = "applied", _("Nộp đơn xin vào Đảng và lý lịch")
    INTRODUCED = "introduced", _("Được giới thiệu vào Đảng")
    VERIFIED = "verified", _("Thẩm tra lý lịch")
    CELL_VOTE = "cell_vote", _("Chi bộ xét, đề nghị kết nạp")
    COMMITTEE_AGREED = "committee_agreed", _("Đảng ủy cơ sở đồng ý")
    ADMITTED = "admitted", _("Quyết định kết nạp")
    CEREMONY = "ceremony", _("Lễ kết nạp")
    PROBATION_REVIEW = "probation_review", _("Chi bộ xét công nhận đảng viên chính thức")
    RECOGNIZED = "recognized", _("Quyết định công nhận đảng viên chính thức")
    STOPPED = "stopped", _("Dừng phát triển")
    REASSIGNED = "reassigned", _("Chuyển tổ chức đảng bồi dưỡng")


# The progress of a candidate, in order. COMMITTEE_AGREED is needed only for a cell under a grassroots
# party committee; TRAINED may be repeated (a new certificate when the old one expires).
PROGRESS = [
    StepKind.PROPOSED,
    StepKind.TRAINED,
    StepKind.APPLIED,
    StepKind.INTRODUCED,
    StepKind.VERIFIED,
    StepKind.CELL_VOTE,
    StepKind.COMMITTEE_AGREED,
    StepKind.ADMITTED,
    StepKind.CEREMONY,
    StepKind.PROBATION_REVIEW,
    StepKind.RECOGNIZED,
]
BEFORE_ADMISSION = PROGRESS[: PROGRESS.index(StepKind.ADMITTED)]
# Steps that write the member ledger (members.services): they cannot simply be voided here.
LEDGER_STEPS = {StepKind.ADMITTED, StepKind.CEREMONY, StepKind.RECOGNIZED}
# Steps that record a vote: members present, votes for and the number the two-thirds rule counts against.
VOTE_STEPS = {StepKind.CELL_VOTE, StepKind.COMMITTEE_AGREED, StepKind.PROBATION_REVIEW}


class IntroducerKind(models.TextChoices):
    TRADE_UNION_EXECUTIVE = "trade_union_executive", _("Ban Chấp hành công đoàn cơ sở")
    YOUTH_UNION_EXECUTIVE = "youth_union_executive", _("Ban Chấp hành Đoàn Thanh niên cơ sở")
    MEMBER = "member", _("Đảng viên chính thức")


BODY_INTRODUCERS = {IntroducerKind.TRADE_UNION_EXECUTIVE, IntroducerKind.YOUTH_UNION_EXECUTIVE}


class DueKind(models.TextChoices):
    """What is due (deadlines.py), each with the rule it follows."""

    DECISION = "decision", _("Quyết định kết nạp")
    CEREMONY = "ceremony", _("Tổ chức lễ kết nạp")
    REVIEW = "review", _("Chi bộ xét công nhận chính thức")
    RECOGNITION = "recognition", _("Quyết định công nhận chính thức")
    CERTIFICATE = "certificate", _("Giấy chứng nhận bồi dưỡng sắp hết hạn")
    STALLED = "stalled", _("Quần chúng lâu không có tiến triển")
