//! Sign one webhook (`v1,<base64>`): our core beside the `standardwebhooks` crate.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use stdwebhooks::{Key, Verifier};
use stdwebhooks_bench::{payload, size_label, MSG_ID, SECRET, SIZES};

const TIMESTAMP: i64 = 1_700_000_000;

fn sign(c: &mut Criterion) {
    let verifier = Verifier::new(Key::parse(SECRET).unwrap());
    let reference = standardwebhooks::Webhook::new(SECRET).unwrap();
    let mut group = c.benchmark_group("sign");
    for size in SIZES {
        let body = payload(size);
        // Both must produce the same text, or the comparison means nothing.
        assert_eq!(
            verifier.sign(MSG_ID.as_bytes(), TIMESTAMP, &body).unwrap(),
            reference.sign(MSG_ID, TIMESTAMP, &body).unwrap()
        );
        let label = size_label(size);
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("ours", &label), &body, |b, body| {
            b.iter(|| verifier.sign(black_box(MSG_ID.as_bytes()), TIMESTAMP, black_box(body)))
        });
        group.bench_with_input(BenchmarkId::new("reference", &label), &body, |b, body| {
            b.iter(|| reference.sign(black_box(MSG_ID), TIMESTAMP, black_box(body)))
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
    targets = sign
}
criterion_main!(benches);
