"""Hostile input (issue 7), each with its expected outcome written down.

Every case must end in one of the library's errors (or success), quickly
and without a crash; work per verify stays linear in the input size.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timezone
from typing import Any, Dict

import pytest

import stdwebhooks
from standardwebhooks.webhooks import Webhook
from stdwebhooks import Verifier

from conftest import SECRET, hmac_secret_bytes, stdlib_headers

NOW = 1_700_000_000
BODY = b'{"a":1}'
MiB = 1 << 20


def raw_sign(key: bytes, msg_id: bytes, ts: int, body: bytes) -> str:
    mac = hmac.new(key, msg_id + b"." + str(ts).encode() + b"." + body, hashlib.sha256)
    return "v1," + base64.b64encode(mac.digest()).decode()


def kind(call: Any) -> str:
    try:
        call()
        return "ok"
    except stdwebhooks.WebhookVerificationError as err:
        return err.kind


def test_header_values_of_one_mib() -> None:
    v = Verifier(SECRET)
    key = hmac_secret_bytes(SECRET)
    big_id = b"m" * MiB
    signed = {"webhook-id": big_id, "webhook-timestamp": str(NOW), "webhook-signature": raw_sign(key, big_id, NOW, BODY)}
    assert kind(lambda: v.verify(BODY, signed, now=NOW)) == "ok"
    good = stdlib_headers(BODY, timestamp=NOW)
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": "v" * MiB}, now=NOW)) == "no_matching_signature"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": "v1," + "A" * MiB}, now=NOW)) == "no_matching_signature"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-timestamp": "1" * MiB}, now=NOW)) == "invalid_timestamp"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-timestamp": " " * MiB}, now=NOW)) == "missing_header"
    # A 1 MiB header *name* is simply not one of ours, ASCII or not.
    assert kind(lambda: v.verify(BODY, {**good, "x" * MiB: "y"}, now=NOW)) == "ok"
    title = {k.title(): val for k, val in good.items()}  # forces the case-insensitive scan
    assert kind(lambda: v.verify(BODY, {"\u00e9" * MiB: "y", b"\xff" * MiB: "z", **title}, now=NOW)) == "ok"


def test_signature_header_with_100000_entries() -> None:
    v = Verifier(SECRET)
    good = stdlib_headers(BODY, timestamp=NOW)
    junk = " ".join(["v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="] * 100_000)
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": junk}, now=NOW)) == "no_matching_signature"
    last = junk + " " + good["webhook-signature"]
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": last}, now=NOW)) == "ok"
    # ed25519 entries cost a curve operation each; the core checks only the
    # first MAX_V1A_ENTRIES of them, so 100,000 forged ones stay cheap.
    v1a = " ".join(["v1a," + base64.b64encode(bytes(64)).decode()] * 100_000)
    both = Verifier([SECRET, stdwebhooks.generate_signing_key().public_key()])  # type: ignore[list-item]
    assert kind(lambda: both.verify(BODY, {**good, "webhook-signature": v1a}, now=NOW)) == "no_matching_signature"
    assert kind(lambda: both.verify(BODY, {**good, "webhook-signature": v1a + " " + good["webhook-signature"]}, now=NOW)) == "ok"
    separators = " " * 100_000 + good["webhook-signature"]
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": separators}, now=NOW)) == "ok"


def test_nul_bytes_and_invalid_utf8_in_header_values() -> None:
    v = Verifier(SECRET)
    key = hmac_secret_bytes(SECRET)
    good = stdlib_headers(BODY, timestamp=NOW)
    for msg_id in (b"msg\x00id", b"\x00", b"msg_\xff\xfe\xfd", b"\xc3\x28"):
        h = {"webhook-id": msg_id, "webhook-timestamp": str(NOW).encode(), "webhook-signature": raw_sign(key, msg_id, NOW, BODY).encode()}
        assert kind(lambda: v.verify(BODY, h, now=NOW)) == "ok", msg_id  # signed over the exact bytes
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": good["webhook-signature"] + "\x00"}, now=NOW)) == "no_matching_signature"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": "\x00 " + good["webhook-signature"]}, now=NOW)) == "ok"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-timestamp": f"{NOW}\x00"}, now=NOW)) == "invalid_timestamp"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-timestamp": b"\xff\xfe"}, now=NOW)) == "invalid_timestamp"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-signature": b"v1,\xff\xfe"}, now=NOW)) == "no_matching_signature"
    assert kind(lambda: v.verify(BODY, {**good, "webhook-id": "\x00"}, now=NOW)) == "no_matching_signature"


def test_non_string_header_keys() -> None:
    v = Verifier(SECRET)
    good = stdlib_headers(BODY, timestamp=NOW)
    h: Dict[Any, Any] = {1: "a", None: "b", 2.5: "c", (1, 2): "d", frozenset(): "e", b"\xff": "f"}
    h.update({k.upper().encode(): val for k, val in good.items()})  # bytes names match too
    assert kind(lambda: v.verify(BODY, h, now=NOW)) == "ok"
    only_junk: Dict[Any, Any] = {1: good["webhook-id"], 2: good["webhook-timestamp"], 3: good["webhook-signature"]}
    assert kind(lambda: v.verify(BODY, only_junk, now=NOW)) == "missing_header"


def test_payload_of_64_mib() -> None:
    v = Verifier(SECRET)
    body = bytearray(64 * MiB)
    body[-1] = 1
    good = stdlib_headers(bytes(body), timestamp=NOW)
    assert kind(lambda: v.verify(body, good, now=NOW)) == "ok"
    assert kind(lambda: v.verify(memoryview(body)[:-1], good, now=NOW)) == "no_matching_signature"
    body[-1] = 2
    assert kind(lambda: v.verify(body, good, now=NOW)) == "no_matching_signature"
    assert kind(lambda: Webhook(SECRET).verify(bytes(body), good, json_parse=False)) == "timestamp_too_old"


def test_tolerance_zero_and_many_years() -> None:
    good = stdlib_headers(BODY, timestamp=NOW)
    zero = Verifier(SECRET, tolerance=0)
    assert kind(lambda: zero.verify(BODY, good, now=NOW)) == "ok"
    assert kind(lambda: zero.verify(BODY, good, now=NOW + 1)) == "timestamp_too_old"
    assert kind(lambda: zero.verify(BODY, good, now=NOW - 1)) == "timestamp_too_new"
    years = Verifier(SECRET, tolerance=100 * 365 * 86400)
    assert kind(lambda: years.verify(BODY, good, now=0)) == "ok"
    assert kind(lambda: years.verify(BODY, good, now=NOW + 99 * 365 * 86400)) == "ok"
    widest = Verifier(SECRET, tolerance=2**64 - 1)
    assert kind(lambda: widest.verify(BODY, good, now=-(2**63))) == "ok"
    assert kind(lambda: widest.verify(BODY, good, now=2**63 - 1)) == "ok"


def test_now_at_zero_and_near_the_64_bit_limit() -> None:
    v = Verifier(SECRET)
    good = stdlib_headers(BODY, timestamp=NOW)
    assert kind(lambda: v.verify(BODY, good, now=0)) == "timestamp_too_new"
    assert kind(lambda: v.verify(BODY, good, now=2**63 - 1)) == "timestamp_too_old"
    assert kind(lambda: v.verify(BODY, good, now=-(2**63))) == "timestamp_too_new"
    with pytest.raises(ValueError):
        v.verify(BODY, good, now=2**63)
    key = hmac_secret_bytes(SECRET)
    top = 2**63 - 1
    at_top = {"webhook-id": b"m", "webhook-timestamp": str(top), "webhook-signature": raw_sign(key, b"m", top, BODY)}
    assert kind(lambda: v.verify(BODY, at_top, now=top)) == "ok"
    assert kind(lambda: v.verify(BODY, {**at_top, "webhook-timestamp": str(2**63)}, now=top)) == "invalid_timestamp"
    assert kind(lambda: v.verify(BODY, {**at_top, "webhook-timestamp": "0"}, now=0)) == "no_matching_signature"
    assert v.sign("m", top, BODY) == at_top["webhook-signature"]


@pytest.mark.parametrize("size", [1, MiB])
def test_secrets_of_one_byte_and_one_mib(size: int) -> None:
    raw = bytes((i * 7 + 1) % 256 for i in range(size))
    text = "whsec_" + base64.b64encode(raw).decode()
    good = {"webhook-id": "m", "webhook-timestamp": str(NOW), "webhook-signature": raw_sign(raw, b"m", NOW, BODY)}
    for key in (raw, text, base64.b64encode(raw).decode()):
        v = Verifier(key)
        assert kind(lambda: v.verify(BODY, good, now=NOW)) == "ok"
        assert kind(lambda: v.verify(BODY + b"!", good, now=NOW)) == "no_matching_signature"
        assert v.sign("m", NOW, BODY) == good["webhook-signature"]
        assert text[6:40] not in repr(v)
    when = datetime.fromtimestamp(NOW, tz=timezone.utc)
    assert Webhook(text).sign("m", when, BODY.decode()) == good["webhook-signature"]
