"""The funnel on a small built history: counts by date in the period and by organization in the scope,
rates, median days, by source, enterprise, preparing organization and core cell; `dangvu funnel --json`."""

import io
import json

import pytest
from django.core.management import call_command

from dangvu.development import services
from dangvu.development.choices import IntroducerKind, Source
from dangvu.figures.funnel import funnel, funnel_figures
from dangvu.members import services as member_services
from dangvu.organizations.tree import History
from tests import factories as f

from .helpers import D, propose, to_admitted, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def history_built():
    w = world()
    cell, core = w["cell"], w["core"]
    core_full = []
    for name in ("Phan Văn Sơn", "Vương Thị Tâm", "Kiều Văn Uy"):
        member = f.member(core, D(2015, 3, 1), name=name)
        member_services.recognize(member, D(2016, 3, 1))
        core_full.append(member)
    a = to_admitted(propose(cell, name="Vũ Thị Hạnh"), w["members"][0])  # trained 10/02, admitted 01/06/2023
    b = to_admitted(
        propose(
            core, name="Hà Thị Xuân", enterprise_name="Công ty TNHH Beta", enterprise_tax_code="0201234567"
        ),
        core_full[0],
        vote=D(2023, 5, 10),
        decision=D(2023, 6, 5),
        start=D(2023, 2, 20),
    )
    c = propose(cell, name="Đỗ Thị Giang", birth=D(1998, 1, 1), source=Source.YOUTH_UNION)
    services.record_training(c, date=D(2023, 3, 1), certificate_number="7")
    services.stop_candidate(c, date=D(2023, 4, 1), reason="Nghỉ việc")
    d = propose(cell, name="Lương Văn Đức", day=D(2022, 11, 1))
    services.record_training(d, date=D(2022, 12, 1), certificate_number="8")
    services.record_application(d, date=D(2023, 2, 1))
    services.record_introduction(
        d,
        date=D(2023, 2, 15),
        introducers=[
            {"kind": IntroducerKind.MEMBER, "member": w["members"][0], "known_since": D(2019, 1, 1)},
            {"kind": IntroducerKind.MEMBER, "member": w["members"][1], "known_since": D(2019, 1, 1)},
        ],
    )
    return {**w, "a": a, "b": b, "c": c, "d": d}


def test_the_funnel_counts_steps_by_date_and_scope(history_built):
    w = history_built
    year = funnel(History.load(), w["root"].pk, D(2023, 1, 1), D(2023, 12, 31)).as_dict()
    counts = {name: year[name] for name in ("proposed", "trained", "introduced", "verified", "voted")}
    assert counts == {"proposed": 3, "trained": 3, "introduced": 3, "verified": 2, "voted": 2}
    assert (year["admitted"], year["recognized"], year["stopped"]) == (2, 0, 1)
    assert year["rates"]["trained_admitted"] == {"percent": "66.7", "text": "66,7%"}
    assert year["rates"]["voted_admitted"]["text"] == "100,0%"
    assert year["rates"]["admitted_recognized"]["text"] == "0,0%"
    # Median days from the certificate to the decision: 111 (A) and 105 (B) days.
    assert year["median_days"]["trained_admitted"] == 108
    assert year["median_days"]["admitted_recognized"] is None
    assert year["by_source"]["trade_union"]["trained"] == 2
    assert year["by_source"]["trade_union"]["admitted"] == 2
    assert year["by_source"]["youth_union"]["stopped"] == 1
    assert year["core_cell"]["through"]["admitted"] == 1
    assert year["core_cell"]["not_through"]["admitted"] == 1
    assert year["by_enterprise"]["0201234567"]["name"] == "Công ty TNHH Beta"
    assert year["by_enterprise"]["0201234567"]["admitted"] == 1
    assert year["by_preparing_organization"]["NONGCOT"]["admitted"] == 1
    assert year["by_preparing_organization"]["CB-A"]["trained"] == 2

    # The scope: the cell with everything under it.
    cell_only = funnel(History.load(), w["cell"].pk, D(2023, 1, 1), D(2023, 12, 31))
    assert (cell_only.total.counts()["trained"], cell_only.total.counts()["admitted"]) == (2, 1)
    # The period: by the step's date.
    later = funnel(History.load(), w["root"].pk, D(2023, 6, 2), D(2023, 12, 31)).as_dict()
    assert (later["trained"], later["admitted"]) == (0, 1)
    assert later["rates"]["trained_admitted"] == {"percent": None, "text": "—"}
    with_2022 = funnel(History.load(), None, D(2022, 1, 1), D(2023, 12, 31)).as_dict()
    assert (with_2022["proposed"], with_2022["trained"]) == (4, 4)


def test_a_voided_step_and_a_second_certificate_count_once_or_not_at_all(history_built):
    w = history_built
    step = services.record_training(w["d"], date=D(2023, 3, 1), certificate_number="8b")
    data = funnel(History.load(), None, D(2022, 1, 1), D(2023, 12, 31)).as_dict()
    assert data["trained"] == 4
    services.void_step(step, "Nhập trùng")
    assert funnel(History.load(), None, D(2023, 3, 1), D(2023, 3, 1)).as_dict()["trained"] == 1  # C only


def test_the_funnel_command_prints_the_same_figures(history_built):
    w = history_built
    out = io.StringIO()
    call_command("funnel", "--from", "2023-01-01", "--to", "2023-12-31", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == json.loads(json.dumps(funnel_figures(w["root"], D(2023, 1, 1), D(2023, 12, 31))))
    assert data["org"] == "ROOT" and data["trained"] == 3 and data["admitted"] == 2
    for key in (
        "rates",
        "median_days",
        "by_source",
        "core_cell",
        "by_enterprise",
        "by_preparing_organization",
    ):
        assert key in data
    text = io.StringIO()
    call_command("funnel", "--org", "CB-A", "--from", "01/01/2023", "--to", "31/12/2023", stdout=text)
    assert "Học lớp bồi dưỡng nhận thức về Đảng: 2" in text.getvalue()
    assert "50,0%" in text.getvalue()
