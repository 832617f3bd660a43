//! `swh_status`: the one error channel of the C API, mapped from the core's `ErrorKind`.

use std::ffi::{c_char, CStr};

use stdwebhooks::ErrorKind;

/// What a call did. `SWH_OK` is zero; values 1 to 7 are the contract's error kinds,
/// and `swh_status_str` returns exactly the contract's name for them
/// (`"no_matching_signature"`, ...). Values are never renumbered.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum swh_status {
    /// Success.
    SWH_OK = 0,
    /// `missing_header`: webhook-id, webhook-timestamp or webhook-signature is absent or empty.
    SWH_MISSING_HEADER = 1,
    /// `invalid_timestamp`: webhook-timestamp is not 1 to 19 ASCII digits below 2^63
    /// (also: signing with a negative timestamp).
    SWH_INVALID_TIMESTAMP = 2,
    /// `timestamp_too_old`: the timestamp is older than the tolerance allows.
    SWH_TIMESTAMP_TOO_OLD = 3,
    /// `timestamp_too_new`: the timestamp is further in the future than the tolerance allows.
    SWH_TIMESTAMP_TOO_NEW = 4,
    /// `no_matching_signature`: no signature entry verifies under any key.
    SWH_NO_MATCHING_SIGNATURE = 5,
    /// `empty_secret`: the key text or bytes are empty.
    SWH_EMPTY_SECRET = 6,
    /// `invalid_secret`: the key is not valid, or cannot do what was asked
    /// (a `whpk_` key cannot sign; the challenge needs an HMAC key).
    SWH_INVALID_SECRET = 7,
    /// A required pointer was NULL, or a NULL pointer came with a non-zero length
    /// (or a length above PTRDIFF_MAX).
    SWH_NULL_PARAMETER = 8,
    /// Text that must be UTF-8 was not. Reserved: key text that is not UTF-8 is
    /// `SWH_INVALID_SECRET`, as the contract says, and every other input is bytes.
    SWH_INVALID_UTF8 = 9,
    /// The caller's output buffer cannot hold the text and its NUL; nothing was written.
    SWH_BUFFER_TOO_SMALL = 10,
    /// A panic was caught inside the library (a bug; please report it). The call had no effect.
    /// Its name is `"internal"`, as the internal error kind is spelled in every binding.
    SWH_INTERNAL_ERROR = 11,
    /// An argument is outside its documented range (unknown flag bits). Nothing was done.
    SWH_INVALID_ARGUMENT = 12,
}

impl From<ErrorKind> for swh_status {
    fn from(kind: ErrorKind) -> swh_status {
        match kind {
            ErrorKind::MissingHeader => swh_status::SWH_MISSING_HEADER,
            ErrorKind::InvalidTimestamp => swh_status::SWH_INVALID_TIMESTAMP,
            ErrorKind::TimestampTooOld => swh_status::SWH_TIMESTAMP_TOO_OLD,
            ErrorKind::TimestampTooNew => swh_status::SWH_TIMESTAMP_TOO_NEW,
            ErrorKind::NoMatchingSignature => swh_status::SWH_NO_MATCHING_SIGNATURE,
            ErrorKind::EmptySecret => swh_status::SWH_EMPTY_SECRET,
            ErrorKind::InvalidSecret => swh_status::SWH_INVALID_SECRET,
            // ErrorKind is non_exhaustive: a kind added to the core without a status
            // here is a bug in this crate, reported as such rather than as a wrong kind.
            _ => swh_status::SWH_INTERNAL_ERROR,
        }
    }
}

impl From<stdwebhooks::Error> for swh_status {
    fn from(error: stdwebhooks::Error) -> swh_status {
        error.kind().into()
    }
}

/// Collapses a core result into a status.
pub(crate) fn status_of<T>(result: stdwebhooks::Result<T>) -> swh_status {
    match result {
        Ok(_) => swh_status::SWH_OK,
        Err(e) => e.into(),
    }
}

/// The static, NUL-terminated name of `status`, never NULL and never to be freed.
pub(crate) fn status_name(status: i32) -> &'static CStr {
    match status {
        0 => c"ok",
        1 => c"missing_header",
        2 => c"invalid_timestamp",
        3 => c"timestamp_too_old",
        4 => c"timestamp_too_new",
        5 => c"no_matching_signature",
        6 => c"empty_secret",
        7 => c"invalid_secret",
        8 => c"null_parameter",
        9 => c"invalid_utf8",
        10 => c"buffer_too_small",
        11 => c"internal",
        12 => c"invalid_argument",
        _ => c"unknown_status",
    }
}

/// The name of a status as a static NUL-terminated string: for the contract's
/// kinds exactly the contract's name (`"missing_header"`, `"invalid_timestamp"`,
/// `"timestamp_too_old"`, `"timestamp_too_new"`, `"no_matching_signature"`,
/// `"empty_secret"`, `"invalid_secret"`), otherwise `"ok"`, `"null_parameter"`,
/// `"invalid_utf8"`, `"buffer_too_small"`, `"internal"` or `"invalid_argument"`, and
/// `"unknown_status"` for a value that is no swh_status. Never NULL; do not free.
///
/// Takes an int rather than the enum so that any value a caller passes is defined behaviour.
// No panic boundary: a match over constants, nothing here can panic.
#[no_mangle]
pub extern "C" fn swh_status_str(status: i32) -> *const c_char {
    status_name(status).as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_contract_names() {
        for kind in ErrorKind::ALL {
            let status = swh_status::from(kind);
            assert_eq!(status_name(status as i32).to_str().unwrap(), kind.as_str());
        }
    }

    #[test]
    fn every_status_has_a_distinct_name() {
        let names: std::collections::HashSet<_> = (0..=12).map(status_name).collect();
        assert_eq!(names.len(), 13);
        assert_eq!(status_name(13), c"unknown_status");
        assert_eq!(status_name(-1), c"unknown_status");
    }
}
