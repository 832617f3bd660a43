//! Verifying a webhook: with the three header values, or with raw header pairs.

use std::ffi::{c_char, c_void};

use stdwebhooks::{HeaderValues, Verifier};

use crate::buffers::{bytes, optional_bytes, write_truncated};
use crate::panic::boundary;
use crate::status::{status_name, swh_status};
use crate::verifier::{swh_verifier, verifier};

/// One received header, as raw bytes. `name` is matched case-insensitively;
/// (NULL, 0) is allowed for an empty name or value.
#[repr(C)]
pub struct swh_header {
    /// The header name, e.g. `"Webhook-Id"`; need not be NUL-terminated.
    pub name: *const c_char,
    /// Length of `name` in bytes.
    pub name_len: usize,
    /// The header value as received (surrounding spaces and tabs are ignored).
    pub value: *const c_char,
    /// Length of `value` in bytes.
    pub value_len: usize,
}

/// `swh_verifier_verify_detailed` flag: ignore `now` and read the system clock.
pub const SWH_VERIFY_SYSTEM_CLOCK: u32 = 1;
/// `swh_verifier_verify_detailed` flag: skip the tolerance check (for replaying
/// stored webhooks; a live endpoint should check the time). The timestamp must still parse.
pub const SWH_VERIFY_IGNORE_TIMESTAMP: u32 = 2;

/// The three header values after the NULL checks.
struct Values<'a> {
    payload: &'a [u8],
    headers: HeaderValues<'a>,
}

/// # Safety
/// Each non-NULL pointer must point to its length in readable bytes.
unsafe fn values<'a>(
    payload: (*const c_void, usize),
    id: (*const c_char, usize),
    timestamp: (*const c_char, usize),
    signature: (*const c_char, usize),
) -> Result<Values<'a>, swh_status> {
    // SAFETY: the caller guarantees each (pointer, length) pair, as documented on the exports.
    unsafe {
        Ok(Values {
            payload: bytes(payload.0, payload.1)?,
            headers: HeaderValues {
                id: optional_bytes(id.0, id.1)?,
                timestamp: optional_bytes(timestamp.0, timestamp.1)?,
                signature: optional_bytes(signature.0, signature.1)?,
            },
        })
    }
}

fn run(v: &Verifier, values: &Values<'_>, now: i64, flags: u32) -> stdwebhooks::Result<()> {
    if flags & SWH_VERIFY_IGNORE_TIMESTAMP != 0 {
        v.verify_ignoring_timestamp(values.payload, &values.headers)
    } else if flags & SWH_VERIFY_SYSTEM_CLOCK != 0 {
        v.verify_values(values.payload, values.headers)
    } else {
        v.verify_values_at(values.payload, values.headers, now)
    }
}

/// Verifies a webhook against the system clock, given the values of its
/// `webhook-id`, `webhook-timestamp` and `webhook-signature` headers (looked up by
/// the caller; each may be (NULL, 0) when absent). The payload is the raw body;
/// (NULL, 0) is an empty body. Nothing is copied or kept.
///
/// Returns `SWH_OK`, one of the verification kinds (`SWH_MISSING_HEADER`,
/// `SWH_INVALID_TIMESTAMP`, `SWH_TIMESTAMP_TOO_OLD`, `SWH_TIMESTAMP_TOO_NEW`,
/// `SWH_NO_MATCHING_SIGNATURE`), `SWH_NULL_PARAMETER` (NULL verifier, or NULL with
/// a non-zero length) or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `verifier` must be NULL or live; each non-NULL pointer must point to its length in readable bytes.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_verify(
    verifier: *const swh_verifier,
    payload: *const c_void,
    payload_len: usize,
    id: *const c_char,
    id_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    signature: *const c_char,
    signature_len: usize,
) -> swh_status {
    // SAFETY: forwarded caller guarantees.
    unsafe {
        swh_verifier_verify_detailed(
            verifier,
            payload,
            payload_len,
            id,
            id_len,
            timestamp,
            timestamp_len,
            signature,
            signature_len,
            0,
            SWH_VERIFY_SYSTEM_CLOCK,
            std::ptr::null_mut(),
            0,
        )
    }
}

