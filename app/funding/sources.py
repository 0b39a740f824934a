"""The funding sources administrators keep: add, rename, reorder, retire and offer again (never deleted: calls,
applications and budget lines keep naming a retired source)."""

from flask import abort, flash, url_for
from flask_login import current_user

from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.extensions import db
from app.funding import bp, call_services
from app.funding.call_forms import SourceForm
from app.funding.models import FundingSource
from app.funding.permissions import can_manage_sources


def _managed_source_or_404(source_id: int) -> FundingSource:
    if not can_manage_sources(current_user):
        abort(403)
    return db.get_or_404(FundingSource, source_id)


@bp.route("/sources/")
def sources():
    """Every source, active or retired, with the number of records that name it."""
    if not can_manage_sources(current_user):
        abort(403)
    return render("funding/sources.html", sources=call_services.all_sources(), uses=call_services.uses_of_sources())


def _source_form(source: FundingSource | None):
    form = SourceForm(obj=source)
    if form.validate_on_submit():
        try:
            saved, changed = call_services.save_source(current_user, source, form.data)
        except call_services.SourceError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The source “%(name)s” is saved.", name=saved.label) if changed else _("Nothing was changed."),
                  "success")
            return redirect_after_post(url_for("funding.sources"))
    return render("funding/sources_form.html", status=400 if form.errors else 200, form=form, source=source)


@bp.route("/sources/new", methods=["GET", "POST"])
def new_source():
    """Add a source to the list."""
    if not can_manage_sources(current_user):
        abort(403)
    return _source_form(None)


@bp.route("/sources/<int:source_id>/edit", methods=["GET", "POST"])
def edit_source(source_id: int):
    """Rename a source, change its kind, its French name or its place in lists."""
    return _source_form(_managed_source_or_404(source_id))


def _set_active(source_id: int, active: bool):
    source = _managed_source_or_404(source_id)
    if call_services.set_source_active(current_user, source, active):
        db.session.commit()
        flash(_("“%(name)s” is offered again for new calls.", name=source.label) if active else
              _("“%(name)s” is retired: it is no longer offered for new calls, and the records that name it keep it.",
                name=source.label), "success")
    else:
        flash(_("Nothing was changed."), "success")
    return redirect_after_post(url_for("funding.sources"))


@bp.route("/sources/<int:source_id>/retire", methods=["POST"])
def retire_source(source_id: int):
    """No longer offer a source for new calls; the records that name it keep it."""
    return _set_active(source_id, False)


@bp.route("/sources/<int:source_id>/reactivate", methods=["POST"])
def reactivate_source(source_id: int):
    """Offer a retired source again."""
    return _set_active(source_id, True)
