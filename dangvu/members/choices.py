from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class TheoryLevel(models.TextChoices):
    NONE = "", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")
    BACHELOR = "bachelor", _("Cử nhân")


class Education(models.TextChoices):
    NONE = "", _("Chưa rõ")
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")


class EventKind(models.TextChoices):
    ADMISSION = "admission", _("Kết nạp")
    RECOGNITION = "recognition", _("Công nhận chính thức")
    TRANSFER = "transfer", _("Chuyển sinh hoạt (trong Đảng bộ)")
    TRANSFER_IN = "transfer_in", _("Chuyển đến")
    TRANSFER_OUT = "transfer_out", _("Chuyển đi")
    TEMPORARY_TRANSFER = "temporary_transfer", _("Chuyển sinh hoạt tạm thời")
    EXEMPTION = "exemption", _("Miễn sinh hoạt")
    STRUCK_OFF = "struck_off", _("Xóa tên")
    EXPELLED = "expelled", _("Khai trừ")
    LEFT = "left", _("Ra khỏi Đảng")
    DECEASED = "deceased", _("Từ trần")


# Events after which the person is no longer a member of this installation.
ENDING_KINDS = {
    EventKind.TRANSFER_OUT,
    EventKind.STRUCK_OFF,
    EventKind.EXPELLED,
    EventKind.LEFT,
    EventKind.DECEASED,
}
# Events that start a membership term here.
STARTING_KINDS = {EventKind.ADMISSION, EventKind.TRANSFER_IN}
# Events that place a member in an organization.
PLACING_KINDS = {EventKind.ADMISSION, EventKind.TRANSFER_IN, EventKind.TRANSFER}


class AgeBand(models.TextChoices):
    UP_TO_30 = "to_30", _("Đến 30 tuổi")
    FROM_31_TO_40 = "31_40", _("31 – 40 tuổi")
    FROM_41_TO_50 = "41_50", _("41 – 50 tuổi")
    FROM_51_TO_60 = "51_60", _("51 – 60 tuổi")
    OVER_60 = "over_60", _("Trên 60 tuổi")


# (band, lowest age, highest age) in whole years on the date.
AGE_BANDS = [
    (AgeBand.UP_TO_30, 0, 30),
    (AgeBand.FROM_31_TO_40, 31, 40),
    (AgeBand.FROM_41_TO_50, 41, 50),
    (AgeBand.FROM_51_TO_60, 51, 60),
    (AgeBand.OVER_60, 61, 200),
]


class MemberStatus(models.TextChoices):
    FULL = "full", _("Chính thức")
    PROBATIONARY = "probationary", _("Dự bị")
    ENDED = "ended", _("Không còn sinh hoạt")
