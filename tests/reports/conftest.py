"""A small installation for the report tests:

    ROOT  Đảng ủy Khu kinh tế (upper committee, founded 2000)
    ├── CB-A  Chi bộ Công ty Ánh Dương (enterprise cell): 3 members, one admitted in 2024, one a woman
    └── CB-B  Chi bộ Công ty Biển Xanh (enterprise cell, founded 15/02/2024): 2 members admitted in 2024

Targets of 2024 for ROOT: admit 4 members, found 3 organizations. Users: a statistics viewer and a
standing-board member at ROOT, the secretary of cell A.
"""

import datetime
from dataclasses import dataclass

import pytest

from dangvu.accounts import services as account_services
from dangvu.accounts.demo import ensure_default_roles
from dangvu.members import services as member_services
from dangvu.members.choices import Gender
from dangvu.targets import services as target_services
from tests import factories as f

D = datetime.date
DAY = D(2024, 3, 31)


@dataclass
class World:
    root: object
    a: object
    b: object
    users: dict


def _target(root, measure, number):
    return target_services.create_target(
        {
            "assigner_name": "Ban Thường vụ Thành ủy",
            "receiver": root,
            "measure": measure,
            "period_kind": "year",
            "year": 2024,
            "number": number,
            "document_number": "45-TB/TU",
            "document_date": D(2024, 1, 22),
        }
    )


@pytest.fixture
def world(db) -> World:
    ensure_default_roles()
    root = f.root()
    a = f.org(parent=root, day=D(2010, 1, 1), code="CB-A", name="Chi bộ Công ty Ánh Dương")
    b = f.org(parent=root, day=D(2024, 2, 15), code="CB-B", name="Chi bộ Công ty Biển Xanh")
    an = f.member(a, D(2015, 5, 4), name="Nguyễn Văn An", birth=D(1985, 6, 1), national_id="031085001234")
    member_services.recognize(an, D(2016, 5, 4), "5-QĐ/ĐU")
    f.member(a, D(2018, 3, 1), name="Trần Thị Bích", gender=Gender.FEMALE, birth=D(1995, 2, 2))
    f.member(a, D(2024, 1, 10), name="Lê Văn Cường", birth=D(2000, 3, 3))
    f.member(b, D(2024, 2, 20), name="Phạm Văn Dũng", birth=D(1998, 4, 4))
    f.member(b, D(2024, 3, 5), name="Hoàng Thị Em", gender=Gender.FEMALE, birth=D(2001, 5, 5))
    _target(root, "admissions", 4)
    _target(root, "organizations_founded", 3)
    users = {}
    for username, org, role in (
        ("thongke", root, "statistics_viewer"),
        ("thuongtruc", root, "standing_board"),
        ("bithu", a, "cell_secretary"),
    ):
        users[username], _pw = account_services.add_user(
            username, organization=org, roles=[role], password="mat-khau-dai-1234"
        )
    return World(root, a, b, users)


@pytest.fixture
def login(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
