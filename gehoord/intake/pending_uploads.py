"""Files added to the public form survive a validation error: kept server-side under the form token.

A browser empties a file input when the page comes back with errors. So the
files the attachment policy took are kept here (Django's default storage and a
:class:`~gehoord.intake.models.PendingUpload` row) under the random part of
the form's one-time token; the page lists them with a box to remove each. When
the form is sent they go into the complaint through the one intake pipeline,
as the files of the :class:`~gehoord.intake.pipeline.NewComplaint`, and are
removed here. What is never sent is removed after a day by
:func:`purge_expired` (Celery beat, ``gehoord.intake.schedule``), and by the
privacy erasure of rows without a complaint (``gehoord.intake.personal_data``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gehoord.cases.attachment_policy import CheckedFile
from gehoord.intake.models import PendingUpload
from gehoord.intake.tokens import MAX_AGE_SECONDS

# As long as the form token itself is valid: after that the form asks to be sent again.
KEEP_FOR = dt.timedelta(seconds=MAX_AGE_SECONDS)


def kept(token: str) -> list[PendingUpload]:
    """The files kept under `token`, oldest first."""
    return list(PendingUpload.objects.filter(token=token)) if token else []


def keep(token: str, files: Iterable[CheckedFile]) -> list[PendingUpload]:
    """Store files the attachment policy took, under `token`, with the name they will get as attachments."""
    uploads = []
    for checked in files:
        upload = PendingUpload(
            token=token,
            original_name=checked.name[:255],
            content_type=checked.content_type,
            size=checked.file.size,
        )
        upload.file.save(checked.name, checked.file, save=False)
        try:
            upload.save()
        except BaseException:
            default_storage.delete(upload.file.name)
            raise
        uploads.append(upload)
    return uploads


def remove(uploads: Sequence[PendingUpload]) -> int:
    """Delete `uploads`, rows and stored files (the files once the rows are gone for good)."""
    names = [upload.file.name for upload in uploads if upload.file]
    count = PendingUpload.objects.filter(pk__in=[upload.pk for upload in uploads]).delete()[0]

    def delete_files() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete_files)
    return count


def as_checked_files(uploads: Sequence[PendingUpload]) -> list[CheckedFile]:
    """Kept files as the intake pipeline takes them: already screened, under their stored name and type.

    The caller closes them (:func:`close`) once the pipeline has copied them.
    """
    return [
        CheckedFile(
            file=File(default_storage.open(upload.file.name, "rb"), name=upload.original_name),
            content_type=upload.content_type,
        )
        for upload in uploads
    ]


def close(files: Iterable[CheckedFile]) -> None:
    for checked in files:
        checked.file.close()


def purge_expired(*, now: dt.datetime | None = None, older_than: dt.timedelta = KEEP_FOR) -> int:
    """Remove every kept file older than `older_than` (a day): its form can no longer be sent."""
    cutoff = (now or timezone.now()) - older_than
    return remove(list(PendingUpload.objects.filter(uploaded_at__lt=cutoff)))
