"""Checked by `mypy --strict` in `make test` (not collected by pytest): the
stubs and annotations users see must accept real usage and reject misuse."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

import standardwebhooks
import stdwebhooks
from standardwebhooks.exceptions import WebhookVerificationError as ExcError
from standardwebhooks.webhooks import EmptyWebhookSecretError, Webhook, hmac_data
from stdwebhooks import Key, Verifier
from stdwebhooks.aws_lambda import verify_event, webhook_handler
from stdwebhooks.testing import alb_event, api_gateway_event, signed_headers

v: Verifier = Verifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", tolerance=60)
v2 = Verifier(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", b"raw", Key(b"raw")])
headers: Dict[str, str] = signed_headers(v, b"{}")
v.verify(b"{}", headers)
v.verify("{}", headers, now=1_700_000_000)
v.verify(bytearray(b"{}"), None, now=datetime.now(timezone.utc))
v.verify(memoryview(b"{}"), [("webhook-id", "x"), (b"webhook-timestamp", b"1")])
v.verify_values(b"{}", "id", "1", None)
sig: str = v.sign("msg", 1, b"{}")
sig = v.sign(b"msg", datetime.now(), "{}")
tolerance: int = v.tolerance + v.key_count
answer: str = v.endpoint_verification_response("chal")
v.verify_endpoint_verification_response("chal", answer)
k: Optional[Key] = stdwebhooks.generate_signing_key().public_key()
kind: str = Key(stdwebhooks.generate_secret()).kind

try:
    v.verify(b"", {})
except stdwebhooks.MissingHeaderError as err:
    header: Optional[str] = err.header
except stdwebhooks.WebhookVerificationError as err2:
    name: str = err2.kind

wh = Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
parsed: Any = wh.verify(b"{}", headers)
nothing: Any = wh.verify("{}", headers, json_parse=False)
signature: str = wh.sign(msg_id="m", timestamp=datetime.now(), data="x")
digest: bytes = hmac_data(b"k", b"d")
errors: List[type] = [standardwebhooks.WebhookVerificationError, ExcError, EmptyWebhookSecretError]
version: str = standardwebhooks.__version__ + stdwebhooks.__version__

event: Dict[str, Any] = api_gateway_event(v, {"a": 1}, version="1.0", base64_encoded=True)
body: bytes = verify_event(alb_event(v, b"x"), v)


@webhook_handler
def handler(payload: Any, event: Any, context: Any) -> Dict[str, Any]:
    return {"statusCode": 204}


@webhook_handler(env_var="SECRET", json_parse=False)
def raw_handler(payload: Any, event: Any, context: Any) -> None:
    return None


handler(event, None)

# Misuse mypy must reject (each line carries the error code it expects).
v.verify(b"", headers, 5)  # type: ignore[call-arg]
v.sign("m", "yesterday", b"")  # type: ignore[arg-type]
Verifier(3)  # type: ignore[arg-type]
v.tolerance = 5  # type: ignore[misc]
