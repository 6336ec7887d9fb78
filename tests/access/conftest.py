"""A small installation with two cells, users of every role at cell A and records at both cells.

    ROOT (upper committee)
    ├── CB-A  enterprise grassroots cell: the users of every role; member An; discipline of An
    └── CB-B  enterprise grassroots cell: member Bình; discipline of Bình

"In scope" is an object of cell A, "out of scope" the same kind of object at cell B (the users' roles apply
to cell A and what is under it, and B is not under A).
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from rest_framework.authtoken.models import Token

from dangvu.accounts import services as account_services
from dangvu.accounts.demo import ensure_default_roles
from dangvu.accounts.models import User
from dangvu.accounts.permissions import DEFAULT_ROLES
from dangvu.core.models import AuditEntry
from dangvu.inspection.services import record_discipline
from dangvu.members import services as member_services
from dangvu.organizations import services as org_services
from tests import factories as f

D = datetime.date
PASSWORD = "mat-khau-dai-1234"
ROLE_CODES = tuple(DEFAULT_ROLES)


@dataclass
class World:
    root: object
    a: object
    b: object
    users: dict = field(default_factory=dict)  # role code (or "superuser") → User at cell A
    tokens: dict = field(default_factory=dict)  # username → API token key
    scopes: dict = field(default_factory=dict)  # "in"/"out" → {name: value} for URL kwargs and queries


def build_world() -> World:
    ensure_default_roles()  # a transactional test's flushed database has none
    root = f.root()
    a = f.org(parent=root, day=D(2005, 1, 1), code="CB-A", name="Chi bộ Công ty Ánh Dương")
    b = f.org(parent=root, day=D(2005, 1, 1), code="CB-B", name="Chi bộ Công ty Biển Xanh")
    world = World(root, a, b)
    records = {}
    for scope, org, name in (("in", a, "Nguyễn Văn An"), ("out", b, "Trần Thị Bình")):
        member = f.member(org, D(2015, 5, 4), name=name, phone="0912345678", home_province="Hải Phòng")
        event = member_services.recognize(member, D(2016, 5, 4), "5-QĐ/ĐU")
        org_event = org_services.rename(org, D(2020, 1, 1), "7-QĐ/ĐU", org.name + " (mới)")
        discipline = record_discipline(
            member,
            form="reprimand",
            date=D(2023, 5, 4),
            decision_number="12-QĐ/UBKT",
            issuer="Ủy ban Kiểm tra Đảng ủy",
            reason="Vi phạm quy chế làm việc",
        )
        target, _pw = account_services.add_user(
            f"dich_{scope}", organization=org, roles=["cell_secretary"], password=PASSWORD
        )
        records[scope] = {
            "member": member.pk,
            "member_event": event.pk,
            "org": org.pk,
            "code": org.code,
            "org_event": org_event.pk,
            "discipline": discipline.pk,
            "user": target.pk,
        }
    for code in ROLE_CODES:
        user, _pw = account_services.add_user(code, organization=a, roles=[code], password=PASSWORD)
        world.users[code] = user
    world.users["superuser"] = User.objects.create_superuser("superuser", password=PASSWORD)
    extra = account_services.create_role("extra", "Vai trò thử", ["figures.view"])
    for user in world.users.values():
        world.tokens[user.username] = Token.objects.create(user=user).key
    shared = {"role": extra.pk}
    for app, builder in OTHER_APPS.items():
        if apps.is_installed(app):
            shared.update(builder(world, records))
    shared["audit"] = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True)[0]
    world.scopes = {scope: {**values, **shared} for scope, values in records.items()}
    return world


# The records of the other apps, in and out of scope ------------------------------------------------------


def _member(records, scope):
    from dangvu.members.models import Member

    return Member.objects.get(pk=records[scope]["member"])


def development_records(world, records) -> dict:
    """A candidate with a training step at each cell; a stalled candidate at each cell, whose reminder goes
    to the secretary of that cell (the "in" one to the user of role cell_secretary); a holiday."""
    from dangvu.accounts.models import User
    from dangvu.development import services
    from dangvu.development.models import Notification
    from tests.development.helpers import propose

    for scope, cell, name in (("in", world.a, "Vũ Thị Hạnh"), ("out", world.b, "Đỗ Văn Hải")):
        candidate = propose(cell, name=name)
        step = services.record_training(candidate, date=D(2023, 2, 10), certificate_number="101/GCN-TTCT")
        stalled = propose(cell, name=f"{name} Hai", day=D(2022, 6, 1))
        records[scope].update({"candidate": candidate.pk, "step": step.pk, "stalled": stalled.pk})
    services.record_reminders(D(2023, 6, 10))
    for scope, username in (("in", "cell_secretary"), ("out", "dich_out")):
        records[scope]["notification"] = Notification.objects.get(
            user=User.objects.get(username=username), candidate_id=records[scope]["stalled"]
        ).pk
    return {"holiday": services.add_holiday(D(2023, 12, 26), "Nghỉ bù").pk}


def enterprise_records(world, records) -> dict:
    """At each cell an enterprise it covers, with its status, workforce, trade union and its membership, and
    the workplace of the cell's member; one zone (zones are no one's)."""
    from dangvu.enterprises import services
    from tests.enterprises import conftest as builders

    zone = builders.zone()
    for scope, cell, name in (
        ("in", world.a, "Công ty TNHH Ánh Dương"),
        ("out", world.b, "Công ty TNHH Biển Xanh"),
    ):
        company = builders.enterprise(name, zone=zone, operating=D(2016, 1, 1))
        coverage = services.link_party_organization(cell, company, D(2016, 1, 1))
        union = builders.mass_org(company)
        records[scope].update(
            {
                "enterprise": company.pk,
                "status_change": company.status_changes.order_by("date", "id").first().pk,
                "coverage": coverage.pk,
                "workforce": builders.workforce(company, D(2023, 12, 31), 120, 60).pk,
                "mass_org": union.pk,
                "membership": builders.members(union, D(2023, 12, 31), 80).pk,
                "workplace": services.record_workplace(_member(records, scope), company, D(2016, 1, 1)).pk,
            }
        )
    return {"zone": zone.code}


def target_records(world, records) -> dict:
    """At each cell a target it received, a rating of its member, an emulation criterion it set and a
    commendation of it."""
    from dangvu.targets import services

    for scope, cell in (("in", world.a), ("out", world.b)):
        target = services.create_target(
            {
                "assigner_name": "Ban Thường vụ Thành ủy",
                "receiver": cell,
                "measure": "admissions",
                "period_kind": "year",
                "year": 2024,
                "number": 2,
                "document_number": "45-TB/TU",
                "document_date": D(2024, 1, 22),
            }
        )
        [rating] = services.record_ratings(
            cell, 2023, [{"member": _member(records, scope), "level": "complete"}]
        )
        criterion = services.create_criterion(
            {"owner": cell, "year": 2024, "name": "Sinh hoạt", "kind": "manual", "max_points": "30"}
        )
        decision = services.record_commendation(
            {
                "number": f"86-QĐ/ĐU-{scope}",
                "date": D(2024, 6, 14),
                "issuer": "Đảng ủy Khu kinh tế",
                "form": "Giấy khen",
                "reason": "Thành tích xuất sắc",
            },
            collectives=[cell],
        )
        records[scope].update(
            {"target": target.pk, "rating": rating.pk, "criterion": criterion.pk, "commendation": decision.pk}
        )
    return {}


def transfer_records(world, records) -> dict:
    """An import run of the user of role organization_board ("in") and one of the secretary of cell B."""
    from dangvu.accounts.models import User
    from dangvu.transfer.models import ImportRun

    for scope, username in (("in", "organization_board"), ("out", "dich_out")):
        run = ImportRun.objects.create(
            user=User.objects.get(username=username),
            filename="dang-vien.xlsx",
            sha256="0" * 64,
            status=ImportRun.Status.CHECKED,
            problems=[],
        )
        records[scope]["import_run"] = run.pk
    return {}


def report_records(world, records) -> dict:
    """A finished background report of the user of role standing_board ("in") and one of the secretary of
    cell B ("out")."""
    from dangvu.accounts.models import User
    from dangvu.reports.models import ReportRun

    for scope, username, cell in (("in", "standing_board", world.a), ("out", "dich_out", world.b)):
        run = ReportRun.objects.create(
            user=User.objects.get(username=username),
            slug="statistics",
            title="Báo cáo thống kê",
            organization=cell,
            as_of=D(2024, 3, 31),
            format="json",
            status=ReportRun.Status.DONE,
            content=b"{}",
            filename="bao-cao.json",
            summary={
                "report": "statistics",
                "title": "Báo cáo thống kê",
                "org": cell.code,
                "as_of": "2024-03-31",
                "format": "json",
            },
        )
        records[scope]["report_run"] = run.pk
    return {}


OTHER_APPS = {
    "dangvu.development": development_records,
    "dangvu.enterprises": enterprise_records,
    "dangvu.targets": target_records,
    "dangvu.transfer": transfer_records,
    "dangvu.reports": report_records,
}


@pytest.fixture
def world(db):
    return build_world()
