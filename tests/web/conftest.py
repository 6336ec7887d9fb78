"""A small committee for the page tests, and logged-in clients."""

import datetime

import pytest

from dangvu.accounts.models import Role, User
from dangvu.members import services
from dangvu.members.choices import Gender
from dangvu.organizations.choices import OrganizationKind, Sector
from tests import factories as f

D = datetime.date


class Committee:
    """ROOT (upper committee) with CB-A (enterprise grassroots cell), CB-B (administrative grassroots cell,
    founded 2012) and DB-C (enterprise grassroots committee) with its subordinate cell CB-C1."""

    def __init__(self):
        self.root = f.root()
        self.a = f.org(parent=self.root, day=D(2005, 1, 1), code="CB-A", name="Chi bộ Công ty Ánh Dương")
        self.b = f.org(
            parent=self.root,
            day=D(2012, 1, 1),
            code="CB-B",
            name="Chi bộ Ban Quản lý",
            sector=Sector.ADMINISTRATIVE,
        )
        self.c = f.org(
            OrganizationKind.GRASSROOTS_COMMITTEE,
            parent=self.root,
            day=D(2005, 1, 1),
            code="DB-C",
            name="Đảng bộ Công ty Đông Hải",
        )
        self.c1 = f.org(
            OrganizationKind.SUBORDINATE_CELL,
            parent=self.c,
            day=D(2005, 1, 1),
            code="CB-C1",
            name="Chi bộ Phân xưởng 1",
        )
        self.hang = f.member(
            self.a,
            D(2015, 5, 4),
            name="Nguyễn Thị Hằng",
            gender=Gender.FEMALE,
            birth=D(1990, 4, 2),
            national_id="031190001234",
            card_number="52001234",
        )
        services.recognize(self.hang, D(2016, 5, 4))
        self.binh = f.member(
            self.b, D(2016, 3, 1), name="Trần Văn Bình", birth=D(1975, 6, 1), national_id="031190000002"
        )
        services.recognize(self.binh, D(2017, 3, 1))
        self.duc = f.member(
            self.c1, D(2023, 6, 1), name="Đặng Văn Đức", birth=D(1998, 2, 3), national_id="031190000003"
        )
        self.dung = f.member(
            self.c1, D(2010, 9, 2), name="Phạm Văn Dũng", birth=D(1985, 1, 1), national_id="031190000004"
        )
        services.recognize(self.dung, D(2011, 9, 2))
        self.an = f.member(
            self.a, D(2019, 1, 7), name="Nguyên Văn An", birth=D(1992, 1, 1), national_id="031190000005"
        )
        services.recognize(self.an, D(2020, 1, 7))
        # Left the Party in 2022: not a member any more.
        self.gone = f.member(
            self.a, D(2012, 2, 1), name="Hoàng Văn Cường", birth=D(1980, 1, 1), national_id="031190000006"
        )
        services.recognize(self.gone, D(2013, 2, 1))
        services.record_event(self.gone, kind="left", date=D(2022, 8, 1))


@pytest.fixture
def committee(db):
    return Committee()


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-1234")


@pytest.fixture
def client_admin(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def viewer_user(committee):
    """A user of the root organization who may see everything under it but change nothing."""
    user = User.objects.create_user("xem", password="mat-khau-dai-1234", organization=committee.root)
    role = Role.objects.create(
        code="web-viewer", name="Xem", permissions=["members.view", "organizations.view", "figures.view"]
    )
    user.roles.add(role)
    return user


@pytest.fixture
def client_viewer(client, viewer_user):
    client.force_login(viewer_user)
    return client
