from types import SimpleNamespace

from flask import Response, abort, flash, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.core.guard import guard_form, record_confirmation
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.core.markings import default_marking
from app.core.timezones import today
from app.extensions import db
from app.factsheets import bp
from app.factsheets.docx import fact_sheet_docx
from app.factsheets.forms import CompareForm, VerifyForm, section_form, stored_values
from app.factsheets.permissions import can_edit_fact_sheet
from app.factsheets.services import SheetSection, fact_sheet, fact_sheets, save_section, sheet_section, verify_section
from app.network.models import Organisation
from app.network.services import associated_countries, member_states, organisation_by_code

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _country_or_404(code: str) -> Organisation:
    organisation = organisation_by_code(code)
    if organisation is None or not organisation.is_country:
        abort(404)
    return organisation


def _section_or_404(organisation: Organisation, key: str) -> SheetSection:
    section = sheet_section(organisation, key)
    if section is None:
        abort(404)
    return section


def _sheet_url(organisation: Organisation, key: str | None = None) -> str:
    return url_for("factsheets.detail", code=organisation.code, _anchor=f"section-{key}" if key else None)


@bp.route("/<code>/fact-sheet")
def detail(code: str):
    """A Member State's fact sheet: every section with its "last verified" date; printable on one clean page."""
    organisation = _country_or_404(code)
    return render("factsheets/detail.html", organisation=organisation, sections=fact_sheet(organisation),
                  marking=default_marking(), verify_form=VerifyForm())


@bp.route("/<code>/fact-sheet.docx")
def docx(code: str):
    """The same fact sheet as a Word document."""
    organisation = _country_or_404(code)
    body = fact_sheet_docx([(organisation, fact_sheet(organisation))], today())
    response = Response(body, mimetype=DOCX)
    response.headers["Content-Disposition"] = f'attachment; filename="fact-sheet-{organisation.code}.docx"'
    return response


def _stale(form, section: SheetSection) -> bool:
    return str(section.version) != (form.version.data or "")


@bp.route("/<code>/fact-sheet/<key>/edit", methods=["GET", "POST"])
def edit(code: str, key: str):
    """Edit one section of a country's fact sheet (that country's members and administrators)."""
    organisation = _country_or_404(code)
    section = _section_or_404(organisation, key)
    if not can_edit_fact_sheet(current_user, organisation):
        abort(403)
    form = section_form(section.declaration, section.values)
    if not form.is_submitted():
        form.version.data = str(section.version)
    conflict = False
    if form.is_submitted() and not form.version.data:  # a post without the page's form: nothing to compare with
        form.version.data = str(section.version)
        flash(_("Nothing is saved: the form was incomplete. Check the values below and save again."), "error")
    elif form.validate_on_submit() and guard_form(form, previous=SimpleNamespace(**section.values)):
        if _stale(form, section):
            conflict = True
        else:
            try:
                save_section(current_user, organisation, section, stored_values(section.declaration, form))
                record_confirmation(current_user, section.row, form)
                db.session.commit()
                flash(_("The section “%(section)s” is saved and marked as verified today.",
                        section=section.declaration.title), "success")
                return redirect_after_post(_sheet_url(organisation, key))
            except (StaleDataError, IntegrityError):  # saved by someone else between the check and the write
                db.session.rollback()
                conflict = True
        if conflict:
            section = _section_or_404(organisation, key)
            form.version.data = str(section.version)
    return render("factsheets/edit.html", "factsheets/_section_form.html", status=409 if conflict else 200,
                  organisation=organisation, section=section, form=form, conflict=conflict)


@bp.route("/<code>/fact-sheet/<key>/verify", methods=["POST"])
def verify(code: str, key: str):
    """Mark a section as verified, without changing it."""
    organisation = _country_or_404(code)
    section = _section_or_404(organisation, key)
    if not can_edit_fact_sheet(current_user, organisation):
        abort(403)
    form = VerifyForm()
    if not form.validate_on_submit():
        abort(400)
    if _stale(form, section):
        flash(_("Someone changed “%(section)s” after you opened the page: read it again before you mark it as "
                "verified.", section=section.declaration.title), "error")
        return redirect_after_post(_sheet_url(organisation, key))
    try:
        verify_section(current_user, organisation, section)
        db.session.commit()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        flash(_("Someone changed “%(section)s” after you opened the page: read it again before you mark it as "
                "verified.", section=section.declaration.title), "error")
        return redirect_after_post(_sheet_url(organisation, key))
    flash(_("The section “%(section)s” is marked as verified today.", section=section.declaration.title), "success")
    return redirect_after_post(_sheet_url(organisation, key))


@bp.route("/fact-sheets/compare")
def compare():
    """Two or more countries' fact sheets side by side: sections as rows, countries as columns."""
    states = member_states() + associated_countries()  # the 27, then the Schengen-associated countries
    form = CompareForm(request.args)
    form.c.choices = [(o.code, o.name) for o in states]
    chosen: list[Organisation] = []
    if request.args and form.validate():
        by_code = {o.code: o for o in states}
        chosen = [by_code[c] for c in form.c.data]
    return render("factsheets/compare.html", form=form, sheets=fact_sheets(chosen) if chosen else [],
                  submitted=bool(request.args))
