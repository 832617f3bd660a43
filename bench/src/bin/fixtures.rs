//! Writes the shared fixtures for the non-Rust benches into one directory:
//! `payload-<size>.json` for every size, `fixtures.json` (secret, message
//! id, sizes and the gateway headers), and the same as plain text for C:
//! `secret.txt`, `msg_id.txt`, `sizes.txt` and `gateway_headers.txt`
//! (`name: value` lines).
//!
//! Usage: `fixtures <dir>`

use std::fmt::Write as _;
use std::path::PathBuf;

use stdwebhooks_bench::{payload, size_label, GATEWAY_HEADERS, MSG_ID, SECRET, SIZES};

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: fixtures <dir>"));
    std::fs::create_dir_all(&dir).expect("create the fixture directory");
    for size in SIZES {
        std::fs::write(dir.join(format!("payload-{size}.json")), payload(size))
            .expect("write a payload");
    }
    // Hand-written JSON: every string here is plain ASCII without quotes or backslashes.
    let mut json = String::from("{\n");
    writeln!(json, "  \"secret\": \"{SECRET}\",").unwrap();
    writeln!(json, "  \"msg_id\": \"{MSG_ID}\",").unwrap();
    let sizes: Vec<String> = SIZES.iter().map(|s| s.to_string()).collect();
    writeln!(json, "  \"sizes\": [{}],", sizes.join(", ")).unwrap();
    let labels: Vec<String> = SIZES
        .iter()
        .map(|s| format!("\"{}\"", size_label(*s)))
        .collect();
    writeln!(json, "  \"labels\": [{}],", labels.join(", ")).unwrap();
    let headers: Vec<String> = GATEWAY_HEADERS
        .iter()
        .map(|(k, v)| format!("    [\"{k}\", \"{v}\"]"))
        .collect();
    writeln!(
        json,
        "  \"gateway_headers\": [\n{}\n  ]",
        headers.join(",\n")
    )
    .unwrap();
    json.push_str("}\n");
    std::fs::write(dir.join("fixtures.json"), json).expect("write fixtures.json");
    std::fs::write(dir.join("secret.txt"), SECRET).expect("write secret.txt");
    std::fs::write(dir.join("msg_id.txt"), MSG_ID).expect("write msg_id.txt");
    std::fs::write(dir.join("sizes.txt"), sizes.join("\n") + "\n").expect("write sizes.txt");
    let lines: String = GATEWAY_HEADERS
        .iter()
        .map(|(k, v)| format!("{k}: {v}\n"))
        .collect();
    std::fs::write(dir.join("gateway_headers.txt"), lines).expect("write gateway_headers.txt");
    println!("fixtures written to {}", dir.display());
}
