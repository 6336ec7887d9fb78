from django.db import models


class SortKeyField(models.CharField):
    """Holds a `dangvu.core.text` sort key. Compared byte by byte on every database.

    PostgreSQL's locale collations skip punctuation and spaces, which would break the key's order, so the
    column takes the "C" collation there; SQLite compares binary by default.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
