"""Every form of the intranet, fed generated values per field: never a server error, a refused post writes nothing,
and a saved one leaves the pages that show the record working (the page the post sends the user to, its module's
list; for a meeting also its page, its .ics, the calendar feed and the dashboard, where a saved line break or year
9999 breaks only later).

Each POST route of app.url_map is in :data:`FORMS` or in :data:`NOT_FUZZED` with its reason: a new route fails
:func:`test_every_post_route_is_fuzzed` until someone decides. The fields are not listed here: they are read from
the page that shows the form (every input, select and textarea, with its kind and value), so a field added to a
form is fuzzed at once. Each example changes one to three fields of the form as the page shows it (or as
:attr:`Spec.base` fills in a new record), so the other fields stay valid and a bad value can get saved.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException

from app.core.timezones import today
from app.extensions import db
from app.network.models import HeadOfSpoc
from tests.factories import (
    NOMINATION_REVIEW,
    PASSWORD,
    meeting_form,
    nomination_form,
    obstacle_form,
    organisation,
    practice_form,
)
from tests.factories_funding import application_form, call_form
from tests.fuzz.pages import Form, changed_tables, forms_of, pages_showing, snapshot
from tests.fuzz.routes import ADAPTER, APP, ROLES, client_for, role_for
from tests.fuzz.strategies import ABSENT, FUZZ
from tests.security.access import ACCESS


@dataclass(frozen=True)
class Spec:
    """How to reach a form: ``urls`` it posts to (default: its endpoint's in tests/security/access.py, formatted
    with the ids of the records built there), ``page`` that shows it (default: the first of the URL itself and
    the pages above it that holds a form posting there), ``role`` (default: the access rule's, an administrator
    where allowed), ``base`` values for fields the page leaves empty (a new record), ``prime``: post the valid
    form once first (it must be accepted), so the examples hit the path that changes a saved record, and
    ``setup(client, ids)``: what makes the page show the form (a feed to revoke, a deactivated account)."""

    urls: tuple[str, ...] = ()
    page: str | None = None
    role: str | None = None
    base: Callable[[], dict[str, Any]] | None = None
    prime: bool = False
    setup: Callable[[Any, Any], Any] | None = None


def _second_factor(client: Any, ids: Any) -> None:
    """The IT member turns a second factor on (an administrator may then reset it)."""
    ids.member.totp_secret = pyotp.random_base32()
    ids.member.totp_enabled_at = datetime.now(UTC)
    db.session.commit()


def _head(client: Any, ids: Any) -> None:
    """The IT member is designated its country's Head of SPOC (who alone submits its answer)."""
    ids["answer"]  # IT's draft, to submit
    db.session.add(HeadOfSpoc(organisation_id=ids.member.organisation_id, user_id=ids.member.id))
    db.session.commit()


def _text(**values: Any) -> Callable[[], dict[str, Any]]:
    return lambda: values


