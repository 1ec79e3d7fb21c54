"""What templates need to show entries: labels, language tags, dates, links."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from types import FunctionType, MethodType
from typing import Any
from urllib.parse import urlencode

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from jinja2.runtime import Context, Macro
from markupsafe import Markup, escape

from glossary.dictionary import notation
from glossary.entries.validate import real_date
from glossary.messages import N_
from glossary.text import hanzi, names
from glossary.text.tones import tone_runs
from glossary.web import i18n
from glossary.web.scope import request_g

# Message ids of the labels a results page shows on every card, translated through the
# request's catalog (i18n.translations); forms take the lazy KIND_LABELS.
KIND_NAMES = {
    "person": (N_("Person"), N_("People")),
    "organization": (N_("Organization"), N_("Organizations")),
    "term": (N_("Term"), N_("Terms")),
    "place": (N_("Place"), N_("Places")),
    "document": (N_("Document"), N_("Documents")),
    "event": (N_("Event"), N_("Events")),
}
KIND_LABELS = {kind: (_l(one), _l(many)) for kind, (one, many) in KIND_NAMES.items()}
FIELD_NAMES = {
    "english": N_("English"),
    "alias": N_("alias"),
    "simplified": N_("simplified characters"),
    "traditional": N_("traditional characters"),
    "pinyin": N_("pinyin"),
    "description": N_("description"),
    "definition": N_("definition"),  # of a base dictionary (CC-CEDICT) entry
}
# The romanization systems a name can be found as (search.py's match "system").
SYSTEM_NAMES = {
    "pinyin": N_("Hanyu Pinyin"),
    "wade_giles": N_("Wade–Giles"),
    "taiwan": N_("Taiwan's Wade–Giles"),
    "jyutping": N_("Jyutping"),
    "hong_kong": N_("Hong Kong romanization"),
    "macau": N_("Macau romanization"),
}
# The language tag of a name as each system writes it (BCP 47 variants where there is one).
SYSTEM_LANGS = {
    "wade_giles": "zh-Latn-wadegile",
    "taiwan": "zh-Latn-wadegile",
    "jyutping": "yue-Latn-jyutping",
    "hong_kong": "yue-Latn",
    "macau": "yue-Latn",
}
ROLE_LABELS = {
    "editor": _l("editor"),
    "reviewer": _l("reviewer"),
    "admin": _l("administrator"),
}
STATUS_LABELS = {
    "preferred": _l("Preferred"),
    "admitted": _l("Admitted"),
    "deprecated": _l("Deprecated"),
}
# Interface languages: (locale code, name in its own script, BCP 47 tag).
LANGUAGES = (
    ("en", "English", "en"),
    ("zh_Hans", "简体中文", "zh-Hans"),
    ("zh_Hant", "繁體中文", "zh-Hant"),
    ("zh_Hant_HK", "繁體中文（香港）", "zh-Hant-HK"),
)
LANGUAGE_TAGS = {code: tag for code, _name, tag in LANGUAGES}


def current_locale() -> str:
    """Return the interface locale code of this request (en, zh_Hans, zh_Hant or zh_Hant_HK)."""
    kept = request_g()
    found = kept.get("_glossary_locale")
    if found is None:  # asked for by every card of a page: found once a request
        found = str(get_locale())
        if found not in LANGUAGE_TAGS:
            found = "en"
        kept._glossary_locale = found
    return str(found)


def traditional_interface() -> bool:
    """Return whether this request's interface is written in traditional characters."""
    return current_locale().startswith("zh_Hant")


def html_lang() -> str:
    """Return the BCP 47 tag of the interface language, for <html lang>."""
    return LANGUAGE_TAGS[current_locale()]


def kind_label(kind: str, plural: bool = False) -> str:
    """Return the translated name of an entry kind."""
    return str(i18n.translations().ugettext(KIND_NAMES[kind][plural]))


def field_label(field: str) -> str:
    """Return the translated name of the field a search matched."""
    name = FIELD_NAMES.get(field)
    return field if name is None else str(i18n.translations().ugettext(name))


def system_label(system: str) -> str:
    """Return the translated name of a romanization system."""
    name = SYSTEM_NAMES.get(system)
    return system if name is None else str(i18n.translations().ugettext(name))


def system_lang(system: str) -> Markup:
    """Return the lang attribute for a name as a romanization system writes it."""
    return Markup(f'lang="{SYSTEM_LANGS.get(system, "zh-Latn")}"')


def role_label(role: str) -> str:
    """Return the translated name of an account role."""
    return str(ROLE_LABELS[role])


def status_label(status: str) -> str:
    """Return the translated name of a rendering's status."""
    return str(STATUS_LABELS[status])


