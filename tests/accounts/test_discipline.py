import datetime

import pytest
from django.core.exceptions import ValidationError

from dangvu.accounts import services
from dangvu.accounts.models import Role
from dangvu.figures.counting import Scope, member_counts
from dangvu.inspection.models import DisciplineRecord
from dangvu.inspection.services import record_discipline
from dangvu.organizations.tree import History
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


def test_discipline_is_seen_only_by_inspection_and_admin():
    root = f.root()
    cell = f.org(parent=root, code="A")
    member = f.member(cell, name="Phạm Văn Dũng")
    record_discipline(
        member,
        form="warning",
        date=D(2023, 5, 4),
        decision_number="12-QĐ/UBKT",
        issuer="Ủy ban Kiểm tra Đảng ủy",
        reason="Vi phạm quy chế",
    )
    seen = {}
    for role in Role.objects.all():
        user, _pw = services.add_user(f"u_{role.code}", organization=root, roles=[role.code])
        seen[role.code] = DisciplineRecord.objects.visible_to(user).count()
    assert seen.pop("inspection_committee") == 1
    assert seen.pop("admin") == 1
    assert set(seen.values()) == {0}, seen
    secretary, _pw = services.add_user("bt", organization=cell, roles=["cell_secretary"])
    assert DisciplineRecord.objects.visible_to(secretary).count() == 0


def test_expulsion_ends_the_membership_and_bad_input_writes_nothing():
    root = f.root()
    cell = f.org(parent=root)
    member = f.member(cell)
    with pytest.raises(ValidationError):
        record_discipline(
            member, form="expulsion", date=D(2023, 5, 4), decision_number="", issuer="UBKT", reason="x"
        )
    assert not DisciplineRecord.objects.exists()
    record_discipline(
        member,
        form="expulsion",
        date=D(2023, 5, 4),
        decision_number="3-QĐ/ĐU",
        issuer="Đảng ủy",
        reason="Vi phạm nghiêm trọng",
    )
    counts = member_counts(Scope(D(2023, 5, 4), root.pk, History.load()))
    assert counts.total == 0
    assert member_counts(Scope(D(2023, 5, 3), root.pk, History.load())).total == 1
