from typing import Any

from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional, ValidationError

from app.core.forms import Form, VersionedForm, choices, not_blank, strip
from app.extensions import db
from app.meetings.models import ANSWERS
from app.meetings.timezones import DEFAULT_TIMEZONE, all_timezones, is_known
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice


def known_timezone(form: Any, field: Any) -> None:
    if not is_known(field.data):
        raise ValidationError(
            f"“{(field.data or '')[:64]}” is not a time zone we know. Choose one from the list "
            "(IANA names such as Europe/Lisbon)."
        )


def timezone_choices() -> list[Any]:
    return choices((z, z.replace("_", " ")) for z in all_timezones())


class TimezoneSelect(SelectField):
    """All IANA zones; an unknown value gets a clear message instead of "Not a valid choice"."""

    def __init__(self, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [known_timezone])
        super().__init__(label, validate_choice=False, default=DEFAULT_TIMEZONE, **kwargs)

    def pre_validate(self, form: Any) -> None:  # the validator above explains a bad value
        return None


def _local(label: str, message: str, description: str) -> DateTimeLocalField:
    return DateTimeLocalField(label, description=description, validators=[InputRequired(message)],
                              format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])


class MeetingForm(VersionedForm):
    title = StringField("Title", filters=[strip], validators=[not_blank, Length(max=200)])
    timezone = TimezoneSelect("Time zone of the place",
                              description="Start and end are the local times at the place of the meeting.")
    starts_at = _local("Start", "Give the start: date and local time.", "Local time at the place.")
    ends_at = _local("End", "Give the end: date and local time.", "Local time at the place.")
    place = StringField("Place", description="Venue and city, or leave empty for an online meeting.",
                        filters=[strip], validators=[Length(max=200)])
    online_url = StringField("Online meeting link", filters=[strip],
                             validators=[Optional(), Length(max=500),
                                         URL(require_tld=False, message="Give a full link starting with https://.")])
    description = TextAreaField("Description", description="Markdown is allowed.", filters=[strip],
                                validators=[Length(max=20_000)])
    submit = SubmitField("Save meeting")

    def validate_ends_at(self, field: DateTimeLocalField) -> None:
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError("The end must be after the start.")

    def validate_place(self, field: StringField) -> None:
        if not field.data and not self.online_url.data:
            raise ValidationError("Give a place or an online meeting link.")

    def validate_online_url(self, field: StringField) -> None:
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError("Give a full link starting with https://.")


_record_number = NumberRange(min=1, max=2_147_483_647, message="Give a record number as shown on its page.")


class AgendaItemForm(Form):
    title = StringField("Agenda item", filters=[strip], validators=[not_blank, Length(max=200)])
    presenter_id = SelectField("Presented by", coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                               validate_choice=True)
    duration_minutes = IntegerField("Duration (minutes)", validators=[
        Optional(), NumberRange(min=1, max=600, message="Give a duration between 1 and 600 minutes.")])
    obstacle_id = IntegerField("Obstacle discussed (number, optional)", validators=[Optional(), _record_number],
                               description="The number shown on the obstacle's page, e.g. 12.")
    practice_id = IntegerField("Best practice discussed (number, optional)", validators=[Optional(), _record_number],
                               description="The number at the end of the practice's address, e.g. 7.")
    submit = SubmitField("Add to the agenda")

    def validate_obstacle_id(self, field: IntegerField) -> None:
        if field.data is not None and not field.errors and db.session.get(Obstacle, field.data) is None:
            raise ValidationError(f"There is no obstacle number {field.data}.")

    def validate_practice_id(self, field: IntegerField) -> None:
        if field.data is None or field.errors:  # not a number in range: already explained
            return
        practice = db.session.get(BestPractice, field.data)
        if practice is None:
            raise ValidationError(f"There is no best practice number {field.data}.")
        if practice.status == "draft" or practice.submitted_at is None:
            raise ValidationError("That practice is still a draft of its country; it can go on an agenda once sent.")


class AgencyInvitationForm(Form):
    organisation_id = SelectField("Agency", coerce=int, validate_choice=True)
    reason = TextAreaField("Why its expertise is needed", filters=[strip],
                           validators=[not_blank, Length(max=2_000)])
    submit = SubmitField("Invite the agency")


class AnswerForm(Form):
    answer = SelectField("Your delegation", choices=choices(ANSWERS.items()), validate_choice=True)
    delegates = IntegerField("Number of delegates", default=0, validators=[
        Optional(), NumberRange(min=0, max=20, message="Give a number of delegates between 0 and 20.")])
    delegate_names = TextAreaField("Names of the delegates", description="One per line.", filters=[strip],
                                   validators=[Length(max=2_000)])
    submit = SubmitField("Send the answer")

    def validate_delegates(self, field: IntegerField) -> None:
        if self.answer.data == "attending" and not field.data:
            raise ValidationError("An attending delegation has at least one delegate.")
        if field.data is None:
            field.data = 0

    def validate_delegate_names(self, field: TextAreaField) -> None:
        if self.answer.data == "attending" and not field.data:
            raise ValidationError("Give the names of the delegates.")


class CancelForm(Form):
    reason = TextAreaField("Reason for cancelling", filters=[strip], validators=[not_blank, Length(max=2_000)])
    submit = SubmitField("Cancel the meeting")


class MinutesForm(Form):
    minutes = TextAreaField("Minutes", description="Markdown is allowed.", filters=[strip],
                            validators=[Length(max=100_000)])
    submit = SubmitField("Save the minutes")


class ActionForm(Form):
    description = TextAreaField("Action agreed", filters=[strip], validators=[not_blank, Length(max=2_000)])
    owner_id = SelectField("Owner", coerce=int, validate_choice=True)
    due_on = DateField("Due date", validators=[Optional()])
    submit = SubmitField("Record the action")
