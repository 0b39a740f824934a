"""Answering a round: the country's draft, one partner or topic at a time, each question from its declaration;
every bad value refused next to its field with the typed values kept and nothing written."""

from datetime import timedelta

import pytest

from app.assessments.models import AssessmentAnswer, AssessmentRow
from app.core.models import AuditEvent
from app.core.timezones import today
from tests.factories import in_french, organisation


def rating(partner="FR", **changes):
    """What a member types for one partner (the form's field names and values)."""
    data = {"subject": str(organisation(partner).id), "requests_sent": "11-50", "requests_received": "51-200",
            "urgent_time": "24h", "normal_time": "7d", "quality": "4", "channels": ["siena", "sirene"],
            "difficulties": ["linguistic"], "comment": "Answers in English help."}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def need(topic="legal_framework", **changes):
    data = {"subject": topic, "level": "basic", "priority": "high", "staff": "6", "format": "online",
            "language": "en"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def rows(db):
    return db.session.scalars(db.select(AssessmentRow).order_by(AssessmentRow.id)).all()


def version_of(client, url):
    """The answer's version the page's form carries, as a browser would send it back."""
    page = client.get(url).text
    return page.split('name="version" type="hidden" value="')[1].split('"')[0]


def save(client, round_, data):
    url = f"/assessments/rounds/{round_.id}/answer"
    return client.post(url, data={**data, "version": version_of(client, url)})


def test_the_first_save_creates_the_country_answer(member_client, db, make_round):
    round_ = make_round()
    page = member_client.get(f"/assessments/rounds/{round_.id}/answer")
    assert page.status_code == 200
    text = page.text
    assert "Partners not worked with are left out" in text
    assert "Nothing filled in yet." in text
    # Each question from its declaration: radio groups, 1-5 scale, checkboxes, a text area, the help texts.
    assert 'type="radio" value="51-200"' in text.replace('name="requests_sent" ', "").replace(
        'id="requests_sent-2" ', "") or 'value="51-200"' in text
    assert text.count('name="quality"') == 5
    assert 'type="checkbox"' in text
    assert 'value="sirene"' in text
    assert '<textarea' in text
    assert "How long this partner usually took" in text
    # The partner select: the 26 other Member States, never Italy itself.
    select = text.split('name="subject"')[1].split("</select>")[0]
    assert select.count("<option") == 27  # "Choose…" and 26 partners
    assert "Italy" not in select
    assert "France" in select
    assert "Europol" not in select

    response = save(member_client, round_, rating("FR"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/assessments/rounds/{round_.id}/answer")
    answer = db.session.scalars(db.select(AssessmentAnswer)).one()
    assert (answer.organisation_id, answer.status, answer.updated_by_id) == (
        organisation("IT").id, "draft", member_client.user.id)
    (row,) = answer.rows
    assert row.partner_id == organisation("FR").id
    assert row.values == {"requests_sent": "11-50", "requests_received": "51-200", "urgent_time": "24h",
                          "normal_time": "7d", "quality": 4, "channels": ["siena", "sirene"],
                          "difficulties": ["linguistic"], "comment": "Answers in English help."}
    page = member_client.get(response.headers["Location"]).text
    assert "Saved in your draft: France." in page
    table = page.split('id="rows-heading"')[1].split("</table>")[0]
    assert "France" in table
    assert "11 to 50" in table
    assert "SIENA, SIRENE" in table
    assert "4</td>" in table
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "save_draft")).one()
    assert event.record_id == answer.id
    assert event.changes == {"partners": [None, "FR"]}


def test_partners_are_added_and_changed_one_at_a_time(member_client, db, make_round):
    round_ = make_round()
    save(member_client, round_, rating("FR"))
    save(member_client, round_, rating("DE", quality="2", channels=None, difficulties=None, comment=None))
    url = f"/assessments/rounds/{round_.id}/answer?subject={organisation('FR').id}"
    form = member_client.get(url).text.split('id="answer-form"')[1]
    assert f'<option selected value="{organisation("FR").id}">' in form
    assert 'checked id="quality-3" name="quality" required type="radio" value="4"' in form
    assert "Answers in English help." in form
    save(member_client, round_, rating("FR", quality="5"))
    assert [(r.partner.code, r.values["quality"]) for r in rows(db)] == [("FR", 5), ("DE", 2)]
    assert rows(db)[1].values["channels"] == []
    assert rows(db)[1].values["comment"] is None
    assert len(db.session.scalars(db.select(AssessmentAnswer)).all()) == 1


def test_several_countries_answer_each_their_own(login_as, db, make_round):
    round_ = make_round()
    for country, partner in (("IT", "FR"), ("FR", "IT"), ("DE", "IT")):
        assert save(login_as("member", country), round_, rating(partner)).status_code == 303
    answers = {a.organisation.code: [r.partner.code for r in a.rows]
               for a in db.session.scalars(db.select(AssessmentAnswer))}
    assert answers == {"IT": ["FR"], "FR": ["IT"], "DE": ["IT"]}


def test_two_members_of_one_country_share_its_draft(login_as, db, make_round):
    round_ = make_round()
    first, second = login_as("member", "IT"), login_as("member", "IT")
    save(first, round_, rating("FR"))
    save(second, round_, rating("DE"))
    (answer,) = db.session.scalars(db.select(AssessmentAnswer)).all()
    assert [r.partner.code for r in answer.rows] == ["FR", "DE"]
    assert answer.updated_by_id == second.user.id


def test_training_needs_by_topic(member_client, db, make_round):
    round_ = make_round("training_needs")
    text = member_client.get(f"/assessments/rounds/{round_.id}/answer").text
    assert "Add or change a topic" in text
    assert "Legal framework" in text
    assert save(member_client, round_, need("legal_framework")).status_code == 303
    (row,) = rows(db)
    assert row.topic == "legal_framework"
    assert row.partner_id is None
    assert row.values == {"level": "basic", "priority": "high", "staff": 6, "format": "online", "language": "en"}
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "save_draft")).one()
    assert event.changes == {"topics": [None, "legal_framework"]}


