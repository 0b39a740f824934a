from typing import Any

from flask_login import current_user
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

from app.core.forms import Form, TimezoneSelect, VersionedForm, choices, not_blank, strip
from app.core.guard import Guarded
from app.core.i18n import _, _l
from app.core.markings import MarkingField, can_read_marked
from app.extensions import db
from app.meetings.models import ANSWERS
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice
from app.practices.workflow import PRACTICE_WORKFLOW


def _local(label: Any, message: Any, description: Any) -> DateTimeLocalField:
    return DateTimeLocalField(label, description=description, validators=[InputRequired(message)],
                              format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])


class MeetingForm(Guarded, VersionedForm):
    guarded_fields = ("title", "place", "description")
    title = StringField(_l("Title"), filters=[strip], validators=[not_blank, Length(max=200)])
    timezone = TimezoneSelect(_l("Time zone of the place"),
                              description=_l("Start and end are the local times at the place of the meeting."))
    starts_at = _local(_l("Start"), _l("Give the start: date and local time."), _l("Local time at the place."))
    ends_at = _local(_l("End"), _l("Give the end: date and local time."), _l("Local time at the place."))
    place = StringField(_l("Place"), description=_l("Venue and city, or leave empty for an online meeting."),
                        filters=[strip], validators=[Length(max=200)])
    online_url = StringField(_l("Online meeting link"), filters=[strip],
                             validators=[Optional(), Length(max=500),
                                         URL(require_tld=False, message=_l("Give a full link starting with https://."))])
    description = TextAreaField(_l("Description"), description=_l("Markdown is allowed."), filters=[strip],
                                validators=[Length(max=20_000)])
    marking_id = MarkingField()
    submit = SubmitField(_l("Save meeting"))

    def validate_ends_at(self, field: DateTimeLocalField) -> None:
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_("The end must be after the start."))

    def validate_place(self, field: StringField) -> None:
        if not field.data and not self.online_url.data:
            raise ValidationError(_("Give a place or an online meeting link."))

    def validate_online_url(self, field: StringField) -> None:
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_("Give a full link starting with https://."))


_record_number = NumberRange(min=1, max=2_147_483_647, message=_l("Give a record number as shown on its page."))


class AgendaItemForm(Guarded, Form):
    guarded_fields = ("title",)
    title = StringField(_l("Agenda item"), filters=[strip], validators=[not_blank, Length(max=200)])
    presenter_id = SelectField(_l("Presented by"), coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                               validate_choice=True)
    duration_minutes = IntegerField(_l("Duration (minutes)"), validators=[
        Optional(), NumberRange(min=1, max=600, message=_l("Give a duration between 1 and 600 minutes."))])
    obstacle_id = IntegerField(_l("Obstacle discussed (number, optional)"), validators=[Optional(), _record_number],
                               description=_l("The number shown on the obstacle's page, e.g. 12."))
    practice_id = IntegerField(_l("Best practice discussed (number, optional)"),
                               validators=[Optional(), _record_number],
                               description=_l("The number at the end of the practice's address, e.g. 7."))
    submit = SubmitField(_l("Add to the agenda"))

    def validate_obstacle_id(self, field: IntegerField) -> None:
        if field.data is None or field.errors:
            return
        obstacle = db.session.get(Obstacle, field.data)
        if obstacle is None or not can_read_marked(current_user, obstacle):  # restricted: as unknown as missing
            raise ValidationError(_("There is no obstacle number %(number)s.", number=field.data))

    def validate_practice_id(self, field: IntegerField) -> None:
        if field.data is None or field.errors:  # not a number in range: already explained
            return
        practice = db.session.get(BestPractice, field.data)
        if practice is None or not can_read_marked(current_user, practice):
            raise ValidationError(_("There is no best practice number %(number)s.", number=field.data))
        if practice.status == PRACTICE_WORKFLOW.initial or practice.submitted_at is None:
            raise ValidationError(
                _("That practice is still a draft of its country; it can go on an agenda once sent."))


class AgencyInvitationForm(Form):
    organisation_id = SelectField(_l("Agency or associated country"), coerce=int, validate_choice=True)
    reason = TextAreaField(_l("Why it is invited"), filters=[strip], validators=[not_blank, Length(max=2_000)],
                           description=_l("For an agency, why its expertise is needed."))
    submit = SubmitField(_l("Invite"))


class AnswerForm(Form):
    answer = SelectField(_l("Your delegation"), choices=choices(ANSWERS.items()), validate_choice=True)
    delegates = IntegerField(_l("Number of delegates"), default=0, validators=[
        Optional(), NumberRange(min=0, max=20, message=_l("Give a number of delegates between 0 and 20."))])
    delegate_names = TextAreaField(_l("Names of the delegates"), description=_l("One per line."), filters=[strip],
                                   validators=[Length(max=2_000)])
    submit = SubmitField(_l("Send the answer"))

    def validate_delegates(self, field: IntegerField) -> None:
        if self.answer.data == "attending" and not field.data:
            raise ValidationError(_("An attending delegation has at least one delegate."))
        if field.data is None:
            field.data = 0

    def validate_delegate_names(self, field: TextAreaField) -> None:
        if self.answer.data == "attending" and not field.data:
            raise ValidationError(_("Give the names of the delegates."))


class CancelForm(Form):
    reason = TextAreaField(_l("Reason for cancelling"), filters=[strip], validators=[not_blank, Length(max=2_000)])
    submit = SubmitField(_l("Cancel the meeting"))


class MinutesForm(Guarded, Form):
    guarded_fields = ("minutes",)
    minutes = TextAreaField(_l("Minutes"), description=_l("Markdown is allowed."), filters=[strip],
                            validators=[Length(max=100_000)])
    minutes_marking_id = MarkingField(_l("Marking of the minutes"))
    submit = SubmitField(_l("Save the minutes"))


class ActionForm(Guarded, Form):
    guarded_fields = ("description",)
    description = TextAreaField(_l("Action agreed"), filters=[strip], validators=[not_blank, Length(max=2_000)])
    owner_id = SelectField(_l("Owner"), coerce=int, validate_choice=True)
    due_on = DateField(_l("Due date"), validators=[Optional()])
    submit = SubmitField(_l("Record the action"))
