"""The shortcuts pages render by write what Flask's and Jinja's own helpers would."""

from __future__ import annotations

import pytest
from flask import render_template_string, url_for

from glossary.web import display, i18n

# Pages and the parameter changes their links make (as the templates' url_with calls do).
ADDRESSES = [
    ("/search?q=xie+feng", {"page": 2}),
    ("/search?q=xie+feng&page=3", {"page": None}),
    ("/search?q=%E8%B0%A2%E9%94%8B&kind=person", {"kind": None, "page": None}),
    ("/search?q=a%26b%3Dc%25+%2F%3F%40%21%24%27()*%2C%3A%3B", {"lang": "zh_Hant"}),
    ("/search?q=%E2%80%AEevil&lang=en", {"lang": "zh_Hant_HK"}),
    ("/search?q=a&q=b&tag=x+y", {"tag": None}),
    ("/search", {"q": "谢锋", "page": None, "offset": None}),
    ("/search?verified=1", {"kind": "term", "page": None}),
    ("/?page=2", {"lang": "en"}),
    ("/", {"page": 3}),
    ("/changes?lang=zh_Hans", {"lang": "en"}),
    ("/entries/1?lang=en", {"lang": "zh_Hans"}),
    ("/entries/1?entry_id=7", {"lang": "en"}),  # a parameter named as the path's
    ("/search?q=a", {"q": ["a", "b"]}),  # several values
]


@pytest.mark.parametrize(("address", "changes"), ADDRESSES)
def test_url_with_writes_what_url_for_writes(app, address, changes):
    with app.test_request_context(address):
        app.preprocess_request()
        from flask import request

        args = {**(request.view_args or {}), **request.args.to_dict()}
        for name, value in changes.items():
            if value is None:
                args.pop(name, None)
            else:
                args[name] = value
        expected = url_for(request.endpoint, **args)
        assert display.url_with(**changes) == expected
        assert display.url_with(**changes) == expected  # the page's address, kept, again


def test_url_with_keeps_the_query_in_its_order():
    # Literal: the language changes in place, a new parameter goes last.
    from glossary import create_app

    app = create_app({"TESTING": True, "DATABASE": ":memory:", "SECRET_KEY": "test"})
    with app.test_request_context("/search?lang=en&q=%E8%B0%A2+feng&kind=person"):
        assert display.url_with(lang="zh_Hant", page=2) == (
            "/search?lang=zh_Hant&q=%E8%B0%A2+feng&kind=person&page=2"
        )


@pytest.mark.parametrize("root", ["", "/glossary", "/other/root"])
def test_page_urls_follow_the_script_root(app, root):
    for _ in range(2):  # the second time from what was kept
        with app.test_request_context("/search", base_url=f"http://localhost{root}/"):
            assert url_for("search.results") == f"{root}/search"  # what it should be
            assert display.page_url("search.results") == f"{root}/search"
            assert display.page_url("static", filename="glossary.css") == (
                f"{root}/static/glossary.css"
            )
            assert display.page_url("entries.show", entry_id=4) == f"{root}/entries/4"


@pytest.mark.parametrize(
    ("endpoint", "values"),
    [
        # A rule without path parameters: the values are the query, written after the path.
        ("auth.login", {"next": "/search?q=xie feng&lang=zh_Hant#top"}),
        ("auth.login", {"next": "/entries/4?q=谢锋 a&b=c/?", "other": 3}),
        ("auth.login", {"next": None}),
        ("search.results", {"q": "100% 'x'", "page": 2}),
        # Not only the query: as url_for builds them.
        ("auth.login", {"next": "/", "_anchor": "form"}),
        ("search.results", {"q": ["a", "b"]}),
        ("entries.show", {"entry_id": 4, "tab": "history"}),
    ],
)
def test_page_urls_with_values_are_what_url_for_writes(app, endpoint, values):
    for root in ("", "/glossary"):
        with app.test_request_context("/search", base_url=f"http://localhost{root}/"):
            for _ in range(2):  # the second time from what was kept
                assert display.page_url(endpoint, **values) == url_for(endpoint, **values)


