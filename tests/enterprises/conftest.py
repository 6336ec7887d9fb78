"""Builders for the enterprise tests, through the real services (so every rule runs)."""

import datetime
import itertools

from dangvu.enterprises import services
from dangvu.enterprises.choices import MassOrganizationKind, Ownership

D = datetime.date
_tax_codes = itertools.count(200000001)


def zone(code="AH", name="Khu công nghiệp An Hải", kind="industrial"):
    return services.create_zone({"code": code, "name": name, "kind": kind})


def enterprise(
    name="Công ty TNHH Điện tử Ánh Dương",
    *,
    zone=None,
    countries=("JP",),
    ownership=Ownership.FOREIGN,
    industry="electronics",
    licensed=D(2015, 1, 1),
    operating=None,
    tax_code=None,
    **data,
):
    created = services.create_enterprise(
        {
            "name": name,
            "tax_code": tax_code or f"0{next(_tax_codes)}",
            "zone": zone,
            "ownership": ownership,
            "industry": industry,
            "countries": list(countries),
            **data,
        },
        status="licensed",
        date=licensed,
        decision_number="GCNĐT 1",
    )
    if operating is not None:
        services.record_status(created, "operating", operating)
    return created


def workforce(company, day, workers, women=0, young=0):
    return services.record_workforce(
        company, {"date": day, "workers": workers, "women": women, "young_workers": young}
    )


def mass_org(company=None, day=D(2016, 3, 1), *, kind=MassOrganizationKind.TRADE_UNION, name=None, **data):
    label = {"trade_union": "Công đoàn cơ sở", "youth_union": "Đoàn cơ sở"}.get(kind, "Hội")
    return services.found_mass_organization(
        {
            "kind": kind,
            "name": name or f"{label} {company.name if company else data.get('unit', '')}",
            "enterprise": company,
            "founded_on": day,
            "founding_decision": "1/QĐ-CĐKKT",
            **data,
        }
    )


def members(org, day, count):
    return services.record_membership(org, {"date": day, "members": count})
