from flask import abort, flash, url_for
from flask_login import current_user

from app.core import audit
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.core.pagination import paginate
from app.core.permissions import is_admin
from app.extensions import db
from app.network.models import User
from app.notifications import bp
from app.notifications.forms import NotificationSettingsForm, notification_settings_form
from app.notifications.models import Notification, RefusedAddress
from app.notifications.registry import KINDS, choosable
from app.notifications.services import preferences_of, set_preferences


def notification_settings() -> NotificationSettingsForm:
    """The settings form of the logged-in user, for the partial on the settings page."""
    return notification_settings_form(preferences_of(current_user), formdata=None)


@bp.route("/settings/notifications", methods=["GET", "POST"])
def settings():
    """Choose, per kind of message, to get it at once, in a weekly digest, or never."""
    form = notification_settings_form(preferences_of(current_user))
    if not form.is_submitted():
        return redirect_after_post(url_for("account.settings") + "#notifications")
    if not form.validate():
        return render("notifications/settings.html", status=400, notification_form=form, kinds=KINDS)
    changed = set_preferences(current_user, {name: form[name].data for name in choosable()})
    db.session.commit()
    flash(_("Your e-mail settings are saved.") if changed else _("Nothing changed."), "success")
    return redirect_after_post(url_for("account.settings") + "#notifications")


def _only_administrators() -> None:
    if not is_admin(current_user):
        abort(403)


@bp.route("/admin/notifications/")
def admin_index():
    """Addresses the mail server refused for good, and messages waiting for another attempt."""
    _only_administrators()
    refused = db.session.scalars(db.select(RefusedAddress).order_by(RefusedAddress.refused_at.desc())).all()
    owners = {u.email: u for u in db.session.scalars(
        db.select(User).where(User.email.in_([r.address for r in refused])))} if refused else {}
    waiting = paginate(db.select(Notification).where(Notification.status == "queued", Notification.attempts > 0)
                       .order_by(Notification.next_attempt_at, Notification.id))
    counts = dict(db.session.execute(db.select(Notification.status, db.func.count(Notification.id))
                                     .group_by(Notification.status)).all())
    return render("notifications/admin.html", refused=refused, owners=owners, page=waiting, counts=counts,
                  kinds=KINDS)


@bp.route("/admin/notifications/refused/<int:refused_id>/clear", methods=["POST"])
def clear_refused(refused_id: int):
    """Allow mail to a refused address again (e.g. once the mailbox exists or the user's address is corrected)."""
    _only_administrators()
    refused = db.get_or_404(RefusedAddress, refused_id)
    audit.record(current_user, refused, "clear", changes={"address": [refused.address, None]})
    db.session.delete(refused)
    db.session.commit()
    flash(_("Mail to %(address)s will be sent again.", address=refused.address), "success")
    return redirect_after_post(url_for("notifications.admin_index"))
