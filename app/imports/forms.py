"""The upload form, and the form choosing a field for each column of the file (built for the file's header)."""

from typing import Any

from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import InputRequired

from app.core.forms import Form, choices
from app.core.i18n import _, _l
from app.imports.specs import KINDS, ImportKind


class UploadForm(Form):
    kind = SelectField(_l("Records to import"), validators=[InputRequired()])
    file = FileField(_l("File"), description=_l(
        "An Excel workbook (.xlsx, its first sheet) or a CSV file (UTF-8 or Windows-1252, separated by commas or "
        "semicolons), with a header row."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices((name, str(kind.label)) for name, kind in KINDS.items())


class MappingForm(Form):
    """One select per column of the file: the field it fills, or nothing. Fields are added per file."""


def mapping_form(kind: ImportKind, header: list[str], mapping: list[str]) -> MappingForm:
    offered = choices([("", _("(leave out)"))] + [(c.name, str(c.header)) for c in kind.columns])

    class Bound(MappingForm):
        pass

    for position, name in enumerate(header):
        setattr(Bound, f"column_{position}", SelectField(name or _("(column without a name)"), default=mapping[position]
                                                         if position < len(mapping) else "", choices=offered))
    return Bound()


def chosen_mapping(form: MappingForm, width: int) -> list[str]:
    return [getattr(form, f"column_{position}").data or "" for position in range(width)]
