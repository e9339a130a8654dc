//! Request and response checksums: `@httpChecksumRequired`'s `Content-MD5`,
//! and `aws.protocols#httpChecksum`'s `x-amz-checksum-*` headers (CRC32,
//! CRC32C, CRC64NVME, SHA-1, SHA-256) on requests, checked on responses.

use base64::Engine as _;
use md5::{Digest, Md5};

use crate::config::{Config, RequestChecksumCalculation, ResponseChecksumValidation};
use crate::protocol::Pairs;
use crate::transport::HttpResponse;

/// The base64 of the body's MD5, for the `Content-MD5` header.
pub fn content_md5(body: &[u8]) -> String {
    base64(&Md5::digest(body))
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A checksum algorithm of `aws.protocols#httpChecksum` this crate computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// CRC32 (ISO-HDLC), the default.
    Crc32,
    /// CRC32C (Castagnoli).
    Crc32c,
    /// CRC64/NVME.
    Crc64Nvme,
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
}

impl Algorithm {
    /// The algorithms checked on responses, in the order they are looked for.
    const BY_PREFERENCE: [Algorithm; 5] = [
        Algorithm::Crc64Nvme,
        Algorithm::Crc32c,
        Algorithm::Crc32,
        Algorithm::Sha1,
        Algorithm::Sha256,
    ];

    /// The algorithm of a model's name for it (`CRC32`, `sha256`), if supported.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Some(match name.to_ascii_uppercase().as_str() {
            "CRC32" => Algorithm::Crc32,
            "CRC32C" => Algorithm::Crc32c,
            "CRC64NVME" => Algorithm::Crc64Nvme,
            "SHA1" => Algorithm::Sha1,
            "SHA256" => Algorithm::Sha256,
            _ => return None,
        })
    }

    /// The model's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Crc32 => "CRC32",
            Algorithm::Crc32c => "CRC32C",
            Algorithm::Crc64Nvme => "CRC64NVME",
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
        }
    }

    /// The header that carries it (`x-amz-checksum-crc32`).
    pub fn header(self) -> &'static str {
        match self {
            Algorithm::Crc32 => "x-amz-checksum-crc32",
            Algorithm::Crc32c => "x-amz-checksum-crc32c",
            Algorithm::Crc64Nvme => "x-amz-checksum-crc64nvme",
            Algorithm::Sha1 => "x-amz-checksum-sha1",
            Algorithm::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// The checksum of `body`, in base64 (of the big-endian bytes, for CRCs).
    pub fn checksum(self, body: &[u8]) -> String {
        match self {
            Algorithm::Crc32 => base64(&crc32fast::hash(body).to_be_bytes()),
            Algorithm::Crc32c => base64(&crc32c::crc32c(body).to_be_bytes()),
            Algorithm::Crc64Nvme => {
                let mut digest = crc64fast_nvme::Digest::new();
                digest.write(body);
                base64(&digest.sum64().to_be_bytes())
            }
            Algorithm::Sha1 => base64(&sha1::Sha1::digest(body)),
            Algorithm::Sha256 => base64(&sha2::Sha256::digest(body)),
        }
    }
}

/// An operation's `aws.protocols#httpChecksum` request behavior, and what
/// its input sets.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestChecksum<'a> {
    /// `requestChecksumRequired` (or `@httpChecksumRequired`).
    pub required: bool,
    /// Whether the operation has a `requestAlgorithmMember`.
    pub has_algorithm_member: bool,
    /// The algorithm the input's `requestAlgorithmMember` names, if set.
    pub algorithm: Option<&'a str>,
    /// The header that member is bound to (`x-amz-sdk-checksum-algorithm`),
    /// set to the default algorithm when the input leaves it unset.
    pub algorithm_header: Option<&'static str>,
    /// Whether the operation has a `requestValidationModeMember`.
    pub has_validation_member: bool,
    /// The input's `requestValidationModeMember`, if set.
    pub validation: Option<&'a str>,
    /// The header that member is bound to (`x-amz-checksum-mode`), set to
    /// `ENABLED` when the input leaves it unset and responses are checked.
    pub validation_header: Option<&'static str>,
}

