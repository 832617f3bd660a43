//! Fixtures shared by every benchmark of stdwebhooks, in every language.
//!
//! The Rust benches use them directly; `src/bin/fixtures.rs` writes the same
//! payloads and headers to files so the Python, Node, Go and C benches hash
//! exactly the same bytes and read exactly the same header set.

/// Payload sizes of every table: empty, a typical event, a large event, a big
/// batch and a 1 MiB export.
pub const SIZES: [usize; 5] = [0, 256, 2 * 1024, 20 * 1024, 1024 * 1024];

/// The HMAC secret all benches verify with (32 random-looking bytes).
pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwQQN0Rwo3zcs=";

/// A message id of the length Svix and most senders use.
pub const MSG_ID: &str = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";

/// A human label for a payload size: `0 B`, `256 B`, `2 KiB`, `20 KiB`, `1 MiB`.
pub fn size_label(size: usize) -> String {
    match size {
        s if s >= 1 << 20 && s % (1 << 20) == 0 => format!("{} MiB", s >> 20),
        s if s >= 1 << 10 && s % (1 << 10) == 0 => format!("{} KiB", s >> 10),
        s => format!("{s} B"),
    }
}

/// A JSON event of exactly `size` bytes (empty for 0): an array of small
/// records, so that a parser does the work a real webhook body costs, padded
/// by a string field to the exact length. Deterministic.
pub fn payload(size: usize) -> Vec<u8> {
    if size == 0 {
        return Vec::new();
    }
    let head = br#"{"type":"invoice.paid","data":["#;
    let tail_open = br#"],"pad":""#;
    let tail_close = br#""}"#;
    let fixed = head.len() + tail_open.len() + tail_close.len();
    assert!(size >= fixed, "payload sizes start at {fixed} bytes");
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(head);
    let mut n = 0u32;
    loop {
        let record = format!(
            r#"{}{{"id":"item_{n:06}","amount":{},"currency":"eur","paid":true}}"#,
            if n == 0 { "" } else { "," },
            1000 + n * 37
        );
        if out.len() + record.len() + fixed - head.len() > size {
            break;
        }
        out.extend_from_slice(record.as_bytes());
        n += 1;
    }
    out.extend_from_slice(tail_open);
    out.resize(size - tail_close.len(), b'x');
    out.extend_from_slice(tail_close);
    debug_assert_eq!(out.len(), size);
    out
}

/// The headers an AWS API Gateway (REST, proxy integration) event carries for
/// a webhook POST, lower-cased as Lambda delivers them, without the three
/// `webhook-*` headers. With those, the event holds 20 headers.
pub const GATEWAY_HEADERS: [(&str, &str); 17] = [
    ("accept", "*/*"),
    ("accept-encoding", "gzip, deflate"),
    ("cloudfront-forwarded-proto", "https"),
    ("cloudfront-is-desktop-viewer", "true"),
    ("cloudfront-is-mobile-viewer", "false"),
    ("cloudfront-is-smarttv-viewer", "false"),
    ("cloudfront-is-tablet-viewer", "false"),
    ("cloudfront-viewer-country", "US"),
    ("content-type", "application/json"),
    ("host", "abc123def4.execute-api.eu-west-1.amazonaws.com"),
    ("user-agent", "Svix-Webhooks/1.40.0"),
    (
        "via",
        "1.1 0a1b2c3d4e5f60718293a4b5c6d7e8f9.cloudfront.net (CloudFront)",
    ),
    (
        "x-amz-cf-id",
        "Fz3dXk2wL0b3mQj8bV6cYtPq1rN9sHdA7eK4uZyJgW5oC2iTxE_lMA==",
    ),
    (
        "x-amzn-trace-id",
        "Root=1-6566f1a2-3b4c5d6e7f8091a2b3c4d5e6",
    ),
    ("x-forwarded-for", "44.228.126.217, 130.176.98.43"),
    ("x-forwarded-port", "443"),
    ("x-forwarded-proto", "https"),
];

/// The 20 headers of a gateway event: [`GATEWAY_HEADERS`] then the three
/// webhook headers, last, as a linear scan finds them slowest.
pub fn gateway_headers<'a>(
    id: &'a str,
    timestamp: &'a str,
    signature: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut headers = GATEWAY_HEADERS.to_vec();
    headers.extend([
        ("webhook-id", id),
        ("webhook-timestamp", timestamp),
        ("webhook-signature", signature),
    ]);
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_have_the_exact_size_and_parse_as_text() {
        for size in SIZES {
            let p = payload(size);
            assert_eq!(p.len(), size);
            if size > 0 {
                let text = std::str::from_utf8(&p).unwrap();
                assert!(text.starts_with('{') && text.ends_with("\"}"));
            }
        }
    }

    #[test]
    fn the_gateway_event_has_twenty_headers() {
        assert_eq!(gateway_headers("a", "b", "c").len(), 20);
    }

    #[test]
    fn labels() {
        let labels: Vec<_> = SIZES.iter().map(|s| size_label(*s)).collect();
        assert_eq!(labels, ["0 B", "256 B", "2 KiB", "20 KiB", "1 MiB"]);
    }
}
