"""The contract of the import template: three sheets, their headers, and the words their cells may hold.

The headers below are what `dangvu import template` writes and what every export of a list writes, and the
importer reads a sheet by them, forgiving case, marks, spacing and order (`header_key`). A column marked
`required` must be in the file (its cells may still be empty where the row allows it); the other columns are
optional — when a file leaves one out, a new record takes the default and an existing one keeps its value.
Columns of the file that are not below (STT, Ghi chú on the member sheet, ...) are ignored.

The words of the choice columns are matched the same forgiving way (`word_key`): "NỮ", "nu" and "Nữ" are one
gender; the labels the screens use are accepted beside the template's own words.
"""

import functools
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from dangvu.core.text import fold
from dangvu.members.choices import Education, EventKind, Gender, TheoryLevel
from dangvu.organizations.choices import EnterpriseKind, OrganizationEventKind, OrganizationKind, Sector

TEXT = "text"
DATE = "date"
CODE = "code"  # an organization code
NATIONAL_ID = "national_id"
CHOICE = "choice"

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def word_key(value) -> str:
    """Lower case, no marks, runs of anything but letters and digits as one space: 'Chi  bộ (cơ sở)' → 'chi bo co so'."""
    return _NOT_WORD.sub(" ", fold(str(value or ""))).strip()


def header_key(value) -> tuple[str, str]:
    """A header's key, and its key without what it says in brackets ('Giới tính (Nam/Nữ)' → 'gioi tinh')."""
    text = str(value or "")
    return word_key(text), word_key(_BRACKETS.sub(" ", text))


@dataclass(frozen=True)
class Column:
    key: str  # the field the column fills
    header: str  # the header the template writes
    kind: str = TEXT
    required: bool = False  # the column must be in the file
    aliases: tuple[str, ...] = ()  # other headers real files use
    width: int = 16
    read: bool = True  # False: written for the reader's convenience, ignored on import
    choices: str = ""  # the vocabulary of a CHOICE column (VOCABULARIES)
    help: str = ""

    def keys(self) -> set[str]:
        found = set()
        for text in (self.header, *self.aliases):
            found |= set(header_key(text))
        found.discard("")
        return found


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    columns: tuple[Column, ...]
    help: str = ""

    def column(self, key: str) -> Column:
        return self._by_key[key]

    @functools.cached_property
    def _by_key(self) -> dict[str, Column]:  # asked for cells of every row: a lookup, not a search
        return {column.key: column for column in self.columns}

    @property
    def required(self) -> list[Column]:
        return [column for column in self.columns if column.required]


ORGANIZATIONS = Sheet(
    "organizations",
    "Tổ chức",
    (
        Column("code", "Mã tổ chức", CODE, required=True, aliases=("Mã",), width=14),
        Column("name", "Tên tổ chức", required=True, aliases=("Tên",), width=44),
        Column("kind", "Loại tổ chức", CHOICE, required=True, choices="organization_kind", width=26),
        Column("parent", "Mã tổ chức cấp trên", CODE, required=True, aliases=("Mã cấp trên",), width=14),
        Column("sector", "Khối", CHOICE, required=True, choices="sector", width=22),
        Column("founded_on", "Ngày thành lập", DATE, required=True, width=14),
        Column("founding_decision", "Số quyết định thành lập", width=20),
        Column("ended_on", "Ngày giải thể", DATE, aliases=("Ngày kết thúc",), width=14),
        Column("founding_kind", "Hình thức thành lập", CHOICE, choices="founding_kind", width=22),
        Column("enterprise_kind", "Loại hình doanh nghiệp", CHOICE, choices="enterprise_kind", width=30),
        Column("is_core_cell", "Chi bộ nòng cốt", CHOICE, choices="yes_no", width=10),
        Column("external_parent", "Cấp trên ngoài Đảng bộ", width=30),
        Column("ending_decision", "Số quyết định giải thể", width=20),
    ),
    help=_(
        "Mỗi dòng một tổ chức đảng, tổ chức cấp trên đứng trước hoặc đã có trong hệ thống. Tổ chức cao nhất "
        "để trống Mã tổ chức cấp trên."
    ),
)

