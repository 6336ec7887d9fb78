"""What tests/access/test_audit_coverage.py runs for each model of the project's apps.

`SCENARIOS`: model label → a function that creates, changes and ends (deletes, voids, deactivates) records of
that model through the services, the way the pages, the API and the commands do. `PROJECTIONS`: the models
that no action writes on their own, each with the reason its rows need no audit entry of their own. A model
of an app `dangvu.*` in neither fails the coverage test: a new model needs its scenario (and its actions
their audit rows) or a justified place here.
"""

import datetime

import pyotp

from dangvu.accounts import services as accounts
from dangvu.core import rule_values
from dangvu.inspection import services as inspection
from dangvu.members import services as members
from dangvu.organizations import services as organizations
from tests import factories as f

D = datetime.date

PROJECTIONS: dict[str, str] = {
    "core.AuditEntry": "the audit trail itself: append-only, each row chained to the previous one",
    "accounts.FailedLogin": (
        "the lock-out's counter: each row is written with its LOGIN_FAILED audit entry "
        "(accounts.security.record_failed_login) and removed by unlock_user, whose UPDATE entry says so"
    ),
    "members.MembershipPeriod": (
        "the projection of a member's ledger (members.services.rebuild_periods), rewritten in the same "
        "transaction as the MembershipEvent whose EVENT or CORRECTION entry records the change"
    ),
    "development.Introduction": (
        "the introducers of an introduction step, written with the step and listed in the `after` of the "
        "step's EVENT entry"
    ),
    "transfer.ImportRun": (
        "the progress record of an import job for its page (status, counters, the file until it is "
        "written); the import itself is one IMPORT entry with the file's SHA-256 and what it wrote "
        "(transfer.importer.run_import), and the rows it writes are audited by the services it calls"
    ),
    "reports.ReportRun": (
        "the progress record of a report generated in the background for its page (status, counters, the "
        "file for the user who asked); each download of the file is an EXPORT entry saying what it held "
        "(reports.services.record_export)"
    ),
    "enterprises.InvestorCountry": (
        "the investor countries of an enterprise, part of the enterprise's snapshot in its CREATE and "
        "UPDATE entries"
    ),
}

# Columns that repeat, on a row, what its own ledger says: a save that writes only these is the projection
# of a ledger entry, recorded by that entry's audit row.
PROJECTED_FIELDS: dict[str, tuple[set[str], str]] = {
    "development.Candidate": (
        {"stage", "stage_on", "preparing_organization", "updated_at"},
        "the candidate's current step, copied from its latest effective step (development.services."
        "_refresh_stage) in the transaction of the step, whose EVENT or CORRECTION entry records it",
    ),
}


def _cell():
    root = f.root()
    return root, f.org(parent=root, code="CB-A", day=D(2005, 1, 1))


# Core, accounts -------------------------------------------------------------------------------------------


def rule_value():
    row = rule_values.set_rule_value("probation.months", 12, D(2024, 1, 1), source="Thử")
    row = rule_values.set_rule_value("probation.months", 11, D(2024, 1, 1), source="Thử, sửa")
    rule_values.delete_rule_value(row)


def role():
    created = accounts.create_role("thu", "Vai trò thử", ["members.view"])
    accounts.update_role(created, permissions=["members.view", "figures.view"], requires_two_factor=True)
    accounts.delete_role(created)


def user():
    _root, cell = _cell()
    created, _password = accounts.add_user("thu", organization=cell, roles=["cell_secretary"])
    accounts.change_user(created, roles=["statistics_viewer"], full_name="Lê Thu")
    accounts.reset_password(created)
    accounts.new_token(created)
    accounts.revoke_token(created)
    accounts.set_active(created, False)


def totp_device():
    _root, cell = _cell()
    owner, _password = accounts.add_user("thu", organization=cell, roles=["cell_secretary"])
    device = accounts.start_two_factor(owner)
    assert accounts.confirm_two_factor(device, pyotp.TOTP(device.secret).now())
    accounts.reset_two_factor(owner)


# Organizations, members, discipline -----------------------------------------------------------------------


def organization():
    root, cell = _cell()
    organizations.rename(cell, D(2010, 1, 1), "2-QĐ/ĐU", "Chi bộ Công ty Mới")
    organizations.dissolve(cell, D(2012, 1, 1), "3-QĐ/ĐU")
    del root


