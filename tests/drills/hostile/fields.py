"""The fields of a form as the drill sees them, read from the Flask-WTF class itself.

Reading the class (not a hand-written list) means a field added to a form is drilled at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from flask_wtf.file import FileField
from hypothesis.strategies import SearchStrategy
from wtforms import (
    BooleanField,
    DateField,
    DateTimeField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
)
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp

Kind = Literal["text", "email", "int", "date", "datetime", "choice", "multi", "bool", "file"]


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart body."""

    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"


@dataclass(frozen=True)
class Field:
    """One request field: its kind and what the form accepts (so some examples get through)."""

    name: str
    kind: Kind
    required: bool = False
    max_len: int = 200
    low: int = 0
    high: int = 1000
    pattern: str | None = None
    #: Values the form offers (select choices, ids of this world's objects)
    choices: tuple[str, ...] = ()
    #: Values that exist but belong elsewhere (another event's session, a foreign candidate)
    foreign: tuple[str, ...] = ()
    #: What a good file upload looks like
    sample: Upload | None = None
    #: A strategy for accepted values when the generic one would never pass (e.g. day lines)
    good: SearchStrategy[list[object]] | None = field(default=None, compare=False)


def _kind(field_class: type) -> Kind:
    order: list[tuple[type, Kind]] = [
        (FileField, "file"),
        (BooleanField, "bool"),
        (SelectMultipleField, "multi"),
        (RadioField, "choice"),
        (SelectField, "choice"),
        (IntegerField, "int"),
        (DateTimeLocalField, "datetime"),
        (DateField, "date"),  # a subclass of DateTimeField
        (DateTimeField, "datetime"),
        (EmailField, "email"),
    ]
    return next((kind for cls, kind in order if issubclass(field_class, cls)), "text")


def _validators(unbound: UnboundField) -> list[object]:
    found = unbound.kwargs.get("validators")
    if found is None and len(unbound.args) > 1:
        found = unbound.args[1]
    return list(found or [])


def _static_choices(unbound: UnboundField) -> tuple[str, ...]:
    choices = unbound.kwargs.get("choices") or ()
    if callable(choices):
        return ()
    values = []
    for choice in choices:
        value = getattr(choice, "value", None)
        if value is None and isinstance(choice, tuple):
            value = choice[0]
        values.append(str(value if value is not None else choice))
    return tuple(values)


def describe(name: str, unbound: UnboundField) -> Field:
    """A Field from one unbound WTForms field."""
    kind = _kind(unbound.field_class)
    spec = Field(name=name, kind=kind, choices=_static_choices(unbound))
    for validator in _validators(unbound):
        if isinstance(validator, (DataRequired, InputRequired)):
            spec = replace(spec, required=True)
        elif isinstance(validator, Length) and validator.max and validator.max > 0:
            spec = replace(spec, max_len=validator.max)
        elif isinstance(validator, NumberRange):
            low = validator.min if validator.min is not None else spec.low
            high = validator.max if validator.max is not None else spec.high
            spec = replace(spec, low=int(low), high=int(high))
        elif isinstance(validator, Regexp):
            spec = replace(spec, pattern=validator.regex.pattern)
    return spec


def form_fields(
    form_class: type,
    prefix: str = "",
    *,
    choices: Mapping[str, Iterable[object]] | None = None,
    foreign: Mapping[str, Iterable[object]] | None = None,
    samples: Mapping[str, Upload] | None = None,
    good: Mapping[str, SearchStrategy[list[object]]] | None = None,
) -> list[Field]:
    """Every field of ``form_class`` (in declaration order) under its request name.

    ``choices`` and ``foreign`` give values per field name that the world decides (e.g. the
    categories offered, another event's session ids); ``samples`` a good upload per file field;
    ``good`` a strategy of accepted values where the generic one would never pass.
    """
    unbound = [
        (name, value)
        for name in dir(form_class)
        if isinstance(value := getattr(form_class, name, None), UnboundField)
    ]
    unbound.sort(key=lambda item: item[1].creation_counter)
    result = []
    for name, value in unbound:
        spec = describe(f"{prefix}-{name}" if prefix else name, value)
        if choices and name in choices:
            spec = replace(spec, choices=tuple(str(c) for c in choices[name]))
        if foreign and name in foreign:
            spec = replace(spec, foreign=tuple(str(c) for c in foreign[name]))
        if samples and name in samples:
            spec = replace(spec, sample=samples[name])
        if good and name in good:
            spec = replace(spec, good=good[name])
        result.append(spec)
    return result


def raw(name: str, kind: Kind, choices: Sequence[object] = (), **options: object) -> Field:
    """A field the view reads from ``request.form`` itself (no form class declares it)."""
    return Field(name=name, kind=kind, choices=tuple(str(c) for c in choices), **options)  # type: ignore[arg-type]
