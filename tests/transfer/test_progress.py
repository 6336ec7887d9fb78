"""The progress of an import is written beside its transaction, so the page can poll it."""

import pytest
from django.db import connection, transaction

from dangvu.transfer.models import ImportRun
from dangvu.transfer.tasks import ProgressWriter


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_import_transaction_is_open():
    run = ImportRun.objects.create(filename="a.xlsx", sha256="0" * 64)
    writer = ProgressWriter(run.pk)
    try:
        writer("organizations", 3, 9)  # outside a transaction: on the row itself
        assert ImportRun.objects.get(pk=run.pk).done == 3
        with transaction.atomic():
            writer("members", 5, 10)
            # Inside the import's transaction: PostgreSQL writes through a second connection (committed at
            # once, so the page sees it); SQLite, one writer at a time, waits for the end of the step.
            expected = 5 if connection.vendor == "postgresql" else 3
            assert ImportRun.objects.get(pk=run.pk).done == expected
            transaction.set_rollback(True)
        assert ImportRun.objects.get(pk=run.pk).done == (5 if connection.vendor == "postgresql" else 3)
    finally:
        writer.close()