def organization_event():
    _root, cell = _cell()
    event = organizations.rename(cell, D(2010, 1, 1), "2-QĐ/ĐU", "Chi bộ Công ty Mới")
    organizations.void_event(event, "Ghi nhầm quyết định")


def member():
    """A member is never deleted (a ledger event ends the membership): created, then changed."""
    _root, cell = _cell()
    created = f.member(cell, D(2015, 5, 4))
    members.update_member(created, {"phone": "0912345678", "home_province": "Hải Phòng"})


def membership_event():
    _root, cell = _cell()
    person = f.member(cell, D(2015, 5, 4))
    event = members.recognize(person, D(2016, 5, 4))
    members.correct_event(event, "Sai ngày", replacement={"kind": "recognition", "date": D(2016, 5, 5)})


def discipline_record():
    _root, cell = _cell()
    person = f.member(cell, D(2015, 5, 4))
    record = inspection.record_discipline(
        person,
        form="expulsion",
        date=D(2023, 5, 4),
        decision_number="1-QĐ/UBKT",
        issuer="UBKT",
        reason="Vi phạm",
    )
    inspection.void_discipline(record, "Quyết định bị hủy")


# Member development ---------------------------------------------------------------------------------------


def _development_world():
    from tests.development import helpers

    return helpers, helpers.world()


def candidate():
    from dangvu.development import services

    helpers, world = _development_world()
    created = helpers.propose(world["cell"])
    services.update_candidate(created, {"phone": "0987654321"})
    services.stop_candidate(created, date=D(2023, 3, 1), reason="Chuyển công tác")


def candidate_step():
    from dangvu.development import services

    helpers, world = _development_world()
    created = helpers.propose(world["cell"])
    step = services.record_training(created, date=D(2023, 2, 10), certificate_number="101/GCN-TTCT")
    services.void_step(step, "Ghi nhầm số giấy chứng nhận")


def notification():
    from dangvu.development import services
    from dangvu.development.models import Notification

    helpers, world = _development_world()
    accounts.add_user("bt_a", organization=world["cell"], roles=["cell_secretary"])
    helpers.propose(world["cell"], name="Lý Văn Phúc", day=D(2022, 6, 1))
    assert services.record_reminders(D(2023, 6, 10))
    services.mark_notification_read(Notification.objects.get())


def holiday():
    from dangvu.development import services

    created = services.add_holiday(D(2023, 12, 26), "Nghỉ bù")
    services.remove_holiday(created)


# Enterprises ----------------------------------------------------------------------------------------------


def _enterprises():
    from dangvu.enterprises import services
    from tests.enterprises import conftest as builders

    return services, builders


def zone():
    services, builders = _enterprises()
    created = builders.zone()
    services.update_zone(created, {"name": "Khu công nghiệp An Hải mở rộng"})


def enterprise():
    services, builders = _enterprises()
    created = builders.enterprise(countries=("JP", "KR"))
    services.update_enterprise(created, {"countries": ["KR"], "name": "Công ty TNHH Ánh Dương Mới"})


def enterprise_status_change():
    services, builders = _enterprises()
    created = builders.enterprise()
    change = services.record_status(created, "operating", D(2016, 1, 1))
    services.void_status_change(change, "Ghi nhầm ngày")


def workforce_snapshot():
    services, builders = _enterprises()
    snapshot = builders.workforce(builders.enterprise(operating=D(2016, 1, 1)), D(2023, 12, 31), 120, 60)
    services.change_workforce(snapshot, {"workers": 125})
    services.delete_workforce(snapshot)


def mass_organization():
    services, builders = _enterprises()
    created = builders.mass_org(builders.enterprise(operating=D(2016, 1, 1)))
    services.update_mass_organization(created, {"chair": "Trần Văn Hùng"})
    services.dissolve_mass_organization(created, D(2023, 1, 1), "9/QĐ")


def membership_snapshot():
    services, builders = _enterprises()
    snapshot = builders.members(
        builders.mass_org(builders.enterprise(operating=D(2016, 1, 1))), D(2023, 1, 1), 80
    )
    services.change_membership(snapshot, {"members": 85})
    services.delete_membership(snapshot)


