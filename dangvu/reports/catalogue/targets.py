"""The targets report on a date: the progress of the organization's targets whose period contains the date
and the split of each among the organizations below (`figures.targets`)."""

from django.utils.translation import gettext as _

from dangvu.core.numbers import format_int, format_percent
from dangvu.figures.targets import shown_percent, split_progress, targets_on

from ..document import DECIMAL, INT, PERCENT, Column, Table, short_date
from .common import start, subject


def build(params):
    progress = targets_on(params.organization.pk, params.day, params.history)
    report = start(params, "targets", _("Tiến độ thực hiện chỉ tiêu"))
    report.tables.append(
        Table(
            _("Chỉ tiêu được giao"),
            [
                Column(_("Chỉ tiêu")),
                Column(_("Kỳ")),
                Column(_("Cấp giao, văn bản")),
                Column(_("Chỉ tiêu giao"), INT),
                Column(_("Đạt được"), INT),
                Column(_("Tỷ lệ đạt (%)"), PERCENT),
                Column(_("Tiến độ kế hoạch (%)"), PERCENT),
                Column(_("Đánh giá")),
                Column(_("Dự kiến cả kỳ"), INT),
            ],
            [
                [
                    str(item.target.get_measure_display()),
                    item.target.period_label,
                    f"{item.target.assigned_by} ({item.target.document_label})"
                    if item.target.document_label
                    else item.target.assigned_by,
                    item.number,
                    item.reached,
                    shown_percent(item.reached, item.number),
                    item.expected_percent,
                    item.pace_label,
                    item.projection,
                ]
                for item in progress
            ],
        )
    )
    sentences = []
    for index, item in enumerate(progress, start=1):
        params.step("parts", index, len(progress))
        split = split_progress(item.target, params.day, params.history)
        sentences.append(
            _("%(measure)s (%(period)s): đạt %(reached)s/%(number)s (%(percent)s), %(pace)s")
            % {
                "measure": item.target.get_measure_display(),
                "period": item.target.period_label,
                "reached": format_int(item.reached),
                "number": format_int(item.number),
                "percent": format_percent(shown_percent(item.reached, item.number)),
                "pace": item.pace_label.lower(),
            }
        )
        if not split.parts:
            continue
        report.tables.append(
            Table(
                _("Phân bổ chỉ tiêu %(measure)s (%(period)s)")
                % {
                    "measure": str(item.target.get_measure_display()).lower(),
                    "period": item.target.period_label,
                },
                [
                    Column(_("Tổ chức nhận")),
                    Column(_("Chỉ tiêu giao"), INT),
                    Column(_("Đạt được"), INT),
                    Column(_("Tỷ lệ đạt (%)"), PERCENT),
                    Column(_("Đánh giá")),
                    Column(_("Phần trong kết quả chung (%)"), DECIMAL),
                ],
                [
                    [
                        part.progress.target.receiver.name,
                        part.progress.number,
                        part.progress.reached,
                        shown_percent(part.progress.reached, part.progress.number),
                        part.progress.pace_label,
                        part.share_of_reached,
                    ]
                    for part in split.parts
                ],
            )
        )
    if sentences:
        report.narrative = [
            _("Tính đến ngày %(day)s, %(subject)s thực hiện các chỉ tiêu được giao như sau: %(items)s.")
            % {"day": short_date(params.day), "subject": subject(params), "items": "; ".join(sentences)}
        ]
    else:
        report.narrative = [
            _("Tính đến ngày %(day)s, %(subject)s không có chỉ tiêu nào đang trong kỳ thực hiện.")
            % {"day": short_date(params.day), "subject": subject(params)}
        ]
    return report
