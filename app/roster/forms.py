from datetime import date

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms import Form as SubForm
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from app.core.forms import Form, VersionedForm, choices, not_blank, strip
from app.roster.vocabulary import EXPERTISE_AREAS, LANGUAGES, LEVELS, SCORE_CRITERIA

LANGUAGE_ROWS = 5


def not_in_future(form: Form, field: DateField) -> None:
    if field.data and field.data > date.today():
        raise ValidationError("This date cannot be in the future.")


def at_least_one(message: str):
    def check(form: Form, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError(message)
    return check


class LanguageEntry(SubForm):
    """One row of the languages table; checked as a whole by the nomination form."""

    language = SelectField("Language", choices=choices([("", "—")] + sorted(LANGUAGES.items(), key=lambda i: i[1])),
                           validate_choice=False, filters=[strip])
    level = SelectField("Level", choices=choices([("", "—")] + list(LEVELS.items())),
                        validate_choice=False, filters=[strip])


class NominationForm(Form):
    organisation_id = SelectField("Country of the expert", coerce=int, validate_choice=True,
                                  description="You nominate experts of your own country.")
    name = StringField("Full name", filters=[strip], validators=[not_blank, Length(max=120)])
    email = EmailField("E-mail address", filters=[strip], validators=[
        DataRequired("Give the expert's e-mail address."), Length(max=254),
        Email("Enter a valid e-mail address.", check_deliverability=False)])
    position = StringField("Position and service", filters=[strip], validators=[not_blank, Length(max=200)],
                           description="For example: Head of the SIRENE desk, National Police.")
    expertise_areas = SelectMultipleField(
        "Areas of expertise", choices=choices(EXPERTISE_AREAS.items()),
        validators=[at_least_one("Choose at least one area of expertise.")])
    languages = FieldList(FormField(LanguageEntry), min_entries=LANGUAGE_ROWS, max_entries=LANGUAGE_ROWS)
    days_per_year = IntegerField("Days available per year", validators=[
        Optional(), NumberRange(1, 365, "Give a number of days between 1 and 365.")])
    unavailable_periods = StringField("Periods not available", filters=[strip], validators=[Length(max=300)],
                                      description="For example: July and August; the last week of each month.")
    motivation = TextAreaField("Motivation", filters=[strip], validators=[not_blank, Length(max=2_000)],
                               description="Why this expert would be a good trainer, in a few lines.")
    consent = BooleanField("The expert has agreed to be listed on the roster",
                           validators=[DataRequired("The expert's consent to be listed is required.")])
    consent_on = DateField("Date of the expert's consent", validators=[
        InputRequired("Give the date on which the expert gave consent."), not_in_future])

    def validate_languages(self, field: FieldList) -> None:
        seen = set()
        for n, entry in enumerate(field.entries, start=1):
            language, level = entry.language.data or "", entry.level.data or ""
            if not language and not level:
                continue
            if language not in LANGUAGES:
                raise ValidationError(f"Row {n}: “{language or '(none)'}” is not a language of the list. "
                                      "Choose one from the list.")
            if level not in LEVELS:
                raise ValidationError(f"Row {n}: “{level or '(none)'}” is not a level for {LANGUAGES[language]}. "
                                      "Use A1 to C2, or mother tongue.")
            if language in seen:
                raise ValidationError(f"{LANGUAGES[language]} is listed twice.")
            seen.add(language)
        if not seen:
            raise ValidationError("Give at least one language with its level.")

    def language_pairs(self) -> list[tuple[str, str]]:
        return [(e.language.data, e.level.data) for e in self.languages.entries if e.language.data]


def score_field(label: str) -> SelectField:
    return SelectField(label, choices=choices([("", "—")] + [(str(n), str(n)) for n in range(1, 6)]),
                       validate_choice=False, validators=[InputRequired("Give a score from 1 to 5."), _score])


def _score(form: Form, field: SelectField) -> None:
    if field.data not in {"1", "2", "3", "4", "5"}:
        raise ValidationError("Give a score from 1 to 5.")


class ReviewForm(Form):
    score_expertise = score_field(SCORE_CRITERIA["score_expertise"])
    score_training = score_field(SCORE_CRITERIA["score_training"])
    score_languages = score_field(SCORE_CRITERIA["score_languages"])
    score_availability = score_field(SCORE_CRITERIA["score_availability"])
    notes = TextAreaField("Review notes", filters=[strip], validators=[Length(max=5_000)],
                          description="Internal to the core group: the nominating country does not see them.")

    def scores(self) -> dict[str, int]:
        return {name: int(getattr(self, name).data) for name in SCORE_CRITERIA}


class DecisionForm(Form):
    message = TextAreaField("Message to the nominating country", filters=[strip], validators=[Length(max=5_000)],
                            description="The nominating country reads it with the decision. Required to decline.")


class ReasonForm(Form):
    reason = TextAreaField("Reason", filters=[strip], validators=[Length(max=2_000)])


class TrainingForm(VersionedForm):
    title = StringField("Title", filters=[strip], validators=[not_blank, Length(max=200)])
    aim = TextAreaField("Aim", filters=[strip], validators=[Length(max=5_000)],
                        description="What participants should be able to do afterwards. Markdown is allowed.")
    target_audience = StringField("Target audience", filters=[strip], validators=[Length(max=300)])
    starts_on = DateField("First day", validators=[InputRequired("Give the first day.")])
    ends_on = DateField("Last day", validators=[InputRequired("Give the last day.")])
    online = BooleanField("Online")
    place = StringField("Place", filters=[strip], validators=[Length(max=200)],
                        description="City and venue; leave empty for an online training.")
    organiser = SelectField("Organiser", validate_choice=True)
    expertise_areas = SelectMultipleField("Expertise needed", choices=choices(EXPERTISE_AREAS.items()))
    languages = SelectMultipleField(
        "Languages of the training", choices=choices(sorted(LANGUAGES.items(), key=lambda i: i[1])),
        description="Experts who speak them at B2 or better are shown first when proposing trainers.")

    def validate_ends_on(self, field: DateField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError("The last day cannot be before the first day.")

    def validate_place(self, field: StringField) -> None:
        if not field.data and not self.online.data:
            raise ValidationError("Give the place, or tick “Online”.")


class ProposeTrainerForm(Form):
    expert_id = HiddenField("Expert")


class ParticipantsForm(Form):
    organisation_id = SelectField("Country", coerce=int, validate_choice=True)
    participants = IntegerField("Participants", validators=[
        InputRequired("Give the number of participants."),
        NumberRange(0, 10_000, "Give a number between 0 and 10000 (0 removes the country).")])
