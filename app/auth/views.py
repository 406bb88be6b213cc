"""Login, logout, own password, and the administrators' account management."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.auth import services
from app.auth.decorators import admin_required, staff_required
from app.auth.forms import ConfirmForm, LoginForm, PasswordChangeForm, UserForm
from app.auth.models import Role, User
from app.extensions import db, limiter
from app.i18n import safe_next

bp = Blueprint("auth", __name__)

ACCOUNT_ERRORS = {
    "email_taken": lambda: _("Another account already uses this e-mail address."),
    "last_admin": lambda: _("This is the last active administrator; keep at least one."),
    "weak_password": lambda: _("The password must have at least 12 characters."),
    "invalid_email": lambda: _("Please enter a valid e-mail address."),
    "invalid_name": lambda: _("Name missing or too long"),
}


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _submitted_email() -> str:
    return "login:" + services.normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_submitted_email)
def login() -> Response | str:
    """Staff log in with e-mail and password; attempts are rate-limited per address and account."""
    if current_user.is_authenticated:
        return redirect(url_for("core.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            db.session.commit()
            login_user(user, remember=bool(form.remember.data))
            return redirect(safe_next(request.args.get("next"), url_for("core.dashboard")))
        flash(_("E-mail or password is not correct."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@staff_required
def logout() -> Response:
    """End the session."""
    if ConfirmForm().validate_on_submit():
        logout_user()
        flash(_("You are logged out."), "success")
    return redirect(url_for("core.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@staff_required
def change_password() -> Response | str:
    """Staff change their own password."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data or ""):
            form.current.errors.append(_("The current password is not correct."))
        else:
            current_user.set_password(form.new.data or "")
            db.session.commit()
            flash(_("Your password was changed."), "success")
            return redirect(url_for("core.dashboard"))
    return render_template("auth/password.html", form=form)


@bp.get("/admin/users")
@admin_required
def list_users() -> str:
    """All staff accounts with their roles."""
    users = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template("auth/users.html", users=users)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@admin_required
def create_user() -> Response | str:
    """An administrator adds a staff account."""
    form = UserForm()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors = [_("The password must have at least 12 characters.")]
        else:
            try:
                services.create_user(
                    form.email.data or "",
                    form.name.data or "",
                    form.password.data,
                    {Role(r) for r in form.roles.data or []},
                )
            except services.AccountError as error:
                field = form.name if error.code == "invalid_name" else form.email
                field.errors = [ACCOUNT_ERRORS[error.code]()]
            else:
                db.session.commit()
                flash(_("The account was created."), "success")
                return redirect(url_for("auth.list_users"))
    return render_template("auth/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit_user(user_id: int) -> Response | str:
    """An administrator changes roles, e-mail, password or deactivates an account."""
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user)
    if request.method == "GET":
        form.roles.data = [r.value for r in user.role_names]
    if form.validate_on_submit():
        try:
            services.update_user(
                user,
                email=form.email.data or "",
                name=form.name.data or "",
                roles={Role(r) for r in form.roles.data or []},
                active=bool(form.is_active_account.data),
                password=form.password.data or None,
            )
        except services.AccountError as error:
            fields = {"last_admin": form.roles, "invalid_name": form.name}
            field = fields.get(error.code, form.email)
            field.errors = [ACCOUNT_ERRORS[error.code]()]
        else:
            db.session.commit()
            flash(_("The account was saved."), "success")
            return redirect(url_for("auth.list_users"))
    return render_template("auth/user_form.html", form=form, user=user)
