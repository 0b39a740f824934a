"""The form of one fact sheet section, built from its declaration (app/factsheets/sections.py)."""

import re
from datetime import time
from typing import Any

from wtforms import BooleanField, IntegerField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.validators import Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import Form, VersionedForm, choices, strip
from app.core.guard import Guarded
from app.core.i18n import _, _l
from app.factsheets.sections import SECTIONS, Field, Section

_MAILBOX = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WEBSITE = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


class CheckboxGroup(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _mailbox(form: Any, field: Any) -> None:
    if field.data and not _MAILBOX.match(field.data):
        raise ValidationError(_("Give an e-mail address, such as spoc@police.example.eu."))


def _website(form: Any, field: Any) -> None:
    if field.data and not _WEBSITE.match(field.data):
        raise ValidationError(_("Give a web address starting with https://, such as https://dpa.example.eu."))


_CHECKS = {"contact_mailbox": [_mailbox], "dpa_website": [_website]}


def _field(item: Field) -> Any:
    options: dict[str, Any] = {"label": item.label, "description": item.help}
    extra = _CHECKS.get(item.name, [])
    if item.kind == "text":
        return TextAreaField(filters=[strip], validators=[Length(max=item.max_length), *extra], **options)
    if item.kind == "line":
        return StringField(filters=[strip], validators=[Length(max=item.max_length), *extra], **options)
    if item.kind == "number":
        return IntegerField(validators=[Optional(), NumberRange(0, item.maximum, _l(
            "Give a whole number from 0 to %(maximum)s.", maximum=item.maximum))], **options)
    if item.kind == "choices":
        return CheckboxGroup(choices=choices(item.choices), **options)
    if item.kind == "yesno":
        return BooleanField(**options)
    return TimeField(validators=[Optional()], format="%H:%M", **options)


def _form_class(section: Section) -> type:
    fields = {f.name: _field(f) for f in section.fields}
    guarded = tuple(f.name for f in section.fields if f.kind in ("text", "line") and f.guarded)
    return type(f"FactSheet_{section.key}_Form", (Guarded, VersionedForm), {**fields, "guarded_fields": guarded})


# Built once, at import: the shared form rules' tests walk every form class (tests/core/test_form_rules.py).
FORMS = {section.key: _form_class(section) for section in SECTIONS}


def section_form(section: Section, values: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """The section's form, filled with ``values`` (the stored ones) unless the request sent the form."""
    data = {}
    for item in section.fields:
        value = (values or {}).get(item.name)
        if item.kind == "time" and value:
            value = time.fromisoformat(value)
        data[item.name] = value
    return FORMS[section.key](data=data, **kwargs)


def stored_values(section: Section, form: Any) -> dict[str, Any]:
    """What the form's values are stored as (JSON): text, a whole number, a list of codes, a yes/no, "HH:MM"."""
    values: dict[str, Any] = {}
    for item in section.fields:
        value = form[item.name].data
        if item.kind == "time":
            value = value.strftime("%H:%M") if value else None
        elif item.kind == "choices":
            known = [code for code, _label in item.choices]
            value = [code for code in known if code in (value or [])]
        elif item.kind == "yesno":
            value = bool(value)
        elif item.kind in ("text", "line"):
            value = value or ""
        values[item.name] = value
    return values


class VerifyForm(VersionedForm):
    """"Mark as verified": only the version the reader saw, so a section changed meanwhile is not confirmed blind."""


class CompareForm(Form):
    class Meta:
        csrf = False

    c = CheckboxGroup(_l("Countries to compare"), validate_choice=False)

    def validate_c(self, field: Any) -> None:
        if set(field.data or []) - {code for code, _name in field.choices}:
            raise ValidationError(_("Choose Member States from the list."))
        field.data = list(dict.fromkeys(field.data))  # a country asked twice is one column
        if len(field.data) < 2:
            raise ValidationError(_("Choose at least two countries to compare."))