BAD_RATINGS = [
    ({"quality": "0"}, "quality", "Give a whole number from 1 to 5."),
    ({"quality": "6"}, "quality", "Give a whole number from 1 to 5."),
    ({"quality": None}, "quality", "Answer this question."),
    ({"requests_sent": "lots"}, "requests_sent", "“lots” is not one of the choices."),
    ({"urgent_time": "1h"}, "urgent_time", "“1h” is not one of the choices."),
    ({"channels": ["siena", "carrier-pigeon"]}, "channels", "“carrier-pigeon” is not one of the choices."),
    ({"difficulties": ["weather"]}, "difficulties", "“weather” is not one of the choices."),
    ({"comment": "x" * 2001}, "comment", "At most 2000 characters."),
    ({"comment": "nul\x00byte"}, "comment", "control characters"),
    ({"subject": ""}, "subject", "Choose the partner member state."),
    ({"subject": "999999"}, "subject", "Choose one of the other Member States."),
    ({"subject": "FR"}, "subject", "Choose one of the other Member States."),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_RATINGS)
def test_a_bad_value_is_refused_next_to_its_field(member_client, db, make_round, changes, field, message):
    round_ = make_round()
    response = save(member_client, round_, rating("DE", **changes))
    assert response.status_code == 400
    text = response.text
    assert f'id="{field}-error"' in text
    assert message in text.split(f'id="{field}-error"')[1].split("</p>")[0]
    assert rows(db) == []
    assert db.session.scalars(db.select(AssessmentAnswer)).all() == []
    if field != "comment":
        assert "Answers in English help." in text  # the typed values are kept
    if field != "subject":
        assert f'<option selected value="{organisation("DE").id}">' in text


