"""Word lists for the invented enterprises of the demo and the zones of the Hai Phong Economic Zone."""

import re

from ..choices import Industry

ZONES = [
    # code, name, kind, weight
    ("NOMURA", "Khu công nghiệp Nomura", "industrial", 10),
    ("DINHVU", "Khu công nghiệp Đình Vũ", "industrial", 14),
    ("TRANGDUE", "Khu công nghiệp Tràng Duệ", "industrial", 12),
    ("VSIP", "Khu công nghiệp VSIP Hải Phòng", "industrial", 12),
    ("DEEPC", "Khu công nghiệp Deep C", "industrial", 10),
    ("ANDUONG", "Khu công nghiệp An Dương", "industrial", 8),
    ("NAMCAUKIEN", "Khu công nghiệp Nam Cầu Kiền", "industrial", 8),
    ("DOSON", "Khu công nghiệp Đồ Sơn", "industrial", 6),
    ("DVCH", "Khu kinh tế Đình Vũ – Cát Hải", "economic", 10),
]

# Trades in names, with their industry.
TRADES = [
    ("Electronics", Industry.ELECTRONICS),
    ("Display", Industry.ELECTRONICS),
    ("Components", Industry.ELECTRONICS),
    ("Wire Harness", Industry.ELECTRONICS),
    ("Precision", Industry.MECHANICAL),
    ("Machinery", Industry.MECHANICAL),
    ("Steel", Industry.MECHANICAL),
    ("Auto Parts", Industry.AUTOMOTIVE),
    ("Chemical", Industry.CHEMICALS),
    ("Plastics", Industry.CHEMICALS),
    ("Rubber", Industry.CHEMICALS),
    ("Textile", Industry.TEXTILES),
    ("Garment", Industry.TEXTILES),
    ("Footwear", Industry.FOOTWEAR),
    ("Packaging", Industry.PAPER_PACKAGING),
    ("Paper", Industry.PAPER_PACKAGING),
    ("Logistics", Industry.LOGISTICS),
    ("Foods", Industry.FOOD),
    ("Medical", Industry.MEDICAL),
    ("Solar", Industry.ENERGY),
    ("Building Materials", Industry.BUILDING_MATERIALS),
]
# Invented brands by investor country (syllables, so that a real company would be a coincidence):
# (country, weight, first parts, second parts, name pattern)
FOREIGN_STYLES = [
    ("KR", 30, ["Dae", "Han", "Seo", "Min", "Sung", "Hyun", "Woo", "Bo", "Yeon", "Do", "Chang", "Eun"],
     ["yang", "chon", "gil", "ho", "mun", "pyo", "ra", "sin", "ung", "hak"], "Công ty TNHH {brand} {trade} Việt Nam"),
    ("JP", 20, ["Shira", "Kaza", "Toki", "Minami", "Akebo", "Hana", "Kuro", "Mori", "Taka", "Yuki", "Oshi"],
     ["mori", "zono", "wa", "sawa", "no", "kawa", "yama", "shiro", "hara"], "Công ty TNHH {brand} {trade} Việt Nam"),
    ("CN", 13, ["Jin", "Hua", "Xin", "Rui", "Tian", "Hong", "Kai", "Ming", "Bao", "Sheng"],
     ["tai", "feng", "long", "yuan", "hui", "xiang", "rong", "cheng"], "Công ty TNHH {brand} {trade} (Việt Nam)"),
    ("TW", 8, ["Chen", "Yu", "Fu", "Tung", "Chia", "Wei", "Lien"], ["hsin", "li", "shan", "hong", "yi", "chuan"],
     "Công ty TNHH {brand} {trade} Việt Nam"),
    ("HK", 4, ["Lok", "Wing", "Kwai", "Tsun"], ["fat", "lee", "hing", "wah"], "Công ty TNHH {brand} {trade} (Việt Nam)"),
    ("SG", 5, ["Strait", "Harbour", "Lion", "Marina", "Orchid"], ["gate", "point", "field", "crest"],
     "Công ty TNHH {brand} {trade} Hải Phòng"),
    ("US", 3, ["North", "Blue", "Clear", "Iron"], ["ridge", "water", "brook", "stone"], "Công ty TNHH {brand} {trade} Việt Nam"),
    ("DE", 3, ["Rhein", "Berg", "Hoch", "Wald"], ["tal", "hof", "feld", "stein"], "Công ty TNHH {brand} {trade} Việt Nam"),
    ("TH", 2, ["Siam", "Chao", "Rattan"], ["phan", "kit", "wong"], "Công ty TNHH {brand} {trade} Việt Nam"),
    ("MY", 2, ["Seri", "Bukit", "Indah"], ["jaya", "mas", "raya"], "Công ty TNHH {brand} {trade} Việt Nam"),
    ("NL", 1, ["Zee", "Dijk"], ["land", "veld"], "Công ty TNHH {brand} {trade} Việt Nam"),
    ("WS", 2, ["Pacific", "Coral"], ["rise", "view"], "Công ty TNHH {brand} {trade} Việt Nam"),
]  # fmt: skip
DOMESTIC_TRADES = [
    ("Cơ khí", Industry.MECHANICAL),
    ("Bao bì", Industry.PAPER_PACKAGING),
    ("Kho vận", Industry.LOGISTICS),
    ("Thép", Industry.MECHANICAL),
    ("Nhựa", Industry.CHEMICALS),
    ("Thực phẩm", Industry.FOOD),
    ("Vật liệu xây dựng", Industry.BUILDING_MATERIALS),
    ("May mặc", Industry.TEXTILES),
    ("Cảng và Dịch vụ hàng hải", Industry.LOGISTICS),
]
DOMESTIC_FIRST = [
    "An",
    "Bảo",
    "Cát",
    "Gia",
    "Hưng",
    "Khang",
    "Lộc",
    "Ngọc",
    "Phúc",
    "Quang",
    "Tâm",
    "Vĩnh",
    "Xuân",
]
DOMESTIC_SECOND = ["Hải", "Long", "Phát", "Thành", "Tiến", "Lợi", "Sơn", "Đạt", "Khánh", "Nguyên", "Hòa"]
# Words of an organization's or enterprise's name that tell its industry.
INDUSTRY_WORDS = [
    (("display", "electronic", "denshi", "electric", "component", "wire", "cable", "smt", "tech"), Industry.ELECTRONICS),
    (("auto", "ô tô"), Industry.AUTOMOTIVE),
    (("footwear", "giày"), Industry.FOOTWEAR),
    (("textile", "garment", "may mặc", "dệt"), Industry.TEXTILES),
    (("tyre", "chemical", "plastic", "rubber", "materials", "nhựa"), Industry.CHEMICALS),
    (("solar", "energy", "năng lượng"), Industry.ENERGY),
    (("furniture", "packaging", "paper", "bao bì", "gỗ"), Industry.PAPER_PACKAGING),
    (("logistics", "cảng", "kho vận", "hàng hải"), Industry.LOGISTICS),
    (("food", "thực phẩm"), Industry.FOOD),
    (("medical", "dược", "y tế"), Industry.MEDICAL),
    (("seiki", "precision", "kogyo", "giken", "mold", "metal", "bicycle", "cơ khí", "đóng tàu", "machinery", "steel"),
     Industry.MECHANICAL),
]  # fmt: skip
ORG_PREFIX = re.compile(r"^(chi bộ|đảng bộ bộ phận|đảng bộ)\s+", re.IGNORECASE)
ENTERPRISE_WORDS = ("công ty", "tổng công ty", "xí nghiệp", "nhà máy", "chi nhánh")
