"""stdwebhooks.aws_lambda on every event shape, and the decorator's answers."""

from __future__ import annotations

import base64
import json
import time
from typing import Any, Dict, List

import pytest

import stdwebhooks
from stdwebhooks import aws_lambda, testing
from stdwebhooks.aws_lambda import MalformedEventError, verify_event, webhook_handler

from conftest import SECRET, stdlib_headers, stdlib_sign

BODY = {"type": "user.created", "data": {"id": 7, "name": "Zoë"}}
RAW = json.dumps(BODY, separators=(",", ":")).encode()


def shapes(**kw: Any) -> Dict[str, Dict[str, Any]]:
    return {
        "rest": testing.api_gateway_event(SECRET, BODY, version="1.0", **kw),
        "http": testing.api_gateway_event(SECRET, BODY, version="2.0", **kw),
        "function_url": testing.function_url_event(SECRET, BODY, **kw),
        "alb": testing.alb_event(SECRET, BODY, **kw),
        "alb_multi": testing.alb_event(SECRET, BODY, multi_value=True, **kw),
    }


@pytest.mark.parametrize("b64", [False, True])
@pytest.mark.parametrize("shape", ["rest", "http", "function_url", "alb", "alb_multi"])
def test_verify_event_on_every_shape(shape: str, b64: bool) -> None:
    event = shapes(base64_encoded=b64)[shape]
    assert event["isBase64Encoded"] is b64
    assert verify_event(event, SECRET) == RAW
    tampered = dict(event)
    tampered["body"] = base64.b64encode(RAW + b" ").decode() if b64 else RAW.decode() + " "
    with pytest.raises(stdwebhooks.NoMatchingSignatureError):
        verify_event(tampered, SECRET)


def test_rest_header_names_keep_their_case_and_multi_values_join() -> None:
    event = testing.api_gateway_event(SECRET, BODY, version="1.0")
    assert "Webhook-Signature" in event["headers"]
    sig = event["headers"]["Webhook-Signature"]
    # A sender that put each signature on its own header line.
    event["multiValueHeaders"]["Webhook-Signature"] = ["v1,Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=", sig]
    event["headers"]["Webhook-Signature"] = sig
    assert verify_event(event, SECRET) == RAW
    event["headers"] = None
    assert verify_event(event, SECRET) == RAW  # multiValueHeaders alone suffice


def test_http_api_comma_joined_signature_lines() -> None:
    """Two webhook-signature lines reach a payload 2.0 event joined by a comma."""
    for kind in ("http", "function_url"):
        event = shapes()[kind]
        good = event["headers"]["webhook-signature"]
        other = "v1,Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE="
        for joined in (f"{other},{good}", f"{good},{other}", f"v1a,{'A' * 86},{good}", f"{other} {other},{good}"):
            event["headers"]["webhook-signature"] = joined
            assert verify_event(event, SECRET) == RAW, joined
        event["headers"]["webhook-signature"] = f"{other},{other}"
        with pytest.raises(stdwebhooks.NoMatchingSignatureError):
            verify_event(event, SECRET)
    # REST (1.0) headers keep the last line, never a joined value: left alone.
    rest = shapes()["rest"]
    rest["multiValueHeaders"] = None
    rest["headers"]["Webhook-Signature"] = f"v1,abc,{rest['headers']['Webhook-Signature']}"
    with pytest.raises(stdwebhooks.NoMatchingSignatureError):
        verify_event(rest, SECRET)


def test_null_and_missing_parts() -> None:
    event = testing.api_gateway_event(SECRET, b"", version="1.0")
    assert event["body"] is None
    assert verify_event(event, SECRET) == b""
    http = testing.api_gateway_event(SECRET, b"", version="2.0")
    assert "body" not in http
    assert verify_event(http, SECRET) == b""
    event["headers"] = None
    event["multiValueHeaders"] = None
    with pytest.raises(stdwebhooks.MissingHeaderError):
        verify_event(event, SECRET)


def test_malformed_events() -> None:
    good = testing.api_gateway_event(SECRET, BODY)
    for bad in (
        dict(good, body=123),
        dict(good, body="***", isBase64Encoded=True),
        dict(good, headers="webhook-id: x"),
        dict(good, multiValueHeaders=["x"]),
        dict(good, body="\ud800"),
    ):
        with pytest.raises(MalformedEventError) as err:
            verify_event(bad, SECRET)
        assert err.value.kind == "malformed_event"
        assert isinstance(err.value, stdwebhooks.WebhookVerificationError)
    for not_event in (None, [], "event", 3):
        with pytest.raises(MalformedEventError):
            verify_event(not_event, SECRET)  # type: ignore[arg-type]


def test_secret_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    event = testing.api_gateway_event(SECRET, BODY)
    monkeypatch.delenv("WEBHOOK_SECRET", raising=False)
    with pytest.raises(aws_lambda.ConfigurationError):
        verify_event(event)
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET + "\n")
    assert verify_event(event) == RAW
    other = "whsec_" + base64.b64encode(b"o" * 24).decode()
    monkeypatch.setenv("WEBHOOK_SECRET", f"{other} {SECRET}")  # rotation
    assert verify_event(event) == RAW
    monkeypatch.setenv("MY_SECRET", SECRET)
    assert verify_event(event, env_var="MY_SECRET") == RAW
    assert verify_event(event, stdwebhooks.Verifier(SECRET)) == RAW
    assert verify_event(event, [other, SECRET]) == RAW


