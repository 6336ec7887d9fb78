"""Actions on zones, enterprises, mass organizations, their snapshots, party coverage and members'
workplaces. Each one validates, writes and records its audit row in one transaction, and refuses with
Vietnamese messages that say what to fix, writing nothing (Zulip-style actions). Views, the API, the
importer, the demo loader and the command line all call these, as `services.<action>`.
"""

from .common import clean_tax_code, enterprise_sort_key, status_on
from .coverage import end_party_coverage, end_workplace, link_party_organization, record_workplace
from .mass_organizations import (
    MASS_ORG_CHANGE_FIELDS,
    MASS_ORG_CREATE_FIELDS,
    change_membership,
    delete_membership,
    dissolve_mass_organization,
    found_mass_organization,
    record_membership,
    update_mass_organization,
)
from .register import (
    ENTERPRISE_FIELDS,
    change_workforce,
    create_enterprise,
    create_zone,
    delete_workforce,
    record_status,
    record_workforce,
    update_enterprise,
    update_zone,
    void_status_change,
)

__all__ = [
    "ENTERPRISE_FIELDS",
    "MASS_ORG_CHANGE_FIELDS",
    "MASS_ORG_CREATE_FIELDS",
    "change_membership",
    "change_workforce",
    "clean_tax_code",
    "create_enterprise",
    "create_zone",
    "delete_membership",
    "delete_workforce",
    "dissolve_mass_organization",
    "end_party_coverage",
    "end_workplace",
    "enterprise_sort_key",
    "found_mass_organization",
    "link_party_organization",
    "record_membership",
    "record_status",
    "record_workforce",
    "record_workplace",
    "status_on",
    "update_enterprise",
    "update_mass_organization",
    "update_zone",
    "void_status_change",
]
