"""THE progress of a target (figures.targets): reached from the records over [start, D], percents, pace,
projection, the yearly window of a term target, the split."""

import datetime
from decimal import Decimal

import pytest

from dangvu.figures.counting import flows
from dangvu.figures.targets import progress, split_progress, targets_brief, window
from dangvu.members import services as member_services
from dangvu.members.choices import EventKind
from dangvu.organizations.tree import History
from dangvu.targets import services
from dangvu.targets.choices import Measure, Pace, PeriodKind
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def year_target(receiver, measure=Measure.ADMISSIONS, number=8, year=2024, **extra):
    return services.create_target(
        {
            "assigner_name": "Ban Thường vụ Thành ủy",
            "receiver": receiver,
            "measure": measure,
            "period_kind": PeriodKind.YEAR,
            "year": year,
            "number": number,
            "document_number": "12-TB/TU",
            **extra,
        }
    )


def test_reached_is_the_flow_over_the_period_under_the_receiver(committee):
    target = year_target(committee.root)
    history = History.load()
    for day in (D(2024, 1, 9), D(2024, 1, 10), D(2024, 3, 31), D(2024, 12, 31), D(2025, 5, 1)):
        expected = flows(history, committee.root.pk, D(2024, 1, 1), min(day, D(2024, 12, 31))).admitted
        assert progress(target, day, history).reached == expected
    assert progress(target, D(2024, 3, 31)).reached == 3
    assert progress(target, D(2024, 12, 31)).reached == 4
    # Under DB-C only its cell's admissions count.
    part = year_target(committee.c, number=2)
    assert progress(part, D(2024, 3, 31)).reached == 1


def test_percent_pace_and_projection_on_31_march(committee):
    item = progress(year_target(committee.root, number=8), D(2024, 3, 31))
    assert (item.reached, item.number) == (3, 8)
    assert item.percent == Decimal("37.5") and item.percent_whole == Decimal("38")
    # 91 of 366 days of 2024 elapsed: 24,9%; 3 × 366 > 8 × 91, so ahead of pace.
    assert (item.elapsed_days, item.total_days) == (91, 366)
    assert item.expected_percent == Decimal("24.9")
    assert item.expected == Decimal("2.0")
    assert item.pace == Pace.AHEAD
    assert item.projection == 12  # 3 × 366 / 91 = 12,07
    assert item.remaining == 5


def test_pace_states(committee):
    target = year_target(committee.root, number=8)
    assert progress(target, D(2023, 12, 31)).pace == Pace.NOT_STARTED
    assert progress(target, D(2023, 12, 31)).projection is None
    assert progress(target, D(2024, 1, 9)).pace == Pace.BEHIND  # nothing yet, 9 days in
    assert progress(target, D(2025, 1, 1)).pace == Pace.MISSED  # 4 of 8 when the year is over
    assert progress(year_target(committee.a, number=2), D(2024, 6, 1)).pace == Pace.REACHED


def test_the_exact_comparison_decides_on_pace(committee):
    # A period of 20 days with a target of 2: on day 10, 1 reached is exactly the pace (1 × 20 == 2 × 10).
    target = services.create_target(
        {
            "assigner_name": "Thành ủy",
            "receiver": committee.root,
            "measure": Measure.ADMISSIONS,
            "period_kind": PeriodKind.DATES,
            "start": D(2024, 1, 1),
            "end": D(2024, 1, 20),
            "number": 2,
            "document_number": "1-KH/TU",
        }
    )
    item = progress(target, D(2024, 1, 10))
    assert (item.reached, item.elapsed_days, item.total_days) == (1, 10, 20)
    assert item.pace == Pace.ON_PACE
    assert item.expected_percent == Decimal("50.0")


def test_one_more_admission_moves_progress_from_its_date_only(committee):
    target = year_target(committee.root, number=8)
    days = [D(2024, 2, 9), D(2024, 2, 10), D(2024, 2, 11), D(2024, 12, 31)]
    before = {day: progress(target, day).reached for day in days}
    f.member(committee.n, D(2024, 2, 10), name="Vũ Thị Quyên")
    after = {day: progress(target, day).reached for day in days}
    assert after[D(2024, 2, 9)] == before[D(2024, 2, 9)]
    for day in days[1:]:
        assert after[day] == before[day] + 1, day


def test_a_corrected_admission_stops_counting(committee):
    target = year_target(committee.root, number=8)
    event = committee.admitted[0].events.get(kind=EventKind.ADMISSION)
    assert progress(target, D(2024, 1, 31)).reached == 1
    replacement = {
        "kind": "admission",
        "date": D(2024, 2, 5),
        "organization": committee.a,
        "ceremony_date": D(2024, 2, 5),
    }
    member_services.correct_event(event, "Nhập nhầm ngày", replacement=replacement)
    assert progress(target, D(2024, 1, 31)).reached == 0
    assert progress(target, D(2024, 2, 5)).reached == 1


