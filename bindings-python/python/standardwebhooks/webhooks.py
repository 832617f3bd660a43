"""``standardwebhooks.webhooks``: the reference package's names, on the Rust core.

Differences from the reference are deliberate fixes (see CONTRACT.md):

* bad input (a malformed signature entry, bad base64, a non-numeric
  timestamp) raises :class:`WebhookVerificationError`, never ``ValueError``
  or ``binascii.Error``;
* ``bytes`` bodies are verified as the bytes received, never decoded first,
  so a binary body cannot raise ``UnicodeDecodeError``;
* an aware ``datetime`` given to :meth:`Webhook.sign` is converted to UTC
  (a naive one is taken as UTC, as before);
* headers may be any mapping or header object, or ``None``, and an empty
  body verifies to ``None`` instead of a JSON error; an authentic body that
  is not JSON raises ``json.JSONDecodeError`` whatever its bytes.

Every exception raised here derives from :class:`WebhookVerificationError`,
which is also the base of the ``stdwebhooks`` error hierarchy; each carries
a ``kind`` attribute naming the contract's error kind.
"""

from __future__ import annotations

import base64  # noqa: F401  (the reference's module namespace, kept for `from ... import`)
import hashlib
import hmac
import json
import time
import typing as t
from datetime import datetime, timedelta, timezone  # noqa: F401
from math import floor  # noqa: F401

from stdwebhooks import _native
from stdwebhooks.errors import EmptyWebhookSecretError, WebhookVerificationError

__all__ = [
    "Webhook",
    "WebhookVerificationError",
    "EmptyWebhookSecretError",
    "hmac_data",
]


def hmac_data(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def _parse_json(data: t.Union[str, bytes, bytearray, memoryview]) -> t.Any:
    """Parses an authentic body as UTF-8 JSON, as the reference does.

    A body that is authentic but not JSON raises ``json.JSONDecodeError``
    (a ``ValueError``), including one that is not UTF-8: the reference
    raised ``UnicodeDecodeError`` there, before it had even verified.
    """
    if isinstance(data, str):
        return json.loads(data)
    try:
        text = str(data, "utf-8")
    except UnicodeDecodeError as err:
        raise json.JSONDecodeError("webhook body is not UTF-8 text", "", err.start) from None
    return json.loads(text)


class Webhook:
    _SECRET_PREFIX: str = "whsec_"

    def __init__(self, whsecret: t.Union[str, bytes]):
        # None, "", "whsec_" and b"" raise EmptyWebhookSecretError (as the
        # reference does); text that is not base64 raises our
        # InvalidSecretError, a WebhookVerificationError.
        self._verifier = _native._dropin_verifier(whsecret)

    def verify(
        self,
        data: t.Union[bytes, str],
        headers: t.Any,
        *,
        json_parse: bool = True,
    ) -> t.Any:
        """
        Verify the given webhook headers against the body bytes (data).

        Args:
            json_parse (bool): Whether to deserialize the data to (default: True)

        Returns:
            After successful verification: if json_parse is True, returns the
            JSON-parsed input data (None for an empty body); if json_parse is
            False, returns None.

        Raises:
            WebhookVerificationError if one of the required headers is missing,
            invalid, too old or too new; or no matching signature is found.
        """
        # The clock is read through time.time() so that tests which freeze
        # time for the reference package (freezegun, time-machine) still work.
        self._verifier.verify(data, headers, now=int(time.time()))
        if not json_parse or len(data) == 0:
            return None
        return _parse_json(data)

    def sign(self, msg_id: str, timestamp: datetime, data: str) -> str:
        return self._verifier.sign(msg_id, timestamp, data)

    def __repr__(self) -> str:
        return "<standardwebhooks.Webhook [REDACTED]>"
