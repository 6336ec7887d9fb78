"""The permissions of targets, ratings, emulation and commendations (dangvu.targets), added to the default
roles of a database whose roles were created before they existed. Only adds: a permission an administrator
removed from a role since is added again only if it is one of these new ones, and nothing else changes."""

from django.db import migrations

ADDED = {
    "admin": [
        "targets.view",
        "targets.change",
        "ratings.view",
        "ratings.change",
        "emulation.change",
        "commendations.view",
        "commendations.change",
    ],
    "standing_board": ["targets.view", "ratings.view", "commendations.view"],
    "organization_board": [
        "targets.view",
        "targets.change",
        "ratings.view",
        "ratings.change",
        "commendations.view",
    ],
    "propaganda_board": ["targets.view", "commendations.view"],
    "inspection_committee": ["targets.view", "ratings.view", "commendations.view"],
    "office": [
        "targets.view",
        "ratings.view",
        "emulation.change",
        "commendations.view",
        "commendations.change",
    ],
    "cell_secretary": ["targets.view", "ratings.view", "ratings.change", "commendations.view"],
    "mass_org_officer": ["targets.view"],
    "statistics_viewer": ["targets.view"],
}


def add_permissions(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code__in=list(ADDED)):
        current = list(role.permissions or [])
        missing = [p for p in ADDED[role.code] if p not in current]
        if missing:
            role.permissions = current + missing
            role.save(update_fields=["permissions"])


def remove_permissions(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code__in=list(ADDED)):
        role.permissions = [p for p in role.permissions or [] if p not in ADDED[role.code]]
        role.save(update_fields=["permissions"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_default_roles")]
    operations = [migrations.RunPython(add_permissions, remove_permissions)]
