"""Web forms (Flask-WTF): CSRF-protected, labels built at import time with _l."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length

from glossary.exchange import formats
from glossary.model import KINDS, STATUSES
from glossary.web.display import KIND_LABELS, STATUS_LABELS


class LoginForm(FlaskForm):
    """Name and password; next is where to go afterwards."""

    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=50)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    next = HiddenField()


# The entry form. Its fields have no validators: validate.check_entry decides (the server is
# authoritative), and the view places each of its messages beside the field it names.
MAX_DRAFTS = 300  # drafts from one article, at most
MAX_ROWS = 51  # one more than check_entry allows, so that too many rows get its message


class SourceForm(Form):
    """One source: the sentence the entry was found in, and where it was published."""

    quote = TextAreaField(_l("Quotation"))
    quote_zh = TextAreaField(_l("Quotation in Chinese"))
    title = StringField(_l("Title"))
    publisher = StringField(_l("Publisher"))
    url = StringField(_l("Address (URL)"))
    published = StringField(_l("Published"))
    accessed = StringField(_l("Accessed"))


class AffiliationForm(Form):
    """A person's role at an organization (an entry, chosen by typing), as of a date."""

    organization = StringField(_l("Organization"))
    organization_id = HiddenField()
    role = StringField(_lp("affiliation", "Role"))  # a post (职务), not an account's role (角色)
    as_of = StringField(_l("As of"))
    source = SelectField(_l("Source"), choices=[SelectChoice("", "—")], validate_choice=False)


class RelatedForm(Form):
    """A related entry (see also), chosen by typing."""

    entry = StringField(_l("Entry"))
    entry_id = HiddenField()


class NameFields(Form):
    """How an entry is written: its kind, English, aliases, both scripts, pinyin and published
    romanization; the entry form and each of an article's drafts have them."""

    kind = SelectField(_l("Kind"), validate_choice=False)
    english = StringField(_l("English"))
    aliases = TextAreaField(_l("Aliases and other forms"))
    simplified = StringField(_l("Simplified characters"))
    traditional = StringField(_l("Traditional characters"))
    pinyin = StringField(_l("Pinyin"))
    romanization = StringField(_l("Published romanization"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice(kind, KIND_LABELS[kind][0]) for kind in KINDS]


class EntryForm(FlaskForm, NameFields):
    """Every field of an entry, with its sources, affiliations and related entries."""

    romanization_system = StringField(_l("Romanization system"))
    description = TextAreaField(_l("Description"))
    notes = TextAreaField(_l("Notes for translators"))
    tags = StringField(_l("Tags"))
    status = SelectField(_l("Status"), validate_choice=False)
    sources = FieldList(FormField(SourceForm), _l("Sources"), min_entries=1, max_entries=MAX_ROWS)
    affiliations = FieldList(FormField(AffiliationForm), _l("Affiliations"), max_entries=MAX_ROWS)
    related = FieldList(FormField(RelatedForm), _l("See also"), max_entries=MAX_ROWS)
    comment = StringField(_l("Comment"))
    revision = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice(s, STATUS_LABELS[s]) for s in STATUSES]
        self.group_errors: dict[str, list[str]] = {}


class ImportForm(FlaskForm):
    """A file to import, its format, and what to do with duplicates of existing entries."""

    file = FileField(_l("File"), validators=[FileRequired(_l("Choose a file to import."))])
    format = SelectField(_l("Format"), default="")
    on_duplicate = SelectField(
        _l("An entry with the same characters and kind exists"),
        default="skip",
        choices=[
            SelectChoice("skip", _l("Leave it as it is (skip)")),
            SelectChoice("merge", _l("Add the new aliases, sources and tags to it (merge)")),
            SelectChoice("replace", _l("Replace its fields (replace)")),
        ],
    )
    skip_invalid = BooleanField(
        _l("Import the valid records and leave out the invalid ones"), default=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.format.choices = [SelectChoice("", _l("From the file name"))] + [
            SelectChoice(f.name, _l(f.choice)) for f in formats.every()
        ]


class ConfirmImportForm(FlaskForm):
    """Apply an import whose dry run an editor has read; upload names the kept file."""

    upload = HiddenField(validators=[InputRequired()])


class ArticleForm(FlaskForm):
    """An article to read: pasted, or uploaded as a file."""

    text = TextAreaField(_l("Article"))
    file = FileField(_l("Or upload a file (.txt, .md or .html)"))


class DraftForm(NameFields):
    """One draft entry from an article, as the editor corrected it."""

    selected = BooleanField(_l("Create"))
    action = SelectField(_l("Action"), validate_choice=False)
    affiliation = StringField(_l("Affiliation"))
    quote = TextAreaField(_l("Quotation"))
    organization_id = HiddenField()
    existing_entry_id = HiddenField()
    # What the article said of the draft, for checking it again when the form comes back.
    romanized = HiddenField()  # "1": the English spells the characters (a name)
    written_pinyin = HiddenField()  # the pinyin the article wrote beside the characters


class DraftsForm(FlaskForm):
    """The drafts an editor ticks to create together, and their shared source."""

    title = StringField(_l("Title"))
    publisher = StringField(_l("Publisher"))
    url = StringField(_l("Address (URL)"))
    published = StringField(_l("Published"))
    drafts = FieldList(FormField(DraftForm), max_entries=MAX_DRAFTS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in self.drafts:
            row.action.choices = [
                SelectChoice("new", _l("New entry")),
                SelectChoice("source", _l("Add as a source of the existing entry")),
                SelectChoice("alias", _l("Add as a source and alias of the existing entry")),
            ]
