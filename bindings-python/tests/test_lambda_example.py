"""examples/aws_lambda/handler.py (written as providers' docs show, on the
reference API) run on real API Gateway event JSON, REST v1 and HTTP v2,
plain and base64 bodies, signed independently of our code: by the shared
vectors (the events as captured) and by Python's hmac module here."""

from __future__ import annotations

import base64
import copy
import importlib
import json
import sys
import time
from types import ModuleType
from typing import Any, Dict, Iterator

import pytest

from conftest import EXAMPLES, VECTORS, stdlib_sign

VECTOR = next(c for c in VECTORS["verify"] if c["name"] == "interop: published Standard Webhooks value")
SECRET = VECTOR["keys"][0]
EVENTS = ["rest-api-v1.json", "http-api-v2.json"]


@pytest.fixture()
def handlers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dict[str, ModuleType]]:
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    monkeypatch.syspath_prepend(str(EXAMPLES))
    mods = {name: importlib.import_module(name) for name in ("handler", "handler_decorated")}
    yield mods
    for name in mods:
        sys.modules.pop(name, None)


def load(name: str) -> Dict[str, Any]:
    event: Dict[str, Any] = json.loads((EXAMPLES / "events" / name).read_text())
    return event


def set_header(event: Dict[str, Any], name: str, value: str) -> None:
    for field in ("headers", "multiValueHeaders"):
        for key in list(event.get(field) or {}):
            if key.lower() == name:
                event[field][key] = [value] if field == "multiValueHeaders" else value


def signed(template: Dict[str, Any], body: bytes, ts: int, b64: bool, secret: str = SECRET) -> Dict[str, Any]:
    event = copy.deepcopy(template)
    set_header(event, "webhook-id", "msg_test_1")
    set_header(event, "webhook-timestamp", str(ts))
    set_header(event, "webhook-signature", stdlib_sign(secret, "msg_test_1", ts, body))
    event["body"] = base64.b64encode(body).decode() if b64 else body.decode()
    event["isBase64Encoded"] = b64
    return event


def status(handler: ModuleType, event: Dict[str, Any]) -> int:
    return int(handler.lambda_handler(event, None)["statusCode"])


@pytest.mark.parametrize("name", EVENTS)
def test_captured_events_carry_the_vector_signature(name: str, handlers: Dict[str, ModuleType], monkeypatch: pytest.MonkeyPatch) -> None:
    event = load(name)
    headers = {k.lower(): v for k, v in event["headers"].items()}
    assert headers["webhook-signature"] == VECTOR["headers"]["webhook-signature"]
    assert event["body"] == VECTOR["payload"]
    # As captured the webhook is from 2022: stale now.
    assert status(handlers["handler"], event) == 400
    assert status(handlers["handler_decorated"], event) == 401
    # At the vector's own clock it is valid.
    monkeypatch.setattr(time, "time", lambda: float(VECTOR["now"]))
    response = handlers["handler"].lambda_handler(event, None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["payload"] == json.loads(VECTOR["payload"])
    # And base64-encoded, as a REST API with a */* binary media type delivers it.
    b64 = dict(event, body=base64.b64encode(VECTOR["payload"].encode()).decode(), isBase64Encoded=True)
    assert status(handlers["handler"], b64) == 200


@pytest.mark.parametrize("name", EVENTS)
@pytest.mark.parametrize("b64", [False, True], ids=["plain", "base64"])
@pytest.mark.parametrize("which", ["handler", "handler_decorated"])
def test_valid_tampered_stale(name: str, b64: bool, which: str, handlers: Dict[str, ModuleType]) -> None:
    handler = handlers[which]
    refused = 400 if which == "handler" else 401
    body = json.dumps({"type": "invoice.paid", "amount": 4200, "note": "café ☕"}, ensure_ascii=False).encode()
    now = int(time.time())
    event = signed(load(name), body, now, b64)
    response = handler.lambda_handler(event, None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["payload"]["note"] == "café ☕"

    tampered = signed(load(name), body, now, b64)
    tampered_body = body.replace(b"4200", b"4201")
    tampered["body"] = base64.b64encode(tampered_body).decode() if b64 else tampered_body.decode()
    assert status(handler, tampered) == refused

    assert status(handler, signed(load(name), body, now - 301, b64)) == refused
    assert status(handler, signed(load(name), body, now - 290, b64)) == 200
    assert status(handler, signed(load(name), body, now + 400, b64)) == refused
    assert status(handler, signed(load(name), body, now, b64, secret="whsec_" + base64.b64encode(b"k" * 24).decode())) == refused


@pytest.mark.parametrize("which", ["handler", "handler_decorated"])
def test_awkward_event_shapes_are_refused_not_crashed(which: str, handlers: Dict[str, ModuleType]) -> None:
    handler = handlers[which]
    rest = signed(load("rest-api-v1.json"), b"{}", int(time.time()), False)
    rest["headers"] = None
    rest["multiValueHeaders"] = None
    assert status(handler, rest) in (400, 401)
    http = signed(load("http-api-v2.json"), b"{}", int(time.time()), False)
    del http["body"]
    assert status(handler, http) in (400, 401)
    http = signed(load("http-api-v2.json"), b"{}", int(time.time()), True)
    http["body"] = "%%% not base64 %%%"
    assert status(handler, http) in (400, 401)


def test_binary_body_through_the_docs_style_handler(handlers: Dict[str, ModuleType]) -> None:
    """A binary body verifies as bytes (the reference would raise
    UnicodeDecodeError); the handler then fails to parse it as JSON."""
    body = bytes(range(256))
    event = signed(load("http-api-v2.json"), body, int(time.time()), True)
    wh = handlers["handler"].Webhook(SECRET)
    assert wh.verify(base64.b64decode(event["body"]), event["headers"], json_parse=False) is None
    assert status(handlers["handler"], event) == 400  # json_parse=True on a binary body
