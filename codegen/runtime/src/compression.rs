//! `@requestCompression`: gzip request bodies.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;

/// The body gzip-compressed at the library's default, balanced level.
pub fn gzip(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 2), Compression::default());
    encoder.write_all(body)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    #[test]
    fn gzip_round_trips() {
        let body = "a body that compresses well, ".repeat(100);
        let compressed = super::gzip(body.as_bytes()).expect("compresses");
        assert!(compressed.len() < body.len() / 4, "{}", compressed.len());
        let mut back = String::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .read_to_string(&mut back)
            .expect("decompresses");
        assert_eq!(back, body);
    }
}
