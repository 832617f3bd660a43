"""The same receiver on the native API: `stdwebhooks.aws_lambda` reads the
body (base64 or not) and the headers of REST, HTTP API, Function URL and ALB
events, answers 401/400 to refused webhooks, and calls the function only
with verified, parsed payloads.

Configuration: the WEBHOOK_SECRET environment variable (whsec_...).
"""

import json
from typing import Any, Dict

from stdwebhooks.aws_lambda import webhook_handler


@webhook_handler
def lambda_handler(payload: Any, event: Dict[str, Any], context: Any) -> Dict[str, Any]:
    return {"statusCode": 200, "body": json.dumps({"received": True, "payload": payload})}
