from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    UPPER_COMMITTEE = "upper_committee", _("Đảng ủy cấp trên trực tiếp cơ sở")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    SECTION_COMMITTEE = "section_committee", _("Đảng bộ bộ phận")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    SUBORDINATE_CELL = "subordinate_cell", _("Chi bộ trực thuộc")


# Which kinds may stand directly under which. None: the top of the installation (its parent is outside).
ALLOWED_PARENT_KINDS = {
    OrganizationKind.UPPER_COMMITTEE: {None},
    OrganizationKind.GRASSROOTS_COMMITTEE: {None, OrganizationKind.UPPER_COMMITTEE},
    OrganizationKind.GRASSROOTS_CELL: {None, OrganizationKind.UPPER_COMMITTEE},
    OrganizationKind.SECTION_COMMITTEE: {OrganizationKind.GRASSROOTS_COMMITTEE},
    OrganizationKind.SUBORDINATE_CELL: {
        OrganizationKind.GRASSROOTS_COMMITTEE,
        OrganizationKind.SECTION_COMMITTEE,
    },
}

GRASSROOTS_KINDS = {OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL}
CELL_KINDS = {OrganizationKind.GRASSROOTS_CELL, OrganizationKind.SUBORDINATE_CELL}


class Sector(models.TextChoices):
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ADMINISTRATIVE = "administrative", _("Hành chính sự nghiệp")


class EnterpriseKind(models.TextChoices):
    FOREIGN_INVESTED = "foreign_invested", _("Doanh nghiệp có vốn đầu tư nước ngoài")
    DOMESTIC_PRIVATE = "domestic_private", _("Doanh nghiệp tư nhân trong nước")
    STATE_OWNED = "state_owned", _("Doanh nghiệp nhà nước")
    COOPERATIVE = "cooperative", _("Hợp tác xã")


class OrganizationEventKind(models.TextChoices):
    FOUNDED = "founded", _("Thành lập")
    RECEIVED = "received", _("Tiếp nhận từ đảng bộ khác")
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển trực thuộc")
    CHANGED_KIND = "changed_kind", _("Thay đổi loại hình, cấp")
    CHANGED_SECTOR = "changed_sector", _("Thay đổi khối")
    MERGED = "merged", _("Sáp nhập vào tổ chức khác")
    SPLIT = "split", _("Chia tách")
    DISSOLVED = "dissolved", _("Giải thể")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển giao cho đảng bộ khác")


# Events that start an organization's timeline here: founded by a decision (counted as "founded"), or
# received with its members from another party committee (not counted as founded).
STARTING_EVENT_KINDS = {OrganizationEventKind.FOUNDED, OrganizationEventKind.RECEIVED}
ENDING_EVENT_KINDS = {
    OrganizationEventKind.MERGED,
    OrganizationEventKind.DISSOLVED,
    OrganizationEventKind.TRANSFERRED_OUT,
}
