"""Producing a report file and recording it: every download of a report, from a page, a background run or the
command line, is an EXPORT entry of the audit trail saying what the file held."""

import hashlib

from django.utils.translation import gettext as _

from dangvu.core import audit
from dangvu.core.models import AuditKind

from . import catalogue
from .document import Report
from .render import FORMATS, filename


def produce(spec: catalogue.ReportSpec, params: catalogue.Params, fmt: str) -> tuple[Report, bytes]:
    report = catalogue.build(spec, params)
    params.step("rendering", 0, report.row_count)
    content = FORMATS[fmt].render(report, progress=lambda done, total: params.step("rendering", done, total))
    return report, content


def contents(report: Report, fmt: str, content: bytes) -> dict:
    """What an exported file held, for the audit trail and the run's page (no personal data)."""
    return {
        "report": report.slug,
        "title": report.title,
        "format": fmt,
        "org": report.org_code,
        "as_of": report.day.isoformat(),
        "from": report.date_from.isoformat() if report.date_from else None,
        "personal_data": report.personal_data,
        "tables": [{"title": table.title, "rows": len(table.rows)} for table in report.tables],
        "filename": filename(report, FORMATS[fmt].extension),
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }


def record_export(summary: dict, *, acting_user=None):
    """The EXPORT entry of one report file handed to a user."""
    period = summary["as_of"] if not summary.get("from") else f"{summary['from']} – {summary['as_of']}"
    return audit.record(
        AuditKind.EXPORT,
        object_type="reports.Report",
        object_repr=_("%(title)s (%(org)s, %(period)s), tệp .%(format)s")
        % {"title": summary["title"], "org": summary["org"], "period": period, "format": summary["format"]},
        after=summary,
        acting_user=acting_user,
    )
