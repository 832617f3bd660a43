//! Key parsing: text to a ready verifier (base64 decode plus, for ours, the
//! HMAC inner/outer states computed once), beside the `standardwebhooks` crate.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use stdwebhooks::{Key, Verifier};
use stdwebhooks_bench::SECRET;

/// An ed25519 key pair as `whsk_` text (seed then public key), for the `v1a` parse cost.
fn ed25519_secret_text() -> String {
    let key = Key::ed25519_seed(&[7u8; 32]);
    key.expose_text().to_string()
}

fn keys(c: &mut Criterion) {
    let whsk = ed25519_secret_text();
    let mut group = c.benchmark_group("keys");
    group.bench_function("ours_parse_whsec", |b| {
        b.iter(|| Key::parse(black_box(SECRET)))
    });
    group.bench_function("ours_verifier_whsec", |b| {
        b.iter(|| Verifier::new(Key::parse(black_box(SECRET)).unwrap()))
    });
    group.bench_function("ours_parse_whsk", |b| {
        b.iter(|| Key::parse(black_box(&whsk)))
    });
    group.bench_function("reference_new_whsec", |b| {
        b.iter(|| standardwebhooks::Webhook::new(black_box(SECRET)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1));
    targets = keys
}
criterion_main!(benches);