MEMBERS = Sheet(
    "members",
    "Đảng viên",
    (
        Column("full_name", "Họ và tên", required=True, aliases=("Họ tên", "Họ và tên khai sinh"), width=28),
        Column("gender", "Giới tính", CHOICE, required=True, choices="gender", width=9),
        Column("birth_date", "Ngày sinh", DATE, required=True, aliases=("Ngày tháng năm sinh",), width=12),
        Column(
            "national_id",
            "Số CCCD",
            NATIONAL_ID,
            required=True,
            aliases=("CCCD", "Số căn cước công dân", "Số căn cước", "Số định danh cá nhân", "Số CCCD/CMND"),
            width=15,
        ),
        Column("ethnicity", "Dân tộc", width=10),
        Column("religion", "Tôn giáo", width=10),
        Column("home_province", "Quê quán", width=18),
        Column("organization", "Mã tổ chức", CODE, required=True, aliases=("Mã chi bộ",), width=12),
        Column("admitted_on", "Ngày vào Đảng", DATE, required=True, aliases=("Ngày kết nạp",), width=13),
        Column("recognized_on", "Ngày chính thức", DATE, required=True, width=13),
        Column("card_number", "Số thẻ đảng viên", aliases=("Số thẻ",), width=14),
        Column("education", "Trình độ giáo dục phổ thông", CHOICE, choices="education", width=18),
        Column("professional_qualification", "Chuyên môn, nghiệp vụ", width=20),
        Column("theory_level", "Lý luận chính trị", CHOICE, choices="theory_level", width=16),
        Column("job", "Nghề nghiệp, công việc", width=20),
        Column("position", "Chức vụ trong đơn vị", width=18),
        Column("phone", "Điện thoại", aliases=("Số điện thoại",), width=13),
    ),
    help=_(
        "Mỗi dòng một đảng viên. Mã tổ chức là nơi đảng viên đang sinh hoạt (hoặc sinh hoạt lần cuối). "
        "Đảng viên không có dòng nào ở trang Biến động được coi là kết nạp vào tổ chức đó ngày vào Đảng và "
        "công nhận chính thức ngày chính thức."
    ),
)

EVENTS = Sheet(
    "events",
    "Biến động",
    (
        Column(
            "national_id",
            "Số CCCD",
            NATIONAL_ID,
            required=True,
            aliases=MEMBERS.column("national_id").aliases,
        ),
        Column("kind", "Loại biến động", CHOICE, required=True, choices="event_kind", width=24),
        Column("date", "Ngày", DATE, required=True, aliases=("Ngày biến động", "Ngày quyết định"), width=12),
        Column("organization", "Mã tổ chức", CODE, width=12),
        Column("to_organization", "Mã tổ chức đến", CODE, width=14),
        Column("decision_number", "Số quyết định", width=16),
        Column("note", "Ghi chú", width=24),
        Column("ceremony_date", "Ngày lễ kết nạp", DATE, width=13),
        Column("external_organization", "Tổ chức ngoài Đảng bộ", width=30),
        Column("original_admission_date", "Ngày vào Đảng (nơi cũ)", DATE, width=14),
        Column("original_recognition_date", "Ngày chính thức (nơi cũ)", DATE, width=14),
        Column("until", "Đến ngày", DATE, width=12),
        Column("full_name", "Họ và tên", read=False, width=26),
    ),
    help=_(
        "Không bắt buộc. Mỗi dòng một biến động của một đảng viên (theo Số CCCD). Mã tổ chức là tổ chức liên "
        "quan; với chuyển sinh hoạt trong Đảng bộ là nơi đi, Mã tổ chức đến là nơi đến. Đảng viên có dòng bắt "
        "đầu bằng Chuyển đến được kết nạp ở nơi khác và sinh hoạt ở đây từ ngày đó."
    ),
)

SHEETS = (ORGANIZATIONS, MEMBERS, EVENTS)