FORMS: dict[str, Spec] = {
    "auth.login": Spec(role="anonymous", base=_text(email="nobody@example.org", password=PASSWORD)),
    "auth.forgot_password": Spec(role="anonymous", base=_text(email="nobody@example.org")),
    "main.set_language": Spec(page="/"),
    "account.timezone": Spec(),
    "account.language": Spec(),
    "account.new_feed": Spec(),
    "account.revoke_feed": Spec(setup=lambda client, ids: client.post("/settings/calendar-feed")),
    "account.start_second_factor": Spec(role="member"),
    "account.new_recovery_codes": Spec(),
    "account.disable_second_factor": Spec(role="member", setup=_second_factor),
    "account.password": Spec(),
    "account.email": Spec(base=lambda: {"email-email": "moved@example.org", "email-password": PASSWORD}),
    "notifications.settings": Spec(page="/settings"),
    "notifications.clear_refused": Spec(),
    "factsheets.edit": Spec(role="member"),
    "factsheets.verify": Spec(role="member", page="/network/IT/fact-sheet"),
    "admin.markings": Spec(base=_text(label_en="Sensitive", label_fr="Sensible"), prime=True),
    "admin.edit_marking": Spec(),
    "admin.delete_marking": Spec(),
    "admin.new_user": Spec(base=lambda: {"email": "new.member@example.org", "name": "New Member",
                                         "organisation_id": str(organisation("IT").id)}, prime=True),
    "admin.edit_user": Spec(),
    "admin.invite_user": Spec(),
    "admin.deactivate_user": Spec(),
    "admin.activate_user": Spec(setup=lambda client, ids: client.post(f"/admin/users/{ids['user']}/deactivate")),
    "admin.new_organisation": Spec(base=_text(code="FRONTEX2", name="A new agency"), prime=True),
    "admin.edit_organisation": Spec(),
    "admin.associated_settings": Spec(page="/admin/organisations/"),
    "admin.edit_presidency_term": Spec(urls=("/admin/presidency/new", "/admin/presidency/{term}/edit"),
                                       base=_text(starts_on="2031-01-01", ends_on="2031-06-30")),
    "admin.edit_instrument": Spec(urls=("/admin/instruments/new", "/admin/instruments/{instrument}/edit"),
                                  base=_text(name="A new channel")),
    "security.settings": Spec(),
    "security.reset_second_factor": Spec(setup=_second_factor),
    # An administrator (of the Council) reports in the name of a Member State.
    "obstacles.new": Spec(base=lambda: obstacle_form(reporting_org_id=organisation("IT").id), prime=True),
    "obstacles.edit": Spec(),
    "obstacles.discuss": Spec(),
    "obstacles.agree_action": Spec(),
    "obstacles.resolve": Spec(),
    "obstacles.close": Spec(),
    "obstacles.say_affected": Spec(),
    "obstacles.withdraw_affected": Spec(),
    "obstacles.comment": Spec(base=_text(body="Seen here as well.")),
    "obstacles.edit_comment": Spec(role="member"),
    "practices.new": Spec(base=lambda: practice_form(country_id=organisation("IT").id), prime=True),
    "practices.edit": Spec(),
    "practices.submit": Spec(),
    "practices.endorse": Spec(),
    "practices.archive": Spec(),
    "practices.adopt": Spec(),
    "practices.withdraw_adoption": Spec(),
    "practices.comment": Spec(base=_text(body="We do the same.")),
    "practices.delete_attachment": Spec(page="/practices/{practice}/edit"),
    "roster.new_nomination": Spec(base=nomination_form, prime=True),
    "roster.start_nomination_review": Spec(),
    "roster.withdraw_nomination": Spec(),
    "roster.review_nomination": Spec(base=lambda: NOMINATION_REVIEW, prime=True),
    "roster.accept_nomination": Spec(),
    "roster.decline_nomination": Spec(),
    "roster.retire_expert": Spec(),
    "roster.reconfirm_expert": Spec(),
    "roster.erase_expert_data": Spec(),
    "roster.erase_nominee_data": Spec(),
    "roster.new_training": Spec(base=_text(title="SIENA for beginners", starts_on="2029-03-01",
                                           ends_on="2029-03-02", place="Vienna"), prime=True),
    "roster.edit_training": Spec(),
    "roster.plan_training": Spec(),
    "roster.deliver_training": Spec(),
    "roster.cancel_training": Spec(),
    "roster.propose_training_trainer": Spec(setup=lambda client, ids: ids["expert"]),  # a candidate to propose
    "roster.confirm_trainer": Spec(),
    "roster.decline_trainer": Spec(),
    "roster.record_participants": Spec(base=_text(participants="3")),
    "meetings.new": Spec(base=meeting_form, prime=True),
    "meetings.edit": Spec(),
    "meetings.convene": Spec(),
    "meetings.hold": Spec(),
    "meetings.cancel": Spec(base=_text(reason="The venue is closed.")),
    "meetings.add_agenda": Spec(base=_text(title="Tour de table"), prime=True),
    "meetings.edit_agenda": Spec(),
    "meetings.move_agenda": Spec(),
    "meetings.remove_agenda": Spec(),
    "meetings.invite": Spec(base=_text(reason="SIENA expertise")),
    "meetings.withdraw": Spec(),
    "meetings.attach": Spec(),
    "meetings.answer": Spec(base=_text(answer="attending", delegates="2", delegate_names="A. Delegate"), prime=True),
    "meetings.minutes": Spec(),
    "meetings.publish": Spec(),
    "meetings.new_action": Spec(base=_text(description="Share the SPOC manual"), prime=True),
    "meetings.update_action": Spec(),
    # Budget lines: the add form is on the activity's page; the edit form on its own page.
    "funding.add_meeting_line": Spec(page="/meetings/{meeting}", base=_text(**{"line-item": "Interpretation",
                                                                             "line-planned": "1 200,50"}),
                                     prime=True),
    "funding.add_training_line": Spec(page="/trainings/{training}", base=_text(**{"line-item": "Trainers' travel",
                                                                                "line-planned": "800"}), prime=True),
    "funding.edit_line": Spec(),
    "funding.remove_budget_line": Spec(),
    "funding.new_call": Spec(base=call_form, prime=True),
    "funding.edit_call": Spec(),
    "funding.new_source": Spec(base=_text(name="A regional security fund", kind="other"), prime=True),
    "funding.edit_source": Spec(),
    "funding.retire_source": Spec(),
    "funding.reactivate_source": Spec(
        setup=lambda client, ids: client.post(f"/funding/sources/{ids['source']}/retire")),
    # An administrator (of the Council) chooses the lead country; the source is one of the seeded ones.
    "funding.new_application": Spec(base=lambda: application_form(lead_id=organisation("IT").id), prime=True),
    "funding.edit_application": Spec(),
    "funding.start_drafting": Spec(),
    "funding.submit_application": Spec(),
    "funding.award_application": Spec(base=_text(amount_awarded="90 000")),
    "funding.reject_application": Spec(base=_text(note="Not eligible this year.")),
    "funding.withdraw_application": Spec(base=_text(note="The partners could not co-finance it.")),
    "funding.attach_application_document": Spec(),
    "funding.remove_application_document": Spec(),
    # Assessments: a round for a year no round of the world has; IT's draft in the open cooperation round.
    "assessments.new_round": Spec(base=lambda: {"questionnaire": "cooperation", "year": str(today().year - 5),
                                                "deadline": (today() + timedelta(days=20)).isoformat()}, prime=True),
    "assessments.close_round": Spec(),
    "assessments.answer": Spec(role="member", base=lambda: {
        "subject": str(organisation("DE").id), "requests_sent": "1-10", "requests_received": "11-50",
        "quality": "3"}, prime=True),
    "assessments.remove_row": Spec(role="member", setup=lambda client, ids: ids["answer"]),  # IT rated FR
    "assessments.submit_answer": Spec(role="member", page="/assessments/rounds/{round}", setup=_head),
    "assessments.reopen_answer": Spec(),
    "admin.designate_head_of_spoc": Spec(),
    # Imports: the upload form (its file field has tests/imports/test_bad_input.py), the columns of an uploaded file,
    # the import of a checked one.
    "imports.index": Spec(base=_text(kind="obstacles")),
    "imports.check": Spec(),
    "imports.run": Spec(),
}

