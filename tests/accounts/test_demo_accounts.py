"""Demo accounts, one per role (issue "access", point 9), as README.md documents them."""

import re
from pathlib import Path

import pytest
from django.test import Client

from dangvu.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_cell, load_demo_accounts
from dangvu.accounts.models import User
from dangvu.accounts.permissions import DEFAULT_ROLES
from dangvu.accounts.scoping import visible_members
from dangvu.core.models import AuditEntry
from dangvu.members.models import Member
from tests import factories as f

README = Path(__file__).resolve().parents[2] / "README.md"
ROW = re.compile(r"^\| `(demo\.[a-z]+)` \| [^|]+\(`([a-z_]+)`\) \| ([A-Z0-9-]+) \|", re.MULTILINE)

D = f.D


def test_every_role_has_a_demo_account_documented_in_the_readme():
    assert {role for _username, role, _where in DEMO_ACCOUNTS} == set(DEFAULT_ROLES)
    text = README.read_text()
    assert "## Demo accounts" in text and f"`{DEMO_PASSWORD}`" in text
    documented = [(username, role) for username, role, _org in ROW.findall(text)]
    assert documented == [(username, role) for username, role, _where in DEMO_ACCOUNTS]


@pytest.mark.django_db
def test_load_demo_accounts_places_each_role_and_is_idempotent():
    root = f.root(code="KKT")
    small = f.org(parent=root, code="DN-NHO", day=D(2010, 1, 1))
    large = f.org(parent=root, code="DN-LON", day=D(2010, 1, 1))
    f.org(parent=root, code="NC", day=D(2010, 1, 1), is_core_cell=True)
    f.member(small, D(2015, 1, 1))
    for index in range(2):
        f.member(large, D(2015, 1, 1), name=f"Lê Văn {index}")
    assert demo_cell(root) == large
    accounts = load_demo_accounts()
    assert all(account.created for account in accounts)
    places = {account.username: account.organization.code for account in accounts}
    assert places["demo.bithu"] == "DN-LON" and places["demo.quantri"] == "KKT"
    assert set(places.values()) == {"KKT", "DN-LON"}
    assert AuditEntry.objects.filter(object_type="accounts.User", kind="create", source="demo").count() == 9
    again = load_demo_accounts()
    assert not any(account.created for account in again) and User.objects.count() == 9
    client = Client()
    assert client.login(username="demo.thongke", password=DEMO_PASSWORD)


def test_the_demo_has_the_accounts_of_the_readme(demo_db):
    accounts = {user.username: user for user in User.objects.filter(username__startswith="demo.")}
    assert set(accounts) == {username for username, _role, _where in DEMO_ACCOUNTS}
    cell = demo_cell(demo_db.root)
    for username, role, where in DEMO_ACCOUNTS:
        user = accounts[username]
        assert list(user.roles.values_list("code", flat=True)) == [role]
        assert user.organization == (cell if where == "cell" else demo_db.root)
        assert user.check_password(DEMO_PASSWORD)
    # The README names the cell of the demo secretary.
    documented = {username: code for username, _role, code in ROW.findall(README.read_text())}
    assert documented["demo.bithu"] == cell.code
    secretary = accounts["demo.bithu"]
    seen = visible_members(secretary)
    assert seen.exists()
    assert not seen.exclude(
        pk__in=Member.objects.filter(periods__is_latest=True, periods__organization=cell).values("pk")
    ).exists()
    assert visible_members(accounts["demo.thongke"]).count() == 0
