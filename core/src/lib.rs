//! Standard Webhooks verification and signing.
//!
//! This crate makes every decision for the stdwebhooks bindings (Python, Node,
//! C and Go): key parsing, header parsing, the timestamp window, HMAC-SHA256
//! (`v1`) and ed25519 (`v1a`) signatures, and the endpoint-verification
//! challenge. The behaviour is specified in the project's contract and its
//! vector file; see the README.
//!
//! ```
//! use stdwebhooks::{Key, Verifier};
//!
//! let verifier = Verifier::new(Key::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")?);
//! let payload = br#"{"email":"test@example.com","username":"test_user"}"#;
//! let headers = [
//!     ("webhook-id", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk"),
//!     ("webhook-timestamp", "1649367553"),
//!     ("webhook-signature", "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="),
//! ];
//! verifier.verify_at(payload, &headers, 1649367553)?;
//! # Ok::<(), stdwebhooks::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod base64;
mod error;
mod headers;
mod key;
mod signature;
mod timestamp;
mod verifier;

pub use error::{Detail, Error, ErrorKind, Result};
pub use headers::{HeaderSource, HeaderValues, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP};
pub use key::{Key, KeyKind};
pub use verifier::{now, Verifier, DEFAULT_TOLERANCE, MAX_SIGNATURE_LEN, MAX_V1A_ENTRIES};
