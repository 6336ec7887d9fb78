"""The vocabulary of what a role may do, and the default roles (issue "access").

Roles are data (`accounts.Role.permissions` holds a list of these codes): an administrator can change what
a role may do. The defaults below are written into the database by a migration and by `dangvu roles reset`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Perm(models.TextChoices):
    MEMBERS_VIEW = "members.view", _("Xem hồ sơ đảng viên")
    MEMBERS_CHANGE = "members.change", _("Thêm, sửa hồ sơ và ghi biến động đảng viên")
    MEMBERS_REVEAL = "members.reveal", _("Xem đầy đủ dữ liệu cá nhân bị che")
    MEMBERS_EXPORT = "members.export", _("Xuất danh sách đảng viên")
    ORGANIZATIONS_VIEW = "organizations.view", _("Xem tổ chức đảng")
    ORGANIZATIONS_CHANGE = "organizations.change", _("Thành lập, thay đổi tổ chức đảng")
    FIGURES_VIEW = "figures.view", _("Xem số liệu tổng hợp")
    DISCIPLINE_VIEW = "discipline.view", _("Xem hồ sơ kỷ luật")
    DISCIPLINE_CHANGE = "discipline.change", _("Ghi quyết định kỷ luật")
    CANDIDATES_VIEW = "candidates.view", _("Xem quần chúng ưu tú")
    CANDIDATES_CHANGE = "candidates.change", _("Ghi các bước phát triển đảng viên")
    DOCUMENTS_VIEW = "documents.view", _("Xem văn bản")
    DOCUMENTS_CHANGE = "documents.change", _("Soạn, ban hành văn bản")
    MASS_ORGS_VIEW = "mass_orgs.view", _("Xem số liệu đoàn thể")
    MASS_ORGS_CHANGE = "mass_orgs.change", _("Cập nhật đoàn thể")
    REPORTS_VIEW = "reports.view", _("Lập báo cáo")
    AUDIT_VIEW = "audit.view", _("Xem nhật ký hệ thống")
    USERS_MANAGE = "users.manage", _("Quản lý người dùng và vai trò")
    RULES_MANAGE = "rules.manage", _("Cấu hình quy định")
    TARGETS_VIEW = "targets.view", _("Xem chỉ tiêu, tiến độ và xếp hạng thi đua")
    TARGETS_CHANGE = "targets.change", _("Giao, phân bổ chỉ tiêu")
    RATINGS_VIEW = "ratings.view", _("Xem kết quả đánh giá, xếp loại chất lượng")
    RATINGS_CHANGE = "ratings.change", _("Nhập đánh giá, xếp loại chất lượng")
    EMULATION_CHANGE = "emulation.change", _("Cấu hình tiêu chí và chấm điểm thi đua")
    COMMENDATIONS_VIEW = "commendations.view", _("Xem sổ khen thưởng")
    COMMENDATIONS_CHANGE = "commendations.change", _("Ghi quyết định khen thưởng")


P = Perm
ALL = [p.value for p in Perm]

# code: (Vietnamese name, permissions, two-factor required by default)
DEFAULT_ROLES: dict[str, tuple[str, list[str], bool]] = {
    "admin": ("Quản trị hệ thống", ALL, False),
    "standing_board": (
        "Thường trực, Ban Thường vụ",
        [
            P.MEMBERS_VIEW,
            P.MEMBERS_REVEAL,
            P.MEMBERS_EXPORT,
            P.ORGANIZATIONS_VIEW,
            P.FIGURES_VIEW,
            P.CANDIDATES_VIEW,
            P.DOCUMENTS_VIEW,
            P.MASS_ORGS_VIEW,
            P.REPORTS_VIEW,
            P.TARGETS_VIEW,
            P.RATINGS_VIEW,
            P.COMMENDATIONS_VIEW,
        ],
        False,
    ),
    "organization_board": (
        "Ban Tổ chức",
        [
            P.MEMBERS_VIEW,
            P.MEMBERS_CHANGE,
            P.MEMBERS_REVEAL,
            P.MEMBERS_EXPORT,
            P.ORGANIZATIONS_VIEW,
            P.ORGANIZATIONS_CHANGE,
            P.FIGURES_VIEW,
            P.CANDIDATES_VIEW,
            P.CANDIDATES_CHANGE,
            P.MASS_ORGS_VIEW,
            P.REPORTS_VIEW,
            P.TARGETS_VIEW,
            P.TARGETS_CHANGE,
            P.RATINGS_VIEW,
            P.RATINGS_CHANGE,
            P.COMMENDATIONS_VIEW,
        ],
        False,
    ),
    "propaganda_board": (
        "Ban Tuyên giáo",
        [
            P.ORGANIZATIONS_VIEW,
            P.FIGURES_VIEW,
            P.DOCUMENTS_VIEW,
            P.DOCUMENTS_CHANGE,
            P.REPORTS_VIEW,
            P.TARGETS_VIEW,
            P.COMMENDATIONS_VIEW,
        ],
        False,
    ),
    "inspection_committee": (
        "Ủy ban Kiểm tra",
        [
            P.MEMBERS_VIEW,
            P.MEMBERS_REVEAL,
            P.ORGANIZATIONS_VIEW,
            P.FIGURES_VIEW,
            P.DISCIPLINE_VIEW,
            P.DISCIPLINE_CHANGE,
            P.DOCUMENTS_VIEW,
            P.REPORTS_VIEW,
            P.TARGETS_VIEW,
            P.RATINGS_VIEW,
            P.COMMENDATIONS_VIEW,
        ],
        False,
    ),
    "office": (
        "Văn phòng Đảng ủy",
        [
            P.ORGANIZATIONS_VIEW,
            P.FIGURES_VIEW,
            P.DOCUMENTS_VIEW,
            P.DOCUMENTS_CHANGE,
            P.REPORTS_VIEW,
            P.TARGETS_VIEW,
            P.RATINGS_VIEW,
            P.EMULATION_CHANGE,
            P.COMMENDATIONS_VIEW,
            P.COMMENDATIONS_CHANGE,
        ],
        False,
    ),
    "cell_secretary": (
        "Bí thư chi bộ",
        [
            P.MEMBERS_VIEW,
            P.MEMBERS_CHANGE,
            P.MEMBERS_REVEAL,
            P.MEMBERS_EXPORT,
            P.ORGANIZATIONS_VIEW,
            P.FIGURES_VIEW,
            P.CANDIDATES_VIEW,
            P.CANDIDATES_CHANGE,
            P.REPORTS_VIEW,
            P.TARGETS_VIEW,
            P.RATINGS_VIEW,
            P.RATINGS_CHANGE,
            P.COMMENDATIONS_VIEW,
        ],
        False,
    ),
    "mass_org_officer": (
        "Cán bộ đoàn thể",
        [
            P.CANDIDATES_VIEW,
            P.CANDIDATES_CHANGE,
            P.MASS_ORGS_VIEW,
            P.MASS_ORGS_CHANGE,
            P.FIGURES_VIEW,
            P.TARGETS_VIEW,
        ],
        False,
    ),
    "statistics_viewer": (
        "Xem số liệu thống kê",
        [P.ORGANIZATIONS_VIEW, P.FIGURES_VIEW, P.TARGETS_VIEW],
        False,
    ),
}

# Permissions that let a role change personal data: such roles need two-factor authentication when the
# setting DANGVU_2FA_FOR_PERSONAL_DATA is on (the default).
PERSONAL_DATA_WRITE = {P.MEMBERS_CHANGE, P.CANDIDATES_CHANGE, P.DISCIPLINE_CHANGE, P.USERS_MANAGE}
