"""members.bulk.bulk_create_members: the path of the importer and the demo loader."""

import datetime

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from dangvu.core import audit
from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members import bulk, services
from dangvu.members.bulk import BulkValidationError, bulk_create_members
from dangvu.members.choices import EventKind, Gender
from dangvu.members.models import Member, MembershipEvent, MembershipPeriod
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import OrganizationKind, Sector
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def tree():
    root = f.root(day=D(2000, 1, 1), code="BULKROOT")
    a = f.org(parent=root, day=D(2005, 1, 1), code="BULK-A", name="Chi bộ Công ty Ánh Dương")
    b = f.org(
        parent=root, day=D(2005, 1, 1), code="BULK-B", name="Chi bộ Ban Quản lý", sector=Sector.ADMINISTRATIVE
    )
    return root, a, b


def person(name, national_id, birth=D(1990, 5, 1), gender=Gender.MALE, **extra):
    return {"full_name": name, "gender": gender, "birth_date": birth, "national_id": national_id, **extra}


def test_a_good_batch_is_written_whole_with_its_audit_rows(tree):
    _root, a, b = tree
    audit_before = AuditEntry.objects.count()
    records = [
        {
            **person("  Nguyễn   Thị Hằng ", "031190000101", gender=Gender.FEMALE),
            "events": [
                {"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": a, "ceremony_date": D(2015, 5, 19),
                 "decision_number": " 12-QĐ/ĐU "},
                {"kind": EventKind.RECOGNITION, "date": D(2016, 5, 19)},
                {"kind": EventKind.TRANSFER, "date": D(2018, 1, 2), "to_organization": b.pk},
            ],
        },
        {
            **person("Đặng Văn Nguyên", 31190000102),  # a number that lost its leading zero in Excel
            "events": [
                {"kind": EventKind.TRANSFER_IN, "date": D(2012, 3, 1), "organization": b.pk,
                 "original_admission_date": D(2010, 2, 3), "original_recognition_date": D(2011, 2, 3),
                 "external_organization": "Đảng bộ phường Lạch Tray"},
                {"kind": EventKind.TRANSFER_OUT, "date": D(2020, 6, 30), "external_organization": "Đảng bộ xã Lê Thiện"},
            ],
        },
    ]  # fmt: skip
    created = bulk_create_members(records)
    assert [m.full_name for m in created] == ["Nguyễn Thị Hằng", "Đặng Văn Nguyên"]
    hang, nguyen = (
        Member.objects.get(national_id="031190000101"),
        Member.objects.get(national_id="031190000102"),
    )
    assert hang.search_key == "nguyen thi hang" and hang.sort_key
    assert list(
        hang.periods.order_by("start").values_list("organization_id", "start", "end", "recognized_on")
    ) == [
        (a.pk, D(2015, 5, 4), D(2018, 1, 2), D(2016, 5, 19)),
        (b.pk, D(2018, 1, 2), None, D(2016, 5, 19)),
    ]
    events = list(hang.events.order_by("date", "id"))
    assert events[0].decision_number == "12-QĐ/ĐU"
    # Recognitions and transfers concern the organization the member belongs to that day, filled in.
    assert [e.organization_id for e in events] == [a.pk, a.pk, a.pk]
    out = nguyen.events.get(kind=EventKind.TRANSFER_OUT)
    assert out.organization_id == b.pk
    assert list(nguyen.periods.values_list("start", "end")) == [(D(2012, 3, 1), D(2020, 6, 30))]
    # One creation row per member and one row per event, chained.
    rows = AuditEntry.objects.order_by("id")[audit_before:]
    assert [r.kind for r in rows] == [
        AuditKind.CREATE,
        *[AuditKind.EVENT] * 3,
        AuditKind.CREATE,
        *[AuditKind.EVENT] * 2,
    ]
    assert rows[1].object_repr == f"Nguyễn Thị Hằng: {events[0]}"
    assert verify_chain() is None


