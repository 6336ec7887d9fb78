"""A candidate walked through every step to recognition; each rule refuses a violating step with its message
and writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.models import AuditEntry, RuleValue
from dangvu.development import services
from dangvu.development.choices import IntroducerKind, Source, StepKind
from dangvu.development.models import Candidate, CandidateStep, Introduction
from dangvu.figures.counting import Scope, member_counts
from dangvu.members import services as member_services
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MembershipEvent
from dangvu.organizations.choices import OrganizationKind
from dangvu.organizations.tree import History
from tests import factories as f

from .helpers import D, propose, to_admitted, to_verified, union_and_member, world

pytestmark = pytest.mark.django_db


def counts(org, day):
    return member_counts(Scope(day, org.pk, History.load()), breakdowns=False)


def written():
    return tuple(
        model.objects.count()
        for model in (Candidate, CandidateStep, Introduction, Member, MembershipEvent, AuditEntry)
    )


def refused(call, *fragments):
    """Run a step that must be refused: its message contains every fragment, and nothing is written."""
    before = written()
    with pytest.raises(ValidationError) as exc:
        call()
    text = " ".join(exc.value.messages)
    for fragment in fragments:
        assert fragment in text, text
    assert written() == before
    return text


def test_a_candidate_walks_every_step_to_full_membership():
    w = world()
    cell, introducer = w["cell"], w["members"][0]
    candidate = propose(cell)
    assert candidate.stage == StepKind.PROPOSED
    to_verified(candidate, introducer)
    services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=3, votes_for=3)
    vote = candidate.steps.get(kind=StepKind.CELL_VOTE)
    assert vote.voters == 3  # the cell's full members that day, from figures.counting

    # The decision creates the member: counted from the decision date.
    services.record_admission(candidate, date=D(2023, 6, 1), decision_number="45-QĐ/ĐU")
    candidate.refresh_from_db()
    member = candidate.member
    assert member is not None and member.national_id == candidate.national_id
    assert counts(cell, D(2023, 5, 31)).total == 3
    on_decision = counts(cell, D(2023, 6, 1))
    assert (on_decision.total, on_decision.full, on_decision.probationary) == (4, 3, 1)

    # The ceremony date goes into the admission event by a recorded correction.
    services.record_ceremony(candidate, date=D(2023, 6, 20))
    admissions = member.events.filter(kind=EventKind.ADMISSION)
    assert admissions.count() == 2
    assert admissions.get(voided_at__isnull=False).void_reason.startswith("Ghi ngày lễ kết nạp")
    current = admissions.get(voided_at__isnull=True)
    assert (current.date, current.ceremony_date) == (D(2023, 6, 1), D(2023, 6, 20))
    assert counts(cell, D(2023, 6, 1)).total == 4  # still counted from the decision date

    services.record_probation_review(candidate, date=D(2024, 6, 25), members_present=3, votes_for=3)
    services.record_recognition(candidate, date=D(2024, 7, 10), decision_number="88-QĐ/ĐU")
    candidate.refresh_from_db()
    assert candidate.stage == StepKind.RECOGNIZED
    # Full member from the end of the 12 months of probation, not from the decision.
    recognition = member.events.get(kind=EventKind.RECOGNITION)
    assert recognition.date == D(2024, 6, 20)
    assert counts(cell, D(2024, 6, 19)).full == 3
    assert counts(cell, D(2024, 6, 20)).full == 4
    kinds = list(candidate.steps.values_list("kind", flat=True))
    assert kinds == [
        StepKind.PROPOSED,
        StepKind.TRAINED,
        StepKind.APPLIED,
        StepKind.INTRODUCED,
        StepKind.VERIFIED,
        StepKind.CELL_VOTE,
        StepKind.ADMITTED,
        StepKind.CEREMONY,
        StepKind.PROBATION_REVIEW,
        StepKind.RECOGNIZED,
    ]
    # Every step has its audit row.
    audited = set(
        AuditEntry.objects.filter(object_type="development.CandidateStep").values_list("object_id", flat=True)
    )
    assert audited == {str(pk) for pk in candidate.steps.values_list("pk", flat=True)}
    assert candidate.steps.get(kind=StepKind.INTRODUCED).introductions.count() == 2


def test_ceremony_recorded_with_the_decision_needs_no_correction():
    w = world()
    candidate = propose(w["cell"])
    to_verified(candidate, w["members"][0])
    services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=3, votes_for=2)
    services.record_admission(
        candidate, date=D(2023, 6, 1), decision_number="45-QĐ/ĐU", ceremony_date=D(2023, 6, 15)
    )
    candidate.refresh_from_db()
    event = candidate.member.events.get()
    assert (event.ceremony_date, event.voided_at) == (D(2023, 6, 15), None)
    assert candidate.stage == StepKind.CEREMONY


def test_a_date_in_the_future_is_refused():
    w = world()
    candidate = propose(w["cell"])
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    refused(lambda: services.record_training(candidate, date=tomorrow, certificate_number="1"), "ở tương lai")


def test_steps_follow_their_order():
    w = world()
    candidate = propose(w["cell"])
    refused(
        lambda: services.record_application(candidate, date=D(2023, 3, 1)),
        "Chưa ghi bước “Học lớp bồi dưỡng nhận thức về Đảng",
    )
    services.record_training(candidate, date=D(2023, 2, 10), certificate_number="1")
    refused(lambda: services.record_application(candidate, date=D(2023, 2, 1)), "theo thứ tự thời gian")
    services.record_application(candidate, date=D(2023, 3, 1))
    refused(lambda: services.record_application(candidate, date=D(2023, 3, 2)), "đã ghi ngày 01/03/2023")


def test_no_step_after_stopping_and_stopping_needs_a_reason():
    w = world()
    candidate = propose(w["cell"])
    refused(lambda: services.stop_candidate(candidate, date=D(2023, 2, 1), reason=""), "lý do")
    services.stop_candidate(candidate, date=D(2023, 2, 1), reason="Nghỉ việc, chuyển khỏi doanh nghiệp")
    refused(
        lambda: services.record_training(candidate, date=D(2023, 3, 1), certificate_number="1"),
        "đã dừng phát triển từ ngày 01/02/2023",
    )


def test_age_when_the_cell_considers_the_application():
    w = world()
    young = propose(w["cell"], birth=D(2005, 8, 1), name="Đỗ Văn Giang")
    to_verified(young, w["members"][0])
    refused(
        lambda: services.record_cell_vote(young, date=D(2023, 5, 5), members_present=3, votes_for=3),
        "chưa đủ 18 tuổi",
    )
    old = propose(w["cell"], birth=D(1962, 1, 1), name="Đinh Văn Hải")
    to_verified(old, w["members"][0])
    refused(
        lambda: services.record_cell_vote(old, date=D(2023, 5, 5), members_present=3, votes_for=3),
        "quá 60 tuổi",
    )


def test_youth_union_introduces_only_candidates_of_youth_age():
    w = world()
    candidate = propose(w["cell"], birth=D(1990, 1, 1), source=Source.YOUTH_UNION)
    services.record_training(candidate, date=D(2023, 2, 10), certificate_number="1")
    services.record_application(candidate, date=D(2023, 3, 1))
    introducers = [
        {"kind": IntroducerKind.YOUTH_UNION_EXECUTIVE, "body_name": "BCH Đoàn TN Công ty TNHH Alpha"},
        {"kind": IntroducerKind.MEMBER, "member": w["members"][0], "known_since": D(2020, 1, 1)},
    ]
    refused(
        lambda: services.record_introduction(candidate, date=D(2023, 3, 10), introducers=introducers),
        "33 tuổi",
        "16–30",
    )


def test_introducers_are_two_full_members_or_a_union_and_one():
    w = world()
    candidate = propose(w["cell"])
    services.record_training(candidate, date=D(2023, 2, 10), certificate_number="1")
    services.record_application(candidate, date=D(2023, 3, 1))
    one_member = [{"kind": IntroducerKind.MEMBER, "member": w["members"][0], "known_since": D(2020, 1, 1)}]
    refused(
        lambda: services.record_introduction(candidate, date=D(2023, 3, 10), introducers=one_member),
        "Cần hai đảng viên chính thức giới thiệu",
    )
    two = [
        *one_member,
        {"kind": IntroducerKind.MEMBER, "member": w["members"][1], "known_since": D(2019, 1, 1)},
    ]
    services.record_introduction(candidate, date=D(2023, 3, 10), introducers=two)


def test_an_introducer_must_be_a_full_member_that_day():
    w = world()
    probationary = f.member(w["cell"], D(2022, 9, 1), name="Bùi Văn Khoa", ceremony=D(2022, 9, 1))
    candidate = propose(w["cell"])
    services.record_training(candidate, date=D(2023, 2, 10), certificate_number="1")
    services.record_application(candidate, date=D(2023, 3, 1))
    refused(
        lambda: services.record_introduction(
            candidate, date=D(2023, 3, 10), introducers=union_and_member(probationary)
        ),
        "Bùi Văn Khoa không phải đảng viên chính thức ngày 10/03/2023",
    )


def test_an_introducer_must_have_known_the_candidate_for_twelve_months():
    w = world()
    candidate = propose(w["cell"])
    services.record_training(candidate, date=D(2023, 2, 10), certificate_number="1")
    services.record_application(candidate, date=D(2023, 3, 1))
    refused(
        lambda: services.record_introduction(
            candidate, date=D(2023, 3, 10), introducers=union_and_member(w["members"][0], D(2022, 6, 1))
        ),
        "mới biết người xin vào Đảng từ 01/06/2022",
        "12 tháng",
    )


def test_the_certificate_must_still_be_valid():
    w = world()
    candidate = propose(w["cell"], day=D(2017, 1, 5))
    to_verified(candidate, w["members"][0], start=D(2017, 2, 10))
    refused(
        lambda: services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=3, votes_for=3),
        "hết hạn ngày 09/02/2022",
        "theo cấu hình",
    )
    # A new certificate renews it.
    services.record_training(candidate, date=D(2023, 4, 20), certificate_number="2")
    services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=3, votes_for=3)


def test_the_rule_values_are_configuration():
    w = world()
    RuleValue.objects.create(key="development.introducer_known_months", value=6, valid_from=D(2023, 1, 1))
    candidate = propose(w["cell"])
    services.record_training(candidate, date=D(2023, 2, 10), certificate_number="1")
    services.record_application(candidate, date=D(2023, 3, 1))
    services.record_introduction(
        candidate, date=D(2023, 3, 10), introducers=union_and_member(w["members"][0], D(2022, 6, 1))
    )


def test_the_cell_vote_needs_two_thirds_of_its_full_members():
    w = world(full_members=4)
    f.member(w["cell"], D(2023, 1, 2), name="Bùi Văn Khoa")  # probationary: does not count
    candidate = propose(w["cell"])
    to_verified(candidate, w["members"][0])
    refused(
        lambda: services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=5, votes_for=2),
        "Chỉ 2 trong 4 đảng viên chính thức của chi bộ tán thành: cần ít nhất 3",
    )
    refused(
        lambda: services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=7, votes_for=5),
        "số dự họp (7) quá số đảng viên",
    )
    services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=4, votes_for=3)


def test_a_cell_under_a_grassroots_committee_needs_its_agreement():
    root = f.root()
    committee = f.org(OrganizationKind.GRASSROOTS_COMMITTEE, parent=root, code="DB-B", day=D(2010, 1, 1))
    cell = f.org(OrganizationKind.SUBORDINATE_CELL, parent=committee, code="DB-B-1", day=D(2010, 1, 1))
    introducer = None
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        introducer = f.member(cell, D(2015, 5, 1), name=name)
        member_services.recognize(introducer, D(2016, 5, 1))
    candidate = propose(cell)
    to_verified(candidate, introducer)
    services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=3, votes_for=3)
    refused(
        lambda: services.record_admission(candidate, date=D(2023, 6, 1), decision_number="45-QĐ/ĐU"),
        "Chưa ghi bước “Đảng ủy cơ sở đồng ý”",
    )
    refused(
        lambda: services.record_committee_agreement(
            candidate, date=D(2023, 5, 15), committee_members=9, votes_for=5
        ),
        "Chỉ 5 trong 9 cấp ủy viên tán thành: cần ít nhất 6",
    )
    step = services.record_committee_agreement(
        candidate, date=D(2023, 5, 15), committee_members=9, votes_for=6
    )
    assert step.organization_id == committee.pk
    services.record_admission(candidate, date=D(2023, 6, 1), decision_number="45-QĐ/ĐU")


def test_the_decision_within_sixty_working_days_extendable_by_thirty():
    w = world()
    candidate = propose(w["cell"])
    to_verified(candidate, w["members"][0])
    services.record_cell_vote(candidate, date=D(2023, 5, 5), members_present=3, votes_for=3)
    # 60 working days after 05/05/2023 (with the 1/9 and 4/9 holidays) is 28/07/2023.
    refused(
        lambda: services.record_admission(candidate, date=D(2023, 8, 1), decision_number="45-QĐ/ĐU"),
        "quá 60 ngày làm việc kể từ 05/05/2023 (hạn 28/07/2023)",
        "theo cấu hình",
    )
    refused(
        lambda: services.record_admission(
            candidate, date=D(2023, 10, 2), decision_number="45-QĐ/ĐU", exception_document="7-CV/ĐU"
        ),
        "quá cả thời hạn gia hạn",
    )
    services.record_admission(
        candidate, date=D(2023, 8, 1), decision_number="45-QĐ/ĐU", exception_document="7-CV/ĐU gia hạn"
    )


def test_the_ceremony_within_thirty_working_days_unless_the_upper_committee_consents():
    w = world()
    candidate = to_admitted(propose(w["cell"]), w["members"][0])
    refused(
        lambda: services.record_ceremony(candidate, date=D(2023, 8, 1)),
        "Lễ kết nạp ngày 01/08/2023 quá 30 ngày làm việc kể từ 01/06/2023",
    )
    services.record_ceremony(candidate, date=D(2023, 8, 1), exception_document="Công văn 12-CV/ĐU đồng ý")


def test_the_probation_review_when_the_twelve_months_end():
    w = world()
    candidate = to_admitted(propose(w["cell"]), w["members"][0])
    services.record_ceremony(candidate, date=D(2023, 6, 20))
    refused(
        lambda: services.record_probation_review(
            candidate, date=D(2024, 6, 10), members_present=3, votes_for=3
        ),
        "Chưa hết thời gian dự bị",
        "20/06/2024",
    )
    refused(
        lambda: services.record_probation_review(
            candidate, date=D(2024, 9, 2), members_present=3, votes_for=3
        ),
        "quá 30 ngày làm việc kể từ 20/06/2024",
    )
    refused(
        lambda: services.record_probation_review(
            candidate, date=D(2024, 6, 28), members_present=3, votes_for=1
        ),
        "Chỉ 1 trong 3",
    )


def test_the_recognition_decision_within_thirty_working_days():
    w = world()
    candidate = to_admitted(propose(w["cell"]), w["members"][0])
    services.record_ceremony(candidate, date=D(2023, 6, 20))
    services.record_probation_review(candidate, date=D(2024, 6, 25), members_present=3, votes_for=3)
    refused(
        lambda: services.record_recognition(candidate, date=D(2024, 9, 20), decision_number="88-QĐ/ĐU"),
        "Quyết định công nhận chính thức ngày 20/09/2024 quá 30 ngày làm việc",
    )
    refused(
        lambda: services.record_recognition(candidate, date=D(2024, 7, 10), decision_number=""),
        "số quyết định",
    )


def test_one_open_candidacy_per_person_and_members_are_not_candidates():
    w = world()
    first = propose(w["cell"], national_id="031095000123")
    refused(lambda: propose(w["cell"], national_id="031095000123", name="Ai Khác"), "đang được bồi dưỡng")
    refused(lambda: propose(w["cell"], national_id=w["members"][0].national_id), "đang sinh hoạt")
    services.stop_candidate(first, date=D(2023, 2, 1), reason="Xin rút")
    propose(w["cell"], national_id="031095000123", day=D(2023, 3, 1))


def test_a_wrong_step_is_voided_and_the_stage_goes_back():
    w = world()
    candidate = propose(w["cell"])
    step = services.record_training(candidate, date=D(2023, 2, 10), certificate_number="1")
    services.void_step(step, "Nhập nhầm người")
    candidate.refresh_from_db()
    assert candidate.stage == StepKind.PROPOSED
    assert candidate.steps.filter(voided_at__isnull=True).count() == 1
    assert AuditEntry.objects.filter(kind="correction", object_id=str(step.pk)).exists()


def test_a_person_who_left_the_party_is_readmitted_on_the_same_record():
    w = world()
    former = f.member(w["cell"], D(2010, 5, 1), name="Tô Văn Lực", national_id="031088000777")
    member_services.record_event(former, kind=EventKind.LEFT, date=D(2015, 3, 1))
    candidate = propose(w["cell"], name="Tô Văn Lực", national_id="031088000777", birth=D(1990, 1, 1))
    to_admitted(candidate, w["members"][0])
    assert candidate.member_id == former.pk
    assert former.events.filter(kind=EventKind.ADMISSION, voided_at__isnull=True).count() == 2
    assert counts(w["cell"], D(2023, 6, 1)).total == 4
