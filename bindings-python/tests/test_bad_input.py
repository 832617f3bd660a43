"""Wrong types and values for every argument: TypeError (or ValueError for an
out-of-range number) or the library's own error, never a crash or a Rust
panic (pyo3's PanicException derives from BaseException, so it would slip
past `except Exception`)."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Callable, List, Tuple, Type, Union

import pytest

import stdwebhooks
from standardwebhooks.webhooks import Webhook
from stdwebhooks import Key, Verifier

from conftest import SECRET, stdlib_headers

BODY = b'{"a":1}'
NOW = 1_700_000_000
HEADERS = stdlib_headers(BODY, timestamp=NOW)

JUNK: List[Any] = [None, 0, 1, -1, 2**70, 1.5, math.nan, True, [], [1], {}, (), object(), b"", "", date(2020, 1, 1), 1j, Ellipsis, type]
Allowed = Union[Type[BaseException], Tuple[Type[BaseException], ...]]
OK_ERRORS: Tuple[Type[BaseException], ...] = (TypeError, ValueError, stdwebhooks.WebhookVerificationError)


def outcome(call: Callable[[], Any]) -> str:
    try:
        call()
        return "ok"
    except OK_ERRORS as err:
        assert not isinstance(err, stdwebhooks.InternalError), err
        assert "panicked" not in str(err).lower()
        return type(err).__name__
    except BaseException as err:  # PanicException, SystemError...
        pytest.fail(f"{type(err).__module__}.{type(err).__name__}: {err}")


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_verifier_key(value: Any) -> None:
    result = outcome(lambda: Verifier(value))
    if value in (b"",) or value == [] or value == () or (isinstance(value, str) and not value):
        assert result == "EmptySecretError"
    else:
        assert result in ("TypeError", "InvalidSecretError"), result


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_verifier_tolerance(value: Any) -> None:
    result = outcome(lambda: Verifier(SECRET, tolerance=value))
    if value is None or (type(value) is int and 0 <= value < 2**64):
        assert result == "ok"
    elif type(value) is int:
        assert result == "ValueError"
    else:
        assert result == "TypeError"


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_key(value: Any) -> None:
    assert outcome(lambda: Key(value)) in ("TypeError", "EmptySecretError", "InvalidSecretError")
    assert outcome(lambda: Key.ed25519_from_seed(value)) in ("TypeError", "ValueError")


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_verify_payload(value: Any) -> None:
    result = outcome(lambda: Verifier(SECRET).verify(value, HEADERS, now=NOW))
    if isinstance(value, (bytes, str)):
        assert result == "NoMatchingSignatureError"
    else:
        assert result == "TypeError"


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_verify_headers(value: Any) -> None:
    result = outcome(lambda: Verifier(SECRET).verify(BODY, value, now=NOW))
    if value is None or value in ([], {}, ()):
        assert result == "MissingHeaderError"
    elif value == [1]:
        assert result == "TypeError"  # not a (name, value) pair
    else:
        assert result == "TypeError", result


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_verify_header_values(value: Any) -> None:
    for name in HEADERS:
        h = dict(HEADERS)
        h[name] = value
        result = outcome(lambda: Verifier(SECRET).verify(BODY, h, now=NOW))
        if value is None or value in (b"", ""):
            assert result == "MissingHeaderError"
        else:
            assert result in ("TypeError", "NoMatchingSignatureError", "InvalidTimestampError"), (name, result)


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_verify_now(value: Any) -> None:
    result = outcome(lambda: Verifier(SECRET).verify(BODY, HEADERS, now=value))
    if value is None:
        assert result == "TimestampTooOldError"  # the real clock
    elif type(value) is int and abs(value) < 2**63:
        assert result in ("TimestampTooOldError", "TimestampTooNewError")
    elif type(value) is int:
        assert result == "ValueError"
    else:
        assert result == "TypeError"


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_verify_values_arguments(value: Any) -> None:
    v = Verifier(SECRET)
    h = HEADERS
    for args in (
        (value, h["webhook-id"], h["webhook-timestamp"], h["webhook-signature"]),
        (BODY, value, h["webhook-timestamp"], h["webhook-signature"]),
        (BODY, h["webhook-id"], value, h["webhook-signature"]),
        (BODY, h["webhook-id"], h["webhook-timestamp"], value),
    ):
        assert outcome(lambda: v.verify_values(*args, now=NOW)) != "ok"


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_sign_arguments(value: Any) -> None:
    v = Verifier(SECRET)
    r_id = outcome(lambda: v.sign(value, NOW, BODY))
    r_ts = outcome(lambda: v.sign("msg", value, BODY))
    r_body = outcome(lambda: v.sign("msg", NOW, value))
    assert r_id in ("ok", "TypeError")
    assert r_ts in ("ok", "TypeError", "InvalidTimestampError")
    assert r_body in ("ok", "TypeError")
    if type(value) is int and 0 <= value < 2**63:
        assert r_ts == "ok"
    if isinstance(value, (bytes, str)):
        assert r_id == r_body == "ok"
    else:
        assert r_id == r_body == "TypeError"


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_challenge_arguments(value: Any) -> None:
    v = Verifier(SECRET)
    expected = "ok" if isinstance(value, (bytes, str)) else "TypeError"
    assert outcome(lambda: v.endpoint_verification_response(value)) == expected
    r = outcome(lambda: v.verify_endpoint_verification_response(value, "v1,abc"))
    assert r == ("NoMatchingSignatureError" if expected == "ok" else "TypeError")
    r = outcome(lambda: v.verify_endpoint_verification_response("chal", value))
    assert r == ("NoMatchingSignatureError" if expected == "ok" else "TypeError")


@pytest.mark.parametrize("value", JUNK, ids=repr)
def test_dropin_arguments(value: Any) -> None:
    result = outcome(lambda: Webhook(value))
    if value is None or value in (b"", "", [], ()):
        assert result == "EmptySecretError"
    else:
        assert result in ("TypeError", "InvalidSecretError"), result
    wh = Webhook(SECRET)
    assert outcome(lambda: wh.verify(value, HEADERS)) in ("TypeError", "NoMatchingSignatureError", "TimestampTooOldError")
    assert outcome(lambda: wh.verify(BODY, value)) in ("TypeError", "MissingHeaderError")
    assert outcome(lambda: wh.sign(value, datetime(2024, 1, 1), "x")) in ("ok", "TypeError")
    assert outcome(lambda: wh.sign("m", value, "x")) in ("TypeError", "InvalidTimestampError", "ok")
    assert outcome(lambda: wh.sign("m", datetime(2024, 1, 1), value)) in ("ok", "TypeError")


def test_str_where_bytes_expected_and_the_reverse() -> None:
    v = Verifier(SECRET)
    h = {k.encode(): v.encode() for k, v in HEADERS.items()}
    v.verify(BODY.decode(), h, now=NOW)
    assert Key(SECRET.encode()).expose_bytes() == SECRET.encode()  # bytes are a raw HMAC key, as documented
    assert v.sign(b"msg", NOW, "body") == v.sign("msg", NOW, b"body")


def test_keyword_only_arguments() -> None:
    v = Verifier(SECRET)
    with pytest.raises(TypeError):
        v.verify(BODY, HEADERS, NOW)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Verifier(SECRET, 300)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Webhook(SECRET).verify(BODY, HEADERS, False)  # type: ignore[misc]
