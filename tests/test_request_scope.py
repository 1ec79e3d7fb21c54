"""This request's g, kept from the start of each request to its teardown (glossary.web.scope)."""

from __future__ import annotations

from flask import g

from glossary.web import display, i18n, scope


def test_a_request_reads_its_own_g_and_forgets_it_at_its_end(app):
    with app.test_request_context("/search?q=xie+feng"):
        app.preprocess_request()
        kept = scope._G.get()
        assert kept is g._get_current_object()
        assert scope.request_g() is kept
        display.current_locale()  # what the helpers keep goes on the request's g
        assert g._glossary_locale == "en"
    assert scope._G.get() is None


def test_each_request_keeps_its_own(app):
    with app.test_request_context("/search?q=a&lang=zh_Hant"):
        app.preprocess_request()
        assert display.current_locale() == "zh_Hant"
        first = i18n.translations()
    with app.test_request_context("/search?q=a"):
        app.preprocess_request()
        assert display.current_locale() == "en"  # not the last request's
        assert i18n.translations() is not first


def test_a_context_pushed_by_hand_reads_flask_g(app):
    with app.test_request_context("/search?q=a"):  # no before_request: nothing kept
        assert scope._G.get() is None
        assert scope.request_g() is g
        assert display.current_locale() == "en"
        assert g._glossary_locale == "en"


def test_a_request_that_fails_forgets_its_g(app, client):
    @app.get("/fails-for-the-test")
    def fails():
        assert scope.request_g() is g._get_current_object()
        raise RuntimeError("the view fails")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert client.get("/fails-for-the-test").status_code == 500
    assert scope._G.get() is None