# The words of the template (written by exports) first, then other words real files use.
_VOCABULARIES: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "organization_kind": [
        (OrganizationKind.UPPER_COMMITTEE, "Đảng ủy cấp trên cơ sở", ("Đảng ủy cấp trên trực tiếp cơ sở",)),
        (OrganizationKind.GRASSROOTS_COMMITTEE, "Đảng bộ cơ sở", ("Đảng ủy cơ sở",)),
        (OrganizationKind.SECTION_COMMITTEE, "Đảng bộ bộ phận", ()),
        (OrganizationKind.GRASSROOTS_CELL, "Chi bộ cơ sở", ()),
        (OrganizationKind.SUBORDINATE_CELL, "Chi bộ trực thuộc", ("Chi bộ trực thuộc đảng ủy cơ sở",)),
    ],
    "sector": [
        (Sector.ENTERPRISE, "Doanh nghiệp", ("DN", "Khối doanh nghiệp")),
        (
            Sector.ADMINISTRATIVE,
            "Hành chính sự nghiệp",
            ("HCSN", "Khối hành chính sự nghiệp", "Cơ quan hành chính sự nghiệp", "Hành chính"),
        ),
    ],
    "gender": [(Gender.MALE, "Nam", ()), (Gender.FEMALE, "Nữ", ())],
    "event_kind": [
        (EventKind.ADMISSION, "Kết nạp", ()),
        (EventKind.RECOGNITION, "Công nhận chính thức", ("Chính thức", "Công nhận đảng viên chính thức")),
        (EventKind.TRANSFER_IN, "Chuyển đến", ("Chuyển sinh hoạt đến",)),
        (
            EventKind.TRANSFER,
            "Chuyển sinh hoạt",
            ("Chuyển sinh hoạt (trong Đảng bộ)", "Chuyển sinh hoạt nội bộ"),
        ),
        (EventKind.TEMPORARY_TRANSFER, "Chuyển sinh hoạt tạm thời", ()),
        (EventKind.TRANSFER_OUT, "Chuyển đi", ("Chuyển sinh hoạt đi",)),
        (EventKind.EXEMPTION, "Miễn sinh hoạt", ("Miễn công tác và sinh hoạt đảng",)),
        (EventKind.STRUCK_OFF, "Xóa tên", ("Xoá tên",)),
        (EventKind.EXPELLED, "Khai trừ", ()),
        (EventKind.LEFT, "Ra khỏi Đảng", ("Xin ra khỏi Đảng",)),
        (EventKind.DECEASED, "Từ trần", ("Qua đời", "Chết")),
    ],
    "founding_kind": [
        (OrganizationEventKind.FOUNDED, "Thành lập", ()),
        (OrganizationEventKind.RECEIVED, "Tiếp nhận từ đảng bộ khác", ("Tiếp nhận",)),
    ],
    "enterprise_kind": [
        (
            EnterpriseKind.FOREIGN_INVESTED,
            "Doanh nghiệp có vốn đầu tư nước ngoài",
            ("FDI", "Vốn đầu tư nước ngoài"),
        ),
        (EnterpriseKind.DOMESTIC_PRIVATE, "Doanh nghiệp tư nhân trong nước", ("Tư nhân", "Ngoài nhà nước")),
        (EnterpriseKind.STATE_OWNED, "Doanh nghiệp nhà nước", ("Nhà nước",)),
        (EnterpriseKind.COOPERATIVE, "Hợp tác xã", ()),
    ],
    "yes_no": [(True, "Có", ("x", "Phải", "1")), (False, "Không", ("0",))],
    "education": [
        (Education.PRIMARY, "Tiểu học", ()),
        (Education.LOWER_SECONDARY, "Trung học cơ sở", ("THCS",)),
        (Education.UPPER_SECONDARY, "Trung học phổ thông", ("THPT",)),
    ],
    "theory_level": [
        (TheoryLevel.NONE, "Chưa qua đào tạo", ()),
        (TheoryLevel.ELEMENTARY, "Sơ cấp", ()),
        (TheoryLevel.INTERMEDIATE, "Trung cấp", ()),
        (TheoryLevel.ADVANCED, "Cao cấp", ()),
        (TheoryLevel.BACHELOR, "Cử nhân", ()),
    ],
}

# vocabulary → {word key: value}; vocabulary → {value: the template's word}
LOOKUP: dict[str, dict[str, object]] = {}
WORDS: dict[str, dict[object, str]] = {}
for _name, _entries in _VOCABULARIES.items():
    LOOKUP[_name] = {}
    WORDS[_name] = {}
    for _value, _word, _aliases in _entries:
        WORDS[_name][_value] = _word
        for _text in (_word, *_aliases):
            LOOKUP[_name][word_key(_text)] = _value


def words(vocabulary: str) -> list[str]:
    """The template's words of a vocabulary, in order (for the drop-down lists and the instructions)."""
    return list(WORDS[vocabulary].values())
