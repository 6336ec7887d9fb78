"""Who is acting and from where, for the audit trail, whether the write comes from a request or a command."""

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActingContext:
    user_id: int | None = None
    username: str = ""
    address: str = ""
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    source: str = "system"


_current: contextvars.ContextVar[ActingContext | None] = contextvars.ContextVar("dangvu_acting", default=None)


def current() -> ActingContext:
    return _current.get() or ActingContext(request_id="")


@contextmanager
def acting(user=None, *, address: str = "", source: str = "command", request_id: str | None = None):
    ctx = ActingContext(
        user_id=getattr(user, "pk", None),
        username=getattr(user, "username", "") or "",
        address=address,
        request_id=request_id or uuid.uuid4().hex,
        source=source,
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
