"""A webhook receiver for AWS Lambda behind API Gateway, written the way
webhook providers' documentation shows it, on the reference package's API.

With the stdwebhooks wheel installed, `standardwebhooks` is the drop-in that
runs on the Rust core: this file needs no change.

Configuration: the WEBHOOK_SECRET environment variable (whsec_...).
"""

import base64
import json
import os
from typing import Any, Dict

from standardwebhooks.webhooks import Webhook


def lambda_handler(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    wh = Webhook(os.environ["WEBHOOK_SECRET"])
    headers = event.get("headers", {})
    try:
        body = event["body"]
        # Binary media types (and REST APIs set to */*) deliver the body base64-encoded.
        if event.get("isBase64Encoded"):
            body = base64.b64decode(body)
        payload = wh.verify(body, headers)
    except Exception as e:
        print(f"webhook rejected: {e}")
        return {"statusCode": 400, "body": json.dumps({"error": "invalid webhook"})}

    print(f"webhook accepted: {headers.get('webhook-id') or headers.get('Webhook-Id')}")
    return {"statusCode": 200, "body": json.dumps({"received": True, "payload": payload})}
