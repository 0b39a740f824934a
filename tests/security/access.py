"""The access rule of every endpoint, declared in one place.

Each endpoint of ``app.url_map`` must appear here (tests/security/test_access_matrix.py fails otherwise),
with the request that exercises it and the roles that may use it. A new view therefore cannot ship
without someone deciding, in this table, who may reach it; the test then checks the decision for an
anonymous visitor, a member (IT), a member of another country (FR), an agency user (EUROPOL), a
core-group member (DE) and an administrator (GSC).

Outcomes: a role in ``allowed`` must not be refused (no 403/404/409, no redirect to the log-in page,
never a 5xx); any other logged-in role must get 403 or 404 (or 409, when the record's state already
forbids the action to everyone, so nothing is done); an anonymous visitor is sent to log in, unless
the endpoint is public, which must never put up the log-in wall.
"""

from dataclasses import dataclass

ROLES = ("anonymous", "member", "other", "agency", "core", "admin")
LOGGED_IN = frozenset(ROLES[1:])
MEMBER_STATES = frozenset({"member", "other", "core"})  # DE's core-group member speaks for a Member State too


@dataclass(frozen=True)
class Rule:
    method: str
    url: str  # formatted with the ids of the records built for each role (see test_access_matrix.world)
    allowed: frozenset[str]
    public: bool = False


def rule(method: str, url: str, *allowed: str, public: bool = False) -> Rule:
    roles: set[str] = set()
    for name in allowed:
        roles |= {"all": LOGGED_IN, "member_states": MEMBER_STATES}.get(name, {name})
    if public:
        roles |= set(ROLES)
    return Rule(method, url, frozenset(roles), public)


ALL = "all"
STATES = "member_states"

