"""Administration (admins only): accounts, their roles and state, and their API tokens.

Every form posts a CSRF token (Flask-WTF); the buttons that disable, enable or revoke carry
nothing else, so CSRFProtect checks them before the view runs.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import EqualTo, InputRequired, Length

from glossary import accounts
from glossary.store import accounts as account_rows
from glossary.web.db import get_db
from glossary.web.display import ROLE_LABELS
from glossary.web.login import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")
ROLE_CHOICES = [SelectChoice(role, ROLE_LABELS[role]) for role in accounts.ROLES]
# Which field of the new-account form each of add_account's refusals belongs to.
FIELD_OF_REFUSAL = {
    "Name %(problem)s.": "name",
    "An account named %(name)s exists already.": "name",
    "Role must be one of %(roles)s.": "role",
    "Password %(problem)s.": "password",
}


class NewAccountForm(FlaskForm):
    """A new account: name, role, and its password typed twice."""

    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=50)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="editor")
    password = PasswordField(_l("Password"), validators=[InputRequired()])
    confirm = PasswordField(
        _l("Password again"),
        validators=[InputRequired(), EqualTo("password", _l("The two passwords differ."))],
    )


class RoleForm(FlaskForm):
    """Another role for an account."""

    role = SelectField(_l("Role"), choices=ROLE_CHOICES)


def refusal(error: accounts.AccountError) -> str:
    """Translate why an account operation was refused, the reason inside it too."""
    values = {
        name: _(value) if name == "problem" else value for name, value in error.values.items()
    }
    return _(error.message, **values)


def _page(form: NewAccountForm, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "admin/accounts.html",
        accounts=account_rows.accounts(get_db()),
        form=form,
        role_choices=ROLE_CHOICES,
    ), status


@bp.get("/accounts")
@role_required("admin")
def accounts_page() -> ResponseReturnValue:
    """Every account: name, role, state, live API tokens; forms to change them."""
    return _page(NewAccountForm(formdata=None))


@bp.post("/accounts")
@role_required("admin")
def create() -> ResponseReturnValue:
    """Create an account; refusals (a weak password, a name taken) show by their field."""
    form = NewAccountForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        account = accounts.add_account(
            get_db(), form.name.data or "", form.role.data or "", form.password.data or ""
        )
    except accounts.AccountError as error:
        field: Any = getattr(form, FIELD_OF_REFUSAL.get(error.message, ""), None)
        (field.errors if field is not None else form.form_errors).append(refusal(error))
        return _page(form, 400)
    flash(
        _(
            "Created the account %(name)s (%(role)s).",
            name=account.name,
            role=ROLE_LABELS[account.role],
        ),
        "success",
    )
    return redirect(url_for("admin.accounts_page"))


def _change(name: str, change: Any, message: str) -> ResponseReturnValue:
    """Run a change to someone else's account, flash what happened, go back to the list."""
    if name.casefold() == current_user.name.casefold():
        flash(_("You cannot change your own role or disable your own account."), "error")
        return redirect(url_for("admin.accounts_page"))
    try:
        change()
    except accounts.AccountError as error:
        abort(404, description=refusal(error))
    flash(message, "success")
    return redirect(url_for("admin.accounts_page"))


@bp.post("/accounts/<name>/role")
@role_required("admin")
def change_role(name: str) -> ResponseReturnValue:
    """Give an account another role."""
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400, description=_("Choose one of the roles."))
    role = form.role.data or ""
    return _change(
        name,
        lambda: accounts.set_role(get_db(), name, role),
        _("%(name)s is now %(role)s.", name=name, role=ROLE_LABELS[role]),
    )


@bp.post("/accounts/<name>/disable")
@role_required("admin")
def disable(name: str) -> ResponseReturnValue:
    """Disable an account: its sessions end and its API tokens are revoked."""
    return _change(
        name,
        lambda: accounts.set_disabled(get_db(), name, True),
        _(
            "Disabled %(name)s: its sessions have ended and its API tokens no longer work.",
            name=name,
        ),
    )


@bp.post("/accounts/<name>/enable")
@role_required("admin")
def enable(name: str) -> ResponseReturnValue:
    """Enable a disabled account again (its old API tokens stay revoked)."""
    return _change(
        name,
        lambda: accounts.set_disabled(get_db(), name, False),
        _("Enabled %(name)s.", name=name),
    )


@bp.post("/accounts/<name>/revoke-tokens")
@role_required("admin")
def revoke_tokens(name: str) -> ResponseReturnValue:
    """Revoke every API token of an account (one's own too)."""
    try:
        count = accounts.revoke_tokens(get_db(), name)
    except accounts.AccountError as error:
        abort(404, description=refusal(error))
    flash(
        ngettext(
            "Revoked %(num)d API token of %(name)s.",
            "Revoked %(num)d API tokens of %(name)s.",
            count,
            name=name,
        ),
        "success",
    )
    return redirect(url_for("admin.accounts_page"))
