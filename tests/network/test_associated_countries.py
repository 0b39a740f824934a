"""The Schengen-associated countries (Norway, Iceland, Switzerland, Liechtenstein): seeded reference data, a kind of
organisation of their own, members of the network who read, are invited to meetings and answer assessments, who
report obstacles and practices only when the administrators allow it, and who are never counted as EU Member
States (the report, the twice-a-year rule, the assessment figures and their three-country rule count the 27)."""

import re
from datetime import datetime

import pytest
from sqlalchemy.exc import IntegrityError

from app.assessments.models import AssessmentAnswer
from app.assessments.services import member_state_count
from app.core.models import AuditEvent
from app.meetings.models import MeetingInvitation
from app.network.associated import associated_may_report
from app.network.models import Organisation
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice
from tests.factories import answer, in_french, obstacle_form, organisation, practice_form

ASSOCIATED = {"NO": "Norway", "IS": "Iceland", "CH": "Switzerland", "LI": "Liechtenstein"}


def _allow(admin_client, allowed: bool):
    data = {"may_report": "y"} if allowed else {}
    return admin_client.post("/admin/organisations/associated", data=data)


def _checkbox(page: str) -> str:
    return re.search(r'<input[^>]*id="may_report"[^>]*>', page).group(0)


def _count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


# Reference data ----------------------------------------------------------------------------------------------------

def test_seeding_adds_the_four_associated_countries_once(db, runner):
    seeded = db.session.scalars(db.select(Organisation).where(Organisation.kind == "associated")).all()
    assert {o.code: o.name for o in seeded} == ASSOCIATED
    assert all(o.kind_label == "Schengen-associated country" and not o.is_member_state for o in seeded)
    for org in seeded:
        db.session.delete(org)
    db.session.commit()
    first = runner.invoke(args=["network", "seed"])
    assert first.exit_code == 0, first.output
    assert "associated countries 4" in first.output
    assert "organisations 0" in first.output  # the 27, the agencies and the Council were there already
    again = runner.invoke(args=["network", "seed"])
    assert "associated countries 0" in again.output
    assert db.session.scalar(db.select(db.func.count(Organisation.id)).where(Organisation.kind == "associated")) == 4
    assert member_state_count() == 27


