"""Demo targets, ratings, emulation and commendations, added on top of the loaded demo (the demo loader calls
`load_targets_demo()` after `dangvu.demo.load.load_demo()`). Everything goes through `targets.services`.

What it adds, deterministically:
1. The City Committee's yearly targets for the Committee (article 001): 2023 — admit 173 members (175
   admitted = 101%) and found 9 organizations (9/9 = 100%); 2024 — admit 190 and found 11 (on 31/03/2024:
   96/190 = 50,5% and 2/11 = 18%). The progress is computed from the demo's records, never stored.
2. The term targets of the 4th Congress, 2020–2025 (article 002): each year at least 50 new members and 5–7
   new organizations (a minimum of 5 and an aim of 7).
3. The admission targets of 2023 and 2024 passed on to the organizations directly under the Committee, in
   proportion to what each admitted the year before (so the split adds up to at least the target).
4. The 2023 rating of the organizations directly under the Committee, and of the members of its largest
   grassroots cell, within the rules of 124-QĐ/TW (at most 20% of "good" rated "excellent").
5. The Committee's emulation criteria of 2023 (target completion, computed; two criteria scored by hand).
6. The commendations of the review conference of June 2024 (article 003): Giấy khen to 8 collectives and 20
   individuals for 15 years of Resolution 28-NQ/TU (2009–2024), and to 5 collectives and 10 individuals for
   Directive 05-CT/TW (2022–2024). Collectives are demo organizations, individuals demo members.

The articles name no document numbers for the targets or the commendations: the numbers below are the
demo's own, marked so in their notes.
"""

import datetime
import math
import random
from dataclasses import dataclass

from django.db import transaction

from dangvu.core.context import acting
from dangvu.figures.counting import Scope, flows, members_on, periods_on
from dangvu.figures.stats import root_organization
from dangvu.figures.targets import rating_day
from dangvu.members.models import Member
from dangvu.organizations.choices import OrganizationKind
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from . import services
from .choices import CriterionKind, Measure, PeriodKind, RatingLevel
from .models import Target

D = datetime.date
SEED = 20240615
CITY = "Ban Thường vụ Thành ủy Hải Phòng"
CONGRESS = "Đại hội đại biểu Đảng bộ Khu kinh tế Hải Phòng lần thứ IV, nhiệm kỳ 2020–2025"
DEMO_NUMBER = "Số văn bản giả định (dữ liệu mẫu)."
REVIEW_DAY = D(2024, 6, 14)
ISSUER = "Đảng ủy Khu kinh tế Hải Phòng"

# (measure, year, number, document number, document date)
YEAR_TARGETS = [
    (Measure.ADMISSIONS, 2023, 173, "12-TB/TU", D(2023, 1, 16)),
    (Measure.ORGANIZATIONS_FOUNDED, 2023, 9, "12-TB/TU", D(2023, 1, 16)),
    (Measure.ADMISSIONS, 2024, 190, "45-TB/TU", D(2024, 1, 22)),
    (Measure.ORGANIZATIONS_FOUNDED, 2024, 11, "45-TB/TU", D(2024, 1, 22)),
]
COMMENDATIONS = [
    (
        "86-QĐ/ĐU",
        "Tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc trong 15 năm thực hiện Nghị quyết số 28-NQ/TU "
        "của Ban Thường vụ Thành ủy về tăng cường công tác xây dựng tổ chức đảng, đoàn thể trong các doanh nghiệp "
        "ngoài khu vực nhà nước (giai đoạn 2009–2024)",
        8,
        20,
    ),
    (
        "87-QĐ/ĐU",
        "Tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc trong thực hiện Chỉ thị số 05-CT/TW của Bộ "
        "Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh (giai đoạn "
        "2022–2024)",
        5,
        10,
    ),
]


@dataclass
class TargetsDemoResult:
    targets: int
    parts: int
    ratings: int
    criteria: int
    decisions: int
    commended: int


def _split(target: Target, weights: dict[int, int], orgs: dict[int, Organization], acting_user):
    """Pass the target on in proportion to the weights (+1 each), rounded up: the parts add up to at least
    the target."""
    total = sum(w + 1 for w in weights.values())
    parts = [
        {"receiver": orgs[org_id], "number": math.ceil(target.number * (weight + 1) / total)}
        for org_id, weight in weights.items()
    ]
    return services.split_target(target, parts, acting_user=acting_user)


