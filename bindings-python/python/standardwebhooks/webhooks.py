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
  body verifies to ``None`` instead of a JSON error.

Every exception raised here derives from :class:`WebhookVerificationError`,
which is also the base of the ``stdwebhooks`` error hierarchy; each carries
a ``kind`` attribute naming the contract's error kind.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import typing as t
from datetime import datetime

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
        self._verifier.verify(data, headers)
        if not json_parse or len(data) == 0:
            return None
        return json.loads(bytes(data) if isinstance(data, memoryview) else data)

    def sign(self, msg_id: str, timestamp: datetime, data: str) -> str:
        return self._verifier.sign(msg_id, timestamp, data)

    def __repr__(self) -> str:
        return "<standardwebhooks.Webhook [REDACTED]>"
