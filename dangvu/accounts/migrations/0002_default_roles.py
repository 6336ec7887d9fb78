from django.db import migrations


def create_roles(apps, schema_editor):
    from dangvu.accounts.permissions import DEFAULT_ROLES

    Role = apps.get_model("accounts", "Role")
    for code, (name, permissions, two_factor) in DEFAULT_ROLES.items():
        Role.objects.update_or_create(
            code=code,
            defaults={"name": name, "permissions": [str(p) for p in permissions], "requires_two_factor": two_factor},
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
