"""glossary: a bilingual English–Chinese glossary and name reference."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

# Flask and the app load in create_app, not with the package: the `glossary` command
# (glossary.__main__) pauses the garbage collector before they do.


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the glossary application."""
    from flask import Flask

    from glossary import config
    from glossary.web.converters import FormatName, SQLiteInteger

    app = Flask(__name__, instance_relative_config=True)
    app.url_map.converters["int"] = SQLiteInteger
    app.url_map.converters["format"] = FormatName

    app.config.from_mapping(config.defaults(app.instance_path))
    # Every GLOSSARY_* variable is read and checked here: a wrong value stops the start.
    app.config.update(config.from_environment(os.environ))
    if test_config:
        app.config.update(test_config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = config.secret_key(app.instance_path)
    proxies = app.config["PROXIES"]
    # Flask refuses a session cookie signed longer ago than this; a logged-in session is
    # permanent, so each request signs it anew: the limit is on idle time.
    app.permanent_session_lifetime = timedelta(days=app.config["SESSION_IDLE_DAYS"])

    from flask_wtf.csrf import CSRFProtect

    from glossary import cli
    from glossary.cli import dictionary as dictionary_cli
    from glossary.cli import exchange as exchange_cli
    from glossary.cli import maintenance as maintenance_cli
    from glossary.web import answers, db, display, errors, i18n, login, scope, security
    from glossary.web.api import read as api
    from glossary.web.api import write as api_write
    from glossary.web.views import admin, articles, auth, editing, entries, history, names, search
    from glossary.web.views import dictionary as dictionary_views
    from glossary.web.views import exchange as exchange_views

    app.jinja_environment = display.TemplateEnvironment  # before anything asks for jinja_env
    scope.init_app(app)  # first: the others' before_request functions find it set
    db.init_app(app)
    login.init_app(app)
    csrf = CSRFProtect(app)
    csrf.exempt(api.bp)  # the API authenticates by bearer token, never by session cookie
    csrf.exempt(api_write.bp)
    i18n.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    display.init_app(app)
    answers.init_app(app)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    # the commands, each module's: init-db, serve, user; export, import; import-cedict;
    # backup, restore, check
    for commands in (cli, exchange_cli, dictionary_cli, maintenance_cli):
        for command in commands.COMMANDS:
            app.cli.add_command(command)
    app.register_blueprint(search.bp)
    app.register_blueprint(entries.bp)
    app.register_blueprint(editing.bp)
    app.register_blueprint(history.bp)
    app.register_blueprint(names.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(exchange_views.bp)
    app.register_blueprint(dictionary_views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(api_write.bp)
    if proxies:  # outermost, so that kept answers are found by the client's scheme and host
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Werkzeug's ProxyFix: the client's address and scheme from the proxies' headers; the
        # host only when told (nginx passes on the client's X-Forwarded-Host unless set).
        host = proxies if app.config["TRUST_FORWARDED_HOST"] else 0
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=host
        )
    return app
