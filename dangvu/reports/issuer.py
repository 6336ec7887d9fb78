"""Who issues a report: the header and signature block of the party document, from the scope organization
on the report's date (its name, its upper level) unless the settings name them.

Settings (all optional): DANGVU_REPORT_ISSUER, DANGVU_REPORT_UPPER_BODY (the two lines of the top-left block),
DANGVU_REPORT_PLACE (default "Hải Phòng"), DANGVU_REPORT_SYMBOL (default "BC/ĐU" for a committee, "BC/CB"
for a cell), DANGVU_REPORT_RECIPIENTS (a list of lines)."""

import datetime

from django.utils.translation import gettext as _

from dangvu.organizations.choices import OrganizationKind
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import History

from .document import Issuer, report_setting

CELL_KINDS = {OrganizationKind.GRASSROOTS_CELL, OrganizationKind.SUBORDINATE_CELL}


def issuer_for(org: Organization, day: datetime.date, history: History) -> Issuer:
    state = history.last_state_on(org.pk, day)
    name = state.name if state is not None else org.name
    kind = state.kind if state is not None else org.kind
    parent_id = state.parent_id if state is not None else org.parent_id
    external = state.external_parent if state is not None else org.external_parent
    parent = history.last_state_on(parent_id, day) if parent_id else None
    upper = parent.name if parent is not None else external
    is_cell = kind in CELL_KINDS
    upper_body = report_setting("DANGVU_REPORT_UPPER_BODY", "") or upper
    recipients = report_setting("DANGVU_REPORT_RECIPIENTS", None) or [
        *([_("- %(upper)s (để báo cáo),") % {"upper": upper_body}] if upper_body else []),
        _("- Lưu văn phòng."),
    ]
    return Issuer(
        upper_body=upper_body.upper(),
        body=(report_setting("DANGVU_REPORT_ISSUER", "") or name).upper(),
        symbol=report_setting("DANGVU_REPORT_SYMBOL", "") or ("BC/CB" if is_cell else "BC/ĐU"),
        place=report_setting("DANGVU_REPORT_PLACE", "Hải Phòng"),
        signature_on_behalf=_("T/M CHI BỘ") if is_cell else _("T/M BAN THƯỜNG VỤ"),
        signature_title=_("BÍ THƯ"),
        recipients=list(recipients),
    )
