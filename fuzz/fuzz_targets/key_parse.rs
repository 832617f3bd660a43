#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stdwebhooks_fuzz_harness::key_parse::run(data));
