//! `webhook-timestamp`: 1 to 19 ASCII digits below 2^63, signed in canonical form.

use crate::error::{Error, ErrorKind, Result};

const MAX_DIGITS: usize = 19;

/// Parses a trimmed header value into seconds since the Unix epoch.
pub(crate) fn parse(text: &[u8]) -> Result<i64> {
    if text.is_empty() || text.len() > MAX_DIGITS || !text.iter().all(u8::is_ascii_digit) {
        return Err(ErrorKind::InvalidTimestamp.into());
    }
    let value = text
        .iter()
        .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
    i64::try_from(value).map_err(|_| Error::from(ErrorKind::InvalidTimestamp))
}

/// The canonical decimal of a timestamp that [`parse`] accepted: its text
/// without leading zeros (`"0"` when it is all zeros). Taken from the text,
/// not formatted again from the number, to save the divisions on every verify.
pub(crate) fn canonical(text: &[u8]) -> &[u8] {
    let zeros = text.iter().take_while(|d| **d == b'0').count();
    if zeros == text.len() {
        &text[text.len().saturating_sub(1)..]
    } else {
        &text[zeros..]
    }
}

/// A non-negative timestamp written without leading zeros, on the stack.
pub(crate) struct Canonical {
    buf: [u8; 20],
    start: usize,
}

impl Canonical {
    pub(crate) fn new(mut value: u64) -> Canonical {
        let mut buf = [0u8; 20];
        let mut start = buf.len();
        loop {
            start -= 1;
            buf[start] = b'0' + (value % 10) as u8;
            value /= 10;
            if value == 0 {
                break;
            }
        }
        Canonical { buf, start }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

/// Checks `timestamp` against `now`; a difference equal to the tolerance passes.
pub(crate) fn check_tolerance(timestamp: i64, now: i64, tolerance: u64) -> Result<()> {
    let diff = i128::from(now) - i128::from(timestamp);
    let tolerance = i128::from(tolerance);
    if diff > tolerance {
        Err(Error::new(
            ErrorKind::TimestampTooOld,
            crate::error::Detail::Skew((diff - tolerance) as u128),
        ))
    } else if -diff > tolerance {
        Err(Error::new(
            ErrorKind::TimestampTooNew,
            crate::error::Detail::Skew((-diff - tolerance) as u128),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_matches_the_formatted_number() {
        for text in [
            "0",
            "000",
            "7",
            "0007",
            "1649367553",
            "01649367553",
            "9223372036854775807",
        ] {
            let value = parse(text.as_bytes()).unwrap() as u64;
            assert_eq!(
                canonical(text.as_bytes()),
                Canonical::new(value).as_bytes(),
                "{text}"
            );
        }
    }
}
