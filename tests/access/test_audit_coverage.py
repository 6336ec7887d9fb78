"""Every model write produces an audit entry, over ALL the models of the project's apps, not a sample.

For each model of an app `dangvu.*`, either its scenario (tests/access/audit_registry.py) runs — creating,
changing and ending records through the services — and the audit entries written must name the model
(`object_type` = its label) with the values after a creation and before a change; or the model is one of the
justified projections. While a scenario runs, every save and delete of a row of any project model (but the
projections) is watched, and each row written must be named by an entry of the scenario (object type and
id): an action that writes a model without its audit row fails here, whichever model's scenario runs it."""

import pytest
from django.apps import apps
from django.db.models.signals import post_delete, post_save

from dangvu.core.models import AuditEntry

from .audit_registry import PROJECTED_FIELDS, PROJECTIONS, SCENARIOS

pytestmark = pytest.mark.django_db

MODELS = sorted(
    model._meta.label for model in apps.get_models() if model._meta.app_config.name.startswith("dangvu.")
)


class Writes:
    """Every save and delete of a row of a project model (but the projections) while the block runs, with
    the last audit entry's id at that moment."""

    def __init__(self):
        self.events: list[tuple[str, str, str, int]] = []

    def _seen(self, what):
        def receiver(sender, instance, **kwargs):
            if kwargs.get("raw"):
                return
            label = sender._meta.label
            fields = kwargs.get("update_fields")
            if label in PROJECTED_FIELDS and fields and set(fields) <= PROJECTED_FIELDS[label][0]:
                return
            if label in MODELS and label not in PROJECTIONS and instance.pk is not None:
                mark = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                self.events.append((label, str(instance.pk), what, mark))

        return receiver

    def __enter__(self):
        post_save.connect(self._seen("save"), weak=False, dispatch_uid="audit-coverage-save")
        post_delete.connect(self._seen("delete"), weak=False, dispatch_uid="audit-coverage-delete")
        return self

    def __exit__(self, *exc):
        post_save.disconnect(dispatch_uid="audit-coverage-save")
        post_delete.disconnect(dispatch_uid="audit-coverage-delete")

    def unaudited(self, entries) -> list[str]:
        """The writes that no audit entry accounts for: a save must be followed by an entry naming its row
        (the action's entry, written in the same transaction after the save); a delete needs an entry naming
        the row, written after it, or before it with no values after (a DELETE entry)."""
        rows = [
            (pk, names(object_type, object_id, before, after), after)
            for pk, object_type, object_id, before, after in entries.values_list(
                "pk", "object_type", "object_id", "before", "after"
            )
        ]
        missing = []
        for label, pk, what, mark in self.events:
            row = (label, pk)
            if any(entry > mark and row in named for entry, named, _after in rows):
                continue
            if what == "delete" and any(row in named and after is None for _entry, named, after in rows):
                continue
            missing.append(f"{what} {label} #{pk}")
        return sorted(set(missing))


def names(object_type, object_id, before, after) -> set[tuple[str, str]]:
    """The rows an entry names: by object type and id, or (a deleted row) by the id of its snapshot."""
    rows = set()
    if object_id:
        rows.add((object_type, object_id))
    for values in (before, after):
        if isinstance(values, dict) and values.get("id") is not None:
            rows.add((object_type, str(values["id"])))
    return rows


def test_the_registry_names_only_existing_models():
    assert not set(SCENARIOS) & set(PROJECTIONS)
    stale = sorted((set(SCENARIOS) | set(PROJECTIONS)) - set(MODELS))
    assert not stale, f"models gone from the project: {stale}"
    assert "members.Member" in MODELS and "accounts.User" in MODELS


@pytest.mark.parametrize("label", MODELS)
def test_every_write_of_the_model_is_audited(label):
    if label in PROJECTIONS:
        assert len(PROJECTIONS[label]) > 40, f"{label}: say why its rows need no audit entry of their own"
        return
    assert label in SCENARIOS, (
        f"{label} has no audit scenario: add one to tests/access/audit_registry.py (its actions must write "
        "audit rows), or list it with the reason among PROJECTIONS"
    )
    start = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with Writes() as writes:
        SCENARIOS[label]()
    written = AuditEntry.objects.filter(pk__gt=start)
    named = written.filter(object_type=label)
    assert named.filter(after__isnull=False).exists(), f"{label}: no entry with the values after a write"
    assert named.filter(before__isnull=False).exists(), f"{label}: no entry with the values before a change"
    unaudited = writes.unaudited(written)
    assert not unaudited, f"writes without an audit entry: {unaudited}"
