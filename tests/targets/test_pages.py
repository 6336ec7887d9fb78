"""The pages of dangvu.targets: they render, show the computed progress, refuse with the service's reason,
and answer 403 without the permission and 404 outside the user's scope, as the rest of the web app."""

import datetime

import pytest
from django.urls import reverse

from dangvu.targets import services
from dangvu.targets.choices import CriterionKind, Measure, PeriodKind
from dangvu.targets.models import QualityRating, Target

from .conftest import user_with

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def built(committee):
    target = services.create_target(
        {
            "assigner_name": "Ban Thường vụ Thành ủy",
            "receiver": committee.root,
            "measure": Measure.ADMISSIONS,
            "period_kind": PeriodKind.YEAR,
            "year": 2024,
            "number": 8,
            "document_number": "45-TB/TU",
        }
    )
    services.split_target(
        target, [{"receiver": committee.a, "number": 4}, {"receiver": committee.c, "number": 5}]
    )
    criterion = services.create_criterion(
        {
            "owner": committee.root,
            "year": 2024,
            "name": "Sinh hoạt",
            "kind": CriterionKind.MANUAL,
            "max_points": 30,
        }
    )
    decision = services.record_commendation(
        {
            "number": "86-QĐ/ĐU",
            "date": D(2024, 6, 14),
            "issuer": "Đảng ủy",
            "form": "Giấy khen",
            "reason": "28-NQ/TU",
        },
        collectives=[committee.a],
        individuals=[committee.old[0]],
    )
    committee.target, committee.criterion, committee.decision = target, criterion, decision
    committee.part_a = target.parts.get(receiver=committee.a)
    committee.part_c = target.parts.get(receiver=committee.c)
    return committee


def view_urls(c):
    return [
        reverse("targets:target-list"),
        reverse("targets:target-list") + "?day=31/03/2024&year=2024&measure=admissions",
        reverse("targets:target-detail", args=[c.target.pk]) + "?day=31/03/2024",
        reverse("targets:rating-list") + "?year=2023",
        reverse("targets:rating-entry", args=[c.a.pk, 2023]),
        reverse("targets:ranking") + "?year=2024",
        reverse("targets:commendation-list"),
        reverse("targets:commendation-detail", args=[c.decision.pk]),
    ]


def change_urls(c):
    return [
        reverse("targets:target-add"),
        reverse("targets:target-edit", args=[c.target.pk]),
        reverse("targets:target-split", args=[c.target.pk]),
        reverse("targets:target-delete", args=[c.target.pk]),
        reverse("targets:criterion-add"),
        reverse("targets:criterion-edit", args=[c.criterion.pk]),
        reverse("targets:criterion-scores", args=[c.criterion.pk]),
        reverse("targets:criterion-delete", args=[c.criterion.pk]),
        reverse("targets:commendation-add"),
        reverse("targets:commendation-delete", args=[c.decision.pk]),
    ]


def test_every_page_renders_for_the_administrator(client, admin_user, built):
    client.force_login(admin_user)
    for url in [*view_urls(built), *change_urls(built)]:
        response = client.get(url)
        assert response.status_code == 200, url
    for url in ("targets:target-list", "targets:rating-list", "targets:commendation-list"):
        export = client.get(reverse(url) + "?export=xlsx&year=2023")
        assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml"), url
    ranking = client.get(reverse("targets:ranking") + "?year=2024&export=xlsx")
    assert ranking.status_code == 200 and ranking["Content-Type"].startswith("application/vnd.openxml")


