//! `aws.protocols#httpChecksum`: which input members name an operation's
//! request checksum algorithm and ask for response validation, and the
//! headers they are bound to, checked against the input structure.

use serde::Deserialize;

use super::traits::{self, get};
use super::{Crate, Location, TypeKind, TypeRef};
use crate::error::{Error, Result};
use crate::model::Model;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HttpChecksumTrait {
    #[serde(default)]
    request_algorithm_member: Option<String>,
    #[serde(default)]
    request_validation_mode_member: Option<String>,
    #[serde(default)]
    response_algorithms: Vec<String>,
}

/// An operation's `aws.protocols#httpChecksum`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpChecksum {
    /// The `requestAlgorithmMember`.
    pub algorithm: Option<ChecksumMember>,
    /// The `requestValidationModeMember`.
    pub validation: Option<ChecksumMember>,
    /// The `responseAlgorithms`, as the model spells them.
    pub response_algorithms: Vec<String>,
}

/// An input member the trait names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumMember {
    /// Its field.
    pub field: String,
    /// Whether the field is a plain value rather than an `Option`.
    pub required: bool,
    /// Whether it is an enum (read with `as_str()`) rather than a string.
    pub enumeration: bool,
    /// The header it is bound to, if any.
    pub header: Option<String>,
}

/// Fills in each operation's `http_checksum`.
pub fn bind(model: &Model, krate: &mut Crate) -> Result<()> {
    let types = &krate.types;
    for op in &mut krate.operations {
        let shape = &model.shapes[&op.shape_id];
        let Some(t) = get::<HttpChecksumTrait>(&op.shape_id, &shape.traits, traits::HTTP_CHECKSUM)?
        else {
            continue;
        };
        let members = match &types[op.input.0].kind {
            TypeKind::Struct(s) => s.members.as_slice(),
            _ => &[],
        };
        let member = |name: &Option<String>, property: &str| -> Result<Option<ChecksumMember>> {
            let Some(name) = name else {
                return Ok(None);
            };
            let invalid = |reason: &str| Error::InvalidTrait {
                shape: op.shape_id.clone(),
                name: traits::HTTP_CHECKSUM.to_owned(),
                reason: format!("{property} {name:?} {reason}"),
            };
            let m = members
                .iter()
                .find(|m| m.wire_name == *name)
                .ok_or_else(|| invalid("is not a member of the input"))?;
            let enumeration = matches!(&m.ty, TypeRef::Named(id) if matches!(types[id.0].kind, TypeKind::Enum(_)));
            if !enumeration && m.ty != TypeRef::String {
                return Err(invalid("is neither an enum nor a string"));
            }
            Ok(Some(ChecksumMember {
                field: m.field.clone(),
                required: m.required,
                enumeration,
                header: match &m.location {
                    Location::Header(h) => Some(h.clone()),
                    _ => None,
                },
            }))
        };
        let algorithm = member(&t.request_algorithm_member, "requestAlgorithmMember")?;
        let validation = member(
            &t.request_validation_mode_member,
            "requestValidationModeMember",
        )?;
        let mut response_algorithms = t.response_algorithms;
        response_algorithms.sort();
        op.http_checksum = Some(HttpChecksum {
            algorithm,
            validation,
            response_algorithms,
        });
    }
    Ok(())
}

/// The checksum headers an example's request carries with the default
/// configuration (checksums whenever supported), added to `headers`: the
/// validation member's `ENABLED` and the algorithm member's `CRC32` where
/// the example leaves them unset, and the checksum header itself, or
/// `Content-MD5` for a required checksum without an algorithm member. A
/// checksum's value is left empty: the example's test checks it against
/// the body actually sent.
pub fn example_headers(
    model: &Model,
    op_id: &str,
    shape: &crate::load::ast::Shape,
    input: &serde_json::Value,
    required: bool,
    headers: &mut Vec<(String, String)>,
) -> Result<()> {
    let t = get::<HttpChecksumTrait>(op_id, &shape.traits, traits::HTTP_CHECKSUM)?;
    let members = shape
        .input
        .as_ref()
        .and_then(|r| model.shapes.get(&r.target))
        .map(|s| &s.members);
    let header_of = |name: &str| -> Option<String> {
        members?
            .get(name)?
            .traits
            .get(traits::HTTP_HEADER)?
            .as_str()
            .map(str::to_owned)
    };
    let set = |name: &str| input.get(name).and_then(serde_json::Value::as_str);
    let has = |headers: &Vec<(String, String)>, name: &str| {
        headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    let Some(t) = t.filter(|t| {
        t.request_algorithm_member.is_some() || t.request_validation_mode_member.is_some()
    }) else {
        if required && !has(headers, "content-md5") {
            headers.push(("Content-MD5".to_owned(), String::new()));
        }
        return Ok(());
    };
    if let Some(member) = &t.request_validation_mode_member {
        if let (None, Some(header)) = (set(member), header_of(member)) {
            headers.push((header, "ENABLED".to_owned()));
        }
    }
    let Some(member) = &t.request_algorithm_member else {
        if required && !has(headers, "content-md5") {
            headers.push(("Content-MD5".to_owned(), String::new()));
        }
        return Ok(());
    };
    let algorithm = match set(member) {
        Some(algorithm) => algorithm.to_owned(),
        None => {
            if let Some(header) = header_of(member) {
                headers.push((header, "CRC32".to_owned()));
            }
            "CRC32".to_owned()
        }
    };
    let checksum_header = format!("x-amz-checksum-{}", algorithm.to_ascii_lowercase());
    if !has(headers, &checksum_header) {
        headers.push((checksum_header, String::new()));
    }
    Ok(())
}
