from wtforms import DateField
from wtforms.validators import Optional

from app.core.forms import Form


class PeriodForm(Form):
    """The report's period, read from the query string (a bookmarkable GET)."""

    class Meta:
        csrf = False

    start = DateField("First day", validators=[Optional()])
    end = DateField("Last day", validators=[Optional()])
