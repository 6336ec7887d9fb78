"""The two reports that name people: the member list by organization on a date and the ledger of membership
events over a period. Members and counts come from `figures.counting` (members_on, standing_on,
member_counts, flows); personal data is masked as in every list (accounts.personal_data)."""

import datetime

from django.utils.translation import gettext as _

from dangvu.accounts.personal_data import mask_birth_date, mask_national_id
from dangvu.core.numbers import format_int
from dangvu.figures.counting import Scope, flows, member_counts, members_on, standing_on
from dangvu.members.choices import ENDING_KINDS, EventKind, Gender, MemberStatus
from dangvu.members.models import MembershipEvent

from ..document import DATE, INT, Column, Table, short_date
from .common import start, subject

DAY = datetime.timedelta(days=1)


def _org_name(history, org_id, day) -> str:
    state = history.last_state_on(org_id, day)
    return state.name if state is not None else ""


def build_list(params):
    history, day = params.history, params.day
    scope = Scope(day, params.organization.pk, history)
    counts = member_counts(scope, breakdowns=False)
    params.step("members", 0, counts.total)
    members = list(members_on(scope).order_by("sort_key", "id"))
    standing = standing_on([m.pk for m in members], day)
    tree = history.tree_on(day)
    order = {
        org_id: index for index, org_id in enumerate(sorted(tree.states, key=lambda i: tree.states[i].name))
    }
    by_org: dict[int, list] = {}
    for member in members:
        by_org.setdefault(standing[member.pk].organization_id, []).append(member)
    report = start(params, "member_list", _("Danh sách đảng viên"))
    report.tables.append(
        Table(
            _("Số đảng viên theo tổ chức"),
            [Column(_("Tổ chức")), Column(_("Mã")), Column(_("Số đảng viên"), INT)],
            [
                [
                    _org_name(history, org_id, day),
                    tree.states[org_id].code if org_id in tree.states else "",
                    n,
                ]
                for org_id, n in sorted(counts.by_organization.items(), key=lambda kv: order.get(kv[0], 0))
            ]
            + [[_("Tổng số"), "", counts.total]],
            strong_rows={len(counts.by_organization)},
        )
    )
    rows = []
    for org_id in sorted(by_org, key=lambda i: order.get(i, 0)):
        name = _org_name(history, org_id, day)
        for member in by_org[org_id]:
            place = standing[member.pk]
            rows.append(
                [
                    len(rows) + 1,
                    member.full_name,
                    str(Gender(member.gender).label),
                    mask_birth_date(member.birth_date),
                    mask_national_id(member.national_id),
                    name,
                    place.admitted_on,
                    place.recognized_on,
                    str(MemberStatus(place.status).label),
                ]
            )
        params.step("members", len(rows), counts.total)
    report.tables.append(
        Table(
            _("Danh sách đảng viên"),
            [
                Column(_("STT"), INT),
                Column(_("Họ và tên")),
                Column(_("Giới tính")),
                Column(_("Ngày sinh")),
                Column(_("Số CCCD")),
                Column(_("Tổ chức")),
                Column(_("Ngày vào Đảng"), DATE),
                Column(_("Ngày chính thức"), DATE),
                Column(_("Loại đảng viên")),
            ],
            rows,
        )
    )
    report.narrative = [
        _(
            "Tính đến ngày %(day)s, %(subject)s có %(total)s đảng viên (%(full)s chính thức, %(probationary)s "
            "dự bị), sinh hoạt ở %(orgs)s tổ chức đảng. Ngày sinh và số CCCD được che theo quy định bảo vệ dữ "
            "liệu cá nhân."
        )
        % {
            "day": short_date(day),
            "subject": subject(params),
            "total": format_int(counts.total),
            "full": format_int(counts.full),
            "probationary": format_int(counts.probationary),
            "orgs": format_int(len(counts.by_organization)),
        }
    ]
    return report


def events_under(params) -> list[MembershipEvent]:
    """The events of [from, to] (voided ones left out) that concern an organization under X on the event's
    date, or on the day before for an organization that ended that day (as `counting.flows` reads them)."""
    history, org_id = params.history, params.organization.pk
    cache: dict[datetime.date, set[int]] = {}

    def under(day):
        tree = history.tree_on(day)
        if tree.day not in cache:
            cache[tree.day] = tree.under(org_id)
        return cache[tree.day]

    events = (
        MembershipEvent.objects.filter(
            voided_at__isnull=True, date__gte=params.date_from, date__lte=params.day
        )
        .select_related("member")
        .order_by("date", "id")
    )
    chosen = []
    for event in events.iterator(chunk_size=2000):
        orgs = {event.organization_id, event.to_organization_id} - {None}
        if orgs & (under(event.date) | under(event.date - DAY)):
            chosen.append(event)
    return chosen


def build_movements(params):
    history, start_day, end_day = params.history, params.date_from, params.day
    params.step("events", 0, 2)
    summary = flows(history, params.organization.pk, start_day, end_day)
    report = start(params, "movements", _("Sổ biến động đảng viên"))
    ended = summary.ended
    report.tables.append(
        Table(
            _("Tổng hợp biến động"),
            [Column(_("Biến động")), Column(_("Số lượng"), INT)],
            [
                [_("Kết nạp"), summary.admitted],
                [_("Công nhận chính thức"), summary.recognized],
                [_("Chuyển đến"), summary.transferred_in],
                [_("Chuyển đi"), summary.transferred_out],
                *[
                    [str(EventKind(kind).label), n]
                    for kind, n in ended.items()
                    if kind != EventKind.TRANSFER_OUT
                ],
            ],
        )
    )
    events = events_under(params)
    params.step("events", 1, 2)
    rows = []
    for event in events:
        to = ""
        if event.to_organization_id:
            to = _org_name(history, event.to_organization_id, event.date)
        elif event.external_organization:
            to = event.external_organization
        rows.append(
            [
                len(rows) + 1,
                event.date,
                event.member.full_name,
                str(EventKind(event.kind).label),
                _org_name(history, event.organization_id, event.date) if event.organization_id else "",
                to,
                event.decision_number,
            ]
        )
    report.tables.append(
        Table(
            _("Các biến động trong kỳ"),
            [
                Column(_("STT"), INT),
                Column(_("Ngày"), DATE),
                Column(_("Họ và tên")),
                Column(_("Biến động")),
                Column(_("Tổ chức")),
                Column(_("Chuyển đến / nơi khác")),
                Column(_("Số quyết định")),
            ],
            rows,
        )
    )
    ended_total = sum(
        n for kind, n in ended.items() if kind in ENDING_KINDS and kind != EventKind.TRANSFER_OUT
    )
    report.narrative = [
        _(
            "Từ ngày %(start)s đến ngày %(end)s, %(subject)s kết nạp %(admitted)s đảng viên, công nhận "
            "%(recognized)s đảng viên chính thức; %(transferred_in)s đảng viên chuyển đến, "
            "%(transferred_out)s đảng viên chuyển đi; %(ended)s đảng viên ra khỏi Đảng, bị xóa tên, khai trừ "
            "hoặc từ trần."
        )
        % {
            "start": short_date(start_day),
            "end": short_date(end_day),
            "subject": subject(params),
            "admitted": format_int(summary.admitted),
            "recognized": format_int(summary.recognized),
            "transferred_in": format_int(summary.transferred_in),
            "transferred_out": format_int(summary.transferred_out),
            "ended": format_int(ended_total),
        }
    ]
    params.step("events", 2, 2)
    return report
