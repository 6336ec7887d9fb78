"""THE ACCESS MATRIX: what every URL pattern of the project answers to every role, in scope and out of scope.

tests/access/test_matrix.py walks every pattern of `django.urls.get_resolver()` and fails when one is not in
`TABLE` (adding a URL means adding its row here), then sends each probe of each row as every role and
compares the answer with the row. The users of every role belong to cell A (tests/access/conftest.py); "in
scope" fills the URL with an object of cell A, "out of scope" with the same kind of object at cell B.

An expectation is one letter per role (a pattern without an object) or two, in scope then out of scope:

    O  the page or data (200, 201, 204)
    V  the request passed the access checks and was refused by validation (400, 422): nothing written
    R  a redirect elsewhere than the login page
    L  not signed in: 302 to the login page (pages) or 401 (API)
    D  refused: 403 (the role lacks the permission; nothing is named)
    H  not found: 404 (outside the user's scope, or a page whose very existence is not for this role)

The columns are the roles in this order (the test checks it against accounts.permissions.DEFAULT_ROLES):
"""

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "superuser",
    "admin",
    "standing_board",
    "organization_board",
    "propaganda_board",
    "inspection_committee",
    "office",
    "cell_secretary",
    "mass_org_officer",
    "statistics_viewer",
)


@dataclass(frozen=True)
class Probe:
    method: str
    expect: str  # one token per role, separated by spaces (see above)
    query: dict = field(default_factory=dict)  # values may name a scope value: "{code}"
    data: dict | None = None


@dataclass(frozen=True)
class Row:
    kwargs: dict  # URL kwarg → the name of a scope value (conftest World.scopes), or "=literal"
    probes: tuple[Probe, ...]


def row(kwargs: dict | None = None, **probes) -> Row:
    """row({"pk": "member"}, get="…", patch="…"); a probe given as (expect, query) adds a query string."""
    built = []
    for method, spec in probes.items():
        method = method.split("_")[0]
        if isinstance(spec, tuple):
            built.append(Probe(method, spec[0], query=spec[1]))
        else:
            built.append(Probe(method, spec))
    return Row(kwargs or {}, tuple(built))


# fmt: off
# Roles:                anon su  admin stand orgb prop insp office cell mass stat
SIGNED_IN =            "L    O   O     O     O    O    O    O      O    O    O"
USERS_MANAGE =         "L    O   O     D     D    D    D    D      D    D    D"
USERS_MANAGE_OBJ =     "LL   OO  OH    DD    DD   DD   DD   DD     DD   DD   DD"
WHOLE_INSTALLATION =   "L    O   D     D     D    D    D    D      D    D    D"
DISCIPLINE_VIEW =      "L    O   O     H     H    H    O    H      H    H    H"
DISCIPLINE_OBJ =       "LL   OO  OH    HH    HH   HH   OH   HH     HH   HH   HH"
ORGS_VIEW =            "L    O   O     O     O    O    O    O      O    D    O"
ORGS_VIEW_OBJ =        "LL   OO  OH    OH    OH   OH   OH   OH     OH   DD   OH"
ORGS_CHANGE =          "L    V   V     D     V    D    D    D      D    D    D"
ORGS_CHANGE_OBJ =      "LL   VV  VH    DD    VH   DD   DD   DD     DD   DD   DD"
MEMBERS_VIEW =         "L    O   O     O     O    D    O    D      O    D    D"
MEMBERS_VIEW_OBJ =     "LL   OO  OH    OH    OH   DD   OH   DD     OH   DD   DD"
MEMBERS_CHANGE =       "L    V   V     D     V    D    D    D      V    D    D"
MEMBERS_CHANGE_OBJ =   "LL   VV  VH    DD    VH   DD   DD   DD     VH   DD   DD"
MASS_ORGS_VIEW =       "L    O   O     O     O    D    D    D      D    O    D"
MASS_ORGS_VIEW_OBJ =   "LL   OO  OH    OH    OH   DD   DD   DD     DD   OH   DD"
MASS_ORGS_CHANGE =     "L    V   V     D     D    D    D    D      D    V    D"
MASS_ORGS_CHANGE_OBJ = "LL   VV  VH    DD    DD   DD   DD   DD     DD   VH   DD"
TARGETS_CHANGE =       "L    V   V     D     V    D    D    D      D    D    D"
TARGETS_CHANGE_OBJ =   "LL   VV  VH    DD    VH   DD   DD   DD     DD   DD   DD"
EMULATION_CHANGE =     "L    V   V     D     D    D    D    V      D    D    D"
EMULATION_CHANGE_OBJ = "LL   VV  VH    DD    DD   DD   DD   VH     DD   DD   DD"
IMPORT =               "L    V   V     D     V    D    D    D      D    D    D"

