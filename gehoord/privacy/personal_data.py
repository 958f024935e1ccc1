"""The models that hold no complainant's personal data although they have fields named like it.

The apps that hold a complainant's data register how to export and erase them
(:mod:`gehoord.core.personal_data`); the apps below hold none, and have no
registration module of their own, so their models are declared here, one by
one, with the reason. A new model in one of these apps with a personal-data
field is not covered by this and fails ``privacy/tests/test_registry.py``
until it is registered or declared.
"""

from __future__ import annotations

from gehoord.core.personal_data import declare_no_complainant_data

NO_COMPLAINANT_DATA = {
    "accounts.User": "employees' accounts, kept and removed by the functional admin",
    "organisation.Municipality": "the municipality's and the ombudsman's own contact details",
    "organisation.Department": "a department's name and shared e-mail address",
    "organisation.ForwardingDestination": "an organisation a complaint can be forwarded to",
    "clock.EquatedDay": "a public holiday's name",
    "clock.ClosingDay": "a closing day's name",
    "webhooks.WebhookEndpoint": "the name of a connected system (no personal data travels, README)",
    "audit.AuditEntry": (
        "the audit trail stays complete for oversight; gehoord.audit.retention removes an entry once "
        "its file's personal data are erased and AUDIT_RETENTION_YEARS have passed"
    ),
}


def register() -> None:
    for label, reason in NO_COMPLAINANT_DATA.items():
        declare_no_complainant_data(label, reason)
