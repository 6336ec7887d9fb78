"""Authentication beyond the account lock-out of test_security: the lock-out per address, the password
policy, Argon2 hashing, idle session expiry and CSRF on every form."""

import datetime

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.utils import timezone

from dangvu.accounts import services
from dangvu.accounts.models import User
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell():
    root = f.root()
    return f.org(parent=root, code="A")


@override_settings(DANGVU_LOCKOUT_ADDRESS_FAILURES=5, DANGVU_LOCKOUT_ACCOUNT_FAILURES=100)
def test_failures_from_one_address_block_it_for_every_account(cell):
    _user, password = services.add_user("bt_a", organization=cell, roles=["cell_secretary"])
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(5):  # five different accounts: no account reaches its own limit
        attacker.post("/login/", {"username": f"khong_co_{number}", "password": "sai-mat-khau"})
    attacker.post("/login/", {"username": "bt_a", "password": password})
    assert "_auth_user_id" not in attacker.session

    colleague = Client(REMOTE_ADDR="198.51.100.7")
    colleague.post("/login/", {"username": "bt_a", "password": password})
    assert "_auth_user_id" in colleague.session


@pytest.mark.parametrize(
    "password",
    ["ngan-qua", "1234567890123", "password1234", "nguyenvanan1"],
    ids=["too-short", "only-digits", "common", "like-the-username"],
)
def test_the_password_policy_refuses_weak_passwords_and_creates_nothing(cell, password):
    with pytest.raises(ValidationError):
        services.add_user("nguyenvanan", organization=cell, roles=["cell_secretary"], password=password)
    assert not User.objects.filter(username="nguyenvanan").exists()


@override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
def test_passwords_are_hashed_with_argon2(cell):
    user, password = services.add_user("bt_a", organization=cell, roles=["cell_secretary"])
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password(password)


def test_an_idle_session_expires(cell, settings):
    _user, password = services.add_user("bt_a", organization=cell, roles=["cell_secretary"])
    client = Client()
    client.post("/login/", {"username": "bt_a", "password": password})
    assert client.get("/members/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Each request pushes the expiry SESSION_COOKIE_AGE ahead (the idle time, not the age of the session).
    remaining = session.expire_date - timezone.now()
    assert datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < remaining
    assert remaining <= datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    # Idle longer than that: the session is gone and the page asks for a login again.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/members/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_form_posted_without_the_csrf_token_is_refused(cell):
    _user, password = services.add_user("bt_a", organization=cell, roles=["cell_secretary"])
    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "bt_a", "password": password}).status_code == 403
    assert "_auth_user_id" not in client.session
