"""Replaying one member's ledger: the validation every event goes through, and the projection into periods.

The same replay serves the forms, the API, the importer and the demo loader: an event is valid when the
whole ledger with it replays without an error. The rules come from `dangvu.core.rules`, dated, so a
historical event is judged by the rule in force on its date.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import rules
from dangvu.core.dates import add_months, format_vn_date, today, whole_months_between
from dangvu.organizations.tree import History

from .choices import ENDING_KINDS, EventKind

# What an event names an organization as, in the message when it does not exist (translated only then: the
# replay runs for every ledger of a bulk import).
_WHAT_ADMISSION = gettext_lazy("chi bộ kết nạp")
_WHAT_TRANSFER_IN = gettext_lazy("tổ chức nhận")
_WHAT_TRANSFER_TO = gettext_lazy("tổ chức chuyển đến")
_WHAT_TEMPORARY = gettext_lazy("nơi sinh hoạt tạm thời")


@dataclass(slots=True)
class EventData:
    """What the replay needs of an event (a saved MembershipEvent or one about to be recorded)."""

    kind: str
    date: datetime.date
    organization_id: int | None = None
    to_organization_id: int | None = None
    ceremony_date: datetime.date | None = None
    original_admission_date: datetime.date | None = None
    original_recognition_date: datetime.date | None = None
    until: datetime.date | None = None
    key: object = None  # the saved event's id, or a marker for a new one

    @classmethod
    def of(cls, event) -> "EventData":
        return cls(
            kind=event.kind,
            date=event.date,
            organization_id=event.organization_id,
            to_organization_id=event.to_organization_id,
            ceremony_date=event.ceremony_date,
            original_admission_date=event.original_admission_date,
            original_recognition_date=event.original_recognition_date,
            until=event.until,
            key=event.pk,
        )


@dataclass(slots=True)
class Period:
    organization_id: int
    start: datetime.date
    end: datetime.date | None
    admitted_on: datetime.date
    recognized_on: datetime.date | None


@dataclass(slots=True)
class Replay:
    errors: list[tuple[object, str]] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    organization_id: int | None = None  # where the member belongs after the last event
    admitted_on: datetime.date | None = None
    ceremony_on: datetime.date | None = None
    recognized_on: datetime.date | None = None
    ended: str | None = None
    ended_on: datetime.date | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _org_label(history: History, org_id: int | None, day: datetime.date) -> str:
    if org_id is None:
        return "?"
    state = history.state_on(org_id, day)
    if state is None:
        for _d, st in history.timelines.get(org_id, []):
            if st is not None:
                state = st
        if state is None:
            return f"#{org_id}"
    return f"{state.name} ({state.code})"


def replay(
    birth_date: datetime.date, events: list[EventData], history: History, as_of: datetime.date | None = None
) -> Replay:
    """Replay events in date order (same-day events in recording order) and collect every problem."""
    result = Replay()
    now = as_of or today()
    ordered = sorted(enumerate(events), key=lambda pair: (pair[1].date, pair[0]))
    current_org: int | None = None
    start: datetime.date | None = None

    def fail(event: EventData, message: str):
        result.errors.append((event.key, message))

    def org_exists(event: EventData, org_id: int | None, what) -> bool:
        if org_id is None:
            fail(event, _("Chọn %(what)s.") % {"what": what})
            return False
        if history.state_on(org_id, event.date) is None:
            fail(
                event,
                _("%(org)s không tồn tại ngày %(day)s: chọn tổ chức đang hoạt động vào ngày đó.")
                % {"org": _org_label(history, org_id, event.date), "day": format_vn_date(event.date)},
            )
            return False
        return True

    def close_period(day: datetime.date):
        nonlocal start
        # A stretch that ends the day it starts (admitted and moved the same day) leaves no period.
        if current_org is not None and start is not None and day > start:
            result.periods.append(Period(current_org, start, day, result.admitted_on, None))
        start = None

    for _index, event in ordered:
        day = event.date
        kind = event.kind
        if day > now:
            fail(
                event,
                _("Ngày %(day)s ở tương lai: chỉ ghi biến động đã xảy ra.") % {"day": format_vn_date(day)},
            )
            continue
        if result.ended == EventKind.DECEASED:
            fail(
                event,
                _("Đảng viên đã từ trần ngày %(day)s: không ghi thêm biến động.")
                % {"day": format_vn_date(result.ended_on)},
            )
            continue
        is_member = current_org is not None

        if kind == EventKind.ADMISSION:
            if is_member:
                fail(event, _("Đảng viên đang sinh hoạt: không thể kết nạp lần nữa."))
                continue
            if result.ended in ENDING_KINDS - {EventKind.TRANSFER_OUT}:
                min_months = rules.value("readmission.min_months", day)
                if whole_months_between(result.ended_on, day) < min_months:
                    fail(
                        event,
                        _("Kết nạp lại phải sau ít nhất %(n)s tháng kể từ ngày ra khỏi Đảng (%(day)s).")
                        % {"n": min_months, "day": format_vn_date(result.ended_on)},
                    )
                    continue
            months = whole_months_between(birth_date, day)
            min_age = rules.value("admission.min_age_months", day)
            max_age = rules.value("admission.max_age_months", day)
            if months < min_age:
                fail(
                    event,
                    _(
                        "Chưa đủ %(years)s tuổi ngày kết nạp %(day)s (ngày sinh %(birth)s): kiểm tra ngày sinh "
                        "hoặc ngày kết nạp."
                    )
                    % {
                        "years": min_age // 12,
                        "day": format_vn_date(day),
                        "birth": format_vn_date(birth_date),
                    },
                )
                continue
            if months > max_age:
                fail(
                    event,
                    _(
                        "Quá %(years)s tuổi ngày kết nạp %(day)s: chỉ cấp ủy trực thuộc Trung ương được xét "
                        "(theo cấu hình)."
                    )
                    % {"years": max_age // 12, "day": format_vn_date(day)},
                )
                continue
            if event.ceremony_date is not None and event.ceremony_date < day:
                fail(
                    event,
                    _("Lễ kết nạp (%(c)s) không thể trước ngày quyết định kết nạp (%(day)s).")
                    % {"c": format_vn_date(event.ceremony_date), "day": format_vn_date(day)},
                )
                continue
            if event.ceremony_date is not None and event.ceremony_date > now:
                fail(
                    event,
                    _("Ngày lễ kết nạp %(c)s ở tương lai.") % {"c": format_vn_date(event.ceremony_date)},
                )
                continue
            if not org_exists(event, event.organization_id, _WHAT_ADMISSION):
                continue
            current_org = event.organization_id
            start = day
            result.admitted_on = day
            result.ceremony_on = event.ceremony_date or day
            result.recognized_on = None
            result.ended = None
            continue

        if kind == EventKind.TRANSFER_IN:
            if is_member:
                fail(event, _("Đảng viên đang sinh hoạt trong Đảng bộ: dùng chuyển sinh hoạt nội bộ."))
                continue
            if result.ended is not None and result.ended != EventKind.TRANSFER_OUT:
                fail(event, _("Đảng viên đã ra khỏi Đảng: không thể chuyển đến."))
                continue
            if not org_exists(event, event.organization_id, _WHAT_TRANSFER_IN):
                continue
            admitted = event.original_admission_date or result.admitted_on
            if admitted is None:
                fail(event, _("Ghi ngày vào Đảng của đảng viên chuyển đến."))
                continue
            if admitted > day:
                fail(
                    event,
                    _("Ngày vào Đảng (%(a)s) không thể sau ngày chuyển đến (%(day)s).")
                    % {"a": format_vn_date(admitted), "day": format_vn_date(day)},
                )
                continue
            current_org = event.organization_id
            start = day
            result.admitted_on = admitted
            result.recognized_on = event.original_recognition_date or result.recognized_on
            if result.ceremony_on is None:
                result.ceremony_on = admitted
            result.ended = None
            continue

        if not is_member:
            fail(
                event,
                _(
                    "Ngày %(day)s người này không phải đảng viên của Đảng bộ: ghi kết nạp hoặc chuyển đến "
                    "trước."
                )
                % {"day": format_vn_date(day)},
            )
            continue

        if kind == EventKind.RECOGNITION:
            if result.recognized_on is not None:
                fail(
                    event,
                    _("Đảng viên đã là đảng viên chính thức từ %(day)s.")
                    % {"day": format_vn_date(result.recognized_on)},
                )
                continue
            months = rules.value("probation.months", result.ceremony_on)
            earliest = add_months(result.ceremony_on, months)
            if day < earliest:
                fail(
                    event,
                    _(
                        "Ngày chính thức %(day)s chưa đủ %(n)s tháng dự bị kể từ lễ kết nạp %(c)s: sớm nhất là "
                        "%(e)s."
                    )
                    % {
                        "day": format_vn_date(day),
                        "n": months,
                        "c": format_vn_date(result.ceremony_on),
                        "e": format_vn_date(earliest),
                    },
                )
                continue
            result.recognized_on = day
            continue

        if kind == EventKind.TRANSFER:
            if event.organization_id is not None and event.organization_id != current_org:
                fail(
                    event,
                    _("Đảng viên đang sinh hoạt ở %(cur)s, không phải %(org)s: chuyển từ nơi đang sinh hoạt.")
                    % {
                        "cur": _org_label(history, current_org, day),
                        "org": _org_label(history, event.organization_id, day),
                    },
                )
                continue
            if not org_exists(event, event.to_organization_id, _WHAT_TRANSFER_TO):
                continue
            if event.to_organization_id == current_org:
                fail(event, _("Tổ chức chuyển đến trùng nơi đang sinh hoạt."))
                continue
            close_period(day)
            current_org = event.to_organization_id
            start = day
            continue

        if kind in (EventKind.TEMPORARY_TRANSFER, EventKind.EXEMPTION):
            if kind == EventKind.TEMPORARY_TRANSFER and not org_exists(
                event, event.organization_id, _WHAT_TEMPORARY
            ):
                continue
            if event.until is not None and event.until < day:
                fail(
                    event,
                    _("Ngày kết thúc (%(u)s) trước ngày bắt đầu (%(day)s).")
                    % {"u": format_vn_date(event.until), "day": format_vn_date(day)},
                )
            continue

        if kind in ENDING_KINDS:
            if event.organization_id is not None and event.organization_id != current_org:
                fail(
                    event,
                    _("Đảng viên đang sinh hoạt ở %(cur)s, không phải %(org)s.")
                    % {
                        "cur": _org_label(history, current_org, day),
                        "org": _org_label(history, event.organization_id, day),
                    },
                )
                continue
            close_period(day)
            current_org = None
            result.ended = kind
            result.ended_on = day
            continue

        fail(event, _("Loại biến động không hợp lệ: %(kind)s.") % {"kind": kind})

    if current_org is not None and start is not None:
        result.periods.append(Period(current_org, start, None, result.admitted_on, None))
    result.organization_id = current_org
    # Each term's recognition date applies to every period of that term.
    _stamp_recognition(result, ordered)
    for message in _outlived(history, result):
        result.errors.append((None, message))
    return result


def _outlived(history: History, result: Replay) -> list[str]:
    """Stretches of membership that go on after their organization ended (merged, dissolved, handed over)."""
    problems = []
    for period in result.periods:
        day = history.end_after(period.organization_id, period.start)
        if day is not None and (period.end is None or period.end > day):
            label = history.state_on(period.organization_id, period.start)
            problems.append(
                _(
                    "%(org)s kết thúc ngày %(day)s nhưng đảng viên vẫn sinh hoạt ở đó: ghi chuyển sinh hoạt "
                    "hoặc kết thúc sinh hoạt đến ngày đó."
                )
                % {
                    "org": f"{label.name} ({label.code})" if label else f"#{period.organization_id}",
                    "day": format_vn_date(day),
                }
            )
    return problems


def _stamp_recognition(result: Replay, ordered):
    recognized: dict[datetime.date, datetime.date] = {}
    admitted = None
    for _i, event in ordered:
        if event.kind == EventKind.ADMISSION:
            admitted = event.date
        elif event.kind == EventKind.TRANSFER_IN:
            admitted = event.original_admission_date or admitted
            if event.original_recognition_date and admitted:
                recognized.setdefault(admitted, event.original_recognition_date)
        elif event.kind == EventKind.RECOGNITION and admitted is not None:
            recognized.setdefault(admitted, event.date)
    for period in result.periods:
        period.recognized_on = recognized.get(period.admitted_on)
