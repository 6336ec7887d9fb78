"""`services.in_bulk()` (the demo loader's path): the same actions keep their writes and write them together
when the block ends — the same rows and audit rows as one by one, the same refusals, savepoints taken back
with `rollback(mark)`."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from dangvu.core.audit import verify_chain
from dangvu.core.models import AuditEntry
from dangvu.development import services
from dangvu.development.choices import StepKind
from dangvu.development.models import Candidate, CandidateStep, Introduction
from dangvu.members import services as member_services
from dangvu.members.choices import EventKind, Gender
from tests import factories as f

from .helpers import D, propose, to_verified, world

pytestmark = pytest.mark.django_db

# What differs between two copies of the same history: ids, the person's national ID, the times of writing.
VARYING = {
    "id",
    "candidate_id",
    "member_id",
    "membership_event_id",
    "national_id",
    "created_at",
    "updated_at",
}


def registry_member(cell, national_id):
    member = f.member(
        cell,
        D(2023, 6, 1),
        name="Vũ Thị Hạnh",
        gender=Gender.FEMALE,
        birth=D(1995, 3, 1),
        national_id=national_id,
        ceremony=D(2023, 6, 12),
    )
    member_services.recognize(member, D(2024, 6, 12))
    return member


def whole_history(w, member) -> Candidate:
    """Proposed, trained … voted by the cell, linked to the registry's admission, reviewed and recognized."""
    candidate = propose(w["cell"], national_id=member.national_id)
    to_verified(candidate, w["members"][0])
    services.record_cell_vote(
        candidate, date=D(2023, 5, 5), members_present=3, votes_for=3, resolution_number="3-NQ/CB"
    )
    services.link_recorded_admission(candidate, member.events.get(kind=EventKind.ADMISSION))
    services.record_probation_review(
        candidate, date=D(2024, 6, 20), members_present=4, votes_for=4, resolution_number="9-NQ/CB"
    )
    services.link_recorded_recognition(
        candidate,
        member.events.get(kind=EventKind.RECOGNITION),
        date=D(2024, 7, 1),
        decision_number="7-QĐ/ĐU",
    )
    return candidate


def written(candidate_id: int) -> dict:
    candidate = Candidate.objects.get(pk=candidate_id)
    steps = list(CandidateStep.objects.filter(candidate=candidate).order_by("date", "id"))
    step_ids = {str(s.pk) for s in steps}
    audit_rows = [
        (row.kind, row.object_type, row.object_repr, _plain(row.before), _plain(row.after))
        for row in AuditEntry.objects.order_by("id")
        if (row.object_type == "development.Candidate" and row.object_id == str(candidate_id))
        or (row.object_type == "development.CandidateStep" and row.object_id in step_ids)
    ]
    return {
        "candidate": (candidate.stage, candidate.stage_on, candidate.preparing_organization_id, candidate.member_id is not None),
        "steps": [
            (s.kind, s.date, s.organization_id, s.decision_number, s.members_present, s.votes_for, s.voters,
             s.exception_document, s.membership_event.kind if s.membership_event else None)
            for s in steps
        ],
        "introductions": sorted(
            Introduction.objects.filter(step__candidate=candidate).values_list("kind", "body_name", "member_id", "known_since")
        ),
        "audit": audit_rows,
    }  # fmt: skip


def _plain(data):
    if not isinstance(data, dict):
        return data
    return {key: value for key, value in data.items() if key not in VARYING}


def test_a_history_recorded_in_bulk_is_the_one_recorded_step_by_step():
    w = world()
    members = [registry_member(w["cell"], national_id) for national_id in ("031195000101", "031195000102")]
    one_by_one = whole_history(w, members[0]).pk
    audit_rows = AuditEntry.objects.count()
    with transaction.atomic(), services.in_bulk() as bulk:
        kept = whole_history(w, members[1])
        # Kept, not written yet; the actions read back what is kept.
        assert not Candidate.objects.filter(pk=kept.pk).exists()
        assert len(bulk.steps) == CandidateStep.objects.filter(candidate_id=one_by_one).count() == 10
        assert [s.kind for s in services.step_data(kept)][-1] == StepKind.RECOGNIZED
    assert written(kept.pk) == written(one_by_one)
    assert written(kept.pk)["candidate"] == (StepKind.RECOGNIZED, D(2024, 7, 1), w["cell"].pk, True)
    # The rows and their audit rows came with the block's end, chained as one by one.
    assert AuditEntry.objects.count() == audit_rows + len(written(kept.pk)["audit"]) == audit_rows + 12
    assert verify_chain() is None


def test_in_bulk_the_same_refusals_and_savepoints_taken_back():
    w = world()
    with transaction.atomic(), services.in_bulk() as bulk:
        first = propose(w["cell"], national_id="031195000201")
        # The open candidate kept in memory counts as one in the table would.
        with pytest.raises(ValidationError, match="đang được bồi dưỡng"):
            propose(w["cell"], national_id="031195000201", name="Trần Văn Bình")
        mark = bulk.mark()
        with pytest.raises(ValidationError, match="trước bước"), transaction.atomic():
            second = propose(w["cell"], national_id="031195000202", name="Lê Văn Cường")
            services.record_training(second, date=D(2022, 12, 1), certificate_number="1/GCN")
        bulk.rollback(mark)
        services.record_training(first, date=D(2023, 2, 1), certificate_number="2/GCN")
    assert list(Candidate.objects.values_list("national_id", "stage")) == [("031195000201", StepKind.TRAINED)]
    assert CandidateStep.objects.count() == 2
    assert AuditEntry.objects.filter(object_type__startswith="development.").count() == 3
    assert verify_chain() is None
