"""National ID, date of birth, phone and address are masked in lists, exports and a member's page, and shown
in full only on an explicit, recorded action (issue "access", point 3)."""

import io

import openpyxl
import pytest
from django.test import Client

from dangvu.core.models import AuditEntry, AuditKind
from dangvu.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world):
    return Member.objects.get(pk=world.scopes["in"]["member"])


def web(world, role) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def api(world, role) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {world.tokens[world.users[role].username]}")


def reveals(member):
    return AuditEntry.objects.filter(
        kind=AuditKind.REVEAL, object_type="members.Member", object_id=str(member.pk)
    )


def test_the_list_and_the_member_page_mask_personal_data(world, member):
    client = web(world, "organization_board")
    listing = client.get("/members/").content.decode()
    page = client.get(f"/members/{member.pk}/").content.decode()
    for body in (listing, page):
        assert member.national_id not in body and "0912345678" not in body and "01/01/1990" not in body
    assert f"********{member.national_id[-4:]}" in page and "**/**/1990" in page and "*******678" in page
    assert "**/**/1990" in listing
    assert "Hiện" in page and f'hx-post="/members/{member.pk}/reveal/"' in page
    assert not reveals(member).exists()


def test_revealing_on_the_page_shows_the_values_and_is_recorded(world, member):
    client = web(world, "cell_secretary")
    response = client.post(f"/members/{member.pk}/reveal/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div id="personal-data"')
    assert member.national_id in fragment and "0912345678" in fragment and "Hải Phòng" in fragment
    assert "01/01/1990" in fragment
    entry = reveals(member).get()
    assert entry.username == "cell_secretary" and entry.object_repr == member.full_name
    assert entry.after == {"fields": ["national_id", "birth_date", "phone", "home_province"]}
    # Without htmx the whole page comes back with the values shown.
    page = client.post(f"/members/{member.pk}/reveal/").content.decode()
    assert member.national_id in page and "<html" in page
    assert reveals(member).count() == 2
    # A GET reveals nothing.
    assert client.get(f"/members/{member.pk}/reveal/").status_code == 405


def test_revealing_needs_the_permission_and_the_scope(world, member):
    outside = Member.objects.get(pk=world.scopes["out"]["member"])
    assert web(world, "cell_secretary").post(f"/members/{outside.pk}/reveal/").status_code == 404
    assert web(world, "statistics_viewer").post(f"/members/{member.pk}/reveal/").status_code == 404
    assert not AuditEntry.objects.filter(kind=AuditKind.REVEAL).exists()
    # A role that may see members but not reveal their data gets no button.
    from dangvu.accounts import services

    services.update_role(
        world.users["standing_board"].roles.get(),
        permissions=["members.view", "organizations.view"],
    )
    page = web(world, "standing_board").get(f"/members/{member.pk}/").content.decode()
    assert "Hiện</button>" not in page and member.national_id not in page


def test_the_edit_form_shows_the_values_and_is_recorded_as_a_reveal(world, member):
    client = web(world, "organization_board")
    form = client.get(f"/members/{member.pk}/edit/").content.decode()
    assert member.national_id in form
    assert reveals(member).count() == 1


def test_the_api_masks_lists_and_records_and_reveals_on_request(world, member):
    client = api(world, "cell_secretary")
    row = client.get("/api/v1/members/").json()["results"][0]
    assert row["national_id"] == "********" + member.national_id[-4:]
    assert (row["birth_date"], row["phone"], row["home_province"]) == ("1990-**-**", "*******678", "***")
    detail = client.get(f"/api/v1/members/{member.pk}/").json()
    assert detail["national_id"] == row["national_id"] and detail["birth_date"] == "1990-**-**"
    response = client.post(f"/api/v1/members/{member.pk}/reveal/")
    assert response.status_code == 200
    assert response.json() == {
        "id": member.pk,
        "national_id": member.national_id,
        "birth_date": "1990-01-01",
        "phone": "0912345678",
        "home_province": "Hải Phòng",
    }
    entry = reveals(member).get()
    assert entry.username == "cell_secretary" and entry.after["fields"][0] == "national_id"
    outside = world.scopes["out"]["member"]
    assert client.post(f"/api/v1/members/{outside}/reveal/").status_code == 404
    assert api(world, "statistics_viewer").post(f"/api/v1/members/{member.pk}/reveal/").status_code == 403
    assert reveals(member).count() == 1


def sheet_cells(response) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row if value
    ]


def test_an_export_is_masked_and_recorded_with_what_was_exported(world, member):
    """The member list's export holds the personal data masked, as the list shows them; the audit entry
    records the view's parameters, the rows and that the personal data were masked."""
    full = [member.national_id, "0912345678", "Hải Phòng", "01/01/1990", "1990-01-01"]
    client = web(world, "cell_secretary")
    response = client.get("/members/", {"q": "nguyen", "day": "31/03/2024", "export": "xlsx"})
    cells = sheet_cells(response)
    assert response.status_code == 200 and "Nguyễn Văn An" in cells
    assert not any(value in cell for value in full for cell in cells)
    entry = AuditEntry.objects.filter(kind=AuditKind.EXPORT).get()
    assert entry.username == "cell_secretary"
    assert entry.after["parameters"] == {"q": "nguyen", "day": "31/03/2024"}
    assert entry.after["members"] == 1 and entry.after["personal_data"] == "masked"
    assert set(entry.after["fields"]) == {"national_id", "birth_date", "phone", "home_province"}


def test_the_export_with_personal_data_in_full_is_explicit_and_recorded(world, member):
    """The explicit "full data" export (so that the file imports back) needs members.reveal, and says so in
    the audit trail; without the right to reveal it stays masked."""
    response = web(world, "cell_secretary").get("/members/", {"export": "xlsx", "full": "1"})
    assert member.national_id in sheet_cells(response)
    entry = AuditEntry.objects.filter(kind=AuditKind.EXPORT).get()
    assert entry.after["personal_data"] != "masked" and entry.after["parameters"] == {"full": "1"}
    from dangvu.accounts import services

    services.update_role(
        world.users["standing_board"].roles.get(),
        permissions=["members.view", "members.export", "organizations.view"],
    )
    masked = web(world, "standing_board").get("/members/", {"export": "xlsx", "full": "1"})
    assert member.national_id not in sheet_cells(masked)
    assert AuditEntry.objects.filter(kind=AuditKind.EXPORT).latest("pk").after["personal_data"] == "masked"
