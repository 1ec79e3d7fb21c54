"""Interface language: flask-babel, with the locale chosen per request."""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from contextvars import ContextVar
from functools import cached_property, lru_cache
from typing import Any

from babel import support
from flask import Flask, Response, current_app, has_request_context, request
from flask.templating import Environment
from flask_babel import Babel, Domain, get_locale, get_translations
from jinja2 import Template, nodes, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from glossary.web.scope import request_g

#: Interface locales, named as the folders in translations/ (Babel's zh_Hans, not zh_CN,
#: which it would turn into zh_Hans_CN and never find).
LOCALES = ("en", "zh_Hans", "zh_Hant", "zh_Hant_HK")
#: A regional catalog holds only the messages whose wording differs in its region (Hong Kong
#: writes 帳戶 and 上載 where Taiwan writes 帳號 and 上傳); every other message comes from the
#: catalog it falls back to.
FALLBACKS = {"zh_Hant_HK": "zh_Hant"}
#: Where ?lang= is remembered, and for how long.
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# Regions whose Chinese is written in traditional characters; other regions, and plain zh,
# get simplified. Hong Kong and Macau read Hong Kong wording.
TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})
HONG_KONG_REGIONS = frozenset({"hk", "mo"})


def locale_for(accept_language: str | None) -> str | None:
    """Return the interface locale an Accept-Language header prefers most, or None."""
    for tag, quality in parse_accept_header(accept_language, LanguageAccept):
        if quality > 0:
            locale = locale_for_tag(tag)
            if locale is not None:
                return locale
    return None


def locale_for_tag(tag: str) -> str | None:
    """Return the interface locale for one language tag (zh-TW → zh_Hant, zh-HK → zh_Hant_HK),
    or None."""
    language, *subtags = tag.strip().lower().replace("_", "-").split("-")
    if language == "en":
        return "en"
    if language != "zh":
        return None
    if "hans" in subtags:
        return "zh_Hans"
    if "hant" not in subtags and not TRADITIONAL_REGIONS.intersection(subtags):
        return "zh_Hans"
    return "zh_Hant_HK" if HONG_KONG_REGIONS.intersection(subtags) else "zh_Hant"


def select_locale() -> str:
    """Choose the interface language: ?lang=, the lang cookie, Accept-Language, else English."""
    for choice in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if choice in LOCALES:
            return choice
    return locale_for(request.headers.get("Accept-Language")) or "en"


def remember_choice(response: Response) -> Response:
    """Keep a valid ?lang= in a cookie, and tell caches the page depends on the language."""
    choice = request.args.get("lang")
    if choice in LOCALES:
        response.set_cookie(
            COOKIE,
            choice,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure or bool(current_app.config["SESSION_COOKIE_SECURE"]),
        )
    if response.mimetype == "text/html":
        response.vary.update(("Accept-Language", "Cookie"))
    return response


def translations() -> Any:
    """Return this request's catalog, looked up once a request: a results page asks for some
    thirty messages, and flask-babel finds the catalog anew each time."""
    kept = request_g()
    found = kept.get("_glossary_translations")
    if found is None:
        found = kept._glossary_translations = get_translations()
    return found


def load_catalog(directories: list[str], locale: str, domain: str) -> support.Translations:
    """Return one locale's catalog from the translation directories, as flask-babel reads it."""
    catalog = support.Translations()
    for directory in directories:
        found = support.Translations.load(directory, [locale], domain)
        if isinstance(found, support.Translations):  # else there is none in this directory
            catalog.merge(found)
            catalog.plural = found.plural  # which merge leaves behind
    return catalog


class RegionalDomain(Domain):  # type: ignore[misc]
    """flask-babel's message domain, in which a regional catalog falls back to its parent's."""

    def get_translations(self) -> Any:
        """Return the catalog of this request's locale, backed by the one it falls back to."""
        locale = str(get_locale())
        parent = FALLBACKS.get(locale)
        if parent is None:
            return super().get_translations()
        key = (locale, self.domain[0])
        found = self.cache.get(key)
        if found is None:
            directories = self.translation_directories
            found = load_catalog(directories, locale, self.domain[0])
            found.add_fallback(load_catalog(directories, parent, self.domain[0]))
            self.cache[key] = found
        return found


