from wtforms import DateField
from wtforms.validators import Optional

from app.core.forms import Form
from app.core.i18n import _l


class PeriodForm(Form):
    """The report's period, read from the query string (a bookmarkable GET)."""

    class Meta:
        csrf = False

    start = DateField(_l("First day"), validators=[Optional()])
    end = DateField(_l("Last day"), validators=[Optional()])
