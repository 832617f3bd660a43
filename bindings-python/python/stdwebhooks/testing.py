"""Correctly signed webhooks for your own tests, so nobody has to switch
verification off to test a handler.

::

    from stdwebhooks.testing import api_gateway_event, signed_headers

    headers = signed_headers(SECRET, body)                  # for Flask, FastAPI, Django...
    event = api_gateway_event(SECRET, {"type": "ping"})     # for a Lambda handler
    assert handler(event, None)["statusCode"] == 200

Signatures come from the same Rust core that verifies them; give
``timestamp=`` to make a stale webhook, or change the body afterwards to make
a tampered one.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from datetime import datetime
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Union

from . import _native

__all__ = [
    "signed_headers",
    "api_gateway_event",
    "function_url_event",
    "alb_event",
]

KeyInput = Union[str, bytes, _native.Key, Sequence[Union[str, bytes, _native.Key]], _native.Verifier]
Body = Union[bytes, str, Mapping[str, Any], List[Any]]


def _body_bytes(body: Body) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


def signed_headers(
    secret: KeyInput,
    body: Body,
    *,
    msg_id: Optional[str] = None,
    timestamp: Union[int, datetime, None] = None,
) -> Dict[str, str]:
    """``webhook-id``, ``webhook-timestamp`` and ``webhook-signature`` for ``body``.

    ``body`` is the raw bytes, text (sent as UTF-8), or a JSON-able object
    (serialised compactly; send exactly ``json.dumps(body, separators=(",", ":"))``).
    ``timestamp`` defaults to now; ``msg_id`` to a fresh random id.
    """
    verifier = secret if isinstance(secret, _native.Verifier) else _native.Verifier(secret)
    msg_id = msg_id if msg_id is not None else "msg_" + secrets.token_hex(12)
    ts = int(time.time()) if timestamp is None else _native._unix_seconds(timestamp)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": verifier.sign(msg_id, ts, _body_bytes(body)),
    }


def _encode_body(raw: bytes, base64_encoded: Optional[bool]) -> "tuple[str, bool]":
    if base64_encoded is None:
        try:
            return raw.decode("utf-8"), False
        except UnicodeDecodeError:
            return base64.b64encode(raw).decode("ascii"), True
    if base64_encoded:
        return base64.b64encode(raw).decode("ascii"), True
    return raw.decode("utf-8"), False


def _title(name: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


def api_gateway_event(
    secret: KeyInput,
    body: Body,
    *,
    version: Literal["1.0", "2.0"] = "2.0",
    base64_encoded: Optional[bool] = None,
    msg_id: Optional[str] = None,
    timestamp: Union[int, datetime, None] = None,
    headers: Optional[Mapping[str, str]] = None,
    path: str = "/webhook",
) -> Dict[str, Any]:
    """A whole API Gateway proxy event carrying a signed webhook.

    ``version="1.0"`` is a REST API event (header names in title case, as
    clients send them, plus ``multiValueHeaders``); ``"2.0"`` an HTTP API
    event (lower-case names). ``base64_encoded`` defaults to base64 only for
    bodies that are not UTF-8, as API Gateway does for binary media types.
    """
    raw = _body_bytes(body)
    all_headers = {"content-type": "application/json", "user-agent": "stdwebhooks-testing"}
    all_headers.update(signed_headers(secret, raw, msg_id=msg_id, timestamp=timestamp))
    all_headers.update(headers or {})
    text, is_b64 = _encode_body(raw, base64_encoded)
    now_ms = int(time.time() * 1000)
    request_id = secrets.token_hex(16)
    if version == "1.0":
        titled = {_title(k): v for k, v in all_headers.items()}
        return {
            "resource": path,
            "path": path,
            "httpMethod": "POST",
            "headers": titled,
            "multiValueHeaders": {k: [v] for k, v in titled.items()},
            "queryStringParameters": None,
            "multiValueQueryStringParameters": None,
            "pathParameters": None,
            "stageVariables": None,
            "requestContext": {
                "resourcePath": path,
                "httpMethod": "POST",
                "path": "/prod" + path,
                "stage": "prod",
                "protocol": "HTTP/1.1",
                "requestId": request_id,
                "requestTimeEpoch": now_ms,
                "identity": {"sourceIp": "192.0.2.1", "userAgent": all_headers["user-agent"]},
                "accountId": "123456789012",
                "apiId": "1234567890",
            },
            "body": text if raw else None,
            "isBase64Encoded": is_b64 if raw else False,
        }
    event: Dict[str, Any] = {
        "version": "2.0",
        "routeKey": "POST " + path,
        "rawPath": path,
        "rawQueryString": "",
        "headers": {k.lower(): v for k, v in all_headers.items()},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "api-id",
            "domainName": "api-id.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "api-id",
            "http": {
                "method": "POST",
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "192.0.2.1",
                "userAgent": all_headers["user-agent"],
            },
            "requestId": request_id,
            "routeKey": "POST " + path,
            "stage": "$default",
            "timeEpoch": now_ms,
        },
        "isBase64Encoded": is_b64 if raw else False,
    }
    if raw:
        event["body"] = text
    return event


def function_url_event(
    secret: KeyInput,
    body: Body,
    *,
    base64_encoded: Optional[bool] = None,
    msg_id: Optional[str] = None,
    timestamp: Union[int, datetime, None] = None,
    headers: Optional[Mapping[str, str]] = None,
) -> Dict[str, Any]:
    """A Lambda Function URL event (payload 2.0 with ``routeKey`` ``$default``)."""
    event = api_gateway_event(
        secret, body, base64_encoded=base64_encoded, msg_id=msg_id, timestamp=timestamp, headers=headers, path="/"
    )
    event["routeKey"] = "$default"
    event["requestContext"]["routeKey"] = "$default"
    event["requestContext"]["domainName"] = "abcdefghijklmnop.lambda-url.us-east-1.on.aws"
    return event


def alb_event(
    secret: KeyInput,
    body: Body,
    *,
    multi_value: bool = False,
    base64_encoded: Optional[bool] = None,
    msg_id: Optional[str] = None,
    timestamp: Union[int, datetime, None] = None,
    headers: Optional[Mapping[str, str]] = None,
    path: str = "/webhook",
) -> Dict[str, Any]:
    """An Application Load Balancer event; ``multi_value=True`` sends
    ``multiValueHeaders`` instead of ``headers``, as a target group with
    multi-value headers enabled does."""
    raw = _body_bytes(body)
    all_headers = {"content-type": "application/json", "user-agent": "stdwebhooks-testing"}
    all_headers.update(signed_headers(secret, raw, msg_id=msg_id, timestamp=timestamp))
    all_headers.update(headers or {})
    lower = {k.lower(): v for k, v in all_headers.items()}
    text, is_b64 = _encode_body(raw, base64_encoded)
    event: Dict[str, Any] = {
        "requestContext": {
            "elb": {
                "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/webhooks/0123456789abcdef"
            }
        },
        "httpMethod": "POST",
        "path": path,
        "body": text,
        "isBase64Encoded": is_b64,
    }
    if multi_value:
        event["multiValueQueryStringParameters"] = {}
        event["multiValueHeaders"] = {k: [v] for k, v in lower.items()}
    else:
        event["queryStringParameters"] = {}
        event["headers"] = lower
    return event
