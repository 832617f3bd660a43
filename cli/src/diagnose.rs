//! Why a webhook did not verify, in words, including the near misses that
//! cause most real failures: a body that is almost, but not exactly, what was signed.

use base64::Engine;
use serde_json::Value;
use stdwebhooks::{Error, ErrorKind, HeaderSource, Verifier, HEADER_TIMESTAMP};

/// A body that differs from the received one in a way that commonly happens
/// between a sender and a handler, and what that difference means.
struct NearMiss {
    body: Vec<u8>,
    explanation: &'static str,
}

/// Plain-language explanation of `error` for the person debugging.
pub fn explain<H: HeaderSource>(
    error: &Error,
    verifier: &Verifier,
    body: &[u8],
    headers: &H,
    now: i64,
) -> String {
    match error.kind() {
        ErrorKind::MissingHeader => format!(
            "The request has no usable {} header (absent or empty). A Standard Webhook carries \
             webhook-id, webhook-timestamp and webhook-signature; check that every proxy in between \
             forwards them and that you copied all three.",
            error.missing_header().unwrap_or("webhook-*")
        ),
        ErrorKind::InvalidTimestamp => {
            "webhook-timestamp must be the Unix time in whole seconds: 1 to 19 ASCII digits, no sign, \
             no fraction, no date text."
                .to_string()
        }
        ErrorKind::TimestampTooOld => format!(
            "{error}. Either the webhook is a replay or was delayed, or this machine's clock is wrong. \
             To check the signature of an old webhook anyway, pass --now with its timestamp."
        ),
        ErrorKind::TimestampTooNew => {
            let ts = headers.header(HEADER_TIMESTAMP).map(|v| v.len()).unwrap_or(0);
            let millis = if ts >= 13 { " It looks like milliseconds; the header takes seconds." } else { "" };
            format!("{error}. The sender's clock or this machine's is wrong.{millis}")
        }
        ErrorKind::NoMatchingSignature => {
            let near = near_misses(body)
                .into_iter()
                .find(|m| verifier.verify_at(&m.body, headers, now).is_ok());
            match near {
                Some(m) => format!("The signature does not match the body as given, but {}", m.explanation),
                None => "No signature matches. Either the secret is not the one the sender signs with \
                         (check for the right environment, and for secret rotation), or the body is not \
                         byte for byte what was sent: verify the raw request body, before any parsing, \
                         decoding or re-encoding."
                    .to_string(),
            }
        }
        _ => error.to_string(),
    }
}

fn near_misses(body: &[u8]) -> Vec<NearMiss> {
    let mut out = Vec::new();
    let trimmed = body
        .strip_suffix(b"\n")
        .map(|b| b.strip_suffix(b"\r").unwrap_or(b));
    if let Some(t) = trimmed {
        out.push(NearMiss {
            body: t.to_vec(),
            explanation: "it does match without the trailing newline at the end of the body. The newline \
                          was added after signing (an editor, `echo`, or a log copy); verify the exact bytes.",
        });
    }
    let mut with_newline = body.to_vec();
    with_newline.push(b'\n');
    out.push(NearMiss {
        body: with_newline,
        explanation:
            "it does match with a trailing newline added: the signed body ended in a newline \
                      that was lost on the way; verify the exact bytes.",
    });
    let text: Vec<u8> = body
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(text) {
        out.push(NearMiss {
            body: decoded,
            explanation: "it does match the base64-decoded body. The body is base64 of what was signed, as \
                          API Gateway and Lambda deliver it with isBase64Encoded: true; decode it before verifying.",
        });
    }
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        for candidate in json_forms(&value) {
            if candidate != body {
                out.push(NearMiss {
                    body: candidate,
                    explanation: "it does match the same JSON written differently. The body was parsed \
                                  and re-serialized before verifying (spacing or key order changed); verify \
                                  the raw request body instead (e.g. express.raw(), request.get_data()).",
                });
            }
        }
    }
    out
}

/// The usual ways a JSON value gets written: compact, with Python's default
/// separators, pretty-printed, each with keys as given and sorted.
fn json_forms(value: &Value) -> Vec<Vec<u8>> {
    let sorted = sort_keys(value);
    let mut forms = Vec::new();
    for v in [value, &sorted] {
        forms.push(serde_json::to_vec(v).unwrap_or_default());
        forms.push(python_style(v).into_bytes());
        forms.push(serde_json::to_vec_pretty(v).unwrap_or_default());
    }
    forms
}

fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sort_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

/// `json.dumps` with default separators `", "` and `": "`.
fn python_style(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), python_style(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(python_style)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}
