from django.conf import settings

from .context import acting

PROXY_ADDRESSES = {"127.0.0.1", "::1"}


def client_address(request) -> str:
    """The browser's address, for the audit trail and the per-address lock-out.

    Behind nginx every request comes from 127.0.0.1, so the production profile names the header in which
    nginx passes the real address (DANGVU_REAL_IP_HEADER); it is believed only from the local proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = getattr(settings, "DANGVU_REAL_IP_HEADER", "")
    if header and remote in PROXY_ADDRESSES:
        return request.META.get(header, "").strip() or remote
    return remote


class RequestContextMiddleware:
    """Puts the acting user, address and a request id in context for the audit trail of this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and not user.is_authenticated:
            user = None
        with acting(user, address=client_address(request), source="web") as ctx:
            request.request_id = ctx.request_id
            return self.get_response(request)
