"""Append-only models: rows that are written once and never changed or deleted through the ORM.

The complaint timeline and the audit trail both are. A model inherits
:class:`AppendOnlyModel` and names its refusal in ``append_only_message``;
on PostgreSQL a trigger (in the model's app's migrations) refuses changes in
the database as well.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(self.model.append_only_message)

    def delete(self):
        raise TypeError(self.model.append_only_message)

    # bulk_update is implemented with update(); named here so the intent is plain.
    def bulk_update(self, objs, fields, batch_size=None):
        raise TypeError(self.model.append_only_message)


class AppendOnlyModel(models.Model):
    append_only_message: ClassVar[str] = "Append-only: rows cannot be changed or deleted."

    # A model's Meta also sets base_manager_name = "objects", so related managers and
    # internal lookups refuse changes too.
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise TypeError(self.append_only_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(self.append_only_message)