def test_organizations_founded(committee):
    target = year_target(committee.root, measure=Measure.ORGANIZATIONS_FOUNDED, number=3)
    assert progress(target, D(2024, 1, 31)).reached == 0
    assert progress(target, D(2024, 2, 1)).reached == 1
    assert progress(target, D(2024, 2, 1)).percent == Decimal("33.3")


def test_yearly_term_target_counts_the_year_of_the_date(committee):
    target = services.create_target(
        {
            "assigner_name": "Đại hội Đảng bộ lần thứ IV",
            "receiver": committee.root,
            "measure": Measure.ORGANIZATIONS_FOUNDED,
            "period_kind": PeriodKind.TERM,
            "first_year": 2020,
            "last_year": 2025,
            "yearly": True,
            "number": 5,
            "aim": 7,
            "document_number": "01-NQ/ĐU",
        }
    )
    assert window(target, D(2024, 3, 31)) == (D(2024, 1, 1), D(2024, 12, 31))
    assert window(target, D(2019, 5, 1)) == (D(2020, 1, 1), D(2020, 12, 31))
    item = progress(target, D(2024, 3, 31))
    assert (item.reached, item.percent, item.percent_of_aim) == (1, Decimal("20.0"), Decimal("14.3"))
    assert target.period_label == "nhiệm kỳ 2020–2025, mỗi năm"


def test_split_shares_and_who_lags(committee):
    target = year_target(committee.root, number=8)
    services.split_target(
        target, [{"receiver": committee.a, "number": 4}, {"receiver": committee.c, "number": 5}]
    )
    split = split_progress(target, D(2024, 3, 31))
    by_code = {part.progress.target.receiver.code: part for part in split.parts}
    assert (by_code["CB-A"].progress.reached, by_code["DB-C"].progress.reached) == (2, 1)
    assert by_code["CB-A"].share_of_reached == Decimal("66.7")
    assert by_code["DB-C"].share_of_reached == Decimal("33.3")
    assert split.assigned == 9 and split.unassigned == 0 and split.reached_elsewhere == 0
    # 1 of 5 after 91 of 366 days: 1 × 366 < 5 × 91 → behind; CB-A with 2 of 4 is ahead.
    assert [part.progress.target.receiver.code for part in split.lagging] == ["DB-C"]
    f.member(committee.n, D(2024, 3, 1), name="Vũ Thị Quyên")
    assert split_progress(target, D(2024, 3, 31)).reached_elsewhere == 1


def test_targets_brief_lists_the_targets_whose_period_contains_the_date(committee):
    year_target(committee.root, number=8)
    year_target(committee.root, measure=Measure.ORGANIZATIONS_FOUNDED, number=3)
    year_target(committee.root, number=5, year=2023)
    brief = targets_brief(committee.root.pk, D(2024, 3, 31))
    assert [(t["measure"], t["target"], t["reached"]) for t in brief] == [
        ("admissions", 8, 3),
        ("organizations_founded", 3, 1),
    ]
    assert (
        brief[0]["percent"] == 37.5
        and brief[0]["percent_whole"] == 38
        and brief[0]["percent_text"] == "37,5%"
    )
    assert brief[0]["period"] == "năm 2024" and brief[0]["from"] == "2024-01-01"
    assert targets_brief(committee.a.pk, D(2024, 3, 31)) == []


def test_mass_organization_measures(committee):
    from dangvu.enterprises import services as enterprise_services
    from dangvu.enterprises.choices import MassOrganizationKind
    from tests.enterprises.conftest import enterprise, mass_org, members

    covered = enterprise("Công ty TNHH Ánh Dương", tax_code="0200000001")
    loose = enterprise("Công ty TNHH Bình An", tax_code="0200000002")
    enterprise_services.link_party_organization(committee.c1, covered, D(2020, 1, 1))
    union = mass_org(covered, D(2024, 2, 1))
    mass_org(loose, D(2024, 3, 1))
    mass_org(covered, D(2024, 2, 1), kind=MassOrganizationKind.YOUTH_UNION, name="Đoàn cơ sở Ánh Dương")
    members(union, D(2024, 2, 1), 100)
    members(union, D(2024, 5, 1), 130)
    history = History.load()
    founded = year_target(committee.root, measure=Measure.TRADE_UNIONS_FOUNDED, number=4)
    assert progress(founded, D(2024, 3, 31), history).reached == 2  # the whole installation: both
    under_c = year_target(committee.c, measure=Measure.TRADE_UNIONS_FOUNDED, number=1)
    assert progress(under_c, D(2024, 3, 31), history).reached == 1  # only the one DB-C's cell covers
    youth = year_target(committee.root, measure=Measure.YOUTH_UNIONS_FOUNDED, number=1)
    assert progress(youth, D(2024, 3, 31), history).pace == Pace.REACHED
    gained = year_target(committee.c, measure=Measure.UNION_MEMBERS_GAINED, number=200)
    assert progress(gained, D(2024, 4, 30), history).reached == 100
    assert progress(gained, D(2024, 5, 1), history).reached == 130
