# Hand-written stub of the compiled module; checked by mypy.stubtest in the tests.
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal, Optional, Protocol, Sequence, Tuple, Union, final

__all__ = [
    "Verifier",
    "Key",
    "_dropin_verifier",
    "_unix_seconds",
    "__version__",
    "DEFAULT_TOLERANCE",
    "MAX_SIGNATURE_LEN",
    "_TEST_PANIC",
]

__version__: str
DEFAULT_TOLERANCE: int
MAX_SIGNATURE_LEN: int
_TEST_PANIC: bool

_Bytes = Union[bytes, bytearray, memoryview]
_Text = Union[str, bytes, bytearray, memoryview]
_KeyInput = Union[str, _Bytes, "Key"]
_Seconds = Union[int, datetime]
_HeaderValue = Union[str, _Bytes, None]

class _HeaderLookup(Protocol):
    """dict, Mapping, werkzeug/Starlette Headers, email.message.Message, multidicts."""

    def get(self, name: str, /) -> Any: ...

_Headers = Union[_HeaderLookup, Iterable[Tuple[Union[str, bytes], _HeaderValue]], None]

@final
class Key:
    def __new__(cls, key: _KeyInput) -> Key: ...
    @staticmethod
    def ed25519_from_seed(seed: _Text) -> Key: ...
    @property
    def kind(self) -> Literal["hmac", "ed25519_public", "ed25519_secret"]: ...
    def public_key(self) -> Optional[Key]: ...
    def expose_bytes(self) -> bytes: ...
    def expose_text(self) -> str: ...

@final
class Verifier:
    def __new__(
        cls,
        key: Union[_KeyInput, Sequence[_KeyInput]],
        *,
        tolerance: Optional[int] = None,
    ) -> Verifier: ...
    @property
    def tolerance(self) -> int: ...
    @property
    def key_count(self) -> int: ...
    def verify(
        self, payload: _Text, headers: _Headers, *, now: Optional[_Seconds] = None
    ) -> None: ...
    def verify_values(
        self,
        payload: _Text,
        msg_id: _HeaderValue,
        timestamp: _HeaderValue,
        signature: _HeaderValue,
        *,
        now: Optional[_Seconds] = None,
    ) -> None: ...
    def verify_ignoring_timestamp(self, payload: _Text, headers: _Headers) -> None: ...
    def sign(self, msg_id: _Text, timestamp: _Seconds, payload: _Text) -> str: ...
    def endpoint_verification_response(self, challenge: _Text) -> str: ...
    def verify_endpoint_verification_response(self, challenge: _Text, response: _Text) -> None: ...

def _dropin_verifier(
    key: Union[_KeyInput, Sequence[_KeyInput], None], tolerance: int = ...
) -> Verifier: ...
def _unix_seconds(value: _Seconds) -> int: ...
