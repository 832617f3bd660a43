//! Base64 as the contract reads it: standard alphabet, padding optional,
//! unused low bits of the last character ignored (as Python and Go decode).

use base64::alphabet::STANDARD;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD as PADDED};
use base64::engine::DecodePaddingMode;
use base64::Engine;

const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decodes into a fixed-size array; `None` unless the text is valid base64 of exactly `N` bytes.
pub(crate) fn decode_exact<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
    // The decoder wants room for the rounded-up length, so over-long input can
    // never be mistaken for N bytes: decode into a larger scratch buffer.
    if text.len() > N.div_ceil(3) * 4 + 2 {
        return None;
    }
    let mut scratch = [0u8; 72];
    let n = LENIENT.decode_slice(text, &mut scratch[..]).ok()?;
    let mut out = [0u8; N];
    (n == N).then(|| {
        out.copy_from_slice(&scratch[..N]);
        out
    })
}

/// Decodes text of any length.
pub(crate) fn decode(text: &[u8]) -> Option<Vec<u8>> {
    LENIENT.decode(text).ok()
}

/// Appends the padded encoding (as every reference library emits) to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    PADDED.encode_string(bytes, out)
}
