//! The checks each fuzz target makes, written once.
//!
//! Every target is a `run(&[u8])` function that panics when the core breaks a
//! rule of the contract. libFuzzer calls them from `fuzz_targets/` (nightly,
//! coverage-guided); `tests/smoke.rs` calls the very same functions on the
//! checked-in corpus and under proptest, so CI needs only stable Rust.
//!
//! Each module also has an `encode` function that writes a structured input in
//! the byte layout its `run` reads; the seed corpus and the proptest
//! strategies are built with it, so the layout is defined in one place.

pub mod input;
pub mod key_parse;
pub mod sign_verify;
pub mod signature_header;
pub mod verify;

/// Names of the targets, as the `fuzz_targets/*.rs` files and corpus folders are named.
pub const TARGETS: [&str; 4] = ["key_parse", "signature_header", "verify", "sign_verify"];

/// Runs the named target on one input.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "key_parse" => key_parse::run(data),
        "signature_header" => signature_header::run(data),
        "verify" => verify::run(data),
        "sign_verify" => sign_verify::run(data),
        other => panic!("no fuzz target named {other}"),
    }
}
