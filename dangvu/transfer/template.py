"""Writing workbooks in the import template: the empty template, and every export of organizations and
members, so that an exported file imports back unchanged.

Three sheets with the contract's headers (`columns`), then "Hướng dẫn" with what each column takes. Dates
are real dates shown dd/mm/yyyy, national IDs and codes are text (Excel keeps their leading zeros), the
choice columns offer their words in a drop-down list. openpyxl's write-only mode streams the rows, so an
export of 200,000 members stays in bounded memory.

The rows come from the records as they stand (`organization_rows`, `member_rows`, `event_rows`): each
organization's latest state, each member's personal record with the organization they belong to now (or
last) and the dates of their latest membership, and the whole effective ledger.
"""

import datetime
import io
import itertools
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dangvu.accounts.personal_data import mask_address, mask_birth_date, mask_national_id, mask_phone
from dangvu.members.models import MembershipEvent, MembershipPeriod
from dangvu.organizations.choices import OrganizationEventKind
from dangvu.organizations.models import Organization, OrganizationEvent

from .columns import CHOICE, DATE, EVENTS, MEMBERS, ORGANIZATIONS, SHEETS, WORDS, Column, Sheet, words

DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"
BATCH = 2000
MAX_ROW = 1048576


def _header_cells(sheet, columns: list[Column | str]):
    font = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EAED")
    alignment = Alignment(vertical="center", wrap_text=True)
    cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header if isinstance(column, Column) else column)
        cell.font, cell.fill, cell.alignment = font, fill, alignment
        if isinstance(column, Column) and column.required:
            cell.font = Font(bold=True, color="8C1D17")
        cells.append(cell)
    return cells