TEMPLATE_READS = [
    # (template, context, output): a dict's keys read as attributes, its methods kept.
    ("{{ d.english }}", {"d": {"english": "Xie Feng"}}, "Xie Feng"),
    ("{{ d.missing }}|{{ d.missing is defined }}", {"d": {}}, "|False"),
    ("{{ d.items()|list|length }}", {"d": {"items": 5, "a": 1}}, "2"),
    ("{{ d.get('a') }}", {"d": {"a": "<b>"}}, "&lt;b&gt;"),
    ("{{ d['items'] }}", {"d": {"items": 5}}, "5"),
    ("{{ o.real }}", {"o": 3}, "3"),
]


@pytest.mark.parametrize(("source", "context", "output"), TEMPLATE_READS)
def test_templates_read_dicts_as_jinja_does(app, source, context, output):
    with app.test_request_context("/"):
        assert render_template_string(source, **context) == output


TRANSLATED = [
    # (template, locale, output): values escaped, plurals, contexts, %% as %.
    ('{{ _("Tagged “%(tag)s”", tag="<i>") }}', "en", "Tagged “&lt;i&gt;”"),
    ('{{ _("Tagged “%(tag)s”", tag="<i>") }}', "zh_Hans", "标签：“&lt;i&gt;”"),
    (
        '{{ ngettext("%(num)s entry", "%(num)s entries", 2, num="2") }}',
        "en",
        "2 entries",
    ),
    ('{{ ngettext("%(num)s entry", "%(num)s entries", 1) }}', "en", "1 entry"),
    ('{{ pgettext("between details", ", ") }}', "zh_Hans", "，"),
    ('{{ _("100%% sure") }}', "en", "100% sure"),
    ("{% trans %}Browse{% endtrans %}", "zh_Hant", "瀏覽"),
]


@pytest.mark.parametrize(("source", "locale", "output"), TRANSLATED)
def test_templates_translate_as_jinja_new_style_does(app, source, locale, output):
    with app.test_request_context(f"/?lang={locale}"):
        assert render_template_string(source) == output


@pytest.mark.parametrize(
    ("locale", "small", "large"),
    [("en", "999", "1,234"), ("zh_Hans", "7", "1,234"), ("zh_Hant_HK", "0", "12,345")],
)
def test_numbers_small_and_large(app, locale, small, large):
    with app.test_request_context(f"/?lang={locale}"):
        assert display.number(int(small)) == small
        assert display.number(int(large.replace(",", ""))) == large


def test_timestamps_are_kept_by_language(app):
    # The same timestamp asked for in turn in two languages: each in its own.
    for _ in range(2):
        with app.test_request_context("/?lang=en"):
            assert display.timestamp("2026-05-04T13:05:09Z") == "May 4, 2026, 1:05:09\u202fPM"
        with app.test_request_context("/?lang=zh_Hans"):
            assert display.timestamp("2026-05-04T13:05:09Z") == "2026年5月4日 13:05:09"


# (template, locale, output): a template loaded by name is compiled once for each language,
# its messages written in it translated then; what it writes is what the calls would write.
COMPILED = [
    ('{{ _("Browse") }}', "zh_Hant", "瀏覽"),
    ('{{ _("Tagged “%(tag)s”", tag="<i>") }}', "zh_Hans", "标签：“&lt;i&gt;”"),
    ('{{ _("Tagged “%(tag)s”", tag=t) }}', "en", "Tagged “&lt;b&gt;”"),
    ('{{ _("100%% sure") }}', "en", "100% sure"),
    ('{{ pgettext("between details", ", ") }}', "zh_Hans", "，"),
    ('{{ gettext("Browse")|length }}', "zh_Hans", "2"),
    ('{% set label = _("Browse") %}{{ label ~ "<" }}', "zh_Hans", "浏览&lt;"),
    ('{% set _ = "kept" %}{{ _ }}', "zh_Hans", "kept"),  # a template that rebinds _ is left be
    ("{{ _(t) }}", "zh_Hant", "<b>"),  # a message not written out: translated at render
]


@pytest.mark.parametrize(("source", "locale", "output"), COMPILED)
def test_loaded_templates_are_translated_when_compiled(app, source, locale, output):
    from flask import render_template
    from jinja2 import ChoiceLoader, DictLoader

    app.jinja_env.loader = ChoiceLoader([DictLoader({"t.html": source}), app.jinja_env.loader])
    for language in (locale, "en", locale):  # each language its own compiled template
        with app.test_request_context(f"/?lang={language}"):
            assert render_template("t.html", t="<b>") == render_template_string(source, t="<b>")
    with app.test_request_context(f"/?lang={locale}"):
        assert render_template("t.html", t="<b>") == output


