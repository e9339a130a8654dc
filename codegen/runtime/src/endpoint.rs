//! What generated endpoint resolvers build on: the resolved [`Endpoint`], the
//! [`EndpointError`] a rule set reports, and the standard library of
//! functions that Smithy endpoint rules call (`aws.partition`, `parseURL`,
//! `isValidHostLabel`, `substring`, `uriEncode`, `aws.isVirtualHostableS3Bucket`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// Where a request goes: the URL, and the headers and properties the rule
/// set attaches to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: serde_json::Map<String, serde_json::Value>,
}

impl Endpoint {
    /// An endpoint with this URL and no headers or properties.
    pub fn new(url: impl Into<String>) -> Endpoint {
        Endpoint {
            url: url.into(),
            headers: BTreeMap::new(),
            properties: serde_json::Map::new(),
        }
    }

    /// Adds a header value.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Endpoint {
        self.headers
            .entry(name.into())
            .or_default()
            .push(value.into());
        self
    }

    /// Sets a property.
    pub fn with_property(mut self, name: impl Into<String>, value: serde_json::Value) -> Endpoint {
        self.properties.insert(name.into(), value);
        self
    }

    /// The URL requests are sent to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to add to every request, by name.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// Properties of the endpoint, such as `authSchemes`.
    pub fn properties(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.properties
    }
}

/// The endpoint rules reject the parameters (FIPS asked for in a partition
/// without it, say), or no rule matches them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> EndpointError {
        EndpointError {
            message: message.into(),
        }
    }

    /// What the rule set says.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot resolve the endpoint: {}", self.message)
    }
}

impl std::error::Error for EndpointError {}

/// What `aws.partition` returns for a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartitionOutputs {
    /// The partition's name (`aws`).
    pub name: &'static str,
    /// The DNS suffix of its endpoints (`amazonaws.com`).
    pub dns_suffix: &'static str,
    /// The DNS suffix of its dual-stack endpoints (`api.aws`).
    pub dual_stack_dns_suffix: &'static str,
    /// Whether it has FIPS endpoints.
    pub supports_fips: bool,
    /// Whether it has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region global endpoints are in.
    pub implicit_global_region: &'static str,
}

/// One partition of the partitions data.
#[derive(Debug)]
pub struct Partition {
    /// The partition's ID (`aws`).
    pub id: &'static str,
    /// A pattern that region names of the partition match.
    pub region_regex: &'static str,
    /// The partition's outputs.
    pub outputs: PartitionOutputs,
    /// The regions it lists, each with its own outputs where they differ from the partition's.
    pub regions: &'static [(&'static str, Option<PartitionOutputs>)],
}

/// The partitions, with their region patterns compiled on first use.
#[derive(Debug)]
pub struct PartitionTable {
    partitions: &'static [Partition],
    patterns: OnceLock<Vec<Option<regex_lite::Regex>>>,
}

impl PartitionTable {
    /// A table of these partitions.
    pub const fn new(partitions: &'static [Partition]) -> PartitionTable {
        PartitionTable {
            partitions,
            patterns: OnceLock::new(),
        }
    }

    /// `aws.partition`: the partition that lists `region`, else the first
    /// whose pattern `region` matches, else the `aws` partition.
    pub fn find(&self, region: &str) -> Option<&PartitionOutputs> {
        let table = self.partitions;
        let listed = table.iter().find_map(|p| {
            let (_, own) = p.regions.iter().find(|(name, _)| *name == region)?;
            Some(own.as_ref().unwrap_or(&p.outputs))
        });
        if listed.is_some() {
            return listed;
        }
        let patterns = self.patterns.get_or_init(|| {
            table
                .iter()
                .map(|p| regex_lite::Regex::new(p.region_regex).ok())
                .collect()
        });
        table
            .iter()
            .zip(patterns)
            .find(|(_, pattern)| pattern.as_ref().is_some_and(|r| r.is_match(region)))
            .map(|(p, _)| &p.outputs)
            .or_else(|| table.iter().find(|p| p.id == "aws").map(|p| &p.outputs))
    }
}