def party_coverage():
    services, builders = _enterprises()
    _root, cell = _cell()
    coverage = services.link_party_organization(cell, builders.enterprise(), D(2016, 1, 1))
    services.end_party_coverage(coverage, D(2020, 1, 1))


def workplace():
    services, builders = _enterprises()
    _root, cell = _cell()
    created = services.record_workplace(f.member(cell, D(2015, 5, 4)), builders.enterprise(), D(2016, 1, 1))
    services.end_workplace(created, D(2020, 1, 1))


# Targets, ratings, emulation, commendations ---------------------------------------------------------------


def _targets():
    from dangvu.targets import services
    from tests.targets.conftest import Committee

    return services, Committee()


def _target_data(committee, **extra):
    return {
        "assigner_name": "Ban Thường vụ Thành ủy",
        "receiver": committee.root,
        "measure": "admissions",
        "period_kind": "year",
        "year": 2024,
        "number": 8,
        "document_number": "45-TB/TU",
        "document_date": D(2024, 1, 22),
        **extra,
    }


def target():
    services, committee = _targets()
    created = services.create_target(_target_data(committee))
    services.update_target(created, {"number": 9})
    services.split_target(created, [{"receiver": committee.a, "number": 9}])
    services.delete_target(created)


def quality_rating():
    services, committee = _targets()
    services.record_ratings(committee.a, 2023, [{"member": committee.old[0], "level": "good"}])
    services.record_ratings(committee.a, 2023, [{"member": committee.old[0], "level": "complete"}])
    services.record_ratings(committee.a, 2023, [{"member": committee.old[0], "level": ""}])


def _criterion(services, committee):
    return services.create_criterion(
        {"owner": committee.root, "year": 2024, "name": "Sinh hoạt", "kind": "manual", "max_points": "30"}
    )


def emulation_criterion():
    services, committee = _targets()
    created = _criterion(services, committee)
    services.update_criterion(created, {"max_points": "25"})
    services.delete_criterion(created)


def emulation_score():
    services, committee = _targets()
    criterion = _criterion(services, committee)
    services.record_scores(criterion, [{"organization": committee.a, "points": "20", "evidence": "Biên bản"}])
    services.record_scores(criterion, [{"organization": committee.a, "points": "22", "evidence": "Biên bản"}])
    services.delete_criterion(criterion)


def _commendation(services, committee):
    data = {
        "number": "86-QĐ/ĐU",
        "date": D(2024, 6, 14),
        "issuer": "Đảng ủy Khu kinh tế",
        "form": "Giấy khen",
        "reason": "Thành tích xuất sắc",
    }
    return services.record_commendation(data, collectives=[committee.a], individuals=committee.old[:2])


def commendation_decision():
    services, committee = _targets()
    decision = _commendation(services, committee)
    services.update_commendation(decision, {"form": "Bằng khen"})
    services.delete_commendation(decision)


def commendation():
    services, committee = _targets()
    services.delete_commendation(_commendation(services, committee))


SCENARIOS = {
    "core.RuleValue": rule_value,
    "accounts.Role": role,
    "accounts.User": user,
    "accounts.TOTPDevice": totp_device,
    "organizations.Organization": organization,
    "organizations.OrganizationEvent": organization_event,
    "members.Member": member,
    "members.MembershipEvent": membership_event,
    "inspection.DisciplineRecord": discipline_record,
    "development.Candidate": candidate,
    "development.CandidateStep": candidate_step,
    "development.Notification": notification,
    "development.Holiday": holiday,
    "enterprises.Zone": zone,
    "enterprises.Enterprise": enterprise,
    "enterprises.EnterpriseStatusChange": enterprise_status_change,
    "enterprises.WorkforceSnapshot": workforce_snapshot,
    "enterprises.MassOrganization": mass_organization,
    "enterprises.MembershipSnapshot": membership_snapshot,
    "enterprises.PartyCoverage": party_coverage,
    "enterprises.Workplace": workplace,
    "targets.Target": target,
    "targets.QualityRating": quality_rating,
    "targets.EmulationCriterion": emulation_criterion,
    "targets.EmulationScore": emulation_score,
    "targets.CommendationDecision": commendation_decision,
    "targets.Commendation": commendation,
}
