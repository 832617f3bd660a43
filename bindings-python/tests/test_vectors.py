"""Every case of every list in the shared vector file, through the native API
and through the drop-in."""

from __future__ import annotations

import json
import time
from typing import Any, Dict

import pytest

import standardwebhooks
import stdwebhooks
from standardwebhooks.webhooks import Webhook
from stdwebhooks import _native

from conftest import VECTORS, ids, payload_of

REFERENCE_MESSAGES = {
    "missing_header": "Missing required headers",
    "invalid_timestamp": "Invalid Signature Headers",
    "timestamp_too_old": "Message timestamp too old",
    "timestamp_too_new": "Message timestamp too new",
    "no_matching_signature": "No matching signature found",
}


def test_vector_file_is_complete() -> None:
    assert set(VECTORS["error_kinds"]) == {
        "missing_header",
        "invalid_timestamp",
        "timestamp_too_old",
        "timestamp_too_new",
        "no_matching_signature",
        "empty_secret",
        "invalid_secret",
    }
    assert set(VECTORS["error_kinds"]) <= set(stdwebhooks.ERRORS_BY_KIND)


@pytest.mark.parametrize("case", VECTORS["verify"], ids=ids(VECTORS["verify"]))
def test_verify_native(case: Dict[str, Any]) -> None:
    verifier = stdwebhooks.Verifier(case["keys"], tolerance=case.get("tolerance", 300))
    payload = payload_of(case)
    try:
        verifier.verify(payload, case["headers"], now=case["now"])
        outcome = "ok"
    except stdwebhooks.WebhookVerificationError as err:
        outcome = err.kind
        assert type(err) is stdwebhooks.ERRORS_BY_KIND[err.kind]
    assert outcome == case["expect"]

    # The three-value variant agrees with the mapping form.
    lower = {k.lower(): v for k, v in case["headers"].items()}
    try:
        verifier.verify_values(
            payload,
            lower.get("webhook-id"),
            lower.get("webhook-timestamp"),
            lower.get("webhook-signature"),
            now=case["now"],
        )
        outcome = "ok"
    except stdwebhooks.WebhookVerificationError as err:
        outcome = err.kind
    assert outcome == case["expect"]

    # The same bytes as bytearray, memoryview and (when UTF-8) str.
    variants: list[Any] = [bytearray(payload), memoryview(payload)]
    try:
        variants.append(payload.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for variant in variants:
        try:
            verifier.verify(variant, case["headers"], now=case["now"])
            outcome = "ok"
        except stdwebhooks.WebhookVerificationError as err:
            outcome = err.kind
        assert outcome == case["expect"], type(variant)


@pytest.mark.parametrize("case", VECTORS["verify"], ids=ids(VECTORS["verify"]))
def test_verify_dropin(case: Dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    keys = case["keys"][0] if len(case["keys"]) == 1 else case["keys"]
    wh = Webhook(keys)
    if "tolerance" in case:
        # The reference has a fixed five-minute window; swap in a verifier with
        # the case's tolerance, keeping the drop-in's own verify and messages.
        wh._verifier = _native._dropin_verifier(keys, case["tolerance"])
    monkeypatch.setattr(time, "time", lambda: float(case["now"]))
    payload = payload_of(case)
    try:
        result = wh.verify(payload, case["headers"], json_parse=False)
        outcome = "ok"
        assert result is None
    except standardwebhooks.WebhookVerificationError as err:
        outcome = err.kind
        assert str(err) == REFERENCE_MESSAGES[err.kind]
    assert outcome == case["expect"]
    if outcome == "ok":
        if not payload:
            assert wh.verify(payload, case["headers"]) is None
            return
        try:
            expected = json.loads(payload.decode("utf-8"))
        except ValueError:  # also UnicodeDecodeError
            with pytest.raises(json.JSONDecodeError):
                wh.verify(payload, case["headers"])
        else:
            assert wh.verify(payload, case["headers"]) == expected


@pytest.mark.parametrize("case", VECTORS["sign"], ids=ids(VECTORS["sign"]))
def test_sign_native(case: Dict[str, Any]) -> None:
    verifier = stdwebhooks.Verifier(case["key"])
    payload = payload_of(case)
    assert verifier.sign(case["msg_id"], case["timestamp"], payload) == case["signature"]
    assert verifier.sign(case["msg_id"].encode(), case["timestamp"], bytearray(payload)) == case["signature"]
    # And what was signed verifies.
    headers = {
        "webhook-id": case["msg_id"],
        "webhook-timestamp": str(case["timestamp"]),
        "webhook-signature": case["signature"],
    }
    verifier.verify(payload, headers, now=case["timestamp"])


@pytest.mark.parametrize("case", VECTORS["sign"], ids=ids(VECTORS["sign"]))
def test_sign_dropin(case: Dict[str, Any]) -> None:
    from datetime import datetime, timezone

    wh = Webhook(case["key"])
    payload = payload_of(case)
    naive = datetime.fromtimestamp(case["timestamp"], tz=timezone.utc).replace(tzinfo=None)
    try:
        data: Any = payload.decode("utf-8")
    except UnicodeDecodeError:
        data = payload  # the reference cannot sign non-UTF-8 bodies; ours signs the bytes
    assert wh.sign(msg_id=case["msg_id"], timestamp=naive, data=data) == case["signature"]


@pytest.mark.parametrize("case", VECTORS["keys"], ids=ids(VECTORS["keys"]))
def test_keys_native(case: Dict[str, Any]) -> None:
    if case["expect"] == "ok":
        key = stdwebhooks.Key(case["input"])
        assert key.kind == case["kind"]
        assert key.expose_bytes().hex() == case["key_hex"]
        assert stdwebhooks.Verifier(case["input"]).key_count == 1
    else:
        with pytest.raises(stdwebhooks.WebhookVerificationError) as err:
            stdwebhooks.Key(case["input"])
        assert err.value.kind == case["expect"]
        with pytest.raises(stdwebhooks.ERRORS_BY_KIND[case["expect"]]):
            stdwebhooks.Verifier(case["input"])
        # Never the key text in the message.
        if len(case["input"].strip()) > 6:
            assert case["input"].strip() not in str(err.value)


@pytest.mark.parametrize("case", VECTORS["keys"], ids=ids(VECTORS["keys"]))
def test_keys_dropin(case: Dict[str, Any]) -> None:
    if case["expect"] == "ok":
        Webhook(case["input"])
    elif case["expect"] == "empty_secret":
        with pytest.raises(standardwebhooks.webhooks.EmptyWebhookSecretError) as err:
            Webhook(case["input"])
        assert str(err.value) == "webhook secret may not be empty"
        assert isinstance(err.value, standardwebhooks.WebhookVerificationError)
    else:
        with pytest.raises(standardwebhooks.WebhookVerificationError) as err2:
            Webhook(case["input"])
        assert err2.value.kind == case["expect"]


@pytest.mark.parametrize(
    "case", VECTORS["endpoint_verification"], ids=ids(VECTORS["endpoint_verification"])
)
def test_endpoint_verification(case: Dict[str, Any]) -> None:
    verifier = stdwebhooks.Verifier(case["key"])
    assert verifier.endpoint_verification_response(case["challenge"]) == case["response"]
    verifier.verify_endpoint_verification_response(case["challenge"], case["response"])
    verifier.verify_endpoint_verification_response(case["challenge"].encode(), case["response"].encode())
    with pytest.raises(stdwebhooks.NoMatchingSignatureError):
        verifier.verify_endpoint_verification_response(case["challenge"] + "x", case["response"])
    # The drop-in's verifier computes the same answer.
    wh = Webhook(case["key"])
    assert wh._verifier.endpoint_verification_response(case["challenge"]) == case["response"]
