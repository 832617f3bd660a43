//! The panic boundary every export runs inside.
//!
//! Since Rust 1.81 a panic unwinding out of an `extern "C"` function aborts the
//! process. A webhook endpoint would rather log an error and answer 500, so each
//! export catches the panic and returns `SWH_INTERNAL_ERROR` instead (rustls-ffi
//! does the same with its `ffi_panic_boundary!`). Nothing in the core is meant to
//! panic on any input; this is the net under a bug.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::status::swh_status;

/// Runs `body`, turning a panic into `SWH_INTERNAL_ERROR`.
///
/// `AssertUnwindSafe` is sound here: the only shared state a body touches is a
/// verifier behind an `RwLock`, and a poisoned lock is recovered because no
/// export leaves a verifier half-updated (each write is a single push or store).
pub(crate) fn boundary(body: impl FnOnce() -> swh_status) -> swh_status {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(swh_status::SWH_INTERNAL_ERROR)
}

/// The same for exports that return nothing (the free functions).
pub(crate) fn boundary_void(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}