def test_a_batch_with_bad_records_is_refused_whole_with_every_problem(tree):
    _root, a, b = tree
    f.member(a, D(2014, 1, 1), name="Lý Văn Phúc", national_id="031190000299")
    audit_before = AuditEntry.objects.count()
    records = [
        {**person("Trần Văn Bình", "031190000201"),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": a}]},
        # Too young at admission.
        {**person("Lê Thị Mai", "031190000202", birth=D(1998, 1, 1), gender=Gender.FEMALE),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": a}]},
        # A bad identity number, no gender, and a transfer from a cell the member is not in.
        {"full_name": "Phạm Văn Cường", "birth_date": D(1990, 1, 1), "national_id": "12AB",
         "events": [{"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": a},
                    {"kind": EventKind.TRANSFER, "date": D(2016, 5, 4), "organization": b, "to_organization": a}]},
        # A recognition before the 12 months of probation.
        {**person("Phạm Văn Dũng", "031190000204"),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": a, "ceremony_date": D(2015, 6, 1)},
                    {"kind": EventKind.RECOGNITION, "date": D(2016, 5, 4)}]},
        # The same identity number as the first record.
        {**person("Vũ Văn Em", "031190000201"),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2016, 5, 4), "organization": a}]},
        # A ledger that does not start with an admission or a transfer in.
        # An organization that does not exist.
        {**person("Mai Văn Khoa", "031190000207"),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2016, 5, 4), "organization": a},
                    {"kind": EventKind.RECOGNITION, "date": D(2017, 5, 4), "organization": 987654}]},
        # An identity number that already belongs to a member.
        {**person("Lý Văn Phúc", "031190000299"),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2016, 5, 4), "organization": a}]},
        {**person("Đỗ Thị Giang", "031190000206", gender=Gender.FEMALE),
         "events": [{"kind": EventKind.RECOGNITION, "date": D(2016, 5, 4), "organization": a}]},
    ]  # fmt: skip
    with pytest.raises(BulkValidationError) as caught:
        bulk_create_members(records)
    problems = caught.value.problems
    assert sorted({index for index, _m in problems}) == [1, 2, 3, 4, 5, 6, 7]
    text = "\n".join(caught.value.messages)
    assert "Bản ghi 2 (Lê Thị Mai): Chưa đủ 18 tuổi" in text
    assert "Bản ghi 3 (Phạm Văn Cường): Số CCCD “12AB” không hợp lệ" in text
    assert "Bản ghi 3 (Phạm Văn Cường): Chọn giới tính" in text
    assert "Bản ghi 3 (Phạm Văn Cường): Đảng viên đang sinh hoạt ở Chi bộ Công ty Ánh Dương (BULK-A)" in text
    assert "Bản ghi 4 (Phạm Văn Dũng): Ngày chính thức 04/05/2016 chưa đủ 12 tháng" in text
    assert "Bản ghi 5 (Vũ Văn Em): Số CCCD 031190000201 trùng với bản ghi 1." in text
    assert "Bản ghi 6 (Mai Văn Khoa): Sự kiện 2: không có tổ chức đảng mã số 987654." in text
    assert "Bản ghi 7 (Lý Văn Phúc): Số CCCD 031190000299 đã thuộc một đảng viên khác." in text
    assert "Bản ghi 8 (Đỗ Thị Giang): Sự kiện đầu tiên phải là kết nạp hoặc chuyển đến." in text
    assert Member.objects.count() == 1
    assert MembershipEvent.objects.count() == 1 and MembershipPeriod.objects.count() == 1
    assert AuditEntry.objects.count() == audit_before


