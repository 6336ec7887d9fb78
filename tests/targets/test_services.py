"""The actions of dangvu.targets: what they refuse (with the reason, nothing written) and what they write
(with its audit entry)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.models import AuditEntry, RuleValue
from dangvu.figures.ratings import rating_summary
from dangvu.figures.targets import ranking
from dangvu.inspection.services import record_discipline
from dangvu.targets import services
from dangvu.targets.choices import CriterionKind, Measure, PeriodKind, RatingLevel
from dangvu.targets.models import Commendation, EmulationScore, QualityRating, Target
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db

E, G, C = RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETE


def target_data(committee, **extra):
    return {
        "assigner_name": "Ban Thường vụ Thành ủy",
        "receiver": committee.root,
        "measure": Measure.ADMISSIONS,
        "period_kind": PeriodKind.YEAR,
        "year": 2024,
        "number": 8,
        "document_number": "45-TB/TU",
        "document_date": D(2024, 1, 22),
        **extra,
    }


def messages(error: ValidationError) -> str:
    return " ".join(m for ms in error.message_dict.values() for m in ms)


# Targets ---------------------------------------------------------------------------------------------------


def test_create_target_writes_it_with_its_audit_entry(committee):
    before = AuditEntry.objects.count()
    target = services.create_target(target_data(committee))
    assert (target.start, target.end, target.assigned_by) == (
        D(2024, 1, 1),
        D(2024, 12, 31),
        "Ban Thường vụ Thành ủy",
    )
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.kind == "create" and entry.object_type == "targets.Target" and entry.after["number"] == 8


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"assigner_name": ""}, "assigner", "Ghi cấp giao"),
        ({"document_number": ""}, "document_number", "văn bản giao"),
        ({"number": 0}, "number", "từ 1 trở lên"),
        ({"aim": 3}, "aim", "không được thấp hơn"),
        ({"year": None, "period_kind": PeriodKind.DATES}, "start", "ngày bắt đầu"),
        ({"yearly": True}, "yearly", "nhiệm kỳ"),
        ({"year": 2000}, "receiver", "không hoạt động"),
    ],
)
def test_create_target_refuses_with_the_reason(committee, changes, field, words):
    data = target_data(committee, **changes)
    if field == "receiver":
        data["receiver"] = committee.n  # founded 01/02/2024
    with pytest.raises(ValidationError) as raised:
        services.create_target(data)
    assert field in raised.value.message_dict
    assert words in messages(raised.value)
    assert not Target.objects.exists()


def test_an_assigner_inside_the_tree_must_be_above_the_receiver(committee):
    services.create_target(
        target_data(committee, assigner_name="", assigner=committee.root, receiver=committee.a)
    )
    with pytest.raises(ValidationError) as raised:
        services.create_target(
            target_data(committee, assigner_name="", assigner=committee.a, receiver=committee.c)
        )
    assert "không trực thuộc" in messages(raised.value)


def test_the_same_target_twice_is_refused(committee):
    services.create_target(target_data(committee))
    with pytest.raises(ValidationError) as raised:
        services.create_target(target_data(committee, number=9))
    assert "đã có chỉ tiêu" in messages(raised.value)


def test_split_is_checked_against_the_parent(committee):
    target = services.create_target(target_data(committee))
    # Below the target: refused with the reason, nothing written.
    with pytest.raises(ValidationError) as raised:
        services.split_target(
            target, [{"receiver": committee.a, "number": 3}, {"receiver": committee.c, "number": 4}]
        )
    assert "(7) thấp hơn chỉ tiêu được giao (8)" in messages(raised.value)
    assert not target.parts.exists()
    # Not under the receiver, the receiver itself, twice.
    other_root = f.root(code="OTHER")
    for parts, words in (
        ([{"receiver": other_root, "number": 8}], "không trực thuộc"),
        ([{"receiver": committee.root, "number": 8}], "không trực thuộc"),
        ([{"receiver": committee.a, "number": 4}, {"receiver": committee.a, "number": 4}], "hai lần"),
    ):
        with pytest.raises(ValidationError) as raised:
            services.split_target(target, parts)
        assert words in messages(raised.value)
    # A cell under a section of the receiver may take a part too; the parts inherit measure and period.
    parts = services.split_target(
        target, [{"receiver": committee.a, "number": 5}, {"receiver": committee.c1, "number": 3}]
    )
    assert sorted((p.receiver.code, p.number) for p in parts) == [("CB-A", 5), ("CB-C1", 3)]
    assert all(
        (p.measure, p.start, p.end, p.assigner) == (target.measure, target.start, target.end, committee.root)
        for p in parts
    )
    # Splitting again replaces the split: CB-C1 left out is removed.
    services.split_target(
        target, [{"receiver": committee.a, "number": 5}, {"receiver": committee.c, "number": 3}]
    )
    assert sorted(target.parts.values_list("receiver__code", flat=True)) == ["CB-A", "DB-C"]
    # The target's number cannot go above what was split, nor a part below it.
    with pytest.raises(ValidationError):
        services.update_target(target, {"number": 9})
    with pytest.raises(ValidationError):
        services.update_target(target.parts.get(receiver=committee.a), {"number": 4})
    services.update_target(target.parts.get(receiver=committee.a), {"number": 6})
    # A split target keeps its measure.
    with pytest.raises(ValidationError) as raised:
        services.update_target(target, {"measure": Measure.ORGANIZATIONS_FOUNDED})
    assert "xóa phân bổ" in messages(raised.value)


def test_the_split_rule_is_configurable(committee):
    RuleValue.objects.create(key="targets.split_at_least_parent", value=False, valid_from=D(2024, 1, 1))
    target = services.create_target(target_data(committee))
    services.split_target(target, [{"receiver": committee.a, "number": 2}])
    assert target.parts.count() == 1


def test_delete_target_removes_its_parts_with_audit(committee):
    target = services.create_target(target_data(committee))
    services.split_target(target, [{"receiver": committee.a, "number": 8}])
    before = AuditEntry.objects.count()
    services.delete_target(target)
    assert not Target.objects.exists()
    assert AuditEntry.objects.count() == before + 2


# Ratings ---------------------------------------------------------------------------------------------------


def rate(unit, year, levels, members, **extra):
    return services.record_ratings(
        unit,
        year,
        [{"member": m, "level": level, **extra} for m, level in zip(members, levels, strict=False)],
    )


def test_rating_entry_refuses_a_summary_that_breaks_the_cap(committee):
    members = committee.old  # ten members of CB-A since 2015
    # 5 good allow 1 excellent (20% of 5); 2 excellent break the cap.
    with pytest.raises(ValidationError) as raised:
        rate(committee.a, 2023, [E, E, G, G, G, G, G, C, C, C], members)
    text = messages(raised.value)
    assert "vượt mức tối đa 20% của số xếp loại “Hoàn thành tốt nhiệm vụ” (5), tức 1 đảng viên" in text
    assert "124-QĐ/TW" in text and "theo cấu hình" in text
    assert not QualityRating.objects.exists()
    written = rate(committee.a, 2023, [E, G, G, G, G, G, C, C, C, C], members)
    assert len(written) == 10
    # The entry is checked as a whole: one more excellent later is refused too.
    with pytest.raises(ValidationError):
        services.record_ratings(committee.a, 2023, [{"member": members[1], "level": E}])
    summary = rating_summary(committee.root.pk, 2023)
    assert summary.members.by_level == {"excellent": 1, "good": 5, "complete": 4}
    assert summary.members.share("excellent") == Decimal("10.0")
    assert summary.regulation == "124-QĐ/TW"


def test_the_cap_is_a_dated_setting(committee):
    RuleValue.objects.create(
        key="rating.excellent_cap",
        value={"percent": 50, "of": "good"},
        valid_from=D(2023, 1, 1),
        source="test",
    )
    rate(committee.a, 2023, [E, E, G, G, G, G, G], committee.old)


def test_collectives_are_capped_separately(committee):
    # ROOT rates CB-A, DB-C, CB-N on 31/12/2024: one excellent needs at least five good.
    with pytest.raises(ValidationError) as raised:
        services.record_ratings(
            committee.root,
            2024,
            [
                {"organization": committee.a, "level": E},
                {"organization": committee.c, "level": G},
                {"organization": committee.n, "level": G},
            ],
        )
    assert "tổ chức" in messages(raised.value)
    # DB-C's cell is not directly under ROOT.
    with pytest.raises(ValidationError) as raised:
        services.record_ratings(committee.root, 2024, [{"organization": committee.c1, "level": G}])
    assert "không trực thuộc" in messages(raised.value)


def test_a_member_of_another_organization_is_refused(committee):
    with pytest.raises(ValidationError) as raised:
        services.record_ratings(committee.c1, 2023, [{"member": committee.old[0], "level": G}])
    assert "không sinh hoạt tại" in messages(raised.value)


def test_a_member_disciplined_in_the_year_is_rated_complete_at_most(committee):
    member = committee.old[0]
    record_discipline(
        member,
        form="reprimand",
        date=D(2023, 5, 1),
        decision_number="1-QĐ/UBKT",
        issuer="UBKT",
        reason="Vi phạm",
    )
    with pytest.raises(ValidationError) as raised:
        services.record_ratings(committee.a, 2023, [{"member": member, "level": G}])
    assert "bị thi hành kỷ luật trong năm 2023" in messages(raised.value)
    services.record_ratings(committee.a, 2023, [{"member": member, "level": C}])
    services.record_ratings(committee.a, 2022, [{"member": member, "level": G}])


def test_under_366_the_score_bounds_the_level(committee, monkeypatch):
    # The 100-point scale applies from the rating of 2025; rate 2025 as if it were over.
    monkeypatch.setattr("dangvu.figures.targets.today", lambda: D(2026, 1, 15))
    monkeypatch.setattr("dangvu.targets.services.ratings.today", lambda: D(2026, 1, 15))
    member = committee.old[0]
    with pytest.raises(ValidationError) as raised:
        services.record_ratings(committee.a, 2025, [{"member": member, "level": G}])
    assert "Nhập Điểm" in messages(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.record_ratings(committee.a, 2025, [{"member": member, "level": G, "score": "65,5"}])
    assert "65,5 điểm chỉ xếp được từ mức “Hoàn thành nhiệm vụ” trở xuống" in messages(raised.value)
    [rating] = services.record_ratings(committee.a, 2025, [{"member": member, "level": G, "score": "75"}])
    assert rating.score == Decimal("75.0")
    assert services.regulation(2025) == "366-QĐ/TW" and services.regulation(2024) == "124-QĐ/TW"


def test_removing_a_rating(committee):
    rate(committee.a, 2023, [G, G], committee.old)
    services.record_ratings(committee.a, 2023, [{"member": committee.old[0], "level": ""}])
    assert list(QualityRating.objects.values_list("member_id", flat=True)) == [committee.old[1].pk]


# Emulation -------------------------------------------------------------------------------------------------


def test_ranking_with_target_completion_and_scores(committee):
    target = services.create_target(target_data(committee, year=2024, number=4))
    services.split_target(
        target, [{"receiver": committee.a, "number": 2}, {"receiver": committee.c, "number": 4}]
    )
    completion = services.create_criterion(
        {
            "owner": committee.root,
            "year": 2024,
            "name": "Chỉ tiêu",
            "kind": CriterionKind.TARGETS,
            "max_points": 40,
        }
    )
    manual = services.create_criterion(
        {
            "owner": committee.root,
            "year": 2024,
            "name": "Sinh hoạt",
            "kind": CriterionKind.MANUAL,
            "max_points": "30",
        }
    )
    with pytest.raises(ValidationError) as raised:
        services.record_scores(manual, [{"organization": committee.a, "points": "25", "evidence": ""}])
    assert "minh chứng" in messages(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.record_scores(manual, [{"organization": committee.a, "points": "31"}])
    assert "từ 0 đến 30" in messages(raised.value)
    with pytest.raises(ValidationError):
        services.record_scores(completion, [{"organization": committee.a, "points": "10", "evidence": "x"}])
    services.record_scores(
        manual,
        [
            {"organization": committee.a, "points": "20", "evidence": "Biên bản kiểm tra"},
            {"organization": committee.c, "points": "29,5", "evidence": "Biên bản kiểm tra"},
        ],
    )
    assert EmulationScore.objects.count() == 2
    criteria, rows = ranking(committee.root.pk, 2024)
    assert [c.name for c in criteria] == ["Chỉ tiêu", "Sinh hoạt"]
    by_code = {row.code: row for row in rows}
    # CB-A reached 2 of 2 (40 points), DB-C 2 of 4 (20 points); CB-N has no target.
    assert by_code["CB-A"].points[completion.pk] == Decimal("40.0")
    assert by_code["DB-C"].points[completion.pk] == Decimal("20.0")
    assert by_code["CB-N"].points[completion.pk] == Decimal("0.0") and by_code["CB-N"].completion is None
    assert [(row.code, row.total, row.rank) for row in rows] == [
        ("CB-A", Decimal("60.0"), 1),
        ("DB-C", Decimal("49.5"), 2),
        ("CB-N", Decimal("0.0"), 3),
    ]


# Commendations ---------------------------------------------------------------------------------------------


def test_record_commendation(committee):
    data = {
        "number": "86-QĐ/ĐU",
        "date": D(2024, 6, 14),
        "issuer": "Đảng ủy Khu kinh tế",
        "form": "Giấy khen",
        "reason": "Thành tích xuất sắc trong 15 năm thực hiện Nghị quyết 28-NQ/TU",
    }
    decision = services.record_commendation(
        data, collectives=[committee.a, committee.c], individuals=committee.old[:3]
    )
    assert decision.recipients.filter(organization__isnull=False).count() == 2
    assert decision.recipients.filter(member__isnull=False).count() == 3
    with pytest.raises(ValidationError) as raised:
        services.record_commendation(data, collectives=[committee.a])
    assert "Đã có quyết định số 86-QĐ/ĐU" in messages(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.record_commendation(
            {**data, "number": "87-QĐ/ĐU", "date": D(2024, 1, 5)}, collectives=[committee.n]
        )
    assert "không hoạt động ngày 05/01/2024" in messages(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.record_commendation(
            {**data, "number": "88-QĐ/ĐU", "date": D(2014, 1, 5)}, individuals=[committee.admitted[0]]
        )
    assert "không phải là đảng viên ngày 05/01/2014" in messages(raised.value)
    with pytest.raises(ValidationError) as raised:
        services.record_commendation({**data, "number": "89-QĐ/ĐU", "reason": ""})
    assert "lý do khen thưởng" in messages(raised.value) and "ít nhất một" in messages(raised.value)
    assert Commendation.objects.count() == 5
    services.delete_commendation(decision)
    assert not Commendation.objects.exists()