fn has_header(headers: &Pairs, name: &str) -> bool {
    headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// Adds the request's checksum headers as the specification says: the
/// algorithm the input names, else (when the operation requires a
/// checksum, or the configuration asks for one whenever supported) CRC32,
/// also set in the algorithm member's header; no computation when the
/// input set that checksum's header itself; `Content-MD5` for an operation
/// that requires a checksum but names no algorithm member. Fails on an
/// algorithm this crate does not compute.
pub fn add_request_checksum(
    headers: &mut Pairs,
    body: &[u8],
    spec: &RequestChecksum<'_>,
    config: &Config,
) -> Result<(), String> {
    if spec.has_validation_member
        && spec.validation.is_none()
        && config.response_checksum_validation() == ResponseChecksumValidation::WhenSupported
    {
        if let Some(header) = spec.validation_header {
            headers.push((header.into(), "ENABLED".into()));
        }
    }
    if !spec.has_algorithm_member {
        if spec.required && !has_header(headers, "content-md5") {
            headers.push(("Content-MD5".into(), content_md5(body)));
        }
        return Ok(());
    }
    let name = match spec.algorithm {
        Some(name) => name,
        None if spec.required
            || config.request_checksum_calculation()
                == RequestChecksumCalculation::WhenSupported =>
        {
            let default = Algorithm::Crc32.name();
            if let Some(header) = spec.algorithm_header {
                if !has_header(headers, header) {
                    headers.push((header.into(), default.into()));
                }
            }
            default
        }
        None => return Ok(()),
    };
    let algorithm = Algorithm::from_name(name).ok_or_else(|| {
        format!(
            "the request checksum algorithm {name} is not supported (CRC32, CRC32C, CRC64NVME, SHA1 and SHA256 are)"
        )
    })?;
    if !has_header(headers, algorithm.header()) {
        headers.push((algorithm.header().into(), algorithm.checksum(body)));
    }
    Ok(())
}

/// The algorithms to check a response with: the operation's
/// `responseAlgorithms` when the input's validation member is `ENABLED`,
/// or unset with the configuration checking whenever supported; none otherwise.
pub fn response_algorithms(
    validation: Option<&str>,
    algorithms: &'static [&'static str],
    config: &Config,
) -> &'static [&'static str] {
    let enabled = match validation {
        Some(mode) => mode == "ENABLED",
        None => config.response_checksum_validation() == ResponseChecksumValidation::WhenSupported,
    };
    if enabled {
        algorithms
    } else {
        &[]
    }
}

