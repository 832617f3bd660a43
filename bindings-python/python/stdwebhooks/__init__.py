"""Standard Webhooks verification and signing on a Rust core.

>>> from stdwebhooks import Verifier
>>> verifier = Verifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
>>> verifier.verify(body, request.headers)   # raises WebhookVerificationError

The drop-in for code written against the ``standardwebhooks`` package is the
``standardwebhooks`` module shipped in this same wheel.
"""

from __future__ import annotations

import os

from ._native import DEFAULT_TOLERANCE, MAX_SIGNATURE_LEN, Key, Verifier, __version__
from .errors import (
    ERRORS_BY_KIND,
    EmptySecretError,
    InternalError,
    InvalidSecretError,
    InvalidTimestampError,
    MissingHeaderError,
    NoMatchingSignatureError,
    TimestampTooNewError,
    TimestampTooOldError,
    WebhookVerificationError,
)

__all__ = [
    "Verifier",
    "Key",
    "generate_secret",
    "generate_signing_key",
    "DEFAULT_TOLERANCE",
    "MAX_SIGNATURE_LEN",
    "WebhookVerificationError",
    "MissingHeaderError",
    "InvalidTimestampError",
    "TimestampTooOldError",
    "TimestampTooNewError",
    "NoMatchingSignatureError",
    "EmptySecretError",
    "InvalidSecretError",
    "InternalError",
    "ERRORS_BY_KIND",
    "__version__",
]


def generate_secret() -> str:
    """A new random HMAC secret as ``whsec_`` text (24 random bytes)."""
    return Key(os.urandom(24)).expose_text()


def generate_signing_key() -> Key:
    """A new random ed25519 signing key; ``.expose_text()`` gives its ``whsk_``
    text and ``.public_key().expose_text()`` the ``whpk_`` text to publish."""
    return Key.ed25519_from_seed(os.urandom(32))
