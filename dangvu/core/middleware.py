from .context import acting


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


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