class RegionalBabel(Babel):  # type: ignore[misc]
    """flask-babel, translating through a RegionalDomain."""

    @cached_property
    def domain_instance(self) -> Domain:
        return RegionalDomain(domain=self.domain)


def init_app(app: Flask) -> None:
    """Attach flask-babel to the app and remember the language a person chooses."""
    RegionalBabel(app, locale_selector=select_locale)
    # Templates translate through this request's catalog (as flask-babel's own callables do),
    # with Jinja's new-style semantics (the message is a format string, its values escaped)
    # but called directly: Jinja's own wrappers pass each `_()` through three calls.
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.globals.update(
        _=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext
    )
    app.jinja_env.globals[FILLED_IN] = filled_in
    app.after_request(remember_choice)


def _formatted(eval_ctx: EvalContext, message: str, variables: Mapping[str, Any]) -> str:
    """A translated message with its values put in, escaped where the template escapes."""
    if not eval_ctx.autoescape:
        return message % variables
    if _named_strings_only(message):
        return filled_in(message, variables)
    return Markup(message) % variables


@pass_eval_context
def gettext(eval_ctx: EvalContext, message: str, /, **variables: Any) -> str:
    """Translate a message for a template: `_("Hello %(name)s", name=…)`."""
    return _formatted(eval_ctx, translations().ugettext(message), variables)


@pass_eval_context
def ngettext(
    eval_ctx: EvalContext, singular: str, plural: str, num: int, /, **variables: Any
) -> str:
    """Translate a message with a plural for a template; num is also %(num)s."""
    variables.setdefault("num", num)
    return _formatted(eval_ctx, translations().ungettext(singular, plural, num), variables)


@pass_eval_context
def pgettext(eval_ctx: EvalContext, context: str, message: str, /, **variables: Any) -> str:
    """Translate a message in a context for a template."""
    variables.setdefault("context", context)
    return _formatted(eval_ctx, translations().upgettext(context, message), variables)


@pass_eval_context
def npgettext(
    eval_ctx: EvalContext,
    context: str,
    singular: str,
    plural: str,
    num: int,
    /,
    **variables: Any,
) -> str:
    """Translate a message with a plural, in a context, for a template."""
    variables.setdefault("context", context)
    variables.setdefault("num", num)
    message = translations().unpgettext(context, singular, plural, num)
    return _formatted(eval_ctx, message, variables)


try:  # markupsafe's C escape, which returns the escaped text as a str
    from markupsafe._speedups import _escape_inner as _escaped_text
except ImportError:  # pragma: no cover  (an older markupsafe, or no C extension)

    def _escaped_text(text: str, /) -> str:  # type: ignore[misc]
        return str(escape(text))


def escape_output(value: Any) -> str:
    """A template's output value escaped, as markupsafe's escape does, but as text.

    Jinja escapes every `{{ … }}` into a Markup object, only to join it into the page a moment
    later: some three hundred Markup objects a results page, each made by Python's __new__.
    The page's text is the same."""
    if type(value) is str:
        return _escaped_text(value)
    if hasattr(value, "__html__"):
        return value.__html__()  # type: ignore[no-any-return]
    return _escaped_text(str(value))


# Translating at compile time -----------------------------------------------------------------
# A results page asks for some seventy messages, nearly all of them fixed text (`_("Browse")`),
# and each call passes through Jinja's call machinery, the request's catalog and a Markup
# format. A template is compiled once for each catalog instead, with every `_()` and
# `pgettext()` whose message is written in the template replaced by its translation (values
# still put in at render time, escaped as before): the same text, without the calls.

_COMPILING: ContextVar[Any] = ContextVar("glossary_compiling_catalog", default=None)
FOLDED = frozenset({"_", "gettext", "pgettext"})


