//! Where the CLI reads secrets, headers and bodies from.

use std::io::Read;

use stdwebhooks::Key;

use crate::args::Options;

/// Reads the key from `--secret-file`, or from the variable named by `--secret-env`
/// (default `WEBHOOK_SECRET`), so the secret never appears in shell history.
pub fn key(opts: &Options) -> Result<Key, String> {
    let text: Vec<u8> = match opts.get("secret-file") {
        Some(path) => {
            std::fs::read(path).map_err(|e| format!("cannot read --secret-file {path}: {e}"))?
        }
        None => {
            let var = opts.get("secret-env").unwrap_or("WEBHOOK_SECRET");
            // Read as bytes: a variable that is set but not UTF-8 is a bad secret, not a missing one.
            let value = std::env::var_os(var).ok_or_else(|| {
                format!("no secret: set the environment variable {var} (or pass --secret-env NAME or --secret-file PATH)")
            })?;
            value.into_encoded_bytes()
        }
    };
    Key::parse_bytes(&text).map_err(|e| format!("the secret is not usable ({}): {e}", e.kind()))
}

/// The body from `--body-file`, or standard input: raw bytes, untouched.
pub fn body(opts: &Options) -> Result<Vec<u8>, String> {
    match opts.get("body-file") {
        Some(path) => {
            std::fs::read(path).map_err(|e| format!("cannot read --body-file {path}: {e}"))
        }
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read the body from stdin: {e}"))?;
            Ok(buf)
        }
    }
}

/// Headers from `--header 'Name: value'` and `--headers-file`, in that order.
pub fn headers(opts: &Options) -> Result<Vec<(String, String)>, String> {
    let mut headers = Vec::new();
    for h in opts.all("header") {
        headers.push(
            header_line(h)
                .ok_or_else(|| format!("--header must look like 'name: value', got '{h}'"))?,
        );
    }
    if let Some(path) = opts.get("headers-file") {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read --headers-file {path}: {e}"))?;
        headers.extend(text.lines().filter_map(header_line));
    }
    Ok(headers)
}

/// One `Name: value` line as copied from a request log. Request lines
/// (`POST /hook HTTP/1.1`) and anything else without a plain field name are skipped.
fn header_line(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plain.then(|| {
        (
            name.to_string(),
            value.trim_end_matches(['\r', '\n']).to_string(),
        )
    })
}
