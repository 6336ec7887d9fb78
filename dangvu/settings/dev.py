"""The embedded default: SQLite under var/, debug on, for `make run` and local work."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DANGVU_DEBUG", True)
VAR_DIR.mkdir(parents=True, exist_ok=True)
