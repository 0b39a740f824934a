from wtforms import SubmitField

from app.core.forms import Form
from app.meetings.forms import TimezoneSelect


class TimezoneForm(Form):
    timezone = TimezoneSelect("Your time zone", description="Meeting times are shown in this zone, with the "
                              "local time of the place beside them.")
    submit = SubmitField("Save the time zone")
