"""The organization history of the demo: the Party Committee of the Hai Phong Economic Zone, 1994 – 06/2024.

Taken from the seed articles (facts, not sentences): founded 10/1994 as the cell of the Export Processing
Zones Board under the City Agencies Bloc Committee; a grassroots committee from 2003; renamed in 2008; under
the City Committee from 28/01/2010 with 11 cells; enterprise cells only after Resolution 28-NQ/TU
(10/11/2009); upgraded to an upper-grassroots committee in 01/2022, when enterprise party organizations were
handed over to it. Everything else — names, exact days, which enterprise founded a cell when — is invented,
chosen so that the records give exactly the figures of ../shared/domain/figures.md (see `plan.py` for the
arithmetic). Organizations are named by code here; the loader turns codes into organizations.
"""

import datetime
import random
from dataclasses import dataclass, field

from dangvu.organizations.choices import EnterpriseKind, OrganizationEventKind, OrganizationKind, Sector

from . import names

D = datetime.date
Kind = OrganizationKind
Event = OrganizationEventKind

ROOT = "KKT"
CORE = "NC"
BLOC = "Đảng ủy Khối các cơ quan thành phố"
CITY = "Thành ủy Hải Phòng"
ENTERPRISE_BLOC = "Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng"
UPGRADE = D(2022, 1, 14)


@dataclass
class Enterprise:
    name: str
    investor: str  # country of the investor, "" for a domestic enterprise
    zone: str
    kind: str  # EnterpriseKind
    units: list[str] = field(default_factory=list)  # departments that name its subordinate cells


@dataclass
class Source:
    """Where the members of a new organization come from on its founding day.

    outside: `count` transfer in from party organizations outside the Committee; received: `count` come
    with an organization handed over by another committee; core: `count` move from the core cell;
    from: `share` of the members of organization `code` move; split: all members of `code` are shared out
    among the organizations of the decision that split it; sibling: `share` of the members of the largest
    cell under the same parent move."""

    how: str
    count: int = 0
    code: str = ""
    share: float = 0.0


@dataclass
class FoundSpec:
    code: str
    name: str
    kind: str
    sector: str
    parent: str | None
    enterprise: Enterprise | None = None
    external_parent: str = ""
    is_core_cell: bool = False
    received: bool = False
    staff: list[Source] = field(default_factory=list)
    weight: float = 1.0  # how many of the admissions of its sector it attracts

    @property
    def enterprise_kind(self) -> str:
        return self.enterprise.kind if self.enterprise else ""


@dataclass
class ChangeSpec:
    code: str
    event_kind: str
    name: str | None = None
    org_kind: str | None = None
    parent: str | None = None
    parent_changed: bool = False
    external_parent: str | None = None


@dataclass
class EndSpec:
    """Merged: the members move into `into` first. Dissolved: `to_core` of them move to the core cell, the
    others transfer out of the Committee with their jobs."""

    code: str
    event_kind: str
    into: str | None = None
    to_core: float = 0.0


@dataclass
class DecisionSpec:
    date: datetime.date
    issuer: str  # ĐUK (the Bloc Committee), ĐU (the Committee), TU (the City Committee)
    changes: list
    note: str = ""
    received_from: str = ""
    # The upgrade of 01/2022: every subordinate cell directly under the root becomes a grassroots cell.
    cells_become_grassroots: bool = False


