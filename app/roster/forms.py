from typing import Any

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms import Form as SubForm
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from app.core.forms import Form, IdField, VersionedForm, choices, not_blank, not_in_future, strip
from app.core.guard import Guarded
from app.core.i18n import _, _l
from app.roster.vocabulary import EXPERTISE_AREAS, LANGUAGES, LEVELS, SCORE_CRITERIA, sorted_languages

LANGUAGE_ROWS = 5


def at_least_one(message: str):
    def check(form: Form, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError(message)
    return check


class LanguageEntry(SubForm):
    """One row of the languages table; checked as a whole by the nomination form."""

    # Choices as a function: the languages in alphabetical order of the reader's language.
    language = SelectField(_l("Language"), choices=lambda: choices([("", "—")] + sorted_languages()),
                           validate_choice=False, filters=[strip])
    level = SelectField(_l("Level"), choices=choices([("", "—")] + list(LEVELS.items())),
                        validate_choice=False, filters=[strip])


class NominationForm(Guarded, Form):
    guarded_fields = ("motivation",)  # the expert's own contact details have their fields
    organisation_id = SelectField(_l("Country of the expert"), coerce=int, validate_choice=True,
                                  description=_l("You nominate experts of your own country."))
    name = StringField(_l("Full name"), filters=[strip], validators=[not_blank, Length(max=120)])
    email = EmailField(_l("E-mail address"), filters=[strip], validators=[
        DataRequired(_l("Give the expert's e-mail address.")), Length(max=254),
        Email(_l("Enter a valid e-mail address."), check_deliverability=False)],
        description=_l("It identifies the expert: a person already nominated or on the roster is not nominated "
                       "again. A retired expert may be: accepting the nomination brings them back on the roster."))
    position = StringField(_l("Position and service"), filters=[strip], validators=[not_blank, Length(max=200)],
                           description=_l("For example: Head of the SIRENE desk, National Police."))
    expertise_areas = SelectMultipleField(
        _l("Areas of expertise"), choices=choices(EXPERTISE_AREAS.items()),
        validators=[at_least_one(_l("Choose at least one area of expertise."))])
    languages = FieldList(FormField(LanguageEntry), min_entries=LANGUAGE_ROWS, max_entries=LANGUAGE_ROWS)
    days_per_year = IntegerField(_l("Days available per year"), validators=[
        Optional(), NumberRange(1, 365, _l("Give a number of days between 1 and 365."))])
    unavailable_periods = StringField(_l("Periods not available"), filters=[strip], validators=[Length(max=300)],
                                      description=_l("For example: July and August; the last week of each month."))
    motivation = TextAreaField(_l("Motivation"), filters=[strip], validators=[not_blank, Length(max=2_000)],
                               description=_l("Why this expert would be a good trainer, in a few lines."))
    consent = BooleanField(_l("The expert has agreed to be listed on the roster"),
                           validators=[DataRequired(_l("The expert's consent to be listed is required."))])
    consent_on = DateField(_l("Date of the expert's consent"), validators=[
        InputRequired(_l("Give the date on which the expert gave consent.")),
        not_in_future(_l("This date cannot be in the future."))])

    def validate_languages(self, field: FieldList) -> None:
        seen = set()
        for n, entry in enumerate(field.entries, start=1):
            language, level = entry.language.data or "", entry.level.data or ""
            if not language and not level:
                continue
            if language not in LANGUAGES:
                raise ValidationError(_("Row %(row)s: “%(language)s” is not a language of the list. "
                                        "Choose one from the list.", row=n, language=language or _("(none)")))
            if level not in LEVELS:
                raise ValidationError(_("Row %(row)s: “%(level)s” is not a level for %(language)s. "
                                        "Use A1 to C2, or mother tongue.", row=n, level=level or _("(none)"),
                                        language=LANGUAGES[language]))
            if language in seen:
                raise ValidationError(_("%(language)s is listed twice.", language=LANGUAGES[language]))
            seen.add(language)
        if not seen:
            raise ValidationError(_("Give at least one language with its level."))

    def language_pairs(self) -> list[tuple[str, str]]:
        return [(e.language.data, e.level.data) for e in self.languages.entries if e.language.data]


def score_field(label: str) -> SelectField:
    return SelectField(label, choices=choices([("", "—")] + [(str(n), str(n)) for n in range(1, 6)]),
                       validate_choice=False, validators=[InputRequired(_l("Give a score from 1 to 5.")), _score])


def _score(form: Form, field: SelectField) -> None:
    if field.data not in {"1", "2", "3", "4", "5"}:
        raise ValidationError(_("Give a score from 1 to 5."))


class ReviewForm(Form):
    score_expertise = score_field(SCORE_CRITERIA["score_expertise"])
    score_training = score_field(SCORE_CRITERIA["score_training"])
    score_languages = score_field(SCORE_CRITERIA["score_languages"])
    score_availability = score_field(SCORE_CRITERIA["score_availability"])
    notes = TextAreaField(_l("Review notes"), filters=[strip], validators=[Length(max=5_000)],
                          description=_l("Internal to the core group: the nominating country does not see them."))

    def scores(self) -> dict[str, int]:
        return {name: int(getattr(self, name).data) for name in SCORE_CRITERIA}


def review_data(review: Any) -> dict[str, str]:
    """A stored review as the review form's data (the score fields hold text)."""
    return {**{name: str(getattr(review, name)) for name in SCORE_CRITERIA}, "notes": review.notes}


class DecisionForm(Form):
    message = TextAreaField(_l("Message to the nominating country"), filters=[strip], validators=[Length(max=5_000)],
                            description=_l("The nominating country reads it with the decision. Required to decline."))


class ReasonForm(Form):
    reason = TextAreaField(_l("Reason"), filters=[strip], validators=[Length(max=2_000)])


class TrainingForm(VersionedForm):
    title = StringField(_l("Title"), filters=[strip], validators=[not_blank, Length(max=200)])
    aim = TextAreaField(_l("Aim"), filters=[strip], validators=[Length(max=5_000)],
                        description=_l("What participants should be able to do afterwards. Markdown is allowed."))
    target_audience = StringField(_l("Target audience"), filters=[strip], validators=[Length(max=300)])
    starts_on = DateField(_l("First day"), validators=[InputRequired(_l("Give the first day."))])
    ends_on = DateField(_l("Last day"), validators=[InputRequired(_l("Give the last day."))])
    online = BooleanField(_l("Online"))
    place = StringField(_l("Place"), filters=[strip], validators=[Length(max=200)],
                        description=_l("City and venue; leave empty for an online training."))
    organiser = SelectField(_l("Organiser"), validate_choice=True)
    expertise_areas = SelectMultipleField(_l("Expertise needed"), choices=choices(EXPERTISE_AREAS.items()))
    languages = SelectMultipleField(
        _l("Languages of the training"), choices=lambda: choices(sorted_languages()),
        description=_l("Experts who speak them at B2 or better are shown first when proposing trainers."))

    def validate_ends_on(self, field: DateField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_("The last day cannot be before the first day."))

    def validate_place(self, field: StringField) -> None:
        if not field.data and not self.online.data:
            raise ValidationError(_("Give the place, or tick “Online”."))


class ProposeTrainerForm(Form):
    expert_id = IdField(_l("Expert"))


class ParticipantsForm(Form):
    organisation_id = SelectField(_l("Country"), coerce=int, validate_choice=True)
    participants = IntegerField(_l("Participants"), validators=[
        InputRequired(_l("Give the number of participants.")),
        NumberRange(0, 10_000, _l("Give a number between 0 and 10000 (0 removes the country)."))])
