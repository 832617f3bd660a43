"""The native API: keys, verifier, header objects, payload types, errors."""

from __future__ import annotations

import email
import email.message
import pickle
from collections import OrderedDict, defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

import pytest

import stdwebhooks
from stdwebhooks import Key, Verifier

from conftest import SECRET, stdlib_headers, stdlib_sign

BODY = b'{"type":"invoice.paid","id":42}'
NOW = 1_700_000_000


def headers_for(body: bytes = BODY, ts: int = NOW) -> Dict[str, str]:
    return stdlib_headers(body, timestamp=ts)


def test_verify_accepts_and_refuses() -> None:
    v = Verifier(SECRET)
    v.verify(BODY, headers_for(), now=NOW)
    with pytest.raises(stdwebhooks.NoMatchingSignatureError) as err:
        v.verify(BODY + b" ", headers_for(), now=NOW)
    assert err.value.kind == "no_matching_signature"
    assert isinstance(err.value, stdwebhooks.WebhookVerificationError)
    with pytest.raises(stdwebhooks.TimestampTooOldError):
        v.verify(BODY, headers_for(), now=NOW + 301)
    v.verify(BODY, headers_for(), now=NOW + 300)
    with pytest.raises(stdwebhooks.TimestampTooNewError):
        v.verify(BODY, headers_for(), now=NOW - 301)


def test_now_accepts_datetimes() -> None:
    v = Verifier(SECRET)
    v.verify(BODY, headers_for(), now=datetime.fromtimestamp(NOW, tz=timezone.utc))
    v.verify(BODY, headers_for(), now=datetime.fromtimestamp(NOW + 100, tz=timezone(timedelta(hours=-7))))
    with pytest.raises(stdwebhooks.TimestampTooOldError):
        v.verify(BODY, headers_for(), now=datetime.fromtimestamp(NOW + 1000, tz=timezone.utc))


def test_verify_without_now_uses_the_clock() -> None:
    v = Verifier(SECRET)
    v.verify(BODY, stdlib_headers(BODY))
    with pytest.raises(stdwebhooks.TimestampTooOldError):
        v.verify(BODY, headers_for(ts=NOW))


def test_tolerance() -> None:
    assert Verifier(SECRET).tolerance == 300 == stdwebhooks.DEFAULT_TOLERANCE
    v = Verifier(SECRET, tolerance=5)
    assert v.tolerance == 5
    v.verify(BODY, headers_for(), now=NOW + 5)
    with pytest.raises(stdwebhooks.TimestampTooOldError):
        v.verify(BODY, headers_for(), now=NOW + 6)
    Verifier(SECRET, tolerance=None).verify(BODY, headers_for(), now=NOW + 300)


def test_missing_header_names_the_header() -> None:
    h = headers_for()
    del h["webhook-timestamp"]
    with pytest.raises(stdwebhooks.MissingHeaderError) as err:
        Verifier(SECRET).verify(BODY, h, now=NOW)
    assert err.value.header == "webhook-timestamp"
    assert "webhook-timestamp" in str(err.value)


def test_verify_values() -> None:
    h = headers_for()
    v = Verifier(SECRET)
    v.verify_values(BODY, h["webhook-id"], h["webhook-timestamp"], h["webhook-signature"], now=NOW)
    v.verify_values(BODY, h["webhook-id"].encode(), h["webhook-timestamp"].encode(), h["webhook-signature"].encode(), now=NOW)
    with pytest.raises(stdwebhooks.MissingHeaderError) as err:
        v.verify_values(BODY, h["webhook-id"], None, h["webhook-signature"], now=NOW)
    assert err.value.header == "webhook-timestamp"


def test_verify_ignoring_timestamp() -> None:
    v = Verifier(SECRET)
    v.verify_ignoring_timestamp(BODY, headers_for(ts=1))
    with pytest.raises(stdwebhooks.NoMatchingSignatureError):
        v.verify_ignoring_timestamp(BODY + b"!", headers_for(ts=1))
    h = headers_for()
    h["webhook-timestamp"] = "abc"
    with pytest.raises(stdwebhooks.InvalidTimestampError):
        v.verify_ignoring_timestamp(BODY, h)


def test_sign_forms() -> None:
    v = Verifier(SECRET)
    expected = stdlib_sign(SECRET, "msg_1", NOW, BODY)
    dt = datetime.fromtimestamp(NOW, tz=timezone.utc)
    for ts in (NOW, dt, dt.replace(tzinfo=None), dt.astimezone(timezone(timedelta(hours=5, minutes=30))), dt + timedelta(microseconds=999_999)):
        assert v.sign("msg_1", ts, BODY) == expected
    assert v.sign(b"msg_1", NOW, BODY.decode()) == expected
    assert v.sign("msg_1", NOW, memoryview(BODY)) == expected
    with pytest.raises(stdwebhooks.InvalidTimestampError):
        v.sign("msg_1", -1, BODY)
    with pytest.raises(stdwebhooks.InvalidTimestampError):
        v.sign("msg_1", 2**64, BODY)
    with pytest.raises(stdwebhooks.InvalidTimestampError):
        v.sign("msg_1", datetime(1969, 12, 31, 23, 59, 59), BODY)


