//! Verify one webhook: our core beside the `standardwebhooks` crate and the
//! raw keyed HMAC-SHA256 floor, at every payload size.
//!
//! Rows (criterion ids `verify/<row>/<size>`):
//! - `floor_hmac`: `hmac` + `sha2` with the keyed state precomputed and cloned
//!   per message, fed `id.ts.payload`. Nothing can verify faster than this.
//! - `ours_values_at`: `Verifier::verify_values_at`, header values given, fixed clock.
//! - `ours_values`: `Verifier::verify_values`, reading the system clock.
//! - `ours_list`: `Verifier::verify` over the 20 gateway headers as a slice of pairs.
//! - `ours_map`: `Verifier::verify` over the 20 gateway headers in a `HashMap`.
//! - `reference`: `standardwebhooks::Webhook::verify` over the same 20 headers
//!   in an `http::HeaderMap` (the only header type it takes).

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use stdwebhooks::{HeaderValues, Key, Verifier};
use stdwebhooks_bench::{gateway_headers, payload, size_label, MSG_ID, SECRET, SIZES};

fn secret_bytes() -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(SECRET.strip_prefix("whsec_").unwrap())
        .unwrap()
}

fn verify(c: &mut Criterion) {
    let verifier = Verifier::new(Key::parse(SECRET).unwrap());
    let reference = standardwebhooks::Webhook::new(SECRET).unwrap();
    let floor_key = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret_bytes()).unwrap();

    let mut group = c.benchmark_group("verify");
    for size in SIZES {
        let body = payload(size);
        // Signed per size, just before use: the reference checks the real clock
        // against a fixed 5-minute window.
        let now = stdwebhooks::now();
        let ts = now.to_string();
        let sig = verifier.sign(MSG_ID.as_bytes(), now, &body).unwrap();
        let list = gateway_headers(MSG_ID, &ts, &sig);
        let map: HashMap<String, String> = list
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut header_map = http::HeaderMap::new();
        for (k, v) in &list {
            header_map.insert(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                http::HeaderValue::from_str(v).unwrap(),
            );
        }
        let values = HeaderValues {
            id: Some(MSG_ID.as_bytes()),
            timestamp: Some(ts.as_bytes()),
            signature: Some(sig.as_bytes()),
        };
        // Every row must accept the webhook, or its time means nothing.
        verifier.verify_values_at(&body, values, now).unwrap();
        verifier.verify(&body, &map).unwrap();
        verifier.verify(&body, list.as_slice()).unwrap();
        reference.verify(&body, &header_map).unwrap();

        let label = size_label(size);
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("floor_hmac", &label), &body, |b, body| {
            b.iter(|| {
                let mut mac = floor_key.clone();
                mac.update(black_box(MSG_ID.as_bytes()));
                mac.update(b".");
                mac.update(black_box(ts.as_bytes()));
                mac.update(b".");
                mac.update(black_box(body));
                mac.finalize().into_bytes()
            })
        });
        group.bench_with_input(
            BenchmarkId::new("ours_values_at", &label),
            &body,
            |b, body| {
                b.iter(|| {
                    verifier.verify_values_at(black_box(body), black_box(values), black_box(now))
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("ours_values", &label), &body, |b, body| {
            b.iter(|| verifier.verify_values(black_box(body), black_box(values)))
        });
        group.bench_with_input(BenchmarkId::new("ours_list", &label), &body, |b, body| {
            b.iter(|| verifier.verify(black_box(body), black_box(list.as_slice())))
        });
        group.bench_with_input(BenchmarkId::new("ours_map", &label), &body, |b, body| {
            b.iter(|| verifier.verify(black_box(body), black_box(&map)))
        });
        group.bench_with_input(BenchmarkId::new("reference", &label), &body, |b, body| {
            b.iter(|| reference.verify(black_box(body), black_box(&header_map)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Many short samples rather than the default 100 long ones: on a shared
    // machine few short samples contain a preemption, so the median stays clean.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
        .sample_size(300)
        .nresamples(20_000);
    targets = verify
}
criterion_main!(benches);
