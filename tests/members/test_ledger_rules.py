"""Every ledger rule of issue 2 point 3, through the services: a wrong event is refused with a Vietnamese
message that says what to fix, and nothing is written (no member, event, period or audit row)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.dates import today
from dangvu.core.models import AuditEntry, RuleValue
from dangvu.figures.counting import Scope, flows, member_counts
from dangvu.members import services
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations import services as org_services
from dangvu.organizations.tree import History
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cells():
    root = f.root(D(2000, 1, 1))
    a = f.org(parent=root, day=D(2005, 1, 1), code="A")
    b = f.org(parent=root, day=D(2005, 1, 1), code="B")
    return root, a, b


def table_sizes():
    return tuple(model.objects.count() for model in (Member, MembershipEvent, MembershipPeriod, AuditEntry))


def refused(action, *args, **kwargs) -> str:
    """Run a service that must refuse; check that nothing was written; return its messages."""
    before = table_sizes()
    with pytest.raises(ValidationError) as exc:
        action(*args, **kwargs)
    assert table_sizes() == before
    return " | ".join(exc.value.messages)


def periods(member) -> list[tuple]:
    return list(member.periods.order_by("start").values_list("organization__code", "start", "end"))


def new_member(org, admitted, birth=D(1990, 1, 1), **kwargs):
    return f.member(org, admitted, birth=birth, **kwargs)


# --- admission age ---


def test_under_18_at_admission_counted_in_months(cells):
    _root, a, _b = cells
    # Born 15/06/1997: 18 full years (216 months) on 15/06/2015, not the day before.
    message = refused(new_member, a, D(2015, 6, 14), birth=D(1997, 6, 15))
    assert "Chưa đủ 18 tuổi ngày kết nạp 14/06/2015" in message
    assert "kiểm tra ngày sinh hoặc ngày kết nạp" in message
    member = new_member(a, D(2015, 6, 15), birth=D(1997, 6, 15))
    assert periods(member) == [("A", D(2015, 6, 15), None)]


def test_the_age_rule_in_force_on_the_admission_date_applies(cells):
    """Rules are dated: a committee that follows a newer text adds a value from a date; older admissions
    stay judged by the rule of their time."""
    _root, a, _b = cells
    RuleValue.objects.create(key="admission.min_age_months", value=20 * 12, valid_from=D(2020, 1, 1))
    new_member(a, D(2019, 6, 1), birth=D(2000, 1, 1))  # 19 years old under the 18-year rule
    message = refused(new_member, a, D(2021, 6, 1), birth=D(2002, 1, 1))  # 19 under the 20-year rule
    assert "Chưa đủ 20 tuổi" in message


def test_over_60_at_admission_is_refused(cells):
    _root, a, _b = cells
    new_member(a, D(2010, 1, 1), birth=D(1950, 1, 1))  # a full 60 years (720 months) is still allowed
    message = refused(new_member, a, D(2010, 2, 1), birth=D(1950, 1, 1), national_id="100000000999")
    assert "Quá 60 tuổi ngày kết nạp 01/02/2010" in message


# --- probation and recognition ---


def test_recognition_not_before_12_months_after_the_ceremony(cells):
    _root, a, _b = cells
    member = new_member(a, D(2015, 5, 1), ceremony=D(2015, 5, 20))
    message = refused(services.recognize, member, D(2016, 5, 19))
    assert "chưa đủ 12 tháng dự bị kể từ lễ kết nạp 20/05/2015" in message
    assert "sớm nhất là 20/05/2016" in message
    services.recognize(member, D(2016, 5, 20))
    assert member.periods.get().recognized_on == D(2016, 5, 20)
    assert "đã là đảng viên chính thức từ 20/05/2016" in refused(services.recognize, member, D(2017, 1, 1))


def test_the_ceremony_cannot_come_before_the_admission_decision(cells):
    _root, a, _b = cells
    message = refused(new_member, a, D(2015, 5, 1), ceremony=D(2015, 4, 30))
    assert "Lễ kết nạp (30/04/2015) không thể trước ngày quyết định kết nạp (01/05/2015)" in message


# --- transfers ---


def test_a_transfer_only_from_the_current_organization(cells):
    root, a, b = cells
    member = new_member(a, D(2015, 5, 1))
    message = refused(
        services.record_event,
        member,
        kind="transfer",
        date=D(2016, 1, 1),
        organization=b,
        to_organization=root,
    )
    assert (
        "đang sinh hoạt ở" in message
        and "không phải" in message
        and "chuyển từ nơi đang sinh hoạt" in message
    )
    assert "trùng nơi đang sinh hoạt" in refused(services.record_transfer, member, a, D(2016, 1, 1))
    services.record_transfer(member, b, D(2016, 1, 1))
    assert periods(member) == [("A", D(2015, 5, 1), D(2016, 1, 1)), ("B", D(2016, 1, 1), None)]
    # From A again, now that the member is in B: refused.
    message = refused(
        services.record_event,
        member,
        kind="transfer",
        date=D(2017, 1, 1),
        organization=a,
        to_organization=root,
    )
    assert "đang sinh hoạt ở" in message


def test_no_event_before_the_person_is_a_member(cells):
    _root, a, b = cells
    member = new_member(a, D(2015, 5, 1))
    message = refused(services.record_transfer, member, b, D(2015, 4, 30))
    assert "không phải đảng viên của Đảng bộ" in message and "ghi kết nạp hoặc chuyển đến trước" in message


def test_a_transfer_in_brings_the_original_dates(cells):
    _root, a, _b = cells
    member = services.create_member(
        {"full_name": "Trần Thị Mai", "gender": "female", "birth_date": D(1985, 3, 1), "national_id": "1"},
        first_event={
            "kind": "transfer_in",
            "date": D(2018, 3, 1),
            "organization": a,
            "original_admission_date": D(2012, 1, 1),
            "original_recognition_date": D(2013, 1, 1),
        },
    )
    assert member.national_id == "000000000001"  # leading zeros lost by Excel come back
    period = member.periods.get()
    assert (period.start, period.admitted_on, period.recognized_on) == (
        D(2018, 3, 1),
        D(2012, 1, 1),
        D(2013, 1, 1),
    )
    message = refused(
        services.create_member,
        {"full_name": "Lê Văn Nam", "gender": "male", "birth_date": D(1985, 3, 1), "national_id": "2"},
        first_event={"kind": "transfer_in", "date": D(2018, 3, 1), "organization": a},
    )
    assert "Ghi ngày vào Đảng của đảng viên chuyển đến" in message


# --- endings ---


def test_nothing_after_an_ending(cells):
    _root, a, b = cells
    member = new_member(a, D(2015, 5, 1))
    services.record_event(member, kind="left", date=D(2018, 1, 1))
    assert "không phải đảng viên" in refused(services.record_transfer, member, b, D(2018, 6, 1))
    assert "không phải đảng viên" in refused(services.recognize, member, D(2018, 6, 1))
    assert "không phải đảng viên" in refused(
        services.record_event, member, kind="expelled", date=D(2019, 1, 1)
    )
    message = refused(
        services.record_event,
        member,
        kind="transfer_in",
        date=D(2019, 1, 1),
        organization=b,
        original_admission_date=D(2015, 5, 1),
    )
    assert "đã ra khỏi Đảng: không thể chuyển đến" in message


def test_readmission_only_36_months_after_leaving(cells):
    _root, a, b = cells
    member = new_member(a, D(2010, 5, 1))
    services.record_event(member, kind="struck_off", date=D(2015, 1, 10))
    message = refused(services.admit, member, b, D(2018, 1, 9))
    assert "Kết nạp lại phải sau ít nhất 36 tháng kể từ ngày ra khỏi Đảng (10/01/2015)" in message
    services.admit(member, b, D(2018, 1, 10))
    assert periods(member) == [("A", D(2010, 5, 1), D(2015, 1, 10)), ("B", D(2018, 1, 10), None)]
    assert member.periods.get(organization=b).admitted_on == D(2018, 1, 10)  # seniority starts again


def test_nothing_at_all_after_death(cells):
    _root, a, b = cells
    member = new_member(a, D(2010, 5, 1))
    services.record_event(member, kind="deceased", date=D(2015, 1, 10))
    assert "đã từ trần ngày 10/01/2015" in refused(services.admit, member, b, D(2020, 1, 1))


def test_a_member_cannot_be_admitted_twice(cells):
    _root, a, b = cells
    member = new_member(a, D(2010, 5, 1))
    assert "không thể kết nạp lần nữa" in refused(services.admit, member, b, D(2012, 1, 1))


def test_after_a_transfer_out_the_member_can_come_back(cells):
    _root, a, b = cells
    member = new_member(a, D(2010, 5, 1))
    services.record_event(member, kind="transfer_out", date=D(2012, 1, 1), external_organization="Đảng bộ X")
    services.record_event(member, kind="transfer_in", date=D(2014, 1, 1), organization=b)
    assert periods(member) == [("A", D(2010, 5, 1), D(2012, 1, 1)), ("B", D(2014, 1, 1), None)]
    assert member.periods.get(organization=b).admitted_on == D(2010, 5, 1)


# --- dates and organizations ---


def test_no_date_in_the_future(cells):
    _root, a, b = cells
    tomorrow = today() + datetime.timedelta(days=1)
    message = refused(new_member, a, tomorrow)
    assert "ở tương lai: chỉ ghi biến động đã xảy ra" in message
    member = new_member(a, D(2015, 5, 1))
    assert "ở tương lai" in refused(services.record_transfer, member, b, tomorrow)
    other = D(2000, 1, 1)
    message = refused(new_member, a, today(), birth=other, ceremony=tomorrow, national_id="100000000998")
    assert "Ngày lễ kết nạp" in message and "ở tương lai" in message


def test_no_organization_that_did_not_exist_that_day(cells):
    root, a, b = cells
    message = refused(new_member, a, D(2004, 12, 31), birth=D(1980, 1, 1))
    assert "không tồn tại ngày 31/12/2004" in message and "chọn tổ chức đang hoạt động vào ngày đó" in message
    member = new_member(a, D(2015, 5, 1))
    org_services.dissolve(b, D(2016, 1, 1), "1")
    assert "không tồn tại ngày 01/01/2016" in refused(services.record_transfer, member, b, D(2016, 1, 1))
    # The day before B ends is a day B exists, but the member would be left in an organization that ends.
    message = refused(services.record_transfer, member, b, D(2015, 12, 31))
    assert "kết thúc ngày 01/01/2016" in message
    assert root.pk


def test_a_first_event_is_required(cells):
    data = {"full_name": "Lê Văn Nam", "gender": "male", "birth_date": D(1985, 3, 1), "national_id": "2"}
    assert "Ghi sự kiện đầu tiên" in refused(services.create_member, data)
    message = refused(
        services.create_member, data, first_event={"kind": "recognition", "date": D(2015, 1, 1)}
    )
    assert "Sự kiện đầu tiên phải là kết nạp hoặc chuyển đến" in message


def test_changing_the_birth_date_revalidates_the_ledger(cells):
    _root, a, _b = cells
    member = new_member(a, D(2015, 5, 1), birth=D(1990, 1, 1))
    assert "Chưa đủ 18 tuổi" in refused(services.update_member, member, {"birth_date": D(1998, 1, 1)})
    member.refresh_from_db()
    assert member.birth_date == D(1990, 1, 1)


# --- corrections ---


def test_a_wrong_event_is_voided_with_a_reason_and_replaced(cells):
    root, a, b = cells
    c = f.org(parent=root, day=D(2005, 1, 1), code="C")
    member = new_member(a, D(2015, 5, 1))
    wrong = services.record_transfer(member, b, D(2016, 1, 1))
    assert "Ghi lý do đính chính" in refused(services.correct_event, wrong, " ")
    replacement = services.correct_event(
        wrong,
        "Ghi nhầm chi bộ chuyển đến",
        replacement={"kind": "transfer", "date": D(2016, 1, 1), "to_organization": c},
    )
    wrong.refresh_from_db()
    assert wrong.is_void and wrong.void_reason == "Ghi nhầm chi bộ chuyển đến"
    assert MembershipEvent.objects.filter(member=member).count() == 3  # kept, with its correction
    assert (replacement.organization_id, replacement.to_organization_id) == (a.pk, c.pk)
    assert periods(member) == [("A", D(2015, 5, 1), D(2016, 1, 1)), ("C", D(2016, 1, 1), None)]
    history = History.load()
    assert flows(history, c.pk, D(2016, 1, 1), D(2016, 1, 1)).transferred_in == 1
    assert flows(history, b.pk, D(2016, 1, 1), D(2016, 1, 1)).transferred_in == 0
    assert flows(history, root.pk, D(2016, 1, 1), D(2016, 1, 1)).transferred_in == 0  # inside the root
    assert member_counts(Scope(D(2016, 1, 1), b.pk, history)).total == 0
    assert "đã được đính chính" in refused(services.correct_event, wrong, "Lần nữa")


def test_a_replacement_that_does_not_validate_changes_nothing(cells):
    root, a, b = cells
    member = new_member(a, D(2015, 5, 1))
    wrong = services.record_transfer(member, b, D(2016, 1, 1))
    before = periods(member)
    late = f.org(parent=root, day=D(2020, 1, 1), code="LATE")
    message = refused(
        services.correct_event,
        wrong,
        "Nhầm",
        replacement={"kind": "transfer", "date": D(2016, 1, 1), "to_organization": late},
    )
    assert "không tồn tại ngày 01/01/2016" in message
    wrong.refresh_from_db()
    assert not wrong.is_void
    assert periods(member) == before


def test_voiding_a_wrong_ending_restores_the_membership(cells):
    _root, a, _b = cells
    member = new_member(a, D(2015, 5, 1))
    ending = services.record_event(member, kind="deceased", date=D(2019, 1, 1))
    assert periods(member) == [("A", D(2015, 5, 1), D(2019, 1, 1))]
    assert services.correct_event(ending, "Nhầm người") is None
    assert periods(member) == [("A", D(2015, 5, 1), None)]


def test_voiding_an_event_that_later_events_need_is_refused(cells):
    _root, a, b = cells
    member = new_member(a, D(2015, 5, 1))
    services.record_event(member, kind="left", date=D(2016, 1, 1))
    admission = services.admit(member, b, D(2019, 6, 1))
    left = MembershipEvent.objects.get(member=member, kind="left")
    # Without the ending, the readmission of 2019 would admit someone who is already a member.
    assert "không thể kết nạp lần nữa" in refused(services.correct_event, left, "Nhầm")
    assert admission.pk


def test_a_backdated_admission_cannot_outlive_its_organization():
    from dangvu.members.models import Member
    from dangvu.organizations import services as org_services

    root = f.root()
    cell = f.org(parent=root, day=D(2010, 1, 1))
    org_services.dissolve(cell, D(2015, 1, 1), "9-QĐ/ĐU")
    with pytest.raises(ValidationError) as exc:
        f.member(cell, D(2012, 5, 1))
    assert "kết thúc ngày 01/01/2015" in str(exc.value)
    assert not Member.objects.exists()
