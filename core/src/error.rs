//! The one error type every binding maps from.

use std::fmt;

/// What went wrong, named exactly as in the contract and the vector file.
///
/// Bindings branch on this, never on message text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A `webhook-id`, `webhook-timestamp` or `webhook-signature` header is absent or empty.
    MissingHeader,
    /// `webhook-timestamp` is not 1 to 19 ASCII digits below 2^63.
    InvalidTimestamp,
    /// The timestamp is further in the past than the tolerance allows.
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance allows.
    TimestampTooNew,
    /// No signature entry verifies under any key.
    NoMatchingSignature,
    /// The key text or bytes are empty.
    EmptySecret,
    /// The key is not valid base64 of the right length, or cannot do what was asked.
    InvalidSecret,
}

impl ErrorKind {
    /// Every kind, in the contract's order.
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::MissingHeader,
        ErrorKind::InvalidTimestamp,
        ErrorKind::TimestampTooOld,
        ErrorKind::TimestampTooNew,
        ErrorKind::NoMatchingSignature,
        ErrorKind::EmptySecret,
        ErrorKind::InvalidSecret,
    ];

    /// The contract's name for this kind, e.g. `"no_matching_signature"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::MissingHeader => "missing_header",
            ErrorKind::InvalidTimestamp => "invalid_timestamp",
            ErrorKind::TimestampTooOld => "timestamp_too_old",
            ErrorKind::TimestampTooNew => "timestamp_too_new",
            ErrorKind::NoMatchingSignature => "no_matching_signature",
            ErrorKind::EmptySecret => "empty_secret",
            ErrorKind::InvalidSecret => "invalid_secret",
        }
    }

    /// Parses a contract name back into a kind.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The message the reference `standardwebhooks` libraries use for this kind.
    ///
    /// The Python and Node drop-ins raise with these texts because users already
    /// match on them in logs and alerts.
    pub const fn reference_message(self) -> &'static str {
        match self {
            ErrorKind::MissingHeader => "Missing required headers",
            ErrorKind::InvalidTimestamp => "Invalid Signature Headers",
            ErrorKind::TimestampTooOld => "Message timestamp too old",
            ErrorKind::TimestampTooNew => "Message timestamp too new",
            ErrorKind::NoMatchingSignature => "No matching signature found",
            ErrorKind::EmptySecret => "Secret can't be empty.",
            ErrorKind::InvalidSecret => "Invalid secret",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Extra facts about an error, for messages and debugging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Detail {
    /// Nothing more to say.
    None,
    /// The header that was absent or empty.
    Header(&'static str),
    /// How many seconds the timestamp lies outside the tolerance.
    Skew(u128),
    /// A fixed explanation (never containing key material).
    Reason(&'static str),
}

/// A verification or key error: a [`ErrorKind`] plus detail.
///
/// Its `Display` never contains key material.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    detail: Detail,
}

impl Error {
    pub(crate) const fn new(kind: ErrorKind, detail: Detail) -> Error {
        Error { kind, detail }
    }

    pub(crate) const fn reason(kind: ErrorKind, reason: &'static str) -> Error {
        Error::new(kind, Detail::Reason(reason))
    }

    /// The contract kind of this error.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The detail carried with the kind.
    pub const fn detail(&self) -> Detail {
        self.detail
    }

    /// The header that was missing, for [`ErrorKind::MissingHeader`].
    pub const fn missing_header(&self) -> Option<&'static str> {
        match self.detail {
            Detail::Header(h) => Some(h),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind, Detail::None)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.detail) {
            (ErrorKind::MissingHeader, Detail::Header(h)) => {
                write!(f, "missing or empty header: {h}")
            }
            (ErrorKind::TimestampTooOld, Detail::Skew(s)) => {
                write!(
                    f,
                    "webhook timestamp is {s} s older than the tolerance allows"
                )
            }
            (ErrorKind::TimestampTooNew, Detail::Skew(s)) => {
                write!(
                    f,
                    "webhook timestamp is {s} s further in the future than the tolerance allows"
                )
            }
            (ErrorKind::InvalidTimestamp, _) => {
                f.write_str("webhook-timestamp must be 1 to 19 ASCII digits (Unix seconds)")
            }
            (ErrorKind::NoMatchingSignature, _) => {
                f.write_str("no signature in webhook-signature matches the payload under any key")
            }
            (_, Detail::Reason(r)) => f.write_str(r),
            (kind, _) => f.write_str(kind.as_str()),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results carrying [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