def test_several_keys_and_ed25519() -> None:
    signing = stdwebhooks.generate_signing_key()
    assert signing.kind == "ed25519_secret"
    public = signing.public_key()
    assert public is not None and public.kind == "ed25519_public"
    assert public.expose_text().startswith("whpk_")
    assert signing.expose_text().startswith("whsk_")
    sig = Verifier(signing).sign("msg_e", NOW, BODY)
    assert sig.startswith("v1a,")
    assert len(sig) <= stdwebhooks.MAX_SIGNATURE_LEN
    headers = {"webhook-id": "msg_e", "webhook-timestamp": str(NOW), "webhook-signature": sig}
    both = Verifier([SECRET, public.expose_text()])
    assert both.key_count == 2
    both.verify(BODY, headers, now=NOW)
    both.verify(BODY, headers_for(), now=NOW)
    Verifier((public,)).verify(BODY, headers, now=NOW)
    with pytest.raises(stdwebhooks.NoMatchingSignatureError):
        Verifier(SECRET).verify(BODY, headers, now=NOW)
    with pytest.raises(stdwebhooks.InvalidSecretError):
        Verifier(public).sign("m", NOW, BODY)


def test_keys() -> None:
    secret = stdwebhooks.generate_secret()
    assert secret.startswith("whsec_")
    key = Key(secret)
    assert key.kind == "hmac" and len(key.expose_bytes()) == 24
    assert Key(key.expose_bytes()).expose_text() == secret
    assert Key(f"  {secret}\n").expose_text() == secret
    assert key.public_key() is None
    assert Key.ed25519_from_seed(bytes(32)).kind == "ed25519_secret"
    with pytest.raises(ValueError):
        Key.ed25519_from_seed(bytes(31))
    with pytest.raises(stdwebhooks.EmptySecretError):
        Verifier([])
    with pytest.raises(stdwebhooks.EmptySecretError):
        Key(b"")


def test_repr_never_shows_keys() -> None:
    secret = stdwebhooks.generate_secret()
    signing = stdwebhooks.generate_signing_key()
    for obj in (Key(secret), Verifier(secret), Verifier([secret, signing]), signing):
        text = repr(obj) + str(obj)
        assert "REDACTED" in text
        assert secret[6:] not in text
        assert signing.expose_text()[5:] not in text
        assert signing.expose_bytes().hex() not in text
    with pytest.raises(TypeError):
        pickle.dumps(Verifier(secret))


def test_errors_pickle_and_keep_their_attributes() -> None:
    for cls in stdwebhooks.ERRORS_BY_KIND.values():
        err = cls("message")
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is cls and back.kind == cls.kind and str(back) == "message"
    missing = stdwebhooks.MissingHeaderError("m", "webhook-id")
    assert pickle.loads(pickle.dumps(missing)).header == "webhook-id"
    assert issubclass(stdwebhooks.EmptySecretError, stdwebhooks.WebhookVerificationError)


# ----------------------------------------------------------------- header objects


class CountingMapping(Mapping[str, str]):
    """A mapping that records full scans, to show lookups do not copy it."""

    def __init__(self, data: Dict[str, str]) -> None:
        self.data = data
        self.scans = 0

    def __getitem__(self, key: str) -> str:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        self.scans += 1
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def items(self) -> Any:
        self.scans += 1
        return self.data.items()


def header_objects(h: Dict[str, str]) -> List[Tuple[str, Any]]:
    from multidict import CIMultiDict, MultiDict
    from starlette.datastructures import Headers as StarletteHeaders
    from werkzeug.datastructures import EnvironHeaders, Headers as WerkzeugHeaders

    title = {k.title(): v for k, v in h.items()}
    upper = {k.upper(): v for k, v in h.items()}
    message = email.message.Message()
    for k, v in title.items():
        message[k] = v
    environ = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in h.items()}
    return [
        ("dict lower", dict(h)),
        ("dict title", title),
        ("dict upper", upper),
        ("OrderedDict", OrderedDict(title)),
        ("defaultdict", defaultdict(str, title)),
        ("Mapping", CountingMapping(title)),
        ("pairs", list(title.items())),
        ("tuple of pairs", tuple(title.items())),
        ("bytes pairs (ASGI)", [(k.lower().encode(), v.encode()) for k, v in h.items()]),
        ("bytes values", {k: v.encode() for k, v in h.items()}),
        ("email Message", message),
        ("parsed email", email.message_from_string("".join(f"{k}: {v}\r\n" for k, v in title.items()) + "\r\n")),
        ("werkzeug Headers", WerkzeugHeaders(title)),
        ("werkzeug EnvironHeaders", EnvironHeaders(environ)),
        ("starlette Headers", StarletteHeaders(headers=title)),
        ("starlette raw", StarletteHeaders(raw=[(k.lower().encode(), v.encode()) for k, v in h.items()])),
        ("CIMultiDict", CIMultiDict(title)),
        ("MultiDict", MultiDict(title)),
    ]


