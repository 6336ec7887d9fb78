"""Roles and users in the interface (users.manage): every change goes through an accounts.services action,
is confirmed when it is destructive, and leaves its audit entry with the values before and after."""

import pyotp
import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from dangvu.accounts import services
from dangvu.accounts.models import Role, TOTPDevice, User
from dangvu.core.models import AuditEntry, AuditKind
from tests.access.conftest import PASSWORD, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def last_entry(object_type="accounts.User") -> AuditEntry:
    return AuditEntry.objects.filter(object_type=object_type).order_by("-pk").first()


# Roles ---------------------------------------------------------------------------------------------------


def test_editing_a_role_asks_for_confirmation_and_audits_before_and_after(world):
    client = client_of(world.users["superuser"])
    role = Role.objects.get(code="statistics_viewer")
    before = list(role.permissions)
    form = client.get(f"/account/roles/{role.pk}/").content.decode()
    assert 'value="figures.view"' in form and 'name="requires_two_factor"' in form
    data = {"name": role.name, "permissions": [*before, "members.view"], "requires_two_factor": "on"}
    confirm = client.post(f"/account/roles/{role.pk}/", data)
    body = confirm.content.decode()
    assert confirm.status_code == 200 and "Xác nhận" in body and "Xem hồ sơ đảng viên" in body
    role.refresh_from_db()
    assert role.permissions == before and not role.requires_two_factor
    done = client.post(f"/account/roles/{role.pk}/", {**data, "confirmed": "1"})
    assert done.status_code == 302
    role.refresh_from_db()
    assert "members.view" in role.permissions and role.requires_two_factor
    entry = last_entry("accounts.Role")
    assert entry.kind == AuditKind.UPDATE and entry.username == "superuser"
    assert entry.before["permissions"] == before and "members.view" in entry.after["permissions"]
    assert entry.before["requires_two_factor"] is False and entry.after["requires_two_factor"] is True


def test_roles_are_changed_only_over_the_whole_installation(world):
    admin_at_cell = client_of(world.users["admin"])
    assert admin_at_cell.get("/account/roles/").status_code == 200
    role = Role.objects.get(code="office")
    assert admin_at_cell.get(f"/account/roles/{role.pk}/").status_code == 403
    response = admin_at_cell.post(f"/account/roles/{role.pk}/", {"name": "x", "confirmed": "1"})
    assert response.status_code == 403
    assert Role.objects.get(code="office").name == "Văn phòng Đảng ủy"


def test_adding_and_deleting_a_role(world):
    client = client_of(world.users["superuser"])
    response = client.post(
        "/account/roles/add/", {"code": "bao-cao", "name": "Lập báo cáo", "permissions": ["reports.view"]}
    )
    assert response.status_code == 302
    role = Role.objects.get(code="bao-cao")
    assert role.permissions == ["reports.view"] and last_entry("accounts.Role").kind == AuditKind.CREATE
    refused = client.post("/account/roles/add/", {"code": "bao cao", "name": ""})
    assert refused.status_code == 422
    assert (
        "Mã vai trò chỉ gồm" in refused.content.decode() and "Nhập tên vai trò." in refused.content.decode()
    )
    held = Role.objects.get(code="office")
    response = client.post(f"/account/roles/{held.pk}/delete/", {"confirmed": "1"})
    assert response.status_code == 422 and "đang được 1 người dùng giữ" in response.content.decode()
    assert client.get(f"/account/roles/{role.pk}/delete/").status_code == 200
    assert client.post(f"/account/roles/{role.pk}/delete/", {"confirmed": "1"}).status_code == 302
    assert not Role.objects.filter(code="bao-cao").exists()
    entry = last_entry("accounts.Role")
    assert entry.kind == AuditKind.DELETE and entry.before["code"] == "bao-cao" and entry.object_id


def test_nobody_hands_out_more_than_they_hold(world):
    limited = Role.objects.create(code="quan-ly-nd", name="Quản lý người dùng", permissions=["users.manage"])
    manager, _pw = services.add_user("ql", organization=world.a, roles=["quan-ly-nd"])
    with pytest.raises(services.ValidationError) as raised:
        services.add_user("x", organization=world.a, roles=["cell_secretary"], acting_user=manager)
    assert "Không thể cấp vai trò có quyền mà bạn không có" in " ".join(raised.value.messages)
    with pytest.raises(services.ValidationError):
        services.add_user("y", organization=world.b, roles=["quan-ly-nd"], acting_user=manager)
    with pytest.raises(services.ValidationError):
        services.update_role(limited, permissions=["users.manage", "audit.view"], acting_user=manager)
    assert not User.objects.filter(username__in=["x", "y"]).exists()
    services.add_user("z", organization=world.a, roles=["quan-ly-nd"], acting_user=manager)


# Users ---------------------------------------------------------------------------------------------------


def test_the_user_list_holds_the_managers_organizations_only(world):
    body = client_of(world.users["admin"]).get("/account/users/").content.decode()
    assert "dich_in" in body and "dich_out" not in body and ">superuser<" not in body
    assert "dich_out" in client_of(world.users["superuser"]).get("/account/users/").content.decode()
    filtered = client_of(world.users["admin"]).get("/account/users/", {"role": "office"}).content.decode()
    office, admin = world.users["office"].pk, world.users["admin"].pk
    assert f'href="/account/users/{office}/">office<' in filtered
    assert f'href="/account/users/{admin}/">' not in filtered