/// As `swh_verifier_verify`, with the clock reading `now` (Unix seconds) instead
/// of the system clock: for tests and replays.
///
/// # Safety
/// As for `swh_verifier_verify`.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_verify_at(
    verifier: *const swh_verifier,
    payload: *const c_void,
    payload_len: usize,
    id: *const c_char,
    id_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    signature: *const c_char,
    signature_len: usize,
    now: i64,
) -> swh_status {
    // SAFETY: forwarded caller guarantees.
    unsafe {
        swh_verifier_verify_detailed(
            verifier,
            payload,
            payload_len,
            id,
            id_len,
            timestamp,
            timestamp_len,
            signature,
            signature_len,
            now,
            0,
            std::ptr::null_mut(),
            0,
        )
    }
}

/// As `swh_verifier_verify`, but the signature alone decides: the timestamp must
/// parse, yet its distance from the clock is not checked. Meant for replaying
/// stored webhooks; a live endpoint should check the time.
///
/// # Safety
/// As for `swh_verifier_verify`.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_verify_ignoring_timestamp(
    verifier: *const swh_verifier,
    payload: *const c_void,
    payload_len: usize,
    id: *const c_char,
    id_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    signature: *const c_char,
    signature_len: usize,
) -> swh_status {
    // SAFETY: forwarded caller guarantees.
    unsafe {
        swh_verifier_verify_detailed(
            verifier,
            payload,
            payload_len,
            id,
            id_len,
            timestamp,
            timestamp_len,
            signature,
            signature_len,
            0,
            SWH_VERIFY_IGNORE_TIMESTAMP,
            std::ptr::null_mut(),
            0,
        )
    }
}

/// The general form of the verify functions, with an explanation for logs.
///
/// `now` is the clock in Unix seconds unless `flags` holds `SWH_VERIFY_SYSTEM_CLOCK`;
/// with `SWH_VERIFY_IGNORE_TIMESTAMP` the tolerance is not checked. Any other
/// flag bit gives `SWH_INVALID_ARGUMENT`: a flag a later version adds must not be
/// silently ignored by this one.
///
/// When the status is not `SWH_OK` and `detail` is not NULL (with `detail_cap` > 0),
/// a NUL-terminated English explanation is written there, cut to fit, e.g.
/// `"missing or empty header: webhook-signature"`. It never contains key material.
/// On `SWH_OK`, `detail` is left unchanged.
///
/// Returns the statuses listed for `swh_verifier_verify`, or `SWH_INVALID_ARGUMENT`.
///
/// # Safety
/// As for `swh_verifier_verify`; `detail` must be NULL or point to `detail_cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_verify_detailed(
    verifier: *const swh_verifier,
    payload: *const c_void,
    payload_len: usize,
    id: *const c_char,
    id_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    signature: *const c_char,
    signature_len: usize,
    now: i64,
    flags: u32,
    detail: *mut c_char,
    detail_cap: usize,
) -> swh_status {
    let status = boundary(|| {
        if flags & !(SWH_VERIFY_SYSTEM_CLOCK | SWH_VERIFY_IGNORE_TIMESTAMP) != 0 {
            return swh_status::SWH_INVALID_ARGUMENT;
        }
        // SAFETY: the caller guarantees every pointer, as documented above.
        let inputs = unsafe {
            self::verifier(verifier).and_then(|v| {
                values(
                    (payload, payload_len),
                    (id, id_len),
                    (timestamp, timestamp_len),
                    (signature, signature_len),
                )
                .map(|vals| (v, vals))
            })
        };
        let (v, vals) = match inputs {
            Ok(x) => x,
            Err(s) => {
                // SAFETY: the caller guarantees detail is NULL or detail_cap writable bytes.
                unsafe { explain_status(s, detail, detail_cap) };
                return s;
            }
        };
        match run(&v.read(), &vals, now, flags) {
            Ok(()) => swh_status::SWH_OK,
            Err(e) => {
                // SAFETY: as above.
                unsafe { write_truncated(&e.to_string(), detail, detail_cap) };
                e.into()
            }
        }
    });
    if matches!(
        status,
        swh_status::SWH_INTERNAL_ERROR | swh_status::SWH_INVALID_ARGUMENT
    ) {
        // SAFETY: as above.
        unsafe { explain_status(status, detail, detail_cap) };
    }
    status
}

