"""The exceptions stdwebhooks raises.

One base class, :class:`WebhookVerificationError` (the same class the drop-in
``standardwebhooks`` package exposes), and one subclass per error kind of the
contract, each with a ``kind`` attribute holding the kind's name. A single
``except WebhookVerificationError`` therefore catches every refusal, from the
native API and from the drop-in alike.

The classes are plain Python so that they pickle like any exception and work
with the abi3 wheel on every Python version; the compiled module raises them.
"""

from __future__ import annotations

from typing import ClassVar, Dict, Optional, Type

__all__ = [
    "WebhookVerificationError",
    "MissingHeaderError",
    "InvalidTimestampError",
    "TimestampTooOldError",
    "TimestampTooNewError",
    "NoMatchingSignatureError",
    "EmptySecretError",
    "InvalidSecretError",
    "InternalError",
    "EmptyWebhookSecretError",
    "ERRORS_BY_KIND",
]


class WebhookVerificationError(Exception):
    """A webhook was refused, or a key could not be used.

    ``kind`` names what went wrong; it is one of the contract's kinds on
    every instance the library raises.
    """

    kind: ClassVar[str] = "unknown"


class EmptyWebhookSecretError(Exception):
    """The reference package's error for an empty secret, kept for drop-in users.

    :class:`EmptySecretError` derives from it, so ``except
    EmptyWebhookSecretError`` written for the reference still works.
    """


class MissingHeaderError(WebhookVerificationError):
    """``webhook-id``, ``webhook-timestamp`` or ``webhook-signature`` is absent or empty.

    ``header`` names the first one missing, when known.
    """

    kind: ClassVar[str] = "missing_header"

    def __init__(self, message: str, header: Optional[str] = None) -> None:
        super().__init__(message)
        self.header = header


class InvalidTimestampError(WebhookVerificationError):
    """``webhook-timestamp`` is not 1 to 19 ASCII digits below 2**63."""

    kind: ClassVar[str] = "invalid_timestamp"


class TimestampTooOldError(WebhookVerificationError):
    """The timestamp is further in the past than the tolerance allows."""

    kind: ClassVar[str] = "timestamp_too_old"


class TimestampTooNewError(WebhookVerificationError):
    """The timestamp is further in the future than the tolerance allows."""

    kind: ClassVar[str] = "timestamp_too_new"


class NoMatchingSignatureError(WebhookVerificationError):
    """No signature entry verifies under any key."""

    kind: ClassVar[str] = "no_matching_signature"


class EmptySecretError(WebhookVerificationError, EmptyWebhookSecretError):
    """The key text or bytes are empty (or no key was given)."""

    kind: ClassVar[str] = "empty_secret"


class InvalidSecretError(WebhookVerificationError):
    """The key is not valid base64 of the right length, or cannot do what was asked."""

    kind: ClassVar[str] = "invalid_secret"


class InternalError(WebhookVerificationError):
    """A bug inside stdwebhooks. The webhook was not verified (it fails closed)."""

    kind: ClassVar[str] = "internal"


ERRORS_BY_KIND: Dict[str, Type[WebhookVerificationError]] = {
    cls.kind: cls
    for cls in (
        MissingHeaderError,
        InvalidTimestampError,
        TimestampTooOldError,
        TimestampTooNewError,
        NoMatchingSignatureError,
        EmptySecretError,
        InvalidSecretError,
        InternalError,
    )
}
