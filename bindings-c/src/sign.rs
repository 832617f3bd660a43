//! Signing, and the endpoint-verification challenge, into caller-owned buffers.

use std::ffi::{c_char, c_void};

use crate::buffers::{bytes, write_text};
use crate::panic::boundary;
use crate::status::swh_status;
use crate::verifier::{swh_verifier, verifier};

/// Signs a webhook with the verifier's first key that can sign, writing
/// `v1,<base64>` (HMAC key) or `v1a,<base64>` (`whsk_` key) and a NUL into `out`.
/// At most `SWH_MAX_SIGNATURE_LEN` characters, so a buffer of
/// `SWH_MAX_SIGNATURE_LEN + 1` bytes always suffices. `*out_len` (when `out_len`
/// is not NULL) receives the length without the NUL. `out` and `out_len` are
/// written only on `SWH_OK`.
///
/// Returns `SWH_OK`, `SWH_INVALID_TIMESTAMP` for a negative timestamp,
/// `SWH_INVALID_SECRET` when the verifier holds only `whpk_` public keys,
/// `SWH_BUFFER_TOO_SMALL`, `SWH_NULL_PARAMETER` or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `verifier` must be NULL or live; `msg_id` and `payload` NULL or pointing to their
/// lengths in readable bytes; `out` NULL or `out_cap` writable bytes; `out_len` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_sign(
    verifier: *const swh_verifier,
    msg_id: *const c_char,
    msg_id_len: usize,
    timestamp: i64,
    payload: *const c_void,
    payload_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> swh_status {
    boundary(|| {
        // SAFETY: the caller guarantees the pointers, as documented above.
        let inputs = unsafe {
            (
                self::verifier(verifier),
                bytes(msg_id, msg_id_len),
                bytes(payload, payload_len),
            )
        };
        let (v, id, payload) = match inputs {
            (Ok(v), Ok(i), Ok(p)) => (v, i, p),
            (Err(s), _, _) | (_, Err(s), _) | (_, _, Err(s)) => return s,
        };
        if out.is_null() {
            return swh_status::SWH_NULL_PARAMETER;
        }
        match v.read().sign(id, timestamp, payload) {
            // SAFETY: the caller guarantees out_cap writable bytes at out and a writable out_len.
            Ok(text) => unsafe { write_text(text.as_bytes(), out, out_cap, out_len) },
            Err(e) => e.into(),
        }
    })
}

/// Writes the answer to an endpoint-verification challenge (the value for the
/// `webhook-challenge-response` header), `v1,<base64>` from the first HMAC key, and
/// a NUL into `out`. A buffer of `SWH_MAX_SIGNATURE_LEN + 1` bytes always suffices.
/// Output rules as for `swh_verifier_sign`.
///
/// Returns `SWH_OK`, `SWH_INVALID_SECRET` when the verifier holds no HMAC key,
/// `SWH_BUFFER_TOO_SMALL`, `SWH_NULL_PARAMETER` or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `verifier` must be NULL or live; `challenge` NULL or pointing to `challenge_len`
/// readable bytes; `out` NULL or `out_cap` writable bytes; `out_len` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_challenge_response(
    verifier: *const swh_verifier,
    challenge: *const c_char,
    challenge_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> swh_status {
    boundary(|| {
        // SAFETY: the caller guarantees the pointers, as documented above.
        let (v, challenge) =
            match unsafe { (self::verifier(verifier), bytes(challenge, challenge_len)) } {
                (Ok(v), Ok(c)) => (v, c),
                (Err(s), _) | (_, Err(s)) => return s,
            };
        if out.is_null() {
            return swh_status::SWH_NULL_PARAMETER;
        }
        match v.read().endpoint_verification_response(challenge) {
            // SAFETY: the caller guarantees out_cap writable bytes at out and a writable out_len.
            Ok(text) => unsafe { write_text(text.as_bytes(), out, out_cap, out_len) },
            Err(e) => e.into(),
        }
    })
}

/// Checks, in constant time against every HMAC key, a challenge response received
/// for `challenge` (read like a signature header: one or more `v1,<base64>` entries).
///
/// Returns `SWH_OK`, `SWH_NO_MATCHING_SIGNATURE`, `SWH_INVALID_SECRET` when the
/// verifier holds no HMAC key, `SWH_NULL_PARAMETER` or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `verifier` must be NULL or live; `challenge` and `response` NULL or pointing to
/// their lengths in readable bytes.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_verify_challenge_response(
    verifier: *const swh_verifier,
    challenge: *const c_char,
    challenge_len: usize,
    response: *const c_char,
    response_len: usize,
) -> swh_status {
    boundary(|| {
        // SAFETY: the caller guarantees the pointers, as documented above.
        let inputs = unsafe {
            (
                self::verifier(verifier),
                bytes(challenge, challenge_len),
                bytes(response, response_len),
            )
        };
        match inputs {
            (Ok(v), Ok(c), Ok(r)) => {
                crate::status::status_of(v.read().verify_endpoint_verification_response(c, r))
            }
            (Err(s), _, _) | (_, Err(s), _) | (_, _, Err(s)) => s,
        }
    })
}
