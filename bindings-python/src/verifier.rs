//! `stdwebhooks.Verifier`: argument conversion around the core's verifier.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};
use stdwebhooks::{ErrorKind, HeaderValues, DEFAULT_TOLERANCE};

use crate::data::{self, type_name, Data};
use crate::errors::{guard, to_pyerr, Style};
use crate::headers;
use crate::key;
use crate::time::{unix_seconds, Seconds};

/// Payloads from this size on are hashed with the GIL released, so other
/// threads run meanwhile. Releasing and retaking it costs about 0.2 µs, a
/// sixth of hashing 2 KiB with SHA-NI; from 8 KiB (about 5 µs of hashing) the
/// other threads gain more than this one loses. (CPython's hashlib releases
/// from 2 KiB, which the benchmarks showed costs a 2 KiB verify a tenth.)
const DETACH_AT: usize = 8 * 1024;

/// The argument names for the three header values, built once rather than
/// formatted on every verify: they are only read when a value has the wrong type.
const HEADER_ARGS: [&str; 3] = [
    "the webhook-id header",
    "the webhook-timestamp header",
    "the webhook-signature header",
];

/// Verifies and signs Standard Webhooks with one or more keys.
///
/// `key` is key text (`whsec_…`, bare base64, `whpk_…`, `whsk_…`), raw HMAC
/// bytes, a `Key`, or a list of these: a webhook passes when any signature
/// entry verifies under any key. `tolerance` is the allowed distance in
/// seconds between the webhook's timestamp and the clock (default 300).
///
/// One verifier can be shared by any number of threads.
#[pyclass(frozen, module = "stdwebhooks", name = "Verifier")]
pub struct Verifier {
    inner: stdwebhooks::Verifier,
    style: Style,
}

impl Verifier {
    pub fn build(key: &Bound<'_, PyAny>, tolerance: u64, style: Style) -> PyResult<Verifier> {
        let keys = key::many(key, style)?;
        let inner = stdwebhooks::Verifier::with_keys(keys).map_err(|e| to_pyerr(e, style))?;
        Ok(Verifier {
            inner: inner.with_tolerance(tolerance),
            style,
        })
    }

    fn fail(&self, err: stdwebhooks::Error) -> PyErr {
        to_pyerr(err, self.style)
    }

    fn now(&self, now: Option<&Bound<'_, PyAny>>) -> PyResult<i64> {
        match now {
            None => Ok(stdwebhooks::now()),
            Some(obj) if obj.is_none() => Ok(stdwebhooks::now()),
            Some(obj) => match unix_seconds(obj, "now")? {
                Seconds::Ok(s) => Ok(s),
                Seconds::OutOfRange => Err(PyValueError::new_err(
                    "now must fit in a signed 64-bit number of seconds",
                )),
            },
        }
    }

    fn check(
        &self,
        py: Python<'_>,
        payload: &[u8],
        values: HeaderValues<'_>,
        now: Option<i64>,
    ) -> PyResult<()> {
        #[cfg(feature = "test-panic")]
        let forced = values.id == Some(b"stdwebhooks-test-panic".as_slice());
        let run = || {
            #[cfg(feature = "test-panic")]
            if forced {
                panic!("forced by the test-panic feature");
            }
            match now {
                Some(now) => self.inner.verify_values_at(payload, values, now),
                None => self.inner.verify_ignoring_timestamp(payload, &values),
            }
        };
        detach_if_large(py, payload.len(), run).map_err(|e| self.fail(e))
    }
}

fn detach_if_large<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> T {
    if len >= DETACH_AT {
        py.detach(f)
    } else {
        f()
    }
}

