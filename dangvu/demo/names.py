"""Word lists for the synthetic people and enterprises of the demo data. Nothing here names a real person:
full names are drawn at random from common family, middle and given names; enterprise names are invented
from syllables, so that a match with a real company would be a coincidence.

All strings are NFC (the loader normalizes again, as every input is)."""

# (family name, weight): the commonest Vietnamese family names, Nguyễn far ahead.
FAMILY_NAMES = [
    ("Nguyễn", 32), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Vũ", 5), ("Đặng", 4),
    ("Bùi", 4), ("Đỗ", 3), ("Ngô", 2), ("Dương", 2), ("Đào", 2), ("Đinh", 2), ("Phan", 2), ("Mai", 1),
    ("Lương", 1), ("Trịnh", 1), ("Lý", 1), ("Tô", 1), ("Cao", 1), ("Hà", 1), ("Lưu", 1), ("Đoàn", 1),
    ("Vương", 1), ("Nguyên", 1), ("Phùng", 1), ("Tạ", 1), ("Hồ", 1),
]  # fmt: skip

MALE_MIDDLE = [
    ("Văn", 40), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Hữu", 5), ("Công", 4), ("Xuân", 4),
    ("Thành", 4), ("Ngọc", 3), ("Mạnh", 3), ("Duy", 3), ("Tiến", 3), ("Trọng", 2), ("Hoàng", 2),
    ("Việt", 2), ("Đình", 3), ("Anh", 2), ("Thế", 2),
]  # fmt: skip
FEMALE_MIDDLE = [
    ("Thị", 45), ("Thu", 8), ("Ngọc", 6), ("Thanh", 6), ("Minh", 4), ("Phương", 4), ("Hồng", 4),
    ("Kim", 3), ("Thúy", 3), ("Hải", 2), ("Bích", 2), ("Diệu", 1), ("Khánh", 2), ("Mai", 2),
]  # fmt: skip
# A second middle name for some women ("Nguyễn Thị Thu Hằng").
FEMALE_SECOND_MIDDLE = ["Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Kim", "Hải"]

MALE_GIVEN = [
    "An", "Anh", "Bình", "Cường", "Chiến", "Công", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu",
    "Hùng", "Huy", "Hưng", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Mạnh", "Minh", "Nam", "Nguyên",
    "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung",
    "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Đăng", "Hoàng", "Hậu", "Tiến", "Đông",
]  # fmt: skip
FEMALE_GIVEN = [
    "Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hoa", "Hương", "Huyền",
    "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên",
    "Quỳnh", "Tâm", "Thảo", "Thơ", "Thủy", "Trang", "Trinh", "Tuyết", "Vân", "Yến", "Hằng", "Nguyệt",
    "Hồng", "Thu", "Lụa", "Nguyên",
]  # fmt: skip

ETHNICITIES = [
    ("Kinh", 955),
    ("Tày", 12),
    ("Mường", 10),
    ("Nùng", 6),
    ("Thái", 6),
    ("Hoa", 5),
    ("Sán Dìu", 3),
    ("Dao", 3),
]
RELIGIONS = [("Không", 92), ("Phật giáo", 5), ("Công giáo", 3)]

# (home province, weight, the 3-digit province code that opens a citizen identity number)
PROVINCES = [
    ("Hải Phòng", 56, "031"), ("Thái Bình", 10, "034"), ("Hải Dương", 8, "030"), ("Quảng Ninh", 5, "022"),
    ("Nam Định", 5, "036"), ("Hưng Yên", 4, "033"), ("Thanh Hóa", 4, "038"), ("Nghệ An", 3, "040"),
    ("Bắc Giang", 2, "024"), ("Ninh Bình", 2, "037"), ("Hà Nội", 1, "001"),
]  # fmt: skip

