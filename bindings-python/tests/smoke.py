"""Smallest check that an installed wheel works: the published interop vector
through the native API and the drop-in. Used by `make test-sdist`."""

from datetime import datetime

from standardwebhooks import Webhook
from stdwebhooks import Verifier

SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
BODY = b'{"email":"test@example.com","username":"test_user"}'
HEADERS = {
    "webhook-id": "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
    "webhook-timestamp": "1649367553",
    "webhook-signature": "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
}

Verifier(SECRET).verify(BODY, HEADERS, now=1649367553)
signed = Webhook(SECRET).sign(HEADERS["webhook-id"], datetime(2022, 4, 7, 21, 39, 13), BODY.decode())
assert signed == HEADERS["webhook-signature"], signed
print("installed wheel verified and signed the interop vector")
