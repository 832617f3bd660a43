"""Drop-in replacement for the ``standardwebhooks`` package (API of 1.1.0),
running on the stdwebhooks Rust core. Installed by the ``stdwebhooks`` wheel."""

from .webhooks import Webhook, WebhookVerificationError

__all__ = [
    "Webhook",
    "WebhookVerificationError",
]

# The version of the reference API this module reproduces; the wheel's own
# version is stdwebhooks.__version__.
__version__ = "1.1.0"