ENTERPRISE_QUALIFICATIONS = [
    "Kỹ sư điện tử", "Kỹ sư cơ khí", "Kỹ sư tự động hóa", "Kỹ sư công nghệ thông tin", "Cử nhân kế toán",
    "Cử nhân quản trị kinh doanh", "Cử nhân ngôn ngữ Hàn Quốc", "Cử nhân ngôn ngữ Nhật", "Cử nhân luật",
    "Cao đẳng điện công nghiệp", "Cao đẳng cơ khí chế tạo", "Trung cấp điện tử", "Trung cấp may thời trang",
    "Công nhân kỹ thuật", "Kỹ sư hóa học", "Cử nhân logistics", "Kỹ sư đóng tàu",
]  # fmt: skip
ENTERPRISE_JOBS = [
    ("Công nhân sản xuất", ""), ("Công nhân vận hành máy", "Tổ trưởng"), ("Kỹ thuật viên", ""),
    ("Kỹ sư", "Trưởng nhóm"), ("Nhân viên văn phòng", ""), ("Nhân viên nhân sự", "Trưởng phòng nhân sự"),
    ("Nhân viên kế toán", ""), ("Phiên dịch viên", ""), ("Công nhân sản xuất", "Trưởng ca"),
    ("Nhân viên kho vận", ""), ("Kỹ sư", "Phó Giám đốc nhà máy"), ("Nhân viên hành chính", "Chủ tịch công đoàn"),
    ("Công nhân kiểm tra chất lượng", ""), ("Kỹ sư", ""),
]  # fmt: skip
ADMIN_QUALIFICATIONS = [
    "Cử nhân kinh tế", "Cử nhân luật", "Thạc sĩ kinh tế", "Thạc sĩ quản lý công", "Kỹ sư xây dựng",
    "Cử nhân kinh tế đối ngoại", "Kỹ sư môi trường", "Cử nhân quản trị nhân lực", "Thạc sĩ luật",
    "Kiến trúc sư", "Cử nhân tài chính – ngân hàng",
]  # fmt: skip
ADMIN_JOBS = [
    ("Công chức", "Chuyên viên"), ("Công chức", "Chuyên viên chính"), ("Công chức", "Phó Trưởng phòng"),
    ("Công chức", "Trưởng phòng"), ("Viên chức", "Chuyên viên"), ("Viên chức", "Phó Giám đốc Trung tâm"),
    ("Công chức", "Phó Trưởng ban"), ("Công chức", "Chuyên viên"),
]  # fmt: skip

# Where members who leave go: party organizations outside the Committee (invented places are not needed:
# these are wards and communes, not people).
OUTSIDE_ORGANIZATIONS = [
    "Đảng bộ phường Đông Hải 1, quận Hải An", "Đảng bộ phường Đằng Lâm, quận Hải An",
    "Đảng bộ phường Lạch Tray, quận Ngô Quyền", "Đảng bộ phường An Biên, quận Lê Chân",
    "Đảng bộ xã Lê Thiện, huyện An Dương", "Đảng bộ thị trấn Núi Đèo, huyện Thủy Nguyên",
    "Đảng bộ xã Kiền Bái, huyện Thủy Nguyên", "Đảng bộ phường Ngọc Xuyên, quận Đồ Sơn",
    "Đảng bộ xã Đông Sơn, huyện Thủy Nguyên", "Đảng bộ phường Quán Trữ, quận Kiến An",
    "Đảng bộ xã Vũ Chính, thành phố Thái Bình", "Đảng bộ phường Cẩm Thượng, thành phố Hải Dương",
    "Đảng bộ xã Minh Đức, huyện Tiên Lãng", "Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng",
    "Đảng bộ Quân sự thành phố Hải Phòng", "Đảng bộ phường Hùng Vương, quận Hồng Bàng",
]  # fmt: skip

ZONES = [
    "Khu công nghiệp Nomura", "Khu công nghiệp Đình Vũ", "Khu công nghiệp Tràng Duệ",
    "Khu công nghiệp VSIP Hải Phòng", "Khu công nghiệp Deep C", "Khu công nghiệp An Dương",
    "Khu công nghiệp Nam Cầu Kiền", "Khu công nghiệp Đồ Sơn", "Khu kinh tế Đình Vũ – Cát Hải",
]  # fmt: skip