/// Reads the header objects found by `headers::find` as bytes.
fn header_data<'a>(found: &'a headers::Found<'_>) -> PyResult<[Option<Data<'a>>; 3]> {
    let mut out: [Option<Data<'a>>; 3] = [None, None, None];
    for (slot, (obj, out)) in found.iter().zip(out.iter_mut()).enumerate() {
        if let Some(obj) = obj {
            *out = Some(data::read(obj, HEADER_ARGS[slot])?);
        }
    }
    Ok(out)
}

fn values<'a>(data: &'a [Option<Data<'_>>; 3]) -> HeaderValues<'a> {
    HeaderValues {
        id: data[0].as_ref().map(Data::as_slice),
        timestamp: data[1].as_ref().map(Data::as_slice),
        signature: data[2].as_ref().map(Data::as_slice),
    }
}

/// An optional header value given directly: `None`, `str` or bytes.
fn optional<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Option<Data<'a>>> {
    if obj.is_none() {
        Ok(None)
    } else {
        data::read(obj, what).map(Some)
    }
}

/// Reads a non-negative whole number of seconds.
pub fn tolerance_arg(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "tolerance must be an int (seconds), not {}",
            type_name(obj)
        )));
    }
    obj.extract::<u64>()
        .map_err(|_| PyValueError::new_err("tolerance must be between 0 and 2**64 - 1 seconds"))
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (key, *, tolerance = None))]
    fn new(key: &Bound<'_, PyAny>, tolerance: Option<&Bound<'_, PyAny>>) -> PyResult<Verifier> {
        guard(|| {
            let tolerance = match tolerance {
                Some(t) if !t.is_none() => tolerance_arg(t)?,
                _ => DEFAULT_TOLERANCE,
            };
            Verifier::build(key, tolerance, Style::Native)
        })
    }

    /// The allowed distance between a webhook's timestamp and the clock, in seconds.
    #[getter]
    fn tolerance(&self) -> u64 {
        self.inner.tolerance()
    }

    /// How many keys the verifier holds.
    #[getter]
    fn key_count(&self) -> usize {
        self.inner.key_count()
    }

    /// Verifies a webhook; returns `None` or raises a `WebhookVerificationError` subclass.
    ///
    /// `payload` is the raw body (`bytes`, `bytearray`, `memoryview`, or `str`
    /// taken as UTF-8). `headers` is a `dict`, any mapping (werkzeug, Starlette,
    /// `email.message.Message`, multidicts), an iterable of `(name, value)`
    /// pairs, or `None`; names are matched case-insensitively. `now` (Unix
    /// seconds or a `datetime`) replaces the clock, for tests and replays.
    #[pyo3(signature = (payload, headers, *, now = None))]
    fn verify(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        guard(|| {
            let payload = data::read(payload, "payload")?;
            let found = headers::find(headers)?;
            let header_data = header_data(&found)?;
            let now = self.now(now)?;
            self.check(py, payload.as_slice(), values(&header_data), Some(now))
        })
    }

    /// Verifies a webhook from the three header values given directly
    /// (`str`, bytes, or `None` when absent).
    #[pyo3(signature = (payload, msg_id, timestamp, signature, *, now = None))]
    fn verify_values(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        msg_id: &Bound<'_, PyAny>,
        timestamp: &Bound<'_, PyAny>,
        signature: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        guard(|| {
            let payload = data::read(payload, "payload")?;
            let header_data = [
                optional(msg_id, "msg_id")?,
                optional(timestamp, "timestamp")?,
                optional(signature, "signature")?,
            ];
            let now = self.now(now)?;
            self.check(py, payload.as_slice(), values(&header_data), Some(now))
        })
    }

    /// Verifies the signature only, whatever the timestamp's age: for
    /// replaying stored webhooks. A live endpoint should use `verify`.
    #[pyo3(signature = (payload, headers))]
    fn verify_ignoring_timestamp(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        guard(|| {
            let payload = data::read(payload, "payload")?;
            let found = headers::find(headers)?;
            let header_data = header_data(&found)?;
            self.check(py, payload.as_slice(), values(&header_data), None)
        })
    }

    /// Signs with the first key that can sign; returns `v1,<base64>` for an
    /// HMAC key, `v1a,<base64>` for a `whsk_` key. `timestamp` is Unix seconds
    /// or a `datetime` (aware ones are converted to UTC, naive ones taken as UTC).
    #[pyo3(signature = (msg_id, timestamp, payload))]
    fn sign(
        &self,
        py: Python<'_>,
        msg_id: &Bound<'_, PyAny>,
        timestamp: &Bound<'_, PyAny>,
        payload: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        guard(|| {
            let msg_id = data::read(msg_id, "msg_id")?;
            let timestamp = match unix_seconds(timestamp, "timestamp")? {
                Seconds::Ok(s) => s,
                Seconds::OutOfRange => return Err(self.fail(ErrorKind::InvalidTimestamp.into())),
            };
            let payload = data::read(payload, "payload")?;
            let (id, body) = (msg_id.as_slice(), payload.as_slice());
            detach_if_large(py, body.len(), || self.inner.sign(id, timestamp, body))
                .map_err(|e| self.fail(e))
        })
    }

    /// The answer to an endpoint-verification challenge, from the first HMAC key.
    fn endpoint_verification_response(&self, challenge: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(|| {
            let challenge = data::read(challenge, "challenge")?;
            self.inner
                .endpoint_verification_response(challenge.as_slice())
                .map_err(|e| self.fail(e))
        })
    }

    /// Checks a challenge response in constant time against every HMAC key;
    /// a mismatch raises `NoMatchingSignatureError`.
    fn verify_endpoint_verification_response(
        &self,
        challenge: &Bound<'_, PyAny>,
        response: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        guard(|| {
            let challenge = data::read(challenge, "challenge")?;
            let response = data::read(response, "response")?;
            self.inner
                .verify_endpoint_verification_response(challenge.as_slice(), response.as_slice())
                .map_err(|e| self.fail(e))
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<stdwebhooks.Verifier keys={} [REDACTED] tolerance={}>",
            self.inner.key_count(),
            self.inner.tolerance()
        )
    }
}

/// The verifier behind the drop-in `standardwebhooks.Webhook`: errors carry
/// the reference package's messages, and `None` is an empty secret (as the
/// reference treats it, so `Webhook(os.environ.get(...))` fails the same way).
#[pyfunction]
#[pyo3(signature = (key, tolerance = DEFAULT_TOLERANCE))]
pub fn _dropin_verifier(key: &Bound<'_, PyAny>, tolerance: u64) -> PyResult<Verifier> {
    guard(|| {
        if key.is_none() {
            let empty = stdwebhooks::Verifier::with_keys(std::iter::empty())
                .err()
                .unwrap_or_else(|| ErrorKind::EmptySecret.into());
            return Err(to_pyerr(empty, Style::DropIn));
        }
        Verifier::build(key, tolerance, Style::DropIn)
    })
}

/// Unix seconds of an `int` or `datetime`, by the same rule `sign` uses
/// (for the testing helpers, which must write the header `sign` signed).
#[pyfunction]
pub fn _unix_seconds(value: &Bound<'_, PyAny>) -> PyResult<i64> {
    guard(|| match unix_seconds(value, "timestamp")? {
        Seconds::Ok(s) => Ok(s),
        Seconds::OutOfRange => Err(PyValueError::new_err(
            "timestamp must fit in a signed 64-bit number of seconds",
        )),
    })
}
