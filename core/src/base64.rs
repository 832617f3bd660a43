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

/// Sextet of each byte of the standard alphabet; `INVALID` for every other byte.
const SEXTETS: [u8; 256] = {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const INVALID: u8 = 0x80;

/// A 32-byte HMAC tag as every sender writes it (43 characters, then `=` or
/// nothing), decoded without the general engine's setup: it is a fifth of a
/// small verify. `None` for any other shape, which the general path then judges.
fn decode_tag(text: &[u8]) -> Option<[u8; 32]> {
    let chars: &[u8; 43] = match text.len() {
        43 => text.try_into().ok()?,
        44 if text[43] == b'=' => text[..43].try_into().ok()?,
        _ => return None,
    };
    let mut out = [0u8; 32];
    let mut invalid = 0u8;
    let mut sextet = |i: usize| {
        let s = SEXTETS[chars[i] as usize];
        invalid |= s;
        u32::from(s)
    };
    for group in 0..10 {
        let c = group * 4;
        let bits = sextet(c) << 18 | sextet(c + 1) << 12 | sextet(c + 2) << 6 | sextet(c + 3);
        out[group * 3..group * 3 + 3].copy_from_slice(&bits.to_be_bytes()[1..]);
    }
    // 3 characters, 18 bits: two bytes and two unused low bits, ignored as in the general path.
    let bits = sextet(40) << 18 | sextet(41) << 12 | sextet(42) << 6;
    out[30..].copy_from_slice(&bits.to_be_bytes()[1..3]);
    (invalid & INVALID == 0).then_some(out)
}

/// Decodes into a fixed-size array; `None` unless the text is valid base64 of exactly `N` bytes.
pub(crate) fn decode_exact<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
    if N == 32 {
        if let Some(tag) = decode_tag(text) {
            let mut out = [0u8; N];
            out.copy_from_slice(&tag);
            return Some(out);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The general engine alone, as `decode_exact` was before the tag fast path.
    fn general<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
        let mut scratch = [0u8; 72];
        let n = LENIENT.decode_slice(text, &mut scratch[..]).ok()?;
        (n == N).then(|| scratch[..N].try_into().unwrap())
    }

    #[test]
    fn the_fast_path_decodes_what_senders_write() {
        let tag: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(37) ^ 0xa5).collect();
        let padded = PADDED.encode(&tag);
        assert_eq!(padded.len(), 44);
        assert_eq!(decode_tag(padded.as_bytes()).unwrap().to_vec(), tag);
        assert_eq!(decode_tag(&padded.as_bytes()[..43]).unwrap().to_vec(), tag);
        // Trailing bits set in the last character are ignored, as by the general engine.
        let mut loose = padded.clone().into_bytes();
        loose[42] = b'/';
        assert_eq!(decode_tag(&loose), general::<32>(&loose));
    }

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_general_engine(
            text in proptest::collection::vec(
                prop_oneof![
                    8 => proptest::sample::select(
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".to_vec()),
                    1 => proptest::sample::select(b"=-_, .\x00\xff".to_vec()),
                ],
                40..48,
            )
        ) {
            prop_assert_eq!(decode_exact::<32>(&text), general::<32>(&text));
        }

        #[test]
        fn every_tag_round_trips(tag in proptest::array::uniform32(any::<u8>()), pad in any::<bool>()) {
            let mut text = PADDED.encode(tag);
            if !pad {
                text.pop();
            }
            prop_assert_eq!(decode_exact::<32>(text.as_bytes()), Some(tag));
        }
    }
}
