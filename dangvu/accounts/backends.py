from django.contrib.auth.backends import ModelBackend

from dangvu.core.middleware import client_address

from .security import account_locked, address_blocked


class LockoutBackend(ModelBackend):
    """ModelBackend that refuses locked accounts and addresses with too many recent failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        address = client_address(request) if request is not None else ""
        if address_blocked(address):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and account_locked(user):
            return None
        return user
