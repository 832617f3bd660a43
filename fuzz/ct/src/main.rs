//! A dudect-style timing check (Reparaz, Balasch, Verbauwhede, "Dude, is my
//! code constant time?", 2017): time many calls on two classes of input,
//! interleaved at random, and test with Welch's t whether their means differ.
//!
//! Class A: a wrong signature that differs from the right one in its first
//! byte. Class B: one that differs in its last byte. A comparison that stops
//! at the first differing byte runs longer for B. |t| above 4.5 is the usual
//! sign of a leak; below it, none was found at this sample size.
//!
//! A positive control runs the same measurement on an early-exit comparison
//! after the same HMAC work, to show that a leak of that size would be seen.
//!
//! Run it in a release build: `make -C fuzz ct` (or `cargo run --release -p
//! stdwebhooks-ct -- --seconds 60`). Not a test: it asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use stdwebhooks::{HeaderValues, Key, Verifier};

const ID: &[u8] = b"msg_2Yz0Ab7kQp1nX9cVr4LmT8sE";
const TS: &[u8] = b"1700000000";
const PAYLOAD: &[u8] = br#"{"type":"invoice.paid","data":{"id":"in_1","amount":4200}}"#;
const CHALLENGE: &[u8] = b"chal_4fGh8Jk2LmN0pQ";

/// Cropping thresholds (fractions of the warm-up distribution), as dudect
/// crops the slow tail where interrupts and frequency changes live.
const CROPS: [f64; 6] = [1.0, 0.99, 0.95, 0.90, 0.75, 0.50];
const WARMUP: usize = 20_000;

/// Running mean and variance (Welford) of one class under one crop.
#[derive(Clone, Copy, Default)]
struct Moments {
    n: f64,
    mean: f64,
    m2: f64,
}

impl Moments {
    fn push(&mut self, x: f64) {
        self.n += 1.0;
        let d = x - self.mean;
        self.mean += d / self.n;
        self.m2 += d * (x - self.mean);
    }

    fn var(&self) -> f64 {
        if self.n > 1.0 {
            self.m2 / (self.n - 1.0)
        } else {
            0.0
        }
    }
}

fn welch_t(a: &Moments, b: &Moments) -> f64 {
    let se = (a.var() / a.n + b.var() / b.n).sqrt();
    if se == 0.0 {
        0.0
    } else {
        (a.mean - b.mean) / se
    }
}

/// xorshift64*: a tiny RNG to pick each sample's class (no dependency needed).
struct Rng(u64);

impl Rng {
    fn bit(&mut self) -> bool {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 63 == 1
    }
}

struct Report {
    samples: u64,
    t: Vec<f64>,
}

/// Times one call on an input of `class` (false: A, true: B), in nanoseconds.
///
/// Each class's input is copied into one shared buffer before the clock
/// starts, so both classes are read from the same addresses: two separate
/// allocations can differ in alignment, which dudect would report as a leak.
struct Timed<F: FnMut(&[u8])> {
    inputs: [Vec<u8>; 2],
    buffer: Vec<u8>,
    call: F,
}

impl<F: FnMut(&[u8])> Timed<F> {
    fn new(a: impl Into<Vec<u8>>, b: impl Into<Vec<u8>>, call: F) -> Self {
        let inputs = [a.into(), b.into()];
        assert_eq!(
            inputs[0].len(),
            inputs[1].len(),
            "both classes must have the same length"
        );
        let buffer = vec![0; inputs[0].len()];
        Timed {
            inputs,
            buffer,
            call,
        }
    }

    fn time(&mut self, class: bool) -> f64 {
        self.buffer
            .copy_from_slice(&self.inputs[usize::from(class)]);
        let input = black_box(&self.buffer[..]);
        let start = Instant::now();
        (self.call)(input);
        start.elapsed().as_nanos() as f64
    }
}

