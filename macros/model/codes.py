"""Every problem code, declared once: its stable name, its severity and what it means.

A :class:`~macros.model.problems.Problem` carries one :class:`Code`. The code's value is the
name programs see (``--format json``, the title of a workflow annotation); the reference
page of the handbook lists the codes from this declaration, in its order.
"""

from __future__ import annotations

from enum import StrEnum, unique
from typing import Literal, Self

Severity = Literal["error", "warning"]


@unique
class Code(StrEnum):
    """A short stable name of a rule the data can break, e.g. ``unknown-reference``.

    Attributes:
        severity: ``error`` or ``warning`` when every problem of the code has it; None when
            it depends on the case (the meaning says which).
        meaning: What the code means, in one sentence.
    """

    _value_: str
    severity: Severity | None
    meaning: str

    def __new__(cls, value: str, severity: Severity | None, meaning: str) -> Self:
        """Create a member from its value, severity and meaning."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.meaning = meaning
        return member

    @property
    def schema_matter(self) -> bool:
        """Whether a data file's JSON Schema finds this problem too, not only the checker.

        These are the problems of one value against its field's declaration (an unknown
        field, a wrong type, a value outside a set, a missing field); the published schemas
        (:mod:`macros.contract.json_schema`) flag them in an editor while a file is typed.
        """
        return self in SCHEMA_MATTERS

    @classmethod
    def named(cls, value: str) -> Code:
        """Return the code whose name programs see is ``value``.

        Raises:
            ValueError: When no code has that name.
        """
        for code in cls:
            if code.value == value:
                return code
        raise ValueError(f"{value!r} is not a problem code")

    # Reading files
    FILE_MISSING = (
        "file-missing",
        "error",
        "A data file or the data directory is missing, on disk or at a git revision.",
    )
    NOT_A_FILE = (
        "not-a-file",
        "error",
        "A data file is a symbolic link, a directory or a special file, not a regular file.",
    )
    NOT_A_DIRECTORY = (
        "not-a-directory",
        "error",
        "The data directory is a symbolic link or a file, not a directory.",
    )
    FILE_UNREADABLE = (
        "file-unreadable",
        "error",
        "A data file or the data directory cannot be read, e.g. for its permissions.",
    )
    FILE_TOO_LARGE = (
        "file-too-large",
        "error",
        "A data file is over the size limit, or holds too many values, lists and mappings.",
    )
    NOT_UTF8 = ("not-utf8", "error", "A data file is not valid UTF-8 text.")
    EMPTY = ("empty", "error", "A data file holds nothing, or a field has no value.")
    UNKNOWN_FILE = (
        "unknown-file",
        None,
        (
            "The data directory holds something the playbook does not read: an error for a "
            "YAML file or a data file's name written otherwise, a warning for anything else."
        ),
    )
    # YAML
    YAML_SYNTAX = ("yaml-syntax", "error", "A data file is not valid YAML.")
    YAML_DOCUMENTS = (
        "yaml-documents",
        "error",
        "A data file holds more than one YAML document (a second `---`).",
    )
    YAML_ALIAS = (
        "yaml-alias",
        "error",
        "A data file uses a YAML anchor (`&`) or alias (`*`); values are written out in full.",
    )
    YAML_TAG = (
        "yaml-tag",
        "error",
        (
            "A value carries a YAML tag other than those of plain text, numbers, lists and "
            "mappings (e.g. `!!python/object`)."
        ),
    )
    YAML_DEPTH = (
        "yaml-depth",
        "error",
        "Lists and mappings are nested far deeper than any playbook entry needs.",
    )
    CONTROL_CHARACTER = (
        "control-character",
        "error",
        (
            "A text holds a control character other than tab and line feed, or a Unicode line "
            "or paragraph separator."
        ),
    )
    NOT_A_CHARACTER = (
        "not-a-character",
        "error",
        "A text holds a lone surrogate, which is not a character and cannot be written as UTF-8.",
    )
    # Files, sections and fields
    VERSION = (
        "version",
        "error",
        "A data file declares a `version` other than the one the playbook reads.",
    )
    MISSING_VERSION = ("missing-version", "error", "A data file does not declare its `version`.")
    MISSING_SECTION = ("missing-section", "error", "A data file lacks one of its sections.")
    KEY = ("key", "error", "A mapping key is not a plain word (a list, a mapping or nothing).")
    DUPLICATE_KEY = (
        "duplicate-key",
        "error",
        "A mapping holds one key twice; YAML would silently keep only the last one.",
    )
    UNKNOWN_KEY = (
        "unknown-key",
        "error",
        (
            "A file, an entry or a nested mapping holds a key that is not one of its sections "
            "or fields."
        ),
    )
    MISSING_FIELD = (
        "missing-field",
        "error",
        "An entry or a nested mapping lacks a required field.",
    )
    ONE_OF = (
        "one-of",
        "error",
        (
            "A mapping gives none, or more than one, of fields of which exactly one is needed "
            "(an SLA target's `at_most` and `at_least`)."
        ),
    )
    WRONG_TYPE = (
        "wrong-type",
        "error",
        (
            "A value is not of its field's type: e.g. a list for a text, a fraction for a whole "
            "number, a date not written YYYY-MM-DD."
        ),
    )
    TAG = (
        "tag",
        "error",
        "A text field holds a value tagged as another YAML type (e.g. `!!int`).",
    )
    TOO_LONG = ("too-long", "error", "A text is over the length limit of its field.")
    CHOICE = ("choice", "error", "A field holds a word that is not one of its allowed values.")
    ID_FORMAT = (
        "id-format",
        "error",
        "An id is not lowercase letters, digits and single hyphens, or is too long.",
    )
    ABBREVIATION_SHAPE = (
        "abbreviation-shape",
        "error",
        "An abbreviation is not one word of letters and digits with a capital letter or a digit.",
    )
    NUMBER_TOO_LARGE = (
        "number-too-large",
        "error",
        "A number is larger than any handbook figure may be, or written with too many characters.",
    )
    RANGE = (
        "range",
        "error",
        "A number is outside its field's bounds, e.g. an SLA target over 100 percent.",
    )
    TOO_FEW_ITEMS = ("too-few-items", "error", "A list has fewer items than its field needs.")
    DUPLICATE_ITEM = ("duplicate-item", "error", "A list of ids names one id twice.")
    BIDI_CONTROL = (
        "bidi-control",
        "error",
        "A text holds a bidirectional control, which reorders how the text around it shows.",
    )
    INVISIBLE_CHARACTER = (
        "invisible-character",
        "error",
        "A name, term, title, tag or id holds a character that shows as nothing.",
    )
    MIXED_SCRIPT = (
        "mixed-script",
        "warning",
        (
            "A word of a name, term, title, tag or id mixes scripts, e.g. a Cyrillic letter in "
            "a Latin word."
        ),
    )
    # Ids and references
    DUPLICATE_ID = (
        "duplicate-id",
        "error",
        "Two entries of one kind, or of the role charter's three kinds, have the same id.",
    )
    RENAMED_FROM = (
        "renamed-from",
        "error",
        "A former id in `renamed_from` is still the id of an entry, or two entries claim it.",
    )
    RESERVED_ID = (
        "reserved-id",
        "error",
        "An id or former id is one of the anchors the handbook makes itself.",
    )
    UNKNOWN_REFERENCE = (
        "unknown-reference",
        "error",
        "A field names an id that no entry of the kinds it may name has.",
    )
    AMBIGUOUS_REFERENCE = (
        "ambiguous-reference",
        "error",
        "A field names an id that entries of two kinds have.",
    )
    # Rules between entries
    TERM_COLLISION = (
        "term-collision",
        None,
        (
            "Two terms claim one name, abbreviation or synonym (an error), or one term repeats "
            "one (a warning)."
        ),
    )
    AVOID_COLLISION = (
        "avoid-collision",
        "error",
        "A word a term says to avoid is a name, abbreviation or synonym of a term.",
    )
    CYCLE = ("cycle", "error", "Roles' `reports_to` or KPIs' `inputs` go round in a cycle.")
    RACI_LETTERS = (
        "raci-letters",
        "error",
        "A role holds two letters of one RACI activity (only A may also be R).",
    )
    MEASURE_FIELDS = (
        "measure-fields",
        "error",
        "A KPI's measure lacks a field its type needs, or gives one its type does not use.",
    )
    MEASURE_ORDER = (
        "measure-order",
        "error",
        "A conversion does not run forward through the funnel, or a ratio divides a KPI by itself.",
    )
    MEASURE_UNIT = (
        "measure-unit",
        "error",
        "A KPI's unit does not fit its measure (a count in percent, a duration in USD).",
    )
    FUNNEL_MISMATCH = (
        "funnel-mismatch",
        "warning",
        (
            "A stated target contradicts what the funnel's count and conversion targets "
            "imply, by more than the funnel tolerance."
        ),
    )
    ACTUALS_HEADER = (
        "actuals-header",
        "error",
        "An actuals file does not start with the documented header `period,kpi,value`.",
    )
    ACTUALS_ROW = (
        "actuals-row",
        "error",
        "A row of an actuals file has the wrong number of fields or a broken quote.",
    )
    ACTUALS_VALUE = (
        "actuals-value",
        "error",
        (
            "An actual is not a number, or does not fit its KPI's unit (a negative count, a "
            "percent above 100)."
        ),
    )
    ACTUALS_PERIOD = (
        "actuals-period",
        "error",
        "An actual's period is not written as one of its KPI's period (2026-11 for a month).",
    )
    ACTUALS_FUTURE = (
        "actuals-future",
        "error",
        "An actual's period starts after the commit the playbook is read at.",
    )
    ACTUALS_DUPLICATE = (
        "actuals-duplicate",
        "error",
        "Two rows give the same KPI and period; the check names both lines.",
    )
    SLA_PARTIES = ("sla-parties", "error", "An SLA's provider and consumer are the same.")
    ESCALATION_ORDER = (
        "escalation-order",
        "error",
        "An SLA's escalation steps are not in order of time.",
    )
    DEPRECATED = (
        "deprecated",
        "error",
        (
            "A deprecation without `replaced_by`, a `replaced_by` on an entry that is not "
            "deprecated, or one naming the entry itself or a deprecated entry."
        ),
    )
    FORMER_ID = ("former-id", "warning", "A field names an entry by one of its former ids.")
    DEPRECATED_REFERENCE = (
        "deprecated-reference",
        "warning",
        "A current entry refers to a deprecated one.",
    )
    DRAFT_REFERENCE = (
        "draft-reference",
        "warning",
        "An approved entry refers to a draft one.",
    )
    TIME_ZONE = (
        "time-zone",
        "error",
        "A meeting's schedule names a time zone that is not an IANA time zone (Europe/Berlin).",
    )
    # Links in data text
    UNSAFE_LINK = (
        "unsafe-link",
        "error",
        "A link target would run code in the reader's browser (`javascript:`, `data:`, …).",
    )
    LINK_TARGET = (
        "link-target",
        "warning",
        "A link target the site does not keep; only the link's label shows.",
    )
    IMAGE = ("image", "warning", "An image in data text, which the site shows as a link.")
    # What nothing uses
    UNUSED = (
        "unused",
        "warning",
        (
            "A team without roles, a role that owns nothing, a KPI no meeting reviews or a "
            "stage no KPI measures."
        ),
    )
    OWNER_ABSENT = (
        "owner-absent",
        "warning",
        "A meeting's owner is not among its attendees.",
    )
    # Changes and owners
    REMOVED_ID = (
        "removed-id",
        "error",
        "With `--base`, an id or former id that resolved at the base revision resolves no more.",
    )
    CODEOWNERS = (
        "codeowners",
        "error",
        "`.github/CODEOWNERS` is missing or out of date with the data.",
    )
    SETTING = (
        "setting",
        "error",
        "A setting under `extra.playbook` in `mkdocs.yml` is unknown or holds a wrong value.",
    )
    GITHUB_TEAM = (
        "github-team",
        None,
        (
            "A `github_team` that is not a GitHub team or user, or none at all for "
            "`playbook codeowners` (errors), or a team without one (a warning)."
        ),
    )


SCHEMA_MATTERS: frozenset[Code] = frozenset(
    {
        Code.EMPTY,
        Code.VERSION,
        Code.MISSING_VERSION,
        Code.MISSING_SECTION,
        Code.UNKNOWN_KEY,
        Code.MISSING_FIELD,
        Code.ONE_OF,
        Code.WRONG_TYPE,
        Code.CHOICE,
        Code.ID_FORMAT,
        Code.ABBREVIATION_SHAPE,
        Code.RANGE,
        Code.TOO_FEW_ITEMS,
        Code.DUPLICATE_ITEM,
    }
)
"""The codes a data file's JSON Schema finds as well: see :attr:`Code.schema_matter`."""
