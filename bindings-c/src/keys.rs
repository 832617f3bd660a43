//! Decoding key text without building a verifier: what the contract's key table says.

use stdwebhooks::{Key, KeyKind};

use crate::buffers::bytes;
use crate::panic::boundary;
use crate::status::swh_status;

/// What a key is for.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum swh_key_kind {
    /// An HMAC-SHA256 secret (`whsec_`, bare base64, or raw bytes): `v1`.
    SWH_KEY_HMAC = 0,
    /// An ed25519 public key (`whpk_`): verifies `v1a`.
    SWH_KEY_ED25519_PUBLIC = 1,
    /// An ed25519 signing key (`whsk_`, seed then public key): signs `v1a`.
    SWH_KEY_ED25519_SECRET = 2,
}

impl From<KeyKind> for swh_key_kind {
    fn from(kind: KeyKind) -> swh_key_kind {
        match kind {
            KeyKind::Hmac => swh_key_kind::SWH_KEY_HMAC,
            KeyKind::Ed25519Public => swh_key_kind::SWH_KEY_ED25519_PUBLIC,
            KeyKind::Ed25519Secret => swh_key_kind::SWH_KEY_ED25519_SECRET,
        }
    }
}

/// Parses key text exactly as `swh_verifier_new_len` does and, on `SWH_OK`, writes
/// its kind into `*kind_out` and its decoded bytes into `out` (the HMAC secret, the
/// 32-byte public key, or the 64 bytes of seed and public key), with their count in
/// `*out_len`. For checking or converting keys; the bytes are secret material the
/// caller already holds as text, so treat `out` as such. Nothing is written unless
/// the status is `SWH_OK`. An ed25519 key needs at most 64 bytes; an HMAC secret as
/// many as it has.
///
/// Returns `SWH_OK`, `SWH_EMPTY_SECRET`, `SWH_INVALID_SECRET`, `SWH_BUFFER_TOO_SMALL`,
/// `SWH_NULL_PARAMETER` (NULL `kind_out`, `out` or `out_len`) or `SWH_INTERNAL_ERROR`.
///
/// # Safety
/// `text` must be NULL or point to `text_len` readable bytes; `kind_out` and
/// `out_len` NULL or writable; `out` NULL or `out_cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn swh_key_decode(
    text: *const std::ffi::c_char,
    text_len: usize,
    kind_out: *mut swh_key_kind,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> swh_status {
    boundary(|| {
        if kind_out.is_null() || out.is_null() || out_len.is_null() {
            return swh_status::SWH_NULL_PARAMETER;
        }
        // SAFETY: the caller guarantees text_len readable bytes at a non-NULL text.
        let text = match unsafe { bytes(text, text_len) } {
            Ok(t) => t,
            Err(s) => return s,
        };
        let key = match Key::parse_bytes(text) {
            Ok(k) => k,
            Err(e) => return e.into(),
        };
        // Zeroizing: the copy is wiped when dropped.
        let raw = key.expose_bytes();
        if raw.len() > out_cap {
            return swh_status::SWH_BUFFER_TOO_SMALL;
        }
        // SAFETY: out points to out_cap >= raw.len() writable bytes; kind_out and
        // out_len are non-NULL and writable, all as the caller guarantees.
        unsafe {
            std::ptr::copy_nonoverlapping(raw.as_ptr(), out, raw.len());
            *out_len = raw.len();
            *kind_out = key.kind().into();
        }
        swh_status::SWH_OK
    })
}