NOT_FUZZED = {
    # They end the session the rest of the run needs; tests/auth and tests/security/test_sessions cover them.
    "auth.logout": "ends the session",
    "account.logout_everywhere": "ends the session",
    # Only reachable in the middle of a log-in or an enrolment, with a code from an authenticator app:
    # tests/security/test_second_factor.py drives them.
    "auth.second_factor": "needs a log-in waiting for its second step",
    "account.confirm_second_factor": "needs an enrolment in progress",
    "account.recovery_codes_saved": "shown only with fresh recovery codes (tests/account/test_second_factor_guided.py "
                                    "posts it unticked and with forged codes)",
    # Its page exists only behind a single-use token sent by e-mail: tests/auth/ feed its form.
    "auth.accept_invitation": "needs an invitation token",
    "auth.reset_password": "needs a reset link's token (tests/auth/test_password_reset.py posts bad input to it)",
}


def _rule_of(template: str) -> str | None:
    """The POST rule a URL of tests/security/access.py (``/obstacles/{obstacle}/edit``) reaches, if any."""
    url = template.format_map({name: 1 for name in re.findall(r"{(\w+)}", template)})
    try:
        rule, _ = ADAPTER.match(url.split("?")[0], method="POST", return_rule=True)
    except HTTPException:  # a URL of a GET-only rule
        return None
    return rule.rule


def _cases() -> list[tuple[str, str]]:
    """(endpoint, URL) of each POST rule in FORMS: its first URL there, or in tests/security/access.py."""
    rules: dict[str, tuple[str, str]] = {}
    for endpoint, spec in sorted(FORMS.items()):
        for template in spec.urls or [r.url for r in ACCESS[endpoint]]:
            rule = _rule_of(template)
            if rule is not None:
                rules.setdefault(rule, (endpoint, template))
    return sorted(rules.values())


CASES = _cases()


def test_every_post_route_is_fuzzed():
    """A new POST route must be added to FORMS (or to NOT_FUZZED, with its reason)."""
    covered = {_rule_of(template) for _, template in CASES}
    rules = list(APP.url_map.iter_rules())
    missing = sorted(r.rule for r in rules if "POST" in r.methods and r.rule not in covered
                     and r.endpoint not in NOT_FUZZED)
    assert not missing, f"POST routes the fuzzing harness does not reach (add them to FORMS in {__file__}): {missing}"
    assert not (FORMS.keys() | NOT_FUZZED.keys()) - {r.endpoint for r in rules}, "entries for endpoints now gone"
    assert all(spec.role in ROLES | {None} for spec in FORMS.values())


def _same(action: str, url: str) -> bool:
    return re.sub(r"^https?://[^/]+", "", action).split("#")[0].split("?")[0] == url.split("?")[0]


