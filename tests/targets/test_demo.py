"""The demo's targets (article 001), read through `dangvu stats` and the targets page, and the demo's
commendations (article 003) and ratings."""

import datetime
import io
import json

from django.core.management import call_command
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.figures.ratings import rating_summary
from dangvu.figures.targets import progress
from dangvu.organizations.choices import OrganizationKind
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History
from dangvu.targets.models import CommendationDecision, Target
from tests import factories as f

D = datetime.date


def stats(*args) -> dict:
    out = io.StringIO()
    call_command("stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def year_targets(data: dict) -> dict:
    return {t["measure"]: t for t in data["targets"] if t["period"].startswith("năm")}


def test_2023_through_dangvu_stats(demo_db):
    targets = year_targets(stats("--as-of", "2023-12-31"))
    admissions, founded = targets["admissions"], targets["organizations_founded"]
    assert (admissions["reached"], admissions["target"], admissions["percent_whole"]) == (175, 173, 101)
    assert admissions["percent_text"] == "101,2%" and admissions["pace"] == "reached"
    assert (founded["reached"], founded["target"], founded["percent_whole"]) == (9, 9, 100)
    assert admissions["assigned_by"] == "Ban Thường vụ Thành ủy Hải Phòng"


def test_31_march_2024_through_dangvu_stats(demo_db):
    data = stats("--org", demo_db.root.code, "--as-of", "2024-03-31")
    targets = year_targets(data)
    admissions, founded = targets["admissions"], targets["organizations_founded"]
    assert (admissions["reached"], admissions["target"], admissions["percent_text"]) == (96, 190, "50,5%")
    assert (founded["reached"], founded["target"], founded["percent_whole"]) == (2, 11, 18)
    assert (admissions["from"], admissions["to"], admissions["period"]) == (
        "2024-01-01",
        "2024-12-31",
        "năm 2024",
    )
    assert (admissions["pace"], founded["pace"]) == ("ahead", "behind")
    # The same figures as the flows of the year (never typed in).
    assert (admissions["reached"], founded["reached"]) == (data["admitted_in_year"], data["founded_in_year"])
    # The term targets of the 4th Congress hold for 2024 too: at least 50 members, 5–7 organizations a year.
    term = {t["measure"]: t for t in data["targets"] if t["period"].startswith("nhiệm kỳ")}
    assert (term["admissions"]["target"], term["admissions"]["reached"]) == (50, 96)
    assert (term["organizations_founded"]["target"], term["organizations_founded"]["aim"]) == (5, 7)
    out = io.StringIO()
    call_command("stats", "--as-of", "2024-03-31", stdout=out)
    assert "Chỉ tiêu kết nạp đảng viên (năm 2024): 96/190, đạt 50,5%" in out.getvalue()


def test_the_targets_page(demo_db, client):
    client.force_login(User.objects.create_superuser("qt-demo", password="mat-khau-dai-1234"))
    root = demo_db.root
    admissions = Target.objects.get(receiver=root, parent=None, measure="admissions", start=D(2024, 1, 1))
    founded = Target.objects.get(
        receiver=root, parent=None, measure="organizations_founded", start=D(2024, 1, 1)
    )
    page = client.get(
        reverse("targets:target-detail", args=[admissions.pk]) + "?day=31/03/2024"
    ).content.decode()
    assert 'data-figure="reached">96<' in page and 'data-figure="percent">50,5%<' in page
    assert '<progress max="190" value="96"' in page and "Phân bổ cho tổ chức trực thuộc" in page
    page = client.get(
        reverse("targets:target-detail", args=[founded.pk]) + "?day=31/03/2024"
    ).content.decode()
    assert 'data-figure="reached">2<' in page and 'data-figure="percent-whole">18%<' in page
    old = Target.objects.get(receiver=root, parent=None, measure="admissions", start=D(2023, 1, 1))
    page = client.get(reverse("targets:target-detail", args=[old.pk]) + "?day=31/12/2023").content.decode()
    assert 'data-figure="reached">175<' in page and 'data-figure="percent-whole">101%<' in page
    listing = client.get(
        reverse("targets:target-list") + "?day=31/03/2024&year=2024&level=assigned"
    ).content.decode()
    assert "50,5%" in listing and "18,2%" in listing


def test_one_more_admission_moves_the_demo_progress_from_its_date_only(demo_db):
    target = Target.objects.get(receiver=demo_db.root, parent=None, measure="admissions", start=D(2024, 1, 1))
    history = History.load()
    tree = history.tree_on(D(2024, 2, 15))
    cell = next(
        i
        for i in tree.direct_subordinates(demo_db.root.pk)
        if tree.states[i].kind == OrganizationKind.GRASSROOTS_CELL and not tree.states[i].is_core_cell
    )
    days = [D(2024, 2, 14), D(2024, 2, 15), D(2024, 3, 31)]
    before = [progress(target, day).reached for day in days]
    f.member(
        Organization.objects.get(pk=cell), D(2024, 2, 15), name="Hoàng Thị Xuân", national_id="031199887766"
    )
    after = [progress(target, day).reached for day in days]
    assert after == [before[0], before[1] + 1, before[2] + 1]
    assert after[2] == 97
    assert year_targets(stats("--as-of", "2024-03-31"))["admissions"]["percent_text"] == "51,1%"


def test_the_commendations_of_the_articles(demo_db):
    decisions = {d.number: d for d in CommendationDecision.objects.all()}
    counts = {
        number: (
            d.recipients.filter(organization__isnull=False).count(),
            d.recipients.filter(member__isnull=False).count(),
        )
        for number, d in decisions.items()
    }
    by_reason = {("28-NQ/TU" in d.reason, "05-CT/TW" in d.reason): counts[n] for n, d in decisions.items()}
    assert by_reason == {(True, False): (8, 20), (False, True): (5, 10)}
    assert all(d.form == "Giấy khen" and d.date == D(2024, 6, 14) for d in decisions.values())


def test_the_demo_ratings_keep_the_rules(demo_db):
    summary = rating_summary(demo_db.root.pk, 2023)
    for counts in (summary.members, summary.organizations):
        assert counts.rated > 0
        assert counts.by_level["excellent"] * 100 <= 20 * counts.by_level["good"]
