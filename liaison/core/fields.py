"""Model fields for personal data: encrypted at rest, with keyed blind indexes for exact lookups.

An encrypted column supports no lookup but ``isnull``: the ciphertext is randomised, so equality on
it would silently match nothing. Exact search goes through a ``BlindIndexField`` kept beside it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.db.models import Model, QuerySet

from liaison.core import crypto


class EncryptedMixin:
    """Turns a Python value into text, encrypts it on the way in and decrypts on the way out."""

    encrypted = True

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.encrypt(self.to_text(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self.from_text(crypto.decrypt(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def get_internal_type(self) -> str:
        return "TextField"


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Free text or a name, stored encrypted."""

    def to_python(self, value: Any) -> Any:
        return value


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A short value (name, phone, identity number) with a length limit on the plaintext.

    The column is a text column: the ciphertext is longer than ``max_length``.
    """

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)


class EncryptedDateField(EncryptedMixin, models.DateField):
    """A date (e.g. of birth), stored encrypted as ISO text."""

    def to_text(self, value: Any) -> str:
        value = self.to_python(value)
        return value.isoformat()

    def from_text(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)

    def db_type(self, connection: Any) -> str | None:
        return models.TextField().db_type(connection)


class BlindIndexField(models.CharField):
    """A keyed HMAC of another field's value, recomputed whenever the row is saved.

    ``purpose`` separates indexes of different fields so equal values in two fields do not
    produce equal indexes.
    """

    def __init__(self, *args: Any, source: str, purpose: str, **kwargs: Any) -> None:
        self.source = source
        self.purpose = purpose
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def pre_save(self, model_instance: Model, add: bool) -> str:
        value = getattr(model_instance, self.source)
        index = (
            crypto.blind_index(str(value), purpose=self.purpose) if value not in (None, "") else ""
        )
        setattr(model_instance, self.attname, index)
        return index


def blind_lookup(queryset: QuerySet[Any], field_name: str, value: str) -> QuerySet[Any]:
    """Rows whose blind index ``field_name`` matches ``value`` under any configured key."""
    field = queryset.model._meta.get_field(field_name)
    if not isinstance(field, BlindIndexField):
        raise TypeError(f"{field_name} is not a blind index")
    if not value:
        return queryset.none()
    return queryset.filter(
        **{f"{field_name}__in": crypto.blind_indexes(value, purpose=field.purpose)}
    )


def encrypted_fields(model: type[Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]


def blind_index_fields(model: type[Model]) -> list[BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]