/// What `parseURL` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// Host and port.
    pub authority: String,
    /// The path, as written.
    pub path: String,
    /// The path with a `/` at each end.
    pub normalized_path: String,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
}

/// `parseURL`: an `http` or `https` URL without a query, taken apart.
pub fn parse_url(url: &str) -> Option<Url> {
    let uri: http::Uri = url.parse().ok()?;
    let scheme = uri.scheme_str()?;
    if (scheme != "http" && scheme != "https") || uri.query().is_some() || url.contains('?') {
        return None;
    }
    let authority = uri.authority()?;
    let host = authority.host();
    let is_ip = host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok();
    let path = if url.ends_with(authority.as_str()) {
        ""
    } else {
        uri.path()
    };
    let mut normalized_path = String::from(path);
    if !normalized_path.starts_with('/') {
        normalized_path.insert(0, '/');
    }
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.as_str().to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// `isValidHostLabel`: a DNS label (letters, digits, `-`, not starting with
/// `-`, at most 63 characters); with `allow_dots`, several joined by `.`.
pub fn is_valid_host_label(value: &str, allow_dots: bool) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if allow_dots {
        value.split('.').all(label)
    } else {
        label(value)
    }
}

/// `aws.isVirtualHostableS3Bucket`: whether `value` can lead an S3 host
/// (`bucket.s3.region.amazonaws.com`): a valid host label (dotted, with
/// `allow_subdomains`) whose every segment is a bucket-name segment: 3 to 63
/// lower-case letters, digits, `-` and `.`, starting and ending with a
/// letter or digit, not shaped like an IPv4 address, without `.-` or `-.`.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let segment = |s: &str| {
        let bytes = s.as_bytes();
        let edge = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        let ipv4 = s.split('.').count() == 4
            && s.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        (3..=63).contains(&s.len())
            && edge(bytes[0])
            && edge(bytes[s.len() - 1])
            && bytes.iter().all(|&b| edge(b) || b == b'-' || b == b'.')
            && !ipv4
            && !s.contains(".-")
            && !s.contains("-.")
    };
    if !is_valid_host_label(value, allow_subdomains) {
        return false;
    }
    if allow_subdomains {
        value.split('.').all(segment)
    } else {
        segment(value)
    }
}

/// `substring`: the ASCII characters `start..stop`, counted from the end when
/// `reverse` is set; `None` when the string is too short or not ASCII.
pub fn substring(value: &str, start: usize, stop: usize, reverse: bool) -> Option<String> {
    if start >= stop || value.len() < stop || !value.is_ascii() {
        return None;
    }
    let (from, to) = if reverse {
        (value.len() - stop, value.len() - start)
    } else {
        (start, stop)
    };
    Some(value[from..to].to_owned())
}

/// What `aws.parseArn` gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// The partition (`aws`).
    pub partition: String,
    /// The service namespace (`dynamodb`).
    pub service: String,
    /// The region; empty for resources outside regions.
    pub region: String,
    /// The account; empty for resources outside accounts.
    pub account_id: String,
    /// The resource, split on `:` and `/`.
    pub resource_id: Vec<String>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, with a