# Invented enterprise names by investor: (country, weight, first parts, second parts, trades, pattern)
INVESTORS = [
    (
        "Hàn Quốc", 40,
        ["Dae", "Han", "Seo", "Jin", "Sung", "Hyun", "Woo", "Kyung", "Yeon", "Hae", "Chang", "Eun", "Gwang", "Jae", "Tae"],
        ["won", "il", "sol", "bit", "dong", "kwang", "myung", "hwa", "seong", "rim", "jin", "san"],
        ["Electronics", "Precision", "Tech", "Materials", "Display", "Auto Parts", "Components", "Chemical"],
        "Công ty TNHH {a}{b} {t} Việt Nam",
    ),
    (
        "Nhật Bản", 22,
        ["Aoba", "Hikari", "Kitagawa", "Sakuragi", "Tsubasa", "Midorigawa", "Asahina", "Hoshino", "Shirane", "Yamabuki"],
        [""],
        ["Seiki", "Denshi", "Kogyo", "Giken", "Precision", "Wire Harness", "Electric", "Mold"],
        "Công ty TNHH {a} {t} Việt Nam",
    ),
    (
        "Trung Quốc", 14,
        ["Jinhua", "Longteng", "Huaxin", "Ruifeng", "Tianhe", "Hongyu", "Xinda", "Boyuan", "Kaixiang", "Mingtai"],
        [""],
        ["Industrial", "New Materials", "Textile", "Tyre", "Solar", "Furniture", "Cable"],
        "Công ty TNHH {a} {t} (Việt Nam)",
    ),
    (
        "Đài Loan (Trung Quốc)", 10,
        ["Hsinyu", "Chenfeng", "Yuanli", "Jiahong", "Fuyuan", "Tungshan", "Shengda"],
        [""],
        ["Plastics", "Footwear", "Metal", "Bicycle", "Electronic Materials"],
        "Công ty TNHH {a} {t} Việt Nam",
    ),
    (
        "Singapore", 4,
        ["Straitsbay", "Lionport", "Marinaview", "Keppelton"],
        [""],
        ["Logistics", "Engineering", "Packaging"],
        "Công ty TNHH {a} {t} Hải Phòng",
    ),
]  # fmt: skip

DOMESTIC_FIRST = [
    "Hải Thịnh Phát",
    "An Phú Hưng",
    "Minh Khang Long",
    "Tân Hải Đăng",
    "Việt Đông Hưng",
    "Hồng Hải An",
]
DOMESTIC_TRADE = ["Thương mại và Dịch vụ", "Cơ khí", "Logistics", "Bao bì", "Xây dựng và Thương mại"]

# Departments that name the subordinate cells of an enterprise's party committee.
FACTORY_UNITS = [
    "Khối Văn phòng", "Xưởng Sản xuất số 1", "Xưởng Sản xuất số 2", "Xưởng Sản xuất số 3", "Phòng Kỹ thuật",
    "Phòng Quản lý chất lượng", "Xưởng Lắp ráp", "Bộ phận Kho vận", "Xưởng Ép nhựa", "Xưởng SMT",
    "Phòng Hành chính – Nhân sự", "Xưởng Hoàn thiện", "Bộ phận Bảo trì", "Phòng Kế toán – Tài chính",
    "Bộ phận Xuất nhập khẩu", "Xưởng Đúc", "Xưởng Sơn", "Xưởng Sản xuất số 4",
]  # fmt: skip
PORT_UNITS = [
    "Đội Xếp dỡ số 1", "Đội Xếp dỡ số 2", "Đội Xếp dỡ số 3", "Kho bãi Container", "Đội Cơ giới",
    "Phòng Khai thác", "Phòng Kinh doanh", "Phòng Tài chính – Kế toán", "Đội Vận tải bộ", "Trung tâm Điều độ",
    "Văn phòng Công ty", "Đội Bảo vệ", "Xí nghiệp Dịch vụ hàng hải", "Đội Kiểm đếm", "Đội Sửa chữa",
    "Kho ngoại quan", "Đội Tàu lai dắt", "Đội Giao nhận", "Phòng Công nghệ thông tin", "Đội Cảng vụ nội bộ",
]  # fmt: skip
SHIPYARD_UNITS = [
    "Phân xưởng Vỏ tàu số 1", "Phân xưởng Vỏ tàu số 2", "Phân xưởng Vỏ tàu số 3", "Phân xưởng Máy tàu",
    "Phân xưởng Điện tàu", "Phân xưởng Ống", "Phân xưởng Trang trí", "Phân xưởng Sơn", "Phân xưởng Đà – Triền",
    "Phòng Kỹ thuật", "Phòng KCS", "Phòng Vật tư", "Phòng Kế hoạch – Sản xuất", "Văn phòng Tổng công ty",
    "Trung tâm Thiết kế", "Xí nghiệp Cơ khí", "Xí nghiệp Sửa chữa tàu", "Đội Bảo vệ – Phòng cháy",
]  # fmt: skip