# endpoint -> the requests that must hold its rule (GET and POST of one form are both checked).
ACCESS: dict[str, list[Rule]] = {
    # Public: log-in, invitation links, health checks, calendar feeds (their token is the credential).
    "static": [rule("GET", "/static/css/spoc.css", public=True)],
    "auth.login": [rule("GET", "/login", public=True)],
    "auth.second_factor": [rule("GET", "/login/second-factor", public=True)],
    "auth.accept_invitation": [rule("GET", "/invitations/not-a-valid-token", public=True)],
    "auth.forgot_password": [rule("GET", "/password/forgot", public=True)],
    "auth.reset_link_sent": [rule("GET", "/password/forgot/sent", public=True)],
    "auth.reset_password": [rule("GET", "/password/reset/not-a-valid-token", public=True)],
    "main.healthz": [rule("GET", "/healthz", public=True)],
    "main.set_language": [rule("POST", "/language", public=True)],
    "main.privacy": [rule("GET", "/privacy", public=True)],
    "security.readyz": [rule("GET", "/readyz", public=True)],
    "meetings.feed": [rule("GET", "/calendar/feed/not-a-token.ics", public=True)],
    # Every logged-in user.
    "auth.logout": [rule("POST", "/logout", ALL)],
    "main.index": [rule("GET", "/", ALL)],
    "main.block": [rule("GET", "/dashboard/presidency", ALL), rule("GET", "/dashboard/nominations", "core", "admin")],
    "reports.index": [rule("GET", "/reports/", ALL)],
    "reports.docx": [rule("GET", "/reports/report.docx", ALL)],
    "reports.csv": [rule("GET", "/reports/report.csv", ALL)],
    "notifications.settings": [rule("POST", "/settings/notifications", ALL)],  # its GET redirects to /settings
    "search.index": [rule("GET", "/search?q=siena", ALL)],
    "account.settings": [rule("GET", "/settings", ALL)],
    "account.timezone": [rule("POST", "/settings/timezone", ALL)],
    "account.language": [rule("POST", "/settings/language", ALL)],
    "account.new_feed": [rule("POST", "/settings/calendar-feed", ALL)],
    "account.revoke_feed": [rule("POST", "/settings/calendar-feed/revoke", ALL)],
    "account.second_factor": [rule("GET", "/settings/second-factor", ALL)],
    "account.start_second_factor": [rule("POST", "/settings/second-factor/start", ALL)],
    "account.confirm_second_factor": [rule("POST", "/settings/second-factor/confirm", ALL)],
    "account.new_recovery_codes": [rule("POST", "/settings/second-factor/recovery-codes", ALL)],
    "account.disable_second_factor": [rule("POST", "/settings/second-factor/disable", ALL)],
    "account.recovery_codes_saved": [rule("POST", "/settings/second-factor/saved", ALL)],
    "account.password": [rule("POST", "/settings/password", ALL)],
    "account.email": [rule("POST", "/settings/email", ALL)],
    "account.logout_everywhere": [rule("POST", "/settings/logout-everywhere", ALL)],
    # Network directory: everyone reads; a country's members (and administrators) keep its profile.
    "network.index": [rule("GET", "/network/", ALL)],
    "network.detail": [rule("GET", "/network/IT", ALL)],
    # Fact sheets: everyone reads and compares; a country's members (and administrators) keep its sheet.
    "factsheets.detail": [rule("GET", "/network/IT/fact-sheet", ALL)],
    "factsheets.docx": [rule("GET", "/network/IT/fact-sheet.docx", ALL)],
    "factsheets.compare": [rule("GET", "/network/fact-sheets/compare?c=IT&c=FR", ALL)],
    "factsheets.edit": [rule("GET", "/network/IT/fact-sheet/spoc/edit", "member", "admin"),
                        rule("POST", "/network/IT/fact-sheet/spoc/edit", "member", "admin")],
    "factsheets.verify": [rule("POST", "/network/IT/fact-sheet/spoc/verify", "member", "admin")],
    # Administration and security settings.
    **{endpoint: [rule("GET", url, "admin")] for endpoint, url in {
        "admin.index": "/admin/", "admin.users": "/admin/users/", "admin.new_user": "/admin/users/new",
        "admin.user": "/admin/users/{user}", "admin.edit_user": "/admin/users/{user}/edit",
        "admin.organisations": "/admin/organisations/", "admin.new_organisation": "/admin/organisations/new",
        "admin.edit_organisation": "/admin/organisations/{org}/edit", "admin.presidency_terms": "/admin/presidency/",
        "admin.edit_presidency_term": "/admin/presidency/{term}/edit", "admin.instruments": "/admin/instruments/",
        "admin.edit_instrument": "/admin/instruments/{instrument}/edit", "admin.audit_log": "/admin/audit/",
        "admin.edit_marking": "/admin/markings/{marking}/edit",
        "security.settings": "/admin/security", "notifications.admin_index": "/admin/notifications/",
    }.items()},
    **{endpoint: [rule("POST", url, "admin")] for endpoint, url in {
        "admin.invite_user": "/admin/users/{user}/invite", "admin.deactivate_user": "/admin/users/{user}/deactivate",
        "admin.activate_user": "/admin/users/{user}/activate",
        "admin.associated_settings": "/admin/organisations/associated",
        "security.reset_second_factor": "/admin/users/{user}/reset-second-factor",
        "notifications.clear_refused": "/admin/notifications/refused/{refused}/clear",
        "admin.delete_marking": "/admin/markings/{spare_marking}/delete",
    }.items()},
    "admin.markings": [rule("GET", "/admin/markings/", "admin"), rule("POST", "/admin/markings/", "admin")],
    # Spreadsheet imports (app/imports): administrators only.
    "imports.index": [rule("GET", "/admin/imports/", "admin"), rule("POST", "/admin/imports/", "admin")],
    "imports.job": [rule("GET", "/admin/imports/{import_job}", "admin")],
    "imports.check": [rule("POST", "/admin/imports/{import_job}/check", "admin")],
    "imports.run": [rule("POST", "/admin/imports/{checked_import_job}/import", "admin")],
    "imports.template": [rule("GET", "/admin/imports/template/obstacles.csv", "admin")],
    # Obstacles (one reported by IT, FR says it is affected too, a comment by the IT member).
    "obstacles.index": [rule("GET", "/obstacles/", ALL)],
    "obstacles.export_csv": [rule("GET", "/obstacles/export.csv", ALL)],
    "obstacles.detail": [rule("GET", "/obstacles/{obstacle}", ALL),
                         rule("GET", "/obstacles/{restricted_obstacle}", "core", "admin")],
    "obstacles.new": [rule("GET", "/obstacles/new", STATES, "admin"), rule("POST", "/obstacles/new", STATES, "admin")],
    "obstacles.edit": [rule("GET", "/obstacles/{obstacle}/edit", "member", "admin"),
                       rule("GET", "/obstacles/{restricted_obstacle}/edit", "admin"),
                       rule("POST", "/obstacles/{obstacle}/edit", "member", "admin")],
    "obstacles.comment": [rule("POST", "/obstacles/{obstacle}/comments", ALL)],
    "obstacles.edit_comment": [rule("GET", "/obstacles/{obstacle}/comments/{obstacle_comment}/edit", "member")],
    **{f"obstacles.{action}": [rule("POST", f"/obstacles/{{{record}}}/{path}", "member", "admin")]
       for action, (record, path) in {"discuss": ("obstacle", "discuss"), "close": ("obstacle", "close"),
                                      "agree_action": ("discussed", "agree-action"),
                                      "resolve": ("agreed", "resolve")}.items()},
    "obstacles.say_affected": [rule("POST", "/obstacles/{discussed}/affected", "other", "core")],
    "obstacles.withdraw_affected": [rule("POST", "/obstacles/{obstacle}/affected/withdraw", "other")],
    # Best practices: an IT draft (only IT and administrators see it) and an IT practice shared with all.
    "practices.index": [rule("GET", "/practices/", ALL)],
    "practices.export_csv": [rule("GET", "/practices/export.csv", ALL)],
    "practices.new": [rule("GET", "/practices/new", STATES, "admin")],
    "practices.detail": [rule("GET", "/practices/{draft}", "member", "admin"),
                         rule("GET", "/practices/{practice}", ALL),
                         rule("GET", "/practices/{restricted_practice}", "core", "admin")],
    "practices.edit": [rule("GET", "/practices/{draft}/edit", "member", "admin"),
                       rule("POST", "/practices/{draft}/edit", "member", "admin")],
    "practices.submit": [rule("POST", "/practices/{draft}/submit", "member", "admin")],
    "practices.endorse": [rule("POST", "/practices/{practice}/endorse", "admin")],
    "practices.archive": [rule("POST", "/practices/{practice}/archive", "member", "admin")],
    "practices.adopt": [rule("POST", "/practices/{shared}/adopt", "other", "core")],
    "practices.withdraw_adoption": [rule("POST", "/practices/{practice}/adopt/withdraw", "other")],
    "practices.comment": [rule("POST", "/practices/{practice}/comments", ALL)],
    "practices.attachment": [rule("GET", "/practices/{practice}/attachments/{practice_attachment}", ALL),
                             rule("GET", "/practices/{draft}/attachments/{draft_attachment}", "member", "admin")],
    "practices.delete_attachment": [rule("POST", "/practices/{practice}/attachments/{practice_attachment}/delete",
                                         "member", "admin")],
    # Roster: an IT expert, an IT nomination, trainings; the core group (DE) and administrators manage it.
    "roster.experts": [rule("GET", "/experts/", ALL)],
    "roster.expert": [rule("GET", "/experts/{expert}", ALL)],
    "roster.export_expert_data": [rule("GET", "/experts/{expert}/export.json", "admin")],
    "roster.erase_expert_data": [rule("GET", "/experts/{expert}/erase", "admin")],
    "roster.retire_expert": [rule("POST", "/experts/{expert}/retire", "core", "admin")],
    "roster.reconfirm_expert": [rule("POST", "/experts/{expert}/reconfirm", "core", "admin")],
    "roster.nominations": [rule("GET", "/nominations/", ALL)],
    "roster.new_nomination": [rule("GET", "/nominations/new", STATES), rule("POST", "/nominations/new", STATES)],
    "roster.nomination": [rule("GET", "/nominations/{nomination}", "member", "core", "admin")],
    "roster.withdraw_nomination": [rule("POST", "/nominations/{nomination}/withdraw", "member")],
    "roster.export_nominee_data": [rule("GET", "/nominations/{nomination}/export.json", "admin")],
    "roster.erase_nominee_data": [rule("GET", "/nominations/{nomination}/erase", "admin")],
    **{f"roster.{name}": [rule("POST", f"/nominations/{{{record}}}/{path}", "core", "admin")]
       for name, (record, path) in {"start_nomination_review": ("nomination", "start-review"),
                                    "review_nomination": ("nomination", "reviews"),
                                    "accept_nomination": ("under_review", "accept"),
                                    "decline_nomination": ("under_review", "decline")}.items()},
    # Funding: every logged-in user reads (see tests/funding for who edits what).
    "funding.index": [rule("GET", "/funding/", ALL)],
    # Assessments: everyone reads the rounds; the Presidency (IE in the tests) and administrators open and close
    # them; each Member State's members write their own country's draft; only its Head of SPOC (nobody here)
    # submits; the country itself and administrators see its raw answer; administrators reopen.
    "assessments.index": [rule("GET", "/assessments/", ALL)],
    "funding.export_csv": [rule("GET", "/funding/export.csv", ALL)],
    "funding.export_xlsx": [rule("GET", "/funding/export.xlsx", ALL)],
    # Budget lines: the organiser of the activity and administrators. The world's meeting is the NL Presidency's
    # (none of these roles); its training is organised by the core group.
    "funding.add_meeting_line": [rule("POST", "/funding/budget/meetings/{meeting}/lines", "admin")],
    "funding.add_training_line": [rule("POST", "/funding/budget/trainings/{training}/lines", "core", "admin")],
    **{f"funding.{name}": [rule(method, f"/funding/budget/lines/{{{line}}}/{path}", *roles)
                           for line, roles in (("meeting_budget_line", ("admin",)),
                                               ("training_budget_line", ("core", "admin")))
                           for method in ("GET", "POST")]
       for name, path in {"edit_line": "edit", "remove_budget_line": "remove"}.items()},
    # The register of calls: the Presidency (IE: none of these roles) and administrators keep it; sources: admins.
    "funding.calls": [rule("GET", "/funding/calls/", ALL)],
    "funding.archive": [rule("GET", "/funding/calls/archive", ALL)],
    "funding.call": [rule("GET", "/funding/calls/{call}", ALL), rule("GET", "/funding/calls/{archived_call}", ALL)],
    "funding.new_call": [rule("GET", "/funding/calls/new", "admin"), rule("POST", "/funding/calls/new", "admin")],
    "funding.edit_call": [rule("GET", "/funding/calls/{call}/edit", "admin"),
                          rule("POST", "/funding/calls/{call}/edit", "admin")],
    "funding.sources": [rule("GET", "/funding/sources/", "admin")],
    "funding.new_source": [rule("GET", "/funding/sources/new", "admin"),
                           rule("POST", "/funding/sources/new", "admin")],
    "funding.edit_source": [rule("GET", "/funding/sources/{source}/edit", "admin"),
                            rule("POST", "/funding/sources/{source}/edit", "admin")],
    "funding.retire_source": [rule("POST", "/funding/sources/{source}/retire", "admin")],
    "funding.reactivate_source": [rule("POST", "/funding/sources/{source}/reactivate", "admin")],
    # Applications led by IT: its members, the Presidency of the day and administrators edit them and take their
    # steps (none of these roles holds the Presidency); any Member State's member starts one for their country.
    "funding.applications": [rule("GET", "/funding/applications/", ALL),
                             rule("GET", "/funding/applications/?status=drafting&page=2", ALL)],
    "funding.new_application": [rule("GET", "/funding/applications/new", STATES, "admin"),
                                rule("POST", "/funding/applications/new", STATES, "admin")],
    "funding.application": [rule("GET", "/funding/applications/{application}", ALL),
                            rule("GET", "/funding/applications/{submitted_application}", ALL)],
    "funding.edit_application": [rule("GET", "/funding/applications/{application}/edit", "member", "admin"),
                                 rule("POST", "/funding/applications/{application}/edit", "member", "admin")],
    **{f"funding.{name}": [rule("POST", f"/funding/applications/{{{record}}}/{path}", "member", "admin")]
       for name, (record, path) in {"start_drafting": ("application", "start-drafting"),
                                    "submit_application": ("drafting_application", "submit"),
                                    "award_application": ("submitted_application", "award"),
                                    "reject_application": ("submitted_application", "reject"),
                                    "withdraw_application": ("application", "withdraw"),
                                    "attach_application_document": ("application", "documents")}.items()},
    "funding.application_document": [
        rule("GET", "/funding/applications/{application}/documents/{application_attachment}", ALL)],
    "funding.remove_application_document": [
        rule("POST", "/funding/applications/{application}/documents/{application_attachment}/remove",
             "member", "admin")],
    "assessments.new_round": [rule("GET", "/assessments/rounds/new", "admin"),
                              rule("POST", "/assessments/rounds/new", "admin")],
    "assessments.round": [rule("GET", "/assessments/rounds/{round}", ALL),
                          rule("GET", "/assessments/rounds/{closed_round}", ALL)],
    "assessments.close_round": [rule("POST", "/assessments/rounds/{round}/close", "admin")],
    "assessments.answer": [rule("GET", "/assessments/rounds/{round}/answer", STATES),
                           rule("POST", "/assessments/rounds/{round}/answer", STATES),
                           rule("GET", "/assessments/rounds/{needs_round}/answer", STATES)],
    "assessments.remove_row": [rule("POST", "/assessments/rounds/{round}/answer/remove", STATES)],
    "assessments.answer_detail": [rule("GET", "/assessments/answers/{answer}", "member", "admin")],
    "assessments.submit_answer": [rule("POST", "/assessments/answers/{answer}/submit")],
    "assessments.reopen_answer": [rule("POST", "/assessments/answers/{submitted_answer}/reopen", "admin")],
    "admin.designate_head_of_spoc": [rule("POST", "/admin/users/{user}/head-of-spoc", "admin")],
    # A cooperation round's results: every logged-in user once it is closed; nobody before (no preview).
    **{f"assessments.{name}": [rule("GET", f"/assessments/rounds/{{closed_round}}/{path}", ALL),
                               rule("GET", f"/assessments/rounds/{{round}}/{path}")]
       for name, path in {"results": "results", "matrix": "matrix", "results_csv": "results.csv",
                          "results_xlsx": "results.xlsx"}.items()},
    # Training needs of a closed round: every logged-in user (a country's needs are about its own staff).
    **{f"assessments.{name}": [rule("GET", f"/assessments/rounds/{{closed_needs_round}}/{path}", ALL)]
       for name, path in {"needs": "needs", "needs_csv": "needs.csv", "needs_xlsx": "needs.xlsx"}.items()},
    "roster.trainings": [rule("GET", "/trainings/", ALL)],
    "roster.training": [rule("GET", "/trainings/{training}", ALL)],
    "roster.new_training": [rule("GET", "/trainings/new", "core", "admin")],
    "roster.edit_training": [rule("GET", "/trainings/{training}/edit", "core", "admin")],
    **{f"roster.{name}": [rule("POST", f"/trainings/{{training}}/{path}", "core", "admin")]
       for name, path in {"plan_training": "plan", "cancel_training": "cancel",
                          "propose_training_trainer": "trainers"}.items()},
    "roster.deliver_training": [rule("POST", "/trainings/{planned_training}/deliver", "core", "admin")],
    "roster.confirm_trainer": [rule("POST", "/trainings/{training}/trainers/{proposal}/confirm", "core", "admin")],
    "roster.decline_trainer": [rule("POST", "/trainings/{training}/trainers/{proposal}/decline", "core", "admin")],
    "roster.record_participants": [rule("POST", "/trainings/{delivered_training}/participants", "core", "admin")],
    # Meetings: a convened meeting of the NL Presidency (2029) and a held one of PL (2025); only
    # administrators manage them here (none of these roles is their Presidency). IT holds a term to come
    # (2028), so its members may create meetings.
    "meetings.index": [rule("GET", "/meetings/", ALL)],
    "meetings.calendar": [rule("GET", "/calendar", ALL)],
    "meetings.export": [rule("GET", "/meetings/calendar.ics", ALL)],
    "meetings.detail": [rule("GET", "/meetings/{meeting}", ALL), rule("GET", "/meetings/{planned}", "admin"),
                        rule("GET", "/meetings/{restricted_meeting}", "core", "admin")],
    "meetings.ics": [rule("GET", "/meetings/{meeting}.ics", ALL),
                     rule("GET", "/meetings/{restricted_meeting}.ics", "core", "admin")],
    "meetings.document": [rule("GET", "/meetings/{meeting}/documents/{meeting_attachment}", ALL),
                          rule("GET", "/meetings/{meeting}/documents/{restricted_attachment}", "core", "admin")],
    "meetings.new": [rule("GET", "/meetings/new", "member", "admin")],
    "meetings.edit": [rule("GET", "/meetings/{meeting}/edit", "admin"),
                      rule("POST", "/meetings/{meeting}/edit", "admin")],
    "meetings.add_agenda": [rule("POST", "/meetings/{meeting}/agenda", "admin")],
    "meetings.edit_agenda": [rule("GET", "/meetings/{meeting}/agenda/{agenda_item}/edit", "admin")],
    "meetings.move_agenda": [rule("POST", "/meetings/{meeting}/agenda/{agenda_item}/down", "admin")],
    "meetings.remove_agenda": [rule("POST", "/meetings/{meeting}/agenda/{agenda_item}/remove", "admin")],
    "meetings.invite": [rule("POST", "/meetings/{meeting}/agencies", "admin")],
    "meetings.withdraw": [rule("POST", "/meetings/{meeting}/invitations/{europol_invitation}/withdraw", "admin")],
    "meetings.attach": [rule("POST", "/meetings/{meeting}/documents", "admin")],
    "meetings.convene": [rule("POST", "/meetings/{planned}/convene", "admin")],
    "meetings.cancel": [rule("POST", "/meetings/{meeting}/cancel", "admin")],
    "meetings.hold": [rule("POST", "/meetings/{past_convened}/hold", "admin")],
    "meetings.answer": [rule("POST", "/meetings/{meeting}/answers/IT", "member")],
    "meetings.minutes": [rule("GET", "/meetings/{held}/minutes", "admin")],
    "meetings.publish": [rule("POST", "/meetings/{held}/publish_minutes", "admin")],
    "meetings.new_action": [rule("POST", "/meetings/{held}/actions", "admin")],
    "meetings.update_action": [rule("POST", "/meetings/{held}/actions/{action}/done", "member", "admin")],
}

