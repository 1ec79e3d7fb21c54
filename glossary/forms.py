"""Web forms (Flask-WTF): CSRF-protected, labels built at import time with _l."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import InputRequired, Length


class LoginForm(FlaskForm):
    """Name and password; next is where to go afterwards."""

    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    next = HiddenField()