/// # Safety
/// `detail` must be NULL or point to `cap` writable bytes.
unsafe fn explain_status(status: swh_status, detail: *mut c_char, cap: usize) {
    let text = match status {
        swh_status::SWH_NULL_PARAMETER => {
            "a required pointer is NULL, or NULL came with a non-zero length"
        }
        swh_status::SWH_INTERNAL_ERROR => {
            "internal error: a panic was caught inside stdwebhooks (a bug)"
        }
        swh_status::SWH_INVALID_ARGUMENT => {
            "unknown flag bits: only SWH_VERIFY_SYSTEM_CLOCK and SWH_VERIFY_IGNORE_TIMESTAMP exist"
        }
        other => status_name(other as i32).to_str().unwrap_or("error"),
    };
    // SAFETY: forwarded caller guarantee.
    unsafe { write_truncated(text, detail, cap) };
}

/// A view of the caller's header array that the core can search.
struct Pairs<'a>(Vec<(&'a [u8], &'a [u8])>);

/// # Safety
/// `headers` must be NULL or point to `count` readable `swh_header`s whose
/// non-NULL pointers point to their lengths in readable bytes.
unsafe fn pairs<'a>(headers: *const swh_header, count: usize) -> Result<Pairs<'a>, swh_status> {
    if headers.is_null() {
        return if count == 0 {
            Ok(Pairs(Vec::new()))
        } else {
            Err(swh_status::SWH_NULL_PARAMETER)
        };
    }
    if count > isize::MAX as usize / std::mem::size_of::<swh_header>() {
        return Err(swh_status::SWH_NULL_PARAMETER);
    }
    // SAFETY: headers is non-NULL, points to `count` headers (caller's guarantee),
    // and the total size fits in isize as checked above.
    let raw = unsafe { std::slice::from_raw_parts(headers, count) };
    raw.iter()
        .map(|h| {
            // SAFETY: the caller guarantees each header's pointers and lengths.
            unsafe { Ok((bytes(h.name, h.name_len)?, bytes(h.value, h.value_len)?)) }
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Pairs)
}

/// Verifies a webhook against the system clock, given its headers as raw
/// name/value pairs (the library finds `webhook-id`, `webhook-timestamp` and
/// `webhook-signature` in any letter case; the first match wins; other headers are
/// ignored). `headers` may be NULL when `count` is 0.
///
/// Returns the statuses listed for `swh_verifier_verify`.
///
/// # Safety
/// `verifier` must be NULL or live; `payload` as for `swh_verifier_verify`;
/// `headers` must be NULL or point to `count` readable `swh_header`s, each of whose
/// non-NULL pointers points to its length in readable bytes.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_verify_headers(
    verifier: *const swh_verifier,
    payload: *const c_void,
    payload_len: usize,
    headers: *const swh_header,
    count: usize,
) -> swh_status {
    // SAFETY: forwarded caller guarantees.
    unsafe { verify_pairs(verifier, payload, payload_len, headers, count, None) }
}

/// As `swh_verifier_verify_headers`, with the clock reading `now` (Unix seconds).
///
/// # Safety
/// As for `swh_verifier_verify_headers`.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_verify_headers_at(
    verifier: *const swh_verifier,
    payload: *const c_void,
    payload_len: usize,
    headers: *const swh_header,
    count: usize,
    now: i64,
) -> swh_status {
    // SAFETY: forwarded caller guarantees.
    unsafe { verify_pairs(verifier, payload, payload_len, headers, count, Some(now)) }
}

/// # Safety
/// As for `swh_verifier_verify_headers`.
unsafe fn verify_pairs(
    verifier: *const swh_verifier,
    payload: *const c_void,
    payload_len: usize,
    headers: *const swh_header,
    count: usize,
    now: Option<i64>,
) -> swh_status {
    boundary(|| {
        // SAFETY: the caller guarantees every pointer, as documented on the exports.
        let inputs = unsafe {
            (
                self::verifier(verifier),
                bytes(payload, payload_len),
                pairs(headers, count),
            )
        };
        let (v, payload, pairs) = match inputs {
            (Ok(v), Ok(p), Ok(h)) => (v, p, h),
            (Err(s), _, _) | (_, Err(s), _) | (_, _, Err(s)) => return s,
        };
        let v = v.read();
        crate::status::status_of(match now {
            Some(now) => v.verify_at(payload, &pairs.0, now),
            None => v.verify(payload, &pairs.0),
        })
    })
}
