"""Verifying webhooks delivered to AWS Lambda.

Handles the four event shapes a Lambda function receives over HTTP, which
differ in ways that break naive code:

* API Gateway REST API (payload 1.0): header names as the client sent them,
  ``headers`` and ``multiValueHeaders`` side by side, either may be
  ``null``, and ``body`` is ``null`` when empty;
* API Gateway HTTP API (payload 2.0) and Lambda Function URLs: lower-case
  names, a repeated header's values joined with commas, ``body`` left out
  when empty;
* Application Load Balancer: lower-case names, ``headers`` or
  ``multiValueHeaders`` (never both), ``body`` ``""`` when empty.

Any of them may carry ``isBase64Encoded: true`` (binary media types; on a
REST API with a ``*/*`` binary setting even JSON arrives base64), in which
case the body is decoded to the exact bytes that were signed.

::

    from stdwebhooks.aws_lambda import webhook_handler

    @webhook_handler                      # secret from $WEBHOOK_SECRET
    def handler(payload, event, context):
        ...                               # payload: the verified, parsed JSON
        return {"statusCode": 204}

The decorator answers 401 to a missing or bad signature or a stale
timestamp, 400 to a malformed request, and never lets attacker input turn
into a 500. A missing or invalid secret is the operator's error and raises.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import logging
import os
import re
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Tuple, Union, overload

from . import _native
from .errors import (
    EmptySecretError,
    InternalError,
    InvalidSecretError,
    InvalidTimestampError,
    WebhookVerificationError,
)

__all__ = [
    "SECRET_ENV",
    "ConfigurationError",
    "MalformedEventError",
    "event_body",
    "event_headers",
    "verify_event",
    "webhook_handler",
]

#: The environment variable the secret is read from unless told otherwise.
#: It may hold several keys separated by spaces (secret rotation).
SECRET_ENV = "WEBHOOK_SECRET"

_log = logging.getLogger("stdwebhooks.aws_lambda")

Event = Mapping[str, Any]
KeyInput = Union[str, bytes, _native.Key, Sequence[Union[str, bytes, _native.Key]], _native.Verifier]
Response = Dict[str, Any]


class ConfigurationError(RuntimeError):
    """The secret is not configured (the environment variable is unset or empty)."""


class MalformedEventError(WebhookVerificationError):
    """The event is not an HTTP event Lambda could have delivered (a body that
    is neither text nor valid base64, headers that are not a mapping).

    Specific to this module; the decorator answers 400.
    """

    kind = "malformed_event"


def event_body(event: Event) -> bytes:
    """The request body exactly as received: base64-decoded when
    ``isBase64Encoded`` is set, UTF-8 otherwise; ``b""`` when absent or null."""
    body = event.get("body")
    if body is None:
        return b""
    if not isinstance(body, str):
        raise MalformedEventError(f"event body must be a string or null, not {type(body).__name__}")
    if event.get("isBase64Encoded") is True:
        try:
            return base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            raise MalformedEventError("event body is marked isBase64Encoded but is not base64") from None
    try:
        return body.encode("utf-8")
    except UnicodeEncodeError:
        raise MalformedEventError("event body is not valid Unicode text") from None


def event_headers(event: Event) -> Optional[Mapping[Any, Any]]:
    """The event's headers as one mapping, looked up case-insensitively by the verifier.

    ``multiValueHeaders`` (REST APIs, and ALBs with multi-value headers on)
    take precedence over ``headers``, because they hold every value: several
    ``webhook-signature`` lines are joined with spaces into one list of
    entries, and for the other headers the first value counts. In payload 2.0
    events, signature lines that API Gateway joined with commas are split
    back into entries.
    """
    headers = event.get("headers")
    multi = event.get("multiValueHeaders")
    if headers is not None and not isinstance(headers, Mapping):
        raise MalformedEventError("event headers must be an object or null")
    if multi is None:
        if event.get("version") == "2.0" and headers:
            return _split_joined_signatures(headers)
        return headers
    if not isinstance(multi, Mapping):
        raise MalformedEventError("event multiValueHeaders must be an object or null")
    merged: Dict[Any, Any] = dict(headers or {})
    for name, values in multi.items():
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not values:
            continue
        if isinstance(name, str) and name.lower() == "webhook-signature":
            merged[name] = " ".join(v for v in values if isinstance(v, str))
        else:
            merged[name] = values[0]
    return merged


# Payload 2.0 joins a repeated header's values with commas, which turns the
# entries "v1,A" and "v1,B" of two webhook-signature lines into "v1,A,v1,B",
# one malformed entry. A base64 signature holds no comma, so a comma followed
# by a version tag and its own comma can only be such a junction.
_JUNCTION = re.compile(r",(?=v1a?,)")


def _split_joined_signatures(headers: Mapping[Any, Any]) -> Mapping[Any, Any]:
    for name, value in headers.items():
        if isinstance(name, str) and name.lower() == "webhook-signature" and isinstance(value, str):
            if _JUNCTION.search(value):
                fixed = dict(headers)
                fixed[name] = _JUNCTION.sub(" ", value)
                return fixed
    return headers


@functools.lru_cache(maxsize=16)
def _verifier_for(secret: Union[str, bytes, Tuple[str, ...]], tolerance: Optional[int]) -> _native.Verifier:
    keys: Any = list(secret) if isinstance(secret, tuple) else secret
    return _native.Verifier(keys, tolerance=tolerance)


def _resolve(secret: Optional[KeyInput], env_var: str, tolerance: Optional[int]) -> _native.Verifier:
    if isinstance(secret, _native.Verifier):
        return secret
    if secret is None:
        value = os.environ.get(env_var, "").strip()
        if not value:
            raise ConfigurationError(f"set the {env_var} environment variable to the webhook secret (whsec_...)")
        parts = value.split()
        return _verifier_for(parts[0] if len(parts) == 1 else tuple(parts), tolerance)
    if isinstance(secret, (str, bytes)):
        return _verifier_for(secret, tolerance)
    return _native.Verifier(secret, tolerance=tolerance)


def verify_event(
    event: Event,
    secret: Optional[KeyInput] = None,
    *,
    env_var: str = SECRET_ENV,
    tolerance: Optional[int] = None,
    now: Optional[int] = None,
) -> bytes:
    """Verifies the webhook in a Lambda HTTP event and returns its raw body.

    ``secret`` is key text, raw bytes, a ``Key``, a list of these or a
    ``Verifier``; by default it is read from the ``env_var`` environment
    variable. Raises a ``WebhookVerificationError`` subclass on refusal
    (``MalformedEventError`` for an event that is not HTTP-shaped), and
    ``ConfigurationError`` when no secret is configured.
    """
    if not isinstance(event, Mapping):
        raise MalformedEventError(f"a Lambda HTTP event is an object, not {type(event).__name__}")
    verifier = _resolve(secret, env_var, tolerance)
    body = event_body(event)
    headers = event_headers(event)
    try:
        verifier.verify(body, headers, now=now)
    except TypeError as err:
        # The body is bytes by now, so only a header value can be of the wrong type.
        raise MalformedEventError(f"event headers: {err}") from None
    return body


def _response(event: Any, status: int, kind: str) -> Response:
    response: Response = {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"error": kind}),
        "isBase64Encoded": False,
    }
    context = event.get("requestContext") if isinstance(event, Mapping) else None
    if isinstance(context, Mapping) and "elb" in context:
        response["statusDescription"] = f"{status} {'Unauthorized' if status == 401 else 'Bad Request'}"
    return response


Handler = Callable[[Any, Any, Any], Any]


@overload
def webhook_handler(func: Handler, /) -> Callable[[Any, Any], Any]: ...
@overload
def webhook_handler(
    *,
    secret: Optional[KeyInput] = None,
    env_var: str = SECRET_ENV,
    tolerance: Optional[int] = None,
    json_parse: bool = True,
) -> Callable[[Handler], Callable[[Any, Any], Any]]: ...


def webhook_handler(
    func: Optional[Handler] = None,
    /,
    *,
    secret: Optional[KeyInput] = None,
    env_var: str = SECRET_ENV,
    tolerance: Optional[int] = None,
    json_parse: bool = True,
) -> Any:
    """Wraps a Lambda handler ``func(payload, event, context)`` so it only
    ever sees verified webhooks.

    ``payload`` is the parsed JSON body (``None`` when empty), or the raw
    bytes with ``json_parse=False``. Refusals never reach ``func``: 401 for a
    missing header, a bad signature or a timestamp outside the tolerance; 400
    for an invalid timestamp, a malformed event or a body that is not JSON.
    """

    def decorate(inner: Handler) -> Callable[[Any, Any], Any]:
        @functools.wraps(inner)
        def handler(event: Any, context: Any) -> Any:
            try:
                body = verify_event(event, secret, env_var=env_var, tolerance=tolerance)
            except (EmptySecretError, InvalidSecretError):
                raise  # the configured secret is wrong: the operator's error, not the caller's
            except (MalformedEventError, InvalidTimestampError) as err:
                _log.warning("webhook refused (400): %s", err.kind)
                return _response(event, 400, err.kind)
            except InternalError:
                _log.exception("webhook refused (401) after an internal error")
                return _response(event, 401, InternalError.kind)
            except WebhookVerificationError as err:
                _log.warning("webhook refused (401): %s", err.kind)
                return _response(event, 401, err.kind)
            if not json_parse:
                return inner(body, event, context)
            if not body:
                return inner(None, event, context)
            try:
                payload = json.loads(body.decode("utf-8"))
            except ValueError:  # also UnicodeDecodeError
                _log.warning("webhook refused (400): verified body is not UTF-8 JSON")
                return _response(event, 400, "invalid_json")
            return inner(payload, event, context)

        return handler

    if func is not None:
        return decorate(func)
    return decorate