def test_the_answering_country_is_not_its_own_partner(member_client, db, make_round):
    round_ = make_round()
    response = save(member_client, round_, rating("IT"))
    assert response.status_code == 400
    assert "Your own country is not a partner: choose another Member State." in response.text
    assert rows(db) == []


def test_an_agency_of_another_kind_is_no_partner(member_client, db, make_round):
    round_ = make_round()
    response = save(member_client, round_, rating("EUROPOL"))
    assert response.status_code == 400
    assert "Choose one of the other Member States." in response.text
    assert rows(db) == []


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"staff": "-1"}, "staff", "Give a whole number from 0 to 100000."),
    ({"staff": "lots"}, "staff", "Give a whole number from 0 to 100000."),
    ({"priority": "urgent"}, "priority", "“urgent” is not one of the choices."),
    ({"subject": "astrology"}, "subject", "Choose one of the topics."),
])
def test_a_bad_need_is_refused(member_client, db, make_round, changes, field, message):
    round_ = make_round("training_needs")
    response = save(member_client, round_, need(**changes))
    assert response.status_code == 400
    assert message in response.text.split(f'id="{field}-error"')[1].split("</p>")[0]
    assert rows(db) == []


def test_no_country_field_to_tamper_with(member_client, db, make_round):
    """The country is always the user's own: a posted organisation is ignored."""
    round_ = make_round()
    save(member_client, round_, {**rating("DE"), "organisation_id": str(organisation("FR").id)})
    (answer,) = db.session.scalars(db.select(AssessmentAnswer)).all()
    assert answer.organisation.code == "IT"


@pytest.mark.parametrize("who", ["agency_client", "admin_client"])
def test_agencies_and_the_council_do_not_answer(request, db, make_round, who):
    client = request.getfixturevalue(who)
    round_ = make_round()
    assert client.get(f"/assessments/rounds/{round_.id}/answer").status_code == 403
    assert client.post(f"/assessments/rounds/{round_.id}/answer", data=rating("FR")).status_code == 403
    assert rows(db) == []


def test_after_the_deadline_nothing_is_taken(member_client, db, make_round):
    round_ = make_round(deadline=today() + timedelta(days=1))
    url = f"/assessments/rounds/{round_.id}/answer"
    version = version_of(member_client, url)
    round_.deadline = today() - timedelta(days=1)
    db.session.commit()
    response = member_client.post(url, data={**rating("FR"), "version": version})
    assert response.status_code == 409
    assert "This round took answers until" in response.text
    assert rows(db) == []
    page = member_client.get(url).text
    assert "The deadline has passed" in page
    assert 'name="subject"' not in page


def test_leaving_a_partner_out_again(member_client, db, make_round):
    round_ = make_round()
    save(member_client, round_, rating("FR"))
    save(member_client, round_, rating("DE"))
    url = f"/assessments/rounds/{round_.id}/answer"
    response = member_client.post(f"{url}/remove", data={"subject": str(organisation("FR").id),
                                                         "version": version_of(member_client, url)})
    assert response.status_code == 303
    assert [r.partner.code for r in rows(db)] == ["DE"]
    assert "Left out of your answer: France." in member_client.get(url).text
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "remove_row")).one()
    assert event.changes == {"partners": ["FR", None]}
    # A partner that is not in the answer: a message, nothing removed.
    response = member_client.post(f"{url}/remove", data={"subject": str(organisation("ES").id),
                                                         "version": version_of(member_client, url)})
    assert response.status_code == 303
    assert "There is nothing to leave out" in member_client.get(url).text
    assert [r.partner.code for r in rows(db)] == ["DE"]


def test_answering_in_french(member_client, db, make_round):
    round_ = make_round()
    client = in_french(member_client)
    text = client.get(f"/assessments/rounds/{round_.id}/answer").text
    assert "Qualité des réponses" in text
    assert "Ajouter ou modifier un partenaire" in text
    response = save(client, round_, rating("DE", quality="7"))
    assert "Donnez un nombre entier de 1 à 5." in response.text
