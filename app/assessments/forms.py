"""The forms of rounds and answers. An answer's form is built from its questionnaire's declaration: one field per
question, each checked by :meth:`Question.clean`, so an unknown band or channel or a quality of 0 gets the same
message whichever page sent it."""

from functools import cache
from typing import Any

from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, NumberInput

from app.assessments.questionnaires import (
    COOPERATION,
    MAX_COUNT,
    MAX_TEXT,
    QUESTIONNAIRES,
    AnswerError,
    Question,
    Questionnaire,
)
from app.assessments.services import round_exists
from app.core.forms import Form, VersionedForm, choices, strip
from app.core.i18n import _, _l
from app.core.timezones import today


class RoundForm(Form):
    questionnaire = RadioField(_l("Questionnaire"), choices=choices((q.name, q.title) for q in QUESTIONNAIRES.values()),
                               validators=[InputRequired(_l("Choose the questionnaire."))])
    year = IntegerField(_l("Year the answers are about"), description=_l("Usually the last full year."),
                        validators=[InputRequired(_l("Give the year.")),
                                    NumberRange(min=2000, max=2200, message=_l("Give a year from 2000 to 2200."))])
    deadline = DateField(_l("Deadline"), description=_l("The last day countries can answer."),
                         validators=[InputRequired(_l("Give the deadline."))])
    note = TextAreaField(_l("Note to the countries (optional)"), filters=[strip], validators=[Length(max=5_000)])
    submit = SubmitField(_l("Open the round"))

    def validate_year(self, field: IntegerField) -> None:
        if field.data is None:
            return
        if field.data > today().year:
            raise ValidationError(_("The year cannot be in the future: a round asks about a year gone by."))
        if self.questionnaire.data in QUESTIONNAIRES and round_exists(self.questionnaire.data, field.data):
            raise ValidationError(_("There is already a round of this questionnaire for %(year)s.",
                                    year=field.data))

    def validate_deadline(self, field: DateField) -> None:
        if field.data and field.data <= today():
            raise ValidationError(_("The deadline must be after today."))


class _Checked:
    """A question's validator: its :meth:`Question.clean`, the stored value kept on the form."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.field_flags = {"required": True} if question.required else {}

    def __call__(self, form: Any, field: Any) -> None:
        try:
            form.cleaned[self.question.name] = self.question.clean(field.data)
        except AnswerError as error:
            raise ValidationError(str(error)) from None


class AnswerForm(VersionedForm):
    """One subject's answers (a partner or a topic); the questions' fields are added per questionnaire."""

    subject = SelectField(validate_choice=False)
    submit = SubmitField(_l("Save the draft"))

    questionnaire: Questionnaire = COOPERATION  # each questionnaire's subclass names its own (answer_form_class)
    own_country_id: int | None = None
    subjects: dict[str, Any] = {}  # the accepted values of ``subject`` -> the partner id or the topic code

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cleaned: dict[str, Any] = {}
        self.subject.label.text = str(self.questionnaire.subject_label)

    def validate_subject(self, field: SelectField) -> None:
        value = (field.data or "").strip()
        if not value:
            raise ValidationError(_("Choose the %(subject)s.", subject=str(self.questionnaire.subject_label).lower()))
        if self.questionnaire.subject == "partner" and self.own_country_id is not None \
                and value == str(self.own_country_id):
            raise ValidationError(_("Your own country is not a partner: choose another Member State."))
        if value not in self.subjects:
            if self.questionnaire.subject == "partner":
                raise ValidationError(_("Choose one of the other Member States."))
            raise ValidationError(_("Choose one of the topics."))

    @property
    def subject_value(self) -> Any:
        return self.subjects[self.subject.data]

    def question_fields(self) -> list[tuple[Question, Any]]:
        return [(q, self[q.name]) for q in self.questionnaire.questions]


class _CheckboxGroup(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _field(question: Question) -> Any:
    check = _Checked(question)
    options = dict(label=question.label, description=question.help, validators=[check])
    if question.type == "choice":
        pairs = list(question.choices.items())
        if not question.required:
            pairs.insert(0, ("", _l("No answer")))
        return RadioField(choices=choices(pairs), validate_choice=False, default="", **options)
    if question.type == "choices":
        return _CheckboxGroup(choices=choices(question.choices.items()), validate_choice=False, **options)
    if question.type == "scale":
        return RadioField(choices=choices((str(n), str(n)) for n in range(1, 6)), validate_choice=False, **options)
    if question.type == "count":
        return StringField(widget=NumberInput(min=0, max=MAX_COUNT), filters=[strip], **options)
    return TextAreaField(filters=[strip], render_kw={"maxlength": MAX_TEXT}, **options)


@cache
def answer_form_class(name: str) -> type[AnswerForm]:
    """The form of one questionnaire's subject (built once per process)."""
    questionnaire = QUESTIONNAIRES[name]
    fields = {q.name: _field(q) for q in questionnaire.questions}
    return type(f"AnswerForm_{name}", (AnswerForm,), {"questionnaire": questionnaire, **fields})


def answer_form(name: str, **kwargs: Any) -> AnswerForm:
    return answer_form_class(name)(**kwargs)


class RemoveRowForm(VersionedForm):
    subject = StringField(filters=[strip], validators=[Length(max=40)])
    submit = SubmitField(_l("Leave out"))
