"""The rules every form of the application shares (app/core/forms.py), checked on every form class: one-line
fields refuse line breaks, numbers and dates out of range get a message, whatever the form."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import DateField, DateTimeLocalField, IntegerField, PasswordField, SelectField, StringField, TextAreaField

from app.core.forms import Form, IdField
from tests.factories import nomination_form, obstacle_form, organisation, practice_form

LINE_BREAKS = ["one\ntwo", "one\r\ntwo", "one\rtwo", "one\u2028two", "one\x85two"]
ONE_LINE_MESSAGE = "This field holds one line: remove the line break."


def _form_classes() -> list[type]:
    found, stack = [], [Form]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("app."):
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _posted(cls: type, values: dict[str, str]) -> Form:
    form = cls(formdata=MultiDict(values), meta={"csrf": False})
    for field in form:
        if isinstance(field, SelectField) and field.choices is None:  # views fill these from the database
            field.choices = []
    form.validate()
    return form


def test_the_walk_finds_the_forms_of_every_module(app):
    modules = {cls.__module__.split(".")[1] for cls in _form_classes()}
    assert {"meetings", "obstacles", "practices", "roster", "admin", "factsheets", "auth", "account"} <= modules


def test_every_one_line_field_of_every_form_refuses_a_line_break(app):
    checked = 0
    with app.test_request_context("/", method="POST"):
        for cls in _form_classes():
            for name, field in cls(formdata=None, meta={"csrf": False})._fields.items():
                if not isinstance(field, StringField):
                    continue
                for text in LINE_BREAKS:
                    form = _posted(cls, {name: text})
                    if isinstance(field, TextAreaField | PasswordField):  # several lines / never shown: kept
                        assert ONE_LINE_MESSAGE not in form[name].errors, (cls, name)
                        continue
                    if isinstance(field, IdField):  # not an id: no id at all (the view says what is missing)
                        assert form[name].data is None, (cls.__name__, name)
                        continue
                    assert ONE_LINE_MESSAGE in form[name].errors, (cls.__name__, name, text)
                    checked += 1
    assert checked > 100


def test_every_number_and_date_field_of_every_form_refuses_values_out_of_range(app):
    checked = 0
    with app.test_request_context("/", method="POST"):
        for cls in _form_classes():
            for name, field in cls(formdata=None, meta={"csrf": False})._fields.items():
                if isinstance(field, IntegerField):
                    wrong = ["2147483648", str(2**63), "-99999999999999999999"]
                elif isinstance(field, DateTimeLocalField):
                    wrong = ["9999-12-31T23:59", "1800-01-01T10:00"]
                elif isinstance(field, DateField):
                    wrong = ["9999-12-31", "1800-01-01", "0001-01-01"]
                else:
                    continue
                for value in wrong:
                    assert _posted(cls, {name: value})[name].errors, (cls.__name__, name, value)
                    checked += 1
    assert checked > 30


def test_a_year_out_of_range_gets_the_message_that_says_which_years(app):
    from app.admin.forms import PresidencyTermForm

    with app.test_request_context("/", method="POST"):
        form = _posted(PresidencyTermForm, {"starts_on": "2026-07-01", "ends_on": "9999-12-31"})
        assert form.ends_on.errors == ["Give a date between the years 1900 and 2200."]
        assert not form.starts_on.errors


@pytest.mark.parametrize("title", ["Two\nlines", "Two\r\nlines"])
def test_titles_with_a_line_break_are_refused_on_create_and_edit(title, login_as, admin_client, core_client,
                                                                 make_obstacle, make_practice, make_training, db):
    from app.obstacles.models import Obstacle
    from app.practices.models import BestPractice
    from app.roster.models import Nomination, TrainingActivity

    member = login_as("member", "IT")
    obstacle, practice, training = make_obstacle("IT"), make_practice("IT", status="draft"), make_training()
    before = {model: db.session.scalar(db.select(db.func.count(model.id)))
              for model in (Obstacle, BestPractice, Nomination, TrainingActivity)}
    posts = [
        (member, "/obstacles/new", obstacle_form(title=title)),
        (member, f"/obstacles/{obstacle.id}/edit", obstacle_form(title=title, version=str(obstacle.version))),
        (member, "/practices/new", practice_form(title=title)),
        (member, f"/practices/{practice.id}/edit", practice_form(title=title, version=str(practice.version))),
        (member, "/nominations/new", nomination_form(name=title)),
        (core_client, "/trainings/new", {"title": title, "starts_on": "2029-03-01", "ends_on": "2029-03-02",
                                         "online": "y", "organiser": "core"}),
        (core_client, f"/trainings/{training.id}/edit", {"title": title, "starts_on": "2029-03-01",
                                                         "ends_on": "2029-03-02", "online": "y", "organiser": "core",
                                                         "version": str(training.version)}),
        (admin_client, f"/admin/organisations/{organisation('IT').id}/edit", {"name": title}),
    ]
    for client, url, data in posts:
        response = client.post(url, data=data)
        assert response.status_code == 200, (url, response.status_code)  # the form again, with the message
        page = response.get_data(as_text=True)
        assert ONE_LINE_MESSAGE in page, url
        assert "Two" in page, url  # what was typed is kept
        assert "lines" in page, url
    db.session.expire_all()
    assert {model: db.session.scalar(db.select(db.func.count(model.id))) for model in before} == before
    assert "\n" not in db.session.get(Obstacle, obstacle.id).title
    assert "\n" not in db.session.get(TrainingActivity, training.id).title
    assert "\n" not in organisation("IT").name


def test_the_one_line_message_is_in_the_reader_s_language(login_as, db):
    from tests.factories import in_french

    member = in_french(login_as("member", "IT"))
    response = member.post("/obstacles/new", data=obstacle_form(title="Deux\nlignes"))
    assert response.status_code == 200
    assert "Ce champ tient sur une seule ligne : retirez le saut de ligne." in response.get_data(as_text=True)