def hanzi_forms(entry: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Return the entry's (language tag, characters) forms, the interface's script first."""
    forms = [("zh-Hans", entry["simplified"])]
    if entry.get("traditional") and entry["traditional"] != entry["simplified"]:
        forms.append(("zh-Hant", entry["traditional"]))
    if traditional_interface():
        forms.reverse()
    return forms


def entry_forms(entry: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """Return the labelled forms of an entry for its page: (label, value, language tag)."""
    forms: list[tuple[str, str, str | None]] = []
    if entry.get("romanization"):  # the person's own usage comes first
        label = _("Published romanization")
        if entry.get("romanization_system"):
            label = _("Published romanization (%(system)s)", system=entry["romanization_system"])
        forms.append((label, entry["romanization"], "en"))
    if entry["english"] != entry.get("romanization"):
        forms.append((_("English"), entry["english"], "en"))
    scripts = [
        (_("Simplified"), entry["simplified"], "zh-Hans"),
        (_("Traditional"), entry["traditional"] or entry["simplified"], "zh-Hant"),
    ]
    if traditional_interface():
        scripts.reverse()
    forms += scripts
    if entry["pinyin"]:
        forms.append((_("Pinyin"), entry["pinyin"], "zh-Latn-pinyin"))
    return forms


# The labels of the forms a journalist pastes (names.paste_forms), and of the other systems.
PASTE_LABELS = {
    "surname_caps": _l("Surname in capitals"),
    "with_characters": _l("With the characters"),
    "second_reference": _l("Second reference"),
    "plain": _l("Pinyin without tones"),
    "tone_marks": _l("Pinyin with tone marks"),
    "tone_numbers": _l("Pinyin with tone numbers"),
    "wade_giles": _l("Wade–Giles"),
    "taiwan": _l("Taiwan (passport spelling)"),
    "hong_kong": _l("Hong Kong (Cantonese)"),
    "macau": _l("Macau (Cantonese)"),
    "jyutping": _l("Jyutping (Cantonese)"),
}
PASTE_LANGS = {"tone_marks": "zh-Latn-pinyin", "tone_numbers": "zh-Latn-pinyin", "plain": "zh-Latn"}


def paste_forms(entry: Mapping[str, Any]) -> list[tuple[str, str, str, bool]]:
    """Return the forms of an entry's (or an article's draft's) name to paste into copy, for
    "How to write it": (label, text, language tag, another system than pinyin)."""
    characters = entry["simplified"] if hanzi.has_cjk(entry.get("simplified") or "") else ""
    if not characters or entry.get("kind") not in names.KINDS_READ:
        return []
    forms = names.paste_forms(
        characters,
        entry["kind"],
        pinyin=entry.get("pinyin") or "",
        english=entry.get("english") or "",
        romanization=entry.get("romanization") or "",
    )
    return [
        (str(PASTE_LABELS.get(form.name, form.name)), form.text, _paste_lang(form), form.system)
        for form in forms
    ]


def _paste_lang(form: names.PasteForm) -> str:
    if form.name == "with_characters":
        return ""  # Latin and Chinese: the page's language
    if form.name in PASTE_LANGS:
        return PASTE_LANGS[form.name]
    if form.name == "jyutping":
        return "yue-Latn"
    return "zh-Latn" if form.system else "en"


def form_lang(field: str) -> Markup:
    """Return the lang attribute for a matched form of the given field."""
    tag = {"simplified": "zh-Hans", "traditional": "zh-Hant", "pinyin": "zh-Latn-pinyin"}.get(
        field, "en"
    )
    return Markup(f'lang="{tag}"')


def text_lang(text: str) -> Markup:
    """Return the lang attribute for free text: Chinese if it has ideographs, else English."""
    return Markup('lang="zh"' if hanzi.has_cjk(text) else 'lang="en"')


def partial_date(value: str | None) -> str:
    """Format an ISO date that may lack its day or month (2026-05) for the interface language."""
    if not value:
        return ""
    # Kept by language and date, as timestamps are: every results page that lists the
    # dictionary cites its edition's date, and Babel's formatting was a twentieth of the page.
    return _partial_date(current_locale(), value)


@lru_cache(maxsize=1024)
def _partial_date(locale: str, value: str) -> str:
    if not real_date(value):  # every way in checks dates; an old or tampered row is shown as is
        return value
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return format_date(date(*parts), "long")
    if len(parts) == 2:
        pattern = "y年M月" if current_locale() != "en" else "MMMM y"
        return format_date(date(parts[0], parts[1], 1), pattern)
    return str(parts[0])


def timestamp(value: str) -> str:
    """Format a stored UTC timestamp for the interface language."""
    # Kept by language and timestamp: recent changes show the same hundred again and again,
    # and Babel's formatting was a quarter of that page.
    return _timestamp(current_locale(), value)


@lru_cache(maxsize=4096)
def _timestamp(locale: str, value: str) -> str:
    return str(format_datetime(datetime.fromisoformat(value.replace("Z", "+00:00")), "medium"))


def url_with(**changes: Any) -> str:
    """Return this page's URL with some query parameters changed (None removes one)."""
    address = _address()
    if address is None or address.arguments & changes.keys():
        return _url_with(changes)
    query = dict(address.query)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        elif isinstance(value, str | int):
            query[name] = _parameter(name, value)
        else:  # a list (several values): as url_for writes it
            return _url_with(changes)
    return f"{address.path}?{'&'.join(query.values())}" if query else address.path


def _url_with(changes: Mapping[str, Any]) -> str:
    """url_with as url_for builds it, whatever the page's rules and parameters."""
    args: dict[str, Any] = {**(request.view_args or {}), **request.args.to_dict()}
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = value
    return url_for(request.endpoint or "search.home", **args)


# The characters werkzeug leaves unquoted in a query string (the URL standard's safe set).
QUERY_SAFE = "!$'()*,/:;?@"


@dataclass(frozen=True)
class _Address:
    """This page's path, its query parameters, and the names its rule reads from the path."""

    path: str
    query: dict[str, str]  # each parameter by name, written name=value as url_for writes it
    arguments: frozenset[str]


def _address() -> _Address | None:
    """This page's address, read once a request, when url_with can write its links by
    joining the path and a query string: a results page has a dozen of them (languages,
    kinds, pages), and url_for finds the rule, builds the path and encodes the query anew
    each time. None when the page's endpoint has more than one rule, or a query parameter
    is named as a path's: url_for then chooses, as before."""
    kept = request_g()
    found = kept.get("_glossary_address", False)
    if found is False:
        found = kept._glossary_address = _read_address()
    return found


def _read_address() -> _Address | None:
    endpoint = request.endpoint or "search.home"
    rules = list(current_app.url_map.iter_rules(endpoint))
    view_args = request.view_args or {}
    query = request.args.to_dict()
    if len(rules) != 1 or rules[0].arguments & query.keys():
        return None
    written = {name: _parameter(name, value) for name, value in query.items()}
    return _Address(page_url(endpoint, **view_args), written, frozenset(rules[0].arguments))


@lru_cache(maxsize=4096)
def _parameter(name: str, value: str | int) -> str:
    """A query parameter written as werkzeug's url_for writes it (kept: a page writes the
    same few again and again, in its language and page links)."""
    return urlencode([(name, value)], safe=QUERY_SAFE)


def page_url(endpoint: str, **values: Any) -> str:
    """url_for for templates, which keeps the address of a page without parameters (the
    site's navigation, its style sheet and script: a score of links on every page) by the
    script root it is served under."""
    if values.keys() == {"entry_id"} and type(values["entry_id"]) is int:
        # An entry's pages (a review page links to a hundred): the address kept once with a
        # marker where the id goes, as url_for writes an int.
        before, _marker, after = _kept_url(endpoint, {"entry_id": MARKER_ID}).partition(
            str(MARKER_ID)
        )
        return f"{before}{values['entry_id']}{after}"
    if endpoint.startswith("."):
        return url_for(endpoint, **values)
    if values and values.keys() != {"filename"}:
        if _reads_nothing_from_the_path(endpoint) and all(
            not name.startswith("_") and (value is None or type(value) in (str, int))
            for name, value in values.items()
        ):
            # Query parameters only (the login link's next=, on every page): as url_for
            # writes them, after the kept path.
            return query_url(endpoint, {}, values)
        return url_for(endpoint, **values)
    return _kept_url(endpoint, values)


def _reads_nothing_from_the_path(endpoint: str) -> bool:
    """Tell whether an endpoint has one rule, which reads nothing from the path and has no
    defaults (so that every value given to url_for goes into the query). Kept by endpoint."""
    kept = current_app.extensions["glossary_plain_endpoints"]
    found = kept.get(endpoint)
    if found is None:
        rules = list(current_app.url_map.iter_rules(endpoint))
        found = kept[endpoint] = (
            len(rules) == 1 and not rules[0].arguments and not rules[0].defaults
        )
    return found  # type: ignore[no-any-return]


MARKER_ID = 918_273_645_546_372_819  # an id no entry has, only digits alike in no address


def query_url(endpoint: str, path: Mapping[str, Any], query: Mapping[str, str | int | None]) -> str:
    """url_for(endpoint, **path, **query) for a rule that reads path (and nothing of query)
    from the path: the path kept as page_url keeps it, the query written as url_for writes
    it, a parameter whose value is None left out."""
    address = _kept_url(endpoint, path)
    written = "&".join(
        _parameter(name, value) for name, value in query.items() if value is not None
    )
    return f"{address}?{written}" if written else address


def _kept_url(endpoint: str, values: Mapping[str, Any]) -> str:
    """url_for(endpoint, **values), kept by the script root it is served under."""
    state = request_g()
    root = state.get("_glossary_root")
    if root is None:  # read once a request
        kept_urls = current_app.extensions["glossary_page_urls"]
        root = state._glossary_root = (kept_urls, request.script_root)
    kept, script_root = root
    key = (script_root, endpoint, *values.items())
    found = kept.get(key)
    if found is None:
        if len(kept) > 1000:  # script roots come from proxies' headers: stay bounded
            kept.clear()
        found = kept[key] = url_for(endpoint, **values)
    return found


class TemplateContext(Context):
    """Jinja's context, calling a plain function or a macro straight away.

    Jinja's call looks for a pass_context mark on the callable and on its __call__ for every
    call a template makes (some seventy on a results page: labels, links, a card's macros);
    a function without the mark, a method of one (the results' cards) and a macro (which has
    none) are called as Jinja would call them, without the search."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Call __obj with the arguments, as Context.call does."""
        kind = type(__obj)
        function = __obj.__func__ if kind is MethodType else __obj  # a bound method's (cards)
        if not (
            kind is Macro
            or (type(function) is FunctionType and "jinja_pass_arg" not in vars(function))
        ):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class OutputCodeGenerator(CodeGenerator):
    """Jinja's code generator, writing a template's output through escape_output."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


class TemplateEnvironment(i18n.TranslatingEnvironment):
    """Flask's Jinja environment, reading a dict's keys without an exception first.

    Jinja's `entry.english` tries the attribute and, when a dict has none, catches the
    AttributeError and reads the key: an entry is a dict, and a results page reads a few
    hundred of its keys. A name that is also a dict's method (items, get) still means the
    method, as in Jinja."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """An item or attribute of obj, preferring the attribute, as Jinja does."""
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals over the environment's, as one dict.

        Jinja chains them (a ChainMap), which Python reads key by key: a page's every macro
        import compares its globals with the page's, and each context copies them, some
        four hundred calls a results page. The environment's globals are all set when the
        app is made, before any template is loaded, as Jinja asks."""
        return {**self.globals, **(d or {})}

    context_class = TemplateContext
    code_generator_class = OutputCodeGenerator
    escape_output = staticmethod(i18n.escape_output)


DICT_ATTRIBUTES = frozenset(dir(dict))


def number(value: int) -> str:
    """Format a whole number for the interface language."""
    if type(value) is int and 0 <= value < 1000:  # no separator to place: digits as they are
        return str(value)
    return str(format_decimal(value))


def init_app(app: Flask) -> None:
    """Make the display helpers available to every template."""
    for helper in (
        current_locale,
        html_lang,
        kind_label,
        field_label,
        system_label,
        system_lang,
        status_label,
        role_label,
        hanzi_forms,
        entry_forms,
        paste_forms,
        form_lang,
        text_lang,
        partial_date,
        timestamp,
        url_with,
    ):
        app.add_template_global(helper)
    app.extensions["glossary_page_urls"] = {}
    app.extensions["glossary_plain_endpoints"] = {}
    app.add_template_global(page_url, "url_for")
    app.add_template_global(lambda: LANGUAGES, "languages")
    app.add_template_global(lambda: date.today().isoformat(), "today")
    app.add_template_filter(number)
    app.add_template_filter(cedict_definitions)
    app.add_template_filter(tones)


def cedict_definitions(english: str) -> list[notation.Definition]:
    """A dictionary entry's definitions (joined with "; ") with their notation read."""
    return [notation.read(definition) for definition in english.split("; ")]


@lru_cache(maxsize=4096)
def tones(pinyin: str) -> Markup:
    """Pinyin with each syllable in a span of its tone (tone1 … tone4, tone0 for the neutral
    tone), which pages colour when the reader asks for it; the marks stay. Toneless text
    (a house style, a published romanization) is left as it is."""
    # Kept by pinyin (a results page shows the same readings again and again) and written with
    # str.join: Markup.format per syllable was a tenth of a results page's rendering.
    runs = tone_runs(pinyin)
    if not any(tone for _, tone in runs):
        return Markup.escape(pinyin)
    return Markup(
        "".join(
            f'<span class="tone{tone}">{escape(text)}</span>' if tone is not None else escape(text)
            for text, tone in runs
        )
    )
