"""Signing API Gateway events with Python's standard library only, so the
demo's webhooks are made independently of the code that verifies them."""

import base64
import copy
import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any, Dict, Optional

EVENTS = Path(__file__).resolve().parent / "events"


def load_event(name: str) -> Dict[str, Any]:
    event: Dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return event


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = secret[len("whsec_"):] if secret.startswith("whsec_") else secret
    raw_key = base64.b64decode(key + "=" * (-len(key) % 4), validate=True)
    mac = hmac.new(raw_key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode("ascii")


def _set_header(event: Dict[str, Any], name: str, value: str) -> None:
    for field in ("headers", "multiValueHeaders"):
        headers = event.get(field)
        if not isinstance(headers, dict):
            continue
        for key in list(headers):
            if key.lower() == name:
                headers[key] = [value] if field == "multiValueHeaders" else value


def signed_event(
    template: Dict[str, Any],
    secret: str,
    body: bytes,
    *,
    timestamp: Optional[int] = None,
    base64_body: bool = False,
    msg_id: str = "msg_2Lb1sBy7CGzvXxqy1ASMoLaNXkt",
) -> Dict[str, Any]:
    """A copy of `template` carrying `body`, signed now (or at `timestamp`)."""
    event = copy.deepcopy(template)
    ts = int(time.time()) if timestamp is None else timestamp
    _set_header(event, "webhook-id", msg_id)
    _set_header(event, "webhook-timestamp", str(ts))
    _set_header(event, "webhook-signature", sign(secret, msg_id, ts, body))
    if base64_body:
        event["body"] = base64.b64encode(body).decode("ascii")
        event["isBase64Encoded"] = True
    else:
        event["body"] = body.decode("utf-8")
        event["isBase64Encoded"] = False
    return event


def tampered(event: Dict[str, Any]) -> Dict[str, Any]:
    """The same event with one byte of the body changed after signing."""
    event = copy.deepcopy(event)
    if event.get("isBase64Encoded"):
        raw = bytearray(base64.b64decode(event["body"]))
        raw[-2] ^= 0x01
        event["body"] = base64.b64encode(bytes(raw)).decode("ascii")
    else:
        text = event["body"]
        event["body"] = text[:-2] + chr(ord(text[-2]) ^ 0x01) + text[-1:]
    return event
