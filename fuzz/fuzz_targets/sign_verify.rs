#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stdwebhooks_fuzz_harness::sign_verify::run(data));