def _find_form(client: Any, url: str, page: str | None) -> tuple[str, Form, str]:
    """The page that shows the form posting to ``url``, the form, and the address it posts to."""
    candidates = [page] if page else []
    path = url.split("?")[0]
    while not page and path:
        candidates += [path, path + "/"]
        path = path.rsplit("/", 1)[0]
    if not page:
        candidates.append("/")
    for candidate in candidates:
        response = client.get(candidate)
        if response.status_code != 200 or not response.mimetype == "text/html":
            continue
        for form in forms_of(response.get_data(as_text=True)):
            for action in [form.action or candidate, *form.formactions]:
                if form.method == "POST" and _same(action, url):
                    return candidate, form, re.sub(r"^https?://[^/]+", "", action)
    raise AssertionError(f"no page among {candidates} shows a form posting to {url}: give its page in FORMS")


def _refused(response: Any) -> bool:
    """A conflict, a refusal, or the form again with its errors (the meeting page's forms answer those with 200)."""
    return response.status_code >= 400 or response.status_code == 200 and b'aria-invalid="true"' in response.data


@pytest.mark.parametrize(("endpoint", "template"), CASES, ids=[f"{e} {u}" for e, u in CASES])
def test_no_value_breaks_a_form(endpoint, template, app, login_as, world):
    spec = FORMS[endpoint]
    member = login_as("member", "IT")
    ids = world(member.user)
    url = template.format_map(ids)
    access = next((r for r in ACCESS[endpoint] if r.url == template), ACCESS[endpoint][0])
    role = spec.role or role_for(access.allowed)
    client = client_for(role, app, member, login_as)
    if spec.setup:
        spec.setup(client, ids)
    page, form, action = _find_form(client, url, spec.page and spec.page.format_map(ids))
    base = spec.base() if spec.base else {}
    unknown = base.keys() - form.fields.keys() - {name for name, _ in form.buttons}
    assert not unknown, f"{endpoint}: FORMS gives values for fields its form does not have: {sorted(unknown)}"
    refresh = any(f.kind == "hidden" for f in form.fields.values())  # e.g. the version a saved edit changes
    state: dict[str, Any] = {"form": form, "db": snapshot(), "broken": None}

    def post(changes: dict[str, Any]) -> Any:
        values = {**state["form"].data(), **base}
        for name, value in changes.items():
            if value is ABSENT:
                values.pop(name, None)
            else:
                values[name] = value
        response = client.post(action, data=values)
        response.close()
        assert response.status_code < 500, (action, changes, response.status_code)
        after = snapshot()
        if _refused(response):
            assert not changed_tables(state["db"], after), ("a refused post wrote", action, changes,
                                                             changed_tables(state["db"], after))
            return response
        state["db"] = after
        try:
            for shown in pages_showing(url, response.headers.get("Location", "")):
                answer = client.get(shown)
                answer.close()
                assert answer.status_code < 500, (shown, "after", action, changes, answer.status_code)
        except BaseException:
            state["broken"] = changes  # saved: the record may now break every later example
            raise
        again = client.get(page) if refresh else None
        if again is not None and again.status_code == 200:  # the form as it is now (its new version number)
            state["form"] = next((f for f in forms_of(again.get_data(as_text=True))
                                  if f.method == "POST" and f.action == form.action), state["form"])
        return response

    if spec.prime:
        primed = post({})
        errors = re.findall(r'class="error" id="([^"]*)"[^>]*>([^<]*)', primed.text)
        assert not _refused(primed), f"{endpoint}: the valid form was refused ({primed.status_code}): {errors}"
    names = sorted(form.fields)
    if not names:
        post({})  # a button alone: its route's ids are fuzzed by tests/fuzz/test_int_routes.py
        return
    chosen = st.one_of(st.sampled_from(names).map(lambda name: {name}),  # one field alone, half of the time
                       st.sets(st.sampled_from(names), min_size=1, max_size=min(3, len(names))))
    changes = chosen.flatmap(lambda fields: st.fixed_dictionaries(
        {name: form.fields[name].strategy() for name in sorted(fields)}))

    @FUZZ
    @given(changes=changes)
    def fuzz(changes):
        # The examples share the database: a value saved that breaks a page breaks it for every later example,
        # which would be reported in its place. They fail at once, naming it; that one replays as it is. (A post
        # that fails itself is rolled back: the next examples run as usual.)
        if state["broken"] is not None and changes != state["broken"]:
            raise AssertionError(f"not tried: the example {state['broken']!r} saved a value that breaks a page")
        post(changes)

    for name in reversed(names):  # explicit examples run first, the last one given first
        for value in reversed(form.fields[name].edges()):
            fuzz = example(changes={name: value})(fuzz)
    fuzz()