def test_anonymous_visitors_go_to_the_login_page(client, built):
    for url in [*view_urls(built), *change_urls(built)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_target_page_shows_progress_pace_marker_and_split(client, admin_user, built):
    client.force_login(admin_user)
    body = client.get(
        reverse("targets:target-detail", args=[built.target.pk]) + "?day=31/03/2024"
    ).content.decode()
    assert 'data-figure="reached">3<' in body and 'data-figure="percent">37,5%<' in body
    assert 'data-figure="percent-whole">38%<' in body
    assert '<progress max="8" value="3"' in body
    assert 'class="pace-marker at-25"' in body  # 24,9% of 2024 elapsed
    assert "Vượt tiến độ" in body
    # The split: CB-A 2 of 4 (ahead), DB-C 1 of 5 (behind, named as lagging).
    assert "Chậm tiến độ:</strong>" in body and "Đảng bộ Công ty Đông Hải" in body
    assert 'class="lags"' in body
    assert 'style="' not in body  # strict CSP: no inline styles


def test_a_user_without_the_permission_gets_403(client, built):
    user = user_with("xem-dv", built.root, ["members.view", "organizations.view"])
    client.force_login(user)
    for url in [*view_urls(built), *change_urls(built)]:
        assert client.get(url).status_code == 403, url
    body = client.get(reverse("web:home")).content.decode()
    assert reverse("targets:target-list") not in body


def test_a_viewer_cannot_change(client, built):
    user = user_with(
        "xem-ct", built.root, ["targets.view", "ratings.view", "commendations.view", "organizations.view"]
    )
    client.force_login(user)
    for url in view_urls(built):
        assert client.get(url).status_code == 200, url
    for url in change_urls(built):
        assert client.get(url).status_code == 403, url
    post = client.post(reverse("targets:rating-entry", args=[built.a.pk, 2023]), {})
    assert post.status_code == 403
    body = client.get(reverse("targets:target-list")).content.decode()
    assert reverse("targets:target-add") not in body
    assert reverse("targets:target-list") in client.get(reverse("web:home")).content.decode()


def test_a_cell_secretary_sees_only_the_cell(client, built):
    user = user_with(
        "bithu",
        built.a,
        ["targets.view", "targets.change", "ratings.view", "ratings.change", "organizations.view"],
    )
    client.force_login(user)
    listing = client.get(reverse("targets:target-list") + "?day=31/03/2024").content.decode()
    assert reverse("targets:target-detail", args=[built.part_a.pk]) in listing
    assert reverse("targets:target-detail", args=[built.target.pk]) not in listing
    assert reverse("targets:target-detail", args=[built.part_c.pk]) not in listing
    for url in (
        reverse("targets:target-detail", args=[built.target.pk]),
        reverse("targets:target-detail", args=[built.part_c.pk]),
        reverse("targets:target-edit", args=[built.part_c.pk]),
        reverse("targets:rating-entry", args=[built.c1.pk, 2023]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("targets:target-detail", args=[built.part_a.pk])).status_code == 200


def test_rating_entry_refuses_a_summary_that_breaks_the_rules_with_the_reason(client, admin_user, committee):
    client.force_login(admin_user)
    url = reverse("targets:rating-entry", args=[committee.a.pk, 2023])
    page = client.get(url).content.decode()
    assert "Nguyễn Văn A" in page and "124-QĐ/TW" in page
    levels = ["excellent", "excellent"] + ["good"] * 5 + ["complete"] * 3
    data = {f"member-{m.pk}-level": level for m, level in zip(committee.old, levels, strict=True)}
    refused = client.post(url, data)
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "Chưa ghi được" in body
    assert "vượt mức tối đa 20% của số xếp loại “Hoàn thành tốt nhiệm vụ” (5), tức 1 đảng viên" in body
    assert not QualityRating.objects.exists()
    data[f"member-{committee.old[1].pk}-level"] = "good"
    done = client.post(url, data)
    assert done.status_code == 302
    assert QualityRating.objects.filter(unit=committee.a, year=2023).count() == 10
    summary = client.get(reverse("targets:rating-list") + "?year=2023").content.decode()
    assert "Tổng hợp xếp loại năm 2023" in summary


def test_split_page_refuses_a_split_below_the_target(client, admin_user, built):
    client.force_login(admin_user)
    url = reverse("targets:target-split", args=[built.target.pk])
    refused = client.post(url, {f"part-{built.a.pk}-number": "3", f"part-{built.c.pk}-number": "2"})
    assert refused.status_code == 422
    assert "thấp hơn chỉ tiêu được giao (8)" in refused.content.decode()
    done = client.post(
        url,
        {
            f"part-{built.a.pk}-number": "6",
            f"part-{built.c.pk}-number": "2",
            f"part-{built.n.pk}-number": "1",
        },
    )
    assert done.status_code == 302
    assert sorted(built.target.parts.values_list("number", flat=True)) == [1, 2, 6]


def test_add_target_through_the_form(client, admin_user, committee):
    client.force_login(admin_user)
    response = client.post(
        reverse("targets:target-add"),
        {
            "receiver": "ROOT",
            "measure": "organizations_founded",
            "number": "11",
            "period_kind": "year",
            "year": "2024",
            "assigner_name": "Ban Thường vụ Thành ủy",
            "document_number": "45-TB/TU",
            "document_date": "22/01/2024",
        },
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.number, target.start, target.document_date) == (11, D(2024, 1, 1), D(2024, 1, 22))
    missing = client.post(reverse("targets:target-add"), {"receiver": "ROOT", "measure": "admissions", "number": "5", "period_kind": "year", "year": "2024"})  # fmt: skip
    assert missing.status_code == 422 and "Ghi cấp giao" in missing.content.decode()


def test_a_receiver_cannot_rewrite_what_it_was_given(client, built):
    user = user_with("bithu-sua", built.a, ["targets.view", "targets.change", "organizations.view"])
    client.force_login(user)
    for url in ("targets:target-edit", "targets:target-delete"):
        assert client.get(reverse(url, args=[built.part_a.pk])).status_code == 403, url
    page = client.get(reverse("targets:target-detail", args=[built.part_a.pk])).content.decode()
    assert reverse("targets:target-edit", args=[built.part_a.pk]) not in page
    # A target the cell records for itself, from an outside body, it may correct.
    own = services.create_target(
        {
            "assigner_name": "Công đoàn Khu kinh tế",
            "receiver": built.a,
            "measure": Measure.ADMISSIONS,
            "period_kind": PeriodKind.YEAR,
            "year": 2025,
            "number": 2,
            "document_number": "5-KH/CĐ",
        }
    )
    assert client.get(reverse("targets:target-edit", args=[own.pk])).status_code == 200