def test_adding_a_user_with_organization_and_roles_shows_the_password_once(world):
    client = client_of(world.users["admin"])
    response = client.post(
        "/account/users/add/",
        {
            "username": "bt_moi",
            "full_name": "Phạm Thị Mai",
            "organization": "CB-A",
            "roles": ["cell_secretary"],
        },
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    user = User.objects.get(username="bt_moi")
    password = response.context["secret"]
    assert password in response.content.decode() and user.check_password(password)
    assert (user.organization, user.first_name, user.last_name) == (world.a, "Mai", "Phạm Thị")
    entry = last_entry()
    assert entry.kind == AuditKind.CREATE and entry.after["roles"] == ["cell_secretary"]
    assert password not in str(entry.after)
    # Outside the manager's organizations, or a taken name: refused with the reason, nothing written.
    refused = client.post(
        "/account/users/add/", {"username": "bt_moi", "organization": "CB-B", "roles": ["cell_secretary"]}
    )
    body = refused.content.decode()
    assert refused.status_code == 422 and "Không tìm thấy tổ chức" in body
    refused = client.post(
        "/account/users/add/",
        {"username": "BT_MOI", "organization": "CB-A", "roles": ["cell_secretary"], "password": "ngan"},
    )
    assert "đã có" in refused.content.decode()
    assert User.objects.filter(username__iexact="bt_moi").count() == 1


def test_changing_a_users_roles_is_audited(world):
    target = User.objects.get(username="dich_in")
    client = client_of(world.users["admin"])
    response = client.post(
        f"/account/users/{target.pk}/edit/",
        {"full_name": "Lê Văn Đích", "organization": "CB-A", "roles": ["statistics_viewer"]},
    )
    assert response.status_code == 302
    entry = last_entry()
    assert entry.before["roles"] == ["cell_secretary"] and entry.after["roles"] == ["statistics_viewer"]
    outside = User.objects.get(username="dich_out")
    assert client.get(f"/account/users/{outside.pk}/edit/").status_code == 404


def test_the_actions_on_an_account_are_confirmed_and_audited(world):
    target = User.objects.get(username="dich_in")
    client = client_of(world.users["admin"])
    url = f"/account/users/{target.pk}"
    # A page first, which asks for confirmation; nothing happens on GET.
    page = client.get(f"{url}/token/").content.decode()
    assert "Xác nhận" in page and not Token.objects.filter(user=target).exists()
    issued = client.post(f"{url}/token/", {"confirmed": "1"})
    key = issued.context["secret"]
    assert Token.objects.get(user=target).key == key and issued["Cache-Control"] == "no-store"
    assert last_entry().after["api_token"] == "issued" and key not in str(last_entry().after)
    client.post(f"{url}/token/revoke/", {"confirmed": "1"})
    assert not Token.objects.filter(user=target).exists()
    assert last_entry().before["api_token"] is True and last_entry().after["api_token"] == "revoked"

    reset = client.post(f"{url}/password/", {"confirmed": "1"})
    target.refresh_from_db()
    assert target.check_password(reset.context["secret"]) and last_entry().after["password"] == "changed"
    typed = client.post(f"{url}/password/", {"password": "123", "confirmed": "1"})
    assert typed.status_code == 422
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in typed.content.decode()
    assert "Mật khẩu không được chỉ gồm chữ số." in typed.content.decode()

    for _attempt in range(10):
        Client().post("/login/", {"username": "dich_in", "password": "sai-mat-khau"})
    target.refresh_from_db()
    assert target.locked_until is not None
    assert "Mở khóa" in client.get(f"{url}/").content.decode()
    client.post(f"{url}/unlock/", {"confirmed": "1"})
    target.refresh_from_db()
    assert target.locked_until is None
    assert last_entry().before["locked_until"] and last_entry().after["locked_until"] is None

    device = services.start_two_factor(target)
    services.confirm_two_factor(device, pyotp.TOTP(device.secret).now())
    client.post(f"{url}/2fa/reset/", {"confirmed": "1"})
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert last_entry("accounts.TOTPDevice").kind == AuditKind.DELETE

    client.post(f"{url}/deactivate/", {"confirmed": "1"})
    target.refresh_from_db()
    assert not target.is_active and last_entry().after["is_active"] is False
    assert not Client().login(username="dich_in", password=PASSWORD)
    client.post(f"{url}/activate/", {"confirmed": "1"})
    target.refresh_from_db()
    assert target.is_active


def test_two_factor_enable_is_audited(world):
    user = world.users["cell_secretary"]
    client = client_of(user)
    client.get("/account/2fa/setup/")
    device = TOTPDevice.objects.get(user=user)
    assert last_entry("accounts.TOTPDevice").kind == AuditKind.CREATE
    assert device.secret not in str(last_entry("accounts.TOTPDevice").after)
    client.post("/account/2fa/setup/", {"code": pyotp.TOTP(device.secret).now()})
    entry = last_entry("accounts.TOTPDevice")
    assert entry.before["confirmed"] is False and entry.after["confirmed"] is True
    assert entry.username == "cell_secretary"
