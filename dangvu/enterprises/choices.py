from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneKind(models.TextChoices):
    INDUSTRIAL = "industrial", _("Khu công nghiệp")
    ECONOMIC = "economic", _("Khu kinh tế")


class Ownership(models.TextChoices):
    FOREIGN = "foreign", _("100% vốn nước ngoài")
    JOINT_VENTURE = "joint_venture", _("Liên doanh")
    DOMESTIC_PRIVATE = "domestic_private", _("Tư nhân trong nước")
    STATE = "state", _("Nhà nước")


# Ownerships that need at least one foreign investor country, and those that may not have one.
FOREIGN_OWNERSHIPS = {Ownership.FOREIGN, Ownership.JOINT_VENTURE}
DOMESTIC_OWNERSHIPS = {Ownership.DOMESTIC_PRIVATE, Ownership.STATE}


class Industry(models.TextChoices):
    ELECTRONICS = "electronics", _("Điện tử, linh kiện điện tử")
    TEXTILES = "textiles", _("Dệt may")
    FOOTWEAR = "footwear", _("Da giày, túi xách")
    MECHANICAL = "mechanical", _("Cơ khí, chế tạo")
    AUTOMOTIVE = "automotive", _("Ô tô, phụ tùng")
    CHEMICALS = "chemicals", _("Hóa chất, nhựa, cao su")
    LOGISTICS = "logistics", _("Cảng biển, kho vận")
    FOOD = "food", _("Chế biến thực phẩm")
    BUILDING_MATERIALS = "building_materials", _("Vật liệu xây dựng")
    ENERGY = "energy", _("Năng lượng")
    PAPER_PACKAGING = "paper_packaging", _("Giấy, bao bì, gỗ")
    MEDICAL = "medical", _("Dược phẩm, thiết bị y tế")
    OTHER = "other", _("Ngành khác")


class EnterpriseStatus(models.TextChoices):
    LICENSED = "licensed", _("Được cấp phép đầu tư")
    BUILDING = "building", _("Đang xây dựng")
    OPERATING = "operating", _("Hoạt động ổn định")
    SUSPENDED = "suspended", _("Tạm ngừng hoạt động")
    CLOSED = "closed", _("Chấm dứt hoạt động")


class MassOrganizationKind(models.TextChoices):
    TRADE_UNION = "trade_union", _("Công đoàn")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên Cộng sản Hồ Chí Minh")
    YOUTH_FEDERATION = "youth_federation", _("Hội Liên hiệp Thanh niên")
    VETERANS = "veterans", _("Hội Cựu chiến binh")


class MassOrganizationLevel(models.TextChoices):
    # A grassroots organization stands in one enterprise or unit; the Zone's own organizations (the Trade
    # Union, Youth Union and Veterans' Association of the Economic Zone) gather them.
    GRASSROOTS = "grassroots", _("Cơ sở")
    ZONE = "zone", _("Cấp Khu kinh tế")


class Country(models.TextChoices):
    """Investor countries and territories by their ISO 3166-1 alpha-2 code."""

    VN = "VN", _("Việt Nam")
    JP = "JP", _("Nhật Bản")
    KR = "KR", _("Hàn Quốc")
    CN = "CN", _("Trung Quốc")
    TW = "TW", _("Đài Loan (Trung Quốc)")
    HK = "HK", _("Hồng Kông (Trung Quốc)")
    SG = "SG", _("Singapore")
    MY = "MY", _("Malaysia")
    TH = "TH", _("Thái Lan")
    ID = "ID", _("Indonesia")
    PH = "PH", _("Philippines")
    IN = "IN", _("Ấn Độ")
    US = "US", _("Hoa Kỳ")
    CA = "CA", _("Canada")
    MX = "MX", _("Mexico")
    BR = "BR", _("Brazil")
    AU = "AU", _("Úc")
    NZ = "NZ", _("New Zealand")
    GB = "GB", _("Vương quốc Anh")
    DE = "DE", _("Đức")
    FR = "FR", _("Pháp")
    NL = "NL", _("Hà Lan")
    BE = "BE", _("Bỉ")
    LU = "LU", _("Luxembourg")
    CH = "CH", _("Thụy Sĩ")
    AT = "AT", _("Áo")
    IT = "IT", _("Ý")
    ES = "ES", _("Tây Ban Nha")
    DK = "DK", _("Đan Mạch")
    SE = "SE", _("Thụy Điển")
    NO = "NO", _("Na Uy")
    FI = "FI", _("Phần Lan")
    PL = "PL", _("Ba Lan")
    CZ = "CZ", _("Séc")
    RU = "RU", _("Liên bang Nga")
    TR = "TR", _("Thổ Nhĩ Kỳ")
    IL = "IL", _("Israel")
    AE = "AE", _("Các Tiểu vương quốc Ả Rập Thống nhất")
    VG = "VG", _("Quần đảo Virgin thuộc Anh")
    KY = "KY", _("Quần đảo Cayman")
    BM = "BM", _("Bermuda")
    WS = "WS", _("Samoa")
    SC = "SC", _("Seychelles")
    MU = "MU", _("Mauritius")
    CY = "CY", _("Síp")
