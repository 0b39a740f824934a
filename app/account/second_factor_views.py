"""Setting up the second factor as a guided page of its own: the password again, the QR code and a first code,
then the recovery codes (download, print, "I have saved them"), and back to where the user was going.

The same page manages a second factor that is on: new recovery codes, turning it off where that is allowed.
"""

from flask import flash, session, url_for
from flask_login import current_user

from app.account import bp
from app.account.forms import ConfirmCodeForm, PasswordCheckForm, SavedCodesForm
from app.account.views import password_ok
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.extensions import db
from app.security import second_factor as factor


def _page(status: int = 200, **forms):
    enrolment_key = factor.enrolment_key(current_user)  # decrypted; None if not enrolling (or unreadable)
    context = {
        "start_form": PasswordCheckForm(formdata=None, prefix="start"),
        "code_form": ConfirmCodeForm(formdata=None, prefix="enrol"),
        "disable_form": PasswordCheckForm(formdata=None, prefix="disable"),
        "recovery_form": PasswordCheckForm(formdata=None, prefix="recovery"),
        "saved_form": None,
        "recovery_codes": None,
        "required": factor.required_for(current_user),
        "recovery_codes_left": factor.recovery_codes_left(current_user) if current_user.has_second_factor else 0,
        "enrolment_key": enrolment_key,
        "qr_code": (factor.qr_code_data_uri(factor.provisioning_uri(current_user, enrolment_key))
                    if enrolment_key else None),
    }
    context.update(forms)
    if context["recovery_codes"] and context["saved_form"] is None:
        context["saved_form"] = SavedCodesForm(formdata=None, data={"codes": " ".join(context["recovery_codes"])})
    return render("account/second_factor.html", status=status, **context)


def _here() -> str:
    return url_for("account.second_factor")


@bp.get("/settings/second-factor")
def second_factor():
    """The guided set-up (or the management of a second factor that is on)."""
    return _page()


@bp.route("/settings/second-factor/start", methods=["POST"])
def start_second_factor():
    """Step 1: the password again; then the QR code (a new one if the set-up is started again)."""
    form = PasswordCheckForm(prefix="start")
    if current_user.has_second_factor:
        flash(_("Your second factor is already set up."), "info")
        return redirect_after_post(_here())
    if not password_ok(form, form.password):
        return _page(status=400, start_form=form)
    factor.begin_enrolment(current_user)
    db.session.commit()
    return redirect_after_post(_here())


@bp.route("/settings/second-factor/confirm", methods=["POST"])
def confirm_second_factor():
    """Step 2: a first code from the app turns the second factor on; step 3 shows the recovery codes once."""
    form = ConfirmCodeForm(prefix="enrol")
    if current_user.has_second_factor or current_user.totp_secret is None:
        return redirect_after_post(_here())
    codes = factor.confirm_enrolment(current_user, form.code.data) if form.validate() else None
    if codes is None:
        if form.validate():
            form.code.errors.append(_("This code is not right. Check the phone's clock and enter the code the app "
                                      "shows now."))
        db.session.commit()  # keep the secret: the QR code stays the same
        return _page(status=400, code_form=form)
    db.session.commit()
    flash(_("The second factor is on. From now on, log-in asks for a code from the app."), "success")
    return _page(recovery_codes=codes)


@bp.route("/settings/second-factor/recovery-codes", methods=["POST"])
def new_recovery_codes():
    """New recovery codes; the old ones stop working (password needed again)."""
    form = PasswordCheckForm(prefix="recovery")
    if not current_user.has_second_factor:
        return redirect_after_post(_here())
    if not password_ok(form, form.password):
        return _page(status=400, recovery_form=form)
    codes = factor.regenerate_recovery_codes(current_user)
    db.session.commit()
    return _page(recovery_codes=codes)


@bp.route("/settings/second-factor/saved", methods=["POST"])
def recovery_codes_saved():
    """Step 3 done: the user says the codes are kept; on to where they were going."""
    form = SavedCodesForm()
    if not current_user.has_second_factor:
        return redirect_after_post(_here())
    if not form.validate():
        # The codes come back with the form (they are shown once and kept nowhere in clear); only the user's own
        # unused codes are shown again.
        codes = factor.unused_recovery_codes_among(current_user, (form.codes.data or "").split())
        return _page(status=400, recovery_codes=codes or None, saved_form=form if codes else None)
    target = session.pop(factor.DESTINATION_KEY, None) or url_for("account.settings")
    return redirect_after_post(target)


@bp.route("/settings/second-factor/disable", methods=["POST"])
def disable_second_factor():
    """Turn the second factor off, where it is not required (password needed again)."""
    form = PasswordCheckForm(prefix="disable")
    if factor.required_for(current_user):
        form.validate()
        form.password.errors.append(_("Your account must keep a second factor."))
        return _page(status=400, disable_form=form)
    if not password_ok(form, form.password):
        return _page(status=400, disable_form=form)
    factor.disable(current_user, current_user)
    db.session.commit()
    flash(_("The second factor is off. Log-in asks only for your password."), "success")
    return redirect_after_post(_here())
