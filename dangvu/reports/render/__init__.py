"""The renderers of a `document.Report`: the same tables and narrative as JSON, .xlsx, .docx and PDF."""

from collections.abc import Callable
from dataclasses import dataclass

from ..document import Report
from . import docx, json, pdf, xlsx


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    render: Callable[..., bytes]  # (report, progress=None) -> the file


FORMATS: dict[str, Format] = {
    "json": Format("json", "application/json", json.render),
    "xlsx": Format("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.render),
    "docx": Format(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.render
    ),
    "pdf": Format("pdf", "application/pdf", pdf.render),
}


def filename(report: Report, extension: str) -> str:
    """bao-cao-statistics-KKT-2024-03-31.xlsx"""
    day = report.day.isoformat()
    period = f"{report.date_from.isoformat()}_{day}" if report.date_from else day
    code = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in report.org_code)
    return f"bao-cao-{report.slug.replace('_', '-')}-{code}-{period}.{extension}"
