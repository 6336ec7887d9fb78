"""Working days, what is due on a date (overdue first), and the daily reminders (idempotent)."""

import pytest
from django.core.management import call_command

from dangvu.accounts import services as account_services
from dangvu.core.models import AuditEntry
from dangvu.core.workdays import WorkCalendar, add_working_days, working_days_between
from dangvu.development import services
from dangvu.development.choices import DueKind
from dangvu.development.deadlines import due_for_user, due_items
from dangvu.development.models import Holiday, Notification
from dangvu.members import services as member_services
from tests import factories as f

from .helpers import D, propose, to_admitted, to_verified, world

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekends_and_the_holiday_calendar():
    # Tết 2024: Thursday 08/02 to Wednesday 14/02.
    assert Holiday.objects.filter(date__year=2024).count() >= 10
    assert add_working_days(D(2024, 2, 7), 1) == D(2024, 2, 15)
    assert add_working_days(D(2024, 2, 2), 0) == D(2024, 2, 2)
    assert add_working_days(D(2024, 2, 15), -1) == D(2024, 2, 7)
    assert working_days_between(D(2024, 2, 7), D(2024, 2, 15)) == 1
    # Without the calendar only weekends are skipped.
    assert WorkCalendar().add(D(2024, 2, 7), 1) == D(2024, 2, 8)
    holiday = services.add_holiday(D(2030, 1, 2), "Ngày nghỉ thử")
    assert add_working_days(D(2030, 1, 1), 1) == D(2030, 1, 3)
    services.remove_holiday(holiday)
    assert add_working_days(D(2030, 1, 1), 1) == D(2030, 1, 2)
    assert AuditEntry.objects.filter(object_type="development.Holiday").count() == 2


def test_due_items_on_a_date_overdue_first():
    w = world()
    cell, introducer = w["cell"], w["members"][0]
    waiting_decision = propose(cell, name="Ngô Văn Lâm")
    to_verified(waiting_decision, introducer)
    services.record_cell_vote(waiting_decision, date=D(2023, 5, 5), members_present=3, votes_for=3)
    to_admitted(propose(cell, name="Mai Thị Ngọc"), introducer)
    propose(cell, name="Lý Văn Phúc", day=D(2022, 6, 1))
    old_certificate = propose(cell, name="Tạ Thị Quỳnh", day=D(2018, 1, 5))
    services.record_training(old_certificate, date=D(2018, 7, 1), certificate_number="9")
    services.record_application(old_certificate, date=D(2023, 5, 1))

    items = due_items(D(2023, 6, 10))
    found = {(item.candidate_name, item.kind): item for item in items}
    decision = found[("Ngô Văn Lâm", DueKind.DECISION)]
    assert (decision.due_on, decision.overdue) == (D(2023, 7, 28), False)
    ceremony = found[("Mai Thị Ngọc", DueKind.CEREMONY)]
    assert ceremony.due_on == D(2023, 7, 13) and not ceremony.overdue
    stall = found[("Lý Văn Phúc", DueKind.STALLED)]
    assert (stall.since, stall.due_on, stall.overdue) == (D(2022, 6, 1), D(2022, 12, 1), True)
    certificate = found[("Tạ Thị Quỳnh", DueKind.CERTIFICATE)]
    assert (certificate.due_on, certificate.overdue) == (D(2023, 6, 30), False)
    assert "hạn 30/06/2023" in certificate.message
    assert [item.overdue for item in items] == sorted((item.overdue for item in items), reverse=True)
    assert items[0].candidate_name == "Lý Văn Phúc"

    # Later on, the decision is overdue; once recorded, the ceremony is due instead.
    late = {(i.candidate_name, i.kind): i for i in due_items(D(2023, 8, 1))}
    assert late[("Ngô Văn Lâm", DueKind.DECISION)].overdue
    assert "quá hạn 4 ngày" in late[("Ngô Văn Lâm", DueKind.DECISION)].message
    # Judged from the steps recorded by then: before the vote nothing about the decision was due.
    assert ("Ngô Văn Lâm", DueKind.DECISION) not in {
        (i.candidate_name, i.kind) for i in due_items(D(2023, 5, 1))
    }


def test_review_is_due_when_probation_ends_and_recognition_after_the_review():
    w = world()
    candidate = to_admitted(propose(w["cell"]), w["members"][0])
    services.record_ceremony(candidate, date=D(2023, 6, 20))
    assert not [i for i in due_items(D(2024, 5, 1)) if i.kind == DueKind.REVIEW]
    review = next(i for i in due_items(D(2024, 6, 10)) if i.kind == DueKind.REVIEW)
    assert (review.since, review.due_on, review.overdue) == (D(2024, 6, 20), D(2024, 8, 1), False)
    assert next(i for i in due_items(D(2024, 8, 5)) if i.kind == DueKind.REVIEW).overdue
    services.record_probation_review(candidate, date=D(2024, 6, 25), members_present=3, votes_for=3)
    kinds = [i.kind for i in due_items(D(2024, 6, 26))]
    assert kinds == [DueKind.RECOGNITION]
    services.record_recognition(candidate, date=D(2024, 7, 10), decision_number="88-QĐ/ĐU")
    assert due_items(D(2024, 7, 11)) == []
    assert due_items(D(2024, 6, 26))[0].kind == DueKind.RECOGNITION  # the past is still the past


def test_remind_records_each_notification_once_in_each_users_scope():
    w = world()
    other_cell = f.org(parent=w["root"], code="CB-Z", day=D(2010, 1, 1))
    secretary, _pw = account_services.add_user("bt_a", organization=w["cell"], roles=["cell_secretary"])
    outsider, _pw = account_services.add_user("bt_z", organization=other_cell, roles=["cell_secretary"])
    _board, _pw = account_services.add_user("btc", organization=w["root"], roles=["organization_board"])
    viewer, _pw = account_services.add_user("tk", organization=w["root"], roles=["statistics_viewer"])
    propose(w["cell"], name="Lý Văn Phúc", day=D(2022, 6, 1))
    assert [i.candidate_name for i in due_for_user(secretary, D(2023, 6, 10))] == ["Lý Văn Phúc"]
    assert due_for_user(outsider, D(2023, 6, 10)) == []

    call_command("remind", "--date", "2023-06-10")
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"bt_a", "btc"}
    audited = AuditEntry.objects.filter(object_type="development.Notification").count()
    assert audited == 2
    call_command("remind", "--date", "2023-06-10")
    call_command("remind", "--date", "2023-06-11")
    assert Notification.objects.count() == 2  # the same item, the same due date: recorded once
    assert AuditEntry.objects.filter(object_type="development.Notification").count() == audited
    assert not Notification.objects.filter(user__in=[outsider, viewer]).exists()
    note = Notification.objects.get(user=secretary)
    assert note.kind == DueKind.STALLED and "Lý Văn Phúc" in note.message
    services.mark_notification_read(note, acting_user=secretary)
    note.refresh_from_db()
    assert note.read_at is not None


def test_nothing_is_due_for_someone_who_is_no_longer_a_member():
    w = world()
    candidate = to_admitted(propose(w["cell"]), w["members"][0])
    services.record_ceremony(candidate, date=D(2023, 6, 20))
    assert [i.kind for i in due_items(D(2024, 6, 25))] == [DueKind.REVIEW]
    member_services.record_event(candidate.member, kind="deceased", date=D(2024, 1, 5))
    assert due_items(D(2024, 6, 25)) == []
    assert [i.kind for i in due_items(D(2023, 6, 10))] == [DueKind.CEREMONY]  # still a member then
