"""The report as JSON: what `dangvu report --format json` prints and what the other formats are checked
against. Numbers stay numbers (Decimals with their digits), dates are ISO."""

import json

from ..document import Report, json_value


def as_dict(report: Report) -> dict:
    return {
        "report": report.slug,
        "title": report.title,
        "org": report.org_code,
        "org_name": report.org_name,
        "as_of": report.day.isoformat(),
        "from": report.date_from.isoformat() if report.date_from else None,
        "parameters": [[label, value] for label, value in report.parameters],
        "narrative": report.narrative,
        "tables": [
            {
                "title": table.title,
                "columns": [{"header": c.header, "type": c.kind} for c in table.columns],
                "rows": [[json_value(v) for v in row] for row in table.rows],
            }
            for table in report.tables
        ],
    }


def render(report: Report, progress=None) -> bytes:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2).encode()
