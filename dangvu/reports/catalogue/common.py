"""What every report of the catalogue starts with: the organization's name on the date, the issuer, the
parameters as the document prints them."""

from django.utils.translation import gettext as _

from dangvu.core.dates import format_vn_date

from ..document import Report
from ..issuer import issuer_for


def org_name(params) -> str:
    state = params.history.last_state_on(params.organization.pk, params.day)
    return state.name if state is not None else params.organization.name


def start(params, slug: str, title: str) -> Report:
    """An empty report of `params.organization` with its title, parameters and issuer."""
    name = org_name(params)
    parameters = [(_("Tổ chức"), f"{name} ({params.organization.code})")]
    if params.date_from is not None:
        parameters.append(
            (_("Kỳ báo cáo"), f"{format_vn_date(params.date_from)} – {format_vn_date(params.day)}")
        )
    else:
        parameters.append((_("Tính đến ngày"), format_vn_date(params.day)))
    return Report(
        slug=slug,
        title=title,
        org_code=params.organization.code,
        org_name=name,
        day=params.day,
        date_from=params.date_from,
        parameters=parameters,
        issuer=issuer_for(params.organization, params.day, params.history),
    )


def whole_party(params) -> bool:
    """Whether the organization is the top of the installation on the date (the narrative says "toàn Đảng
    bộ")."""
    state = params.history.state_on(params.organization.pk, params.day)
    return state is not None and state.parent_id is None


def subject(params) -> str:
    """Who the narrative speaks of: "toàn Đảng bộ" for the top organization, else its name."""
    return _("toàn Đảng bộ") if whole_party(params) else org_name(params)
