//! The only place where core errors and panics become Python exceptions.
//!
//! The classes are written in plain Python (`stdwebhooks/errors.py`) and
//! imported here: that works under abi3 on every supported Python, they pickle
//! like any exception, and the drop-in's `WebhookVerificationError` can be the
//! base of the whole hierarchy.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::PyErr;
use pyo3::PyResult;
use stdwebhooks::{Error, ErrorKind};

pyo3::import_exception!(stdwebhooks.errors, MissingHeaderError);
pyo3::import_exception!(stdwebhooks.errors, InvalidTimestampError);
pyo3::import_exception!(stdwebhooks.errors, TimestampTooOldError);
pyo3::import_exception!(stdwebhooks.errors, TimestampTooNewError);
pyo3::import_exception!(stdwebhooks.errors, NoMatchingSignatureError);
pyo3::import_exception!(stdwebhooks.errors, EmptySecretError);
pyo3::import_exception!(stdwebhooks.errors, InvalidSecretError);
pyo3::import_exception!(stdwebhooks.errors, InternalError);

/// Which texts an error carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The core's detailed message ("missing or empty header: webhook-id").
    Native,
    /// The texts of the reference `standardwebhooks` package, which users of
    /// the drop-in already match on in logs and alerts.
    DropIn,
}

/// The Python reference's own text for an empty secret (the Node reference's
/// differs, so the core's `reference_message` cannot serve both).
const DROPIN_EMPTY_SECRET: &str = "webhook secret may not be empty";

const INTERNAL: &str =
    "internal error in stdwebhooks (a bug; please report it): the webhook was not verified";

/// Maps a core error to its exception class, with the message `style` asks for.
pub fn to_pyerr(err: Error, style: Style) -> PyErr {
    let kind = err.kind();
    let message = match (style, kind) {
        (Style::Native, _) | (Style::DropIn, ErrorKind::InvalidSecret) => err.to_string(),
        (Style::DropIn, ErrorKind::EmptySecret) => DROPIN_EMPTY_SECRET.to_owned(),
        (Style::DropIn, kind) => kind.reference_message().to_owned(),
    };
    match kind {
        ErrorKind::MissingHeader => MissingHeaderError::new_err((message, err.missing_header())),
        ErrorKind::InvalidTimestamp => InvalidTimestampError::new_err(message),
        ErrorKind::TimestampTooOld => TimestampTooOldError::new_err(message),
        ErrorKind::TimestampTooNew => TimestampTooNewError::new_err(message),
        ErrorKind::NoMatchingSignature => NoMatchingSignatureError::new_err(message),
        ErrorKind::EmptySecret => EmptySecretError::new_err(message),
        ErrorKind::InvalidSecret => InvalidSecretError::new_err(message),
        // A kind added to the core but not yet to this binding is a bug here;
        // it must still fail closed and be caught by `except WebhookVerificationError`.
        _ => InternalError::new_err(INTERNAL),
    }
}

/// Runs one entry point so that a panic becomes `InternalError`.
///
/// pyo3 would otherwise raise `PanicException`, which derives from
/// `BaseException`: an `except Exception` in a webhook handler would not catch
/// it, and a server would answer 500 instead of refusing the webhook.
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(InternalError::new_err(INTERNAL)))
}
