//! `@httpChecksumRequired`: the `Content-MD5` of a request's body.

use base64::Engine as _;
use md5::{Digest, Md5};

/// The base64 of the body's MD5, for the `Content-MD5` header.
pub fn content_md5(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_md5_of_a_body_in_base64() {
        assert_eq!(super::content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(
            super::content_md5(br#"{"foo":"base64 encoded md5 checksum"}"#),
            "iB0/3YSo7maijL0IGOgA9g=="
        );
    }
}
