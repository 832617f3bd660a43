//! Ratios that survive a busy machine: ours and the floor (and the reference)
//! timed in alternating short batches, so a neighbour's load hits all rows
//! alike. Criterion (`verify.rs`) gives the absolute medians; this gives the
//! ratios the targets are stated in: the median over rounds of each round's
//! ratio.
//!
//! Prints one JSON object per line: `{"size":…,"row":…,"median_ns":…,"ratio_to_floor":…}`.
//! Arguments: `--rounds N` (most rounds per size, default 1001), `--batch-us N`
//! (default 200: short batches, so that few of them contain a preemption by a
//! neighbour and the median stays clean), `--budget-ms N` (time per size,
//! default 1500; at least 21 rounds). Under `cargo test` (`--test` or no
//! `--bench`) it runs 3 tiny rounds.

use std::hint::black_box;
use std::time::Instant;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use stdwebhooks::{HeaderValues, Key, Verifier};
use stdwebhooks_bench::{payload, MSG_ID, SECRET, SIZES};

type Row<'a> = (&'static str, Box<dyn FnMut() + 'a>);

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

/// Iterations of `f` that take about `target_ns`.
fn calibrate(f: &mut dyn FnMut(), target_ns: f64) -> u64 {
    let mut n = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        let ns = start.elapsed().as_nanos() as f64;
        if ns >= target_ns / 4.0 || n >= 1 << 30 {
            return ((n as f64) * target_ns / ns.max(1.0)).ceil().max(1.0) as u64;
        }
        n *= 4;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let quick = !args.iter().any(|a| a == "--bench") || args.iter().any(|a| a == "--test");
    let max_rounds = value("--rounds").unwrap_or(if quick { 3 } else { 1001 });
    let batch_ns = value("--batch-us").unwrap_or(if quick { 50 } else { 200 }) as f64 * 1e3;
    let budget_ns = value("--budget-ms").unwrap_or(if quick { 1 } else { 1500 }) as f64 * 1e6;

    let verifier = Verifier::new(Key::parse(SECRET).unwrap());
    let reference = standardwebhooks::Webhook::new(SECRET).unwrap();
    let secret = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(SECRET.strip_prefix("whsec_").unwrap())
            .unwrap()
    };
    let floor_key = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).unwrap();

    for size in SIZES {
        let body = payload(size);
        let now = stdwebhooks::now();
        let ts = now.to_string();
        let sig = verifier.sign(MSG_ID.as_bytes(), now, &body).unwrap();
        let values = HeaderValues {
            id: Some(MSG_ID.as_bytes()),
            timestamp: Some(ts.as_bytes()),
            signature: Some(sig.as_bytes()),
        };
        let mut header_map = http::HeaderMap::new();
        header_map.insert("webhook-id", MSG_ID.parse().unwrap());
        header_map.insert("webhook-timestamp", ts.parse().unwrap());
        header_map.insert("webhook-signature", sig.parse().unwrap());
        verifier.verify_values_at(&body, values, now).unwrap();
        reference.verify(&body, &header_map).unwrap();

        let mut rows: Vec<Row> = vec![
            (
                "floor_hmac",
                Box::new(|| {
                    let mut mac = floor_key.clone();
                    mac.update(black_box(MSG_ID.as_bytes()));
                    mac.update(b".");
                    mac.update(black_box(ts.as_bytes()));
                    mac.update(b".");
                    mac.update(black_box(&body));
                    black_box(mac.finalize().into_bytes());
                }),
            ),
            (
                "ours_values_at",
                Box::new(|| {
                    black_box(verifier.verify_values_at(black_box(&body), values, now)).unwrap();
                }),
            ),
            (
                "reference",
                Box::new(|| {
                    black_box(reference.verify(black_box(&body), &header_map)).unwrap();
                }),
            ),
        ];
        let iters: Vec<u64> = rows
            .iter_mut()
            .map(|(_, f)| calibrate(f.as_mut(), batch_ns))
            .collect();
        // One round times every row once; a 1 MiB round is long, so fewer of them.
        let round_ns: f64 = rows
            .iter_mut()
            .zip(&iters)
            .map(|((_, f), n)| {
                let start = Instant::now();
                for _ in 0..*n {
                    f();
                }
                start.elapsed().as_nanos() as f64
            })
            .sum();
        let rounds = ((budget_ns / round_ns) as u64).clamp(max_rounds.min(21), max_rounds);
        let mut per_iter: Vec<Vec<f64>> = vec![Vec::new(); rows.len()];
        let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); rows.len()];
        for _ in 0..rounds {
            let mut this_round = Vec::with_capacity(rows.len());
            for ((_, f), n) in rows.iter_mut().zip(&iters) {
                let start = Instant::now();
                for _ in 0..*n {
                    f();
                }
                this_round.push(start.elapsed().as_nanos() as f64 / *n as f64);
            }
            for (i, t) in this_round.iter().enumerate() {
                per_iter[i].push(*t);
                ratios[i].push(t / this_round[0]);
            }
        }
        for (i, (name, _)) in rows.iter().enumerate() {
            println!(
                "{{\"size\":{size},\"row\":\"{name}\",\"median_ns\":{:.1},\"ratio_to_floor\":{:.4}}}",
                median(&mut per_iter[i]),
                median(&mut ratios[i])
            );
        }
    }
}
