from flask import Response, current_app, flash, request, url_for
from flask_login import current_user
from sqlalchemy import text
from wtforms import BooleanField, SubmitField

from app.core.forms import Form
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, _l
from app.core.permissions import admin_required, public
from app.extensions import db
from app.network.models import ROLES, User
from app.security import bp
from app.security import second_factor as factor


class SecuritySettingsForm(Form):
    required_for_all = BooleanField(
        _l("Require a second factor of every user"),
        description=_l("Administrators and core-group members always need one. With this on, every member and "
                       "agency user must set one up at their next page view."))
    submit = SubmitField(_l("Save"))


@bp.route("/readyz")
@public
def readyz() -> Response:
    """Readiness for a load balancer: the database answers and its schema is the one this code expects."""
    from alembic.script import ScriptDirectory

    try:
        current = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        db.session.rollback()
        return Response("database unavailable\n", status=503, mimetype="text/plain")
    config = current_app.extensions["migrate"].migrate.get_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    if current != head:
        return Response(f"database schema {current} is not {head}: run flask db upgrade\n", status=503,
                        mimetype="text/plain")
    return Response("ready\n", mimetype="text/plain")


@bp.route("/admin/security", methods=["GET", "POST"])
@admin_required
def settings():
    """Security settings of the whole intranet: who must use a second factor."""
    if request.method == "POST":
        form = SecuritySettingsForm(formdata=request.form)  # an unticked box sends nothing at all
    else:
        form = SecuritySettingsForm(data={"required_for_all": factor.required_for_all()})
    if form.validate_on_submit():
        changed = factor.set_required_for_all(current_user, form.required_for_all.data)
        db.session.commit()
        flash(_("Saved.") if changed else _("Nothing changed."), "success")
        return redirect_after_post(url_for("security.settings"))
    without = db.session.scalar(db.select(db.func.count(User.id)).where(User.active, User.totp_enabled_at.is_(None)))
    roles = [str(ROLES.get(role, role)) for role in current_app.config["SECOND_FACTOR_ROLES"]]
    return render("security/settings.html", form=form, without_second_factor=without, roles=roles)


@bp.route("/admin/users/<int:user_id>/reset-second-factor", methods=["POST"])
@admin_required
def reset_second_factor(user_id: int):
    """Remove a user's second factor (lost phone and recovery codes); they set up a new one at next login."""
    account = db.get_or_404(User, user_id)
    if account.id == current_user.id:
        flash(_("Turn off your own second factor in your settings, with your password."), "error")
    else:
        factor.disable(current_user, account)
        db.session.commit()
        flash(_("The second factor of %(name)s is removed. They set up a new one at their next log-in.",
                name=account.name), "success")
    return redirect_after_post(url_for("admin.user", user_id=account.id))
