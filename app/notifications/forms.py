from typing import Any

from wtforms import RadioField, SubmitField
from wtforms.validators import InputRequired

from app.core.forms import Form, choices
from app.core.i18n import _l
from app.notifications.models import DELIVERIES
from app.notifications.registry import KINDS, choosable


class NotificationSettingsForm(Form):
    submit = SubmitField(_l("Save the e-mail settings"))

    def kind_fields(self) -> list[Any]:
        return [self[name] for name in choosable()]


def notification_settings_form(current: dict[str, str] | None = None, **kwargs: Any) -> NotificationSettingsForm:
    """The form with one choice per kind of message, filled with ``current`` (or the posted data)."""

    class _Form(NotificationSettingsForm):
        pass

    for name in choosable():
        setattr(_Form, name, RadioField(KINDS[name].label, choices=choices(DELIVERIES.items()),
                                        validators=[InputRequired(_l("Choose how to receive these messages."))]))
    return _Form(data=current, **kwargs)
