//! Every Rust identifier the generator emits is made here, and only here.
//!
//! Case conversion is `heck`'s, after one normalisation step for the ways AWS
//! models spell acronyms: a plural (`ACLs`) or a version suffix (`IPv4`,
//! `dynamoDBv2`) stays one word with its acronym, as Rust users of the AWS SDKs
//! expect (`acls`, `ipv4`, `dynamo_dbv2`).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that can only be used as raw identifiers (`r#type`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// A Rust type name (`UpperCamelCase`) for a shape or enum variant name.
pub fn type_name(raw: &str) -> String {
    sanitize(normalize_acronyms(raw).to_upper_camel_case())
}

/// A Rust field, method or module name (`snake_case`) for a member or shape name.
pub fn field_name(raw: &str) -> String {
    sanitize(normalize_acronyms(raw).to_snake_case())
}

/// A module or file name (`snake_case`) for a shape name: like [`field_name`],
/// but a keyword gets a `_` suffix, because file names cannot be raw.
pub fn module_name(raw: &str) -> String {
    let name = field_name(raw);
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => name,
    }
}

/// The builder method that replaces a member's whole value (`set_uuid`).
pub fn setter_name(field: &str) -> String {
    let bare = field.trim_start_matches("r#").trim_matches('_');
    format!("set_{bare}")
}

/// Makes a converted name a legal identifier: characters other than ASCII
/// letters, digits and `_` become `_`, a leading digit gets a `_`
/// prefix, a keyword becomes raw (`r#type`), and the keywords that cannot be
/// raw get a `_` suffix.
fn sanitize(name: String) -> String {
    let name: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let name = if name.is_empty() {
        "_".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Turns an upper-case run followed by a plural `s` or by `v` and digits into
/// one capitalised word (`ACLs` → `Acls`, `IPv4` → `Ipv4`), so that heck does
/// not split the trailing letter off the acronym.
fn normalize_acronyms(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_uppercase() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_uppercase() {
            i += 1;
        }
        let run = &chars[start..i];
        let tail_len = acronym_tail(&chars[i..]);
        if run.len() >= 2 && tail_len > 0 {
            out.push(run[0]);
            out.extend(run[1..].iter().map(char::to_ascii_lowercase));
            out.extend(&chars[i..i + tail_len]);
            i += tail_len;
        } else {
            out.extend(run);
        }
    }
    out
}

/// Length of a plural `s` or a `v<digits>` suffix that ends a word at the
/// start of `rest`; 0 when there is none.
fn acronym_tail(rest: &[char]) -> usize {
    let ends_word = |at: usize| rest.get(at).is_none_or(|c| !c.is_ascii_lowercase());
    match rest.first() {
        Some('s') if ends_word(1) && !rest.get(1).is_some_and(char::is_ascii_digit) => 1,
        Some('v') if rest.get(1).is_some_and(char::is_ascii_digit) => {
            let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if ends_word(1 + digits) {
                1 + digits
            } else {
                0
            }
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (wire name, field name, type name)
    const CASES: &[(&str, &str, &str)] = &[
        ("UUID", "uuid", "Uuid"),
        ("KMSKeyArn", "kms_key_arn", "KmsKeyArn"),
        (
            "DocumentDBEventSourceConfig",
            "document_db_event_source_config",
            "DocumentDbEventSourceConfig",
        ),
        (
            "SASL_SCRAM_512_AUTH",
            "sasl_scram_512_auth",
            "SaslScram512Auth",
        ),
        ("ACLs", "acls", "Acls"),
        ("IAMUser", "iam_user", "IamUser"),
        ("IPv4", "ipv4", "Ipv4"),
        ("S3Location", "s3_location", "S3Location"),
        ("dynamoDBv2", "dynamo_dbv2", "DynamoDbv2"),
        ("EventSourceArn", "event_source_arn", "EventSourceArn"),
        ("MaxItems", "max_items", "MaxItems"),
        (
            "retryAfterSeconds",
            "retry_after_seconds",
            "RetryAfterSeconds",
        ),
        ("message", "message", "Message"),
        ("URI", "uri", "Uri"),
        ("TRIM_HORIZON", "trim_horizon", "TrimHorizon"),
        ("AT_TIMESTAMP", "at_timestamp", "AtTimestamp"),
        (
            "ReportBatchItemFailures",
            "report_batch_item_failures",
            "ReportBatchItemFailures",
        ),
        (
            "KAFKA_BOOTSTRAP_SERVERS",
            "kafka_bootstrap_servers",
            "KafkaBootstrapServers",
        ),
        ("Type", "r#type", "Type"),
        ("type", "r#type", "Type"),
        ("Match", "r#match", "Match"),
        ("Self", "self_", "Self_"),
        ("self", "self_", "Self_"),
        ("super", "super_", "Super"),
        ("Crate", "crate_", "Crate"),
        ("3DModel", "_3d_model", "_3dModel"),
        ("Users", "users", "Users"),
        ("ARNs", "arns", "Arns"),
        ("IDs", "ids", "Ids"),
        ("VPCsList", "vpcs_list", "VpcsList"),
        ("Ec2v2", "ec2v2", "Ec2v2"),
        ("python3.11", "python3_11", "Python311"),
        ("nodejs20.x", "nodejs20_x", "Nodejs20X"),
    ];

    #[test]
    fn naming_table() {
        for (wire, field, ty) in CASES {
            assert_eq!(field_name(wire), *field, "field name of {wire}");
            assert_eq!(type_name(wire), *ty, "type name of {wire}");
        }
    }

    #[test]
    fn every_keyword_is_escaped() {
        for keyword in KEYWORDS {
            assert_eq!(field_name(keyword), format!("r#{keyword}"), "{keyword}");
        }
        for keyword in NOT_RAW.iter().filter(|k| **k != "_") {
            assert!(field_name(keyword).ends_with('_'), "{keyword}");
        }
    }
}
