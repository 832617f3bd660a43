//! Turning C's pointer + length pairs into slices, and writing text into C's buffers.
//!
//! `slice::from_raw_parts` is undefined behaviour for a NULL pointer even with a
//! zero length, and an empty webhook body is legal input, so (NULL, 0) becomes
//! `&[]` here without ever reaching it.

use std::ffi::c_char;

use crate::status::swh_status;

/// A caller's byte input: (NULL, 0) is empty; NULL with a length is an error.
/// `T` is the pointer's C type (`char`, `void` or `uint8_t`); `len` always counts bytes.
///
/// # Safety
/// When `ptr` is not NULL it must point to `len` readable bytes that stay valid
/// and unmodified for `'a`.
pub(crate) unsafe fn bytes<'a, T>(ptr: *const T, len: usize) -> Result<&'a [u8], swh_status> {
    // SAFETY: forwarded caller guarantee.
    Ok(unsafe { optional_bytes(ptr, len) }?.unwrap_or(&[]))
}

/// Like [`bytes`], but keeps (NULL, 0) apart as "absent" (a header that is not there).
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn optional_bytes<'a, T>(
    ptr: *const T,
    len: usize,
) -> Result<Option<&'a [u8]>, swh_status> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(None)
        } else {
            Err(swh_status::SWH_NULL_PARAMETER)
        };
    }
    // from_raw_parts requires the total size to fit in isize.
    if len > isize::MAX as usize {
        return Err(swh_status::SWH_NULL_PARAMETER);
    }
    // SAFETY: ptr is non-NULL and the caller guarantees `len` readable bytes for 'a;
    // the length fits in isize, as checked above.
    Ok(Some(unsafe {
        std::slice::from_raw_parts(ptr.cast::<u8>(), len)
    }))
}

/// Copies `text` and a NUL into the caller's buffer, and its length (without the
/// NUL) into `out_len` when that is not NULL.
///
/// # Safety
/// `out` must be NULL or point to `cap` writable bytes; `out_len` must be NULL or
/// point to a writable `size_t`.
pub(crate) unsafe fn write_text(
    text: &[u8],
    out: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> swh_status {
    if out.is_null() {
        return swh_status::SWH_NULL_PARAMETER;
    }
    if cap < text.len() + 1 {
        return swh_status::SWH_BUFFER_TOO_SMALL;
    }
    // SAFETY: out points to at least cap >= text.len() + 1 writable bytes, and a
    // caller's buffer cannot overlap a slice this library owns.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), out.cast::<u8>(), text.len());
        *out.add(text.len()) = 0;
    }
    if !out_len.is_null() {
        // SAFETY: out_len is non-NULL and the caller guarantees it is writable.
        unsafe { *out_len = text.len() };
    }
    swh_status::SWH_OK
}

/// Copies as much of `text` as fits, always NUL-terminated, for explanations that
/// may be cut short. Does nothing when `out` is NULL or `cap` is 0.
///
/// # Safety
/// `out` must be NULL or point to `cap` writable bytes.
pub(crate) unsafe fn write_truncated(text: &str, out: *mut c_char, cap: usize) {
    if out.is_null() || cap == 0 {
        return;
    }
    let mut n = text.len().min(cap - 1);
    // Cut on a character boundary so the C string stays valid UTF-8.
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    // SAFETY: out points to cap writable bytes and n + 1 <= cap.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), out.cast::<u8>(), n);
        *out.add(n) = 0;
    }
}
