//! Reading a 100-item list response into a tree with each candidate reader.

use bench_xml::{page, Reader};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn readers(c: &mut Criterion) {
    let bytes = page(100);
    let expected = Reader::QuickXml.parse(&bytes).expect("well-formed");
    let mut group = c.benchmark_group("xml_read_page_100");
    for reader in Reader::ALL {
        assert_eq!(
            reader.parse(&bytes).as_ref(),
            Ok(&expected),
            "{}",
            reader.name()
        );
        group.bench_with_input(
            BenchmarkId::from_parameter(reader.name()),
            &bytes,
            |b, bytes| b.iter(|| reader.parse(bytes).expect("reads")),
        );
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
