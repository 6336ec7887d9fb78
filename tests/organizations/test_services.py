"""apply_decision and its actions refuse a change that would leave a wrong tree, with a Vietnamese message that
says what to fix, and then write nothing (no organization, no event, no audit row)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core import audit
from dangvu.core.dates import today
from dangvu.core.models import AuditEntry
from dangvu.members import services as member_services
from dangvu.organizations import services
from dangvu.organizations.choices import OrganizationKind as K
from dangvu.organizations.choices import Sector
from dangvu.organizations.models import Organization, OrganizationEvent
from dangvu.organizations.services import Change, Found, apply_decision
from dangvu.organizations.tree import History
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def zone():
    root = f.root(D(2000, 1, 1))
    g1 = f.org(K.GRASSROOTS_COMMITTEE, parent=root, day=D(2001, 1, 1), code="G1")
    g2 = f.org(K.GRASSROOTS_COMMITTEE, parent=root, day=D(2001, 1, 1), code="G2")
    section = f.org(K.SECTION_COMMITTEE, parent=g1, day=D(2002, 1, 1), code="S1")
    c1 = f.org(K.SUBORDINATE_CELL, parent=section, day=D(2002, 1, 1), code="C1")
    return root, g1, g2, section, c1


def table_sizes():
    return (Organization.objects.count(), OrganizationEvent.objects.count(), AuditEntry.objects.count())


def refused(action, *args, **kwargs) -> str:
    """Run a service that must refuse; check that nothing was written; return its messages."""
    before = table_sizes()
    with pytest.raises(ValidationError) as exc:
        action(*args, **kwargs)
    assert table_sizes() == before
    return " | ".join(exc.value.messages)


def test_a_valid_decision_writes_events_and_audit_rows(zone):
    _root, g1, g2, _section, c1 = zone
    before = table_sizes()
    services.move(c1, D(2010, 1, 1), "7-QĐ/ĐU", g2)
    after = table_sizes()
    assert after[1] == before[1] + 1 and after[2] > before[2]
    event = OrganizationEvent.objects.latest("id")
    assert (event.kind, event.parent_id, event.decision_number, event.date) == (
        "moved",
        g2.pk,
        "7-QĐ/ĐU",
        D(2010, 1, 1),
    )
    assert g1.pk != g2.pk


def test_an_organization_cannot_be_put_under_itself(zone):
    _root, g1, _g2, _section, _c1 = zone
    assert "không thể nằm dưới chính nó" in refused(services.move, g1, D(2010, 1, 1), "1", g1)


def test_two_moves_in_one_decision_cannot_make_a_cycle(zone):
    _root, g1, g2, _section, _c1 = zone
    changes = [
        Change(g1, "moved", parent=g2, parent_changed=True),
        Change(g2, "moved", parent=g1, parent_changed=True),
    ]
    assert "không thể nằm dưới chính nó" in refused(apply_decision, D(2010, 1, 1), "1", changes)


@pytest.mark.parametrize(
    "kind, parent_code",
    [
        (K.SUBORDINATE_CELL, "ROOT"),  # a subordinate cell stands under a grassroots or section committee
        (K.GRASSROOTS_CELL, "G1"),  # a grassroots cell stands under the upper committee (or at the top)
        (K.SECTION_COMMITTEE, "ROOT"),
        (K.SECTION_COMMITTEE, "S1"),
        (K.UPPER_COMMITTEE, "ROOT"),
    ],
)
def test_founding_under_a_parent_of_the_wrong_kind_is_refused(zone, kind, parent_code):
    parent = Organization.objects.get(code=parent_code)
    message = refused(
        services.found_organization,
        D(2010, 1, 1),
        "1",
        code="NEW",
        name="Tổ chức mới",
        kind=kind,
        sector=Sector.ENTERPRISE,
        parent=parent,
    )
    assert "không thể trực thuộc" in message and "chọn cấp trên phù hợp hoặc đổi loại tổ chức" in message


def test_moving_a_cell_under_the_upper_committee_needs_the_change_of_kind_too(zone):
    root, _g1, _g2, _section, c1 = zone
    assert "không thể trực thuộc" in refused(services.move, c1, D(2010, 1, 1), "1", root)
    apply_decision(
        D(2010, 1, 1),
        "1",
        [Change(c1, "changed_kind", org_kind=K.GRASSROOTS_CELL, parent=root, parent_changed=True)],
    )
    c1.refresh_from_db()
    assert (c1.kind, c1.parent_id) == (K.GRASSROOTS_CELL, root.pk)


def test_changing_a_committee_into_a_cell_while_it_has_cells_is_refused(zone):
    _root, g1, _g2, _section, _c1 = zone
    message = refused(services.change_kind, g1, D(2010, 1, 1), "1", K.GRASSROOTS_CELL)
    assert "không thể trực thuộc" in message


def test_dissolving_an_organization_with_members_is_refused(zone):
    _root, _g1, _g2, _section, c1 = zone
    member = f.member(c1, D(2015, 5, 1))
    message = refused(services.dissolve, c1, D(2016, 1, 1), "1")
    assert "còn đảng viên sinh hoạt" in message and "chuyển sinh hoạt họ trước" in message
    c1.refresh_from_db()
    assert c1.ended_on is None
    # Once the member has moved, it can be dissolved, from the day of the move on.
    g2 = Organization.objects.get(code="G2")
    other = f.org(K.SUBORDINATE_CELL, parent=g2, day=D(2010, 1, 1))
    member_services.record_transfer(member, other, D(2016, 1, 1))
    services.dissolve(c1, D(2016, 1, 1), "1")
    c1.refresh_from_db()
    assert c1.ended_on == D(2016, 1, 1)


def test_dissolving_is_refused_while_a_member_belongs_from_that_day_on(zone):
    _root, _g1, _g2, _section, c1 = zone
    f.member(c1, D(2015, 5, 1))
    # The member still belongs after 2014: even a past date is refused.
    assert "còn đảng viên sinh hoạt" in refused(services.dissolve, c1, D(2014, 1, 1), "1")


def test_an_organization_cannot_end_on_the_day_someone_is_placed_in_it(zone):
    """It does not exist on that day (end of day): the admission would no longer replay."""
    _root, _g1, g2, _section, c1 = zone
    member = f.member(c1, D(2015, 5, 1))
    member_services.record_transfer(member, g2, D(2015, 5, 1))  # admitted and moved on the same day
    assert "còn đảng viên sinh hoạt" in refused(services.dissolve, c1, D(2015, 5, 1), "1")
    services.dissolve(c1, D(2015, 5, 2), "1")


def test_dissolving_an_organization_that_still_has_organizations_under_it_is_refused(zone):
    _root, g1, _g2, section, _c1 = zone
    assert "vẫn trực thuộc một tổ chức đã kết thúc" in refused(services.dissolve, section, D(2010, 1, 1), "1")
    assert "vẫn trực thuộc một tổ chức đã kết thúc" in refused(services.dissolve, g1, D(2010, 1, 1), "1")


def test_dissolving_with_the_cells_moved_in_the_same_decision_is_accepted(zone):
    _root, _g1, g2, section, c1 = zone
    apply_decision(
        D(2010, 1, 1),
        "1",
        [Change(c1, "moved", parent=g2, parent_changed=True), Change(section, "dissolved")],
    )
    section.refresh_from_db()
    assert section.ended_on == D(2010, 1, 1)


def test_a_date_in_the_future_is_refused(zone):
    _root, _g1, g2, _section, c1 = zone
    tomorrow = today() + datetime.timedelta(days=1)
    assert "ở tương lai" in refused(services.move, c1, tomorrow, "1", g2)
    message = refused(
        services.found_organization,
        tomorrow,
        "1",
        code="NEW",
        name="Chi bộ mới",
        kind=K.SUBORDINATE_CELL,
        sector=Sector.ENTERPRISE,
        parent=g2,
    )
    assert "ở tương lai" in message
    services.move(c1, today(), "1", g2)  # today is fine


def test_an_event_before_the_organizations_last_event_is_refused(zone):
    _root, g1, g2, _section, c1 = zone
    services.move(c1, D(2010, 1, 1), "1", g2)
    message = refused(services.rename, c1, D(2009, 12, 31), "2", "Tên khác")
    assert "đã có sự kiện ngày 01/01/2010" in message and "hãy đính chính sự kiện" in message
    services.rename(c1, D(2010, 1, 1), "2", "Tên khác")  # the same day is fine
    assert g1.pk


def test_a_change_before_the_founding_is_refused(zone):
    _root, _g1, _g2, _section, c1 = zone
    assert "không tồn tại ngày 31/12/2001" in refused(services.rename, c1, D(2001, 12, 31), "1", "Tên")


def test_a_parent_that_does_not_exist_that_day_is_refused(zone):
    root, _g1, _g2, _section, _c1 = zone
    late = f.org(K.GRASSROOTS_COMMITTEE, parent=root, day=D(2015, 1, 1), code="LATE")
    message = refused(
        services.found_organization,
        D(2010, 1, 1),
        "1",
        code="NEW",
        name="Chi bộ mới",
        kind=K.SUBORDINATE_CELL,
        sector=Sector.ENTERPRISE,
        parent=late,
    )
    assert "Tổ chức cấp trên của" in message and "không tồn tại ngày 01/01/2010" in message


def test_codes_are_unique_and_names_required(zone):
    assert "đã có" in refused(
        services.found_organization,
        D(2010, 1, 1),
        "1",
        code="G1",
        name="X",
        kind=K.GRASSROOTS_CELL,
        sector="enterprise",
    )
    assert "Thiếu tên" in refused(
        services.found_organization,
        D(2010, 1, 1),
        "1",
        code="NEW",
        name="  ",
        kind=K.GRASSROOTS_CELL,
        sector="enterprise",
    )


def test_one_bad_change_refuses_the_whole_decision(zone):
    root, _g1, g2, _section, c1 = zone
    changes = [
        Found(code="NEW", name="Chi bộ mới", kind=K.GRASSROOTS_CELL, sector=Sector.ENTERPRISE, parent=root),
        Change(c1, "moved", parent=root, parent_changed=True),  # wrong kind under the root
    ]
    refused(apply_decision, D(2010, 1, 1), "1", changes)
    assert not Organization.objects.filter(code="NEW").exists()
    assert g2.pk


def test_corrections_of_organization_events(zone):
    _root, _g1, g2, _section, c1 = zone
    event = services.move(c1, D(2010, 1, 1), "1", g2)
    assert "Ghi lý do" in refused(services.void_event, event, "  ")
    founding = OrganizationEvent.objects.get(organization=c1, kind="founded")
    assert "Không thể hủy sự kiện thành lập" in refused(services.void_event, founding, "Nhầm")
    services.void_event(event, "Nhầm quyết định")
    event.refresh_from_db()
    assert event.is_void and event.void_reason == "Nhầm quyết định"
    assert "đã được đính chính" in refused(services.void_event, event, "Lần nữa")


def _same_history(shared: History):
    loaded = History.load()
    assert shared.timelines == loaded.timelines
    assert shared.first_kinds == loaded.first_kinds
    assert shared.change_dates == loaded.change_dates
    for day in [*loaded.change_dates, D(1999, 1, 1), D(2009, 6, 1), D(2030, 1, 1)]:
        assert shared.tree_on(day).states == loaded.tree_on(day).states, day


def test_decisions_against_a_kept_history_answer_as_a_fresh_load(zone):
    """The Excel importer passes one History to every decision: each decision checks against it as against
    a fresh load and adds what it wrote, also when it founds under an organization it founded before,
    moves, renames and dissolves on an earlier date than the previous decision, or is refused."""
    _root, g1, g2, section, c1 = zone
    shared = History.load()
    for day in [D(2001, 6, 1), D(2005, 1, 1), D(2020, 1, 1)]:
        shared.tree_on(day)  # trees kept from before the decisions must not be answered stale
    events = apply_decision(
        D(2008, 1, 1), "1", [Found("C2", "Chi bộ 2", K.SUBORDINATE_CELL, Sector.ENTERPRISE, parent=g2)],
        history=shared,
    )  # fmt: skip
    c2 = events[0].organization
    _same_history(shared)
    apply_decision(D(2006, 1, 1), "2", [Change(c1, "moved", parent=g2, parent_changed=True)], history=shared)
    apply_decision(D(2006, 1, 1), "3", [Change(c1, "renamed", name="Chi bộ Một")], history=shared)
    _same_history(shared)
    apply_decision(D(2009, 1, 1), "4", [Change(section, "dissolved")], history=shared)
    _same_history(shared)
    before = {key: list(rows) for key, rows in shared.timelines.items()}
    # Refused against the kept history exactly as against a fresh one; the history stays as it was.
    for history in (shared, None):
        message = refused(
            apply_decision, D(2007, 1, 1), "5", [Change(c2, "renamed", name="X")], history=history
        )
        assert "không tồn tại ngày 01/01/2007" in message
        message = refused(
            apply_decision, D(2005, 1, 1), "6", [Change(c1, "renamed", name="Y")], history=history
        )
        assert "đã có sự kiện ngày 01/01/2006" in message
    assert shared.timelines == before
    _same_history(shared)
    assert shared.tree_on(D(2008, 6, 1)).states[c2.pk].parent_id == g2.pk
    assert section.pk not in shared.tree_on(D(2009, 1, 1)).states and g1.pk in shared.timelines


def test_a_decision_founding_several_writes_what_one_decision_each_writes(zone):
    """A decision that only founds organizations is written with one insert per table (`_found_together`):
    the same rows, in the same order, with their audit rows in the order of the one-by-one loop."""
    _root, _g1, g2, _section, _c1 = zone
    names = ["Chi bộ 7", "Chi bộ 8", "Chi bộ 9"]
    plain = {"id", "created_at", "updated_at", "organization_id", "search_key", "sort_key"}

    def fields(obj) -> dict:
        return {k: v for k, v in vars(obj).items() if k not in plain and not k.startswith("_")}

    def found(together: bool):
        start = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
        shared = History.load()
        changes = [
            Found(f"N{i}", name, K.SUBORDINATE_CELL, Sector.ENTERPRISE, parent=g2)
            for i, name in enumerate(names)
        ]
        if together:
            events = apply_decision(D(2008, 1, 1), "9", changes, history=shared)
        else:
            events = [apply_decision(D(2008, 1, 1), "9", [change], history=shared)[0] for change in changes]
        _same_history(shared)
        pairs = [(event.organization, event) for event in events]
        assert [org.pk for org, _event in pairs] == sorted(org.pk for org, _event in pairs)
        assert [event.pk for event in events] == sorted(event.pk for event in events)
        assert [event.organization_id for org, event in pairs] == [org.pk for org, _event in pairs]
        entries = list(AuditEntry.objects.filter(id__gt=start).order_by("id"))
        written = [(e.kind, e.object_id, audit_text(e.after)) for e in entries]
        assert written == [
            (kind, str(obj.pk), audit.serialized(audit.snapshot(obj)))
            for org, event in pairs
            for kind, obj in (("create", org), ("event", event))
        ]
        assert audit.verify_chain() is None
        return [(fields(org), fields(event)) for org, event in pairs]

    with transaction.atomic():
        one_by_one = found(together=False)
        transaction.set_rollback(True)
    assert found(together=True) == one_by_one


def audit_text(value) -> str:
    return value if isinstance(value, str) else audit.serialized(value)