class Enterprises:
    """Invented enterprises, each name used once."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.zones = list(names.ZONES)

    def foreign(self, units=None) -> Enterprise:
        rng = self.rng
        countries = [row[0] for row in names.INVESTORS]
        weights = [row[1] for row in names.INVESTORS]
        while True:
            country, _w, firsts, seconds, trades, pattern = names.INVESTORS[
                countries.index(rng.choices(countries, weights)[0])
            ]
            name = pattern.format(a=rng.choice(firsts), b=rng.choice(seconds), t=rng.choice(trades))
            if name not in self.used:
                break
        self.used.add(name)
        return Enterprise(name, country, rng.choice(self.zones), EnterpriseKind.FOREIGN_INVESTED, units or [])

    def domestic(self, name: str, kind: str, zone: str, units: list[str]) -> Enterprise:
        self.used.add(name)
        return Enterprise(name, "", zone, kind, units)


def _on(rng: random.Random, year: int, month: int, first: int = 2, last: int = 27) -> datetime.date:
    return D(year, month, rng.randint(first, last))


def _cell_of(enterprise: Enterprise) -> str:
    return f"Chi bộ {enterprise.name}"


def _committee_of(enterprise: Enterprise) -> str:
    return f"Đảng bộ {enterprise.name}"


def _note(enterprise: Enterprise | None) -> str:
    if enterprise is None:
        return ""
    investor = f"; nhà đầu tư {enterprise.investor}" if enterprise.investor else ""
    return f"{enterprise.zone}{investor}"


def organization_history(rng: random.Random, ent: Enterprises | None = None) -> list[DecisionSpec]:
    """Every decision that shaped the tree, in date order (same-day decisions in the order given)."""
    ent = ent or Enterprises(rng)
    decisions: list[DecisionSpec] = []

    def decide(day, issuer, changes, note="", **extra):
        decisions.append(DecisionSpec(day, issuer, changes, note, **extra))

    def enterprise_cell(code, day, parent, staff, weight=1.0, enterprise=None):
        # Directly under the root: a subordinate cell of the grassroots committee, a grassroots cell after 2022.
        kind = Kind.GRASSROOTS_CELL if day >= UPGRADE else Kind.SUBORDINATE_CELL
        enterprise = enterprise or ent.foreign()
        spec = FoundSpec(code, _cell_of(enterprise), kind, Sector.ENTERPRISE, parent, enterprise, staff=staff)
        spec.weight = weight
        decide(day, "ĐU", [spec], _note(enterprise))
        return enterprise

    def unit_cell(code, day, parent, enterprise, unit, staff, kind=Kind.SUBORDINATE_CELL, issuer="ĐU"):
        spec = FoundSpec(code, f"Chi bộ {unit}", kind, Sector.ENTERPRISE, parent, enterprise, staff=staff)
        decide(day, issuer, [spec], _note(enterprise))

    admin = Sector.ADMINISTRATIVE
    # 1994 – 2009: the Board's own cell, then its committee with cells of the Board's departments.
    decide(
        D(1994, 10, 20),
        "ĐUK",
        [
            FoundSpec(
                ROOT, "Chi bộ Ban Quản lý các Khu chế xuất Hải Phòng", Kind.GRASSROOTS_CELL, admin, None,
                external_parent=BLOC, staff=[Source("outside", 5)],
            )
        ],
    )  # fmt: skip
    departments = [
        ("CQ01", "Chi bộ Văn phòng Ban Quản lý"),
        ("CQ02", "Chi bộ Phòng Quản lý doanh nghiệp"),
        ("CQ03", "Chi bộ Phòng Quản lý đầu tư"),
        ("CQ04", "Chi bộ Phòng Quy hoạch và Xây dựng"),
    ]
    decide(
        D(2003, 7, 15),
        "ĐUK",
        [
            ChangeSpec(
                ROOT, Event.CHANGED_KIND, name="Đảng bộ Ban Quản lý các Khu chế xuất và công nghiệp Hải Phòng",
                org_kind=Kind.GRASSROOTS_COMMITTEE,
            ),
            *[FoundSpec(c, n, Kind.SUBORDINATE_CELL, admin, ROOT, staff=[Source("split", code=ROOT)]) for c, n in departments],
        ],
    )  # fmt: skip
    decide(
        D(2005, 9, 8),
        "ĐU",
        [
            FoundSpec("CQ05", "Chi bộ Trung tâm Dịch vụ khu công nghiệp", Kind.SUBORDINATE_CELL, admin, ROOT,
                      staff=[Source("outside", 3), Source("from", code="CQ01", share=0.2)]),
            FoundSpec("CQ06", "Chi bộ Phòng Quản lý lao động", Kind.SUBORDINATE_CELL, admin, ROOT,
                      staff=[Source("outside", 2), Source("from", code="CQ02", share=0.3)]),
        ],
    )  # fmt: skip
    decide(
        D(2008, 5, 20),
        "ĐUK",
        [ChangeSpec(ROOT, Event.RENAMED, name="Đảng bộ Ban Quản lý Khu kinh tế Hải Phòng")],
    )
    decide(
        D(2008, 8, 12),
        "ĐU",
        [
            FoundSpec(code, name, Kind.SUBORDINATE_CELL, admin, ROOT, staff=[Source("outside", 3), Source("sibling", share=0.2)])
            for code, name in [
                ("CQ07", "Chi bộ Phòng Tài nguyên và Môi trường"),
                ("CQ08", "Chi bộ Ban Quản lý dự án"),
                ("CQ09", "Chi bộ Phòng Xúc tiến đầu tư"),
            ]
        ],
    )  # fmt: skip
    # After Resolution 28-NQ/TU (10/11/2009): the first cells in enterprises.
    enterprise_cell("DN01", D(2009, 12, 10), ROOT, [Source("outside", 4)])
    enterprise_cell("DN02", D(2009, 12, 22), ROOT, [Source("outside", 4)])
    decide(
        D(2010, 1, 28),
        "TU",
        [
            ChangeSpec(ROOT, Event.MOVED, name="Đảng bộ Khu kinh tế Hải Phòng", parent=None, parent_changed=True,
                       external_parent=CITY)
        ],
    )  # fmt: skip

    # 2010 – 2017: few enterprise cells; the Board's cells regrouped under a section committee; the core cell.
    enterprise_cell("DN03", _on(rng, 2011, 5), ROOT, [Source("outside", 4)])
    big = enterprise_cell("DN04", _on(rng, 2012, 4), ROOT, [Source("outside", 4)], weight=3.0)
    big.units = list(names.FACTORY_UNITS)
    rng.shuffle(big.units)
    enterprise_cell("DN05", _on(rng, 2013, 6), ROOT, [Source("outside", 3)])
    enterprise_cell("DN06", _on(rng, 2014, 9), ROOT, [Source("outside", 3)])
    regroup = D(2015, 6, 18)
    decide(
        regroup,
        "ĐU",
        [
            EndSpec("CQ06", Event.MERGED, into="CQ02"),
            EndSpec("CQ07", Event.MERGED, into="CQ04"),
            EndSpec("CQ08", Event.MERGED, into="CQ03"),
            EndSpec("CQ09", Event.MERGED, into="CQ01"),
        ],
    )
    decide(
        regroup,
        "ĐU",
        [FoundSpec("CQ", "Đảng bộ bộ phận Cơ quan Ban Quản lý Khu kinh tế Hải Phòng", Kind.SECTION_COMMITTEE, admin, ROOT)],
    )  # fmt: skip
    decide(
        regroup,
        "ĐU",
        [
            ChangeSpec(c, Event.MOVED, parent="CQ", parent_changed=True)
            for c in ("CQ01", "CQ02", "CQ03", "CQ04")
        ],
    )
    core = FoundSpec(
        CORE, "Chi bộ nòng cốt Công đoàn – Doanh nghiệp", Kind.SUBORDINATE_CELL, Sector.ENTERPRISE, ROOT,
        is_core_cell=True, staff=[Source("outside", 5)], weight=2.0,
    )  # fmt: skip
    decide(D(2016, 3, 3), "ĐU", [core], "Tập hợp đảng viên làm việc ở các doanh nghiệp chưa có tổ chức đảng")
    enterprise_cell("DN08", _on(rng, 2016, 9), ROOT, [Source("outside", 3)])
    enterprise_cell("DN09", _on(rng, 2017, 5), ROOT, [Source("outside", 4)])

    # 2018 – 10/09/2022: 32 organizations founded, 16 of them by members moving out of the core cell.
    core_months = [
        (2018, 3), (2018, 7), (2018, 11), (2019, 2), (2019, 6), (2019, 10), (2020, 1), (2020, 5), (2020, 9),
        (2020, 12), (2021, 3), (2021, 7), (2021, 11), (2022, 2), (2022, 5), (2022, 8),
    ]  # fmt: skip
    core_sizes = _composition(rng, 86, len(core_months), low=4, high=8)
    for number, ((year, month), size) in enumerate(zip(core_months, core_sizes, strict=True)):
        code = f"DN{10 + number:02d}"
        weight = 6.0 if code == "DN14" else 1.0
        staff = [Source("core", size)] + ([Source("outside", 1)] if rng.random() < 0.4 else [])
        enterprise = enterprise_cell(code, _on(rng, year, month), ROOT, staff, weight=weight)
        if code == "DN14":
            grown = enterprise
            grown.units = list(names.FACTORY_UNITS)
            rng.shuffle(grown.units)
    enterprise_cell("DN26", _on(rng, 2018, 9), ROOT, [Source("outside", 4)])
    section_day = D(2019, 4, 16)
    decide(
        section_day,
        "ĐU",
        [
            FoundSpec(
                "DB01", f"Đảng bộ bộ phận {big.name}", Kind.SECTION_COMMITTEE, Sector.ENTERPRISE, ROOT, big
            )
        ],
        _note(big),
    )
    decide(
        section_day,
        "ĐU",
        [
            ChangeSpec("DN04", Event.MOVED, name=f"Chi bộ {big.units[0]}", parent="DB01", parent_changed=True),
            FoundSpec("DB01-01", f"Chi bộ {big.units[1]}", Kind.SUBORDINATE_CELL, Sector.ENTERPRISE, "DB01", big,
                      staff=[Source("from", code="DN04", share=0.3)]),
            FoundSpec("DB01-02", f"Chi bộ {big.units[2]}", Kind.SUBORDINATE_CELL, Sector.ENTERPRISE, "DB01", big,
                      staff=[Source("from", code="DN04", share=0.3)]),
        ],
        _note(big),
    )  # fmt: skip
    section_cells = [(2020, 3), (2020, 6), (2020, 10), (2021, 4), (2021, 9), (2021, 12), (2022, 4), (2022, 6)]
    for number, (year, month) in enumerate(section_cells):
        unit = big.units[3 + number]
        unit_cell(f"DB01-{3 + number:02d}", _on(rng, year, month), "DB01", big, unit,
                  [Source("sibling", share=0.3), Source("outside", 1)])  # fmt: skip
    decide(_on(rng, 2019, 10), "ĐU", [EndSpec("DN03", Event.DISSOLVED, to_core=0.5)], "Doanh nghiệp giải thể")
    decide(
        _on(rng, 2020, 8),
        "ĐU",
        [EndSpec("DN06", Event.DISSOLVED, to_core=0.4)],
        "Doanh nghiệp ngừng hoạt động",
    )
    decide(
        _on(rng, 2021, 6),
        "ĐU",
        [EndSpec("DN26", Event.DISSOLVED, to_core=0.5)],
        "Doanh nghiệp chuyển địa điểm",
    )

    # 01/2022: the upgrade, in one decision of the City Committee.
    decide(
        UPGRADE,
        "TU",
        [
            ChangeSpec(ROOT, Event.CHANGED_KIND, name="Đảng ủy Khu kinh tế Hải Phòng", org_kind=Kind.UPPER_COMMITTEE),
            ChangeSpec("CQ", Event.CHANGED_KIND, name="Đảng bộ Cơ quan Ban Quản lý Khu kinh tế Hải Phòng",
                       org_kind=Kind.GRASSROOTS_COMMITTEE),
            ChangeSpec("DB01", Event.CHANGED_KIND, name=_committee_of(big), org_kind=Kind.GRASSROOTS_COMMITTEE),
        ],
        "Nâng cấp thành Đảng ủy cấp trên trực tiếp của tổ chức cơ sở đảng, trực thuộc Thành ủy",
        cells_become_grassroots=True,
    )  # fmt: skip
    # Handed over by the Enterprise Bloc Committee: a port company's committee with its cells, and one cell.
    port = ent.domestic(
        "Công ty Cổ phần Cảng và Logistics Tân Hải Đăng", EnterpriseKind.DOMESTIC_PRIVATE,
        "Khu kinh tế Đình Vũ – Cát Hải", list(names.PORT_UNITS),
    )  # fmt: skip
    handover = D(2022, 3, 15)
    lone = ent.foreign()
    decide(
        handover,
        "TU",
        [
            FoundSpec("DB02", _committee_of(port), Kind.GRASSROOTS_COMMITTEE, Sector.ENTERPRISE, ROOT, port, received=True),
            FoundSpec("DN27", _cell_of(lone), Kind.GRASSROOTS_CELL, Sector.ENTERPRISE, ROOT, lone, received=True,
                      staff=[Source("received", rng.randint(7, 10))]),
        ],
        "Tiếp nhận từ Đảng ủy Khối Doanh nghiệp thành phố",
        received_from=ENTERPRISE_BLOC,
    )  # fmt: skip
    decide(
        handover,
        "TU",
        [
            FoundSpec(f"DB02-{n + 1:02d}", f"Chi bộ {port.units[n]}", Kind.SUBORDINATE_CELL, Sector.ENTERPRISE, "DB02",
                      port, received=True, staff=[Source("received", rng.randint(8, 13))], weight=1.2)
            for n in range(11)
        ],
        "Tiếp nhận từ Đảng ủy Khối Doanh nghiệp thành phố",
        received_from=ENTERPRISE_BLOC,
    )  # fmt: skip
    for number, (year, month) in enumerate(
        [(2022, 5), (2022, 6), (2022, 7), (2022, 8), (2022, 10), (2022, 12)]
    ):
        unit_cell(f"DB02-{12 + number:02d}", _on(rng, year, month), "DB02", port, port.units[11 + number],
                  [Source("sibling", share=0.3), Source("outside", 1)], issuer="ĐU")  # fmt: skip

    # 2023 – 06/2024.
    decide(
        D(2023, 3, 10),
        "ĐU",
        [
            ChangeSpec("DN14", Event.CHANGED_KIND, name=_committee_of(grown), org_kind=Kind.GRASSROOTS_COMMITTEE),
            *[
                FoundSpec(f"DN14-{n + 1:02d}", f"Chi bộ {grown.units[n]}", Kind.SUBORDINATE_CELL, Sector.ENTERPRISE,
                          "DN14", grown, staff=[Source("split", code="DN14")])
                for n in range(3)
            ],
        ],
        _note(grown),
    )  # fmt: skip
    unit_cell("DB01-11", _on(rng, 2023, 4), "DB01", big, big.units[11], [Source("sibling", share=0.3)])
    unit_cell("DB02-18", _on(rng, 2023, 5), "DB02", port, port.units[17], [Source("sibling", share=0.3)])
    decide(_on(rng, 2023, 5), "ĐU", [EndSpec("DN11", Event.DISSOLVED, to_core=0.6)], "Doanh nghiệp giải thể")
    unit_cell("DB01-12", _on(rng, 2023, 6), "DB01", big, big.units[12], [Source("sibling", share=0.3)])
    yard = ent.domestic(
        "Tổng công ty Cơ khí và Đóng tàu Hải Thịnh", EnterpriseKind.STATE_OWNED, "Khu công nghiệp Nam Cầu Kiền",
        list(names.SHIPYARD_UNITS),
    )  # fmt: skip
    second_handover = D(2023, 7, 3)
    decide(
        second_handover,
        "TU",
        [FoundSpec("DB03", _committee_of(yard), Kind.GRASSROOTS_COMMITTEE, Sector.ENTERPRISE, ROOT, yard, received=True)],
        "Tiếp nhận từ Đảng ủy Khối Doanh nghiệp thành phố",
        received_from=ENTERPRISE_BLOC,
    )  # fmt: skip
    decide(
        second_handover,
        "TU",
        [
            FoundSpec(f"DB03-{n + 1:02d}", f"Chi bộ {yard.units[n]}", Kind.SUBORDINATE_CELL, Sector.ENTERPRISE, "DB03",
                      yard, received=True, staff=[Source("received", rng.randint(8, 14))], weight=1.2)
            for n in range(16)
        ],
        "Tiếp nhận từ Đảng ủy Khối Doanh nghiệp thành phố",
        received_from=ENTERPRISE_BLOC,
    )  # fmt: skip
    unit_cell("DB03-17", _on(rng, 2023, 10), "DB03", yard, yard.units[16], [Source("sibling", share=0.3)])
    decide(
        _on(rng, 2023, 10), "ĐU", [EndSpec("DB02-05", Event.MERGED, into="DB02-04")], "Hợp nhất hai chi bộ"
    )
    unit_cell("DN14-04", _on(rng, 2023, 11), "DN14", grown, grown.units[3], [Source("sibling", share=0.3)])
    enterprise_cell("DN28", _on(rng, 2023, 12), ROOT, [Source("core", 4), Source("outside", 1)])
    enterprise_cell("DN29", _on(rng, 2024, 2), ROOT, [Source("core", 4)])
    unit_cell("DB02-19", _on(rng, 2024, 3), "DB02", port, port.units[18], [Source("sibling", share=0.3)])
    enterprise_cell("DN30", _on(rng, 2024, 5), ROOT, [Source("core", 4), Source("outside", 1)])

    decisions.sort(key=lambda d: d.date)  # stable: same-day decisions keep their order
    return decisions


def _composition(rng: random.Random, total: int, parts: int, *, low: int, high: int) -> list[int]:
    """`parts` whole numbers in [low, high] that add up to `total`."""
    sizes = [low] * parts
    while sum(sizes) < total:
        index = rng.randrange(parts)
        if sizes[index] < high:
            sizes[index] += 1
    return sizes