TABLE: dict[str, Row] = {
    # Authentication --------------------------------------------------------------------------------------
    "login/": row(get=                                      "O    O   O     O     O    O    O    O      O    O    O"),
    # Logging out ends the session and goes to the login page, whoever asks.
    "logout/": row(post=                                    "L    L   L     L     L    L    L    L      L    L    L"),
    "i18n/setlang/": row(post=                              "R    R   R     R     R    R    R    R      R    R    R"),
    # Without a confirmed device the second step sends to the device set-up.
    "account/2fa/": row(get=                                "L    R   R     R     R    R    R    R      R    R    R"),
    "account/2fa/setup/": row(get=SIGNED_IN),
    # Users and roles (users.manage; roles are changed only over the whole installation) --------------------
    "account/users/": row(get=USERS_MANAGE, get_export=(USERS_MANAGE, {"export": "xlsx"})),
    "account/users/add/": row(get=USERS_MANAGE, post=     "L    V   V     D     D    D    D    D      D    D    D"),
    "account/users/<int:pk>/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/edit/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/password/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/unlock/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/token/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/token/revoke/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/2fa/reset/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/deactivate/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/users/<int:pk>/activate/": row({"pk": "user"}, get=USERS_MANAGE_OBJ),
    "account/roles/": row(get=USERS_MANAGE),
    "account/roles/add/": row(get=WHOLE_INSTALLATION),
    "account/roles/<int:pk>/": row({"pk": "role"}, get=WHOLE_INSTALLATION),
    "account/roles/<int:pk>/delete/": row({"pk": "role"}, get=WHOLE_INSTALLATION),
    # The audit trail (audit.view over the whole installation) ----------------------------------------------
    "audit/": row(get=WHOLE_INSTALLATION, get_export=(WHOLE_INSTALLATION, {"export": "xlsx"})),
    "audit/verify/": row(post=WHOLE_INSTALLATION),
    "audit/<int:pk>/": row({"pk": "audit"}, get=WHOLE_INSTALLATION),
    # Discipline: nobody but discipline.view learns that the pages exist -------------------------------------
    "inspection/": row(get=DISCIPLINE_VIEW, get_export=(DISCIPLINE_VIEW, {"export": "xlsx"})),
    "inspection/<int:pk>/": row({"pk": "discipline"}, get=DISCIPLINE_OBJ),
    "inspection/<int:pk>/correct/": row({"pk": "discipline"}, get=DISCIPLINE_OBJ),
    "inspection/members/<int:member_pk>/add/": row({"member_pk": "member"}, get=DISCIPLINE_OBJ),
    # The web pages --------------------------------------------------------------------------------------
    # The dashboard: every signed-in user (figures with figures.view); another organization than those of the
    # user's figures scope is not found.
    "": row(get=SIGNED_IN, get_org=(                         "LL   OO  OH    OH    OH   OH   OH   OH     OH   OH   OH", {"organization": "{code}"})),
    "tree/": row(get=SIGNED_IN),
    "organizations/": row(get=ORGS_VIEW, get_export=(ORGS_VIEW, {"export": "xlsx"})),
    # Suggestions come from the organizations in scope: none for a role without organizations.view.
    "organizations/autocomplete/": row(get=("L    O   O     O     O    O    O    O      O    O    O", {"q": "chi"})),
    "organizations/<int:pk>/": row({"pk": "org"}, get=     "LL   OO  OH    OH    OH   OH   OH   OH     OH   HH   OH"),
    "organizations/<int:pk>/<slug:action>/": row({"pk": "org", "action": "=rename"}, get=
                                                             "LL   OO  OH    DD    OH   DD   DD   DD     DD   DD   DD"),
    "organizations/events/<int:pk>/correct/": row({"pk": "org_event"}, get=
                                                             "LL   OO  OH    DD    OH   DD   DD   DD     DD   DD   DD"),
    "members/": row(
        get=                                                "L    O   O     O     O    D    O    D      O    D    D",
        get_search=(                                        "L    O   O     O     O    D    O    D      O    D    D", {"q": "an"}),
        get_export=(                                        "L    O   O     O     O    D    D    D      O    D    D", {"export": "xlsx"}),
    ),
    "members/add/": row(get=                                "L    O   O     D     O    D    D    D      O    D    D"),
    "members/<int:pk>/": row({"pk": "member"}, get=         "LL   OO  OH    OH    OH   HH   OH   HH     OH   HH   HH"),
    "members/<int:pk>/reveal/": row({"pk": "member"}, post= "LL   OO  OH    OH    OH   HH   OH   HH     OH   HH   HH"),
    "members/<int:pk>/edit/": row({"pk": "member"}, get=    "LL   OO  OH    DD    OH   DD   DD   DD     OH   DD   DD"),
    "members/<int:pk>/events/add/": row({"pk": "member"}, get=(
                                                             "LL   OO  OH    DD    OH   DD   DD   DD     OH   DD   DD", {"kind": "transfer"})),
    "members/<int:pk>/events/<int:event_pk>/correct/": row({"pk": "member", "event_pk": "member_event"}, get=
                                                             "LL   OO  OH    DD    OH   DD   DD   DD     OH   DD   DD"),
    # The API (token authentication; 401 without a token) and its schema ------------------------------------
    "api/v1/": row(get=SIGNED_IN),
    "api/schema/": row(get=SIGNED_IN),
    "api/docs/": row(get=SIGNED_IN),
    # Figures of the user's organization by default; another organization's are refused (400, not named).
    "api/v1/statistics/": row(
        get=SIGNED_IN,
        get_org=(                                           "LL   OO  OV    OV    OV   OV   OV   OV     OV   OV   OV", {"org": "{code}"}),
    ),
    "api/v1/^organizations/$": row(get=ORGS_VIEW, post=ORGS_CHANGE),
    "api/v1/^organizations/(?P<code>[^/.]+)/$": row({"code": "code"}, get=ORGS_VIEW_OBJ),
    "api/v1/^organizations/(?P<code>[^/.]+)/events/$": row({"code": "code"}, get=ORGS_VIEW_OBJ),
    "api/v1/^organizations/(?P<code>[^/.]+)/rename/$": row({"code": "code"}, post=ORGS_CHANGE_OBJ),
    "api/v1/^organizations/(?P<code>[^/.]+)/move/$": row({"code": "code"}, post=ORGS_CHANGE_OBJ),
    "api/v1/^organizations/(?P<code>[^/.]+)/change-kind/$": row({"code": "code"}, post=ORGS_CHANGE_OBJ),
    "api/v1/^organizations/(?P<code>[^/.]+)/dissolve/$": row({"code": "code"}, post=ORGS_CHANGE_OBJ),
    "api/v1/^members/$": row(get=MEMBERS_VIEW, get_search=(MEMBERS_VIEW, {"search": "an"}), post=MEMBERS_CHANGE),
    # A partial update without fields passes and changes nothing.
    "api/v1/^members/(?P<pk>[^/.]+)/$": row({"pk": "member"}, get=MEMBERS_VIEW_OBJ, patch=
                                                             "LL   OO  OH    DD    OH   DD   DD   DD     OH   DD   DD"),
    "api/v1/^members/(?P<pk>[^/.]+)/events/$": row({"pk": "member"}, get=MEMBERS_VIEW_OBJ, post=MEMBERS_CHANGE_OBJ),
    "api/v1/^members/(?P<pk>[^/.]+)/reveal/$": row({"pk": "member"}, post=
                                                             "LL   OO  OH    OH    OH   DD   OH   DD     OH   DD   DD"),
    "api/v1/^events/$": row(get=MEMBERS_VIEW),
    "api/v1/^events/(?P<pk>[^/.]+)/$": row({"pk": "member_event"}, get=MEMBERS_VIEW_OBJ),
    "api/v1/^events/(?P<pk>[^/.]+)/correct/$": row({"pk": "member_event"}, post=MEMBERS_CHANGE_OBJ),
    # Member development (candidates.view / candidates.change; aggregate figures with figures.view) ---------
    "development/": row(get=                                "L    O   O     O     O    D    D    D      O    O    D"),
    "development/todo/": row(get=                           "L    O   O     O     O    D    D    D      O    O    D"),
    "development/funnel/": row(get=                         "L    O   O     O     O    D    D    D      O    O    D"),
    "development/add/": row(get=                            "L    O   O     D     O    D    D    D      O    O    D",
                            post=                           "L    V   V     D     V    D    D    D      V    V    D"),
    "development/candidates/<int:pk>/": row({"pk": "candidate"}, get=
                                                             "LL   OO  OH    OH    OH   HH   HH   HH     OH   OH   HH"),
    # "Hiện" needs members.reveal besides seeing the candidate (as on a member's page): 404 otherwise.
    "development/candidates/<int:pk>/reveal/": row({"pk": "candidate"}, post=
                                                             "LL   OO  OH    OH    OH   HH   HH   HH     OH   HH   HH"),
    # The edit form shows the full personal data: candidates.change and members.reveal.
    "development/candidates/<int:pk>/edit/": row({"pk": "candidate"},
        get=                                                "LL   OO  OH    DD    OH   DD   DD   DD     OH   DD   DD",
        post=                                               "LL   VV  VH    DD    VH   DD   DD   DD     VH   DD   DD"),
    # A step that is not the next one sends back to the candidate's page.
    "development/candidates/<int:pk>/steps/<slug:kind>/": row({"pk": "candidate", "kind": "=applied"},
        get=                                                "LL   RR  RH    DD    RH   DD   DD   DD     RH   RH   DD",
        post=                                               "LL   VV  VH    DD    VH   DD   DD   DD     VH   VH   DD"),
    "development/steps/<int:pk>/void/": row({"pk": "step"},
        get=                                                "LL   OO  OH    DD    OH   DD   DD   DD     OH   OH   DD",
        post=                                               "LL   VV  VH    DD    VH   DD   DD   DD     VH   VH   DD"),
    "api/v1/development/^candidates/$": row(
        get=                                                "L    O   O     O     O    D    D    D      O    O    D",
        post=                                               "L    V   V     D     V    D    D    D      V    V    D"),
    "api/v1/development/^candidates/(?P<pk>[^/.]+)/$": row({"pk": "candidate"}, get=
                                                             "LL   OO  OH    OH    OH   DD   DD   DD     OH   OH   DD"),
    "api/v1/development/^candidates/(?P<pk>[^/.]+)/steps/$": row({"pk": "candidate"},
        get=                                                "LL   OO  OH    OH    OH   DD   DD   DD     OH   OH   DD",
        post=                                               "LL   VV  VH    DD    VH   DD   DD   DD     VH   VH   DD"),
    "api/v1/development/steps/<int:pk>/void/": row({"pk": "step"}, post=
                                                             "LL   VV  VH    DD    VH   DD   DD   DD     VH   VH   DD"),
    "api/v1/development/due/": row(get=                     "L    O   O     O     O    D    D    D      O    O    D"),
    # The funnel needs its parameters: every role with figures.view reaches their check.
    "api/v1/development/funnel/": row(get=                  "L    V   V     V     V    V    V    V      V    V    V"),
    "api/v1/development/core-cell/found/": row(post=        "L    V   V     D     V    D    D    D      D    D    D"),
    "api/v1/development/^holidays/$": row(
        get=                                                "L    O   O     O     O    D    D    D      O    O    D",
        post=                                               "L    V   V     D     D    D    D    D      D    D    D"),
    # Deleting a holiday would change the world for the next roles: OPTIONS checks who may see it.
    "api/v1/development/^holidays/(?P<pk>[^/.]+)/$": row({"pk": "holiday"}, options=
                                                             "L    O   O     O     O    D    D    D      O    O    D"),
    # Everybody lists their own reminders; one marks only their own as read (the "in" one is cell_secretary's).
    "api/v1/development/^notifications/$": row(get=SIGNED_IN),
    "api/v1/development/^notifications/(?P<pk>[^/.]+)/read/$": row({"pk": "notification"}, post=
                                                             "LL   HH  HH    HH    HH   HH   HH   HH     OH   HH   HH"),
    # Enterprises and mass organizations (mass_orgs.view / change; coverage figures with figures.view) ---------
    "enterprises/": row(get=                                "L    O   O     O     O    D    D    D      D    O    D"),
    "enterprises/coverage/": row(get=                       "L    O   O     O     O    D    D    D      D    O    D"),
    "enterprises/<int:pk>/": row({"pk": "enterprise"}, get= "LL   OO  OH    OH    OH   DD   DD   DD     DD   OH   DD"),
    "enterprises/zones/<str:code>/": row({"code": "zone"}, get=
                                                             "L    O   O     O     O    D    D    D      D    O    D"),
    # The register's edit pages (mass_orgs.change): zones and new enterprises belong to no party organization,
    # so only a user whose scope is the whole installation writes them (here only the superuser).
    "enterprises/zones/add/": row(get=WHOLE_INSTALLATION, post=WHOLE_INSTALLATION.replace("O", "V")),
    "enterprises/zones/<str:code>/edit/": row({"code": "zone"}, get=WHOLE_INSTALLATION,
                                              post=WHOLE_INSTALLATION.replace("O", "V")),
    "enterprises/add/": row(get=WHOLE_INSTALLATION, post=WHOLE_INSTALLATION.replace("O", "V")),
    "enterprises/<int:pk>/edit/": row({"pk": "enterprise"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                      post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/<int:pk>/status/": row({"pk": "enterprise"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                        post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/<int:pk>/mass-organizations/add/": row({"pk": "enterprise"},
        get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"), post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/<int:pk>/workforce/add/": row({"pk": "enterprise"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                               post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/mass-organizations/<int:pk>/edit/": row({"pk": "mass_org"},
        get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"), post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/mass-organizations/<int:pk>/dissolve/": row({"pk": "mass_org"},
        get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"), post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/mass-organizations/<int:pk>/membership/add/": row({"pk": "mass_org"},
        get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"), post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/workforce/<int:pk>/edit/": row({"pk": "workforce"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                                post=MASS_ORGS_CHANGE_OBJ),
    # Deleting asks first: the POST without "confirmed" answers the confirmation page.
    "enterprises/workforce/<int:pk>/delete/": row({"pk": "workforce"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                                  post=MASS_ORGS_CHANGE_OBJ.replace("V", "O")),
    "enterprises/membership/<int:pk>/edit/": row({"pk": "membership"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                                 post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/membership/<int:pk>/delete/": row({"pk": "membership"},
        get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"), post=MASS_ORGS_CHANGE_OBJ.replace("V", "O")),
    # Party coverage (the enterprise's and the covering organization's mass_orgs.change), status corrections;
    # a member's workplace is part of the member's record (members.change over the member).
    "enterprises/<int:pk>/party/add/": row({"pk": "enterprise"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                           post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/party/<int:pk>/end/": row({"pk": "coverage"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                           post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/statuses/<int:pk>/void/": row({"pk": "status_change"}, get=MASS_ORGS_CHANGE_OBJ.replace("V", "O"),
                                               post=MASS_ORGS_CHANGE_OBJ),
    "enterprises/members/<int:pk>/workplaces/add/": row({"pk": "member"},
        get=MEMBERS_CHANGE_OBJ.replace("V", "O"), post=MEMBERS_CHANGE_OBJ),
    "enterprises/workplaces/<int:pk>/end/": row({"pk": "workplace"}, get=MEMBERS_CHANGE_OBJ.replace("V", "O"),
                                                post=MEMBERS_CHANGE_OBJ),
    "api/v1/enterprises/^$": row(
        get=                                                "L    O   O     O     O    D    D    D      D    O    D",
        post=                                               "L    V   D     D     D    D    D    D      D    D    D"),
    "api/v1/enterprises/^(?P<pk>\\d+)/$": row({"pk": "enterprise"}, get=MASS_ORGS_VIEW_OBJ),
    "api/v1/enterprises/^(?P<pk>\\d+)/statuses/$": row({"pk": "enterprise"}, get=MASS_ORGS_VIEW_OBJ),
    "api/v1/enterprises/^(?P<pk>\\d+)/status/$": row({"pk": "enterprise"}, post=MASS_ORGS_CHANGE_OBJ),
    "api/v1/enterprises/^(?P<pk>\\d+)/statuses/(?P<change_id>\\d+)/void/$": row(
        {"pk": "enterprise", "change_id": "status_change"}, post=MASS_ORGS_CHANGE_OBJ),
    "api/v1/enterprises/^mass-organizations/$": row(get=MASS_ORGS_VIEW, post=MASS_ORGS_CHANGE),
    "api/v1/enterprises/^mass-organizations/(?P<pk>[^/.]+)/$": row({"pk": "mass_org"}, get=MASS_ORGS_VIEW_OBJ),
    "api/v1/enterprises/^mass-organizations/(?P<pk>[^/.]+)/dissolve/$": row({"pk": "mass_org"},
                                                             post=MASS_ORGS_CHANGE_OBJ),
    "api/v1/enterprises/^membership/$": row(get=MASS_ORGS_VIEW, post=MASS_ORGS_CHANGE),
    "api/v1/enterprises/^membership/(?P<pk>[^/.]+)/$": row({"pk": "membership"}, get=MASS_ORGS_VIEW_OBJ),
    "api/v1/enterprises/^party-coverage/$": row(get=MASS_ORGS_VIEW, post=MASS_ORGS_CHANGE),
    "api/v1/enterprises/^party-coverage/(?P<pk>[^/.]+)/$": row({"pk": "coverage"}, get=MASS_ORGS_VIEW_OBJ),
    "api/v1/enterprises/^party-coverage/(?P<pk>[^/.]+)/end/$": row({"pk": "coverage"}, post=MASS_ORGS_CHANGE_OBJ),
    "api/v1/enterprises/^workforce/$": row(get=MASS_ORGS_VIEW, post=MASS_ORGS_CHANGE),
    "api/v1/enterprises/^workforce/(?P<pk>[^/.]+)/$": row({"pk": "workforce"}, get=MASS_ORGS_VIEW_OBJ),
    # Where a member works is part of the member's record: members.view to read, members.change to write.
    "api/v1/enterprises/^workplaces/$": row(
        get=                                                "L    O   O     O     O    D    O    D      O    D    D",
        post=                                               "L    V   V     D     V    D    D    D      V    D    D"),
    "api/v1/enterprises/^workplaces/(?P<pk>[^/.]+)/$": row({"pk": "workplace"}, get=
                                                             "LL   OO  OH    OH    OH   DD   OH   DD     OH   DD   DD"),
    "api/v1/enterprises/^workplaces/(?P<pk>[^/.]+)/end/$": row({"pk": "workplace"}, post=
                                                             "LL   VV  VH    DD    VH   DD   DD   DD     VH   DD   DD"),
    "api/v1/enterprises/^zones/$": row(
        get=                                                "L    O   O     O     O    D    D    D      D    O    D",
        post=                                               "L    V   D     D     D    D    D    D      D    D    D"),
    "api/v1/enterprises/^zones/(?P<code>[^/.]+)/$": row({"code": "zone"}, get=
                                                             "L    O   O     O     O    D    D    D      D    O    D"),
    "api/v1/enterprises/coverage/": row(get=SIGNED_IN),
    # Targets, ratings, emulation, commendations --------------------------------------------------------------
    "targets/": row(get=SIGNED_IN),
    "targets/add/": row(get=TARGETS_CHANGE.replace("V", "O"), post=TARGETS_CHANGE),
    "targets/<int:pk>/": row({"pk": "target"}, get=         "LL   OO  OH    OH    OH   OH   OH   OH     OH   OH   OH"),
    "targets/<int:pk>/edit/": row({"pk": "target"}, get=TARGETS_CHANGE_OBJ.replace("V", "O"), post=TARGETS_CHANGE_OBJ),
    "targets/<int:pk>/split/": row({"pk": "target"}, get=TARGETS_CHANGE_OBJ.replace("V", "O"), post=TARGETS_CHANGE_OBJ),
    "targets/<int:pk>/delete/": row({"pk": "target"}, get=TARGETS_CHANGE_OBJ.replace("V", "O"), post=TARGETS_CHANGE_OBJ),
    "targets/ratings/": row(get=                            "L    O   O     O     O    D    O    O      O    D    D"),
    "targets/ratings/entry/": row(get=                      "L    R   R     D     R    D    D    D      R    D    D"),
    # Reading needs ratings.view, writing ratings.change: a reader's POST in scope is refused.
    "targets/ratings/<int:org_pk>/<int:year>/": row({"org_pk": "org", "year": "=2023"},
        get=                                                "LL   OO  OH    OH    OH   DD   OH   OH     OH   DD   DD",
        post=                                               "LL   VV  VH    DH    VH   DD   DH   DH     VH   DD   DD"),
    "targets/emulation/": row(get=SIGNED_IN),
    "targets/emulation/criteria/add/": row(get=EMULATION_CHANGE.replace("V", "O"), post=EMULATION_CHANGE),
    "targets/emulation/criteria/<int:pk>/edit/": row({"pk": "criterion"},
        get=EMULATION_CHANGE_OBJ.replace("V", "O"), post=EMULATION_CHANGE_OBJ),
    "targets/emulation/criteria/<int:pk>/delete/": row({"pk": "criterion"},
        get=EMULATION_CHANGE_OBJ.replace("V", "O"), post=EMULATION_CHANGE_OBJ),
    "targets/emulation/criteria/<int:pk>/scores/": row({"pk": "criterion"},
        get=EMULATION_CHANGE_OBJ.replace("V", "O"), post=EMULATION_CHANGE_OBJ),
    "targets/commendations/": row(get=                      "L    O   O     O     O    O    O    O      O    D    D"),
    "targets/commendations/add/": row(get=EMULATION_CHANGE.replace("V", "O"), post=EMULATION_CHANGE),
    "targets/commendations/<int:pk>/": row({"pk": "commendation"}, get=
                                                             "LL   OO  OH    OH    OH   OH   OH   OH     OH   DD   DD"),
    "targets/commendations/<int:pk>/delete/": row({"pk": "commendation"},
        get=EMULATION_CHANGE_OBJ.replace("V", "O"), post=EMULATION_CHANGE_OBJ),
    "api/v1/targets/^$": row(get=SIGNED_IN, post=TARGETS_CHANGE),
    "api/v1/targets/^(?P<pk>[^/.]+)/$": row({"pk": "target"}, get=
                                                             "LL   OO  OH    OH    OH   OH   OH   OH     OH   OH   OH"),
    "api/v1/targets/^(?P<pk>[^/.]+)/progress/$": row({"pk": "target"}, get=
                                                             "LL   OO  OH    OH    OH   OH   OH   OH     OH   OH   OH"),
    "api/v1/targets/^(?P<pk>[^/.]+)/split/$": row({"pk": "target"}, post=TARGETS_CHANGE_OBJ),
    # Another organization's ranking or rating summary is refused (400, the code not found).
    "api/v1/targets/ranking/": row(get=SIGNED_IN, get_org=(
                                                            "LL   OO  OV    OV    OV   OV   OV   OV     OV   OV   OV", {"org": "{code}"})),
    "api/v1/targets/^ratings/$": row(get=                   "L    O   O     O     O    D    O    O      O    D    D"),
    "api/v1/targets/^ratings/(?P<pk>[^/.]+)/$": row({"pk": "rating"}, get=
                                                             "LL   OO  OH    OH    OH   DD   OH   OH     OH   DD   DD"),
    "api/v1/targets/^ratings/entry/$": row(post=            "L    V   V     D     V    D    D    D      V    D    D"),
    "api/v1/targets/^ratings/summary/$": row(
        get=                                                "L    O   O     O     O    D    O    O      O    D    D",
        get_org=(                                           "LL   OO  OV    OV    OV   DD   OV   OV     OV   DD   DD", {"org": "{code}"})),
    "api/v1/targets/^criteria/$": row(get=SIGNED_IN, post=EMULATION_CHANGE),
    "api/v1/targets/^criteria/(?P<pk>[^/.]+)/$": row({"pk": "criterion"}, get=
                                                             "LL   OO  OH    OH    OH   OH   OH   OH     OH   OH   OH"),
    "api/v1/targets/^criteria/(?P<pk>[^/.]+)/scores/$": row({"pk": "criterion"}, post=EMULATION_CHANGE_OBJ),
    "api/v1/targets/^commendations/$": row(
        get=                                                "L    O   O     O     O    O    O    O      O    D    D",
        post=EMULATION_CHANGE),
    "api/v1/targets/^commendations/(?P<pk>[^/.]+)/$": row({"pk": "commendation"}, get=
                                                             "LL   OO  OH    OH    OH   OH   OH   OH     OH   DD   DD"),
    # Import and export of the registry (members.change and organizations.change to import) ------------------
    "import/": row(get=IMPORT.replace("V", "O"), post=IMPORT),
    "import/template.xlsx": row(get=SIGNED_IN),
    "import/export.xlsx": row(get=                          "L    O   O     O     O    D    D    D      O    D    D"),
    # A run is its user's ("in": organization_board's; "out": cell B's secretary's); a superuser sees all.
    "import/<int:pk>/": row({"pk": "import_run"}, get=      "LL   OO  HH    DD    OH   DD   DD   DD     DD   DD   DD"),
    "import/<int:pk>/progress/": row({"pk": "import_run"}, get=
                                                             "LL   RR  HH    DD    RH   DD   DD   DD     DD   DD   DD"),
    "import/<int:pk>/confirm/": row({"pk": "import_run"}, post=
                                                             "LL   RR  HH    DD    HH   DD   DD   DD     DD   DD   DD"),
    # A run without problems has no problem report.
    "import/<int:pk>/problems.xlsx": row({"pk": "import_run"}, get=
                                                             "LL   HH  HH    DD    HH   DD   DD   DD     DD   DD   DD"),
    # Reports (aggregate ones with figures.view; member_list and movements with members.view) ------------------
    "reports/": row(get=SIGNED_IN),
    # Another organization than the user's scope is not found by the form (422, not named); a POST without a
    # format is refused by validation.
    "reports/<slug:slug>/": row({"slug": "=statistics"},
        get=SIGNED_IN,
        get_xlsx=(SIGNED_IN, {"format": "xlsx", "as_of": "31/03/2024"}),
        get_org=(                                           "LL   OO  OV    OV    OV   OV   OV   OV     OV   OV   OV", {"organization": "{code}"}),
        post=                                               "L    V   V     V     V    V    V    V      V    V    V"),
    # A background run is its user's ("in": standing_board's; "out": cell B's secretary's).
    "reports/runs/<int:pk>/": row({"pk": "report_run"}, get="LL   HH  HH    OH    HH   HH   HH   HH     HH   HH   HH"),
    "reports/runs/<int:pk>/progress/": row({"pk": "report_run"}, get=
                                                             "LL   HH  HH    RH    HH   HH   HH   HH     HH   HH   HH"),
    "reports/runs/<int:pk>/download/": row({"pk": "report_run"}, get=
                                                             "LL   HH  HH    OH    HH   HH   HH   HH     HH   HH   HH"),
}
# fmt: on
