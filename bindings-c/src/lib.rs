//! The C ABI of stdwebhooks: `libstdwebhooks.so`, `libstdwebhooks.a` and the
//! header `include/stdwebhooks.h`, which cbindgen writes from the `///` comments
//! of this crate. The Go package in `go/` links the static library.
//!
//! Every rule lives in the core crate; this crate only turns C pointers into
//! slices, maps `ErrorKind` to [`swh_status`] and keeps panics from unwinding
//! into C.
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(clippy::undocumented_unsafe_blocks)]
#![allow(non_camel_case_types)]

mod buffers;
mod keys;
mod panic;
mod sign;
mod status;
mod verifier;
mod verify;

pub use keys::*;
pub use sign::*;
pub use status::*;
pub use verifier::*;
pub use verify::*;

/// Major version of the library this header was generated for (equals Cargo.toml's).
pub const SWH_VERSION_MAJOR: u32 = 0;
/// Minor version of the library this header was generated for.
pub const SWH_VERSION_MINOR: u32 = 1;
/// Patch version of the library this header was generated for.
pub const SWH_VERSION_PATCH: u32 = 0;

/// Longest text a signature or challenge response can be: `v1a,` and 88 base64
/// characters. A buffer of `SWH_MAX_SIGNATURE_LEN + 1` bytes (for the NUL) always suffices.
pub const SWH_MAX_SIGNATURE_LEN: usize = 92;

// cbindgen copies only literals into the header, so the literals above are checked here.
const _: () = assert!(SWH_MAX_SIGNATURE_LEN == stdwebhooks::MAX_SIGNATURE_LEN);

/// The version of the linked library, e.g. `"0.1.0"`: a static NUL-terminated
/// string the caller must not free. Compare it with the `SWH_VERSION_*` macros to
/// catch a header that does not match the library.
// No panic boundary: returns a constant, nothing here can panic.
#[no_mangle]
pub extern "C" fn swh_version() -> *const std::ffi::c_char {
    // concat! adds the NUL at compile time; no allocation, nothing to free.
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Test-only: panics inside the FFI boundary and returns what the boundary made of it.
#[cfg(feature = "test-panic")]
#[no_mangle]
pub extern "C" fn swh_test_panic() -> swh_status {
    panic::boundary(|| panic!("swh_test_panic: a deliberate panic for the boundary test"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_constants_match_cargo() {
        assert_eq!(
            SWH_VERSION_MAJOR.to_string(),
            env!("CARGO_PKG_VERSION_MAJOR")
        );
        assert_eq!(
            SWH_VERSION_MINOR.to_string(),
            env!("CARGO_PKG_VERSION_MINOR")
        );
        assert_eq!(
            SWH_VERSION_PATCH.to_string(),
            env!("CARGO_PKG_VERSION_PATCH")
        );
        // SAFETY: swh_version returns a pointer to a static NUL-terminated string.
        let text = unsafe { std::ffi::CStr::from_ptr(swh_version()) };
        assert_eq!(text.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn header_max_signature_len_is_the_core_constant() {
        let header = include_str!("../include/stdwebhooks.h");
        let line = format!(
            "#define SWH_MAX_SIGNATURE_LEN {}",
            stdwebhooks::MAX_SIGNATURE_LEN
        );
        assert!(
            header.lines().any(|l| l.trim() == line),
            "header lacks `{line}`"
        );
    }
}