def test_a_translation_is_in_the_compiled_template(app):
    from jinja2 import ChoiceLoader, DictLoader

    source = '<a title="{{ _("Browse") }}">{{ _("Log in") }}</a>'
    app.jinja_env.loader = ChoiceLoader([DictLoader({"t.html": source}), app.jinja_env.loader])
    with app.test_request_context("/?lang=zh_Hant"):
        code = app.jinja_env.get_template("t.html").root_render_func.__code__
        assert '<a title="瀏覽">登入</a>' in code.co_consts  # one piece of text, no call


def test_template_calls_pass_what_jinja_passes(app):
    from jinja2 import pass_context

    @pass_context
    def named(context, suffix):
        return context["name"] + suffix

    def stops():
        raise StopIteration

    class Kept:
        def plain(self, suffix):
            return "plain" + suffix

        @pass_context
        def named(self, context, suffix):
            return context["name"] + suffix

    source = (
        "{% macro m(x) %}[{{ x }}{{ caller() if caller }}]{% endmacro %}"
        "{{ named('!') }} {{ m(1) }} {% call m(2) %}c{% endcall %} {{ stops() is undefined }}"
        "{% for i in [1] %}{{ named(i|string) }}{% endfor %}"
        " {{ kept.plain('?') }} {{ kept.named('.') }} {{ plain('?') }}"
    )
    kept = Kept()
    with app.test_request_context("/"):
        written = render_template_string(
            source, named=named, stops=stops, name="n", kept=kept, plain=kept.plain
        )
    assert written == "n! [1] [2c] Truen1 plain? n. plain?"


@pytest.mark.parametrize(
    "query",
    [
        {"q": None, "kind": None, "tag": None, "verified": None},
        {"q": "xie feng", "kind": "person", "tag": None, "verified": 1},
        {"q": "谢锋 a&b=c/?", "kind": None, "tag": "x y", "verified": None},
    ],
)
def test_query_urls_are_what_url_for_writes(app, query):
    for root in ("", "/glossary"):
        with app.test_request_context("/search", base_url=f"http://localhost{root}/"):
            for _ in range(2):  # the second time from what was kept
                expected = url_for("exchange.export_results", format="csv", **query)
                assert display.query_url("exchange.export_results", {"format": "csv"}, query) == (
                    expected
                )


class Shown:
    """A value with its own HTML, as Markup and Flask's objects have."""

    def __html__(self) -> str:
        return "<em>shown</em>"


# (template): each written by the app's environment as a plain Jinja environment writes it.
ESCAPED = [
    "{{ s }}|{{ m }}|{{ n }}|{{ none }}|{{ shown }}|{{ s|safe }}|{{ m ~ s }}",
    "{% macro card(x) %}<b>{{ x }}</b>{% endmacro %}{{ card(s) }}{{ card(m) }}",
    "{% set held %}{{ s }}{{ m }}{% endset %}{{ held }}|{{ held|length }}",
    "{% filter upper %}{{ s }}{% endfilter %}{% for c in s %}{{ c }}{% endfor %}",
    "{% autoescape false %}{{ s }}{% endautoescape %}{{ s }}",
]


@pytest.mark.parametrize("source", ESCAPED)
def test_template_output_is_escaped_as_jinja_escapes_it(app, source):
    from jinja2 import Environment
    from markupsafe import Markup

    values = {
        "s": "<a href=\"x\">'&'</a>",
        "m": Markup("<i>kept</i>"),
        "n": 12.5,
        "none": None,
        "shown": Shown(),
    }
    expected = Environment(autoescape=True).from_string(source).render(**values)
    with app.test_request_context("/"):
        assert render_template_string(source, **values) == expected


def test_template_output_is_escaped_as_text(app):
    # Every {{ … }} is escaped to text joined into the page, not to a Markup object first.
    code = app.jinja_env.compile("<p>{{ s }}</p>", raw=True)
    assert "environment.escape_output(" in code
    assert i18n.escape_output("<'\"&>") == "&lt;&#39;&#34;&amp;&gt;"
    assert type(i18n.escape_output("a")) is str
