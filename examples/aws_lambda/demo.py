"""The main job, end to end: real API Gateway events carrying signed
webhooks, handled by the Lambda handler in handler.py (written against the
reference `standardwebhooks` API) with the stdwebhooks wheel installed.

Run by `make demo` in a fresh virtual environment. Exits non-zero when any
event is not handled as expected.
"""

import contextlib
import io
import json
import logging
import os
import sys
import time
from typing import Any, Callable, Dict, List, Tuple

from signing import load_event, signed_event, tampered

SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"  # the published Standard Webhooks example secret
OTHER_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BODY = json.dumps({"type": "invoice.paid", "data": {"id": "in_1Q2w3E", "amount": 4200, "currency": "eur"}},
                  separators=(",", ":")).encode()


def run(handler: Callable[[Dict[str, Any], Any], Dict[str, Any]], event: Dict[str, Any]) -> Tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        response = handler(event, None)
    status = int(response["statusCode"])
    if status == 200:
        return status, "accepted"
    said = out.getvalue().strip().splitlines()
    reason = said[-1].replace("webhook rejected: ", "") if said else json.loads(response["body"])["error"]
    return status, f"refused: {reason}"


def main() -> int:
    os.environ["WEBHOOK_SECRET"] = SECRET
    logging.disable(logging.WARNING)  # the decorator logs each refusal; the table says it all
    import standardwebhooks
    import stdwebhooks
    from stdwebhooks import _native

    import handler
    import handler_decorated

    rest = load_event("rest-api-v1.json")
    http = load_event("http-api-v2.json")
    now = int(time.time())

    cases: List[Tuple[str, Dict[str, Any], bool]] = [
        ("REST v1 event as captured (signed 2022-04-07)", rest, False),
        ("REST v1, signed now", signed_event(rest, SECRET, BODY), True),
        ("REST v1, signed now, base64 body (*/*)", signed_event(rest, SECRET, BODY, base64_body=True), True),
        ("HTTP v2, signed now", signed_event(http, SECRET, BODY), True),
        ("HTTP v2, signed now, base64 body", signed_event(http, SECRET, BODY, base64_body=True), True),
        ("HTTP v2, body tampered after signing", tampered(signed_event(http, SECRET, BODY)), False),
        ("REST v1, base64 body tampered", tampered(signed_event(rest, SECRET, BODY, base64_body=True)), False),
        ("HTTP v2, signed 10 minutes ago (stale)", signed_event(http, SECRET, BODY, timestamp=now - 600), False),
        ("HTTP v2, signed 10 minutes ahead", signed_event(http, SECRET, BODY, timestamp=now + 600), False),
        ("HTTP v2, signed with another secret", signed_event(http, OTHER_SECRET, BODY), False),
    ]
    no_sig = signed_event(http, SECRET, BODY)
    del no_sig["headers"]["webhook-signature"]
    cases.append(("HTTP v2, no webhook-signature header", no_sig, False))
    null_headers = signed_event(rest, SECRET, BODY)
    null_headers["headers"] = None
    null_headers["multiValueHeaders"] = None
    cases.append(("REST v1, headers: null", null_headers, False))

    print(f"stdwebhooks {stdwebhooks.__version__} (Rust core, {os.path.basename(_native.__file__)})")
    print(f"drop-in `standardwebhooks` {standardwebhooks.__version__} API from {os.path.dirname(standardwebhooks.__file__)}")
    print(f"secret: WEBHOOK_SECRET={SECRET[:9]}... ; webhooks signed with Python's hmac module, not by the verifier")
    print()
    print("handler.py               : `from standardwebhooks.webhooks import Webhook`; wh.verify(event['body'], headers)")
    print("handler_decorated.py     : `@stdwebhooks.aws_lambda.webhook_handler`")
    print()
    width = max(len(c[0]) for c in cases)
    print(f"{'event'.ljust(width)}  {'handler.py'.ljust(40)}  handler_decorated.py")
    failures = 0
    for name, event, valid in cases:
        status, detail = run(handler.lambda_handler, event)
        status2, detail2 = run(handler_decorated.lambda_handler, event)
        ok = (status == 200) == valid and (status2 == 200) == valid
        failures += not ok
        first = f"{status} {detail}"
        second = f"{status2} {detail2}"
        print(f"{name.ljust(width)}  {first.ljust(40)}  {second}{'' if ok else '   <-- UNEXPECTED'}")

    # One number to show the core is not the bottleneck of a Lambda invocation.
    verifier = stdwebhooks.Verifier(SECRET)
    event = signed_event(http, SECRET, BODY)
    headers = event["headers"]
    start = time.perf_counter()
    n = 20000
    for _ in range(n):
        verifier.verify(BODY, headers)
    per = (time.perf_counter() - start) / n * 1e6
    print()
    print(f"native verify of this {len(BODY)}-byte webhook: {per:.2f} µs per call ({n} calls)")
    print()
    if failures:
        print(f"{failures} of {len(cases)} events were NOT handled as expected")
        return 1
    print(f"all {len(cases)} events handled as expected: valid ones accepted, tampered/stale/forged ones refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
