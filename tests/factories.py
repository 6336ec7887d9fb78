"""Builders for tests: organizations and members through the real services (so validation runs)."""

import datetime
import itertools

from dangvu.members import services as member_services
from dangvu.members.choices import EventKind, Gender
from dangvu.organizations import services as org_services
from dangvu.organizations.choices import OrganizationKind, Sector

_codes = itertools.count(1)
_ids = itertools.count(100000000001)

D = datetime.date


def org(
    kind=OrganizationKind.GRASSROOTS_CELL,
    parent=None,
    day=D(2010, 1, 1),
    sector=Sector.ENTERPRISE,
    code=None,
    name=None,
    **extra,
):
    code = code or f"T{next(_codes):04d}"
    return org_services.found_organization(
        day,
        f"{code}-QĐ/ĐU",
        code=code,
        name=name or f"Chi bộ {code}",
        kind=kind,
        sector=sector,
        parent=parent,
        **extra,
    )


def root(day=D(2000, 1, 1), code="ROOT"):
    return org(
        OrganizationKind.UPPER_COMMITTEE,
        code=code,
        name="Đảng ủy Khu kinh tế",
        day=day,
        sector=Sector.ADMINISTRATIVE,
        external_parent="Thành ủy Hải Phòng",
    )


def member(
    organization,
    admitted=D(2015, 5, 1),
    *,
    name="Nguyễn Văn An",
    gender=Gender.MALE,
    birth=D(1990, 1, 1),
    national_id=None,
    ceremony=None,
    **data,
):
    return member_services.create_member(
        {
            "full_name": name,
            "gender": gender,
            "birth_date": birth,
            "national_id": national_id or str(next(_ids)),
            **data,
        },
        first_event={
            "kind": EventKind.ADMISSION,
            "date": admitted,
            "organization": organization,
            "ceremony_date": ceremony or admitted,
            "decision_number": "1-QĐ/ĐU",
        },
    )