def _admissions_by_subordinate(history: History, root_id: int, year: int, subordinates) -> dict[int, int]:
    return {
        org_id: flows(history, org_id, D(year, 1, 1), D(year, 12, 31)).admitted for org_id in subordinates
    }


def _rate_organizations(root: Organization, year: int, history: History, acting_user) -> int:
    """The root's entry: its direct subordinates, best completion of their admission target first."""
    from dangvu.figures.targets import progress

    day = rating_day(year)
    subordinates = history.tree_on(day).direct_subordinates(root.pk)
    parts = {
        t.receiver_id: t
        for t in Target.objects.filter(parent__receiver=root, measure=Measure.ADMISSIONS, start=D(year, 1, 1))
    }

    def completion(org_id):
        part = parts.get(org_id)
        if part is None:
            return (0, org_id)
        item = progress(part, day, history)
        return (-(item.reached * 1000 // item.number), org_id)

    ordered = sorted(subordinates, key=completion)
    n = len(ordered)
    complete = min(4, n // 5)
    excellent = (n - complete) // 6  # at most 20% of those rated good
    levels = (
        [RatingLevel.EXCELLENT] * excellent
        + [RatingLevel.GOOD] * (n - complete - excellent)
        + [RatingLevel.COMPLETE] * complete
    )
    orgs = Organization.objects.in_bulk(ordered)
    entries = [
        {
            "organization": orgs[org_id],
            "level": level,
            "notes": "Đánh giá của Ban Thường vụ Đảng ủy (dữ liệu mẫu)",
        }
        for org_id, level in zip(ordered, levels, strict=True)
    ]
    services.record_ratings(root, year, entries, acting_user=acting_user, history=history)
    return len(entries)


def _rate_members(root: Organization, year: int, history: History, rng: random.Random, acting_user) -> int:
    """The members of the largest grassroots cell directly under the root (the core cell aside: its members
    pass through it)."""
    day = rating_day(year)
    tree = history.tree_on(day)
    cells = [
        org_id
        for org_id in tree.direct_subordinates(root.pk)
        if tree.states[org_id].kind == OrganizationKind.GRASSROOTS_CELL
        and not tree.states[org_id].is_core_cell
    ]
    if not cells:
        return 0

    def size(org_id):
        return periods_on(Scope(day, org_id, history)).filter(organization_id=org_id).count()

    cell = Organization.objects.get(pk=max(cells, key=lambda org_id: (size(org_id), -org_id)))
    members, _subordinates = services.subjects(cell, year, history)
    n = len(members)
    complete = n // 8
    excellent = (n - complete) // 6
    levels = (
        [RatingLevel.EXCELLENT] * excellent
        + [RatingLevel.GOOD] * (n - complete - excellent)
        + [RatingLevel.COMPLETE] * complete
    )
    rng.shuffle(levels)
    entries = [{"member": m, "level": level} for m, level in zip(members, levels, strict=True)]
    services.record_ratings(cell, year, entries, acting_user=acting_user, history=history)
    return len(entries)


def _emulation(root: Organization, year: int, history: History, rng: random.Random, acting_user) -> int:
    criteria = [
        services.create_criterion(
            {
                "owner": root,
                "year": year,
                "name": "Hoàn thành chỉ tiêu kết nạp đảng viên được giao",
                "kind": CriterionKind.TARGETS,
                "max_points": 40,
                "position": 1,
                "description": "Tính tự động: điểm tối đa × tỷ lệ hoàn thành chỉ tiêu (tối đa 100%).",
            },
            acting_user=acting_user,
        ),
        services.create_criterion(
            {
                "owner": root,
                "year": year,
                "name": "Chất lượng sinh hoạt chi bộ",
                "kind": CriterionKind.MANUAL,
                "max_points": 30,
                "position": 2,
            },
            acting_user=acting_user,
        ),
        services.create_criterion(
            {
                "owner": root,
                "year": year,
                "name": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                "kind": CriterionKind.MANUAL,
                "max_points": 30,
                "position": 3,
            },
            acting_user=acting_user,
        ),
    ]
    subordinates = Organization.objects.in_bulk(
        history.tree_on(rating_day(year)).direct_subordinates(root.pk)
    )
    for criterion in criteria[1:]:
        entries = [
            {
                "organization": org,
                "points": f"{rng.randint(200, 300) / 10:.1f}",
                "evidence": f"Báo cáo tổng kết năm {year} và biên bản kiểm tra của Đảng ủy (dữ liệu mẫu)",
            }
            for org in sorted(subordinates.values(), key=lambda o: o.pk)
        ]
        services.record_scores(criterion, entries, acting_user=acting_user, history=history)
    return len(criteria)


def _commendations(root: Organization, history: History, rng: random.Random, acting_user) -> tuple[int, int]:
    tree = history.tree_on(REVIEW_DAY)
    collectives_pool = sorted(tree.direct_subordinates(root.pk))
    members_pool = list(
        members_on(Scope(REVIEW_DAY, root.pk, history)).order_by("pk").values_list("pk", flat=True)
    )
    decisions = commended = 0
    for number, reason, collectives, individuals in COMMENDATIONS:
        orgs = Organization.objects.in_bulk(rng.sample(collectives_pool, collectives))
        people = Member.objects.in_bulk(rng.sample(members_pool, individuals))
        services.record_commendation(
            {
                "number": number,
                "date": REVIEW_DAY,
                "issuer": ISSUER,
                "form": "Giấy khen",
                "reason": reason,
                "note": "Hội nghị tổng kết 15 năm thực hiện Nghị quyết 28-NQ/TU, sơ kết 3 năm Kết luận 01-KL/TW. "
                + DEMO_NUMBER,
            },
            collectives=sorted(orgs.values(), key=lambda o: o.sort_key),
            individuals=sorted(people.values(), key=lambda m: m.sort_key),
            acting_user=acting_user,
            history=history,
        )
        decisions += 1
        commended += collectives + individuals
    return decisions, commended


@transaction.atomic
def load_targets_demo(*, acting_user=None, history: History | None = None) -> TargetsDemoResult:
    """Add the demo targets, ratings, emulation and commendations (module docstring) to the loaded demo."""
    history = history or History.load()
    root = root_organization(history)
    rng = random.Random(SEED)
    targets = parts = 0
    with acting(acting_user, source="demo"):
        created = {}
        for measure, year, number, document, day in YEAR_TARGETS:
            created[(measure, year)] = services.create_target(
                {
                    "assigner_name": CITY,
                    "receiver": root,
                    "measure": measure,
                    "period_kind": PeriodKind.YEAR,
                    "year": year,
                    "number": number,
                    "document_number": document,
                    "document_date": day,
                    "document_title": f"Giao chỉ tiêu công tác xây dựng Đảng năm {year}",
                    "note": DEMO_NUMBER,
                },
                acting_user=acting_user,
                history=history,
            )
            targets += 1
        for measure, number, aim in ((Measure.ADMISSIONS, 50, None), (Measure.ORGANIZATIONS_FOUNDED, 5, 7)):
            services.create_target(
                {
                    "assigner_name": CONGRESS,
                    "receiver": root,
                    "measure": measure,
                    "period_kind": PeriodKind.TERM,
                    "first_year": 2020,
                    "last_year": 2025,
                    "yearly": True,
                    "number": number,
                    "aim": aim,
                    "document_number": "01-NQ/ĐU",
                    "document_date": D(2020, 7, 20),
                    "document_title": "Nghị quyết Đại hội đại biểu Đảng bộ Khu kinh tế lần thứ IV",
                    "note": "Mỗi năm kết nạp ít nhất 50 đảng viên, thành lập 5–7 tổ chức cơ sở đảng trong doanh "
                    "nghiệp. " + DEMO_NUMBER,
                },
                acting_user=acting_user,
                history=history,
            )
            targets += 1
        for year in (2023, 2024):
            subordinates = history.tree_on(D(year, 1, 1)).direct_subordinates(root.pk)
            orgs = Organization.objects.in_bulk(subordinates)
            weights = _admissions_by_subordinate(history, root.pk, year - 1, subordinates)
            parts += len(_split(created[(Measure.ADMISSIONS, year)], weights, orgs, acting_user))
        ratings = _rate_organizations(root, 2023, history, acting_user)
        ratings += _rate_members(root, 2023, history, rng, acting_user)
        criteria = _emulation(root, 2023, history, rng, acting_user)
        decisions, commended = _commendations(root, history, rng, acting_user)
    return TargetsDemoResult(targets, parts, ratings, criteria, decisions, commended)
