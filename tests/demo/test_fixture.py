"""The `demo_db` fixture under transactional tests (browser tests with `live_server` are transactional): each
such test sees the demo as loaded, whatever the test before it wrote, although the database is flushed
after each of them."""

import datetime

import pytest

from dangvu.organizations import services
from dangvu.organizations.choices import OrganizationKind, Sector
from dangvu.organizations.models import Organization

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_transactional_test_writes_for_real(demo_db):
    assert Organization.objects.count() == 96
    services.found_organization(
        datetime.date(2024, 6, 20),
        "1-QĐ/ĐU",
        code="THU",
        name="Chi bộ thử",
        kind=OrganizationKind.GRASSROOTS_CELL,
        sector=Sector.ENTERPRISE,
        parent=demo_db.root,
    )
    assert Organization.objects.count() == 97


def test_the_next_one_sees_the_demo_as_loaded(demo_db):
    assert Organization.objects.count() == 96
    assert not Organization.objects.filter(code="THU").exists()
    assert demo_db.root.pk == Organization.objects.get(code="KKT").pk