/// partition, a service and a resource; `None` for anything else.
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let (partition, service, region, account_id, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

/// `uriEncode`: percent-encodes everything but RFC 3986's unreserved characters.
pub fn uri_encode(value: &str) -> String {
    super::protocol::percent_encode(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_parse_as_the_rules_library_says() {
        let arn = parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE")
            .expect("valid");
        assert_eq!(
            (
                arn.partition.as_str(),
                arn.service.as_str(),
                arn.region.as_str()
            ),
            ("aws", "ec2", "us-east-1")
        );
        assert_eq!(arn.account_id, "012345678910");
        assert_eq!(arn.resource_id, ["vpc", "vpc-0e9801d129EXAMPLE"]);
        let iam = parse_arn("arn:aws:iam::012345678910:user/johndoe").expect("valid");
        assert_eq!((iam.region.as_str(), iam.resource_id.len()), ("", 2));
        let s3 = parse_arn("arn:aws:s3:::bucket_name").expect("valid");
        assert_eq!(s3.resource_id, ["bucket_name"]);
        let table = parse_arn("arn:aws:dynamodb:us-east-1:1:table/t:x").expect("valid");
        assert_eq!(table.resource_id, ["table", "t", "x"]);
        for bad in [
            "11111111-2222-3333-4444-555555555555",
            "arn:aws:s3:::",
            "arn::s3:::b",
            "arn:aws::::b",
            "urn:aws:s3:::b",
            "arn:aws:s3:b",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
    }

    const OUT: PartitionOutputs = PartitionOutputs {
        name: "aws",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
    };
    const CN: PartitionOutputs = PartitionOutputs {
        name: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        ..OUT
    };
    const SPECIAL: PartitionOutputs = PartitionOutputs {
        supports_fips: false,
        ..CN
    };
    static TABLE: PartitionTable = PartitionTable::new(&[
        Partition {
            id: "aws",
            region_regex: "^(us|eu)\\-\\w+\\-\\d+$",
            outputs: OUT,
            regions: &[("aws-global", None)],
        },
        Partition {
            id: "aws-cn",
            region_regex: "^cn\\-\\w+\\-\\d+$",
            outputs: CN,
            regions: &[("aws-cn-global", None), ("cn-special-1", Some(SPECIAL))],
        },
    ]);

    #[test]
    fn partitions_by_name_pattern_and_fallback() {
        assert_eq!(TABLE.find("aws-cn-global").map(|p| p.name), Some("aws-cn"));
        assert_eq!(
            TABLE.find("cn-special-1").map(|p| p.supports_fips),
            Some(false)
        );
        assert_eq!(
            TABLE.find("cn-north-1").map(|p| p.supports_fips),
            Some(true)
        );
        assert_eq!(TABLE.find("cn-north-9").map(|p| p.name), Some("aws-cn"));
        assert_eq!(TABLE.find("eu-west-1").map(|p| p.name), Some("aws"));
        assert_eq!(TABLE.find("mars-east-1").map(|p| p.name), Some("aws"));
    }

    #[test]
    fn urls() {
        let url = parse_url("https://example.com:8443/a/b").expect("valid");
        assert_eq!(
            (
                url.scheme.as_str(),
                url.authority.as_str(),
                url.path.as_str()
            ),
            ("https", "example.com:8443", "/a/b")
        );
        assert_eq!(url.normalized_path, "/a/b/");
        assert!(!url.is_ip);
        let bare = parse_url("http://127.0.0.1").expect("valid");
        assert!(bare.is_ip && bare.path.is_empty() && bare.normalized_path == "/");
        for bad in ["ftp://x", "https://x/?a=b", "not a url", "example.com"] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_labels_substrings_and_encoding() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(!is_valid_host_label("a.b", false) && is_valid_host_label("a.b", true));
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(is_virtual_hostable_s3_bucket("abc.bucket.name", true));
        assert!(
            !is_virtual_hostable_s3_bucket("my.bucket", false),
            "dots without subdomains"
        );
        assert!(!is_virtual_hostable_s3_bucket("ab", false), "too short");
        assert!(
            !is_virtual_hostable_s3_bucket("MyBucket", false),
            "upper case"
        );
        assert!(!is_virtual_hostable_s3_bucket("-bucket", false));
        assert!(
            !is_virtual_hostable_s3_bucket("192.168.5.4", true),
            "an IPv4 address"
        );
        assert!(
            !is_virtual_hostable_s3_bucket(&"a".repeat(64), false),
            "too long"
        );
        assert!(!is_valid_host_label("-a", false) && !is_valid_host_label("", false));
        assert_eq!(substring("abcdef", 0, 2, false).as_deref(), Some("ab"));
        assert_eq!(substring("abcdef", 0, 2, true).as_deref(), Some("ef"));
        assert_eq!(substring("ab", 0, 3, false), None);
        assert_eq!(uri_encode("a b/c"), "a%20b%2Fc");
    }
}
