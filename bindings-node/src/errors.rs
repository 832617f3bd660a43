//! The one place where errors become JavaScript errors.
//!
//! napi-rs copies an error's status string into the thrown error's `code`, so
//! a core error carries its contract kind there (`err.code ===
//! 'no_matching_signature'`) with or without the `index.js` facade. Argument
//! errors get Node's own `ERR_INVALID_ARG_TYPE`; the facade turns those into
//! `TypeError`s.

use napi::Status;
use stdwebhooks::ErrorKind;

/// The `code` of a thrown error.
pub enum Code {
    /// A contract kind (`missing_header`, `invalid_secret`, ...).
    Kind(ErrorKind),
    /// A JavaScript value of the wrong type or out of range.
    InvalidArg,
    /// A failure reported by Node-API itself, including an exception thrown
    /// by JavaScript code we called (a getter on the headers object, say),
    /// which napi-rs rethrows unchanged when the status is `PendingException`.
    Napi(Status),
}

/// The `code` Node uses for a wrong argument type; the facade maps it to `TypeError`.
pub const INVALID_ARG_CODE: &str = "ERR_INVALID_ARG_TYPE";

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        match self {
            Code::Kind(kind) => kind.as_str(),
            Code::InvalidArg => INVALID_ARG_CODE,
            Code::Napi(status) => status.as_ref(),
        }
    }
}

pub type Error = napi::Error<Code>;
pub type Result<T> = std::result::Result<T, Error>;

/// A core error: its kind as the code, its `Display` (which never holds key
/// material) as the message.
pub fn core(err: stdwebhooks::Error) -> Error {
    Error::new(Code::Kind(err.kind()), err.to_string())
}

/// A Node-API failure, keeping its status so a pending JavaScript exception
/// is rethrown as it was.
pub fn napi(err: napi::Error) -> Error {
    Error::new(Code::Napi(err.status), err.reason.clone())
}

/// A wrong argument.
pub fn invalid_arg(message: impl Into<String>) -> Error {
    Error::new(Code::InvalidArg, message.into())
}

/// Lets `?` lift Node-API results inside this crate.
pub trait NapiResultExt<T> {
    fn js(self) -> Result<T>;
}

impl<T> NapiResultExt<T> for napi::Result<T> {
    fn js(self) -> Result<T> {
        self.map_err(napi)
    }
}

/// Lets `?` lift core results inside this crate.
pub trait CoreResultExt<T> {
    fn kind(self) -> Result<T>;
}

impl<T> CoreResultExt<T> for stdwebhooks::Result<T> {
    fn kind(self) -> Result<T> {
        self.map_err(core)
    }
}