def _write_sheet(workbook: Workbook, spec: Sheet, rows: Iterable[list], extra: list[str]):
    sheet = workbook.create_sheet(title=spec.title)
    for index, column in enumerate(spec.columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.kind != DATE:
            dimension.number_format = TEXT_FORMAT
        else:
            dimension.number_format = DATE_FORMAT
    for offset, header in enumerate(extra, start=len(spec.columns) + 1):
        sheet.column_dimensions[get_column_letter(offset)].width = max(12, len(header) + 2)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(spec.columns, start=1):
        if column.kind == CHOICE:
            letter = get_column_letter(index)
            validation = DataValidation(
                type="list", formula1='"' + ",".join(words(column.choices)) + '"', allow_blank=True
            )
            validation.showErrorMessage = False  # other spellings are accepted too
            validation.add(f"{letter}2:{letter}{MAX_ROW}")
            sheet.data_validations.append(validation)
    sheet.append(_header_cells(sheet, [*spec.columns, *extra]))
    kinds = [column.kind for column in spec.columns]
    for values in rows:
        out = []
        for position, value in enumerate(values):
            if value is None or value == "":
                out.append(None)
                continue
            kind = kinds[position] if position < len(kinds) else None
            if kind == DATE or isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            elif kind is not None:
                cell = WriteOnlyCell(sheet, value=str(value))
                cell.number_format = TEXT_FORMAT
                out.append(cell)
            else:
                out.append(value)
        sheet.append(out)


def _write_help(workbook: Workbook):
    sheet = workbook.create_sheet(title=_("Hướng dẫn"))
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 110
    bold = Font(bold=True)

    def line(first="", second="", strong=False):
        cell = WriteOnlyCell(sheet, value=first)
        if strong:
            cell.font = bold
        sheet.append([cell, second])

    line(_("Mẫu nhập dữ liệu dangvu"), strong=True)
    line(
        _("Cách nhập"),
        _(
            "Giữ tên trang tính và dòng tiêu đề (có thể thêm tối đa mười dòng tiêu đề phía trên, đổi thứ tự cột, "
            "thêm cột STT, Ghi chú; cột đỏ là cột bắt buộc). Ngày ghi dd/mm/yyyy. Tệp có lỗi thì không dòng nào "
            "được ghi: hệ thống báo từng lỗi theo trang, dòng, cột. Nhập lại cùng một tệp không thay đổi gì; ô để "
            "trống không xóa dữ liệu đã có."
        ),
    )
    for spec in SHEETS:
        line()
        line(spec.title, str(spec.help), strong=True)
        for column in spec.columns:
            if not column.read:
                note = _("chỉ để dễ đọc, không được nhập")
            elif column.kind == CHOICE:
                note = _("một trong: %(words)s") % {"words": "; ".join(words(column.choices))}
            elif column.kind == DATE:
                note = _("ngày, dd/mm/yyyy")
            else:
                note = ""
            required = _("bắt buộc") if column.required else _("không bắt buộc")
            line(column.header, f"{required}{'; ' + note if note else ''}")


def write_workbook(
    organizations: Iterable[list] = (),
    members: Iterable[list] = (),
    events: Iterable[list] = (),
    *,
    organization_extra: list[str] | None = None,
    active: str = "organizations",
) -> bytes:
    """The template with the given rows (lists in the order of each sheet's columns, then the extra ones)."""
    workbook = Workbook(write_only=True)
    _write_sheet(workbook, ORGANIZATIONS, organizations, organization_extra or [])
    _write_sheet(workbook, MEMBERS, members, [])
    _write_sheet(workbook, EVENTS, events, [])
    _write_help(workbook)
    workbook.active = [spec.key for spec in SHEETS].index(active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def empty_template() -> bytes:
    return write_workbook()


# -- rows from the records ------------------------------------------------------------------------------------


def organization_rows(orgs: Iterable[Organization], extra=None) -> Iterable[list]:
    """Each organization's latest state (its last state, for one that has ended), with its founding and ending
    decisions. `extra(org)` gives the values of extra columns."""
    codes = dict(Organization.objects.values_list("pk", "code"))
    for batch in itertools.batched(orgs, BATCH):
        ids = [org.pk for org in batch]
        first: dict[int, OrganizationEvent] = {}
        last: dict[int, OrganizationEvent] = {}
        for event in OrganizationEvent.objects.filter(
            organization_id__in=ids, voided_at__isnull=True
        ).order_by("date", "id"):
            first.setdefault(event.organization_id, event)
            last[event.organization_id] = event
        for org in batch:
            founding = first.get(org.pk)
            ending = last.get(org.pk) if org.ended_on else None
            row = {
                "code": org.code,
                "name": org.name,
                "kind": WORDS["organization_kind"].get(org.kind, org.kind),
                "parent": codes.get(org.parent_id, ""),
                "sector": WORDS["sector"].get(org.sector, org.sector),
                "founded_on": org.founded_on,
                "founding_decision": founding.decision_number if founding else "",
                "ended_on": org.ended_on,
                "founding_kind": WORDS["founding_kind"].get(
                    founding.kind if founding else OrganizationEventKind.FOUNDED, ""
                ),
                "enterprise_kind": WORDS["enterprise_kind"].get(org.enterprise_kind, ""),
                "is_core_cell": WORDS["yes_no"][True] if org.is_core_cell else "",
                "external_parent": org.external_parent,
                "ending_decision": ending.decision_number if ending else "",
            }
            row = _ordered(ORGANIZATIONS, row)
            yield row + (list(extra(org)) if extra else [])


def _latest_periods(member_ids: list[int]) -> dict[int, MembershipPeriod]:
    latest: dict[int, MembershipPeriod] = {}
    for period in MembershipPeriod.objects.filter(member_id__in=member_ids).order_by("start", "id"):
        latest[period.member_id] = period
    return latest


def member_rows(members: Iterable, *, revealed=None) -> Iterable[list]:
    """Each member's personal record, organization now (or last) and dates of their latest membership.
    `revealed(batch)` gives the ids whose personal data may be written in full; the others are masked as the
    lists mask them (accounts.personal_data)."""
    codes = dict(Organization.objects.values_list("pk", "code"))
    for batch in itertools.batched(members, BATCH):
        latest = _latest_periods([m.pk for m in batch])
        full = revealed(batch) if revealed else {m.pk for m in batch}
        for member in batch:
            period = latest.get(member.pk)
            shown = member.pk in full
            yield _ordered(
                MEMBERS,
                {
                    "full_name": member.full_name,
                    "gender": WORDS["gender"].get(member.gender, member.gender),
                    "birth_date": member.birth_date if shown else mask_birth_date(member.birth_date),
                    "national_id": member.national_id if shown else mask_national_id(member.national_id),
                    "ethnicity": member.ethnicity,
                    "religion": member.religion,
                    "home_province": member.home_province if shown else mask_address(member.home_province),
                    "organization": codes.get(period.organization_id, "") if period else "",
                    "admitted_on": period.admitted_on if period else None,
                    "recognized_on": period.recognized_on if period else None,
                    "card_number": member.card_number,
                    "education": WORDS["education"].get(member.education, ""),
                    "professional_qualification": member.professional_qualification,
                    "theory_level": WORDS["theory_level"].get(member.theory_level, "")
                    if member.theory_level
                    else "",
                    "job": member.job,
                    "position": member.position,
                    "phone": member.phone if shown else mask_phone(member.phone),
                },
            )


def event_rows(members: Iterable, *, revealed=None) -> Iterable[list]:
    """The effective ledger of each member, in ledger order."""
    codes = dict(Organization.objects.values_list("pk", "code"))
    kinds = WORDS["event_kind"]
    for batch in itertools.batched(members, BATCH):
        by_id = {m.pk: m for m in batch}
        full = revealed(batch) if revealed else set(by_id)
        for event in MembershipEvent.objects.filter(
            member_id__in=list(by_id), voided_at__isnull=True
        ).order_by("member_id", "date", "id"):
            member = by_id[event.member_id]
            yield _ordered(
                EVENTS,
                {
                    "national_id": member.national_id
                    if member.pk in full
                    else mask_national_id(member.national_id),
                    "kind": kinds.get(event.kind, event.kind),
                    "date": event.date,
                    "organization": codes.get(event.organization_id, ""),
                    "to_organization": codes.get(event.to_organization_id, ""),
                    "decision_number": event.decision_number,
                    "note": event.note,
                    "ceremony_date": event.ceremony_date,
                    "external_organization": event.external_organization,
                    "original_admission_date": event.original_admission_date,
                    "original_recognition_date": event.original_recognition_date,
                    "until": event.until,
                    "full_name": member.full_name,
                },
            )


def _ordered(spec: Sheet, values: dict) -> list:
    return [values[column.key] for column in spec.columns]
