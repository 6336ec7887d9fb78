from django.shortcuts import redirect

from .scoping import requires_two_factor
from .views import SESSION_KEY

EXEMPT_PREFIXES = ("/login/", "/logout/", "/account/2fa/", "/static/", "/i18n/", "/api/")


class TwoFactorMiddleware:
    """A user whose roles require two-factor authentication reaches nothing but the 2FA pages until the
    session has passed the second step. The API authenticates by token and is not concerned."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not request.session.get(SESSION_KEY)
            and requires_two_factor(user)
        ):
            return redirect(f"/account/2fa/?next={request.get_full_path()}")
        return self.get_response(request)