def test_the_database_refuses_a_kind_it_does_not_know(db):
    db.session.add(Organisation(code="XX", name="Nowhere", kind="associate"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


# The administrators ------------------------------------------------------------------------------------------------

def test_an_administrator_adds_an_associated_country_labelled_as_such(admin_client, db):
    form = admin_client.get("/admin/organisations/new").text
    assert '<option value="associated">Schengen-associated country</option>' in form
    response = admin_client.post("/admin/organisations/new", data={"code": "fo", "name": "Faroe Islands",
                                                                   "kind": "associated"})
    assert response.status_code == 303
    added = organisation("FO")
    assert (added.kind, added.is_country, added.is_member_state) == ("associated", True, False)
    page = admin_client.get("/admin/organisations/").text
    assert re.search(r"<td>FO</td><th scope=\"row\">Faroe Islands</th><td>Schengen-associated country</td>", page)
    assert member_state_count() == 27


def test_a_bad_kind_is_refused_next_to_the_field_and_nothing_is_written(admin_client, db):
    before = _count(db, Organisation)
    response = admin_client.post("/admin/organisations/new", data={"code": "NO2", "name": "Norway again",
                                                                   "kind": "member-state-ish"})
    assert response.status_code == 200
    assert "Not a valid choice" in response.text
    assert 'value="Norway again"' in response.text
    duplicate = admin_client.post("/admin/organisations/new", data={"code": "no", "name": "Norway",
                                                                    "kind": "associated"})
    assert "An organisation with this code already exists." in duplicate.text
    assert _count(db, Organisation) == before


def test_the_setting_is_off_until_an_administrator_turns_it_on_and_each_change_is_audited(admin_client, login_as, db):
    assert not associated_may_report()
    page = admin_client.get("/admin/organisations/").text
    assert "Associated countries may report obstacles and practices" in page
    assert "checked" not in _checkbox(page)
    assert _allow(admin_client, True).status_code == 303
    assert associated_may_report()
    assert "checked" in _checkbox(admin_client.get("/admin/organisations/").text)
    assert "Nothing changed." in admin_client.get(_allow(admin_client, True).headers["Location"]).text
    _allow(admin_client, False)
    assert not associated_may_report()
    actions = db.session.scalars(db.select(AuditEvent.action).where(AuditEvent.record_type == "site_settings")
                                 .order_by(AuditEvent.id)).all()
    assert actions == ["allow_associated_reports", "forbid_associated_reports"]
    log = admin_client.get("/admin/audit/").text
    assert "associated countries allowed to report obstacles and practices" in log
    # Only administrators keep it.
    norwegian = login_as("member", "NO")
    assert norwegian.post("/admin/organisations/associated", data={"may_report": "y"}).status_code == 403
    assert not associated_may_report()


def test_the_setting_page_is_in_french(admin_client):
    page = in_french(admin_client).get("/admin/organisations/").text
    assert "Pays associé à Schengen" in page
    assert "Les pays associés peuvent signaler des obstacles et des pratiques" in page


# Reporting obstacles and practices ---------------------------------------------------------------------------------

def test_with_the_setting_off_a_norway_user_has_no_button_and_is_refused(login_as, db):
    norwegian = login_as("member", "NO")
    assert 'href="/obstacles/new"' not in norwegian.get("/obstacles/").text
    assert 'href="/practices/new"' not in norwegian.get("/practices/").text
    refused = norwegian.get("/obstacles/new")
    assert refused.status_code == 403
    assert "The administrators have not allowed the Schengen-associated countries to report" in refused.text
    posted = norwegian.post("/obstacles/new", data=obstacle_form())
    assert posted.status_code == 403
    assert norwegian.post("/practices/new", data=practice_form()).status_code == 403
    assert (_count(db, Obstacle), _count(db, BestPractice)) == (0, 0)
    # Agencies stay refused with the plain message, whatever the setting.
    assert "Schengen-associated" not in login_as("member", "EUROPOL").get("/obstacles/new").text


def test_with_the_setting_on_a_norway_user_reports_like_a_member(admin_client, login_as, db):
    _allow(admin_client, True)
    norwegian = login_as("member", "NO")
    assert 'href="/obstacles/new"' in norwegian.get("/obstacles/").text
    assert 'href="/practices/new"' in norwegian.get("/practices/").text
    form = norwegian.get("/obstacles/new").text
    assert "You report in the name of Norway." in form
    response = norwegian.post("/obstacles/new", data=obstacle_form(counterpart_ids=[organisation("SE").id]))
    assert response.status_code == 303
    obstacle = db.session.scalars(db.select(Obstacle)).one()
    assert obstacle.reporting_org.code == "NO"
    assert norwegian.post("/practices/new", data=practice_form()).status_code == 303
    assert db.session.scalars(db.select(BestPractice)).one().country.code == "NO"
    # Bad input is refused next to the field, the text kept, nothing more written.
    bad = norwegian.post("/obstacles/new", data=obstacle_form(title="", description="Kept text of the report"))
    assert bad.status_code == 200
    assert "This field is required." in bad.text
    assert "Kept text of the report" in bad.text
    assert _count(db, Obstacle) == 1
    # Turned off again: refused again (what they reported stays theirs).
    _allow(admin_client, False)
    assert norwegian.get("/obstacles/new").status_code == 403


def test_countries_on_the_other_side_and_the_filters_group_the_associated_countries(member_client):
    form = member_client.get("/obstacles/new").text
    select = form.split('name="counterpart_ids"')[1].split("</select>")[0]
    assert '<optgroup label="EU Member States">' in select
    group = select.split('<optgroup label="Schengen-associated countries">')[1].split("</optgroup>")[0]
    assert {name for name in ASSOCIATED.values()} == set(re.findall(r">([^<]+)</option>", group))
    listing = member_client.get("/obstacles/").text
    assert '<optgroup label="Schengen-associated countries"><option value="IS">Iceland</option>' in listing


# The network, meetings and assessments -----------------------------------------------------------------------------

def test_the_directory_lists_them_apart_and_they_keep_their_profile(login_as, admin_client, db):
    norwegian = login_as("member", "NO")
    page = norwegian.get("/network/").text
    section = page.split('id="kind-associated"')[1].split("</section>")[0]
    assert "Schengen-associated countries" in section
    assert "Norway" in section
    assert "Norway" not in page.split('id="kind-member_state"')[1].split("</section>")[0]
    assert "Open the fact sheet" in norwegian.get("/network/NO").text
    assert norwegian.get("/network/NO/fact-sheet").status_code == 200
    assert norwegian.get("/network/NO/fact-sheet/spoc/edit").status_code == 200  # kept by the country itself
    # The Head of SPOC of an associated country submits its assessment answers.
    assert admin_client.post(f"/admin/users/{norwegian.user.id}/head-of-spoc").status_code == 303
    assert "Yes: heads the SPOC of Norway" in admin_client.get(f"/admin/users/{norwegian.user.id}").text


def test_the_presidency_invites_an_associated_country_which_then_answers(login_as, make_meeting, db):
    meeting = make_meeting()
    dutch = login_as("member", "NL")
    page = dutch.get(f"/meetings/{meeting.id}").text
    select = page.split('name="organisation_id"')[1].split("</select>")[0]
    iceland = organisation("IS").id
    assert f'<optgroup label="Schengen-associated countries"><option value="{iceland}">Iceland (IS)</option>' in select
    assert "Italy" not in select  # the 27 are all invited on convening
    norway = organisation("NO")
    missing = dutch.post(f"/meetings/{meeting.id}/agencies", data={"organisation_id": norway.id, "reason": ""})
    assert "This field is required." in missing.text
    assert _count(db, MeetingInvitation) == 0
    ok = dutch.post(f"/meetings/{meeting.id}/agencies",
                    data={"organisation_id": norway.id, "reason": "Cross-border cooperation in the Nordic region"})
    assert ok.status_code == 303
    assert dutch.post(f"/meetings/{meeting.id}/convene").status_code == 303
    db.session.expire_all()
    codes = {i.organisation.code for i in meeting.invitations}
    assert len(codes) == 28
    assert "NO" in codes
    assert "IS" not in codes
    norwegian = login_as("member", "NO")
    answered = norwegian.post(f"/meetings/{meeting.id}/answers/NO",
                              data={"answer": "attending", "delegates": "1", "delegate_names": "Ola Example"})
    assert answered.status_code == 303
    assert "1 of 28 answered" in norwegian.get(f"/meetings/{meeting.id}").text


def test_a_norway_head_answers_a_round_shown_apart_from_the_27(login_as, make_head, make_round, db):
    round_ = make_round()
    client = login_as("member", "NO")
    make_head(client.user)
    page = client.get(f"/assessments/rounds/{round_.id}/answer")
    assert page.status_code == 200
    select = page.text.split('name="subject"')[1].split("</select>")[0]
    assert select.count("<option") == 28  # "Choose…" and the 27 Member States it rates
    url = f"/assessments/rounds/{round_.id}/answer"
    version = page.text.split('name="version" type="hidden" value="')[1].split('"')[0]
    saved = client.post(url, data={"subject": str(organisation("FR").id), "requests_sent": "11-50",
                                   "requests_received": "1-10", "urgent_time": "24h", "normal_time": "7d",
                                   "quality": "4", "version": version})
    assert saved.status_code == 303
    answer = db.session.scalars(db.select(AssessmentAnswer)).one()
    assert client.post(f"/assessments/answers/{answer.id}/submit").status_code == 303
    round_page = client.get(f"/assessments/rounds/{round_.id}").text
    assert "0 of 27 countries answered and 1 associated country" in round_page
    assert "Schengen-associated countries that answered (1)" in round_page
    waiting = round_page.split('id="waiting-heading"')[1]
    assert "(27)" in waiting.split("</h2>")[0]
    assert "Norway" not in waiting


# Never counted as EU Member States ---------------------------------------------------------------------------------

PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}


def _figures(member_client, title_start: str) -> dict[str, str]:
    html = member_client.get("/reports/", query_string=PERIOD).text
    section = html.split(f">{title_start}", 1)[1].split("</section>", 1)[0]
    return dict(re.findall(r'<th scope="row">([^<]+)</th><td class="number">(\d+)</td>', section))


def test_the_report_the_twice_a_year_rule_and_the_three_country_rule_count_the_27(
        member_client, make_round, make_answer, make_meeting, make_obstacle, db):
    round_ = make_round(year=2024, status="closed")
    for country in ("IT", "DE"):
        make_answer(round_, country, {"FR": {"quality": 2}}, status="submitted")
    held = make_meeting(start=datetime(2025, 3, 10, 10, 0), status="held", invite=("IT",))
    before = (_figures(member_client, "Cooperation between the SPOCs"),
              _figures(member_client, "Meeting at least twice a year"))
    assert before[0] == {"Member States that answered the cooperation round": "2", "Member States in the round": "27",
                         "Member States rated by at least three countries": "0"}
    # Norway's records: its answer rates France (a third rater if it counted), it attends the meeting.
    make_answer(round_, "NO", {"FR": {"quality": 5}}, status="submitted")
    held.invitations.append(MeetingInvitation(organisation=organisation("NO")))
    db.session.commit()
    answer(held, "NO")
    make_obstacle("NO")
    after = (_figures(member_client, "Cooperation between the SPOCs"),
             _figures(member_client, "Meeting at least twice a year"))
    assert after == before
    results = member_client.get(f"/assessments/rounds/{round_.id}/results").text
    assert "Norway" not in results
    assert "2 of 27 countries answered" in member_client.get(f"/assessments/rounds/{round_.id}").text