/// Checks the response's body against the first checksum header it has of
/// `algorithms` (CRC64NVME, CRC32C, CRC32, SHA-1, SHA-256 first), and
/// returns the algorithm checked; `None` when it carries none of them, or
/// only a checksum of parts (`...-3`, an S3 multipart object's), which the
/// body cannot be checked against.
pub fn check_response(
    response: &HttpResponse,
    algorithms: &[&str],
) -> Result<Option<Algorithm>, String> {
    for algorithm in Algorithm::BY_PREFERENCE {
        if !algorithms
            .iter()
            .any(|a| a.eq_ignore_ascii_case(algorithm.name()))
        {
            continue;
        }
        let Some(expected) = response.headers().get(algorithm.header()) else {
            continue;
        };
        let expected = expected.to_str().unwrap_or_default().trim();
        if expected.contains('-') {
            return Ok(None);
        }
        let actual = algorithm.checksum(response.body());
        if actual != expected {
            return Err(format!(
                "the response body's {} is {actual}, but its {} header says {expected:?}",
                algorithm.name(),
                algorithm.header()
            ));
        }
        return Ok(Some(algorithm));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_md5_of_a_body_in_base64() {
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(
            content_md5(br#"{"foo":"base64 encoded md5 checksum"}"#),
            "iB0/3YSo7maijL0IGOgA9g=="
        );
    }

    #[test]
    fn each_algorithm_gives_the_known_checksum_of_hello_world() {
        // The values AWS's documentation and SDK tests give for "Hello world".
        let body = b"Hello world";
        assert_eq!(Algorithm::Crc32.checksum(body), "i9aeUg==");
        assert_eq!(Algorithm::Crc32c.checksum(body), "crUfeA==");
        assert_eq!(Algorithm::Crc64Nvme.checksum(body), "OOJZ0D8xKts=");
        assert_eq!(
            Algorithm::Sha1.checksum(body),
            "e1AsOh9IyGCa4hLN+2Od7jlnP14="
        );
        assert_eq!(
            Algorithm::Sha256.checksum(body),
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw="
        );
    }

    fn config(calculation: RequestChecksumCalculation) -> Config {
        Config::builder()
            .request_checksum_calculation(calculation)
            .build()
    }

    #[test]
    fn the_named_algorithm_else_crc32_else_nothing() {
        let spec = RequestChecksum {
            has_algorithm_member: true,
            algorithm_header: Some("x-amz-sdk-checksum-algorithm"),
            ..RequestChecksum::default()
        };
        let supported = config(RequestChecksumCalculation::WhenSupported);
        let mut headers = Pairs::new();
        add_request_checksum(&mut headers, b"Hello world", &spec, &supported).unwrap();
        assert_eq!(
            headers,
            [
                ("x-amz-sdk-checksum-algorithm".into(), "CRC32".into()),
                ("x-amz-checksum-crc32".into(), "i9aeUg==".into())
            ]
        );

        let mut headers = Pairs::new();
        let required_only = config(RequestChecksumCalculation::WhenRequired);
        add_request_checksum(&mut headers, b"x", &spec, &required_only).unwrap();
        assert!(headers.is_empty(), "{headers:?}");

        let sha = RequestChecksum {
            algorithm: Some("SHA256"),
            ..spec
        };
        let mut headers = vec![("x-amz-sdk-checksum-algorithm".into(), "SHA256".into())];
        add_request_checksum(&mut headers, b"Hello world", &sha, &required_only).unwrap();
        assert_eq!(headers[1].0, "x-amz-checksum-sha256");

        let set_by_caller = RequestChecksum {
            algorithm: Some("CRC32"),
            ..spec
        };
        let mut headers = vec![("x-amz-checksum-crc32".into(), "given".into())];
        add_request_checksum(&mut headers, b"x", &set_by_caller, &supported).unwrap();
        assert_eq!(headers, [("x-amz-checksum-crc32".into(), "given".into())]);

        let unknown = RequestChecksum {
            algorithm: Some("XXHASH3"),
            ..spec
        };
        let err = add_request_checksum(&mut Pairs::new(), b"x", &unknown, &supported).unwrap_err();
        assert!(err.contains("XXHASH3"), "{err}");
    }

    #[test]
    fn required_without_an_algorithm_member_is_content_md5() {
        let spec = RequestChecksum {
            required: true,
            ..RequestChecksum::default()
        };
        let mut headers = Pairs::new();
        let config = config(RequestChecksumCalculation::WhenRequired);
        add_request_checksum(&mut headers, b"", &spec, &config).unwrap();
        assert_eq!(
            headers,
            [("Content-MD5".into(), "1B2M2Y8AsgTpgAmY7PhCfg==".into())]
        );
    }

    fn response(headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
        let mut builder = http::Response::builder().status(200);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.to_vec()).unwrap()
    }

    #[test]
    fn responses_are_checked_with_the_preferred_listed_algorithm() {
        let all = &["CRC32", "CRC32C", "SHA1", "SHA256"];
        let ok = response(
            &[
                ("x-amz-checksum-sha256", "wrong, but not looked at"),
                ("x-amz-checksum-crc32", "i9aeUg=="),
            ],
            b"Hello world",
        );
        assert_eq!(check_response(&ok, all), Ok(Some(Algorithm::Crc32)));
        let bad = response(&[("x-amz-checksum-crc32c", "AAAAAA==")], b"Hello world");
        let err = check_response(&bad, all).unwrap_err();
        assert!(err.contains("x-amz-checksum-crc32c"), "{err}");
        let unlisted = response(&[("x-amz-checksum-crc64nvme", "AAAAAAAAAAA=")], b"x");
        assert_eq!(check_response(&unlisted, all), Ok(None));
        let parts = response(&[("x-amz-checksum-crc32", "i9aeUg==-3")], b"x");
        assert_eq!(check_response(&parts, all), Ok(None));
    }
}
