import datetime
import io

import pyotp
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from dangvu.accounts import services
from dangvu.accounts.models import User
from dangvu.accounts.scoping import has_perm, scope_org_ids
from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members.models import Member
from dangvu.organizations.choices import OrganizationKind
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    root = f.root()
    cell_a = f.org(parent=root, code="A")
    cell_b = f.org(parent=root, code="B")
    f.member(cell_a, name="Nguyễn Văn An")
    f.member(cell_b, name="Trần Thị Bình")
    return root, cell_a, cell_b


def test_cell_secretary_sees_only_their_cell(tree):
    root, cell_a, _cell_b = tree
    secretary, _pw = services.add_user("bt_a", organization=cell_a, roles=["cell_secretary"])
    names = list(Member.objects.visible_to(secretary).values_list("full_name", flat=True))
    assert names == ["Nguyễn Văn An"]
    board, _pw = services.add_user("btc", organization=root, roles=["organization_board"])
    assert Member.objects.visible_to(board).count() == 2
    viewer, _pw = services.add_user("tk", organization=root, roles=["statistics_viewer"])
    assert Member.objects.visible_to(viewer).count() == 0
    assert has_perm(viewer, "figures.view")
    assert scope_org_ids(viewer, "members.view") == set()


def test_a_transferred_member_leaves_the_old_secretary_scope(tree):
    from dangvu.members.services import record_transfer

    _root, cell_a, cell_b = tree
    secretary, _pw = services.add_user("bt_a", organization=cell_a, roles=["cell_secretary"])
    member = Member.objects.get(full_name="Nguyễn Văn An")
    record_transfer(member, cell_b, D(2020, 1, 1))
    assert not Member.objects.visible_to(secretary).exists()


def test_ten_failed_logins_lock_the_account(client, tree):
    _root, cell_a, _ = tree
    user, password = services.add_user("bt_a", organization=cell_a, roles=["cell_secretary"])
    for _i in range(10):
        response = client.post("/login/", {"username": "bt_a", "password": "wrong"})
        assert response.status_code == 200
    user.refresh_from_db()
    assert user.locked_until is not None and user.locked_until > timezone.now()
    client.post("/login/", {"username": "bt_a", "password": password})
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(kind=AuditKind.LOGIN_FAILED).count() == 11
    call_command("users", "unlock", "bt_a", stdout=io.StringIO())
    client.post("/login/", {"username": "bt_a", "password": password})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_nine_failures_do_not_lock(client, tree):
    _root, cell_a, _ = tree
    user, password = services.add_user("bt_a", organization=cell_a, roles=["cell_secretary"])
    for _i in range(9):
        client.post("/login/", {"username": "bt_a", "password": "wrong"})
    client.post("/login/", {"username": "bt_a", "password": password})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_audit_verify_names_the_edited_entry(tree):
    assert verify_chain() is None
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "nguyên vẹn" in out.getvalue()
    entries = list(AuditEntry.objects.order_by("id"))
    target = entries[len(entries) // 2]
    # One byte changed in the stored row, behind the application's back.
    AuditEntry.objects.filter(pk=target.pk).update(object_repr=target.object_repr[:-1] + "X")
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", stdout=io.StringIO())
    assert f"#{target.pk}" in str(exc.value)


def test_audit_verify_detects_a_deleted_entry(tree):
    entries = list(AuditEntry.objects.order_by("id"))
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    broken = verify_chain()
    assert broken is not None and broken.pk == entries[2].pk


def test_users_command_adds_and_issues_tokens(tree):
    out = io.StringIO()
    call_command("users", "add", "bt_b", "--org", "B", "--role", "cell_secretary", stdout=out)
    assert "Mật khẩu" in out.getvalue()
    user = User.objects.get(username="bt_b")
    assert user.organization.code == "B"
    out = io.StringIO()
    call_command("users", "token", "bt_b", stdout=out)
    key = out.getvalue().strip()
    assert len(key) == 40
    with pytest.raises(CommandError):
        call_command("users", "add", "x", "--org", "NOPE", "--role", "cell_secretary", stdout=io.StringIO())


@override_settings(DANGVU_2FA_FOR_PERSONAL_DATA=True)
def test_two_factor_required_for_personal_data_writers(client, tree):
    _root, cell_a, _ = tree
    user, password = services.add_user("bt_a", organization=cell_a, roles=["cell_secretary"])
    client.post("/login/", {"username": "bt_a", "password": password})
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/account/2fa/")
    response = client.get("/account/2fa/setup/")
    assert response.status_code == 200
    secret = user.totp.secret
    response = client.post("/account/2fa/setup/?next=/", {"code": "000000"})
    assert response.status_code == 200
    user.totp.refresh_from_db()
    assert not user.totp.confirmed
    response = client.post("/account/2fa/setup/?next=/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.session.get("dangvu_2fa_ok") is True


def test_cell_kind_scope_includes_subordinates():
    root = f.root()
    committee = f.org(OrganizationKind.GRASSROOTS_COMMITTEE, parent=root, code="GC")
    sub = f.org(OrganizationKind.SUBORDINATE_CELL, parent=committee, code="GC1")
    f.member(sub, name="Lê Văn Cường")
    user, _pw = services.add_user("gc", organization=committee, roles=["cell_secretary"])
    assert scope_org_ids(user, "members.view") == {committee.pk, sub.pk}
    assert Member.objects.visible_to(user).count() == 1