/// Times calls for about `budget`, classes interleaved at random.
fn measure<F: FnMut(&[u8])>(budget: Duration, mut timed: Timed<F>) -> Report {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let mut rng = Rng(seed | 1);
    let mut warm: Vec<f64> = (0..WARMUP).map(|_| timed.time(rng.bit())).collect();
    warm.sort_by(f64::total_cmp);
    let limits: Vec<f64> = CROPS
        .iter()
        .map(|p| {
            if *p >= 1.0 {
                f64::INFINITY
            } else {
                warm[((warm.len() - 1) as f64 * p) as usize]
            }
        })
        .collect();

    let mut moments = vec![[Moments::default(); 2]; CROPS.len()];
    let deadline = Instant::now() + budget;
    let mut samples = 0u64;
    while Instant::now() < deadline {
        for _ in 0..1000 {
            let class = rng.bit();
            let x = timed.time(class);
            for (m, limit) in moments.iter_mut().zip(&limits) {
                if x <= *limit {
                    m[usize::from(class)].push(x);
                }
            }
            samples += 1;
        }
    }
    let t = moments.iter().map(|[a, b]| welch_t(a, b)).collect();
    Report { samples, t }
}

fn print(name: &str, r: &Report) {
    let max = r.t.iter().fold(0.0f64, |m, t| m.max(t.abs()));
    let crops: Vec<String> = CROPS
        .iter()
        .zip(&r.t)
        .map(|(p, t)| format!("p{:.0}={t:+.2}", p * 100.0))
        .collect();
    let verdict = if max < 4.5 {
        "no leak detected"
    } else {
        "LEAK SUSPECTED"
    };
    println!(
        "{name:<34} samples={:>10}  max|t|={max:>7.2}  {verdict}  [{}]",
        r.samples,
        crops.join(" ")
    );
}

/// A wrong signature header: the right bytes with the first or the last byte changed.
fn wrong(right: &[u8; 32], last: bool) -> String {
    let mut bytes = *right;
    let i = if last { 31 } else { 0 };
    bytes[i] ^= 0x01;
    format!("v1,{}", b64(&bytes))
}

fn b64(bytes: &[u8]) -> String {
    // The core encodes through a key's text form; reuse that rather than add a base64 dependency.
    let text = Key::hmac(bytes).unwrap().expose_text();
    text.trim_start_matches("whsec_").to_string()
}

fn unb64(text: &str) -> [u8; 32] {
    let key = Key::parse(text).unwrap();
    key.expose_bytes()[..].try_into().unwrap()
}

fn naive_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    for i in 0..32 {
        if black_box(a[i]) != black_box(b[i]) {
            return false;
        }
    }
    true
}

fn main() {
    let mut seconds = 20.0f64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("--seconds N")
            }
            _ => {
                eprintln!("usage: stdwebhooks-ct [--seconds N]   (time per measurement)");
                std::process::exit(2);
            }
        }
    }
    let budget = Duration::from_secs_f64(seconds);
    if cfg!(debug_assertions) {
        println!("(debug build: timings mean nothing; use a release build for real numbers)");
    }

    let verifier =
        Verifier::new(Key::parse("whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=").unwrap());
    let ts: i64 = std::str::from_utf8(TS).unwrap().parse().unwrap();
    let right = verifier.sign(ID, ts, PAYLOAD).unwrap();
    let right = unb64(&right["v1,".len()..]);
    let verify = |sig: &[u8]| {
        let values = HeaderValues {
            id: Some(ID),
            timestamp: Some(TS),
            signature: Some(sig),
        };
        black_box(verifier.verify_values_at(black_box(PAYLOAD), values, ts)).unwrap_err();
    };
    let v1 = Timed::new(wrong(&right, false), wrong(&right, true), verify);
    print("v1 verify, first vs last byte", &measure(budget, v1));

    let response = verifier.endpoint_verification_response(CHALLENGE).unwrap();
    let response = unb64(&response["v1,".len()..]);
    let challenge = |r: &[u8]| {
        black_box(verifier.verify_endpoint_verification_response(black_box(CHALLENGE), r))
            .unwrap_err();
    };
    let check = Timed::new(wrong(&response, false), wrong(&response, true), challenge);
    print(
        "challenge check, first vs last byte",
        &measure(budget, check),
    );

    // The control compares raw tags: the same HMAC work as a verify, then a
    // comparison that stops at the first differing byte.
    let raw = |last: bool| {
        let mut bytes = right;
        bytes[if last { 31 } else { 0 }] ^= 0x01;
        bytes.to_vec()
    };
    let control = |given: &[u8]| {
        black_box(verifier.sign(ID, ts, black_box(PAYLOAD)).unwrap());
        black_box(naive_eq(&right, given.try_into().unwrap()));
    };
    let control = Timed::new(raw(false), raw(true), control);
    print(
        "control: HMAC + early-exit compare",
        &measure(budget, control),
    );
}