class TranslatingEnvironment(Environment):
    """Flask's Jinja environment, which keeps a template compiled for each catalog, its
    fixed messages translated (TranslationFolder), when it is loaded during a request."""

    def _load_template(self, name: str, globals: MutableMapping[str, Any] | None) -> Template:
        if self.bytecode_cache is not None or self.cache is None or not has_request_context():
            return super()._load_template(name, globals)
        catalog = translations()
        key = (name, catalog)
        kept: dict[tuple[str, Any], Template] = self.__dict__.setdefault("_translated", {})
        template = kept.get(key)
        if template is None or (self.auto_reload and not template.is_up_to_date):
            compiling = _COMPILING.set(catalog)
            try:
                template = self.loader.load(self, name, self.make_globals(globals))  # type: ignore[union-attr]
            finally:
                _COMPILING.reset(compiling)
            kept[key] = template
        elif globals:
            template.globals.update(globals)
        return template

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        catalog = _COMPILING.get()
        if catalog is None or _rebinds_gettext(tree):
            return tree
        # Where the whole template escapes, a message is put together as text (filled_in).
        escapes = self.autoescape(name) if callable(self.autoescape) else self.autoescape
        escapes = escapes and tree.find(nodes.ScopedEvalContextModifier) is None
        return TranslationFolder(catalog, escapes).visit(tree)  # type: ignore[no-any-return]


def _rebinds_gettext(tree: nodes.Template) -> bool:
    """Tell whether a template gives one of the folded names another meaning (`{% set _ = …%}`)."""
    stored = any(node.name in FOLDED and node.ctx != "load" for node in tree.find_all(nodes.Name))
    imported = any(
        (alias if isinstance(alias, str) else alias[-1]) in FOLDED
        for node in tree.find_all(nodes.FromImport)
        for alias in node.names
    )
    return stored or imported


class TranslationFolder(NodeTransformer):
    """Put a catalog's translation in place of each `_("…", …)` and `pgettext("…", "…", …)`
    whose messages are written out: `(Markup(translation) % {values})`, Markup only where the
    template escapes, exactly what gettext() and pgettext() return at render time."""

    def __init__(self, catalog: Any, escapes: bool = False):
        self.catalog = catalog
        self.escapes = escapes

    def visit_Call(self, call: nodes.Call) -> nodes.Node:
        node = self.generic_visit(call)
        if not isinstance(node, nodes.Call):
            return node
        name = node.node.name if isinstance(node.node, nodes.Name) else None
        if name not in FOLDED or node.dyn_args is not None or node.dyn_kwargs is not None:
            return node
        wanted = 2 if name == "pgettext" else 1
        if len(node.args) != wanted or not all(_written(arg) for arg in node.args):
            return node
        values = [nodes.Pair(nodes.Const(k.key), k.value) for k in node.kwargs]
        if name == "pgettext":
            context, message = (arg.value for arg in node.args)  # type: ignore[attr-defined]
            translated = self.catalog.upgettext(context, message)
            if all(k.key != "context" for k in node.kwargs):
                values.append(nodes.Pair(nodes.Const("context"), nodes.Const(context)))
        else:
            translated = self.catalog.ugettext(node.args[0].value)  # type: ignore[attr-defined]
        if self.escapes and values and _named_strings_only(translated):
            filled = nodes.Name(FILLED_IN, "load")
            arguments = [nodes.Const(translated), nodes.Dict(values)]
            return nodes.Call(filled, arguments, [], None, None, lineno=node.lineno)
        shown = nodes.MarkSafeIfAutoescape(nodes.Const(translated))
        return nodes.Mod(shown, nodes.Dict(values), lineno=node.lineno)


#: The name templates call filled_in by (a global, named so that no template uses it).
FILLED_IN = "_glossary_filled_in"
PLACEHOLDER = re.compile(r"%(?:%|\(\w+\)s)")


@lru_cache(maxsize=4096)
def _named_strings_only(message: str) -> bool:
    """Tell whether every placeholder of a message is %(name)s (or a %% for a %)."""
    return "%" not in PLACEHOLDER.sub("", message)


def filled_in(message: str, values: Mapping[str, Any]) -> Markup:
    """Markup(message) % values, for a message whose placeholders are all %(name)s: each
    value escaped as Markup's % escapes it, the message made Markup once. Markup's own %
    wraps each value in a helper object whose str() escapes it (some thirty translated
    messages with values a results page)."""
    return Markup(message % {name: escape_output(value) for name, value in values.items()})


def _written(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)
