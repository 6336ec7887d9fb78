import pytest

from dangvu.accounts.models import Role, User

from . import workbooks


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-1234")


@pytest.fixture
def client_admin(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def scenario():
    return workbooks.Scenario()


@pytest.fixture
def imported(db, scenario):
    """The scenario's committee, imported from its messy workbook."""
    from dangvu.transfer.importer import run_import

    result = run_import(workbooks.write(scenario), filename="messy.xlsx")
    assert result.ok, [p.line() for p in result.problems]
    return scenario


def make_user(username: str, organization, permissions: list[str]) -> User:
    user = User.objects.create_user(username, password="mat-khau-dai-1234", organization=organization)
    role, _created = Role.objects.get_or_create(
        code=f"role-{username}", defaults={"name": username, "permissions": permissions}
    )
    user.roles.add(role)
    return user
