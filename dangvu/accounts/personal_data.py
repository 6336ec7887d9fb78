"""Personal data that lists never show in full (issue "access", point 3; Decree 13/2023, the Personal Data
Protection Law): national ID, date of birth, phone and address (the home province).

Lists, exports, the API's lists and a member's page show them masked; the full values come only from an
explicit action ("Hiện" on the member's page, POST /api/v1/members/{id}/reveal/), which `reveal_member`
records in the audit trail with the member and the fields shown. The caller checks `members.reveal` on the
member through the scoping point (`Member.objects.visible_to(user, "members.reveal")`).
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from dangvu.core import audit
from dangvu.core.models import AuditKind

# field name → label, in the order a member's page shows them
MASKED_FIELDS: dict[str, str] = {
    "national_id": _("Số CCCD"),
    "birth_date": _("Ngày sinh"),
    "phone": _("Điện thoại"),
    "home_province": _("Quê quán"),
}
HIDDEN = "*"


def mask_national_id(value: str | None) -> str:
    """********1234: the last four digits only."""
    value = value or ""
    return HIDDEN * max(len(value) - 4, 0) + value[-4:]


def mask_birth_date(value: datetime.date | None) -> str:
    """**/**/1990: the year only (the age bands of the lists need no more)."""
    return f"**/**/{value.year}" if value else ""


def mask_birth_date_iso(value: datetime.date | None) -> str:
    """1990-**-**: the API's form of the masked date of birth."""
    return f"{value.year}-**-**" if value else ""


def mask_phone(value: str | None) -> str:
    """*******678: the last three digits only."""
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    if not digits:
        return ""
    return HIDDEN * max(len(digits) - 3, 0) + digits[-3:]


def mask_address(value: str | None) -> str:
    """Nothing of the address, only that there is one."""
    return HIDDEN * 3 if (value or "").strip() else ""


def masked_values(member, *, iso: bool = False) -> dict[str, str]:
    """The four fields as lists show them (`iso`: the date of birth as the API writes dates)."""
    return {
        "national_id": mask_national_id(member.national_id),
        "birth_date": (mask_birth_date_iso if iso else mask_birth_date)(member.birth_date),
        "phone": mask_phone(member.phone),
        "home_province": mask_address(member.home_province),
    }


def full_values(member) -> dict:
    return {name: getattr(member, name) for name in MASKED_FIELDS}


@transaction.atomic
def reveal_member(member, *, acting_user=None, fields: list[str] | None = None) -> dict:
    """The full values of the masked fields of `member`, recorded as a REVEAL entry of the audit trail
    naming the member and the fields shown (never the values themselves)."""
    fields = [name for name in (fields or MASKED_FIELDS) if name in MASKED_FIELDS]
    audit.record(
        AuditKind.REVEAL,
        member,
        after={"fields": fields},
        acting_user=acting_user,
        object_repr=str(member),
    )
    return {name: getattr(member, name) for name in fields}