@pytest.mark.parametrize("name", [n for n, _ in header_objects(headers_for())])
def test_header_objects(name: str) -> None:
    good = dict(header_objects(headers_for()))[name]
    Verifier(SECRET).verify(BODY, good, now=NOW)
    from standardwebhooks.webhooks import Webhook

    fresh = dict(header_objects(stdlib_headers(BODY)))[name]
    assert Webhook(SECRET).verify(BODY, fresh) == {"type": "invoice.paid", "id": 42}
    bad = dict(header_objects(stdlib_headers(BODY + b"x")))[name]
    with pytest.raises(stdwebhooks.NoMatchingSignatureError):
        Verifier(SECRET).verify(BODY, bad)


def test_none_and_empty_headers() -> None:
    for headers in (None, {}, [], email.message.Message()):
        with pytest.raises(stdwebhooks.MissingHeaderError) as err:
            Verifier(SECRET).verify(BODY, headers, now=NOW)
        assert err.value.header == "webhook-id"


def test_lower_case_mapping_is_not_scanned() -> None:
    m = CountingMapping(headers_for())
    for _ in range(5):
        Verifier(SECRET).verify(BODY, m, now=NOW)
    assert m.scans == 0
    title = CountingMapping({k.title(): v for k, v in headers_for().items()})
    Verifier(SECRET).verify(BODY, title, now=NOW)
    assert title.scans == 1  # one scan serves all three names


def test_first_matching_name_wins_and_none_counts_as_absent() -> None:
    h = headers_for()
    pairs = [("Webhook-Signature", h["webhook-signature"]), ("webhook-signature", "v1,bogus")] + [
        (k, v) for k, v in h.items() if k != "webhook-signature"
    ]
    Verifier(SECRET).verify(BODY, pairs, now=NOW)
    with_none = dict(h)
    with_none["webhook-id"] = None  # type: ignore[assignment]
    with pytest.raises(stdwebhooks.MissingHeaderError):
        Verifier(SECRET).verify(BODY, with_none, now=NOW)


def test_non_string_keys_are_skipped() -> None:
    h: Dict[Any, Any] = {k.title(): v for k, v in headers_for().items()}
    h[1] = "x"
    h[None] = "y"
    h[("webhook-id",)] = "z"
    h[b"junk"] = b"w"
    Verifier(SECRET).verify(BODY, h, now=NOW)


def test_payload_types_are_equivalent() -> None:
    v = Verifier(SECRET)
    h = headers_for()
    import array

    for payload in (BODY, bytearray(BODY), memoryview(BODY), BODY.decode(), memoryview(b"xx" + BODY)[2:]):
        v.verify(payload, h, now=NOW)
    with pytest.raises(TypeError):
        v.verify(array.array("B", BODY), h, now=NOW)  # only bytes, bytearray, memoryview, str
    big = BODY + b" " * 10_000
    hb = headers_for(big)
    for payload in (big, bytearray(big), memoryview(big), big.decode()):
        v.verify(payload, hb, now=NOW)


def test_bytearray_cannot_be_resized_while_verifying_and_is_released() -> None:
    data = bytearray(BODY)
    Verifier(SECRET).verify(data, headers_for(), now=NOW)
    data.extend(b"more")  # the buffer export was released
    assert data.endswith(b"more")


def test_surrogate_escaped_headers_recover_their_bytes() -> None:
    body = BODY
    h = headers_for(body)
    raw_id = b"msg_\xff\xfe"
    import base64
    import hashlib
    import hmac

    from conftest import hmac_secret_bytes

    mac = hmac.new(hmac_secret_bytes(SECRET), raw_id + f".{NOW}.".encode() + body, hashlib.sha256)
    sig = "v1," + base64.b64encode(mac.digest()).decode()
    escaped = raw_id.decode("utf-8", "surrogateescape")
    h.update({"webhook-id": escaped, "webhook-signature": sig})
    Verifier(SECRET).verify(body, h, now=NOW)
    Verifier(SECRET).verify(body, dict(h, **{"webhook-id": raw_id}), now=NOW)
    # A lone surrogate outside the escape range stands for no bytes at all: a
    # TypeError, as in the Node binding, never a guessed encoding.
    with pytest.raises(TypeError, match="lone surrogate"):
        Verifier(SECRET).verify(body, dict(h, **{"webhook-id": "\ud800"}), now=NOW)
    for payload in ["\ud800", "x\udfff"]:
        with pytest.raises(TypeError, match="lone surrogate"):
            Verifier(SECRET).sign("msg_1", NOW, payload)
        with pytest.raises(TypeError, match="lone surrogate"):
            Verifier(SECRET).verify(payload, h, now=NOW)


def test_strided_memoryview_is_a_type_error() -> None:
    from standardwebhooks.webhooks import Webhook

    strided = memoryview(b"abcdef")[::2]
    for call in (
        lambda: Verifier(SECRET).verify(strided, headers_for(), now=NOW),
        lambda: Verifier(SECRET).sign("msg_1", NOW, strided),
        lambda: Webhook(SECRET).verify(strided, headers_for()),
    ):
        with pytest.raises(TypeError, match="C-contiguous"):
            call()
