//! The opaque `swh_verifier`: creating, configuring and freeing it.

use std::ffi::{c_char, CStr};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use stdwebhooks::{Key, Verifier};

use crate::buffers::bytes;
use crate::panic::{boundary, boundary_void};
use crate::status::swh_status;

/// A verifier holding one or more keys and a tolerance (default 300 s).
///
/// Opaque: create it with `swh_verifier_new`, `swh_verifier_new_len` or
/// `swh_verifier_new_raw` and release it with `swh_verifier_free`. Every function
/// may be called on one verifier from many threads at once.
pub struct swh_verifier {
    // The lock lets swh_verifier_add_key and swh_verifier_set_tolerance run beside
    // verifications on other threads; verifications only take the shared side.
    inner: RwLock<Verifier>,
}

impl swh_verifier {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Verifier> {
        // A verifier is never left half-updated (see panic.rs), so a poisoned lock is still usable.
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, change: impl FnOnce(&mut Verifier)) {
        change(&mut self.inner.write().unwrap_or_else(PoisonError::into_inner));
    }
}

/// Borrows the verifier behind a caller's pointer.
///
/// # Safety
/// `ptr` must be NULL or a pointer from `swh_verifier_new*` not yet freed.
pub(crate) unsafe fn verifier<'a>(
    ptr: *const swh_verifier,
) -> Result<&'a swh_verifier, swh_status> {
    // SAFETY: the caller guarantees ptr is NULL or a live verifier from Box::into_raw.
    unsafe { ptr.as_ref() }.ok_or(swh_status::SWH_NULL_PARAMETER)
}

/// Boxes a verifier for `key` into `*out`.
///
/// # Safety
/// `out` must be NULL or point to a writable `swh_verifier *`.
unsafe fn create(key: stdwebhooks::Result<Key>, out: *mut *mut swh_verifier) -> swh_status {
    match key {
        Ok(key) => {
            let boxed = Box::new(swh_verifier {
                inner: RwLock::new(Verifier::new(key)),
            });
            // SAFETY: out was checked non-NULL by every caller, and the caller guarantees it is writable.
            unsafe { *out = Box::into_raw(boxed) };
            swh_status::SWH_OK
        }
        Err(e) => e.into(),
    }
}

/// Creates a verifier from NUL-terminated key text: `whsec_<base64>` (or the bare
/// base64), `whpk_<base64>` or `whsk_<base64>`. Spaces, tabs and line breaks
/// around the key are ignored.
///
/// On `SWH_OK`, `*out` receives a verifier the caller owns and must release with
/// `swh_verifier_free`; on any other status `*out` is left unchanged.
///
/// Returns `SWH_OK`, `SWH_EMPTY_SECRET`, `SWH_INVALID_SECRET` (also for text that
/// is not UTF-8), `SWH_NULL_PARAMETER` when `key` or `out` is NULL, or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `key` must be NULL or a NUL-terminated string; `out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_new(
    key: *const c_char,
    out: *mut *mut swh_verifier,
) -> swh_status {
    boundary(|| {
        if key.is_null() || out.is_null() {
            return swh_status::SWH_NULL_PARAMETER;
        }
        // SAFETY: key is non-NULL and the caller guarantees a NUL-terminated string.
        let text = unsafe { CStr::from_ptr(key) }.to_bytes();
        // SAFETY: out is non-NULL and writable, as the caller guarantees.
        unsafe { create(Key::parse_bytes(text), out) }
    })
}

/// Creates a verifier from key text given as pointer and length (no NUL needed;
/// a NUL inside is an invalid character). Same keys, ownership and statuses as
/// `swh_verifier_new`; (NULL, 0) is empty text and gives `SWH_EMPTY_SECRET`.
///
/// # Safety
/// `key` must be NULL or point to `key_len` readable bytes; `out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_new_len(
    key: *const c_char,
    key_len: usize,
    out: *mut *mut swh_verifier,
) -> swh_status {
    boundary(|| {
        if out.is_null() {
            return swh_status::SWH_NULL_PARAMETER;
        }
        // SAFETY: the caller guarantees key_len readable bytes at a non-NULL key.
        let text = match unsafe { bytes(key, key_len) } {
            Ok(t) => t,
            Err(s) => return s,
        };
        // SAFETY: out is non-NULL and writable, as the caller guarantees.
        unsafe { create(Key::parse_bytes(text), out) }
    })
}

