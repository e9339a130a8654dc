//! Decoding and encoding a typed 100-item page with each candidate crate.

use bench_cbor::{page, Crate, Page};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn codecs(c: &mut Criterion) {
    let page = page(100);
    // The same bytes for every decoder. ciborium writes each float in the
    // shortest width that keeps it, which the others cannot read into an
    // `f64`, so minicbor-serde's encoding (every float in 64 bits) is used.
    let bytes = Crate::Minicbor.encode(&page).expect("encodes");
    let mut decode = c.benchmark_group("cbor_decode_page_100");
    for krate in Crate::ALL {
        assert_eq!(
            krate.decode::<Page>(&bytes).as_ref(),
            Ok(&page),
            "{}",
            krate.name()
        );
        decode.bench_with_input(
            BenchmarkId::from_parameter(krate.name()),
            &bytes,
            |b, bytes| b.iter(|| krate.decode::<Page>(bytes).expect("decodes")),
        );
    }
    decode.finish();
    let mut encode = c.benchmark_group("cbor_encode_page_100");
    for krate in Crate::ALL {
        encode.bench_with_input(
            BenchmarkId::from_parameter(krate.name()),
            &page,
            |b, page| b.iter(|| krate.encode(page).expect("encodes")),
        );
    }
    encode.finish();
}

criterion_group!(benches, codecs);
criterion_main!(benches);
