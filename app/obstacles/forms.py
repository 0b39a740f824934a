
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.core.forms import CachedSelect, Form, VersionedForm, choices, not_blank, not_in_past, strip
from app.core.guard import Guarded
from app.core.i18n import _, _l
from app.core.markings import MarkingField
from app.obstacles.models import IMPACTS, KINDS
from app.obstacles.workflow import STATES

SORTS = {"newest": _l("Newest first"), "affected": _l("Most affected countries"), "active": _l("Recently active")}


class ObstacleForm(Guarded, VersionedForm):
    guarded_fields = ("title", "description")
    title = StringField(
        _l("Title"), description=_l("One line that names the obstacle, e.g. “No 24/7 access to vehicle registers”."),
        filters=[strip], validators=[not_blank, Length(min=5, max=200)],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("What happens, in which cases, and what it costs the cooperation. Markdown is allowed."),
        filters=[strip], validators=[not_blank, Length(max=20_000)],
    )
    kind = RadioField(_l("Kind of obstacle"), choices=choices(KINDS.items()),
                      validators=[InputRequired(_l("Choose the kind of obstacle."))])
    instrument_id = SelectField(_l("Legal instrument or channel concerned"), coerce=int,
                                validators=[InputRequired(_l("Choose the instrument or channel."))])
    counterpart_ids = SelectMultipleField(
        _l("Countries on the other side"),
        description=_l("The Member States whose cooperation with yours runs into this obstacle (any number)."),
        coerce=int, validators=[Optional()],
    )
    impact = RadioField(_l("Impact"), choices=choices(IMPACTS.items()), default="medium",
                        validators=[InputRequired(_l("Choose the impact."))])
    reporting_org_id = SelectField(_l("Reporting country"), coerce=int, validators=[Optional()],
                                   description=_l("Administrators report in the name of a Member State."))
    marking_id = MarkingField()
    submit = SubmitField(_l("Save"))

    own_country_id: int | None = None

    def validate_reporting_org_id(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(_("Choose the Member State that reports the obstacle."))

    def validate_counterpart_ids(self, field: SelectMultipleField) -> None:
        own = self.reporting_org_id.data if "reporting_org_id" in self else self.own_country_id
        if own and own in (field.data or []):
            raise ValidationError(_("The reporting country cannot also be on the other side; leave it out."))


class AffectedForm(Guarded, Form):
    guarded_fields = ("note",)
    note = TextAreaField(
        _l("How it shows in your country (optional)"),
        description=_l("National context others should know: which cases, which channel, since when."),
        filters=[strip], validators=[Length(max=2_000)],
    )
    submit = SubmitField(_l("This affects us too"))


class AgreeActionForm(Form):
    agreed_action = TextAreaField(_l("Agreed action"),
                                  description=_l("What will be done, by whom, as agreed in the network."),
                                  filters=[strip], validators=[not_blank, Length(max=5_000)])
    action_owner_id = SelectField(_l("Owner"), coerce=int, description=_l("The country or agency that carries it out."),
                                  validators=[InputRequired(_l("Choose who owns the action."))])
    action_due_on = DateField(_l("Due date"), validators=[
        InputRequired(_l("Give the due date.")), not_in_past(_l("The due date cannot be in the past."))])
    submit = SubmitField(_l("Record the agreed action"))


class ObstacleFilterForm(Form):
    """The list's filters, read from the query string (no CSRF: a GET that changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search title and description"), filters=[strip], validators=[Length(max=200)])
    status = SelectField(_l("Status"), choices=choices([("", _l("Any status")), ("open", _l("Any open")),
                                                        *STATES.items()]), default="", widget=CachedSelect(static=True))
    kind = SelectField(_l("Kind"), choices=choices([("", _l("Any kind")), *KINDS.items()]), default="",
                       widget=CachedSelect(static=True))
    instrument = SelectField(_l("Instrument or channel"), coerce=str, default="", widget=CachedSelect())
    country = SelectField(_l("Country involved"), coerce=str, default="", widget=CachedSelect())
    mine = BooleanField(_l("Only those that involve my country"))
    sort = SelectField(_l("Sort by"), choices=choices(SORTS.items()), default="newest",
                       widget=CachedSelect(static=True))
