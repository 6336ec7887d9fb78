"""A small committee with admissions and foundings on known dates, for the targets tests.

ROOT (upper committee, from 2000) with CB-A (enterprise cell, 2005), DB-C (grassroots committee, 2005) and
its cell CB-C1 (2005). Admissions in 2024: CB-A on 10/01 and 20/02, CB-C1 on 15/03 and 01/06. CB-N, a new
cell, is founded under ROOT on 01/02/2024."""

import datetime

import pytest

from dangvu.accounts.models import Role, User
from dangvu.organizations.choices import OrganizationKind
from tests import factories as f

D = datetime.date


class Committee:
    def __init__(self):
        self.root = f.root()
        self.a = f.org(parent=self.root, day=D(2005, 1, 1), code="CB-A", name="Chi bộ Công ty Ánh Dương")
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
        self.n = f.org(parent=self.root, day=D(2024, 2, 1), code="CB-N", name="Chi bộ Công ty Bình Minh")
        # Members of long standing (for ratings), then the admissions of 2024.
        self.old = [
            f.member(self.a, D(2015, 5, 1 + i), name=f"Nguyễn Văn {name}")
            for i, name in enumerate("ABCDEFGHIK")
        ]
        self.admitted = [
            f.member(self.a, D(2024, 1, 10), name="Trần Thị Lan"),
            f.member(self.a, D(2024, 2, 20), name="Lê Văn Minh"),
            f.member(self.c1, D(2024, 3, 15), name="Phạm Văn Nam"),
            f.member(self.c1, D(2024, 6, 1), name="Đỗ Thị Oanh"),
        ]


@pytest.fixture
def committee(db):
    return Committee()


def user_with(username, organization, permissions) -> User:
    user = User.objects.create_user(username, password="mat-khau-dai-1234", organization=organization)
    role = Role.objects.create(code=f"test-{username}", name=username, permissions=list(permissions))
    user.roles.add(role)
    return user


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-1234")