/// Creates a verifier from raw HMAC-SHA256 key bytes, used as given (no base64).
/// Ownership as for `swh_verifier_new`.
///
/// Returns `SWH_OK`, `SWH_EMPTY_SECRET` for zero bytes, `SWH_NULL_PARAMETER` or
/// `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `key` must be NULL or point to `key_len` readable bytes; `out` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_new_raw(
    key: *const u8,
    key_len: usize,
    out: *mut *mut swh_verifier,
) -> swh_status {
    boundary(|| {
        if out.is_null() {
            return swh_status::SWH_NULL_PARAMETER;
        }
        // SAFETY: the caller guarantees key_len readable bytes at a non-NULL key.
        let raw = match unsafe { bytes(key, key_len) } {
            Ok(b) => b,
            Err(s) => return s,
        };
        // SAFETY: out is non-NULL and writable, as the caller guarantees.
        unsafe { create(Key::hmac(raw), out) }
    })
}

/// Adds a key given as text (as for `swh_verifier_new_len`); a webhook then passes
/// when any signature verifies under any key (secret rotation, HMAC beside ed25519).
/// Signing keeps using the first key that can sign. The verifier is unchanged on error.
///
/// Returns `SWH_OK`, `SWH_EMPTY_SECRET`, `SWH_INVALID_SECRET`, `SWH_NULL_PARAMETER`
/// or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `verifier` must be NULL or a live verifier; `key` must be NULL or point to `key_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_add_key(
    verifier: *mut swh_verifier,
    key: *const c_char,
    key_len: usize,
) -> swh_status {
    // SAFETY: forwarded caller guarantees.
    unsafe { add(verifier, key.cast(), key_len, Key::parse_bytes) }
}

/// Adds a raw HMAC-SHA256 key (bytes used as given), as `swh_verifier_add_key` does for text.
///
/// Returns `SWH_OK`, `SWH_EMPTY_SECRET`, `SWH_NULL_PARAMETER` or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `verifier` must be NULL or a live verifier; `key` must be NULL or point to `key_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_add_key_raw(
    verifier: *mut swh_verifier,
    key: *const u8,
    key_len: usize,
) -> swh_status {
    // SAFETY: forwarded caller guarantees.
    unsafe { add(verifier, key, key_len, Key::hmac) }
}

/// # Safety
/// As for `swh_verifier_add_key`.
unsafe fn add(
    verifier: *mut swh_verifier,
    key: *const u8,
    key_len: usize,
    parse: fn(&[u8]) -> stdwebhooks::Result<Key>,
) -> swh_status {
    boundary(|| {
        // SAFETY: the caller guarantees verifier is NULL or live, and key_len readable bytes at key.
        let (v, text) = match unsafe { (self::verifier(verifier), bytes(key, key_len)) } {
            (Ok(v), Ok(t)) => (v, t),
            (Err(s), _) | (_, Err(s)) => return s,
        };
        match parse(text) {
            Ok(k) => {
                v.update(|v| v.add_key(k));
                swh_status::SWH_OK
            }
            Err(e) => e.into(),
        }
    })
}

/// Sets how far, in seconds, a webhook's timestamp may lie from the clock
/// (default 300; a difference equal to the tolerance passes). Any value is accepted,
/// 0 included.
///
/// Returns `SWH_OK`, `SWH_NULL_PARAMETER` or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `verifier` must be NULL or a live verifier.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_set_tolerance(
    verifier: *mut swh_verifier,
    seconds: u64,
) -> swh_status {
    boundary(|| {
        // SAFETY: the caller guarantees verifier is NULL or live.
        match unsafe { self::verifier(verifier) } {
            Ok(v) => {
                v.update(|v| v.set_tolerance(seconds));
                swh_status::SWH_OK
            }
            Err(s) => s,
        }
    })
}

/// Releases a verifier and the keys it holds. NULL is accepted and does
/// nothing. No other call on the verifier may run at the same time or after.
///
/// # Safety
/// `verifier` must be NULL or a verifier from `swh_verifier_new*` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn swh_verifier_free(verifier: *mut swh_verifier) {
    boundary_void(|| {
        if !verifier.is_null() {
            // SAFETY: the pointer came from Box::into_raw in `create` and is freed once,
            // as the caller guarantees.
            drop(unsafe { Box::from_raw(verifier) });
        }
    })
}
