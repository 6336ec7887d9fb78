"""A small committee for the API tests, and clients authenticated by token."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dangvu.accounts.models import Role, User
from dangvu.members import services
from dangvu.members.choices import Gender
from dangvu.organizations.choices import OrganizationKind, Sector
from tests import factories as f

D = datetime.date


class Committee:
    """ROOT (upper committee) with: CB-A, an enterprise grassroots cell; CB-B, an administrative grassroots
    cell founded in 2012; DB-C, an enterprise grassroots committee with its subordinate cell CB-C1."""

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
            OrganizationKind.GRASSROOTS_COMMITTEE, parent=self.root, day=D(2005, 1, 1), code="DB-C",
            name="Đảng bộ Công ty Đông Hải",
        )  # fmt: skip
        self.c1 = f.org(
            OrganizationKind.SUBORDINATE_CELL, parent=self.c, day=D(2005, 1, 1), code="CB-C1",
            name="Chi bộ Phân xưởng 1",
        )  # fmt: skip
        self.hang = f.member(
            self.a, D(2015, 5, 4), name="Nguyễn Thị Hằng", gender=Gender.FEMALE, national_id="031190000001"
        )
        services.recognize(self.hang, D(2016, 5, 4))
        self.binh = f.member(self.b, D(2016, 3, 1), name="Trần Văn Bình", national_id="031190000002")
        services.recognize(self.binh, D(2017, 3, 1))
        self.duc = f.member(self.c1, D(2023, 6, 1), name="Lê Văn Đức", national_id="031190000003")
        self.dung = f.member(self.c1, D(2010, 9, 2), name="Phạm Văn Dũng", national_id="031190000004")
        services.recognize(self.dung, D(2011, 9, 2))
        self.an = f.member(self.a, D(2019, 1, 7), name="Nguyên Văn An", national_id="031190000005")
        services.recognize(self.an, D(2020, 1, 7))
        # Left the Party in 2022: not a member any more.
        self.gone = f.member(self.a, D(2012, 2, 1), name="Hoàng Văn Cường", national_id="031190000006")
        services.recognize(self.gone, D(2013, 2, 1))
        services.record_event(self.gone, kind="left", date=D(2022, 8, 1))


@pytest.fixture
def committee(db):
    return Committee()


def client_for(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("quantri", password="mat-khau-dai-1")


@pytest.fixture
def api(admin_user):
    """A client authenticated by token as a superuser (every permission, every organization)."""
    return client_for(admin_user)


def user_with_role(username, role_code, organization=None) -> User:
    user = User.objects.create_user(username, password="mat-khau-dai-1", organization=organization)
    user.roles.set([Role.objects.get(code=role_code)])
    return user
