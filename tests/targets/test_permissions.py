"""The permissions of targets, ratings, emulation and commendations in the default roles, and the data
migration that adds them to roles created before they existed."""

import importlib

import pytest
from django.apps import apps

from dangvu.accounts.models import Role
from dangvu.accounts.permissions import DEFAULT_ROLES

pytestmark = pytest.mark.django_db
NEW = {
    "targets.view",
    "targets.change",
    "ratings.view",
    "ratings.change",
    "emulation.change",
    "commendations.view",
    "commendations.change",
}


def test_default_roles():
    perms = {
        code: {str(p) for p in permissions} for code, (_name, permissions, _tfa) in DEFAULT_ROLES.items()
    }
    assert perms["admin"] >= NEW
    assert perms["statistics_viewer"] & NEW == {"targets.view"}
    assert {"ratings.change", "targets.view"} <= perms["cell_secretary"]
    assert "targets.change" not in perms["cell_secretary"]
    assert {"emulation.change", "commendations.change"} <= perms["office"]
    # Ratings of individuals are for the roles that see members, not for the statistics viewer.
    assert (
        "ratings.view" not in perms["statistics_viewer"] and "ratings.view" not in perms["mass_org_officer"]
    )


def test_the_migration_adds_the_new_permissions_to_existing_roles():
    migration = importlib.import_module("dangvu.accounts.migrations.0003_targets_permissions")
    secretary = Role.objects.get(code="cell_secretary")
    custom = Role.objects.create(code="custom", name="Riêng", permissions=["members.view"])
    secretary.permissions = [p for p in secretary.permissions if p not in NEW]
    secretary.save()
    migration.add_permissions(apps, None)
    secretary.refresh_from_db()
    assert {"targets.view", "ratings.view", "ratings.change", "commendations.view"} <= set(
        secretary.permissions
    )
    assert len(secretary.permissions) == len(set(secretary.permissions))
    custom.refresh_from_db()
    assert custom.permissions == ["members.view"]
    migration.add_permissions(apps, None)  # twice: nothing changes
    assert Role.objects.get(code="cell_secretary").permissions == secretary.permissions
