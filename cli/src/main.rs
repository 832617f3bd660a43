//! `stdwebhooks`: verify, sign and make keys for Standard Webhooks, for people
//! debugging a webhook that will not verify.

mod args;
mod diagnose;
mod input;

use std::process::ExitCode;

use base64::Engine;
use stdwebhooks::{Key, Verifier};

use args::Options;

const USAGE: &str = "\
usage:
  stdwebhooks verify [--secret-env NAME | --secret-file PATH]
                     [--header 'name: value']... [--headers-file PATH]
                     [--body-file PATH] [--now UNIX_SECONDS] [--tolerance SECONDS]
      Verifies a webhook. The secret comes from $WEBHOOK_SECRET unless told
      otherwise; the body from --body-file or standard input, byte for byte.
      Exit status: 0 valid, 1 not valid (with the reason), 2 usage or input error.
  stdwebhooks sign [--secret-env NAME | --secret-file PATH] [--id MSG_ID]
                   [--timestamp UNIX_SECONDS] [--body-file PATH]
      Prints the three webhook-* headers for a body.
  stdwebhooks keygen [--kind hmac|ed25519]
      Prints a new whsec_ secret, or a whsk_ signing key and its whpk_ public key.
";

/// Exit status for a webhook that was checked and is not valid.
const INVALID: u8 = 1;
/// Exit status for a mistake in the command line or its inputs.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() > 1 && args[1..].iter().any(|a| a == "--help" || a == "-h") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = match args.first().map(String::as_str) {
        Some("verify") => verify(&args[1..]),
        Some("sign") => sign(&args[1..]),
        Some("keygen") => keygen(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command '{other}'\n\n{USAGE}")),
        None => Err(format!("a command is needed\n\n{USAGE}")),
    };
    result.unwrap_or_else(|message| {
        eprintln!("stdwebhooks: {message}");
        ExitCode::from(USAGE_ERROR)
    })
}

fn verify(args: &[String]) -> Result<ExitCode, String> {
    let opts = Options::parse(
        args,
        &[
            "secret-env",
            "secret-file",
            "header",
            "headers-file",
            "body-file",
            "now",
            "tolerance",
        ],
    )?;
    let mut verifier = Verifier::new(input::key(&opts)?);
    if let Some(t) = opts.number("tolerance")? {
        verifier.set_tolerance(t);
    }
    let now = opts.number("now")?.unwrap_or_else(stdwebhooks::now);
    let headers = input::headers(&opts)?;
    let body = input::body(&opts)?;
    match verifier.verify_at(&body, &headers, now) {
        Ok(()) => {
            println!(
                "valid: the signature matches ({} bytes of body)",
                body.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            println!("invalid: {}", e.kind());
            println!("{}", diagnose::explain(&e, &verifier, &body, &headers, now));
            Ok(ExitCode::from(INVALID))
        }
    }
}

fn sign(args: &[String]) -> Result<ExitCode, String> {
    let opts = Options::parse(
        args,
        &["secret-env", "secret-file", "id", "timestamp", "body-file"],
    )?;
    let verifier = Verifier::new(input::key(&opts)?);
    let id = match opts.get("id") {
        // The id is printed as a header line: an empty one would not verify, and a
        // line break would let it forge the lines after it.
        Some("") => return Err("--id must not be empty".to_string()),
        Some(id) if id.chars().any(char::is_control) => {
            return Err("--id must be one line of printable text".to_string())
        }
        Some(id) => id.to_string(),
        None => format!("msg_{}", random_token()?),
    };
    let timestamp = opts.number("timestamp")?.unwrap_or_else(stdwebhooks::now);
    let body = input::body(&opts)?;
    let signature = verifier
        .sign(id.as_bytes(), timestamp, &body)
        .map_err(|e| e.to_string())?;
    println!("webhook-id: {id}");
    println!("webhook-timestamp: {timestamp}");
    println!("webhook-signature: {signature}");
    Ok(ExitCode::SUCCESS)
}

fn keygen(args: &[String]) -> Result<ExitCode, String> {
    let opts = Options::parse(args, &["kind"])?;
    match opts.get("kind").unwrap_or("hmac") {
        "hmac" => {
            let key = Key::hmac(&random_bytes::<32>()?).map_err(|e| e.to_string())?;
            println!("{}", key.expose_text().as_str());
        }
        "ed25519" => {
            let key = Key::ed25519_seed(&random_bytes::<32>()?);
            let public = key.public_key().expect("an ed25519 key has a public half");
            println!("{}", key.expose_text().as_str());
            println!("{}", public.expose_text().as_str());
        }
        other => return Err(format!("--kind must be hmac or ed25519, got '{other}'")),
    }
    Ok(ExitCode::SUCCESS)
}

fn random_bytes<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| format!("the system random source failed: {e}"))?;
    Ok(bytes)
}

/// A message id in the style senders use: 18 random bytes as 24 URL-safe base64 characters.
fn random_token() -> Result<String, String> {
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<18>()?))
}