def test_a_member_may_not_outlive_the_organization(tree):
    root, _a, _b = tree
    closing = f.org(parent=root, day=D(2010, 1, 1), code="BULK-C")
    org_services.dissolve(closing, D(2020, 3, 1), "5-QĐ/ĐU")
    records = [
        {**person("Hoàng Văn Hải", "031190000301"),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": closing}]},
        {**person("Hoàng Văn Hiếu", "031190000302"),
         "events": [{"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": closing},
                    {"kind": EventKind.TRANSFER_OUT, "date": D(2020, 3, 1), "external_organization": "Đảng bộ phường An Biên"}]},
    ]  # fmt: skip
    with pytest.raises(BulkValidationError) as caught:
        bulk_create_members(records)
    assert [index for index, _m in caught.value.problems] == [0]
    assert "kết thúc ngày 01/03/2020" in caught.value.problems[0][1]
    bulk_create_members(records[1:])
    assert Member.objects.count() == 1


def _projection(member):
    periods = list(
        member.periods.order_by("start").values_list(
            "organization_id", "start", "end", "admitted_on", "recognized_on"
        )
    )
    events = list(
        member.events.order_by("date", "id").values_list(
            "kind", "date", "organization_id", "to_organization_id", "external_organization", "ceremony_date",
            "original_admission_date", "original_recognition_date", "until", "decision_number",
        )
    )  # fmt: skip
    return periods, events


def test_the_projection_is_the_one_services_build(tree):
    root, a, b = tree
    committee = f.org(OrganizationKind.GRASSROOTS_COMMITTEE, parent=root, day=D(2008, 1, 1), code="BULK-D")
    cell = f.org(OrganizationKind.SUBORDINATE_CELL, parent=committee, day=D(2008, 1, 1), code="BULK-D1")
    ledger = [
        {"kind": EventKind.ADMISSION, "date": D(2011, 3, 2), "organization": a, "ceremony_date": D(2011, 3, 20),
         "decision_number": "7-QĐ/ĐU"},
        {"kind": EventKind.RECOGNITION, "date": D(2012, 3, 20), "decision_number": "30-QĐ/ĐU"},
        {"kind": EventKind.TRANSFER, "date": D(2014, 7, 1), "to_organization": cell},
        {"kind": EventKind.TEMPORARY_TRANSFER, "date": D(2015, 2, 1), "organization": b, "until": D(2015, 8, 1)},
        {"kind": EventKind.EXEMPTION, "date": D(2016, 2, 1), "until": D(2016, 12, 31)},
        {"kind": EventKind.TRANSFER, "date": D(2017, 1, 5), "to_organization": b},
        {"kind": EventKind.TRANSFER_OUT, "date": D(2019, 9, 9), "external_organization": "Đảng bộ phường Cát Bi"},
        {"kind": EventKind.TRANSFER_IN, "date": D(2021, 4, 4), "organization": cell,
         "external_organization": "Đảng bộ phường Cát Bi"},
        {"kind": EventKind.DECEASED, "date": D(2023, 1, 9)},
    ]  # fmt: skip
    one_by_one = services.create_member(person("Ngô Văn Long", "031190000401"), first_event=ledger[0])
    for event in ledger[1:]:
        services.record_event(one_by_one, **event)
    [in_bulk] = bulk_create_members([{**person("Ngô Văn Long", "031190000402"), "events": ledger}])
    assert _projection(in_bulk) == _projection(one_by_one)
    assert len(_projection(in_bulk)[0]) == 4

    def audit_kinds(member):
        events = [str(pk) for pk in member.events.values_list("pk", flat=True)]
        rows = AuditEntry.objects.filter(
            object_type="members.Member", object_id=str(member.pk)
        ) | AuditEntry.objects.filter(object_type="members.MembershipEvent", object_id__in=events)
        return sorted(rows.values_list("kind", flat=True))

    assert (
        audit_kinds(in_bulk)
        == audit_kinds(one_by_one)
        == sorted([AuditKind.CREATE] + [AuditKind.EVENT] * len(ledger))
    )
    assert verify_chain() is None


def test_the_audit_values_made_from_the_stored_rows_are_what_record_would_write(tree):
    """`build()` names the stored row of each new member and event in its audit row (the importer's worker
    then does not serialize them), and `store()` serializes the values from that row: exactly the text
    `core.audit.record()` writes for the stored object — the text the hash chain covers."""
    from django.db import connection

    from dangvu.core import audit
    from dangvu.members.bulk import MemberBatch

    _root, a, b = tree
    records = [
        {
            **person("Nguyễn Thị Hằng", "031190000111", gender=Gender.FEMALE, job="Kỹ sư"),
            "events": [
                {"kind": EventKind.ADMISSION, "date": D(2015, 5, 4), "organization": a, "ceremony_date": D(2015, 5, 19)},
                {"kind": EventKind.RECOGNITION, "date": D(2016, 5, 19)},
                {"kind": EventKind.TRANSFER, "date": D(2018, 1, 2), "to_organization": b.pk},
            ],
        },
        {
            **person("Đặng Văn Nguyên", "031190000112"),
            "events": [
                {"kind": EventKind.TRANSFER_IN, "date": D(2012, 3, 1), "organization": b.pk,
                 "original_admission_date": D(2010, 2, 3), "original_recognition_date": D(2011, 2, 3)},
            ],
        },
    ]  # fmt: skip
    batch = MemberBatch()
    prepared = batch.validate(records)
    assert not batch.problems
    built = batch.build(prepared, [501, 502], [901, 902, 903, 904])
    assert [item[4] for item in built.audit] == [0, 0, 1, 2, 1, 3]  # rows named, not serialized

    now = datetime.datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: now)
        created = bulk_create_members(records)
    objects = [obj for member in created for obj in (member, *member.events.order_by("date"))]
    assert len(objects) == 6
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, after FROM core_auditentry WHERE object_type IN (%s, %s) ORDER BY id",
            [Member._meta.label, MembershipEvent._meta.label],
        )
        stored = cursor.fetchall()
    assert stored == [(str(obj.pk), audit.serialized(audit.snapshot(obj))) for obj in objects]
    assert '"created_at": "2026-11-23T09:30:15.123456+00:00"' in stored[0][1]
    assert '"birth_date": "1990-05-01"' in stored[0][1] and '"date": "2015-05-04"' in stored[1][1]


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.text(),  # quotes, backslashes, control characters, any mark
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, datetime.UTC])),
    st.floats(allow_nan=False),
    st.sampled_from(list(EventKind) + list(Gender)),
)


@pytest.mark.parametrize("model", [Member, MembershipEvent], ids=["member", "event"])
@given(data=st.data())
@hsettings(max_examples=200, deadline=None)
def test_the_snapshot_text_made_for_a_table_is_the_json_encoder_s(model, data):
    """`bulk._FromRow.text` writes the JSON of a row's snapshot piece by piece: exactly what
    `audit.serialized_sorted()` writes for the snapshot as a dictionary (dates in ISO form, the creation and
    change times given), whatever the values in the row."""
    shape = bulk._shape(model)
    row = tuple(data.draw(_VALUES) for _field in model._meta.concrete_fields)
    now = data.draw(st.datetimes(timezones=st.just(datetime.UTC))).isoformat()
    snapshot = {name: row[place] for name, place in shape.items}
    snapshot["created_at"] = snapshot["updated_at"] = now
    for name in shape.dates:
        if isinstance(snapshot[name], datetime.date):
            snapshot[name] = snapshot[name].isoformat()
    assert shape.text(row, audit.ENCODE_TEXT(now)) == audit.serialized_sorted(snapshot)