def test_decorator_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    seen: List[Any] = []

    @webhook_handler
    def handler(payload: Any, event: Any, context: Any) -> Dict[str, Any]:
        seen.append(payload)
        return {"statusCode": 204}

    now = int(time.time())
    assert handler(testing.api_gateway_event(SECRET, BODY), None) == {"statusCode": 204}
    assert seen == [BODY]
    assert handler(testing.api_gateway_event(SECRET, b""), None)["statusCode"] == 204
    assert seen[-1] is None

    def answer(event: Any) -> Any:
        response = handler(event, None)
        return response["statusCode"], json.loads(response["body"])["error"]

    stale = testing.api_gateway_event(SECRET, BODY, timestamp=now - 3600)
    assert answer(stale) == (401, "timestamp_too_old")
    future = testing.alb_event(SECRET, BODY, timestamp=now + 3600)
    assert answer(future) == (401, "timestamp_too_new")
    assert "statusDescription" in handler(future, None)
    forged = testing.api_gateway_event("whsec_" + base64.b64encode(b"x" * 24).decode(), BODY)
    assert answer(forged) == (401, "no_matching_signature")
    missing = testing.api_gateway_event(SECRET, BODY)
    del missing["headers"]["webhook-signature"]
    assert answer(missing) == (401, "missing_header")
    bad_ts = testing.api_gateway_event(SECRET, BODY, headers={"webhook-timestamp": "soon"})
    assert answer(bad_ts) == (400, "invalid_timestamp")
    assert answer(dict(testing.api_gateway_event(SECRET, BODY), body="!!", isBase64Encoded=True)) == (400, "malformed_event")
    assert answer("not an event") == (400, "malformed_event")
    not_json = testing.api_gateway_event(SECRET, b"\xff\x00 binary")
    assert answer(not_json) == (400, "invalid_json")
    assert len(seen) == 2  # no refused webhook reached the handler


def test_decorator_options_and_operator_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    raw_bodies: List[Any] = []

    @webhook_handler(secret=SECRET, json_parse=False, tolerance=10)
    def raw(payload: Any, event: Any, context: Any) -> str:
        raw_bodies.append(payload)
        return "done"

    binary = bytes(range(256))
    assert raw(testing.api_gateway_event(SECRET, binary), None) == "done"
    assert raw_bodies == [binary]
    assert raw(testing.api_gateway_event(SECRET, binary, timestamp=int(time.time()) - 60), None)["statusCode"] == 401

    monkeypatch.setenv("WEBHOOK_SECRET", "whsec_not*base64")

    @webhook_handler
    def misconfigured(payload: Any, event: Any, context: Any) -> None:
        raise AssertionError("unreachable")

    with pytest.raises(stdwebhooks.InvalidSecretError):
        misconfigured(testing.api_gateway_event(SECRET, BODY), None)
    monkeypatch.delenv("WEBHOOK_SECRET")
    with pytest.raises(aws_lambda.ConfigurationError):
        misconfigured(testing.api_gateway_event(SECRET, BODY), None)


def test_decorator_never_answers_500_to_attacker_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)

    @webhook_handler
    def handler(payload: Any, event: Any, context: Any) -> Dict[str, Any]:
        return {"statusCode": 200}

    base = testing.api_gateway_event(SECRET, BODY, version="1.0")
    junk: List[Any] = [None, 1, "x", b"x", [], {}, {"a": 1}, ["v1,x"], "\x00", "é" * 10_000]
    events: List[Any] = [None, [], "", 0, {}]
    for value in junk:
        for field in ("body", "headers", "multiValueHeaders", "isBase64Encoded"):
            events.append(dict(base, **{field: value}))
        for header in ("Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"):
            e = json.loads(json.dumps(base))
            e["headers"][header] = value
            e["multiValueHeaders"][header] = [value]
            events.append(e)
    for event in events:
        response = handler(event, None)
        assert response["statusCode"] in (200, 400, 401), (event, response)


def test_signed_headers_helper() -> None:
    h = testing.signed_headers(SECRET, b"abc", msg_id="msg_x", timestamp=1_700_000_000)
    assert h == {
        "webhook-id": "msg_x",
        "webhook-timestamp": "1700000000",
        "webhook-signature": stdlib_sign(SECRET, "msg_x", 1_700_000_000, b"abc"),
    }
    from datetime import datetime, timezone

    assert testing.signed_headers(SECRET, "abc", msg_id="msg_x", timestamp=datetime.fromtimestamp(1_700_000_000, tz=timezone.utc)) == h
    fresh = testing.signed_headers(SECRET, {"a": 1})
    stdwebhooks.Verifier(SECRET).verify(b'{"a":1}', fresh)
    assert fresh["webhook-id"].startswith("msg_")
    assert abs(int(fresh["webhook-timestamp"]) - time.time()) < 5
    signing = stdwebhooks.generate_signing_key()
    ed = testing.signed_headers(signing, b"x")
    assert ed["webhook-signature"].startswith("v1a,")
    stdwebhooks.Verifier(signing.public_key()).verify(b"x", ed)  # type: ignore[arg-type]
    assert stdlib_headers  # the independent signer agrees (above)
