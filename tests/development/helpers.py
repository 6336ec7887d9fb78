"""A small committee with one enterprise cell of full members, and a candidate taken through the steps by the
real services (each step validated as in production)."""

import datetime
import itertools

from dangvu.development import services
from dangvu.development.choices import IntroducerKind, Source
from dangvu.members import services as member_services
from tests import factories as f

D = datetime.date
_ids = itertools.count(200000000001)


def world(full_members=3):
    """Root, an enterprise grassroots cell with `full_members` full members since 2016, and the core cell."""
    root = f.root()
    cell = f.org(parent=root, code="CB-A", name="Chi bộ Công ty TNHH Alpha", day=D(2010, 1, 1))
    core = f.org(
        parent=root,
        code="NONGCOT",
        name="Chi bộ nòng cốt Công đoàn – Doanh nghiệp",
        day=D(2012, 1, 1),
        is_core_cell=True,
    )
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
    members = []
    for index in range(full_members):
        member = f.member(cell, D(2015, 5, 1), name=names[index % len(names)], ceremony=D(2015, 5, 1))
        member_services.recognize(member, D(2016, 5, 1))
        members.append(member)
    return {"root": root, "cell": cell, "core": core, "members": members}


def propose(
    org, *, day=D(2023, 1, 5), birth=D(1995, 3, 1), name="Vũ Thị Hạnh", source=Source.TRADE_UNION, **extra
):
    data = {
        "full_name": name,
        "gender": "female",
        "birth_date": birth,
        "national_id": extra.pop("national_id", str(next(_ids))),
        "enterprise_name": extra.pop("enterprise_name", "Công ty TNHH Alpha"),
        **extra,
    }
    return services.propose_candidate(
        data,
        source=source,
        preparing_organization=org,
        date=day,
        proposing_body="Công đoàn cơ sở Công ty TNHH Alpha",
        document_number="12/CĐ",
    )


def union_and_member(member, known_since=D(2020, 1, 1)):
    return [
        {"kind": IntroducerKind.TRADE_UNION_EXECUTIVE, "body_name": "BCH Công đoàn cơ sở Công ty TNHH Alpha"},
        {"kind": IntroducerKind.MEMBER, "member": member, "known_since": known_since},
    ]


def to_verified(candidate, introducer, *, start=D(2023, 2, 10)):
    """Training, application, introductions and verification, a few weeks apart from `start`."""
    services.record_training(candidate, date=start, certificate_number="101/GCN-TTCT")
    services.record_application(candidate, date=start + datetime.timedelta(days=20))
    services.record_introduction(
        candidate,
        date=start + datetime.timedelta(days=30),
        introducers=union_and_member(introducer, start.replace(year=start.year - 3)),
    )
    services.record_verification(
        candidate, date=start + datetime.timedelta(days=60), document_number="5/TTLL"
    )
    return candidate


def to_admitted(candidate, introducer, *, vote=D(2023, 5, 5), decision=D(2023, 6, 1), start=D(2023, 2, 10)):
    to_verified(candidate, introducer, start=start)
    services.record_cell_vote(
        candidate, date=vote, members_present=3, votes_for=3, resolution_number="3-NQ/CB"
    )
    services.record_admission(candidate, date=decision, decision_number="45-QĐ/ĐU")
    candidate.refresh_from_db()
    return candidate
